package game

import (
	"slices"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"gigasandbox/model"
)

// keyInput is one update's keyboard, as the bindings see it.
type keyInput struct {
	ctrl, shift bool                  // Ctrl (or ⌘) and Shift held
	pressed     func(ebiten.Key) bool // went down this update
	chars       []rune                // typed this update
}

func (in keyInput) typed(rs ...rune) bool {
	return slices.ContainsFunc(in.chars, func(c rune) bool { return slices.Contains(rs, c) })
}

// binding is a keyboard shortcut: any of its keys pressed, or any of its
// characters typed, with Ctrl held if ctrl (and not held if not), and Shift
// held if shift (else either), and when, if set, true.
type binding struct {
	keys  []ebiten.Key
	chars []rune // by the character typed, whatever the keyboard's layout
	ctrl  bool
	shift bool
	when  func(g *Game) bool
	do    func(g *Game, in keyInput)
	// help is the catalog key of the text that tells of it: a line of the
	// help sheet (keyHelp), or the tooltip of the button it presses.
	help string
}

func (b *binding) matches(g *Game, in keyInput) bool {
	if b.ctrl != in.ctrl || (b.shift && !in.shift) {
		return false
	}
	pressed, chars := in.pressed, b.chars
	if g.charKeysOff && !b.ctrl {
		// WCAG 2.1.4: a user who speaks commands, or whose fingers slip,
		// turns the single character keys off; Tab, Enter, Space, the
		// arrows, Home, End, Delete and Escape stay.
		pressed = func(k ebiten.Key) bool { return !charKey(k) && in.pressed(k) }
		chars = nil
	}
	if !slices.ContainsFunc(b.keys, pressed) && !in.typed(chars...) {
		return false
	}
	return b.when == nil || b.when(g)
}

// bindings are the keyboard shortcuts. The first that matches an update's
// keys acts, alone: the order decides between keys pressed together, as a
// typed '+' before the key it is on (']' on a German keyboard), and
// Ctrl+Shift+Z before Ctrl+Z. Ctrl with any other key does nothing.
//
// The help sheet shows the lines their help keys name, in keyHelp's order;
// TestBindingsInHelp checks the two agree. Enter, which presses the focused button, is read
// with the rest of the input (readInput).
var bindings = []binding{
	{keys: []ebiten.Key{ebiten.KeyZ}, ctrl: true, shift: true, do: (*Game).keyRedo, help: "help.keys.5"},
	{keys: []ebiten.Key{ebiten.KeyY}, ctrl: true, do: (*Game).keyRedo, help: "help.keys.5"},
	{keys: []ebiten.Key{ebiten.KeyZ}, ctrl: true, do: func(g *Game, _ keyInput) { g.undo() }, help: "help.keys.5"},
	{chars: []rune{'+', '='}, do: func(g *Game, _ keyInput) { g.mv.zoomBy(zoomStep) }, help: "help.keys.7"},
	{chars: []rune{'-'}, do: func(g *Game, _ keyInput) { g.mv.zoomBy(1 / zoomStep) }, help: "help.keys.7"},
	{chars: []rune{'0'}, do: func(g *Game, _ keyInput) { g.mv.resetView() }, help: "help.keys.7"},
	{keys: []ebiten.Key{ebiten.KeyTab}, do: (*Game).keyFocus, help: "help.keys.5"},
	{keys: []ebiten.Key{ebiten.KeySpace}, when: func(g *Game) bool { return g.u.focus == 0 },
		do: func(g *Game, _ keyInput) { g.time.toggle(g.sess.Ended()) }, help: "help.keys.1"},
	{keys: speedKeys, do: (*Game).keySpeed, help: "help.keys.1"},
	{keys: []ebiten.Key{ebiten.KeyPeriod, ebiten.KeyArrowRight}, do: (*Game).keyStep, help: "help.keys.2"},
	{keys: []ebiten.Key{ebiten.KeyHome}, do: func(g *Game, _ keyInput) { g.reset() }, help: "help.keys.2"},
	{keys: []ebiten.Key{ebiten.KeyEnd}, do: func(g *Game, _ keyInput) { g.SeekTo(g.sess.Horizon()) }, help: "help.keys.2"},
	{keys: []ebiten.Key{ebiten.KeyL}, do: (*Game).keyLayer, help: "help.keys.4"},
	{keys: []ebiten.Key{ebiten.KeyB}, do: func(g *Game, _ keyInput) { g.buildHere() }, help: "help.keys.3"},
	{keys: []ebiten.Key{ebiten.KeyBracketLeft, ebiten.KeyBracketRight}, do: (*Game).keyState, help: "help.keys.6"},
	{keys: []ebiten.Key{ebiten.KeyDelete, ebiten.KeyBackspace}, do: func(g *Game, _ keyInput) { g.removeSelected() }, help: "help.keys.3"},
	{keys: []ebiten.Key{ebiten.KeyS}, do: func(g *Game, _ keyInput) { g.tab = tabState }, help: "help.keys.4"},
	{keys: []ebiten.Key{ebiten.KeyP}, do: func(g *Game, _ keyInput) { g.tab = tabLevers }, help: "help.keys.4"},
	{keys: []ebiten.Key{ebiten.KeyF}, do: func(g *Game, _ keyInput) { g.tab = tabSite }, help: "help.keys.4"},
	{keys: []ebiten.Key{ebiten.KeyM}, do: func(g *Game, _ keyInput) { g.tab = tabLog }, help: "help.keys.4"},
	{keys: []ebiten.Key{ebiten.KeyH, ebiten.KeySlash}, do: func(g *Game, _ keyInput) { g.help = !g.help }, help: "bar.help.tip"},
	{keys: []ebiten.Key{ebiten.KeyA}, do: func(g *Game, _ keyInput) { g.assume.open = !g.assume.open }, help: "bar.assumptions.tip"},
	{keys: []ebiten.Key{ebiten.KeyE}, do: func(g *Game, _ keyInput) { g.share.open = !g.share.open }, help: "bar.share.tip"},
	{keys: []ebiten.Key{ebiten.KeyC}, do: func(g *Game, _ keyInput) { g.compareOpen = !g.compareOpen }, help: "compare.open.tip"},
	{keys: []ebiten.Key{ebiten.KeyV}, do: func(g *Game, _ keyInput) { g.scores.open = !g.scores.open }, help: "score.open.tip"},
	{keys: []ebiten.Key{ebiten.KeyT}, do: func(g *Game, _ keyInput) { g.SetBoardOpen(!g.boardOpen()) }, help: "board.open.tip"},
	{keys: []ebiten.Key{ebiten.KeyEscape}, do: (*Game).keyClose, help: "help.keys.5"},
}

// charKey reports whether k types a character: a letter, a digit or a
// punctuation mark, the keys a user can turn off as shortcuts.
func charKey(k ebiten.Key) bool {
	switch {
	case k >= ebiten.KeyA && k <= ebiten.KeyZ, k >= ebiten.KeyDigit0 && k <= ebiten.KeyDigit9:
		return true
	}
	switch k {
	case ebiten.KeyPeriod, ebiten.KeyComma, ebiten.KeySlash, ebiten.KeyBracketLeft, ebiten.KeyBracketRight,
		ebiten.KeyMinus, ebiten.KeyEqual, ebiten.KeySemicolon, ebiten.KeyQuote, ebiten.KeyBackslash, ebiten.KeyBackquote:
		return true
	}
	return false
}

// SetCharKeys turns the single character key shortcuts on or off (they
// are on in a new page); the browser remembers the choice.
func (g *Game) SetCharKeys(on bool) {
	g.charKeysOff = !on
	g.changed()
}

// CharKeys reports whether the single character key shortcuts are on.
func (g *Game) CharKeys() bool { return !g.charKeysOff }

// keyHelp are the help sheet's lines on the keyboard, in order: each
// describes bindings that name it.
var keyHelp = []string{"help.keys.1", "help.keys.2", "help.keys.3", "help.keys.6", "help.keys.4", "help.keys.7", "help.keys.5"}

// speedKeys pick the speeds, in order.
var speedKeys = []ebiten.Key{ebiten.KeyDigit1, ebiten.KeyDigit2, ebiten.KeyDigit3, ebiten.KeyDigit4}

// keys handles the keyboard shortcuts (bindings).
func (g *Game) keys() {
	g.handleKeys(keyInput{
		ctrl:    ebiten.IsKeyPressed(ebiten.KeyControl) || ebiten.IsKeyPressed(ebiten.KeyMeta),
		shift:   ebiten.IsKeyPressed(ebiten.KeyShift),
		pressed: inpututil.IsKeyJustPressed,
		chars:   ebiten.AppendInputChars(nil),
	})
}

// handleKeys runs the first binding that matches in.
func (g *Game) handleKeys(in keyInput) {
	for i := range bindings {
		if b := &bindings[i]; b.matches(g, in) {
			b.do(g, in)
			return
		}
	}
}

func (g *Game) keyRedo(keyInput) { g.redo() }

// keyFocus moves the keyboard's focus to the next widget (the one before
// with Shift), round from the last to none.
func (g *Game) keyFocus(in keyInput) {
	if in.shift {
		g.u.focus--
	} else {
		g.u.focus++
	}
	if g.u.focus < 0 {
		g.u.focus = g.u.keyNext
	}
	if g.u.focus > g.u.keyNext {
		g.u.focus = 0
	}
}

// keySpeed picks the speed of the key pressed (the fastest of those
// pressed together).
func (g *Game) keySpeed(in keyInput) {
	for i, k := range speedKeys {
		if in.pressed(k) {
			g.time.setSpeed(i)
		}
	}
}

// keyStep pauses and steps a day.
func (g *Game) keyStep(keyInput) {
	g.time.pause()
	if _, err := g.sess.Step(1); err != nil {
		g.notifyErr(err)
	}
}

func (g *Game) keyLayer(keyInput) {
	g.mv.layer = (g.mv.layer + 1) % len(layers)
	g.mv.invalidate()
}

// keyState steps through the member states, the map by keyboard: ']' the
// next, '[' the one before.
func (g *Game) keyState(in keyInput) {
	step := 1
	if in.pressed(ebiten.KeyBracketLeft) {
		step = model.NumStates - 1
	}
	if g.selState < 0 {
		g.selState = 0
	} else {
		g.selState = (g.selState + step) % model.NumStates
	}
	g.tab = tabState
	g.mv.invalidate()
}

// keyClose closes every sheet and menu and drops the selection and focus.
func (g *Game) keyClose(keyInput) {
	g.help, g.presetMenu, g.langMenu, g.assume.open, g.share.open = false, false, false, false, false
	g.scores.open, g.compareOpen, g.ranges.tornadoOpen = false, false, false
	if g.board != nil {
		g.board.open = false
	}
	g.menuOpen, g.goalsSheet, g.sheetOpen = false, false, false
	g.selSite, g.selState = 0, -1
	g.u.focus = 0
	g.mv.invalidate()
}
