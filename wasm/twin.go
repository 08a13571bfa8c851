//go:build js && wasm

package main

import (
	"encoding/json"
	"strings"
	"syscall/js"
	"time"

	"gigasandbox/game"
)

// The text twin: the page as text in the DOM, kept in step with the
// canvas twice a second, for screen readers, keyboards and browser zoom
// (the canvas has no text a browser can read). It is visually hidden,
// except when the "Text view" link (the first thing the keyboard reaches)
// opens it. Messages the page shows as toasts are read out through a
// polite live region, at most one announcement every announceEvery, so
// that a run playing at speed does not flood a screen reader.

// announceEvery is the least time between two announcements.
const announceEvery = 3 * time.Second

func keepTwin(g *game.Game) {
	doc := js.Global().Get("document")
	body := doc.Get("body")
	el := func(tag, id, class string) js.Value {
		e := doc.Call("createElement", tag)
		if id != "" {
			e.Set("id", id)
		}
		if class != "" {
			e.Set("className", class)
		}
		return e
	}
	open := el("a", "twin-open", "skip")
	open.Set("href", "#twin")
	twin := el("section", "twin", "visually-hidden")
	live := el("div", "twin-live", "visually-hidden")
	live.Call("setAttribute", "aria-live", "polite")
	live.Call("setAttribute", "role", "status")
	open.Call("addEventListener", "click", js.FuncOf(func(this js.Value, args []js.Value) any {
		args[0].Call("preventDefault")
		twin.Get("classList").Call("toggle", "visually-hidden")
		twin.Get("classList").Call("toggle", "twin-shown")
		return nil
	}))
	body.Call("insertBefore", open, body.Get("firstChild"))
	body.Call("appendChild", twin)
	body.Call("appendChild", live)

	last := ""
	seen := map[string]bool{}
	var pending []string
	var lastSaid time.Time
	tick := js.FuncOf(func(js.Value, []js.Value) any {
		t := g.Twin()
		b, _ := json.Marshal(t)
		if s := string(b); s != last {
			last = s
			open.Set("textContent", t.Headings.View)
			renderTwin(doc, twin, t)
		}
		now := map[string]bool{}
		for _, m := range t.Messages {
			now[m] = true
			if !seen[m] {
				pending = append(pending, m)
			}
		}
		seen = now
		if len(pending) > 0 && time.Since(lastSaid) >= announceEvery {
			live.Set("textContent", strings.Join(pending, " "))
			pending, lastSaid = nil, time.Now()
		}
		return nil
	})
	js.Global().Call("setInterval", tick, 500)
}

// renderTwin writes t into the section: headings, and a description list
// for each group of labelled values.
func renderTwin(doc, root js.Value, t game.Twin) {
	root.Set("textContent", "")
	root.Set("lang", t.Lang)
	add := func(parent js.Value, tag, text string) js.Value {
		e := doc.Call("createElement", tag)
		e.Set("textContent", text)
		parent.Call("appendChild", e)
		return e
	}
	add(root, "h1", t.Title)
	add(root, "p", t.Date+" · "+t.Time)
	list := func(heading string, items []game.TwinItem) {
		if len(items) == 0 {
			return
		}
		add(root, "h2", heading)
		dl := add(root, "dl", "")
		for _, it := range items {
			add(dl, "dt", it.Label)
			add(dl, "dd", it.Value)
		}
	}
	list(t.Headings.Headline, t.Headline)
	list(t.Headings.Goals, t.Goals)
	if t.StateName != "" {
		list(t.Headings.State+": "+t.StateName, t.State)
	}
	if len(t.Messages) > 0 {
		add(root, "h2", t.Headings.Messages)
		ul := add(root, "ul", "")
		for _, m := range t.Messages {
			add(ul, "li", m)
		}
	}
}
