package ensemble

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"gigasandbox/model"
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
	res, err := Run(context.Background(), sc, Config{Runs: 32, Workers: 2, AtEnd: func(sim *model.Sim) any { return sim.Day() }})
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
	for i, e := range res.End {
		if e != sc.Days {
			if d, ok := e.(model.Day); !ok || d != model.Day(sc.Days) {
				t.Fatalf("run %d ended on %v, want the horizon %d", i, e, sc.Days)
			}
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
}
