package session_test

import (
	"errors"
	"testing"

	"gigasandbox/game/session"
	"gigasandbox/model"
)

func newSession(t *testing.T, preset string) *session.Session {
	t.Helper()
	s, err := session.NewPreset(preset)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func seek(t *testing.T, s *session.Session, d model.Day) {
	t.Helper()
	if err := s.Seek(d); err != nil {
		t.Fatalf("Seek(%d): %v", d, err)
	}
	if s.Day() != d {
		t.Fatalf("Seek(%d) left the run at day %d", d, s.Day())
	}
}

// do applies c today; a build starts today.
func do(t *testing.T, s *session.Session, c model.Command) session.Result {
	t.Helper()
	if b, ok := c.Op.(model.BuildSite); ok {
		b.Site.Start = s.Day()
		c.Op = b
	}
	res, err := s.Do(c)
	if err != nil {
		t.Fatalf("Do(%s): %v", c, err)
	}
	return res
}

// replayHash runs the session's scenario from scratch to day d: what a link
// or file made from the session would show.
func replayHash(t *testing.T, s *session.Session, d model.Day) string {
	t.Helper()
	sim, err := model.New(s.Scenario())
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.RunTo(d); err != nil {
		t.Fatal(err)
	}
	return session.HashOf(sim)
}

func build(state string, chips int32) model.Command {
	return model.Command{Op: model.BuildSite{Site: model.SiteSpec{Name: "Test " + state, State: model.MustState(state), Chips: chips, Chip: model.GenBest}}}
}

// TestEditsReplayExactly: whatever the user does in the page, the scenario
// the session hands to a link replays to the same bits.
func TestEditsReplayExactly(t *testing.T) {
	tests := []struct {
		name   string
		preset string
		edits  map[model.Day][]model.Command
	}{
		{"build and lever", "baseline", map[model.Day][]model.Command{
			10: {build("SE", 50000)},
			40: {{Op: model.SetLever{Lever: model.LeverVoucherShare, Value: 300}}, {Op: model.InvestGrid{State: model.MustState("IE"), MW: 500}}},
		}},
		{"before a preset's scheduled crunch", "grid-crunch", map[model.Day][]model.Command{
			5:   {{Op: model.SetLever{Lever: model.LeverPPAShare, Value: 500}}},
			200: {{Op: model.SetRegime{Regime: model.Regime{Kind: model.RegimeStrict}}}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSession(t, tt.preset)
			for s.Day() < 400 {
				for _, c := range tt.edits[s.Day()] {
					do(t, s, c)
				}
				if _, err := s.Step(1); err != nil {
					t.Fatal(err)
				}
			}
			if got, want := replayHash(t, s, 400), session.HashOf(s.Sim()); got != want {
				t.Fatalf("replay hash %s, live %s", got, want)
			}
			n := 0
			for _, cs := range tt.edits {
				n += len(cs)
			}
			if len(s.Edits()) != n {
				t.Fatalf("%d edits recorded, want %d", len(s.Edits()), n)
			}
		})
	}
}

// TestSeekBackAndForth: rewinding replays, so the same day gives the same
// state whichever way the user got there.
func TestSeekBackAndForth(t *testing.T) {
	s := newSession(t, "baseline")
	seek(t, s, 30)
	do(t, s, build("FI", 25000))
	seek(t, s, 300)
	at300 := session.HashOf(s.Sim())
	seek(t, s, 100)
	seek(t, s, 300)
	if got := session.HashOf(s.Sim()); got != at300 {
		t.Fatalf("day 300 after rewind %s, before %s", got, at300)
	}
	if err := s.Reset(); err != nil {
		t.Fatal(err)
	}
	if s.Day() != 0 || len(s.Edits()) != 1 {
		t.Fatalf("Reset: day %d, %d edits; want day 0 and the edit kept", s.Day(), len(s.Edits()))
	}
}

// TestEditAfterRewindDropsLaterEdits: changing the past drops the edits of
// the old future, and undo brings them back.
func TestEditAfterRewindDropsLaterEdits(t *testing.T) {
	s := newSession(t, "baseline")
	seek(t, s, 200)
	do(t, s, build("SE", 50000))
	seek(t, s, 250)
	do(t, s, model.Command{Op: model.SetLever{Lever: model.LeverVoucherShare, Value: 400}})
	seek(t, s, 300)
	before := session.HashOf(s.Sim())

	seek(t, s, 100)
	res := do(t, s, build("PT", 25000))
	if res.Dropped != 2 {
		t.Fatalf("Dropped = %d, want the 2 later edits", res.Dropped)
	}
	if len(s.Edits()) != 1 || s.Edits()[0].Day != 100 {
		t.Fatalf("edits after dropping: %+v", s.Edits())
	}
	// the dropped edits are unscheduled, not replayed: the run goes on as
	// the scenario without them does from day 0
	seek(t, s, 300)
	if got, want := session.HashOf(s.Sim()), replayHash(t, s, 300); got != want {
		t.Fatalf("day 300 after dropping is %s, a replay of the scenario gives %s", got, want)
	}
	seek(t, s, 100)
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if len(s.Edits()) != 2 {
		t.Fatalf("undo left %d edits, want the 2 of the old timeline", len(s.Edits()))
	}
	seek(t, s, 300)
	if got := session.HashOf(s.Sim()); got != before {
		t.Fatalf("after undo day 300 is %s, was %s", got, before)
	}
	if err := s.Redo(); err != nil {
		t.Fatal(err)
	}
	if got := len(s.Edits()); got != 1 {
		t.Fatalf("redo left %d edits, want 1", got)
	}
}

// TestBadEditChangesNothing: a rejected edit leaves the run and the edits as
// they were, even when it would have dropped later edits.
func TestBadEditChangesNothing(t *testing.T) {
	s := newSession(t, "baseline")
	seek(t, s, 50)
	do(t, s, build("SE", 50000))
	seek(t, s, 20)
	before := session.HashOf(s.Sim())
	bad := []model.Command{
		{Op: model.SetLever{Lever: model.LeverEUShare, Value: 950}}, // eu + host > 1
		{Op: model.RemoveSite{Site: 999}},
		{Op: model.BuildSite{Site: model.SiteSpec{Name: "Nowhere", State: model.NumStates + 1, Chips: 1000, Chip: model.GenBest}}}, // no such state
		{Op: model.SetLever{Lever: model.NumLevers, Value: 1}},
	}
	for _, c := range bad {
		if _, err := s.Do(c); err == nil {
			t.Fatalf("Do(%+v) accepted", c)
		}
		if got := session.HashOf(s.Sim()); got != before {
			t.Fatalf("rejected %s changed the state", c)
		}
		if len(s.Edits()) != 1 || s.Day() != 20 {
			t.Fatalf("rejected %s changed edits or day: %d edits, day %d", c, len(s.Edits()), s.Day())
		}
	}
	// only the one good edit is on the undo stack
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if s.CanUndo() || len(s.Edits()) != 0 {
		t.Fatalf("after undoing the one good edit: CanUndo %v, %d edits", s.CanUndo(), len(s.Edits()))
	}
}

func TestEditAfterEndRejected(t *testing.T) {
	sc := model.DefaultScenario()
	sc.Days = 30
	s, err := session.New("short", sc)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.Step(100); err != nil || n != 30 {
		t.Fatalf("Step(100) = %d, %v; want 30 days to the horizon", n, err)
	}
	if _, err := s.Do(build("DE", 25000)); !errors.Is(err, session.ErrEnded) {
		t.Fatalf("Do after the end = %v, want ErrEnded", err)
	}
}

func TestStatus(t *testing.T) {
	s := newSession(t, "baseline")
	seek(t, s, 40)
	st := s.Status()
	if st.Day != 40 || st.Date != "2026-02-10" || st.Scenario != "baseline" {
		t.Fatalf("status %+v", st)
	}
	if st.StateHash != replayHash(t, s, 40) || len(st.StateHash) != 16 {
		t.Fatalf("status hash %q, replay %q", st.StateHash, replayHash(t, s, 40))
	}
	if st.Sites == 0 || st.ChipsActive == 0 || st.FundLeftEUR <= 0 {
		t.Fatalf("baseline at day 40 has no sites, chips or fund: %+v", st)
	}
}

// TestProjectionIsTheFuture: the projection is the scenario run to its
// horizon, so it agrees with the live run on every day the live run has
// reached, and with the live run continued to the end. It starts again
// after an edit.
func TestProjectionIsTheFuture(t *testing.T) {
	s := newSession(t, "baseline")
	seek(t, s, 120)
	do(t, s, build("SE", 50000))
	p := s.Projection()
	steps := 0
	for !p.Advance(100) {
		steps++
	}
	if p.Err() != nil || p.Sim().Day() != s.Horizon() {
		t.Fatalf("projection stopped at %s: %v", p.Sim().Day(), p.Err())
	}
	live, proj := s.Sim().History(), p.Sim().History()
	for d := range live {
		if live[d] != proj[d] {
			t.Fatalf("day %d: the projection's outcomes differ from the live run's", d)
		}
	}
	want := session.HashOf(p.Sim())
	seek(t, s, s.Horizon())
	if got := session.HashOf(s.Sim()); got != want {
		t.Fatalf("the live run at the horizon is %s, the projection said %s", got, want)
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	np := s.Projection()
	if np == p || np.Done() {
		t.Fatal("undo did not start a new projection")
	}
	np.Advance(1) // builds it
	if np.Sim() == nil || np.Sim().Day() != 0 {
		t.Fatal("a new projection does not start at day 0")
	}
}

// TestAssumptionReplaysFromDayZero: an assumption holds from the first day,
// so changing it replays the run; undo brings the old world back; a bad
// value changes nothing.
func TestAssumptionReplaysFromDayZero(t *testing.T) {
	s := newSession(t, "baseline")
	seek(t, s, 700)
	before := session.HashOf(s.Sim())
	powerBefore := s.Sim().Today().PowerDrawn
	if err := s.SetAssumption("pue", "1.6"); err != nil {
		t.Fatal(err)
	}
	if s.Day() != 700 {
		t.Fatalf("after SetAssumption the run is at day %d, want 700", s.Day())
	}
	if got := s.Sim().Today().PowerDrawn; got <= powerBefore {
		t.Fatalf("a higher PUE drew %d W, before %d W", got, powerBefore)
	}
	if got := replayHash(t, s, 700); got != session.HashOf(s.Sim()) {
		t.Fatalf("the scenario with the assumption replays to %s, the page shows %s", got, session.HashOf(s.Sim()))
	}
	if s.Assumptions()["pue"] != "1.6" {
		t.Fatalf("assumptions %v", s.Assumptions())
	}
	if err := s.SetAssumption("pue", "banana"); err == nil {
		t.Fatal("a bad value was accepted")
	}
	if err := s.Undo(); err != nil {
		t.Fatal(err)
	}
	if got := session.HashOf(s.Sim()); got != before || len(s.Assumptions()) != 0 {
		t.Fatalf("undo: hash %s (want %s), assumptions %v", got, before, s.Assumptions())
	}
	if err := s.Redo(); err != nil {
		t.Fatal(err)
	}
	if s.Assumptions()["pue"] != "1.6" {
		t.Fatalf("redo: assumptions %v", s.Assumptions())
	}
}

// TestShownProjectionStaysWhole: while an edit's projection runs, the one
// shown is the last complete one, whole and untouched, though projections
// take over each other's memory (model.NewFrom); once the new one is done
// it is shown.
func TestShownProjectionStaysWhole(t *testing.T) {
	s := newSession(t, "baseline")
	finish := func() *session.Projection {
		p := s.Projection()
		for !p.Advance(500) {
		}
		return p
	}
	whole := func(p *session.Projection, what string) {
		t.Helper()
		if p == nil || p.Sim() == nil || len(p.Sim().History()) != int(s.Horizon()) {
			t.Fatalf("%s is not a whole projection", what)
		}
	}
	if s.Shown() != nil {
		t.Fatal("a projection is shown before one is complete")
	}
	first := finish()
	if s.Shown() != first {
		t.Fatal("the complete projection is not shown")
	}
	hash := session.HashOf(first.Sim())
	seek(t, s, 100)
	do(t, s, build("SE", 50000))
	s.Projection().Advance(300)
	do(t, s, build("FI", 25000)) // a second edit before the first's projection is done
	s.Projection().Advance(300)
	if s.Shown() != first || session.HashOf(first.Sim()) != hash {
		t.Fatal("the shown projection changed while the edits' projections ran")
	}
	whole(first, "the shown projection")
	second := finish()
	if s.Shown() != second {
		t.Fatal("the edits' complete projection is not shown")
	}
	do(t, s, build("PT", 25000)) // this one takes the first's memory
	s.Projection().Advance(300)
	if s.Shown() != second {
		t.Fatal("the shown projection changed while the next ran")
	}
	whole(second, "the shown projection after another edit")
	if got, want := session.HashOf(finish().Sim()), replayHash(t, s, s.Horizon()); got != want {
		t.Fatalf("the projection in reused memory ends at %s, a replay at %s", got, want)
	}
}
