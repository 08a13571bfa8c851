package link_test

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"gigasandbox/model"
	"gigasandbox/model/link"
)

// TestLengths measures links for docs/scenario.md ("How long links are"):
// go test ./model/link -run TestLengths -v. For each, the fragment's
// characters ('#' included), the CBOR bytes, and the characters it would
// take if the payload were deflated (raw DEFLATE, best compression).
func TestLengths(t *testing.T) {
	micro := func(bs []pageBuild) []pageBuild {
		out := append([]pageBuild(nil), bs...)
		for i := range out {
			out[i].lon += 123457 // a click at full precision, not rounded to 0.01°
			out[i].lat -= 54321
		}
		return out
	}
	named := func(sc model.Scenario) model.Scenario {
		for i := range sc.Commands {
			if b, ok := sc.Commands[i].Op.(model.BuildSite); ok {
				b.Site.Name = fmt.Sprintf("%-80s", fmt.Sprintf("Gigafactory %d with a long name", i))
				sc.Commands[i].Op = b
			}
		}
		return sc
	}
	longText := preset(t, "baseline")
	longText.Name = strings.Repeat("n", model.MaxNameLen)
	longText.Description = strings.Repeat("d", model.MaxDescription)
	cases := []struct {
		name string
		sc   model.Scenario
		day  model.Day
	}{
		{"default scenario, day 0", model.DefaultScenario(), 0},
	}
	for _, p := range model.PresetNames() {
		cases = append(cases, struct {
			name string
			sc   model.Scenario
			day  model.Day
		}{"preset " + p + ", day 1000", preset(t, p), 1000})
	}
	more := []struct {
		name string
		sc   model.Scenario
		day  model.Day
	}{
		{"baseline + 1 lever", withEdits(preset(t, "baseline"), nil, tenLevers[:1]), 400},
		{"baseline + 1 site", withEdits(preset(t, "baseline"), tenBuilds[2:3], nil), 400},
		{"baseline + 3 sites + 3 levers", withEdits(preset(t, "baseline"), tenBuilds[:3], tenLevers[:3]), 400},
		{"grid-crunch + 3 sites + 3 levers", withEdits(preset(t, "grid-crunch"), tenBuilds[:3], tenLevers[:3]), 400},
		{"default + 10 sites + 10 levers", withEdits(model.DefaultScenario(), tenBuilds, tenLevers), 1300},
		{"baseline + 10 sites + 10 levers", withEdits(preset(t, "baseline"), tenBuilds, tenLevers), 1300},
		{"baseline + 10 sites at full-precision clicks + 10 levers", withEdits(preset(t, "baseline"), micro(tenBuilds), tenLevers), 1300},
		{"baseline + 10 sites with 80-byte names + 10 levers", named(withEdits(preset(t, "baseline"), micro(tenBuilds), tenLevers)), 1300},
		{"everything (every field and kind)", everything(t), 1999},
		{"baseline with an 80-byte name and 2,000-byte description", longText, 1000},
	}
	cases = append(cases, more...)
	for name, sc := range exampleFiles(t) {
		cases = append(cases, struct {
			name string
			sc   model.Scenario
			day  model.Day
		}{"file " + name, sc, 1000})
	}
	t.Logf("| Scenario | Characters | CBOR bytes | Deflated, characters |")
	t.Logf("|---|---:|---:|---:|")
	for _, c := range cases {
		s, err := link.Encode(c.sc, c.day)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		raw, _ := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(s, link.Prefix))
		var z bytes.Buffer
		w, _ := flate.NewWriter(&z, flate.BestCompression)
		w.Write(raw)
		w.Close()
		zlen := len("#" + link.Prefix + base64.RawURLEncoding.EncodeToString(z.Bytes()))
		t.Logf("| %s | %d | %d | %d |", c.name, len("#"+s), len(raw), zlen)
	}
}
