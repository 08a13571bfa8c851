package game

import (
	"time"

	"gigasandbox/model"
)

// Speeds are the play speeds, in simulated days per second of real time.
var speeds = []struct {
	days  float64
	label string
	tip   string
}{
	{1, "speed.day", "speed.day.tip"},
	{7, "speed.week", "speed.week.tip"},
	{30, "speed.month", "speed.month.tip"},
	{365, "speed.year", "speed.year.tip"},
}

// maxStep is the longest clock step an update turns into simulated days; a
// longer gap (a hidden tab, a debugger) counts as one frame.
const maxStep = 0.25

// liveRun is what time control moves on: the session's live run.
type liveRun interface {
	Day() model.Day
	Ended() bool
	Step(n int) (int, error)
}

// timeControl is how time moves on the page: playing at a speed, or
// seeking to a day behind a progress bar, within each frame's budget (see
// budget.go). It reads no clock of its own: advance is given the game's
// clock (see SetClock), so it runs the same in a test as in a browser. The
// keys, the top bar's buttons and the automation API (Game.Play, Pause,
// SetSpeed, SeekTo) all drive it through its methods.
type timeControl struct {
	playing bool
	speed   int     // index into speeds
	carry   float64 // days the clock says have passed and the run has still to simulate
	// lastTick is when the last update ran: time plays at its speed per
	// second of the clock, however many frames the browser gives.
	lastTick time.Time
	seekTo   model.Day
	seeking  bool
	// runClock and projClock time the live run's and the projections'
	// days, to keep each frame within its budget (budget.go).
	runClock, projClock dayClock
}

// newTimeControl is paused, at a month a second.
func newTimeControl() timeControl { return timeControl{speed: 2} }

func (t *timeControl) play()  { t.playing = true }
func (t *timeControl) pause() { t.playing = false }

// toggle plays if paused and pauses if playing; a run that has ended does
// not start.
func (t *timeControl) toggle(ended bool) { t.playing = !t.playing && !ended }

// stop ends play and any seek.
func (t *timeControl) stop() { t.playing, t.seeking = false, false }

// setSpeed picks a play speed by index into speeds; others are ignored.
func (t *timeControl) setSpeed(i int) {
	if i >= 0 && i < len(speeds) {
		t.speed = i
	}
}

// seek moves the run forward to day d over the next updates.
func (t *timeControl) seek(d model.Day) { t.seekTo, t.seeking = d, true }

// running reports whether time moves: playing or seeking.
func (t *timeControl) running() bool { return t.playing || t.seeking }

// restart makes the next update count as a first: no jump however long
// since the last (a new clock).
func (t *timeControl) restart() { t.lastTick = time.Time{} }

// advance moves the live run on: a seek by as many days as the frame's
// budget allows, play by the days the clock says have passed (see
// budget.go). now is the game's clock, start when the frame's update began
// by the machine's stopwatch. An error is the run's: time has stopped.
func (t *timeControl) advance(now, start time.Time, r liveRun) error {
	dt := now.Sub(t.lastTick).Seconds()
	t.lastTick = now
	if dt <= 0 || dt > maxStep {
		dt = 1.0 / 60 // the first update, or a tab that slept: no jump
	}
	step := func() error {
		_, err := r.Step(1)
		return err
	}
	var err error
	switch {
	case t.seeking:
		err = t.runClock.run(start, seekBudget, func() bool { return r.Day() < t.seekTo }, step)
		if r.Day() >= t.seekTo {
			t.seeking = false
		}
	case t.playing:
		t.carry = min(t.carry+speeds[t.speed].days*dt, maxBehind)
		err = t.runClock.run(start, playBudget, func() bool { return t.carry >= 1 && !r.Ended() }, func() error {
			t.carry--
			return step()
		})
		if r.Ended() {
			t.playing, t.carry = false, 0
		}
	}
	if err != nil { // the model refuses to go on: stop rather than retry every frame
		t.stop()
	}
	return err
}
