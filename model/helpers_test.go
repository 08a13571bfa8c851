package model_test

import (
	"testing"

	"gigasandbox/model"
)

// oneSite is a scenario with one new site of n chips in state st, built
// from the start, with the given assumptions.
func oneSite(st string, n int32, chip string, days int32, assumptions map[string]string) model.Scenario {
	sc := model.DefaultScenario()
	sc.Name = "test"
	sc.Days = days
	sc.Assumptions = assumptions
	sc.Sites = []model.SiteSpec{{Name: "Test site", State: model.MustState(st), Chips: n, Chip: model.MustGen(chip)}}
	return sc
}

// fast makes construction, ordering and grid connection immediate, so a
// site runs within weeks of day 0.
var fast = map[string]string{"build_days": "30", "order_lead_days": "1000"}

func mustNew(t testing.TB, sc model.Scenario) *model.Sim {
	t.Helper()
	sim, err := model.New(sc)
	if err != nil {
		t.Fatalf("New(%s) = %v", sc.Name, err)
	}
	return sim
}

func step(t testing.TB, sim *model.Sim, days int) {
	t.Helper()
	for i := 0; i < days; i++ {
		if err := sim.Step(); err != nil {
			t.Fatalf("Step on %s = %v", sim.Day(), err)
		}
	}
}

// onRelease is sc on the named release.
func onRelease(name string, sc model.Scenario) model.Scenario {
	sc.Release = name
	return sc
}
