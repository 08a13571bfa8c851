package game

import (
	"errors"
	"testing"
	"time"

	"gigasandbox/model"
)

// fakeRun is a live run of cheap days: time control without a session.
type fakeRun struct {
	day, horizon model.Day
	failOn       model.Day // the day whose step fails, 0 for none
}

func (r *fakeRun) Day() model.Day { return r.day }
func (r *fakeRun) Ended() bool    { return r.day >= r.horizon }

func (r *fakeRun) Step(n int) (int, error) {
	done := 0
	for ; done < n && !r.Ended(); done++ {
		if r.failOn != 0 && r.day+1 == r.failOn {
			return done, errors.New("refused")
		}
		r.day++
	}
	return done, nil
}

// tick runs advance n times, the clock moving by step before each.
func tick(tc *timeControl, r liveRun, clock *time.Time, step time.Duration, n int) error {
	for range n {
		*clock = clock.Add(step)
		if err := tc.advance(*clock, time.Now(), r); err != nil {
			return err
		}
	}
	return nil
}

func TestTimeControlPlaysBySpeed(t *testing.T) {
	tests := []struct {
		speed    int
		min, max model.Day // after a second of the clock at 50 updates a second
	}{
		{0, 0, 1}, // 50 × 1/50 may fall short of 1.0 in floating point
		{1, 6, 7},
		{2, 29, 30},
		{3, 364, 365},
	}
	for _, tt := range tests {
		t.Run(speeds[tt.speed].label, func(t *testing.T) {
			tc := newTimeControl()
			r := &fakeRun{horizon: 10_000}
			clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			tc.lastTick = clock
			tc.setSpeed(tt.speed)
			tc.play()
			if err := tick(&tc, r, &clock, time.Second/50, 50); err != nil {
				t.Fatal(err)
			}
			if r.day < tt.min || r.day > tt.max {
				t.Errorf("a second at speed %d reached day %d, want %d to %d", tt.speed, r.day, tt.min, tt.max)
			}
		})
	}
}

func TestTimeControlPausedStaysPut(t *testing.T) {
	tc := newTimeControl()
	r := &fakeRun{horizon: 100}
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := tick(&tc, r, &clock, time.Second/10, 20); err != nil {
		t.Fatal(err)
	}
	if r.day != 0 {
		t.Errorf("paused: day %d after 2 s, want 0", r.day)
	}
}

// TestTimeControlNoJump: a long gap between updates (a hidden tab) counts
// as one frame, not as the days that passed.
func TestTimeControlNoJump(t *testing.T) {
	tc := newTimeControl()
	tc.setSpeed(3)
	tc.play()
	r := &fakeRun{horizon: 10_000}
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tc.lastTick = clock
	if err := tick(&tc, r, &clock, time.Hour, 1); err != nil {
		t.Fatal(err)
	}
	if r.day > 7 {
		t.Errorf("an hour's gap at a year a second ran %d days, want a frame's (about 6)", r.day)
	}
}

func TestTimeControlStopsAtTheEnd(t *testing.T) {
	tc := newTimeControl()
	tc.setSpeed(3)
	tc.play()
	r := &fakeRun{horizon: 20}
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := tick(&tc, r, &clock, time.Second/50, 50); err != nil {
		t.Fatal(err)
	}
	if r.day != 20 || tc.playing || tc.carry != 0 {
		t.Errorf("at the horizon: day %d, playing %v, carry %v; want 20, false, 0", r.day, tc.playing, tc.carry)
	}
	tc.toggle(r.Ended())
	if tc.playing {
		t.Error("toggle() at the horizon started time")
	}
}

func TestTimeControlSeeks(t *testing.T) {
	tc := newTimeControl()
	r := &fakeRun{horizon: 1000}
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tc.seek(500)
	if !tc.running() {
		t.Fatal("seek(500): not running")
	}
	for i := 0; tc.seeking; i++ {
		if i == 1000 {
			t.Fatalf("seek(500) still under way on day %d after 1000 updates", r.day)
		}
		if err := tick(&tc, r, &clock, time.Second/60, 1); err != nil {
			t.Fatal(err)
		}
	}
	if r.day != 500 || tc.running() {
		t.Errorf("after seek(500): day %d, running %v; want 500, false", r.day, tc.running())
	}
}

// TestTimeControlStopsOnError: a day the model refuses stops play, and
// advance returns the error for the page to show.
func TestTimeControlStopsOnError(t *testing.T) {
	tc := newTimeControl()
	tc.setSpeed(3)
	tc.play()
	r := &fakeRun{horizon: 1000, failOn: 3}
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	err := tick(&tc, r, &clock, time.Second/50, 50)
	if err == nil || tc.running() || r.day != 2 {
		t.Errorf("a refused day 3: error %v, running %v, day %d; want an error, false, 2", err, tc.running(), r.day)
	}
}

func TestTimeControlSetSpeedIgnoresOthers(t *testing.T) {
	tc := newTimeControl()
	for _, i := range []int{-1, len(speeds), 99} {
		tc.setSpeed(i)
		if tc.speed != 2 {
			t.Errorf("setSpeed(%d): speed %d, want it left at 2", i, tc.speed)
		}
	}
	tc.setSpeed(0)
	if tc.speed != 0 {
		t.Errorf("setSpeed(0): speed %d, want 0", tc.speed)
	}
}
