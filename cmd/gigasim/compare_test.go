package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gigasandbox/model/link"
	"gigasandbox/model/report"
)

// The compare goldens are rewritten with
//
//	go test ./cmd/gigasim -run TestCompare -update-compare
//
// (a flag of its own, so that it cannot clash with another golden test's
// -update in this package).
var updateCompare = flag.Bool("update-compare", false, "rewrite testdata/compare/*.golden")

// golden compares got with testdata/compare/NAME, or rewrites it.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "compare", name)
	if *updateCompare {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update-compare to create it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("output differs from %s at line %d:\n got: %s\nwant: %s", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("output differs from %s in length: %d lines, want %d", path, len(gl), len(wl))
	}
}

func TestCompareGolden(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
	}{
		{"baseline-diffusion-2025.golden", []string{"compare", "baseline", "diffusion-2025"}},
		{"baseline-diffusion-2025.json.golden", []string{"compare", "--json", "baseline", "diffusion-2025"}},
		{"baseline-small.golden", []string{"compare", "baseline", small}},
		{"three.golden", []string{"compare", "baseline", "grid-crunch", "Team 3=eu-chips"}},
		{"three.json.golden", []string{"compare", "baseline", "--json", "grid-crunch", "Team 3=eu-chips"}},
		{"board-six-teams.golden", []string{"compare", "#" + sixTeams(t)}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			golden(t, tt.golden, mustRun(t, tt.args...))
		})
	}
}

// sixTeams is the board of six teams that model/link's tests write.
func sixTeams(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "boards", "six-teams.link"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCompareCSV: --csv writes the board's CSV, one row per run, the bytes
// the page's board exports (report.WriteBoardCSV); the table still goes to
// stdout.
func TestCompareCSV(t *testing.T) {
	file := filepath.Join(t.TempDir(), "board.csv")
	out := mustRun(t, "compare", "--csv", file, "#"+sixTeams(t))
	if !strings.Contains(out, "compare at the horizon") {
		t.Errorf("compare --csv printed %q, want the table too", out)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "board-six-teams.csv.golden", string(b))
	if n := strings.Count(string(b), "\n"); n != 7 {
		t.Errorf("CSV has %d lines, want a header and six teams", n)
	}
}

// TestCompareBoardTeams: a board's teams compare as their own links do:
// the same state hashes, in the board's order, under the teams' names.
func TestCompareBoardTeams(t *testing.T) {
	board, err := link.DecodeBoard(sixTeams(t))
	if err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, team := range board.Teams {
		args = append(args, team.Name+"="+team.Fragment())
	}
	type side struct {
		Name      string `json:"name"`
		StateHash string `json:"state_hash"`
		GoalSet   string `json:"goal_set"`
	}
	var a, b struct{ Runs []side }
	if err := json.Unmarshal([]byte(mustRun(t, "compare", "--json", "#"+sixTeams(t))), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(mustRun(t, append([]string{"compare", "--json"}, args...)...)), &b); err != nil {
		t.Fatal(err)
	}
	if len(a.Runs) != 6 || !slices.Equal(a.Runs, b.Runs) {
		t.Errorf("board's runs %v, want the teams' own links' %v", a.Runs, b.Runs)
	}
	if a.Runs[3].GoalSet != "grid-crunch" {
		t.Errorf("team 4 is judged on %q, want its class's goals, grid-crunch", a.Runs[3].GoalSet)
	}
}

// TestCompareForms: flags may come anywhere; a preset, its file and its
// link are the same scenario; a scenario compared with itself differs by
// nothing.
func TestCompareForms(t *testing.T) {
	type table struct {
		A, B struct{ StateHash string } `json:"-"`
		Rows []struct {
			Key  string
			A, B int64
			Diff int64
		}
	}
	read := func(args ...string) table {
		t.Helper()
		var tb table
		if err := json.Unmarshal([]byte(mustRun(t, args...)), &tb); err != nil {
			t.Fatalf("run(%q): %v", args, err)
		}
		return tb
	}
	flagLast := read("compare", "baseline", "grid-crunch", "--json")
	flagFirst := read("compare", "--json", "baseline", "grid-crunch")
	if len(flagLast.Rows) == 0 || len(flagLast.Rows) != len(flagFirst.Rows) {
		t.Fatalf("%d and %d rows", len(flagLast.Rows), len(flagFirst.Rows))
	}
	for i := range flagLast.Rows {
		if flagLast.Rows[i] != flagFirst.Rows[i] {
			t.Errorf("row %d: %+v with --json last, %+v first", i, flagLast.Rows[i], flagFirst.Rows[i])
		}
	}
	l := strings.TrimSpace(mustRun(t, "link", "--preset", "grid-crunch", "--base", ""))
	file := filepath.Join(t.TempDir(), "grid-crunch.json")
	code, decoded, stderr := invoke("decode", l)
	if code != exitOK {
		t.Fatalf("decode %s = %d: %s", l, code, stderr)
	}
	if err := os.WriteFile(file, []byte(decoded), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, other := range []string{"grid-crunch", file, l} {
		for _, r := range read("compare", "--json", "grid-crunch", other).Rows {
			if r.Diff != 0 {
				t.Errorf("compare grid-crunch %s: row %s differs by %d", other, r.Key, r.Diff)
			}
		}
	}
}

func TestCompareBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"nothing", []string{"compare"}, []string{"compare takes two or more scenarios", "got 0"}},
		{"one", []string{"compare", "baseline"}, []string{"got 1"}},
		{"bad board", []string{"compare", "baseline", "#b=oQAB"}, []string{"board: "}},
		{"bad named", []string{"compare", "Red=nope", "baseline"}, []string{`unknown preset "nope"`}},
		{"unknown preset", []string{"compare", "baseline", "nope"}, []string{`unknown preset "nope"`, "scenario file"}},
		{"missing file", []string{"compare", "testdata/no-such-file.json", "baseline"}, []string{"no-such-file.json", "no such file"}},
		{"malformed file", []string{"compare", "baseline", "testdata/bad/malformed.json"}, []string{"malformed.json", "line 6"}},
		{"bad link", []string{"compare", "baseline", "#s=!!"}, []string{"link: "}},
		{"unknown flag", []string{"compare", "--tsv", "x", "baseline", "eu-chips"}, []string{"compare", "-tsv"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := invoke(tt.args...)
			if code != exitUsage {
				t.Errorf("run(%q) = %d, want %d", tt.args, code, exitUsage)
			}
			if stdout != "" {
				t.Errorf("run(%q) wrote to stdout:\n%s", tt.args, stdout)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "gigasim: ") {
				t.Errorf("run(%q) stderr = %q, want one line starting gigasim:", tt.args, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("run(%q) stderr = %q, want it to contain %q", tt.args, stderr, w)
				}
			}
		})
	}
}

// TestFigure: the command line writes a figure in its whole unit, with one
// decimal when the report counts fractions of it.
func TestFigure(t *testing.T) {
	tests := []struct {
		v    int64
		u    report.Unit
		want string
	}{
		{1234567, report.Chips, "1,234,567"},
		{-1234, report.KtCO2e, "-1,234"},
		{192, report.Permille, "19.2"},
		{15552, report.EuroMillions, "15.6"},
		{-1449, report.EuroMillions, "-1.4"},
		{-1450, report.EuroMillions, "-1.5"},
		{218449, report.KW, "218.4"},
		{383, report.BasisPoints, "3.8"},
	}
	for _, tt := range tests {
		if got := figure(tt.v, tt.u); got != tt.want {
			t.Errorf("figure(%d, %d) = %q, want %q", tt.v, tt.u, got, tt.want)
		}
	}
}

// TestCompareLabels: every row of the comparison and every unit has its
// English words here.
func TestCompareLabels(t *testing.T) {
	for _, r := range report.Compare(report.Outcomes{}, report.Outcomes{}) {
		if compareLabels[r.Key] == "" {
			t.Errorf("row %s has no label in compareLabels", r.Key)
		}
	}
	for u := range report.Unit(report.NumUnits) {
		if unitNames[u] == "" {
			t.Errorf("unit %d has no name in unitNames", u)
		}
	}
}
