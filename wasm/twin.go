//go:build js && wasm

package main

import (
	"encoding/json"
	"fmt"
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
	open := newEl(doc, "a", "twin-open", "skip")
	open.Set("href", "#twin")
	twin := newEl(doc, "section", "twin", "visually-hidden")
	live := newEl(doc, "div", "twin-live", "visually-hidden")
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
	view := newTwinView(doc, twin, g)

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
			view.render(t)
			if note := doc.Call("getElementById", "twin-nocanvas"); !note.IsNull() {
				note.Set("textContent", t.Headings.NoCanvas)
			}
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

func newEl(doc js.Value, tag, id, class string) js.Value {
	e := doc.Call("createElement", tag)
	if id != "" {
		e.Set("id", id)
	}
	if class != "" {
		e.Set("className", class)
	}
	return e
}

// twinView is the twin's DOM. The controls and the state chooser are
// built once and updated in place, so that the keyboard's focus stays on
// a control while the page changes around it; the text parts are
// rewritten whole when they change.
type twinView struct {
	doc, root            js.Value
	title, when          js.Value
	stateLabel, stateSel js.Value
	controlsHead         js.Value
	dialog, controls     js.Value // a sheet's controls, and the page's
	info                 js.Value
	buttons              map[string]js.Value // by container and TwinControl.Key
	stateOptions         string
}

func newTwinView(doc, root js.Value, g *game.Game) *twinView {
	v := &twinView{doc: doc, root: root, buttons: map[string]js.Value{}}
	add := func(parent js.Value, tag string) js.Value {
		e := doc.Call("createElement", tag)
		parent.Call("appendChild", e)
		return e
	}
	v.title = add(root, "h1")
	v.when = add(root, "p")
	v.stateLabel = add(root, "label")
	v.stateLabel.Set("htmlFor", "twin-state")
	v.stateSel = add(root, "select")
	v.stateSel.Set("id", "twin-state")
	v.stateSel.Call("addEventListener", "change", js.FuncOf(func(js.Value, []js.Value) any {
		g.SelectState(v.stateSel.Get("value").String())
		return nil
	}))
	v.dialog = add(root, "div")
	v.dialog.Call("setAttribute", "role", "dialog")
	v.dialog.Set("id", "twin-dialog")
	v.controlsHead = add(root, "h2")
	v.controls = add(root, "div")
	v.controls.Set("id", "twin-controls")
	press := js.FuncOf(func(_ js.Value, args []js.Value) any {
		b := args[0].Get("target").Call("closest", "button")
		if !b.IsNull() {
			g.Press(b.Get("dataset").Get("key").String())
		}
		return nil
	})
	v.dialog.Call("addEventListener", "click", press)
	v.controls.Call("addEventListener", "click", press)
	v.info = add(root, "div")
	return v
}

// render brings the DOM up to t.
func (v *twinView) render(t game.Twin) {
	v.root.Set("lang", t.Lang)
	v.title.Set("textContent", t.Title)
	v.when.Set("textContent", t.Date+" · "+t.Time)
	v.stateLabel.Set("textContent", t.Headings.ChooseState)
	v.controlsHead.Set("textContent", t.Headings.Controls)
	if opts := fmt.Sprint(t.States, t.Headings.NoState); opts != v.stateOptions {
		v.stateOptions = opts
		v.stateSel.Set("textContent", "")
		v.option("", t.Headings.NoState)
		for _, s := range t.States {
			v.option(s.Value, s.Label)
		}
	}
	if v.stateSel.Get("value").String() != t.Selected {
		v.stateSel.Set("value", t.Selected)
	}
	var page, sheet []game.TwinControl
	for _, c := range t.Controls {
		if c.Group != "" {
			sheet = append(sheet, c)
		} else {
			page = append(page, c)
		}
	}
	if len(sheet) > 0 {
		v.dialog.Call("setAttribute", "aria-label", sheet[0].Group)
		v.dialog.Set("hidden", false)
	} else {
		v.dialog.Set("hidden", true)
	}
	v.keep(v.dialog, "sheet", sheet)
	v.keep(v.controls, "page", page)
	v.renderInfo(t)
}

func (v *twinView) option(value, label string) {
	o := v.doc.Call("createElement", "option")
	o.Set("value", value)
	o.Set("textContent", label)
	v.stateSel.Call("appendChild", o)
}

// keep makes box hold a button for each control, in order, reusing the
// button a control had (by key) so that focus is not lost.
func (v *twinView) keep(box js.Value, where string, cs []game.TwinControl) {
	want := map[string]bool{}
	cur := box.Get("firstChild")
	for _, c := range cs {
		k := where + "\x00" + c.Key
		want[k] = true
		b, ok := v.buttons[k]
		if !ok {
			b = v.doc.Call("createElement", "button")
			b.Set("type", "button")
			b.Get("dataset").Set("key", c.Key)
			v.buttons[k] = b
		}
		label := c.Label
		if c.Value != "" {
			label += " (" + c.Value + ")"
		}
		if b.Get("textContent").String() != label {
			b.Set("textContent", label)
		}
		b.Set("title", c.Tip)
		switch {
		case c.Kind == "switch":
			b.Call("setAttribute", "role", "switch")
			b.Call("setAttribute", "aria-checked", fmt.Sprint(c.On))
		case c.On:
			b.Call("setAttribute", "aria-pressed", "true")
		default:
			b.Call("removeAttribute", "aria-pressed")
		}
		if cur.IsNull() || !b.Equal(cur) {
			box.Call("insertBefore", b, cur)
		} else {
			cur = cur.Get("nextSibling")
		}
	}
	for !cur.IsNull() {
		next := cur.Get("nextSibling")
		box.Call("removeChild", cur)
		cur = next
	}
	for k := range v.buttons {
		if strings.HasPrefix(k, where+"\x00") && !want[k] {
			delete(v.buttons, k)
		}
	}
}

// renderInfo writes the text parts: headings, and a description list for
// each group of labelled values.
func (v *twinView) renderInfo(t game.Twin) {
	root := v.info
	root.Set("textContent", "")
	add := func(parent js.Value, tag, text string) js.Value {
		e := v.doc.Call("createElement", tag)
		e.Set("textContent", text)
		parent.Call("appendChild", e)
		return e
	}
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
	if t.SiteName != "" {
		list(t.Headings.Site+": "+t.SiteName, t.Site)
	}
	if len(t.Charts) > 0 {
		add(root, "h2", t.Headings.Charts)
		for _, tb := range t.Charts {
			table := add(root, "table", "")
			add(table, "caption", tb.Title)
			head := add(add(table, "thead", ""), "tr", "")
			for _, c := range tb.Columns {
				add(head, "th", c).Call("setAttribute", "scope", "col")
			}
			body := add(table, "tbody", "")
			for _, row := range tb.Rows {
				tr := add(body, "tr", "")
				for i, cell := range row {
					if i == 0 {
						add(tr, "th", cell).Call("setAttribute", "scope", "row")
					} else {
						add(tr, "td", cell)
					}
				}
			}
		}
	}
	if len(t.Messages) > 0 {
		add(root, "h2", t.Headings.Messages)
		ul := add(root, "ul", "")
		for _, m := range t.Messages {
			add(ul, "li", m)
		}
	}
}

// showTextOnly shows the text view as the whole page, with why the map and
// the charts are missing, for a browser where the canvas cannot start.
func showTextOnly(g *game.Game) {
	doc := js.Global().Get("document")
	twin := doc.Call("getElementById", "twin")
	if twin.IsNull() {
		return
	}
	twin.Get("classList").Call("remove", "visually-hidden")
	twin.Get("classList").Call("add", "twin-shown", "text-only")
	note := doc.Call("createElement", "p")
	note.Set("id", "twin-nocanvas")
	note.Set("className", "twin-note")
	note.Set("textContent", g.Twin().Headings.NoCanvas)
	twin.Call("insertBefore", note, twin.Get("firstChild"))
	if open := doc.Call("getElementById", "twin-open"); !open.IsNull() {
		open.Set("hidden", true) // the text view is the page: nothing to open
	}
}
