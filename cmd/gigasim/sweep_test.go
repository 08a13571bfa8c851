package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestSweep: gigasim sweep gives the model's golden ensemble (the same
// digest on any number of workers) and a spread for every series.
func TestSweep(t *testing.T) {
	golden, err := os.ReadFile("../../model/ensemble/testdata/digests.golden")
	if err != nil {
		t.Fatal(err)
	}
	var want string
	for _, line := range strings.Split(string(golden), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "baseline" && f[1] == "16" {
			want = f[2]
		}
	}
	if want == "" {
		t.Fatal("no digest of baseline's 16-run ensemble in the golden file")
	}
	for _, workers := range []string{"1", "2"} {
		out := mustRun(t, "sweep", "--preset", "baseline", "--runs", "16", "--workers", workers)
		if !strings.Contains(out, "digest "+want) {
			t.Errorf("sweep on %s workers printed\n%s\nwant digest %s", workers, out, want)
		}
		for _, series := range []string{"chips_active", "fund_left", "emissions"} {
			if !strings.Contains(out, series) {
				t.Errorf("sweep printed no %s", series)
			}
		}
	}
	var js struct {
		Runs   int      `json:"runs"`
		Varied []string `json:"varied"`
		Days   []string `json:"days"`
		Bands  []struct {
			Key           string
			P10, P50, P90 []int64
		} `json:"bands"`
		Digest string `json:"digest"`
	}
	out := mustRun(t, "sweep", "--preset", "baseline", "--runs", "16", "--json")
	if err := json.Unmarshal([]byte(out), &js); err != nil {
		t.Fatalf("sweep --json: %v\n%s", err, out)
	}
	if js.Runs != 16 || js.Digest != want || len(js.Varied) < 30 || len(js.Bands) == 0 {
		t.Fatalf("sweep --json = %d runs, digest %s, %d varied, %d bands", js.Runs, js.Digest, len(js.Varied), len(js.Bands))
	}
	for _, b := range js.Bands {
		if len(b.P10) != len(js.Days) || len(b.P90) != len(js.Days) {
			t.Errorf("%s: %d and %d band points for %d days", b.Key, len(b.P10), len(b.P90), len(js.Days))
		}
	}
}

// TestSweepGoals: a guided preset's sweep says how often each goal is met.
func TestSweepGoals(t *testing.T) {
	out := mustRun(t, "sweep", "--preset", "grid-crunch", "--runs", "16")
	for _, want := range []string{"goal fund", "goal served-2029", "% of runs ("} {
		if !strings.Contains(out, want) {
			t.Errorf("sweep of grid-crunch printed\n%s\nwant %q", out, want)
		}
	}
}

func TestSweepBadInput(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"sweep", "--runs", "8"}, "--runs 8: want 16 to 1024"},
		{[]string{"sweep", "--runs", "2000"}, "want 16 to 1024"},
		{[]string{"sweep", "--workers", "0"}, "--workers 0"},
		{[]string{"sweep", "--preset", "nope"}, `unknown preset "nope"`},
		{[]string{"sweep", "--preset", "baseline", "--scenario", "x.json"}, "not two"},
		{[]string{"assumptions", "--ranges", "--unsourced"}, "at most one"},
	} {
		code, _, stderr := invoke(tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("run(%q) = %d, %q; want %d and %q", tt.args, code, stderr, exitUsage, tt.want)
		}
	}
}

// TestAssumptionsRanges: --ranges shows every assumption's range or why it
// is fixed, and --unsourced only assumptions marked (U).
func TestAssumptionsRanges(t *testing.T) {
	out := mustRun(t, "assumptions", "--ranges")
	for _, want := range []string{"pue", "1.1 to 1.3", "low:", "high:", "fixed:"} {
		if !strings.Contains(out, want) {
			t.Errorf("assumptions --ranges does not show %q", want)
		}
	}
	out = mustRun(t, "assumptions", "--unsourced")
	for _, line := range strings.Split(out, "\n") {
		if line != "" && !strings.HasPrefix(line, " ") && !strings.HasSuffix(line, "(U)") && !strings.Contains(line, "rests on judgement") {
			t.Errorf("assumptions --unsourced lists %q, which is not marked (U)", line)
		}
	}
}

// TestReleases: gigasim lists its releases, says which a run used, and
// diffs two releases (one with itself lists nothing).
func TestReleases(t *testing.T) {
	out := mustRun(t, "releases")
	if !strings.Contains(out, "2026-11") || !strings.Contains(out, "newest") {
		t.Errorf("releases printed %q", out)
	}
	if out := mustRun(t, "run", "--days", "10"); !strings.Contains(out, "Figures: release 2026-11") {
		t.Errorf("run does not say its release:\n%s", out)
	}
	if out := mustRun(t, "diff-release", "2026-11", "2026-11"); !strings.Contains(out, "0 figures differ") {
		t.Errorf("diff-release of one release with itself printed %q", out)
	}
	code, _, stderr := invoke("diff-release", "2026-11", "1999-01")
	if code != exitUsage || !strings.Contains(stderr, `release "1999-01"`) {
		t.Errorf("diff-release with an unknown release = %d, %q", code, stderr)
	}
}
