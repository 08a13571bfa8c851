package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// updateSweep rewrites the goldens of sweep, tornado and merge:
//
//	go test ./cmd/gigasim -run 'TestSweepGolden|TestTornadoGolden' -update-sweep
var updateSweep = flag.Bool("update-sweep", false, "rewrite testdata/sweep/*.golden")

// checkSweepGolden compares got with testdata/sweep/NAME.
func checkSweepGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "sweep", name)
	if *updateSweep {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update-sweep to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n%s", name, path, got)
	}
}

// TestSweepGolden: sweep's text, JSON and CSV, with all assumptions and
// with some, and a guided preset's goal odds, are the goldens; the same on
// one worker as on two.
func TestSweepGolden(t *testing.T) {
	csvPath := filepath.Join(t.TempDir(), "bands.csv")
	for _, tt := range []struct {
		golden string
		args   []string
	}{
		{"sweep.golden", []string{"sweep", "--scenario", "testdata/sweep.json", "--runs", "16"}},
		{"sweep-vary.golden", []string{"sweep", "--scenario", "testdata/sweep.json", "--runs", "16", "--vary", "pue,demand_h100e_2026"}},
		{"sweep.json.golden", []string{"sweep", "--scenario", "testdata/sweep.json", "--runs", "16", "--json"}},
		{"sweep-grid-crunch.golden", []string{"sweep", "--preset", "grid-crunch", "--runs", "16"}},
	} {
		got := mustRun(t, append(tt.args, "--workers", "2")...)
		checkSweepGolden(t, tt.golden, got)
		if one := mustRun(t, append(tt.args, "--workers", "1")...); one != got {
			t.Errorf("%s: one worker prints other than two", tt.golden)
		}
	}
	out := mustRun(t, "sweep", "--scenario", "testdata/sweep.json", "--runs", "16", "--csv", csvPath)
	if !strings.Contains(out, "Wrote the bands of 12 series") {
		t.Errorf("sweep --csv printed %q", out)
	}
	b, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	checkSweepGolden(t, "sweep.csv.golden", string(b))
}

// TestTornadoGolden: gigasim tornado's table of the test scenario, the
// page's six outcomes and all of them as JSON.
func TestTornadoGolden(t *testing.T) {
	checkSweepGolden(t, "tornado.golden", mustRun(t, "tornado", "--scenario", "testdata/sweep.json", "--top", "5"))
	js := mustRun(t, "tornado", "--scenario", "testdata/sweep.json", "--all", "--json")
	var ts []struct {
		Key     string
		Central int64
		Swings  []struct{ Assumption string }
	}
	if err := json.Unmarshal([]byte(js), &ts); err != nil {
		t.Fatal(err)
	}
	if len(ts) < 20 || len(ts[0].Swings) != 52 {
		t.Errorf("tornado --all --json: %d outcomes, %d swings in the first; want every headline outcome and 52 assumptions", len(ts), len(ts[0].Swings))
	}
}

// TestShardMerge: a sweep split in shards, each written as a part file,
// merges (in any order) into what one sweep prints, as text, JSON and CSV.
func TestShardMerge(t *testing.T) {
	dir := t.TempDir()
	base := []string{"sweep", "--scenario", "testdata/sweep.json", "--runs", "20"}
	var parts []string
	for _, shard := range []string{"3/3", "1/3", "2/3"} {
		out := mustRun(t, append(base, "--shard", shard)...)
		path := filepath.Join(dir, "part-"+shard[:1]+".json")
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, path)
	}
	if got, want := mustRun(t, append([]string{"merge"}, parts...)...), mustRun(t, base...); got != want {
		t.Errorf("merge printed\n%s\nwant what sweep prints:\n%s", got, want)
	}
	if got, want := mustRun(t, append([]string{"merge", "--json"}, parts...)...), mustRun(t, append(base, "--json")...); got != want {
		t.Error("merge --json differs from sweep --json")
	}
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	mustRun(t, append(append([]string{"merge"}, parts...), "--csv", a)...) // flags after the files too
	mustRun(t, append(base, "--csv", b)...)
	ca, _ := os.ReadFile(a)
	cb, _ := os.ReadFile(b)
	if len(ca) == 0 || string(ca) != string(cb) {
		t.Error("merge --csv differs from sweep --csv")
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"merge", parts[0], parts[1]}, "runs are in no part"},
		{[]string{"merge", parts[0], parts[1], parts[2], parts[0]}, "give each shard once"},
		{[]string{"merge"}, "no part files given"},
		{[]string{"merge", "testdata/sweep.json"}, "not a part of an ensemble"},
		{[]string{"merge", filepath.Join(dir, "none.json")}, "no such file"},
	} {
		code, _, stderr := invoke(tt.args...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("run(%q) = %d, %q; want %d and %q", tt.args, code, stderr, exitUsage, tt.want)
		}
	}
}

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

// TestSweepLinkBands: a link with the bands on sweeps the page's number
// of runs, unless --runs says otherwise.
func TestSweepLinkBands(t *testing.T) {
	link := strings.TrimSpace(mustRun(t, "link", "testdata/sweep.json"))
	link = strings.SplitN(link, "\n", 2)[0]
	out := mustRun(t, "sweep", "--link", link+"&bands=20&lang=fr")
	if !strings.Contains(out, ": 20 runs,") {
		t.Errorf("sweep of a link with bands=20:\n%s", out)
	}
	if out := mustRun(t, "sweep", "--link", link+"&bands=20", "--runs", "16"); !strings.Contains(out, ": 16 runs,") {
		t.Errorf("sweep --runs 16 of a link with bands=20:\n%s", out)
	}
	code, _, stderr := invoke("sweep", "--link", link+"&bands=3")
	if code != exitUsage || !strings.Contains(stderr, "bands=3") {
		t.Errorf("sweep of a link with bands=3 = %d, %q", code, stderr)
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
		{[]string{"sweep", "--runs", "x"}, "invalid value"},
		{[]string{"sweep", "--vary", "pue,nope"}, `"nope" is no assumption`},
		{[]string{"sweep", "--vary", ""}, `"" is no assumption`},
		{[]string{"sweep", "--shard", "0/4"}, "want 1 ≤ I ≤ N"},
		{[]string{"sweep", "--shard", "5/4"}, "want 1 ≤ I ≤ N"},
		{[]string{"sweep", "--shard", "1/100", "--runs", "64"}, "N ≤ 64"},
		{[]string{"sweep", "--shard", "half"}, "want I/N"},
		{[]string{"sweep", "--json", "--csv", "x.csv"}, "at most one of --json, --csv"},
		{[]string{"sweep", "--json", "--shard", "1/2"}, "at most one of --json, --csv"},
		{[]string{"sweep", "--nope"}, "flag provided but not defined"},
		{[]string{"tornado", "--top", "-1"}, "--top -1"},
		{[]string{"tornado", "extra"}, `unexpected argument "extra"`},
		{[]string{"merge", "--json", "--csv", "x", "a.json"}, "at most one of --json and --csv"},
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
