package game

import (
	"slices"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"gigasandbox/game/i18n"
	"gigasandbox/model"
)

// keysDown is an update's keyboard for handleKeys: keys pressed, characters
// typed, and the modifiers.
func keysDown(ctrl, shift bool, chars string, keys ...ebiten.Key) keyInput {
	return keyInput{ctrl: ctrl, shift: shift, chars: []rune(chars), pressed: func(k ebiten.Key) bool { return slices.Contains(keys, k) }}
}

// TestKeys presses shortcuts alone and together: the first binding that
// matches acts, and only it.
func TestKeys(t *testing.T) {
	type view struct {
		speed, layer, tab, selState, focus int
		playing, help, assume, share       bool
		zoom                               float64
	}
	look := func(g *Game) view {
		return view{g.time.speed, g.mv.layer, g.tab, g.selState, g.u.focus, g.time.playing, g.help, g.assume.open, g.share.open, g.mv.zoomLevel()}
	}
	tests := []struct {
		name     string
		charsOff bool // the single character keys turned off (WCAG 2.1.4)
		in       keyInput
		want     func(v *view)
	}{
		{"space plays", false, keysDown(false, false, " ", ebiten.KeySpace), func(v *view) { v.playing = true }},
		{"3 picks a month a second", false, keysDown(false, false, "3", ebiten.KeyDigit3), func(v *view) { v.speed = 2 }},
		{"1 and 4 together: the fastest", false, keysDown(false, false, "14", ebiten.KeyDigit1, ebiten.KeyDigit4), func(v *view) { v.speed = 3 }},
		{"L: the next layer", false, keysDown(false, false, "l", ebiten.KeyL), func(v *view) { v.layer = 1 }},
		{"Ctrl+L: nothing", false, keysDown(true, false, "", ebiten.KeyL), func(v *view) {}},
		{"]: the first state", false, keysDown(false, false, "]", ebiten.KeyBracketRight), func(v *view) { v.selState, v.tab = 0, tabState }},
		{"+ on a German ]: zoom, not a state", false, keysDown(false, false, "+", ebiten.KeyBracketRight), func(v *view) { v.zoom = zoomStep }},
		{"P: the levers", false, keysDown(false, false, "p", ebiten.KeyP), func(v *view) { v.tab = tabLevers }},
		{"H: help", false, keysDown(false, false, "h", ebiten.KeyH), func(v *view) { v.help = true }},
		{"/: help", false, keysDown(false, false, "/", ebiten.KeySlash), func(v *view) { v.help = true }},
		{"A: assumptions", false, keysDown(false, false, "a", ebiten.KeyA), func(v *view) { v.assume = true }},
		{"E: share", false, keysDown(false, false, "e", ebiten.KeyE), func(v *view) { v.share = true }},
		{"Tab: focus", false, keysDown(false, false, "", ebiten.KeyTab), func(v *view) { v.focus = 1 }},
		{"A and S together: the first in the table", false, keysDown(false, false, "as", ebiten.KeyS, ebiten.KeyA), func(v *view) { v.tab = tabState }},
		{"letters off: H does nothing", true, keysDown(false, false, "h", ebiten.KeyH), func(v *view) {}},
		{"letters off: + does nothing", true, keysDown(false, false, "+", ebiten.KeyEqual), func(v *view) {}},
		{"letters off: 3 does nothing", true, keysDown(false, false, "3", ebiten.KeyDigit3), func(v *view) {}},
		{"letters off: space still plays", true, keysDown(false, false, " ", ebiten.KeySpace), func(v *view) { v.playing = true }},
		{"letters off: Tab still focuses", true, keysDown(false, false, "", ebiten.KeyTab), func(v *view) { v.focus = 1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := newTestGame(t, "baseline")
			g.tab = tabLog
			g.SetCharKeys(!tt.charsOff)
			want := look(g)
			tt.want(&want)
			g.handleKeys(tt.in)
			if got := look(g); got != want {
				t.Errorf("handleKeys(%s) = %+v, want %+v", tt.name, got, want)
			}
		})
	}
}

// TestKeysUndoRedo: Ctrl+Z undoes, Ctrl+Y and Ctrl+Shift+Z redo.
func TestKeysUndoRedo(t *testing.T) {
	g := newTestGame(t, "baseline")
	if err := g.Do(model.Command{Op: model.SetLever{Lever: model.LeverVoucherShare, Value: 300}}); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		in    keyInput
		edits int
	}{
		{keysDown(true, false, "", ebiten.KeyZ), 0},
		{keysDown(true, false, "", ebiten.KeyY), 1},
		{keysDown(true, false, "", ebiten.KeyZ), 0},
		{keysDown(true, true, "", ebiten.KeyZ), 1},
	}
	for i, s := range steps {
		g.handleKeys(s.in)
		if got := len(g.sess.Edits()); got != s.edits {
			t.Fatalf("step %d: %d edits, want %d", i, got, s.edits)
		}
	}
}

// TestBindingsInHelp: every binding names a text that tells of it, in the
// catalog; the help sheet's lines on the keyboard are those the bindings
// name, each once.
func TestBindingsInHelp(t *testing.T) {
	en := i18n.Get("en")
	named := map[string]bool{}
	for i, b := range bindings {
		if !en.Knows(b.help) {
			t.Errorf("binding %d (keys %v, chars %q): help %q is not in the catalog", i, b.keys, b.chars, b.help)
		}
		named[b.help] = true
		if len(b.keys) == 0 && len(b.chars) == 0 {
			t.Errorf("binding %d: no keys and no characters", i)
		}
	}
	for i, line := range keyHelp {
		if !named[line] {
			t.Errorf("help sheet line %q describes no binding", line)
		}
		if slices.Contains(keyHelp[:i], line) {
			t.Errorf("help sheet line %q is listed twice", line)
		}
	}
	for key := range named {
		if strings.HasPrefix(key, "help.keys.") && !slices.Contains(keyHelp, key) {
			t.Errorf("bindings name %q, which the help sheet does not show", key)
		}
	}
	for _, line := range keyHelp {
		if !slices.Contains(helpLines, line) {
			t.Errorf("help sheet line %q is not in helpLines", line)
		}
	}
}

// TestFocusRingOnTheFocusedWidget: the update pass lays the page out in
// input order and the draw pass in painting order; for every place Tab
// reaches, with a sheet open and without, the ring is drawn on the widget
// that Enter presses.
func TestFocusRingOnTheFocusedWidget(t *testing.T) {
	for _, sheet := range []bool{false, true} {
		g := newTestGame(t, "grid-crunch")
		g.Select("PL", 0, "")
		g.help = sheet
		g.frame()
		n := len(g.u.controls)
		if n < 20 {
			t.Fatalf("only %d controls on the page", n)
		}
		for i := 1; i <= n; i++ {
			g.u.focus = i
			g.u.ringAt = rect{}
			damageFrame(g)
			if want := g.u.controls[i-1]; g.u.ringAt != want.box {
				t.Errorf("sheet %v, focus %d (%q): ring at %+v, the widget at %+v", sheet, i, want.Key, g.u.ringAt, want.box)
			}
		}
	}
}
