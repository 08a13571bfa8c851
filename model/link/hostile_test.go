package link_test

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"gigasandbox/model"
	"gigasandbox/model/link"
)

var update = flag.Bool("update", false, "rewrite testdata/links/bad from the table, and add golden links that are missing (never changing one)")

// badDir holds malformed links: the page and the CLI must turn each into
// one readable error. want.txt gives, for each, a part of the message.
var badDir = filepath.Join("..", "..", "testdata", "links", "bad")

// runFails marks a link that is well formed, but one of whose commands
// cannot be carried out on the day it comes: Decode gives its scenario
// with the *model.CommandError, so the page can offer to drop the command.
const runFails = "run: "

// badLinks are the malformed links, by name: the link and a part of the
// error. Payloads are written in hex: see docs/scenario.md for the keys.
func badLinks(t testing.TB) []struct{ name, link, want string } {
	h := func(hex string) string { return frag(t, strings.ReplaceAll(hex, " ", "")) }
	many := func(prefix string, n int, item string) string {
		return h(prefix + strings.Repeat(item, n))
	}
	// A version 1 link: baseline with ten sites and ten levers, day 1300
	// (testdata/links/v1/baseline-ten-sites-ten-levers.link).
	const full = "s=pAABARkFFAIBC5SIAAAEABhkABikOQFdiAAACQEYMhhbGPA4koMIChjciAAUCwAYZAA4iBghgwkYHhjIiAAYIwgCGMgYtiQYZYMKGDcYMogAGB4UAxgZABgkONODChhGGGSIABhzGBoAGGQZAW0ZAcEYUIMLDxkB9IgAFBIAGDIAGHYYZIMMFPWIABiCAgEYGRhbGQGPAIMNGDL0iAAYghUDGGQAOF446YMOGEYCiAAYZAcAGDIYthiGGFiDCBhkGQEOgwoYyBiW"
	longName := "a2 00 01 0a 81 87 00 00 01 00 00 00 78 51" + strings.Repeat("61", 81)
	return []struct{ name, link, want string }{
		// The text around the payload.
		{"empty", "", "link: empty"},
		{"no-fragment", "http://localhost:8080/", "no scenario in it"},
		{"other-fragment", "http://localhost:8080/#layer=2", "no scenario in it"},
		{"empty-payload", "http://localhost:8080/#s=", "is empty"},
		{"space-inside", "#s=owABARkB kAIB", `character 11 (' ') is not base64url`},
		{"padding", "#s=owABARkBkAIB=", `('=') is not base64url`},
		{"newline-inside", "#s=owABARkB\nkAIB", `('\n') is not base64url`},
		{"not-ascii", "#s=owABARkBkAIBé", "character 15 (a non-ASCII character) is not base64url"},
		{"trailing-bits", "#s=oR", "not whole base64url"},
		{"one-character", "#s=o", "not whole base64url"},
		{"too-long", "#s=" + strings.Repeat("A", link.MaxLen), "more than the 8192 a link may have"},
		{"cut-in-half", full[:len(link.Prefix)+(len(full)-len(link.Prefix))/8*4], "was the link cut?"},
		{"cut-mid-character", full[:len(full)/2+1], "not whole base64url"},
		// CBOR that is not a scenario link.
		{"not-a-map", h("01"), "not a scenario link: it holds a positive integer, not a map"},
		{"text", h("6161"), "not a scenario link: it holds a text, not a map"},
		{"truncated", h("a100"), "the data ends too soon"},
		{"extra-data", h("a1 00 01 00"), "extra data after the scenario"},
		{"no-version", h("a1 01 01"), "link: version is missing"},
		{"version-0", h("a1 00 00"), "link: version 0: want 1 to 3"},
		{"release-missing", h("a1 00 03"), "link: release is missing"},
		{"release-unknown", h("a2 00 03 0d 05"), "link: release 5 is not a release of version 3 (0 to 1)"},
		{"release-huge", h("a2 00 03 0d 1b ff ff ff ff ff ff ff ff"), "link: release 18446744073709551615 is not a release of version 3"},
		{"release-text", h("a2 00 03 0d 61 41"), "link: release: a text is not allowed here"},
		{"release-in-v1", h("a2 00 01 0d 00"), "link: key 13 is not a key of version 1"},
		{"release-in-v2", h("a2 00 02 0d 01"), "link: key 13 is not a key of version 2"},
		{"version-text", h("a1 00 61 31"), "link: version: want an unsigned integer"},
		{"newer-version", h("a1 00 18 63"), "link: version 99: scenario was made by a newer version of the sandbox"},
		{"newer-version-new-keys", h("a3 00 18 63 18 63 c1 00 18 64 9f ff"), "link: version 99: scenario was made by a newer version"},
		// What the decoder refuses.
		{"duplicate-key", h("a3 00 01 05 01 05 02"), "key 5 appears twice in a map"},
		{"duplicate-version", h("a2 00 01 00 01"), "key 0 appears twice in a map"},
		{"indefinite-map", h("bf 00 01 ff"), "indefinite-length map isn't allowed"},
		{"indefinite-array", h("a2 00 01 0b 9f ff"), "indefinite-length array isn't allowed"},
		{"indefinite-text", h("a2 00 01 03 7f 61 61 ff"), "indefinite-length UTF-8 text string isn't allowed"},
		{"tag", h("a2 00 01 05 c1 01"), "CBOR tag isn't allowed"},
		{"bignum", h("a2 00 01 05 c2 41 01"), "CBOR tag isn't allowed"},
		{"unknown-key", h("a2 00 01 0d 00"), "link: key 13 is not a key of version 1"},
		{"unknown-lever", h("a2 00 01 08 a1 09 01"), "link: levers: key 9 is not a lever of version 1"},
		{"text-key", h("a2 00 01 61 61 00"), "link: a key this version does not know"},
		{"too-deep", h("a2 00 01 0b 81 81 81 81 00"), "exceeded max nested level 4"},
		{"huge-array-header", h("a2 00 01 0b 9a 7f ff ff ff"), "exceeded max number of elements"},
		{"huge-map-header", h("a2 00 01 09 ba 7f ff ff ff"), "exceeded max number of key-value pairs"},
		{"many-elements", many("a2 00 01 0b 99 08 01", 2049, "00"), "exceeded max number of elements 2048"},
		{"many-map-pairs", h("a2 00 01 09 b8 41" + func() string {
			var b strings.Builder
			for i := range 65 {
				b.WriteString("18")
				b.WriteByte("0123456789abcdef"[i/16])
				b.WriteByte("0123456789abcdef"[i%16])
				b.WriteString("00")
			}
			return b.String()
		}()), "exceeded max number of key-value pairs 64"},
		{"invalid-utf8", h("a2 00 01 03 61 ff"), "invalid UTF-8 string"},
		{"byte-string-name", h("a2 00 01 03 41 61"), "link: name: a byte string is not allowed here"},
		{"float-seed", h("a2 00 01 05 f9 3c 00"), "link: seed: a float, null or other simple value is not allowed here"},
		{"negative-seed", h("a2 00 01 05 20"), "link: seed: a negative integer is not allowed here"},
		{"text-commands", h("a2 00 01 0b 61 61"), "link: commands: a text is not allowed here"},
		{"float-share", h("a2 00 01 08 a1 00 fb 3f c5 c2 8f 5c 28 f5 c3"), "link: levers: eu_share: a float"},
		// Values out of range, named.
		{"base-9", h("a2 00 01 02 09"), "link: base 9 is not a base scenario of version 1 (0 to 5)"},
		{"days-0", h("a2 00 01 06 00"), "link: days 0 out of range [1, 7305]"},
		{"day-after-horizon", h("a2 00 01 01 19 0f a0"), "link: day 4000 is after the run's last day (3652)"},
		{"day-huge", h("a2 00 01 01 1b ff ff ff ff ff ff ff ff"), "is after the run's last day"},
		{"site-state", h("a2 00 01 0a 81 86 18 1b 00 01 00 00 00"), "link: site 1: state 27 is not an EU member state (0 to 26)"},
		// A version 1 link runs on release 2026-11, which has no GB200 (code
		// 7 from version 3).
		{"site-chip", h("a2 00 01 0a 81 86 00 07 01 00 00 00"), `site 1: chip "gb200" is not in release 2026-11's catalogue`},
		{"site-chip-out-of-range", h("a2 00 01 0a 81 86 00 0a 01 00 00 00"), "link: site 1: chip 10 out of range [0, 9]"},
		{"site-chip-v3", h("a3 00 03 0a 81 86 00 0a 01 00 00 00 0d 01"), "link: site 1: chip 10 out of range [0, 9]"},
		{"site-chips-0", h("a2 00 01 0a 81 86 00 00 00 00 00 00"), "link: scenario: site 1: chips 0 out of range"},
		{"site-chips-huge", h("a2 00 01 0a 81 86 00 00 19 03 e9 00 00 00"), "link: site 1: chips 1001 out of range"},
		{"site-old-chip", h("a2 00 01 0a 81 86 00 05 01 00 00 00"), `chip "a100" is only in existing systems`},
		{"site-off-globe", h("a2 00 01 0a 81 86 00 00 01 00 19 9c 40 00"), "link: site 1: position 404.71, 50.74 is off the globe"},
		{"site-start", h("a2 00 01 0a 81 86 00 00 01 19 0f a0 00 00"), "link: scenario: site 1: start 2036-12-14 is outside"},
		{"site-not-array", h("a2 00 01 0a 81 01"), "link: site 1: want an array, not a positive integer"},
		{"site-short", h("a2 00 01 0a 81 83 00 00 01"), "link: site 1: 3 elements, want 6 to 8"},
		{"site-name-number", h("a2 00 01 0a 81 87 00 00 01 00 00 00 05"), "link: site 1: name: want UTF-8 text"},
		{"site-name-long", h(longName), "link: site 1: name is longer than 80 bytes"},
		{"site-flags", h("a2 00 01 0a 81 88 00 00 01 00 00 00 60 08"), "link: site 1: flags 8 out of range [0, 7]"},
		{"command-short", h("a2 00 01 0b 81 82 00 20"), "link: command 1: 2 elements, want 3 to 10"},
		{"command-op", h("a2 00 01 0b 81 83 0f 00 00"), "link: command 1: operation 15 out of range [0, 14]"},
		{"command-negative-days", h("a2 00 01 0b 81 83 08 20 00"), "link: command 1: days since the previous command -1 out of range [0, 7305]"},
		{"command-huge-days", h("a2 00 01 0b 81 83 08 1b ff ff ff ff ff ff ff ff 00"), "link: command 1: days since the previous command: want an integer"},
		{"command-after-horizon", h("a2 00 01 0b 81 83 08 19 0f a0 00"), "link: scenario: command 1: day 2036-12-14 is outside the run"},
		{"commands-past-longest-run", h("a2 00 01 0b 82 83 08 19 1c 89 00 83 08 19 1c 89 00"), "link: command 2: day 14610 is after the longest run"},
		{"lever-share", h("a2 00 01 0b 81 83 08 00 19 04 b0"), "link: command 1 (lever eu_share): value (thousandths) 1200 out of range [0, 1000]"},
		{"lever-not-bool", h("a2 00 01 0b 81 83 0c 00 01"), "link: command 1 (lever fast_track): value: want true or false"},
		{"lever-growth", h("a2 00 01 0b 81 83 0e 00 03"), "link: command 1 (lever demand_growth): value (0 slow, 1 base, 2 boom) 3 out of range"},
		{"levers-shares-sum", h("a2 00 01 08 a2 00 19 01 f4 01 19 02 58"), "link: scenario: levers: eu_share + host_share = 1.1, more than 1"},
		{"levers-share", h("a2 00 01 08 a1 03 19 03 e9"), "link: levers: ppa_share 1001‰ out of range [0, 1000]"},
		{"levers-growth", h("a2 00 01 08 a1 06 05"), "link: levers: demand_growth 5 is not a growth rate"},
		{"levers-g2g-twice", h("a2 00 01 08 a1 07 82 14 14"), "link: scenario: levers: g2g: PL listed twice"},
		{"levers-g2g-state", h("a2 00 01 08 a1 07 81 18 1b"), "link: levers: g2g: state 27 is not an EU member state"},
		{"build-short", h("a2 00 01 0b 81 83 00 00 00"), "link: command 1 (build): 3 elements, want 8 to 10"},
		{"build-existing", h("a2 00 01 0b 81 8a 00 00 00 01 01 00 00 00 60 01"), "build: a new site cannot be an existing system"},
		{"build-before-its-day", h("a2 00 01 0b 81 88 00 05 00 00 01 20 00 00"), "link: scenario: command 1 (build, 2026-01-06): start 2026-01-05 is outside"},
		{"remove-site-0", h("a2 00 01 0b 81 83 01 00 00"), "link: command 1 (remove): site 0 out of range"},
		{"move-latitude", h("a2 00 01 0b 81 85 02 00 01 00 1a 05 a9 95 c0"), "link: command 1 (move): latitude 95000000 out of range"},
		{"move-state", h("a2 00 01 0b 81 86 02 00 01 00 00 18 1b"), "link: command 1 (move): state 27 is not an EU member state"},
		{"regime-kind", h("a2 00 01 0b 81 83 03 00 04"), "link: command 1 (regime): regime 4 out of range [0, 3]"},
		{"regime-caps-on-open", h("a2 00 01 0b 81 84 03 00 00 a1 14 05"), "caps: only a custom regime has caps"},
		{"regime-caps-state", h("a2 00 01 0b 81 84 03 00 03 a1 18 1b 05"), "link: command 1 (regime): caps: state 27 is not an EU member state"},
		{"regime-caps-negative", h("a2 00 01 07 82 03 a1 14 24"), "caps: PL: -5 out of range"},
		{"regime-empty", h("a2 00 01 07 80"), "link: regime: 0 elements, want 1 to 2"},
		{"g2g-state", h("a2 00 01 0b 81 84 04 00 18 1b f5"), "link: command 1 (g2g): state 27 is not an EU member state"},
		{"veu-on-number", h("a2 00 01 0b 81 84 05 00 01 01"), "link: command 1 (veu): on: want true or false"},
		{"invest-mw-0", h("a2 00 01 0b 81 84 06 00 14 00"), "link: command 1 (invest-grid): mw 0 out of range [1, 100000]"},
		{"crunch-share-0", h("a2 00 01 0b 81 84 07 00 00 05"), "link: command 1 (grid-crunch): share (thousandths) 0 out of range"},
		{"commands-and-edits", h("a3 00 01 0b 80 0c 80"), "link: commands and edits: a link has one or the other"},
		{"assumption-key", h("a2 00 01 09 a1 18 38 00"), "link: assumptions: key 56 is not an assumption of version 1 (0 to 55)"},
		{"assumption-range", h("a2 00 01 09 a1 12 19 13 88"), "link: scenario: assumptions: pue: 5 out of range [1, 3] ratio"},
		{"assumption-sum", h("a2 00 01 09 a1 18 2e 19 01 f4"), "startup_share + research_share + industry_share + public_share = 1.2, want 1"},
		// Valid but not as Encode writes them.
		{"explicit-default", h("a2 00 01 05 01"), "link: not written the way this sandbox writes links"},
		{"long-integer", h("a1 00 18 01"), "link: not written the way this sandbox writes links"},
		{"keys-out-of-order", h("a2 01 05 00 01"), "link: not written the way this sandbox writes links"},
		{"explicit-base-0", h("a2 00 01 02 00"), "link: not written the way this sandbox writes links"},
		{"null-seed", h("a2 00 01 05 f6"), "link: not written the way this sandbox writes links"},
		{"chips-spelled-out", h("a2 00 01 0a 81 86 00 00 39 03 e7 00 00 00"), "link: not written the way this sandbox writes links"},
		// Well formed and valid, but a command fails when its day comes.
		{"remove-missing-site", h("a2 00 01 0b 81 83 01 00 18 63"), runFails + "site 99 does not exist"},
		{"shares-over-one-later", h("a2 00 01 0b 81 83 08 05 19 03 84"), runFails + "eu_share 0.9 + host_share 0.163 would be more than 1"},
	}
}

// TestBadLinks: every malformed link gives one line that says what is
// wrong, and the corpus in testdata/links/bad is this table.
func TestBadLinks(t *testing.T) {
	cases := badLinks(t)
	if *update {
		writeBadCorpus(t, cases)
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			err := open(tt.link)
			if err == nil {
				t.Fatalf("opening %q succeeded, want an error containing %q", tt.link, tt.want)
			}
			msg := err.Error()
			if want, ok := strings.CutPrefix(tt.want, runFails); ok {
				sc, _, err := link.Decode(tt.link)
				var ce *model.CommandError
				if !errors.As(err, &ce) || len(sc.Commands) <= ce.Index {
					t.Fatalf("Decode(%q) = %d commands, %v; want the scenario and a *model.CommandError naming one of its commands", tt.link, len(sc.Commands), err)
				}
				if !strings.Contains(msg, want) {
					t.Errorf("opening %q = %q, want it to contain %q", tt.link, msg, want)
				}
				return
			}
			if !strings.Contains(msg, tt.want) {
				t.Errorf("Decode(%q) = %q, want it to contain %q", tt.link, msg, tt.want)
			}
			if !strings.HasPrefix(msg, "link: ") || strings.Contains(msg, "\n") {
				t.Errorf("Decode(%q) = %q, want one line starting with \"link: \"", tt.link, msg)
			}
			for _, leak := range []string{"Go value", "Go struct", "struct {", "envelope", "cbor:"} {
				if strings.Contains(msg, leak) {
					t.Errorf("Decode(%q) = %q: the message shows the program's insides (%q)", tt.link, msg, leak)
				}
			}
		})
	}
	checkBadCorpus(t, cases)
}

// open decodes a link and runs it to its horizon, as the page and gigasim
// run --link do.
func open(s string) error {
	sc, _, err := link.Decode(s)
	if err != nil {
		return err
	}
	sim, err := model.New(sc)
	if err != nil {
		return err
	}
	return sim.RunTo(sim.Horizon())
}

func writeBadCorpus(t *testing.T, cases []struct{ name, link, want string }) {
	if err := os.MkdirAll(badDir, 0o755); err != nil {
		t.Fatal(err)
	}
	old, _ := filepath.Glob(filepath.Join(badDir, "*.link"))
	for _, f := range old {
		os.Remove(f)
	}
	var want strings.Builder
	want.WriteString("# name<TAB>part of the error (\"run: \": the link decodes; running it fails). Written by\n# go test ./model/link -run TestBadLinks -update from the table in model/link/hostile_test.go.\n")
	for _, tt := range cases {
		if err := os.WriteFile(filepath.Join(badDir, tt.name+".link"), []byte(tt.link), 0o644); err != nil {
			t.Fatal(err)
		}
		want.WriteString(tt.name + "\t" + tt.want + "\n")
	}
	if err := os.WriteFile(filepath.Join(badDir, "want.txt"), []byte(want.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkBadCorpus: the files in testdata/links/bad are exactly the table.
func checkBadCorpus(t *testing.T, cases []struct{ name, link, want string }) {
	files, _ := filepath.Glob(filepath.Join(badDir, "*.link"))
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(filepath.Base(f), ".link"))
	}
	sort.Strings(names)
	var want []string
	for _, tt := range cases {
		want = append(want, tt.name)
		b, err := os.ReadFile(filepath.Join(badDir, tt.name+".link"))
		if err != nil {
			t.Errorf("%v (run go test ./model/link -run TestBadLinks -update)", err)
			continue
		}
		if string(b) != tt.link {
			t.Errorf("testdata/links/bad/%s.link differs from the table (run with -update)", tt.name)
		}
	}
	sort.Strings(want)
	if !slices.Equal(names, want) {
		t.Errorf("testdata/links/bad holds %v, want %v (run with -update)", names, want)
	}
}
