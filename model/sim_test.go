package model_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"gigasandbox/model"
)

// TestApplyEqualsScenarioCommand: a command applied live and the same
// command written in the scenario give the same run, bit for bit — the
// property links and replays rely on.
func TestApplyEqualsScenarioCommand(t *testing.T) {
	base, err := model.Preset("baseline")
	if err != nil {
		t.Fatal(err)
	}
	cmds := []model.Command{
		{Day: 200, Op: model.BuildSite{Site: model.SiteSpec{Name: "Clicked", State: model.MustState("SE"), Chips: 50000, Chip: model.GenBest, Start: 210}}},
		{Day: 300, Op: model.SetLever{Lever: model.LeverVoucherShare, Value: 300}},
		{Day: 900, Op: model.SetRegime{Regime: model.Regime{Kind: model.RegimeDiffusion}}},
	}
	written := base
	written.Commands = append(append([]model.Command(nil), base.Commands...), cmds...)
	a := mustNew(t, written)
	b := mustNew(t, base)
	for b.Day() < 1200 {
		for _, c := range cmds {
			if c.Day == b.Day() {
				if err := b.Apply(c); err != nil {
					t.Fatalf("Apply(%+v) = %v", c, err)
				}
			}
		}
		step(t, b, 1)
	}
	step(t, a, 1200)
	if a.StateHash() != b.StateHash() {
		t.Fatalf("scenario command hash %016x, applied live %016x", a.StateHash(), b.StateHash())
	}
	// and the live sim's scenario replays to the same state
	c := mustNew(t, b.Scenario())
	step(t, c, 1200)
	if c.StateHash() != b.StateHash() {
		t.Fatalf("replay of Scenario() hash %016x, want %016x", c.StateHash(), b.StateHash())
	}
}

// TestRescheduleEqualsScenario: unscheduling the commands still to come and
// scheduling others gives the run of the scenario written that way, and
// Scenario() says so; commands out of order or on past days are refused
// and change nothing.
func TestRescheduleEqualsScenario(t *testing.T) {
	base, err := model.Preset("baseline")
	if err != nil {
		t.Fatal(err)
	}
	old := []model.Command{
		{Day: 500, Op: model.BuildSite{Site: model.SiteSpec{Name: "Dropped", State: model.MustState("SE"), Chips: 50000, Chip: model.GenBest, Start: 500}}},
		{Day: 600, Op: model.SetLever{Lever: model.LeverVoucherShare, Value: 300}},
	}
	later := []model.Command{{Day: 450, Op: model.SetLever{Lever: model.LeverPPAShare, Value: 500}}}
	sc := base
	sc.Commands = append([]model.Command(nil), old...)
	sim := mustNew(t, sc)
	step(t, sim, 400)
	for _, bad := range [][]model.Command{
		{{Day: 400, Op: model.SetLever{Lever: model.LeverPPAShare, Value: 500}}}, // today: already scheduled or run
		{{Day: 700, Op: model.SetLever{Lever: model.LeverPPAShare, Value: 500}}, {Day: 450, Op: model.SetLever{Lever: model.LeverPPAShare, Value: 500}}},
		{{Day: 450, Op: model.SetLever{Lever: model.NumLevers, Value: 1}}},
	} {
		if err := sim.Reschedule(bad); err == nil {
			t.Errorf("Reschedule(%+v) was accepted", bad)
		}
	}
	if err := sim.Reschedule(later); err != nil {
		t.Fatal(err)
	}
	step(t, sim, 800)
	written := base
	written.Commands = later
	want := mustNew(t, written)
	step(t, want, 1200)
	if sim.StateHash() != want.StateHash() {
		t.Fatalf("rescheduled run hash %016x, the scenario written so %016x", sim.StateHash(), want.StateHash())
	}
	replay := mustNew(t, sim.Scenario())
	step(t, replay, 1200)
	if replay.StateHash() != sim.StateHash() {
		t.Fatalf("replay of Scenario() hash %016x, want %016x", replay.StateHash(), sim.StateHash())
	}
}

func TestApplyRejects(t *testing.T) {
	sim := mustNew(t, oneSite("PL", 1000, "h100", 400, nil))
	step(t, sim, 10)
	tests := []struct {
		name string
		cmd  model.Command
		want string
	}{
		{"wrong day", model.Command{Day: 3, Op: model.SetG2G{State: model.MustState("PL")}}, "another day"},
		{"no such site", model.Command{Day: 10, Op: model.RemoveSite{Site: 5}}, "site 5 does not exist"},
		{"move across states after start", model.Command{Day: 10, Op: model.MoveSite{Site: 1, State: model.MustState("CZ")}}, "can move within PL only"},
		{"bad lever", model.Command{Day: 10, Op: model.SetLever{Lever: model.LeverEUShare, Value: 2000}}, "out of range"},
		{"build in the past", model.Command{Day: 10, Op: model.BuildSite{Site: model.SiteSpec{Name: "x", State: model.MustState("PL"), Chips: 5, Chip: model.GenH100, Start: 5}}}, "outside"},
		{"after horizon", model.Command{Day: 10, Op: model.GridCrunch{Share: 100, Days: 0}}, "days 0 out of range"},
	}
	h := sim.StateHash()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := sim.Apply(tt.cmd)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Apply(%+v) = %v, want an error containing %q", tt.cmd, err, tt.want)
			}
		})
	}
	if sim.StateHash() != h {
		t.Error("a rejected command changed the simulation")
	}
	if err := sim.Apply(model.Command{Day: 3, Op: model.SetG2G{State: model.MustState("PL")}}); !errors.Is(err, model.ErrWrongDay) {
		t.Errorf("Apply(wrong day) = %v, want ErrWrongDay", err)
	}
	// removal of a removed site fails; the first succeeds
	if err := sim.Apply(model.Command{Day: 10, Op: model.RemoveSite{Site: 1}}); err != nil {
		t.Fatalf("Apply(remove) = %v", err)
	}
	if err := sim.Apply(model.Command{Day: 10, Op: model.RemoveSite{Site: 1}}); err == nil || !strings.Contains(err.Error(), "was removed") {
		t.Errorf("Apply(remove again) = %v, want 'was removed'", err)
	}
}

// TestSeedMatters: the same scenario gives the same hash; another seed a
// different one.
func TestSeedMatters(t *testing.T) {
	run := func(seed uint64) uint64 {
		sc := oneSite("FI", 20000, "h100", 900, fast)
		sc.Seed = seed
		sim := mustNew(t, sc)
		step(t, sim, 900)
		return sim.StateHash()
	}
	if run(1) != run(1) {
		t.Error("two runs of one scenario differ")
	}
	if run(1) == run(2) {
		t.Error("seeds 1 and 2 give the same run")
	}
}

// TestMaltaCannotHostGigafactory: a 150 MW site waits in Malta's grid
// queue until a grid investment makes room — a real constraint.
func TestMaltaCannotHostGigafactory(t *testing.T) {
	sc := oneSite("MT", 100000, "h100", 2000, fast)
	sim := mustNew(t, sc)
	step(t, sim, 300)
	if s := sim.Sites()[0]; s.Status != model.SiteConstruction && s.Status != model.SiteWaitingGrid || s.GrantedW != 0 {
		t.Fatalf("Malta site is %s with %d W granted, want waiting for grid with none", s.Status, s.GrantedW)
	}
	if err := sim.Apply(model.Command{Day: 300, Op: model.InvestGrid{State: model.MustState("MT"), MW: 200}}); err != nil {
		t.Fatal(err)
	}
	step(t, sim, 1500)
	if s := sim.Sites()[0]; s.GrantedW == 0 {
		t.Errorf("after a 200 MW grid investment the Malta site has no connection (%s)", s.Status)
	}
}

// TestApplyBeforeScheduledCommands: a command applied live while the
// scenario still has events to come (the grid-crunch preset's crunches) must
// not skip them, and the scenario it leaves replays to the same bits.
func TestApplyBeforeScheduledCommands(t *testing.T) {
	base, err := model.Preset("grid-crunch")
	if err != nil {
		t.Fatal(err)
	}
	if len(base.Commands) == 0 {
		t.Fatal("grid-crunch preset has no scheduled commands: the test needs some")
	}
	live := mustNew(t, base)
	step(t, live, 100)
	if err := live.Apply(model.Command{Day: 100, Op: model.SetLever{Lever: model.LeverVoucherShare, Value: 200}}); err != nil {
		t.Fatal(err)
	}
	horizon := int(live.Horizon())
	step(t, live, horizon-100)

	crunches := 0
	for _, m := range live.Messages() {
		if m.Kind == model.MsgCrunch {
			crunches++
		}
	}
	if crunches == 0 {
		t.Fatal("the preset's grid crunches never happened after a live command")
	}
	sc := live.Scenario()
	for i := 1; i < len(sc.Commands); i++ {
		if sc.Commands[i].Day < sc.Commands[i-1].Day {
			t.Fatalf("Scenario().Commands out of day order at %d: %s after %s", i, sc.Commands[i].Day, sc.Commands[i-1].Day)
		}
	}
	replay := mustNew(t, sc)
	step(t, replay, horizon)
	if replay.StateHash() != live.StateHash() {
		t.Fatalf("replay of Scenario() hash %016x, live run %016x", replay.StateHash(), live.StateHash())
	}
}

// TestAppendChipStates agrees with ChipsOf, chip for chip.
func TestAppendChipStates(t *testing.T) {
	sc, err := model.Preset("baseline")
	if err != nil {
		t.Fatal(err)
	}
	sim := mustNew(t, sc)
	step(t, sim, 1500)
	total := 0
	for _, si := range sim.Sites() {
		var want []model.ChipState
		sim.ChipsOf(si.ID, func(st model.ChipState, _ model.Gen) { want = append(want, st) })
		got := sim.AppendChipStates(nil, si.ID)
		if len(got) != len(want) {
			t.Fatalf("site %d: %d chips, ChipsOf gives %d", si.ID, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("site %d chip %d: %v, ChipsOf gives %v", si.ID, i, got[i], want[i])
			}
		}
		total += len(got)
	}
	if total != sim.NumChips() {
		t.Fatalf("the sites' chips add up to %d, the fleet has %d", total, sim.NumChips())
	}
}

// TestNewFromRunsTheSameBits: a simulation built in the memory of an old
// one (NewFrom, as the page's projections are) runs to the same state
// hashes as one built fresh, whether the old one was larger, smaller or
// the same scenario, and leaves the old one empty.
func TestNewFromRunsTheSameBits(t *testing.T) {
	big := steadyScenario(1000000)
	big.Days = 400
	small := oneSite("FR", 1000, "h100", 200, fast)
	for _, name := range model.PresetNames() {
		sc, err := model.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		want := hashesTo(t, mustNew(t, sc))
		for _, old := range []struct {
			name string
			sc   model.Scenario
		}{{"the same", sc}, {"larger", big}, {"smaller", small}} {
			t.Run(name+" in the memory of "+old.name, func(t *testing.T) {
				prev := mustNew(t, old.sc)
				hashesTo(t, prev) // fill its memory with another run
				sim, err := model.NewFrom(sc, prev)
				if err != nil {
					t.Fatal(err)
				}
				if got := hashesTo(t, sim); !slices.Equal(got, want) {
					t.Errorf("state hashes every 100 days %x, want %x as from New", got, want)
				}
				if prev.Horizon() != 0 || len(prev.History()) != 0 {
					t.Errorf("the old simulation still holds %d days of a %d-day run", len(prev.History()), prev.Horizon())
				}
			})
		}
	}
}

// hashesTo runs sim to its horizon and returns its state hash every 100
// days and at the end.
func hashesTo(t *testing.T, sim *model.Sim) []uint64 {
	t.Helper()
	var hs []uint64
	for sim.Day() < sim.Horizon() {
		if sim.Day()%100 == 0 {
			hs = append(hs, sim.StateHash())
		}
		if err := sim.Step(); err != nil {
			t.Fatal(err)
		}
	}
	return append(hs, sim.StateHash())
}
