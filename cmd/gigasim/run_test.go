package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// small is a valid scenario with one site and a 100-day horizon.
const small = "testdata/small.json"

// smallSite is the name of small's only site.
const smallSite = "Testwerk Attica"

// presetNames are the presets gigasim must offer, in order.
var presetNames = []string{"baseline", "diffusion-2025", "grid-crunch", "eu-chips", "startup-boom", "selection-round"}

// invoke calls run with fresh buffers and returns its status and output.
func invoke(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// mustRun calls run, fails the test unless it exits 0 with nothing on
// stderr, and returns stdout.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, stdout, stderr := invoke(args...)
	if code != exitOK {
		t.Fatalf("run(%q) = %d, want %d; stderr:\n%s", args, code, exitOK, stderr)
	}
	if stderr != "" {
		t.Errorf("run(%q) wrote to stderr:\n%s", args, stderr)
	}
	return stdout
}

func TestRunBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		// usage is set when the usage text may precede the error line.
		usage bool
		// want are substrings the error line must contain.
		want []string
	}{
		{"no arguments", nil, true, []string{"no command"}},
		{"unknown subcommand", []string{"frobnicate"}, false, []string{"unknown command", `"frobnicate"`}},
		{"unknown preset", []string{"run", "--preset", "nope"}, false, append([]string{"unknown preset", `"nope"`}, presetNames...)},
		{"preset and scenario", []string{"run", "--preset", "baseline", "--scenario", small}, false, []string{"--preset", "--scenario", "not two"}},
		{"scenario and link", []string{"run", "--scenario", small, "--link", "#s=oQAB"}, false, []string{"--scenario", "--link", "not two"}},
		{"missing scenario file", []string{"run", "--scenario", "testdata/no-such-file.json"}, false, []string{"testdata/no-such-file.json", "no such file"}},
		{"malformed JSON", []string{"run", "--scenario", "testdata/bad/malformed.json"}, false, []string{"malformed.json", "line 6"}},
		{"unknown member state", []string{"run", "--scenario", "testdata/bad/unknown-state.json"}, false, []string{"unknown-state.json", "site 1", "unknown member state", `"XX"`}},
		{"Greece as GR", []string{"run", "--scenario", "testdata/bad/greece-gr.json"}, false, []string{"greece-gr.json", `"GR"`, "EL"}},
		{"zero chips", []string{"run", "--scenario", "testdata/bad/zero-chips.json"}, false, []string{"zero-chips.json", "site 1", "chips 0 out of range"}},
		{"unknown field", []string{"run", "--scenario", "testdata/bad/unknown-field.json"}, false, []string{"unknown-field.json", "unknown field", `"colour"`}},
		{"newer version", []string{"run", "--scenario", "testdata/bad/newer-version.json"}, false, []string{"newer-version.json", "version 99", "newer version"}},
		{"negative days", []string{"run", "--scenario", small, "--days", "-1"}, false, []string{"--days -1", "out of range", "[0, 100]"}},
		{"days beyond horizon", []string{"run", "--scenario", small, "--days", "101"}, false, []string{"--days 101", "out of range", "[0, 100]"}},
		{"days beyond preset horizon", []string{"run", "--preset", "baseline", "--days", "3653"}, false, []string{"--days 3653", "out of range", "[0, 3652]"}},
		{"unexpected argument", []string{"run", "--scenario", small, "extra"}, false, []string{"unexpected argument", `"extra"`}},
		{"validate without file", []string{"validate"}, false, []string{"validate", "one scenario file"}},
		{"validate two files", []string{"validate", small, small}, false, []string{"validate", "one scenario file"}},
		{"validate missing file", []string{"validate", "testdata/no-such-file.json"}, false, []string{"testdata/no-such-file.json", "no such file"}},
		{"validate malformed JSON", []string{"validate", "testdata/bad/malformed.json"}, false, []string{"malformed.json", "line 6"}},
		{"validate unknown member state", []string{"validate", "testdata/bad/unknown-state.json"}, false, []string{`"XX"`}},
		{"validate Greece as GR", []string{"validate", "testdata/bad/greece-gr.json"}, false, []string{`"GR"`, "EL"}},
		{"validate zero chips", []string{"validate", "testdata/bad/zero-chips.json"}, false, []string{"chips 0 out of range"}},
		{"validate unknown field", []string{"validate", "testdata/bad/unknown-field.json"}, false, []string{`"colour"`}},
		{"validate newer version", []string{"validate", "testdata/bad/newer-version.json"}, false, []string{"version 99", "newer version"}},
		{"link without file", []string{"link"}, false, []string{"link takes one scenario file or --preset NAME"}},
		{"link two files", []string{"link", small, small}, false, []string{"link takes one scenario file"}},
		{"link file and preset", []string{"link", small, "--preset", "baseline"}, false, []string{"link takes one scenario file"}},
		{"link day negative", []string{"link", small, "--day", "-1"}, false, []string{"--day -1 out of range", "[0, 100]"}},
		{"link day beyond horizon", []string{"link", "--day", "101", small}, false, []string{"--day 101 out of range", "[0, 100]"}},
		{"link missing file", []string{"link", "testdata/no-such-file.json"}, false, []string{"testdata/no-such-file.json", "no such file"}},
		{"link malformed JSON", []string{"link", "testdata/bad/malformed.json"}, false, []string{"malformed.json", "line 6"}},
		{"link unknown preset", []string{"link", "--preset", "nope"}, false, []string{"unknown preset", `"nope"`}},
		{"link unknown flag", []string{"link", small, "--frob"}, false, []string{"link:", "-frob"}},
		{"decode without link", []string{"decode"}, false, []string{"decode takes one link"}},
		{"decode two links", []string{"decode", "#s=oQAB", "#s=oQAB"}, false, []string{"decode takes one link"}},
		{"decode cut link", []string{"decode", "http://localhost:8080/#s=oR"}, false, []string{"link:", "not whole base64url"}},
		{"decode newer link", []string{"decode", "#s=oQAYYw"}, false, []string{"link: version 99", "newer version"}},
		{"run bad link", []string{"run", "--link", "http://localhost:8080/#s=oQAA"}, false, []string{"link: version 0"}},
		{"run link days beyond", []string{"run", "--link", "#s=oQAB", "--days", "3653"}, false, []string{"--days 3653", "out of range", "[0, 3652]"}},
		{"run link that fails", []string{"run", "--link", "#s=ogABC4GDAQAYYw"}, false, []string{"site 99 does not exist"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := invoke(tt.args...)
			if code != exitUsage {
				t.Errorf("run(%q) = %d, want %d", tt.args, code, exitUsage)
			}
			if strings.Contains(stderr, "goroutine") || strings.Contains(stderr, "panic") {
				t.Fatalf("run(%q) printed a stack trace:\n%s", tt.args, stderr)
			}
			if stdout != "" {
				t.Errorf("run(%q) wrote to stdout:\n%s", tt.args, stdout)
			}
			if !strings.HasSuffix(stderr, "\n") {
				t.Fatalf("run(%q) stderr = %q, want it to end in a newline", tt.args, stderr)
			}
			lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
			if !tt.usage && len(lines) != 1 {
				t.Fatalf("run(%q) wrote %d lines to stderr, want 1:\n%s", tt.args, len(lines), stderr)
			}
			line := lines[len(lines)-1]
			if !strings.HasPrefix(line, "gigasim: ") {
				t.Errorf("run(%q) error line = %q, want prefix %q", tt.args, line, "gigasim: ")
			}
			for _, l := range lines[:len(lines)-1] {
				if strings.HasPrefix(l, "gigasim: ") {
					t.Errorf("run(%q) wrote more than one error line; extra: %q", tt.args, l)
				}
			}
			for _, w := range tt.want {
				if !strings.Contains(line, w) {
					t.Errorf("run(%q) error line = %q, want it to contain %q", tt.args, line, w)
				}
			}
			if tt.usage && !strings.Contains(stderr, "Usage:") {
				t.Errorf("run(%q) stderr has no usage text:\n%s", tt.args, stderr)
			}
		})
	}

	// Every bad file must be used by a case above, so none goes stale.
	files, err := filepath.Glob("testdata/bad/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no files in testdata/bad")
	}
	for _, f := range files {
		used := false
		for _, tt := range tests {
			for _, a := range tt.args {
				used = used || a == filepath.ToSlash(f)
			}
		}
		if !used {
			t.Errorf("%s is not used by any case", f)
		}
	}
}

func TestPresets(t *testing.T) {
	args := []string{"presets"}
	out := mustRun(t, args...)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(presetNames) {
		t.Fatalf("run(%q) printed %d lines, want %d:\n%s", args, len(lines), len(presetNames), out)
	}
	for i, want := range presetNames {
		t.Run(want, func(t *testing.T) {
			name, desc, _ := strings.Cut(lines[i], " ")
			if name != want {
				t.Errorf("run(%q) line %d names %q, want %q", args, i+1, name, want)
			}
			if strings.TrimSpace(desc) == "" {
				t.Errorf("run(%q) line %d = %q, want a description", args, i+1, lines[i])
			}
		})
	}
}

func TestValidate(t *testing.T) {
	args := []string{"validate", small}
	out := mustRun(t, args...)
	for _, want := range []string{small, "valid", "100 days"} {
		if !strings.Contains(out, want) {
			t.Errorf("run(%q) printed %q, want it to contain %q", args, out, want)
		}
	}
}

var hashRE = regexp.MustCompile(`^[0-9a-f]{16}\n$`)

// hash runs with --hash and returns the hash, checking its form.
func hash(t *testing.T, args ...string) string {
	t.Helper()
	args = append(args[:len(args):len(args)], "--hash")
	out := mustRun(t, args...)
	if !hashRE.MatchString(out) {
		t.Fatalf("run(%q) printed %q, want 16 hex digits and a newline", args, out)
	}
	return strings.TrimSuffix(out, "\n")
}

func TestHash(t *testing.T) {
	tests := []struct {
		name  string
		a, b  []string
		equal bool
	}{
		{"deterministic", []string{"run", "--scenario", small}, []string{"run", "--scenario", small}, true},
		{"days 100 is the horizon", []string{"run", "--scenario", small}, []string{"run", "--scenario", small, "--days", "100"}, true},
		{"days 0 is day 0, before the first step", []string{"run", "--scenario", small, "--days", "0"}, []string{"run", "--scenario", small, "--days", "1"}, false},
		{"days 50 differs from days 100", []string{"run", "--scenario", small, "--days", "50"}, []string{"run", "--scenario", small, "--days", "100"}, false},
		{"preset deterministic", []string{"run", "--preset", "baseline", "--days", "60"}, []string{"run", "--days", "60"}, true},
		{"presets differ", []string{"run", "--preset", "baseline", "--days", "60"}, []string{"run", "--preset", "startup-boom", "--days", "60"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ha, hb := hash(t, tt.a...), hash(t, tt.b...)
			if (ha == hb) != tt.equal {
				rel := "differ"
				if tt.equal {
					rel = "be equal"
				}
				t.Errorf("run(%q) hash %s, run(%q) hash %s: want them to %s", tt.a, ha, tt.b, hb, rel)
			}
		})
	}

	// The summary prints the same hash.
	h := hash(t, "run", "--scenario", small)
	args := []string{"run", "--scenario", small}
	if out := mustRun(t, args...); !strings.Contains(out, "State hash "+h+".") {
		t.Errorf("run(%q) summary does not mention state hash %s:\n%s", args, h, out)
	}
}

func TestJSON(t *testing.T) {
	args := []string{"run", "--preset", "baseline", "--days", "400", "--json"}
	out := mustRun(t, args...)
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	var o map[string]any
	if err := dec.Decode(&o); err != nil {
		t.Fatalf("run(%q) printed invalid JSON: %v\n%s", args, err, out)
	}
	if dec.More() {
		t.Errorf("run(%q) printed more than one JSON value", args)
	}

	want := hash(t, "run", "--preset", "baseline", "--days", "400")
	if got, _ := o["state_hash"].(string); got != want {
		t.Errorf("run(%q) state_hash = %q, want %q (as --hash prints)", args, got, want)
	}
	if got := o["days"]; got != json.Number("400") {
		t.Errorf("run(%q) days = %v, want 400", args, got)
	}
	if got := o["scenario"]; got != "baseline" {
		t.Errorf("run(%q) scenario = %v, want baseline", args, got)
	}
	money, ok := o["money_eur"].(map[string]any)
	if !ok {
		t.Fatalf("run(%q) money_eur = %v, want an object", args, o["money_eur"])
	}
	if got := money["fund_start"]; got != json.Number("20000000000") {
		t.Errorf("run(%q) money_eur.fund_start = %v, want 20000000000", args, got)
	}
	sites, ok := o["sites"].([]any)
	if !ok {
		t.Fatalf("run(%q) sites = %v, want an array", args, o["sites"])
	}
	if len(sites) != 8 {
		t.Errorf("run(%q) has %d sites, want 8", args, len(sites))
	}
	for i, s := range sites {
		site, _ := s.(map[string]any)
		if name, _ := site["name"].(string); name == "" {
			t.Errorf("run(%q) site %d has no name: %v", args, i+1, s)
		}
	}
}

func TestCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.csv")
	args := []string{"run", "--scenario", small, "--csv", path}
	out := mustRun(t, args...)
	if !strings.Contains(out, "not a forecast") {
		t.Errorf("run(%q) printed no summary:\n%s", args, out)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("run(%q) wrote no CSV: %v", args, err)
	}
	defer f.Close()
	records, err := csv.NewReader(f).ReadAll() // also checks every row has the header's width
	if err != nil {
		t.Fatalf("run(%q) wrote a bad CSV: %v", args, err)
	}
	if len(records) == 0 {
		t.Fatalf("run(%q) wrote an empty CSV", args)
	}
	header, rows := records[0], records[1:]
	if len(header) < 2 || header[0] != "date" || header[1] != "day" {
		t.Errorf("run(%q) CSV header = %q, want it to start date,day,", args, header)
	}
	if len(rows) != 100 {
		t.Fatalf("run(%q) CSV has %d rows, want 100", args, len(rows))
	}
	if rows[0][0] != "2026-01-01" || rows[0][1] != "0" {
		t.Errorf("run(%q) first CSV row starts %q,%q, want 2026-01-01,0", args, rows[0][0], rows[0][1])
	}
	if last := rows[len(rows)-1]; last[0] != "2026-04-10" || last[1] != "99" {
		t.Errorf("run(%q) last CSV row starts %q,%q, want 2026-04-10,99", args, last[0], last[1])
	}
	active, hasEL := 0, false
	for _, h := range header {
		if strings.HasPrefix(h, "active_") {
			active++
		}
		hasEL = hasEL || h == "active_EL"
	}
	if !hasEL {
		t.Errorf("run(%q) CSV header has no active_EL column: %q", args, header)
	}
	if active != 27 {
		t.Errorf("run(%q) CSV header has %d active_ columns, want 27", args, active)
	}
}

func TestSummary(t *testing.T) {
	args := []string{"run", "--scenario", small}
	out := mustRun(t, args...)
	for _, want := range []string{smallSite, "InvestAI fund", "not a forecast", "(100 days)"} {
		t.Run(want, func(t *testing.T) {
			if !strings.Contains(out, want) {
				t.Errorf("run(%q) summary does not mention %q:\n%s", args, want, out)
			}
		})
	}
}

func TestAssumptions(t *testing.T) {
	args := []string{"assumptions"}
	out := mustRun(t, args...)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) < 50 {
		t.Errorf("run(%q) printed %d lines, want at least 50", args, len(lines))
	}
	keys := map[string]bool{}
	for i, l := range lines {
		fields := strings.Fields(l)
		if len(fields) < 3 {
			t.Errorf("run(%q) line %d = %q, want key, default and description", args, i+1, l)
			continue
		}
		if keys[fields[0]] {
			t.Errorf("run(%q) lists %q twice", args, fields[0])
		}
		keys[fields[0]] = true
	}
	for _, want := range []string{"pue", "failures_per_year"} {
		t.Run(want, func(t *testing.T) {
			if !keys[want] {
				t.Errorf("run(%q) does not list assumption %q", args, want)
			}
		})
	}
}
