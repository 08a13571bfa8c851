package game

import (
	"testing"
	"time"

	"gigasandbox/model"
)

// fakeClock is a clock the test moves.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newClockedGame(t *testing.T) (*Game, *fakeClock) {
	t.Helper()
	g := newTestGame(t, "baseline")
	c := &fakeClock{t: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)}
	g.SetClock(c.now)
	return g, c
}

// TestBannerEndsByTheClock: a notice, once drawn, goes after bannerShown of
// the game's clock, however many updates come in between.
func TestBannerEndsByTheClock(t *testing.T) {
	g, c := newClockedGame(t)
	g.frames = 1 // a frame has been drawn
	g.Notify("grid queued")
	for range 100 { // updates in no time at all: the banner stays
		g.Update()
	}
	c.advance(bannerShown - time.Millisecond)
	g.Update()
	if g.banner.text == "" {
		t.Fatalf("the banner ended %v after it was drawn, want it shown %v", bannerShown-time.Millisecond, bannerShown)
	}
	c.advance(2 * time.Millisecond)
	g.Update()
	if g.banner.text != "" {
		t.Fatalf("the banner %q is still there %v after it was drawn", g.banner.text, bannerShown+time.Millisecond)
	}
}

// TestToastsEndByTheClock: a toast goes five seconds of the clock after
// its message.
func TestToastsEndByTheClock(t *testing.T) {
	g, c := newClockedGame(t)
	g.log.toasts = []toast{{date: "02/01/2026", text: "Poland: grid connection queued", until: c.now().Add(5 * time.Second)}}
	g.log.seen = g.sess.Sim().NumMessages()
	c.advance(4 * time.Second)
	g.log.update(g)
	if len(g.log.toasts) != 1 {
		t.Fatalf("after 4 s: %d toasts, want 1", len(g.log.toasts))
	}
	c.advance(2 * time.Second)
	g.log.update(g)
	if len(g.log.toasts) != 0 {
		t.Fatalf("after 6 s: %d toasts, want 0", len(g.log.toasts))
	}
}

// TestSpareRunLetGoOnceEditsStop: the run kept for the next projection's
// memory stays while the user edits, and is let go once a second of the
// clock has passed without an edit.
func TestSpareRunLetGoOnceEditsStop(t *testing.T) {
	g, c := newClockedGame(t)
	// Run the projection out and show it, as the frames would.
	settle := func() {
		p := g.sess.Projection()
		for !p.Done() {
			p.Advance(1000)
		}
		g.sess.Shown()
	}
	edit := func(share int32) {
		t.Helper()
		if err := g.Do(model.Command{Op: model.SetLever{Lever: model.LeverVoucherShare, Value: share}}); err != nil {
			t.Fatal(err)
		}
		settle()
		if !g.sess.HasSpare() {
			t.Fatal("after an edit and its projection, no spare run is kept")
		}
	}
	settle()
	edit(300)
	steps := []struct {
		after time.Duration
		edit  int32 // the voucher share pulled to then, in thousandths, or 0
		kept  bool
	}{
		{900 * time.Millisecond, 0, true},
		{0, 400, true}, // an edit 0.9 s after the last
		{600 * time.Millisecond, 0, true},
		{500 * time.Millisecond, 0, false}, // 1.1 s after the last edit
	}
	var at time.Duration
	for _, s := range steps {
		c.advance(s.after)
		at += s.after
		if s.edit != 0 {
			edit(s.edit)
		}
		g.Update()
		if got := g.sess.HasSpare(); got != s.kept {
			t.Fatalf("at %v: HasSpare() = %v, want %v", at, got, s.kept)
		}
	}
}

// TestSetClockNil: nil gives the real clock back.
func TestSetClockNil(t *testing.T) {
	g, _ := newClockedGame(t)
	g.SetClock(nil)
	if d := time.Since(g.now()); d < -time.Minute || d > time.Minute {
		t.Fatalf("SetClock(nil): now() is %v from time.Now", d)
	}
}
