package link

import (
	"math"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gigasandbox/assets/eumap"
	"gigasandbox/model"
)

// The key table of version 1, as docs/scenario.md gives it. Never change
// a line: add keys at the end, in a new version.
var (
	pinnedEnvelope = []string{"version", "day", "base", "name", "description", "seed", "days", "regime", "levers", "assumptions", "sites", "commands", "edits",
		"release"} // from version 3
	pinnedLevers = []string{"eu_share", "host_share", "voucher_share", "ppa_share", "fast_track", "prefer_same_state", "demand_growth", "g2g"}
	pinnedOps    = []string{"build", "remove", "move", "regime", "g2g", "veu", "invest-grid", "grid-crunch",
		"lever eu_share", "lever host_share", "lever voucher_share", "lever ppa_share", "lever fast_track", "lever prefer_same_state", "lever demand_growth"}
	pinnedBases = []string{"default", "baseline", "diffusion-2025", "grid-crunch", "eu-chips", "startup-boom"}
)

// keysOf reads the keyasint numbers of a struct's fields, in field order.
func keysOf(t *testing.T, v any) []int {
	t.Helper()
	var out []int
	typ := reflect.TypeOf(v)
	for i := range typ.NumField() {
		tag := typ.Field(i).Tag.Get("cbor")
		n, err := strconv.Atoi(strings.Split(tag, ",")[0])
		if err != nil || !strings.Contains(tag, ",keyasint") {
			t.Fatalf("%s.%s has tag %q, want an integer key", typ.Name(), typ.Field(i).Name, tag)
		}
		out = append(out, n)
	}
	return out
}

// TestKeyTable pins the keys and codes of version 1: a link made today
// must mean the same for ever.
func TestKeyTable(t *testing.T) {
	for i, k := range keysOf(t, envelope{}) {
		if k != i || envelopeKeys[i] != pinnedEnvelope[i] {
			t.Errorf("envelope field %d has key %d named %q, want key %d named %q", i, k, envelopeKeys[i], i, pinnedEnvelope[i])
		}
	}
	if len(envelopeKeys) != len(pinnedEnvelope) || len(keysOf(t, envelope{})) != len(pinnedEnvelope) {
		t.Errorf("envelope has %d keys, want %d", len(envelopeKeys), len(pinnedEnvelope))
	}
	consts := []int{keyVersion, keyDay, keyBase, keyName, keyDescription, keySeed, keyDays, keyRegime, keyLevers, keyAssumptions, keySites, keyCommands, keyEdits, keyRelease}
	for i, c := range consts {
		if c != i {
			t.Errorf("key constant for %s = %d, want %d", pinnedEnvelope[i], c, i)
		}
	}
	for i, k := range keysOf(t, levers{}) {
		if k != i || leverKeys[i] != pinnedLevers[i] {
			t.Errorf("levers field %d has key %d named %q, want key %d named %q", i, k, leverKeys[i], i, pinnedLevers[i])
		}
	}
	lc := []int{leverEUShare, leverHostShare, leverVoucherShare, leverPPAShare, leverFastTrack, leverPreferSameState, leverDemandGrowth, leverG2G}
	for i, c := range lc {
		if c != i {
			t.Errorf("lever constant for %s = %d, want %d", pinnedLevers[i], c, i)
		}
	}
	if numOps != len(pinnedOps) {
		t.Errorf("numOps = %d, want %d", numOps, len(pinnedOps))
	}
	for op, want := range pinnedOps {
		if got := opName(op); got != want {
			t.Errorf("opName(%d) = %q, want %q", op, got, want)
		}
	}
	if !reflect.DeepEqual(baseNames[:len(pinnedBases)], pinnedBases) || versionBases[1] != len(pinnedBases) {
		t.Errorf("bases = %q, version 1 uses %d; want %q, all", baseNames, versionBases[1], pinnedBases)
	}
	if Version != len(versionBases)-1 || versionBases[0] != 0 {
		t.Errorf("Version = %d, versionBases = %v", Version, versionBases)
	}
	for v := 2; v < len(versionBases); v++ {
		if versionBases[v] <= versionBases[v-1] || versionBases[v] > len(baseNames) {
			t.Errorf("version %d uses %d bases, version %d %d, there are %d: each version adds bases", v, versionBases[v], v-1, versionBases[v-1], len(baseNames))
		}
	}
	if !reflect.DeepEqual(v1Chips[:], []string{"best", "h100", "b200", "eu", "gh200", "a100", "mi250x"}) ||
		!reflect.DeepEqual(v1Regimes[:], []string{"open", "diffusion-2025", "strict", "custom"}) ||
		!reflect.DeepEqual(v1Growth[:], []string{"slow", "base", "boom"}) ||
		flagExisting != 1 || flagVEU != 2 || flagMicro != 4 || microPerHundredth != 10000 {
		t.Error("a version 1 code table changed")
	}
	// Version 3's tables extend version 1's; their codes never change.
	if !reflect.DeepEqual(v3Chips[:len(v1Chips)], v1Chips[:]) || !reflect.DeepEqual(v3Chips[len(v1Chips):], []string{"gb200", "gb300", "vr200"}) ||
		!reflect.DeepEqual(v3Releases[:2], []string{"2026-11", "2026-12"}) || firstReleaseVersion != 3 || versionBases[3] != 13 ||
		!reflect.DeepEqual(baseNames[7:13], []string{"baseline@2", "diffusion-2025@2", "grid-crunch@2", "eu-chips@2", "startup-boom@2", "selection-round@2"}) {
		t.Error("a version 3 code table changed")
	}

	// docs/scenario.md gives the same table.
	doc, err := os.ReadFile("../../docs/scenario.md")
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range pinnedEnvelope {
		if row := "| " + strconv.Itoa(i) + " | `" + name + "` |"; !strings.Contains(string(doc), row) {
			t.Errorf("docs/scenario.md has no key table row %q", row)
		}
	}
	for i, name := range pinnedLevers {
		if row := "| " + strconv.Itoa(i) + " | `" + name + "` |"; !strings.Contains(string(doc), row) {
			t.Errorf("docs/scenario.md has no lever key row %q", row)
		}
	}
	for op, name := range pinnedOps {
		if row := "| " + strconv.Itoa(op) + " | " + name + " |"; !strings.Contains(string(doc), row) {
			t.Errorf("docs/scenario.md has no operation row %q", row)
		}
	}
}

// TestTablesMatchModel: version 1's frozen tables agree with the model as
// it is. If this fails because the model changed (a state renamed, an
// assumption added or rescaled, a preset edited), do not edit the v1
// tables or v1/*.json: old links must keep their meaning. Make a new link
// version with its own tables, and migrate version 1 to it.
func TestTablesMatchModel(t *testing.T) {
	states := model.States()
	m := eumap.Load()
	if len(states) != len(v1States) {
		t.Fatalf("model has %d states, version 1 %d", len(states), len(v1States))
	}
	for i, s := range v1States {
		if states[i].Code != s.code || states[i].Name != s.name {
			t.Errorf("state %d: version 1 has %s %q, the model %s %q", i, s.code, s.name, states[i].Code, states[i].Name)
		}
		lon, lat := eumap.Unproject(m.States[i].Label)
		if int64(math.Round(lon*100)) != s.lon || int64(math.Round(lat*100)) != s.lat {
			t.Errorf("state %s: anchor %d, %d, the map's label point %.2f, %.2f", s.code, s.lon, s.lat, lon, lat)
		}
	}
	if len(v1Params) != int(model.NumParams) {
		t.Errorf("version 1 has %d assumptions, the model %d", len(v1Params), model.NumParams)
	}
	for i, p := range v1Params {
		if i >= int(model.NumParams) {
			break
		}
		in := model.Param(i).Info()
		if in.Key != p.key || in.Scale != p.scale {
			t.Errorf("assumption %d: version 1 has %s scale %d, the model %s scale %d", i, p.key, p.scale, in.Key, in.Scale)
		}
	}
	for _, c := range v1Chips {
		if _, err := model.ParseGen(c); err != nil {
			t.Errorf("chip %q: %v", c, err)
		}
	}
	bs, err := loadBases(Version)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range model.Releases() {
		if !slices.Contains(v3Releases[:], r.Name) {
			t.Errorf("release %s has no code in v3Releases: append it", r.Name)
		}
	}
	for g := model.Gen(0); g < model.NumGens; g++ {
		if !slices.Contains(v3Chips[:], g.String()) {
			t.Errorf("chip %s has no code in v3Chips: append it (a new link version if a published table must change)", g)
		}
	}
	// A base is the same whatever release a link names (keyRelease).
	noRelease := func(sc model.Scenario) model.Scenario { sc.Release = ""; return sc }
	if !reflect.DeepEqual(noRelease(bs[0]), noRelease(canonical(model.DefaultScenario()))) {
		t.Errorf("bases/default.json is not model.DefaultScenario():\n%+v\n%+v", bs[0], model.DefaultScenario())
	}
	// Every preset on every release is a base as it is now, so that its
	// links are short: a base of its name.
	for _, rel := range model.Releases() {
		for _, name := range model.PresetNames() {
			p, err := model.PresetIn(rel, name)
			if err != nil {
				t.Fatal(err)
			}
			last := -1
			for i, b := range baseNames[:len(bs)] {
				if (b == name || strings.HasPrefix(b, name+"@")) && reflect.DeepEqual(noRelease(bs[i]), noRelease(canonical(p))) {
					last = i
				}
			}
			if last >= 0 {
				continue
			}
			t.Errorf(`preset %s on release %s is not a base scenario as it is now (base %d), so its links are long (exact, but every site written out).
Do not change bases/: links made with it must keep their meaning. Instead, in model/link:
copy assets/presets/%s.json to bases/NAME.json (NAME: %s, or %s@2, @3... if that file exists),
append NAME to baseNames, append len(baseNames) to versionBases (a new link version), and run
go test ./model/link -run TestGoldenLinks -update to add golden links of the new version.`, name, rel.Name, last, name, name, name)
		}
	}
}
