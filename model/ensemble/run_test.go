package ensemble

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"gigasandbox/model"
	"gigasandbox/model/report"
)

var update = flag.Bool("update", false, "rewrite testdata/digests.golden")

// goldenRuns is the size of the golden ensembles: the smallest allowed, so
// that the check stays quick under arm64 emulation and in wasm.
const goldenRuns = MinRuns

// TestGoldenEnsemble: the ensembles of two presets give the same digest of
// every run's every kept value on every platform (CI runs it on amd64,
// arm64 and wasm), and the same with one worker as with several.
func TestGoldenEnsemble(t *testing.T) {
	var got strings.Builder
	for _, name := range []string{"baseline", "grid-crunch"} {
		sc, err := model.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		one, err := Run(context.Background(), sc, Config{Runs: goldenRuns, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		many, err := Run(context.Background(), sc, Config{Runs: goldenRuns, Workers: 3})
		if err != nil {
			t.Fatal(err)
		}
		if one.Digest() != many.Digest() {
			t.Errorf("%s: one worker gives digest %016x, three %016x", name, one.Digest(), many.Digest())
		}
		fmt.Fprintf(&got, "%s %d %016x\n", name, goldenRuns, one.Digest())
	}
	const path = "testdata/digests.golden"
	if *update {
		if err := os.WriteFile(path, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./model/ensemble -run TestGoldenEnsemble -update writes it)", err)
	}
	if got.String() != string(want) {
		t.Errorf("ensemble digests:\n%s\nwant (%s):\n%s", got.String(), path, want)
	}
}

// TestBands: the bands hold their median, are ordered, and the scenario's
// own run lies within the ensemble's spread at the horizon for the
// baseline's chips; a band is no band for a figure that no draw moves.
func TestBands(t *testing.T) {
	sc, err := model.Preset("baseline")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), sc, Config{Runs: 32, Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	for m, metric := range Metrics {
		b := res.Band(m)
		for s := range res.Days {
			if b.P10[s] > b.P50[s] || b.P50[s] > b.P90[s] {
				t.Fatalf("%s on %s: P10 %d, P50 %d, P90 %d out of order", metric.Key, res.Days[s], b.P10[s], b.P50[s], b.P90[s])
			}
		}
	}
	chips := res.Band(0)
	last := len(res.Days) - 1
	if chips.P10[last] == chips.P90[last] {
		t.Errorf("chips at the horizon: no spread (%d) over 32 draws of 40-odd assumptions", chips.P10[last])
	}
	if chips.P10[0] != chips.P90[0] {
		t.Errorf("chips on day 0 differ between draws (%d to %d): the systems running at the start do not depend on assumptions", chips.P10[0], chips.P90[0])
	}
}

// TestOdds: a guided preset's goals are judged in every run, and the odds
// of a goal no run can miss differ from those of one that depends on the
// draws.
func TestOdds(t *testing.T) {
	sc, err := model.Preset("grid-crunch")
	if err != nil {
		t.Fatal(err)
	}
	goals, _, ok := report.Goals("grid-crunch")
	if !ok || len(goals) == 0 {
		t.Fatal("grid-crunch has no goals")
	}
	res, err := Run(context.Background(), sc, Config{Runs: MinRuns, Workers: 2, Goals: goals})
	if err != nil {
		t.Fatal(err)
	}
	odds := res.Odds()
	if len(odds) != len(goals) {
		t.Fatalf("%d odds for %d goals", len(odds), len(goals))
	}
	for _, o := range odds {
		if o.Runs != MinRuns || o.Met+o.Undecided > o.Runs || o.Undecided != 0 {
			t.Errorf("goal %s: met %d, undecided %d of %d", o.Goal.ID, o.Met, o.Undecided, o.Runs)
		}
	}
	// the same goals judged on the scenario's own run agree with the
	// ensemble where every run agrees
	sim, _ := model.New(sc)
	for sim.Day() < sim.Horizon() {
		if err := sim.Step(); err != nil {
			t.Fatal(err)
		}
	}
	for i, st := range report.EvaluateGoals(goals, sim, sim) {
		if o := odds[i]; (o.Met == o.Runs && st.Verdict == report.GoalMissed) || (o.Met == 0 && st.Verdict == report.GoalMet) {
			t.Logf("goal %s: the scenario's own run says %s, every draw the opposite (%d of %d met)", goals[i].ID, st.Verdict, o.Met, o.Runs)
		}
	}
}

// TestSensitivity: each headline outcome gets a swing from every varied
// assumption, largest first, around the scenario's own run; the fund left
// moves with the EU's share of chip prices, so some swing of it is not 0.
func TestSensitivity(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the baseline about a hundred times")
	}
	sc, err := model.Preset("baseline")
	if err != nil {
		t.Fatal(err)
	}
	ts, err := Sensitivity(context.Background(), sc, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	varied := Varied(&sc)
	seen := map[string]bool{}
	for _, tr := range ts {
		seen[tr.Key] = true
		if len(tr.Swings) != len(varied) {
			t.Fatalf("%s: %d swings for %d assumptions", tr.Key, len(tr.Swings), len(varied))
		}
		for i := 1; i < len(tr.Swings); i++ {
			if tr.Swings[i].Size() > tr.Swings[i-1].Size() {
				t.Fatalf("%s: swings not largest first at %d", tr.Key, i)
			}
		}
	}
	for _, key := range []string{"chips_active", "fund_left", "emissions_run"} {
		if !seen[key] {
			t.Errorf("no tornado for %s", key)
		}
	}
	for _, tr := range ts {
		if tr.Key == "fund_left" && tr.Swings[0].Size() == 0 {
			t.Error("fund_left: no assumption moves it")
		}
	}
}

func BenchmarkEnsemble(b *testing.B) {
	sc, err := model.Preset("baseline")
	if err != nil {
		b.Fatal(err)
	}
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("runs=64/workers=%d", workers), func(b *testing.B) {
			for b.Loop() {
				if _, err := Run(context.Background(), sc, Config{Runs: 64, Workers: workers}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// the page's way: one goroutine, a slice of 30 days at a time, each
	// job in the memory of the last
	b.Run("runs=64/job", func(b *testing.B) {
		var j *Job
		for b.Loop() {
			j = j.Restart(sc, Config{Runs: 64})
			for !j.Advance(30) {
			}
			if j.Err() != nil {
				b.Fatal(j.Err())
			}
		}
	})
}
