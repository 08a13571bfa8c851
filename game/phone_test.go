package game

import (
	"testing"

	"gigasandbox/model"
)

// newPhoneGame is a game on a 390×844 phone at three device pixels per
// CSS pixel, driven by a finger.
func newPhoneGame(t *testing.T) *Game {
	t.Helper()
	g := newTestGame(t, "baseline")
	g.u.k, g.u.f = 3, newFonts(3)
	g.w, g.h = 390, 844
	fingerClock(g)
	g.frame()
	if !g.u.touch || formFor(g.w, g.h) != formPhone {
		t.Fatalf("a 390×844 screen is laid out as form %d, touch %v", formFor(g.w, g.h), g.u.touch)
	}
	return g
}

// tapWidget taps the middle of the widget laid out with this label.
func tapWidget(t *testing.T, g *Game, label string) {
	t.Helper()
	r, ok := g.u.seen[label]
	if !ok {
		t.Fatalf("no widget %q on the phone's screen", label)
	}
	tap(g, r.x+r.w/2, r.y+r.h/2)
}

// swipe drags a finger from (x, y) by dy in ten frames.
func swipe(g *Game, x, y, dy float64) {
	touchFrame(g, fingers(x, y)...)
	for i := 1; i <= 10; i++ {
		touchFrame(g, fingers(x, y+dy*float64(i)/10)...)
	}
	touchFrame(g)
	touchFrame(g)
}

// TestPhoneByTouch does by finger alone what a student does on a phone:
// pick a state, scroll its sheet to Build, build, play, undo from the
// menu, and share.
func TestPhoneByTouch(t *testing.T) {
	g := newPhoneGame(t)
	x, y := freePoint(t, g, "PL")
	tap(g, x, y)
	if g.selState != stateIndex(t, "PL") || !g.sheetOpen || g.phoneTab != phoneTabState {
		t.Fatalf("a tap on Poland: selected %d, sheet open %v on tab %d", g.selState, g.sheetOpen, g.phoneTab)
	}
	sheet := g.regions().panel
	build := "Build (B)"
	for i := 0; i < 8; i++ { // swipe up in the sheet until Build is in sight
		if r, ok := g.u.seen[build]; ok && r.y >= sheet.y && r.y+r.h <= sheet.y+sheet.h {
			break
		}
		swipe(g, sheet.x+sheet.w/2, sheet.y+sheet.h-40, -200)
	}
	if g.panelScroll.off <= 0 {
		t.Fatalf("swiping up in the sheet did not scroll it")
	}
	tapWidget(t, g, build)
	if c := lastEdit(t, g); c.Kind() != model.KindBuild || c.Op.(model.BuildSite).Site.State.Code() != "PL" {
		t.Fatalf("Build made %+v", c)
	}
	tapWidget(t, g, "►")
	if !g.time.playing {
		t.Fatalf("the play button did not start the run")
	}
	tapWidget(t, g, "||")
	if r, ok := g.u.seen[g.tr("bar.undo")]; !ok || r.y > 60 {
		tapWidget(t, g, "menu") // the bar has no room for Undo: it is in the menu
	}
	tapWidget(t, g, g.tr("bar.undo"))
	if len(g.sess.Edits()) != 0 {
		t.Fatalf("Undo (in the bar or the menu) left %d edits", len(g.sess.Edits()))
	}
	tapWidget(t, g, g.tr("bar.share"))
	if !g.share.open {
		t.Fatalf("the Share button did not open the share sheet")
	}
	if _, ok := g.u.seen[g.tr("share.png")]; !ok {
		t.Fatalf("the share sheet shows no %q button", g.tr("share.png"))
	}
}

// TestPhoneTabsOpenAndCloseTheSheet: each tab opens its sheet; the open
// tab, and the sheet's close button, close it and give the map its room.
func TestPhoneTabsOpenAndCloseTheSheet(t *testing.T) {
	g := newPhoneGame(t)
	full := g.regions().mapArea
	for i := range numPhoneTabs {
		tapWidget(t, g, g.tr(phoneTabKeys[i]))
		if !g.sheetOpen || g.phoneTab != i {
			t.Fatalf("tab %s: sheet open %v on tab %d", phoneTabKeys[i], g.sheetOpen, g.phoneTab)
		}
		if m := g.regions().mapArea; m.h >= full.h {
			t.Errorf("tab %s: the map keeps its whole room (%v) under the sheet", phoneTabKeys[i], m)
		}
	}
	tapWidget(t, g, g.tr(phoneTabKeys[numPhoneTabs-1]))
	if g.sheetOpen {
		t.Fatalf("tapping the open tab did not close its sheet")
	}
	tapWidget(t, g, g.tr("tab.levers"))
	tapWidget(t, g, "×")
	if g.sheetOpen {
		t.Fatalf("the sheet's close button did not close it")
	}
	if m := g.regions().mapArea; m != full {
		t.Errorf("with the sheet closed the map has %v, not its whole room %v", m, full)
	}
}
