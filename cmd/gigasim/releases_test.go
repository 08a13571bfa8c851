package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var updateReleases = flag.Bool("update-releases", false, "rewrite testdata/releases/*.golden")

// TestDiffReleaseGolden: diff-release 2026-11 2026-12 lists every changed
// figure with both values and its sources, as testdata/releases holds it.
func TestDiffReleaseGolden(t *testing.T) {
	got := mustRun(t, "diff-release", "2026-11", "2026-12")
	path := filepath.Join("testdata", "releases", "diff-2026-11-2026-12.golden")
	if *updateReleases {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./cmd/gigasim -run TestDiffReleaseGolden -update-releases writes it)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("diff-release differs from %s at line %d:\n got: %s\nwant: %s", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("diff-release differs from %s in length: %d lines, want %d", path, len(gl), len(wl))
	}
	// Every change names its new value's source.
	for _, block := range strings.Split(got, "\n\n")[1:] {
		if strings.Contains(block, "figures differ") {
			continue
		}
		if !strings.Contains(block, "    2026-12: ") {
			t.Errorf("a change without its 2026-12 source:\n%s", block)
		}
	}
	for _, want := range []string{"param usd_per_eur: 1.0824 → 1.13", "chip vr200 order_from: none → 2026-09-01",
		"state DE price_cents_per_mwh: 22640 → 19220", "rule price_step FI from 2026-07-01: none → +21.9 €/MWh",
		"state IE lead_days: 1826 → 1096", "chip gh200 system_w: chip_w × server_overhead → 545"} {
		if !strings.Contains(got, want) {
			t.Errorf("diff-release does not list %q", want)
		}
	}
}

// TestUnsourced: no assumption of any release is without both a source and
// a range; those whose range rests on judgement are listed with it.
func TestUnsourced(t *testing.T) {
	for _, rel := range []string{"2026-11", "2026-12"} {
		out := mustRun(t, "assumptions", "--unsourced", "--release", rel)
		if !strings.Contains(out, "Release "+rel+" (") || !strings.Contains(out, ": 0 assumptions have neither a published source nor a range") {
			t.Errorf("assumptions --unsourced --release %s ends:\n%s", rel, out[max(0, len(out)-300):])
		}
		if strings.Contains(out, "no source, no range") {
			t.Errorf("release %s has an assumption without a source or a range:\n%s", rel, out)
		}
	}
	if out := mustRun(t, "assumptions", "--release", "2026-11"); !strings.Contains(out, "1.0824") || !strings.Contains(out, "release 2026-11") {
		t.Errorf("assumptions --release 2026-11 does not give that release's exchange rate:\n%s", out[:min(len(out), 400)])
	}
	if code, _, stderr := invoke("assumptions", "--release", "1999-01"); code != exitUsage || !strings.Contains(stderr, `release "1999-01"`) {
		t.Errorf("assumptions --release 1999-01 = %d, %q", code, stderr)
	}
}

// TestRunSaysTheRelease: a scenario that names no release runs on the
// newest, and gigasim says so on stderr; one that names its release runs
// on it without a word.
func TestRunSaysTheRelease(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	nameless := filepath.Join(dir, "nameless.json")
	if err := os.WriteFile(nameless, []byte(strings.Replace(string(data), `  "release": "2026-11",`+"\n", "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := invoke("run", "--scenario", nameless, "--days", "5")
	if code != exitOK || !strings.Contains(stderr, "names no release, so it runs on the newest, 2026-12") || !strings.Contains(stdout, "Figures: release 2026-12") {
		t.Errorf("run of a file naming no release = %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if out := mustRun(t, "run", "--scenario", small, "--days", "5"); !strings.Contains(out, "Figures: release 2026-11") {
		t.Errorf("run of a file naming 2026-11:\n%s", out)
	}
}
