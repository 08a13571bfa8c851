package game

import "time"

// A frame is 16.7 ms at 60 Hz, and in WebAssembly the simulation, the
// projections and the drawing share one thread, so each kind of work has a
// share of it, counted from the start of the frame's update.
const (
	// playBudget is how long a frame may spend on the live run while it
	// plays. On days that cost more (a million chips being delivered), the
	// run falls behind the clock rather than the page dropping frames, by
	// at most maxBehind days; after that the run slows down.
	playBudget = 6 * time.Millisecond
	// seekBudget is how long a frame may spend catching up a seek.
	seekBudget = 10 * time.Millisecond
	// projectBudget is how long a frame may spend on projections while
	// time runs, the current scenario's to the horizon first, then the
	// baseline's, including what the live run took. In a browser without
	// a GPU the page's drawing leaves little room: 5 ms here cost 15 late
	// frames in 10 s of pulling a lever twice a second, 3 ms 9 (with a
	// million chips, docs/performance.md).
	projectBudget = 3 * time.Millisecond
	// projectBudgetPaused is the same while time stands still, when a
	// late frame shows nothing moving late and the new future matters more.
	projectBudgetPaused = 8 * time.Millisecond
	// maxBehind is how many days the live run may fall behind its clock.
	maxBehind = 30
)

// dayClock runs days of simulation within a frame's budget: it starts a
// day only if one as long as the last would still fit, and always runs at
// least one, so that work goes on however long a day takes.
type dayClock struct {
	last time.Duration // the last day's cost
}

// run calls day while want reports that a day is to be done and the
// budget, counted from start, is predicted to last. It stops at the first
// error.
func (c *dayClock) run(start time.Time, budget time.Duration, want func() bool, day func() error) error {
	for n := 0; want() && (n == 0 || time.Since(start)+c.last <= budget); n++ {
		t0 := time.Now()
		if err := day(); err != nil {
			return err
		}
		c.last = time.Since(t0)
	}
	return nil
}
