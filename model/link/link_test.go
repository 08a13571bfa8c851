package link_test

import (
	"encoding/base64"
	"errors"
	"reflect"
	"strings"
	"testing"

	"gigasandbox/model"
	"gigasandbox/model/link"
)

// roundTrip encodes, decodes and re-encodes, failing on any difference.
func roundTrip(t *testing.T, sc model.Scenario, day model.Day) (string, model.Scenario) {
	t.Helper()
	s, err := link.Encode(sc, day)
	if err != nil {
		t.Fatalf("Encode = %v", err)
	}
	back, backDay, err := link.Decode(s)
	if err != nil {
		t.Fatalf("Decode(Encode) = %v\nlink: %s", err, s)
	}
	if backDay != day {
		t.Errorf("Decode(Encode(day %d)) day = %d", day, backDay)
	}
	again, err := link.Encode(back, backDay)
	if err != nil {
		t.Fatalf("Encode(Decode) = %v", err)
	}
	if again != s {
		t.Errorf("Encode(Decode(link)) = %s, want the link again: %s", again, s)
	}
	return s, back
}

// TestRoundTripExact: for scenarios in canonical form (the presets, the
// page's edits, the example files, one using every field) decoding a link
// gives the very scenario and day that were encoded.
func TestRoundTripExact(t *testing.T) {
	cases := map[string]model.Scenario{
		"default":                              model.DefaultScenario(),
		"everything":                           everything(t),
		"ten sites and ten levers on default":  withEdits(model.DefaultScenario(), tenBuilds, tenLevers),
		"ten sites and ten levers on baseline": withEdits(preset(t, "baseline"), tenBuilds, tenLevers),
		"grid-crunch with edits":               withEdits(preset(t, "grid-crunch"), tenBuilds[:3], tenLevers[:3]),
		// An edit on the day of a preset's event, and one identical to it.
		"eu-chips with same-day edits": withEdits(preset(t, "eu-chips"), []pageBuild{{365, "DK", 25000, "eu", 0, 9140000, 56090000}},
			[]pageLever{{365, "fast_track", "true"}}),
	}
	dup := preset(t, "eu-chips")
	dup.Commands = append([]model.Command{dup.Commands[0]}, dup.Commands...)
	cases["eu-chips with its event twice"] = dup
	noSites := preset(t, "baseline")
	noSites.Sites = nil
	cases["baseline without sites"] = noSites
	for _, name := range model.PresetNames() {
		cases["preset "+name] = preset(t, name)
	}
	for name, sc := range exampleFiles(t) {
		cases["file "+name] = sc
	}
	for name, sc := range cases {
		for _, day := range []model.Day{0, 1, 400, model.Day(sc.Days)} {
			t.Run(name, func(t *testing.T) {
				_, back := roundTrip(t, sc, day)
				sc := sc
				rel, _ := model.ReleaseOf(&sc)
				sc.Release = rel.Name // a link names the release it runs on
				if !reflect.DeepEqual(back, sc) {
					t.Errorf("Decode(Encode(sc, %d)) differs from sc:\n got %+v\nwant %+v", day, back, sc)
				}
			})
		}
	}
}

// TestSameHash: opening a link gives the sender's state hash at the
// sender's day.
func TestSameHash(t *testing.T) {
	cases := []struct {
		name string
		sc   model.Scenario
		day  model.Day
	}{
		{"baseline", preset(t, "baseline"), 200},
		{"everything", everything(t), 800},
		{"ten and ten", withEdits(preset(t, "baseline"), tenBuilds, tenLevers), 1300},
		{"grid-crunch edited", withEdits(preset(t, "grid-crunch"), tenBuilds[:2], tenLevers[:4]), 1100},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			want := hashAt(t, tt.sc, tt.day)
			s, err := link.Encode(tt.sc, tt.day)
			if err != nil {
				t.Fatal(err)
			}
			sc, day, err := link.Decode("https://example.org/sandbox/#" + s)
			if err != nil {
				t.Fatal(err)
			}
			if got := hashAt(t, sc, day); got != want {
				t.Errorf("state hash at day %d from the link = %016x, want the sender's %016x", day, got, want)
			}
		})
	}
}

// TestCanonicalForm: spellings a file allows for the same value come back
// in one form, and the run is the same.
func TestCanonicalForm(t *testing.T) {
	sc, err := model.ParseScenario([]byte(`{
  "assumptions": {"pue": "1.250", "growth_base": "0.30"},
  "levers": {"g2g": []},
  "regime": {"kind": "custom", "caps": {}},
  "sites": [{"name": "a", "state": "PL", "chips": 5, "chip": "h100"}],
  "commands": [
    {"day": "2026-01-05", "kind": "lever", "lever": "eu_share", "value": "0.200"},
    {"day": "2026-01-05", "kind": "lever", "lever": "fast_track", "value": "True"},
    {"day": "2026-01-06", "kind": "remove", "site": 1, "lon": 5, "state": "DE", "mw": 7},
    {"day": "2026-01-07", "kind": "g2g", "state": "PL", "site": 4, "share": 0.5}
  ]}`))
	if err != nil {
		t.Fatal(err)
	}
	_, back := roundTrip(t, sc, 30)
	want := sc
	want.Release = model.NewestRelease().Name // it names none: it runs on the newest, and its link says which
	want.Assumptions = map[string]string{"pue": "1.25", "growth_base": "0.3"}
	want.Levers.G2G = nil
	want.Regime.Caps = nil
	pl, _ := model.ParseState("PL")
	want.Commands = []model.Command{
		{Day: 4, Op: model.SetLever{Lever: model.LeverEUShare, Value: 200}},
		{Day: 4, Op: model.SetLever{Lever: model.LeverFastTrack, Value: 1}},
		{Day: 5, Op: model.RemoveSite{Site: 1}},
		{Day: 6, Op: model.SetG2G{State: pl}},
	}
	if !reflect.DeepEqual(back, want) {
		t.Errorf("Decode(Encode(sc)) =\n%+v\nwant\n%+v", back, want)
	}
	if h, w := hashAt(t, back, 30), hashAt(t, sc, 30); h != w {
		t.Errorf("state hash of the canonical form = %016x, want %016x", h, w)
	}
}

// TestShort: ten sites and ten lever changes fit in 300 characters.
func TestShort(t *testing.T) {
	for _, base := range []string{"", "baseline", "grid-crunch", "eu-chips"} {
		sc := model.DefaultScenario()
		if base != "" {
			sc = preset(t, base)
		}
		sc = withEdits(sc, tenBuilds, tenLevers)
		s, err := link.Encode(sc, 1300)
		if err != nil {
			t.Fatal(err)
		}
		if n := len("#" + s); n > 300 {
			t.Errorf("base %q + 10 sites + 10 levers: fragment is %d characters, want at most 300:\n#%s", base, n, s)
		}
	}
	for _, name := range model.PresetNames() {
		s, err := link.Encode(preset(t, name), 3652)
		if err != nil {
			t.Fatal(err)
		}
		if n := len("#" + s); n > 20 {
			t.Errorf("preset %s: fragment is %d characters, want at most 20: #%s", name, n, s)
		}
	}
}

// TestDecodeForms: a link is accepted as a URL, a fragment with or
// without '#', with spaces around it.
func TestDecodeForms(t *testing.T) {
	s, err := link.Encode(preset(t, "startup-boom"), 77)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{s, "#" + s, "http://localhost:8080/#" + s, "https://example.org/a/b?x=1#" + s, "  " + s + "\n", "http://localhost:8080/#" + s + "&lang=fr"} {
		sc, day, err := link.Decode(in)
		if err != nil || sc.Name != "startup-boom" || day != 77 {
			t.Errorf("Decode(%q) = %q, %d, %v; want startup-boom, 77, nil", in, sc.Name, day, err)
		}
		if c, err := link.Canonical(in); c != s || err != nil {
			t.Errorf("Canonical(%q) = %q, %v; want %q", in, c, err, s)
		}
	}
}

// TestDecodeOtherParts: the page's "&lang=xx" is no part of the run; any
// other part after the scenario is refused.
func TestDecodeOtherParts(t *testing.T) {
	s, err := link.Encode(preset(t, "startup-boom"), 77)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range []string{s + "&lang=french", s + "&day=3", s + "&"} {
		if _, _, err := link.Decode(in); err == nil {
			t.Errorf("Decode(%q) succeeded, want an error", in)
		}
	}
}

func TestEncodeErrors(t *testing.T) {
	bad := model.DefaultScenario()
	bad.Sites = []model.SiteSpec{{Name: "x", State: model.NumStates + 1, Chips: 1, Chip: model.GenH100}} // no such state
	huge := model.DefaultScenario()
	for i := range 200 {
		huge.Sites = append(huge.Sites, model.SiteSpec{Name: strings.Repeat("n", 70) + string(rune('A'+i%26)), State: model.MustState("PL"), Chips: 1001, Chip: model.GenH100, Lon: model.Degrees(i), Lat: 1})
	}
	badUTF8 := model.DefaultScenario()
	badUTF8.Name = "\xff"
	tests := []struct {
		name string
		sc   model.Scenario
		day  model.Day
		want string
	}{
		{"invalid scenario", bad, 0, `link: scenario: site 1: state 28 is not a member state`},
		{"day before 0", model.DefaultScenario(), -1, "link: day -1 out of range [0, 3652]"},
		{"day after horizon", model.DefaultScenario(), 3653, "link: day 3653 out of range [0, 3652]"},
		{"too long", huge, 0, "more than the 8192 a link may have"},
		{"invalid UTF-8", badUTF8, 0, "link: name is not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := link.Encode(tt.sc, tt.day)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Encode = %q, %v; want an error containing %q", s, err, tt.want)
			}
		})
	}
}

// TestNewerVersion: a link from a newer version says so, whatever else it
// holds.
func TestNewerVersion(t *testing.T) {
	for _, hex := range []string{"a1001863", "a200186318636161", "a200186418ffc100"} {
		_, _, err := link.Decode(frag(t, hex))
		if !errors.Is(err, model.ErrNewerVersion) {
			t.Errorf("Decode(%s) = %v, want ErrNewerVersion", hex, err)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "link: version ") {
			t.Errorf("Decode(%s) = %q, want it to start with the version", hex, err)
		}
	}
}

// frag makes a link from a payload written in hex.
func frag(t testing.TB, hex string) string {
	t.Helper()
	b := make([]byte, len(hex)/2)
	for i := range b {
		var v byte
		for _, c := range hex[2*i : 2*i+2] {
			v <<= 4
			switch {
			case '0' <= c && c <= '9':
				v |= byte(c - '0')
			case 'a' <= c && c <= 'f':
				v |= byte(c - 'a' + 10)
			default:
				t.Fatalf("bad hex %q", hex)
			}
		}
		b[i] = v
	}
	return link.Prefix + base64.RawURLEncoding.EncodeToString(b)
}
