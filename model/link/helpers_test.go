package link_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"gigasandbox/model"
)

// pageBuild is a gigafactory built in the page: on a day, in a state, one
// of the page's sizes, chips and start delays, at a clicked position.
type pageBuild struct {
	day      model.Day
	state    string
	chips    int32
	chip     string
	delay    model.Day
	lon, lat model.Degrees
}

// pageLever is a lever pulled in the page.
type pageLever struct {
	day          model.Day
	lever, value string
}

// Ten sites where one might build them (city centres, to 0.01°), with the
// page's choices, and ten lever changes as the page's steppers and toggles
// make them.
var (
	tenBuilds = []pageBuild{
		{0, "DE", 100000, "best", 0, 11580000, 48140000},     // Munich
		{0, "FR", 50000, "h100", 91, 4840000, 45760000},      // Lyon
		{30, "IT", 100000, "best", 0, 9190000, 45460000},     // Milan
		{95, "ES", 200000, "b200", 182, -3700000, 40420000},  // Madrid
		{180, "PL", 25000, "eu", 0, 19940000, 50060000},      // Kraków
		{365, "SE", 100000, "best", 365, 22150000, 65580000}, // Luleå
		{400, "NL", 50000, "best", 0, 6830000, 53440000},     // Eemshaven
		{550, "CZ", 25000, "h100", 91, 18290000, 49830000},   // Ostrava
		{730, "PT", 100000, "eu", 0, -8870000, 37960000},     // Sines
		{900, "EL", 50000, "best", 182, 22940000, 40640000},  // Thessaloniki
	}
	tenLevers = []pageLever{
		{10, "eu_share", "0.22"}, {60, "host_share", "0.2"}, {150, "voucher_share", "0.05"}, {250, "voucher_share", "0.1"},
		{380, "ppa_share", "0.5"}, {420, "fast_track", "true"}, {600, "prefer_same_state", "false"},
		{800, "demand_growth", "boom"}, {1000, "eu_share", "0.27"}, {1200, "voucher_share", "0.15"},
	}
)

// stateName is a state's English name, as the page names its sites.
func stateName(code string) string {
	for _, s := range model.States() {
		if s.Code == code {
			return s.Name
		}
	}
	panic("no state " + code)
}

// withEdits returns the scenario with the builds and levers added as the
// page adds them: each a command on its day, named as the page names it,
// before the scenario's own commands of the same day.
func withEdits(sc model.Scenario, builds []pageBuild, levers []pageLever) model.Scenario {
	var edits []model.Command
	for _, b := range builds {
		edits = append(edits, model.Command{Day: b.day, Op: model.BuildSite{Site: model.SiteSpec{
			State: model.MustState(b.state), Chips: b.chips, Chip: model.MustGen(b.chip), Start: b.day + b.delay, Lon: b.lon, Lat: b.lat}}})
	}
	for _, l := range levers {
		id, _ := model.LeverByName(l.lever)
		v, err := id.Parse(l.value)
		if err != nil {
			panic(err)
		}
		edits = append(edits, model.Command{Day: l.day, Op: model.SetLever{Lever: id, Value: v}})
	}
	slices.SortStableFunc(edits, func(a, b model.Command) int { return int(a.Day - b.Day) })
	var cmds []model.Command
	i, j := 0, 0
	for i < len(sc.Commands) || j < len(edits) {
		if j < len(edits) && (i == len(sc.Commands) || edits[j].Day <= sc.Commands[i].Day) {
			cmds = append(cmds, edits[j])
			j++
		} else {
			cmds = append(cmds, sc.Commands[i])
			i++
		}
	}
	id := len(sc.Sites)
	for k := range cmds {
		if b, ok := cmds[k].Op.(model.BuildSite); ok {
			id++
			if b.Site.Name == "" {
				b.Site.Name = fmt.Sprintf("%s gigafactory #%d", stateName(b.Site.State.Code()), id)
				cmds[k].Op = b
			}
		}
	}
	sc.Commands = cmds
	return sc
}

func preset(t testing.TB, name string) model.Scenario {
	t.Helper()
	sc, err := model.Preset(name)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// everything uses every field and command kind a link carries.
func everything(t testing.TB) model.Scenario {
	t.Helper()
	sc, err := model.ParseScenario([]byte(`{
  "version": 1,
  "name": "everything",
  "description": "Every field and command kind, for the link tests. Ünïcödé too: Jülich, Łódź, Αθήνα.",
  "seed": 0,
  "days": 2000,
  "regime": {"kind": "custom", "caps": {"PL": 150000, "CZ": 0, "EL": 1000000000}},
  "levers": {"eu_share": 0, "host_share": 0.7, "voucher_share": 0.001, "ppa_share": 0.999, "fast_track": true,
             "prefer_same_state": false, "demand_growth": "slow", "g2g": ["PL", "BE", "SE"]},
  "assumptions": {"pue": "1.25", "growth_slow": "-0.5", "ppa_premium_eur_per_mwh": "-12.5", "startup_share": "0.4", "public_share": "0"},
  "sites": [
    {"name": "LUMI (Kajaani)", "state": "FI", "chips": 11912, "chip": "mi250x", "start": "2022-06-01", "lon": 27.73, "lat": 64.22, "existing": true},
    {"name": "Far away", "state": "MT", "chips": 1, "chip": "best", "start": "2026-03-03", "lon": -179.999999, "lat": -89.5, "veu": true},
    {"name": "Malta gigafactory #3", "state": "MT", "chips": 999999, "chip": "eu", "lon": 14.42, "lat": 35.89},
    {"name": "Malta gigafactory #4", "state": "MT", "chips": 1000, "chip": "b200", "start": "2027-12-31", "lon": 14.123456, "lat": 35.89},
    {"name": "Malta gigafactory #3", "state": "CY", "chips": 2000, "chip": "h100"}
  ],
  "commands": [
    {"day": "2026-01-01", "kind": "g2g", "state": "CZ", "on": true},
    {"day": "2026-01-01", "kind": "veu", "site": 2, "on": true},
    {"day": "2026-01-02", "kind": "build", "build": {"name": "Ireland gigafactory #6", "state": "IE", "chips": 30000, "chip": "best", "start": "2026-06-01", "lon": -7.52, "lat": 53.06}},
    {"day": "2026-02-01", "kind": "move", "site": 6, "state": "PT", "lon": -8.61, "lat": 41.15},
    {"day": "2026-02-02", "kind": "move", "site": 5, "lon": 33.000001, "lat": 35.1},
    {"day": "2026-06-01", "kind": "invest-grid", "state": "DE", "mw": 100000},
    {"day": "2026-06-01", "kind": "build", "build": {"name": "not the default", "state": "DE", "chips": 123456, "chip": "h100", "start": "2031-06-01", "lon": 9.94, "lat": 51.64, "veu": true}},
    {"day": "2027-01-01", "kind": "regime", "regime": {"kind": "diffusion-2025"}},
    {"day": "2027-01-01", "kind": "regime", "regime": {"kind": "custom", "caps": {"BE": 1}}},
    {"day": "2027-01-01", "kind": "regime", "regime": {"kind": "custom"}},
    {"day": "2027-03-01", "kind": "lever", "lever": "eu_share", "value": "0.3"},
    {"day": "2027-03-01", "kind": "lever", "lever": "host_share", "value": "0.2"},
    {"day": "2027-03-01", "kind": "lever", "lever": "voucher_share", "value": "1"},
    {"day": "2027-03-01", "kind": "lever", "lever": "ppa_share", "value": "0"},
    {"day": "2027-03-01", "kind": "lever", "lever": "fast_track", "value": "false"},
    {"day": "2027-03-01", "kind": "lever", "lever": "prefer_same_state", "value": "true"},
    {"day": "2027-03-01", "kind": "lever", "lever": "demand_growth", "value": "boom"},
    {"day": "2028-11-01", "kind": "grid-crunch", "share": 1, "days": 7305},
    {"day": "2028-11-02", "kind": "grid-crunch", "state": "SE", "share": 0.001, "days": 1},
    {"day": "2029-01-01", "kind": "remove", "site": 4},
    {"day": "2029-01-01", "kind": "g2g", "state": "PL"},
    {"day": "2031-06-23", "kind": "veu", "site": 7, "on": false}
  ]
}`))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// exampleFiles are the scenario files in testdata/scenarios.
func exampleFiles(t testing.TB) map[string]model.Scenario {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "scenarios", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no scenario files in testdata/scenarios: %v", err)
	}
	out := map[string]model.Scenario{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sc, err := model.ParseScenario(b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[filepath.Base(f)] = sc
	}
	return out
}

// hashAt runs a scenario to a day and returns its state hash.
func hashAt(t testing.TB, sc model.Scenario, day model.Day) uint64 {
	t.Helper()
	sim, err := model.New(sc)
	if err != nil {
		t.Fatalf("model.New = %v", err)
	}
	if err := sim.RunTo(day); err != nil {
		t.Fatalf("RunTo(%d) = %v", day, err)
	}
	return sim.StateHash()
}
