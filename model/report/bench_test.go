package report_test

import (
	"testing"

	"gigasandbox/model"
	"gigasandbox/model/report"
)

// benchSims returns the baseline at 2029-01-01 and its projection to the
// horizon: what the page holds while a class plays the guided preset.
func benchSims(b *testing.B) (live, proj *model.Sim) {
	sc, err := model.Preset("baseline")
	if err != nil {
		b.Fatal(err)
	}
	live, proj = mustNew(b, sc), mustNew(b, sc)
	if err := live.RunTo(model.DayOf(2029, 1, 1)); err != nil {
		b.Fatal(err)
	}
	if err := proj.RunTo(proj.Horizon()); err != nil {
		b.Fatal(err)
	}
	return live, proj
}

// The page judges the goals and may build four scorecards every frame,
// and builds both runs' outcomes for the comparison at the horizon.

func BenchmarkEvaluateGoals(b *testing.B) {
	live, proj := benchSims(b)
	goals, _, ok := report.Goals("baseline")
	if !ok {
		b.Fatal("no goals")
	}
	b.ReportAllocs()
	for b.Loop() {
		report.EvaluateGoals(goals, live, proj)
	}
}

func BenchmarkScorecard(b *testing.B) {
	live, _ := benchSims(b)
	b.ReportAllocs()
	for b.Loop() {
		for st := range 4 {
			report.Scorecard(live, st).Rows()
		}
	}
}

func BenchmarkOutcomes(b *testing.B) {
	_, proj := benchSims(b)
	b.ReportAllocs()
	for b.Loop() {
		report.OutcomesOf(proj)
	}
}
