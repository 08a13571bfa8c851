package model_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"gigasandbox/model"
)

// TestCommandJSON: every kind is read from its scenario-file form into its
// typed op and written back byte for byte; text is parsed once, on the way
// in.
func TestCommandJSON(t *testing.T) {
	tests := []struct {
		line string
		op   model.Op
	}{
		{`{"day":"2026-01-04","kind":"build","build":{"name":"A","state":"PL","chips":5,"chip":"h100","start":"2026-01-05","lon":1,"lat":2}}`,
			model.BuildSite{Site: model.SiteSpec{Name: "A", State: model.MustState("PL"), Chips: 5, Chip: model.GenH100, Start: 4, Lon: 1000000, Lat: 2000000}}},
		{`{"day":"2026-01-04","kind":"remove","site":2}`, model.RemoveSite{Site: 2}},
		{`{"day":"2026-01-04","kind":"move","site":2,"lon":1.5,"lat":-2}`, model.MoveSite{Site: 2, Lon: 1500000, Lat: -2000000}},
		{`{"day":"2026-01-04","kind":"move","site":2,"state":"EL","lon":1.5,"lat":-2}`, model.MoveSite{Site: 2, State: model.MustState("EL"), Lon: 1500000, Lat: -2000000}},
		{`{"day":"2026-01-04","kind":"lever","lever":"eu_share","value":"0.25"}`, model.SetLever{Lever: model.LeverEUShare, Value: 250}},
		{`{"day":"2026-01-04","kind":"lever","lever":"fast_track","value":"true"}`, model.SetLever{Lever: model.LeverFastTrack, Value: 1}},
		{`{"day":"2026-01-04","kind":"lever","lever":"demand_growth","value":"boom"}`, model.SetLever{Lever: model.LeverDemandGrowth, Value: 2}},
		{`{"day":"2026-01-04","kind":"regime","regime":{"kind":"strict"}}`, model.SetRegime{Regime: model.Regime{Kind: model.RegimeStrict}}},
		{`{"day":"2026-01-04","kind":"g2g","state":"PL","on":true}`, model.SetG2G{State: model.MustState("PL"), On: true}},
		{`{"day":"2026-01-04","kind":"veu","site":1}`, model.SetVEU{Site: 1}},
		{`{"day":"2026-01-04","kind":"invest-grid","state":"IE","mw":500}`, model.InvestGrid{State: model.MustState("IE"), MW: 500}},
		{`{"day":"2026-01-04","kind":"grid-crunch","share":0.2,"days":90}`, model.GridCrunch{Share: 200, Days: 90}},
		{`{"day":"2026-01-04","kind":"grid-crunch","state":"DE","share":1,"days":9}`, model.GridCrunch{State: model.MustState("DE"), Share: 1000, Days: 9}},
	}
	seen := map[model.Kind]bool{}
	for _, tt := range tests {
		var c model.Command
		if err := json.Unmarshal([]byte(tt.line), &c); err != nil {
			t.Fatalf("Unmarshal(%s) = %v", tt.line, err)
		}
		if c.Day != 3 || !equalOps(c.Op, tt.op) {
			t.Errorf("Unmarshal(%s) = %#v, want %#v", tt.line, c, tt.op)
		}
		if got := c.String(); got != tt.line {
			t.Errorf("Marshal(Unmarshal(%s)) = %s", tt.line, got)
		}
		seen[c.Kind()] = true
	}
	for _, k := range model.Kinds() {
		if !seen[k] {
			t.Errorf("kind %s has no case here", k)
		}
		if back, ok := model.KindByName(k.String()); !ok || back != k {
			t.Errorf("KindByName(%q) = %v, %v", k, back, ok)
		}
	}
}

func equalOps(a, b model.Op) bool {
	return model.Command{Op: a}.String() == model.Command{Op: b}.String()
}

// TestBadCommandFields: a command whose fields are wrong is read without
// error and refused by Validate, naming its place, as the file's author
// needs; one written in Go with a value out of range is refused too.
func TestBadCommandFields(t *testing.T) {
	tests := []struct {
		line string
		want string
	}{
		{`{"day":"2026-01-02"}`, `"kind" is missing`},
		{`{"day":"2026-01-02","kind":"paint"}`, `unknown kind "paint" (want build, remove, move, lever, regime, g2g, veu, invest-grid or grid-crunch)`},
		{`{"day":"2026-01-02","kind":"build"}`, `"build" is missing`},
		{`{"day":"2026-01-02","kind":"remove"}`, `"site" is missing`},
		{`{"day":"2026-01-02","kind":"move","site":1,"lat":91}`, `lat out of range`},
		{`{"day":"2026-01-02","kind":"move","site":1,"state":"GR"}`, `"GR" (Greece is EL)`},
		{`{"day":"2026-01-02","kind":"lever","lever":"colour","value":"red"}`, `unknown lever "colour" (want one of eu_share, host_share, voucher_share, ppa_share, fast_track, prefer_same_state, demand_growth)`},
		{`{"day":"2026-01-02","kind":"lever","lever":"eu_share","value":"1.5"}`, `lever eu_share: 1.5 out of range [0, 1]`},
		{`{"day":"2026-01-02","kind":"lever","lever":"fast_track","value":"maybe"}`, `lever fast_track: "maybe" is not true or false`},
		{`{"day":"2026-01-02","kind":"lever","lever":"demand_growth","value":"fast"}`, `lever demand_growth "fast": want slow, base or boom`},
		{`{"day":"2026-01-02","kind":"regime"}`, `"regime" is missing`},
		{`{"day":"2026-01-02","kind":"g2g","state":"XX"}`, `unknown member state "XX"`},
		{`{"day":"2026-01-02","kind":"invest-grid","state":"DE","mw":0}`, `mw 0 out of range`},
		{`{"day":"2026-01-02","kind":"grid-crunch","share":0.2,"days":0}`, `days 0 out of range`},
	}
	for _, tt := range tests {
		sc := model.DefaultScenario()
		sc.Sites = []model.SiteSpec{{Name: "A", State: model.MustState("PL"), Chips: 5, Chip: model.GenH100}}
		data, _ := json.Marshal(sc)
		data = []byte(strings.TrimSuffix(string(data), "}") + `,"commands":[` + tt.line + `]}`)
		_, err := model.ParseScenario(data)
		if err == nil || !strings.Contains(err.Error(), "command 1") || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseScenario(commands: [%s]) = %v, want command 1 and %q", tt.line, err, tt.want)
		}
	}
	for _, op := range []model.Op{
		model.SetLever{Lever: model.LeverEUShare, Value: 1001},
		model.SetLever{Lever: model.NumLevers},
		model.SetG2G{},
		model.SetG2G{State: model.NumStates + 1},
		model.MoveSite{},
	} {
		sim, err := model.New(model.DefaultScenario())
		if err != nil {
			t.Fatal(err)
		}
		var ce *model.CommandError
		if err := sim.Apply(model.Command{Op: op}); err == nil || !errors.As(err, &ce) || ce.Refusal != model.RefusedInvalid {
			t.Errorf("Apply(%#v) = %v, want a refusal as invalid", op, err)
		}
	}
}
