package game

import "time"

// SetClock makes now the game's clock: what play speed, banners, toasts,
// the fleet's refresh and the release of the spare run go by. New starts
// the game on time.Now; a test gives a clock it moves itself, and nil gives
// time.Now back. The frame budgets keep measuring the machine's own time.
func (g *Game) SetClock(now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	g.now = now
	g.time.restart() // the next update counts as a first: no jump
}
