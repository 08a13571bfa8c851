package model_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gigasandbox/model"
)

func TestParseScenarioErrors(t *testing.T) {
	tests := []struct {
		name, json, want string
	}{
		{"not json", `{`, "scenario: "},
		{"syntax line", "{\n\"seed\": 1,\n\"days\": ,\n}", "line 3"},
		{"unknown field", `{"colour": "red"}`, `unknown field "colour"`},
		{"newer version", `{"version": 2}`, "newer version"},
		{"version zero", `{"version": 0}`, "version 0"},
		{"days zero", `{"days": 0}`, "days 0 out of range"},
		{"days huge", `{"days": 99999}`, "days 99999 out of range"},
		{"bad regime", `{"regime": {"kind": "closed"}}`, `kind "closed"`},
		{"caps on open", `{"regime": {"kind": "open", "caps": {"PL": 5}}}`, "only a custom regime"},
		{"custom cap state", `{"regime": {"kind": "custom", "caps": {"XX": 5}}}`, `unknown member state "XX"`},
		{"custom cap negative", `{"regime": {"kind": "custom", "caps": {"PL": -5}}}`, "PL: -5 out of range"},
		{"eu share", `{"levers": {"eu_share": 1.5}}`, "eu_share 1.5 out of range"},
		{"shares sum", `{"levers": {"eu_share": 0.6, "host_share": 0.6}}`, "more than 1"},
		{"share precision", `{"levers": {"eu_share": 0.1234}}`, "more decimals"},
		{"growth", `{"levers": {"demand_growth": "huge"}}`, `demand_growth "huge"`},
		{"g2g twice", `{"levers": {"g2g": ["PL", "PL"]}}`, "PL listed twice"},
		{"assumption key", `{"assumptions": {"puee": "1.2"}}`, `unknown key "puee"`},
		{"assumption range", `{"assumptions": {"pue": "0.5"}}`, "pue: 0.5 out of range"},
		{"assumption text", `{"assumptions": {"pue": "fast"}}`, "not a plain decimal"},
		{"segment sum", `{"assumptions": {"startup_share": "0.5"}}`, "want 1"},
		{"site state", `{"sites": [{"name": "a", "state": "XX", "chips": 5, "chip": "h100"}]}`, `site 1: unknown member state "XX"`},
		{"greece", `{"sites": [{"name": "a", "state": "GR", "chips": 5, "chip": "h100"}]}`, "Greece is EL"},
		{"site chips", `{"sites": [{"name": "a", "state": "PL", "chips": 0, "chip": "h100"}]}`, "chips 0 out of range"},
		{"site chip", `{"sites": [{"name": "a", "state": "PL", "chips": 5, "chip": "tpu"}]}`, `unknown chip "tpu"`},
		{"legacy chip new", `{"sites": [{"name": "a", "state": "PL", "chips": 5, "chip": "a100"}]}`, "only in existing systems"},
		{"no name", `{"sites": [{"state": "PL", "chips": 5, "chip": "h100"}]}`, "name is empty"},
		{"bad date", `{"sites": [{"name": "a", "state": "PL", "chips": 5, "chip": "h100", "start": "2026-02-30"}]}`, "does not exist"},
		{"start after end", `{"days": 10, "sites": [{"name": "a", "state": "PL", "chips": 5, "chip": "h100", "start": "2027-01-01"}]}`, "start 2027-01-01 is outside"},
		{"existing future", `{"release": "2026-11", "sites": [{"name": "a", "state": "PL", "chips": 5, "chip": "h100", "start": "2026-06-01", "existing": true}]}`, "installed before the run"},
		{"existing after end", `{"release": "2026-12", "days": 10, "sites": [{"name": "a", "state": "PL", "chips": 5, "chip": "h100", "start": "2026-06-01", "existing": true}]}`, "comes into service within ten years before the run or during it"},
		{"chip of a later release", `{"release": "2026-11", "sites": [{"name": "a", "state": "PL", "chips": 5, "chip": "gb300"}]}`, `chip "gb300" is not in release 2026-11's catalogue`},
		{"build chip of a later release", `{"release": "2026-11", "commands": [{"day": "2027-01-01", "kind": "build", "build": {"name": "a", "state": "PL", "chips": 5, "chip": "vr200", "start": "2027-02-01"}}]}`, `chip "vr200" is not in release 2026-11's catalogue`},
		{"unknown release", `{"release": "2025-01"}`, `release "2025-01" is not one this sandbox has`},
		{"lat", `{"sites": [{"name": "a", "state": "PL", "chips": 5, "chip": "h100", "lat": 95}]}`, "out of range"},
		{"too many chips", `{"sites": [{"name": "a", "state": "PL", "chips": 1000000, "chip": "h100"}, {"name": "b", "state": "PL", "chips": 1000000, "chip": "h100"}, {"name": "c", "state": "PL", "chips": 1000000, "chip": "h100"}, {"name": "d", "state": "PL", "chips": 1000000, "chip": "h100"}, {"name": "e", "state": "PL", "chips": 1, "chip": "h100"}]}`, "more than the 4000000 allowed"},
		{"command order", `{"commands": [{"day": "2027-01-01", "kind": "g2g", "state": "PL"}, {"day": "2026-06-01", "kind": "g2g", "state": "PL"}]}`, "before the previous command"},
		{"command kind", `{"commands": [{"day": "2027-01-01", "kind": "nuke"}]}`, `unknown kind "nuke"`},
		{"command no kind", `{"commands": [{"day": "2027-01-01"}]}`, `"kind" is missing`},
		{"command after horizon", `{"days": 30, "commands": [{"day": "2027-01-01", "kind": "g2g", "state": "PL"}]}`, "outside the run"},
		{"lever name", `{"commands": [{"day": "2027-01-01", "kind": "lever", "lever": "tax", "value": "1"}]}`, `unknown lever "tax"`},
		{"lever value", `{"commands": [{"day": "2027-01-01", "kind": "lever", "lever": "fast_track", "value": "maybe"}]}`, "not true or false"},
		{"build missing", `{"commands": [{"day": "2027-01-01", "kind": "build"}]}`, `"build" is missing`},
		{"build before day", `{"commands": [{"day": "2027-01-01", "kind": "build", "build": {"name": "a", "state": "PL", "chips": 5, "chip": "h100", "start": "2026-01-01"}}]}`, "start 2026-01-01 is outside"},
		{"invest mw", `{"commands": [{"day": "2027-01-01", "kind": "invest-grid", "state": "PL", "mw": 0}]}`, "mw 0 out of range"},
		{"crunch share", `{"commands": [{"day": "2027-01-01", "kind": "grid-crunch", "share": 0, "days": 5}]}`, "share 0 out of range"},
		{"remove no site", `{"commands": [{"day": "2027-01-01", "kind": "remove"}]}`, `"site" is missing`},
		{"trailing", `{} {}`, "after top-level value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := model.ParseScenario([]byte(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseScenario(%s) = %v, want an error containing %q", tt.json, err, tt.want)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "scenario: ") {
				t.Errorf("error %q does not say where it comes from (scenario: ...)", err)
			}
		})
	}
	if _, err := model.ParseScenario([]byte(`{"version": 3}`)); !errors.Is(err, model.ErrNewerVersion) {
		t.Errorf("ParseScenario(version 3) = %v, want ErrNewerVersion", err)
	}
}

// TestScenarioRoundTrip: every preset and every example file re-encodes to
// JSON that parses back to the same scenario.
func TestScenarioRoundTrip(t *testing.T) {
	var scs []model.Scenario
	for _, name := range model.PresetNames() {
		sc, err := model.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		scs = append(scs, sc)
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "scenarios", "*.json"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc, err := model.ParseScenario(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		scs = append(scs, sc)
	}
	scs = append(scs, stress())
	for _, sc := range scs {
		b, err := sc.MarshalIndent()
		if err != nil {
			t.Fatal(err)
		}
		back, err := model.ParseScenario(b)
		if err != nil {
			t.Fatalf("%s: re-parse: %v\n%s", sc.Name, err, b)
		}
		if !reflect.DeepEqual(normal(sc), normal(back)) {
			t.Errorf("%s: round trip changed the scenario:\n%+v\n%+v", sc.Name, sc, back)
		}
	}
}

// normal maps empty collections to nil so DeepEqual compares content.
func normal(sc model.Scenario) model.Scenario {
	if len(sc.Assumptions) == 0 {
		sc.Assumptions = nil
	}
	if len(sc.Sites) == 0 {
		sc.Sites = nil
	}
	if len(sc.Commands) == 0 {
		sc.Commands = nil
	}
	if len(sc.Levers.G2G) == 0 {
		sc.Levers.G2G = nil
	}
	return sc
}

// FuzzScenarioJSON: no input panics the parser or a short run, and whatever
// parses re-encodes to JSON that parses to the same scenario.
func FuzzScenarioJSON(f *testing.F) {
	for _, rel := range model.Releases() {
		for _, name := range model.PresetNames() {
			sc, _ := model.PresetIn(rel, name)
			b, _ := sc.MarshalIndent()
			f.Add(b)
		}
	}
	f.Add([]byte(`{"release":"2026-12","sites":[{"name":"a","state":"PL","chips":9,"chip":"vr200","existing":true,"start":"2027-03-01"}],"days":500}`))
	f.Add([]byte(`{"release":"2026-11","sites":[{"name":"a","state":"PL","chips":9,"chip":"gb300"}]}`))
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "scenarios", "*.json"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"sites":[{"name":"a","state":"MT","chips":7,"chip":"best"}],"days":40}`))
	f.Add([]byte(`{"commands":[{"day":"2026-01-02","kind":"remove","site":9}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := model.ParseScenario(data)
		if err != nil {
			return
		}
		b, err := sc.MarshalIndent()
		if err != nil {
			t.Fatalf("MarshalIndent = %v", err)
		}
		back, err := model.ParseScenario(b)
		if err != nil {
			t.Fatalf("re-parse of %s = %v", b, err)
		}
		if !reflect.DeepEqual(normal(sc), normal(back)) {
			t.Fatalf("round trip changed the scenario:\n%s", b)
		}
		sim, err := model.New(sc)
		if err != nil {
			t.Fatalf("New after a valid parse = %v", err)
		}
		var total int64
		for _, s := range sc.Sites {
			total += int64(s.Chips)
		}
		if total > 200000 {
			return // keep each fuzz input fast
		}
		for i := 0; i < 60 && sim.Day() < sim.Horizon(); i++ {
			if err := sim.Step(); err != nil { // Validate checks every command's day
				t.Fatalf("Step on %s of a scenario that validates = %v\n%s", sim.Day(), err, data)
			}
		}
		if err := sim.CheckInvariants(); err != nil {
			t.Fatalf("invariants after %s: %v\n%s", sim.Day(), err, data)
		}
	})
}

func TestDates(t *testing.T) {
	tests := []struct {
		s   string
		day model.Day
	}{
		{"2026-01-01", 0}, {"2026-12-31", 364}, {"2027-01-01", 365}, {"2028-02-29", 789}, {"2025-12-31", -1}, {"2022-06-01", -1310}, {"2035-12-31", 3651},
	}
	for _, tt := range tests {
		d, err := model.ParseDay(tt.s)
		if err != nil || d != tt.day || d.String() != tt.s {
			t.Errorf("ParseDay(%q) = %d, %v (String %q), want %d", tt.s, d, err, d.String(), tt.day)
		}
	}
	for _, bad := range []string{"2026-1-1", "2027-02-29", "26-01-01", "2026-13-01", "x", ""} {
		if _, err := model.ParseDay(bad); err == nil {
			t.Errorf("ParseDay(%q) = nil error, want an error", bad)
		}
	}
}

func TestDecimal(t *testing.T) {
	tests := []struct {
		s     string
		scale int64
		want  int64
		err   bool
	}{
		{"0.17", 1000, 170, false}, {"1.25", 1000, 1250, false}, {"20", 10, 200, false}, {"-0.5", 1000, -500, false},
		{"0.1700", 1000, 170, false}, {"0.1234", 1000, 0, true}, {"1e3", 1, 0, true}, {".5", 1000, 0, true}, {"5.", 1000, 0, true},
		{"abc", 1, 0, true}, {"9999999999999999", 1, 0, true},
	}
	for _, tt := range tests {
		got, err := model.ParseDecimal(tt.s, tt.scale)
		if (err != nil) != tt.err || got != tt.want {
			t.Errorf("ParseDecimal(%q, %d) = %d, %v, want %d (error %v)", tt.s, tt.scale, got, err, tt.want, tt.err)
		}
		if err == nil && model.FormatDecimal(got, tt.scale) != strings.TrimRight(strings.TrimRight(tt.s, "0"), ".") && !strings.Contains(tt.s, ".") && model.FormatDecimal(got, tt.scale) != tt.s {
			t.Errorf("FormatDecimal(%d, %d) = %q, want %q", got, tt.scale, model.FormatDecimal(got, tt.scale), tt.s)
		}
	}
}
