package model_test

import (
	"errors"
	"fmt"
	"testing"

	"gigasandbox/model"
)

// FuzzCommands: commands applied to a running Sim day by day, as the page
// applies a user's clicks, give the run of the scenario that records them
// (Sim.Scenario), bit for bit at every day a command came; that scenario
// validates, and runs to its horizon without a refusal; a refused command
// changes nothing. The input is read as a few sites and a list of (days to
// wait, command) pairs; commands of every kind name sites that may not
// exist, or have been removed.
//
//	go test ./model -run '^$' -fuzz FuzzCommands -fuzztime 10m
func FuzzCommands(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{2, 0, 0, 3, 1, 0, 4, 1, 2, 0, 3, 1, 5, 0, 2})
	f.Add([]byte{1, 9, 0, 0, 1, 1, 3, 1, 0, 1, 0, 1, 1, 0, 0, 4, 1, 9})
	f.Add([]byte{3, 0, 5, 20, 6, 0, 0, 7, 1, 0, 8, 2, 1, 0, 9, 3, 0, 10, 0, 0, 11, 0})
	f.Add([]byte{0, 0, 0, 0, 200, 0, 0, 200, 0, 0, 200, 0, 0, 200, 0, 0, 200})
	f.Fuzz(func(t *testing.T, data []byte) {
		in := bytesReader(data)
		sc := model.DefaultScenario()
		sc.Name = "fuzz"
		sc.Days = 90
		for i := range int(in.next() % 4) {
			sc.Sites = append(sc.Sites, model.SiteSpec{Name: fmt.Sprint("Site ", i+1), State: model.MustState(fuzzStates[in.next()%byte(len(fuzzStates))]),
				Chips: int32(1 + int(in.next())*50), Chip: model.GenBest, Start: model.Day(in.next() % 60), Lon: 15_000000, Lat: 50_000000})
		}
		live, err := model.New(sc)
		if err != nil {
			t.Fatalf("New(%+v) = %v", sc, err)
		}
		sites := len(sc.Sites)
		for !in.done() && live.Day() < live.Horizon() {
			wait := int(in.next() % 8)
			for range wait {
				if live.Day()+1 >= live.Horizon() {
					break
				}
				if err := live.Step(); err != nil {
					t.Fatalf("Step on %s = %v", live.Day(), err)
				}
			}
			c := fuzzCommand(&in, sites+2, live.Day())
			before := live.StateHash()
			if err := live.Apply(c); err != nil {
				var ce *model.CommandError
				if !errors.As(err, &ce) {
					t.Fatalf("Apply(%+v) = %v, want a *model.CommandError", c, err)
				}
				if live.StateHash() != before {
					t.Fatalf("the refused Apply(%+v) (%v) changed the simulation", c, err)
				}
				continue
			}
			if c.Kind() == model.KindBuild {
				sites++
			}
			recorded := live.Scenario()
			if err := recorded.Validate(); err != nil {
				t.Fatalf("the scenario of the applied commands does not validate: %v", err)
			}
			replay, err := model.New(recorded)
			if err != nil {
				t.Fatal(err)
			}
			if err := replay.RunTo(live.Day()); err != nil {
				t.Fatalf("replay to %s = %v", live.Day(), err)
			}
			if replay.StateHash() != live.StateHash() {
				t.Fatalf("after Apply(%+v) on %s: live hash %016x, replay of Scenario() %016x", c, live.Day(), live.StateHash(), replay.StateHash())
			}
		}
		end, err := model.New(live.Scenario())
		if err != nil {
			t.Fatal(err)
		}
		if err := end.RunTo(end.Horizon()); err != nil {
			t.Fatalf("the recorded scenario stops on %s: %v", end.Day(), err)
		}
		if err := live.RunTo(live.Horizon()); err != nil {
			t.Fatalf("the live run stops on %s: %v", live.Day(), err)
		}
		if end.StateHash() != live.StateHash() {
			t.Fatalf("at the horizon: live hash %016x, replay %016x", live.StateHash(), end.StateHash())
		}
	})
}

var fuzzStates = []string{"PL", "DE", "FI", "IE", "HU"}

// bytesReader hands out the fuzzer's bytes, then zeros.
type bytesReader []byte

func (b *bytesReader) next() byte {
	if len(*b) == 0 {
		return 0
	}
	v := (*b)[0]
	*b = (*b)[1:]
	return v
}

func (b *bytesReader) done() bool { return len(*b) == 0 }

// fuzzCommand reads one command of any kind for day; sites it names are
// 1 to maxSite.
func fuzzCommand(in *bytesReader, maxSite int, day model.Day) model.Command {
	c := model.Command{Day: day}
	site := model.SiteID(1 + int(in.next())%maxSite)
	state := fuzzStates[in.next()%byte(len(fuzzStates))]
	switch in.next() % 10 {
	case 0:
		chips := int32(1 + int(in.next())*40)
		if in.next()%16 == 0 {
			chips = model.MaxSiteChips // the scenario's limits come into play
		}
		c.Op = model.BuildSite{Site: model.SiteSpec{Name: "Built", State: model.MustState(state), Chips: chips, Chip: model.GenBest, Start: day + model.Day(in.next()%20), Lon: 14_000000, Lat: 50_000000}}
	case 1:
		c.Op = model.RemoveSite{Site: site}
	case 2:
		mv := model.MoveSite{Site: site, Lon: model.Degrees(in.next()) * 100000, Lat: 50_000000}
		if in.next()%2 == 0 {
			mv.State = model.MustState(state)
		}
		c.Op = mv
	case 3:
		c.Op = model.SetLever{Lever: []model.LeverID{model.LeverEUShare, model.LeverHostShare, model.LeverVoucherShare, model.LeverPPAShare}[in.next()%4], Value: int32(in.next()%10) * 100}
	case 4:
		c.Op = model.SetLever{Lever: []model.LeverID{model.LeverFastTrack, model.LeverPreferSameState}[in.next()%2], Value: int32(in.next()+1) % 2}
	case 5:
		c.Op = model.SetLever{Lever: model.LeverDemandGrowth, Value: int32(in.next() % 3)}
	case 6:
		c.Op = model.SetRegime{Regime: model.Regime{Kind: []string{model.RegimeOpen, model.RegimeDiffusion, model.RegimeStrict}[in.next()%3]}}
	case 7:
		c.Op = model.SetG2G{State: model.MustState(state), On: in.next()%2 == 0}
	case 8:
		c.Op = model.SetVEU{Site: site, On: in.next()%2 == 0}
	default:
		if in.next()%2 == 0 {
			c.Op = model.InvestGrid{State: model.MustState(state), MW: int64(in.next()) + 1}
		} else {
			c.Op = model.GridCrunch{State: model.MustState(state), Share: model.Share(int(in.next())*4 + 1), Days: int32(in.next()) + 1}
		}
	}
	return c
}

// TestCheckCommands: Validate follows the commands as the run will and
// names the first that cannot run on its day, with why.
func TestCheckCommands(t *testing.T) {
	site := func(name, state string, chips int32, start model.Day) model.SiteSpec {
		return model.SiteSpec{Name: name, State: model.MustState(state), Chips: chips, Chip: model.GenBest, Start: start, Lon: 15_000000, Lat: 50_000000}
	}
	build := func(day model.Day, chips int32) model.Command {
		sp := site("Built", "DE", chips, day)
		return model.Command{Day: day, Op: model.BuildSite{Site: sp}}
	}
	tests := []struct {
		name  string
		cmds  []model.Command
		index int
		why   model.Refusal
	}{
		{"no such site", []model.Command{{Day: 3, Op: model.SetVEU{Site: 2}}}, 0, model.RefusedNoSite},
		{"a site built later", []model.Command{{Day: 3, Op: model.RemoveSite{Site: 2}}, build(4, 10)}, 0, model.RefusedNoSite},
		{"removed twice", []model.Command{{Day: 3, Op: model.RemoveSite{Site: 1}}, {Day: 3, Op: model.RemoveSite{Site: 1}}}, 1, model.RefusedRemoved},
		{"moved after removal", []model.Command{{Day: 3, Op: model.RemoveSite{Site: 1}}, {Day: 9, Op: model.MoveSite{Site: 1}}}, 1, model.RefusedRemoved},
		{"across a border the day after the start", []model.Command{{Day: 11, Op: model.MoveSite{Site: 1, State: model.MustState("CZ")}}}, 0, model.RefusedStarted},
		{"chips over the limit", []model.Command{build(1, model.MaxSiteChips), build(2, model.MaxSiteChips), build(3, model.MaxSiteChips), build(4, model.MaxSiteChips)}, 3, model.RefusedChips},
		{"removed chips still count", []model.Command{build(1, model.MaxSiteChips), {Day: 2, Op: model.RemoveSite{Site: 2}}, build(2, model.MaxSiteChips), build(3, model.MaxSiteChips), build(4, model.MaxSiteChips)}, 4, model.RefusedChips},
		{"shares over 1", []model.Command{{Day: 1, Op: model.SetLever{Lever: model.LeverEUShare, Value: 500}}, {Day: 2, Op: model.SetLever{Lever: model.LeverHostShare, Value: 600}}}, 1, model.RefusedShares},
		{"a field out of range", []model.Command{{Day: 1, Op: model.InvestGrid{State: model.MustState("DE"), MW: 0}}}, 0, model.RefusedInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := model.DefaultScenario()
			sc.Days = 100
			sc.Sites = []model.SiteSpec{site("First", "PL", 1000, 10)}
			sc.Commands = tt.cmds
			err := sc.Validate()
			var ce *model.CommandError
			if !errors.As(err, &ce) || ce.Index != tt.index || ce.Refusal != tt.why {
				t.Fatalf("Validate = %v, want command %d refused (%v)", err, tt.index+1, tt.why)
			}
		})
	}
	// a move across a border on the start day, or within the state after, is fine
	sc := model.DefaultScenario()
	sc.Sites = []model.SiteSpec{site("First", "PL", 1000, 10)}
	sc.Commands = []model.Command{{Day: 10, Op: model.MoveSite{Site: 1, State: model.MustState("CZ")}}, {Day: 50, Op: model.MoveSite{Site: 1, State: model.MustState("CZ")}}}
	if err := sc.Validate(); err != nil {
		t.Errorf("Validate(moves allowed) = %v", err)
	}
	if err := mustNew(t, sc).RunTo(60); err != nil {
		t.Errorf("RunTo(60) = %v", err)
	}
}
