package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The --lang goldens are rewritten with
//
//	go test ./cmd/gigasim -run TestRunInLanguage -update-lang
var updateLang = flag.Bool("update-lang", false, "rewrite testdata/lang/*.golden")

// TestRunInLanguage: run --lang writes the summary with the page's words,
// numbers and dates of the language (goldens in three scripts).
func TestRunInLanguage(t *testing.T) {
	tests := []struct {
		lang string
		want []string // what the language's rules write
	}{
		{"de", []string{"Testwerk Attica (Griechenland)", "01.01.2026", "10.04.2026", "100\u00a0Tage", "Warum es so kam"}},
		{"el", []string{"Testwerk Attica (Ελλάδα)", "1/1/2026", "10/4/2026"}},
		{"hu", []string{"2026. 01. 01.", "2026. 04. 10."}},
		{"en", []string{"01/01/2026", "10/04/2026", "(100 days)", "Why things happened"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			out := mustRun(t, "run", "--scenario", small, "--lang", tt.lang)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("--lang %s: no %q in\n%s", tt.lang, w, out)
				}
			}
			path := filepath.Join("testdata", "lang", "small."+tt.lang+".golden")
			if *updateLang {
				if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update-lang to create it)", err)
			}
			if out != string(want) {
				t.Errorf("--lang %s summary differs from %s:\n%s", tt.lang, path, out)
			}
		})
	}
}

// TestCSVInLanguage: run --csv --lang writes the page's export: the same
// rows as the plain CSV, with the language's column labels, its
// separator and a byte-order mark.
func TestCSVInLanguage(t *testing.T) {
	dir := t.TempDir()
	plain, fr := filepath.Join(dir, "plain.csv"), filepath.Join(dir, "fr.csv")
	mustRun(t, "run", "--scenario", small, "--csv", plain)
	mustRun(t, "run", "--scenario", small, "--csv", fr, "--lang", "fr")
	read := func(path string, comma rune) [][]string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
		r.Comma = comma
		rec, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		return rec
	}
	p, f := read(plain, ','), read(fr, ';')
	if b, _ := os.ReadFile(fr); !bytes.HasPrefix(b, []byte("\ufeff")) {
		t.Error("the French CSV has no byte-order mark: a spreadsheet would misread its accents")
	}
	if len(p) != len(f) || len(p[0]) != len(f[0]) {
		t.Fatalf("plain CSV %d×%d, French %d×%d", len(p), len(p[0]), len(f), len(f[0]))
	}
	if f[0][0] != "Date" || !strings.Contains(strings.Join(f[0], ";"), "Grèce") {
		t.Errorf("French header %q", f[0][:3])
	}
	for i := 1; i < len(p); i++ {
		if strings.Join(p[i], ",") != strings.Join(f[i], ",") {
			t.Fatalf("row %d differs: %q against %q", i, p[i], f[i])
		}
	}
}

// TestBadLang: an unknown language is bad input, with the list of good ones.
func TestBadLang(t *testing.T) {
	code, _, stderr := invoke("run", "--scenario", small, "--lang", "xx")
	if code != exitUsage || !strings.Contains(stderr, `"xx"`) || !strings.Contains(stderr, "bg, es, cs") {
		t.Errorf("--lang xx: status %d, %q", code, stderr)
	}
}

// TestCompareInLanguage: compare --lang words the board's table as the
// page does: the presets' names, the rows, the verdicts, the numbers and
// the dates of the language.
func TestCompareInLanguage(t *testing.T) {
	out := mustRun(t, "compare", "baseline", "grid-crunch", "--lang", "de")
	for _, w := range []string{"Vergleich am Zeithorizont", "Netzengpass", "01.01.2026 bis", "Chips in Betrieb", "verfehlt", "Mrd. €", "Einheit"} {
		if !strings.Contains(out, w) {
			t.Errorf("compare --lang de: no %q in\n%s", w, out)
		}
	}
	if strings.Contains(out, "on track") || strings.Contains(out, "missed") || strings.Contains(out, "Capital cost") {
		t.Errorf("compare --lang de left English in\n%s", out)
	}
	if en := mustRun(t, "compare", "baseline", "grid-crunch"); strings.Contains(en, "verfehlt") || !strings.Contains(en, "compare at the horizon") {
		t.Errorf("compare without --lang is not in English:\n%s", en)
	}
}
