package report_test

import (
	"bytes"
	"strings"
	"testing"

	"gigasandbox/model"
	"gigasandbox/model/report"
)

func TestWholeUnit(t *testing.T) {
	tests := []struct {
		v    int64
		u    report.Unit
		want string
	}{
		{399336, report.Chips, "399336"},
		{612, report.Permille, "61.2"},
		{-5, report.KW, "-0.005"},
		{15552, report.EuroMillions, "15.552"},
		{7, report.BasisPoints, "0.07"},
		{0, report.TonnesCO2e, "0.000"},
	}
	for _, tt := range tests {
		if got := report.WholeUnit(tt.v, tt.u); got != tt.want {
			t.Errorf("WholeUnit(%d, %d) = %q, want %q", tt.v, tt.u, got, tt.want)
		}
	}
}

// TestBoardRuns: a board judges each run on its own goal set at the
// horizon, leaves other sets' goals blank, and its CSV has a row per run
// and a column per goal and headline outcome.
func TestBoardRuns(t *testing.T) {
	var runs []report.BoardRun
	for _, p := range []struct{ name, set string }{{"Red", "baseline"}, {"Blue", "baseline"}, {"Green", "grid-crunch"}, {"Plain", ""}} {
		preset := p.set
		if preset == "" {
			preset = "baseline"
		}
		sc, err := model.Preset(preset)
		if err != nil {
			t.Fatal(err)
		}
		sc.Days = 1500
		sim, err := model.New(sc)
		if err != nil {
			t.Fatal(err)
		}
		if err := sim.RunTo(sim.Horizon()); err != nil {
			t.Fatal(err)
		}
		runs = append(runs, report.NewBoardRun(p.name, p.set, sim))
	}
	goals := report.BoardGoals(runs)
	base, _, _ := report.Goals("baseline")
	crunch, _, _ := report.Goals("grid-crunch")
	if len(goals) != len(base)+len(crunch) || goals[0].Set != "baseline" || goals[len(base)].Set != "grid-crunch" {
		t.Fatalf("BoardGoals = %d columns, want baseline's %d then grid-crunch's %d", len(goals), len(base), len(crunch))
	}
	for _, g := range goals {
		for _, r := range runs {
			s, ok := r.Verdict(g)
			if ok != (r.GoalSet == g.Set) {
				t.Errorf("%s on %s/%s: judged %v, want %v", r.Name, g.Set, g.ID, ok, r.GoalSet == g.Set)
			}
			if ok && s.Verdict != report.GoalMet && s.Verdict != report.GoalMissed {
				t.Errorf("%s on %s: %v at the horizon, want met or missed", r.Name, g.ID, s.Verdict)
			}
		}
	}
	for _, key := range report.BoardKeys {
		if _, _, ok := runs[0].Value(key); !ok {
			t.Errorf("BoardKeys holds %q, which is no headline outcome", key)
		}
	}
	var b bytes.Buffer
	if err := report.WriteBoardCSV(&b, runs, nil); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 5 {
		t.Fatalf("CSV has %d lines, want a header and 4 runs", len(lines))
	}
	want := 4 + 2*len(goals) + len(runs[0].Rows)
	for i, l := range lines {
		if n := strings.Count(l, ",") + 1; n != want {
			t.Errorf("CSV line %d has %d fields, want %d", i+1, n, want)
		}
	}
	if !strings.HasPrefix(lines[4], "Plain,,") {
		t.Errorf("CSV line of a run without goals = %q, want its goal set empty", lines[4])
	}
}
