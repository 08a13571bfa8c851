//go:build js && wasm

package main

import (
	"strings"
	"syscall/js"

	"gigasandbox/game"
	"gigasandbox/model/link"
)

// The class board in the browser (game/board.go): a board link opens the
// board, the page asks for a team's link and name with the browser's
// prompt, Ctrl+V pastes a link onto the open board, a link typed into the
// address bar opens as a link (and the board can collect it), and
// window.gigasim gains board(), boardAdd(text, name) and boardOpen(on).

// openBoardFragment opens a board link ("b=..."): the baseline under the
// board. A bad board link is a bad link: the caller shows the baseline and
// the banner.
func openBoardFragment(frag string) (start, error) {
	st := baselineStart()
	if _, lang, ok := strings.Cut(frag, "&lang="); ok && len(lang) == 2 {
		st.lang = lang
	}
	bd, err := link.DecodeBoard(frag)
	if err != nil {
		return st, err
	}
	st.board = &bd
	return st, nil
}

// applyStart gives the game what the address opened besides its run: the
// link's class (a teacher's goals, locks and hidden assumptions), the
// board of a board link, and the link itself for the board to collect.
func applyStart(g *game.Game, st start) {
	g.SetClass(st.class)
	if strings.HasPrefix(st.frag, link.Prefix) || strings.Contains(st.frag, "&"+link.Prefix) {
		g.Opened(st.frag)
	}
	if st.board != nil {
		g.OpenBoard(*st.board)
	}
}

// ask asks the user for a line of text with the browser's prompt; ok is
// false if the user cancelled.
func ask(question, def string) (string, bool) {
	v := js.Global().Call("prompt", question, def)
	if v.IsNull() || v.IsUndefined() {
		return "", false
	}
	return v.String(), true
}

// installBoard adds the board's functions to window.gigasim (after
// installAPI) and listens for pasted links and links typed into the
// address bar.
func installBoard(g *game.Game) {
	api := js.Global().Get("gigasim")
	fn := func(name string, f func(args []js.Value) any) {
		api.Set(name, js.FuncOf(func(this js.Value, args []js.Value) any { return f(args) }))
	}
	fn("board", func([]js.Value) any { return toJS(g.BoardStatus()) })
	fn("boardAdd", func(a []js.Value) any {
		if len(a) < 1 {
			return "boardAdd(link, name): give a team's link"
		}
		name := ""
		if len(a) > 1 && a[1].Type() == js.TypeString {
			name = a[1].String()
		}
		if err := g.AddTeam(a[0].String(), name); err != nil {
			return err.Error()
		}
		return ""
	})
	fn("boardOpen", func(a []js.Value) any {
		g.SetBoardOpen(len(a) == 0 || a[0].Truthy())
		return nil
	})
	doc := js.Global().Get("document")
	doc.Call("addEventListener", "paste", js.FuncOf(func(_ js.Value, a []js.Value) any {
		if len(a) == 0 || !g.BoardStatus().Open {
			return nil
		}
		data := a[0].Get("clipboardData")
		if !data.Truthy() {
			return nil
		}
		text := data.Call("getData", "text").String()
		a[0].Call("preventDefault")
		// the prompt for the team's name must not run inside the event
		js.Global().Call("setTimeout", js.FuncOf(func(js.Value, []js.Value) any { g.Paste(text); return nil }), 0)
		return nil
	}))
	// A link typed or pasted into the address bar changes only the
	// fragment: open it as a link opens (window.gigasim.open); the board
	// can collect it. The page's own address updates (replaceState) fire
	// no hashchange.
	js.Global().Call("addEventListener", "hashchange", js.FuncOf(func(js.Value, []js.Value) any {
		frag := strings.TrimPrefix(js.Global().Get("location").Get("hash").String(), "#")
		if frag != "" {
			api.Call("open", frag)
		}
		return nil
	}))
}
