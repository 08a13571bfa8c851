package report_test

import (
	"testing"

	"gigasandbox/model"
)

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
