package game

import "time"

// bannerShown is how long a notice stays on screen.
const bannerShown = 6 * time.Second

// banner is the notice across the top of the page (an error, a notice, or
// an offer with a button) until it is clicked away or its time is up. It
// goes by the game's clock (see SetClock), given to tick; layout.go's
// bannerBox draws it.
type banner struct {
	text string        // "" for none
	ends time.Time     // zero until the banner was first drawn
	span time.Duration // how long it stays once drawn
	// button, if set, is a button on the banner that does action (see
	// Game.offer).
	button string
	action func()
}

// show puts up msg for span once drawn, with a button that does action if
// button is set.
func (b *banner) show(msg string, span time.Duration, button string, action func()) {
	b.text, b.button, b.action = msg, button, action
	b.span, b.ends = span, time.Time{}
}

// dismiss takes the banner down.
func (b *banner) dismiss() { b.text, b.button, b.action = "", "", nil }

// tick ends the banner once it has been on screen its time: the clock
// starts at the first update after a frame was drawn (drawn), so that a
// notice given while the page boots (a bad link) is seen for all of it.
func (b *banner) tick(now time.Time, drawn bool) {
	switch {
	case b.text == "":
	case b.ends.IsZero():
		if drawn {
			b.ends = now.Add(b.span)
		}
	case now.After(b.ends):
		b.text = ""
	}
}

// Notify shows a banner for a few seconds.
func (g *Game) Notify(msg string) { g.notify(msg) }

func (g *Game) notify(msg string) { g.banner.show(msg, bannerShown, "", nil) }

// bannerClock ends the banner once its time on screen is up (banner.tick).
func (g *Game) bannerClock() { g.banner.tick(g.now(), g.frames > 0) }
