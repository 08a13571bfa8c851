package i18n_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"gigasandbox/game/i18n"
	"gigasandbox/model"
	"gigasandbox/model/report"
)

// verb matches fmt verbs; a space after '%' is not taken as a flag, so
// "20% for" is text, not a verb.
var verb = regexp.MustCompile(`%(\[\d+\])?[-+#0]*\d*(\.\d+)?[a-zA-Z%]`)

// verbs lists a format's verbs, ignoring explicit argument indexes (a
// translation may reorder them).
func verbs(f string) []string {
	var out []string
	for _, m := range verb.FindAllString(f, -1) {
		out = append(out, regexp.MustCompile(`\[\d+\]`).ReplaceAllString(m, ""))
	}
	sort.Strings(out)
	return out
}

func TestEveryKeyInEveryLanguage(t *testing.T) {
	en := i18n.Raw("en")
	for _, lang := range i18n.Langs {
		cat := i18n.Raw(lang)
		for k, v := range en {
			tr, ok := cat[k]
			if !ok {
				t.Errorf("%s: no %q", lang, k)
				continue
			}
			if !slices.Equal(verbs(tr), verbs(v)) {
				t.Errorf("%s: %q has placeholders %v, English has %v", lang, k, verbs(tr), verbs(v))
			}
			if strings.TrimSpace(tr) == "" {
				t.Errorf("%s: %q is empty", lang, k)
			}
		}
		for k := range cat {
			base, form, plural := strings.Cut(k, "|")
			if _, ok := en[base]; !ok {
				t.Errorf("%s: %q is not in English (a stale key?)", lang, k)
			}
			if plural && !slices.Contains(i18n.Forms(lang), form) {
				t.Errorf("%s: %q: %s has no plural form %q (it has %v)", lang, k, lang, form, i18n.Forms(lang))
			}
			if plural && !slices.Equal(verbs(cat[k]), verbs(en[base])) {
				t.Errorf("%s: %q has placeholders %v, English has %v", lang, k, verbs(cat[k]), verbs(en[base]))
			}
		}
	}
}

// TestTranslated: French and German are translations, not copies. Codes,
// units and proper names may stay the same, so only most keys must differ.
func TestTranslated(t *testing.T) {
	en := i18n.Raw("en")
	for _, lang := range []string{"fr", "de"} {
		cat := i18n.Raw(lang)
		same := 0
		for k, v := range en {
			if cat[k] == v {
				same++
			}
		}
		if same*3 > len(en) {
			t.Errorf("%s: %d of %d texts are the English ones", lang, same, len(en))
		}
	}
}

// dynamicPrefixes are keys the page builds from data: a state's code or a
// preset's name. Tests below check that each such key exists.
var dynamicPrefixes = []string{"country.", "csv.", "preset.", "param.", "goal.", "story.", "cand.", "score.", "compare.", "lever.", "release."}

// TestEveryKeyUsed: every catalog key appears as a string literal in the
// page's code, in this package's or in gigasim's, or is built from data checked below.
func TestEveryKeyUsed(t *testing.T) {
	files, err := filepath.Glob("../*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no page sources next to the catalogs: %v", err)
	}
	own, _ := filepath.Glob("*.go")                   // the words of the model's units and messages
	cli, _ := filepath.Glob("../../cmd/gigasim/*.go") // gigasim --lang
	files = append(append(files, own...), cli...)
	var src strings.Builder
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src.Write(b)
	}
	code := src.String()
	for _, k := range i18n.Keys() {
		dynamic := false
		for _, p := range dynamicPrefixes {
			dynamic = dynamic || strings.HasPrefix(k, p)
		}
		if !dynamic && !strings.Contains(code, `"`+k+`"`) {
			t.Errorf("catalog key %q is not used by the page", k)
		}
	}
}

func TestEveryStateAndPresetNamed(t *testing.T) {
	cat := i18n.Get("en")
	for i := range model.NumStates {
		if k := "country." + model.StateCode(i); !cat.Knows(k) {
			t.Errorf("no %q", k)
		}
	}
	for _, p := range model.PresetNames() {
		for _, k := range []string{"preset." + p, "preset." + p + ".desc"} {
			if !cat.Knows(k) {
				t.Errorf("no %q: a preset needs a name and a description in every language", k)
			}
		}
	}
	for i := range model.NumParams {
		if k := "param." + model.Param(i).Info().Key; !cat.Knows(k) {
			t.Errorf("no %q: every assumption needs a label", k)
		}
	}
	for _, p := range model.PresetNames() {
		goals, _, ok := report.Goals(p)
		if !ok {
			continue
		}
		for _, k := range []string{"story." + p} {
			if !cat.Knows(k) {
				t.Errorf("no %q", k)
			}
		}
		for _, g := range goals {
			if k := "goal." + p + "." + g.ID; !cat.Knows(k) {
				t.Errorf("no %q", k)
			}
		}
		for _, c := range report.Candidates(p) {
			if k := "cand." + c.Name; !cat.Knows(k) {
				t.Errorf("no %q", k)
			}
		}
	}
	sc, err := model.Preset("baseline")
	if err != nil {
		t.Fatal(err)
	}
	sim, err := model.New(sc)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range report.Scorecard(sim, 0).Rows() {
		if k := "score." + r.Key; !cat.Knows(k) {
			t.Errorf("no %q", k)
		}
	}
	o := report.OutcomesOf(sim)
	for _, r := range report.Compare(o, o) {
		if k := "compare." + r.Key; !cat.Knows(k) {
			t.Errorf("no %q", k)
		}
	}
	for k := range i18n.Raw("en") {
		if name, ok := strings.CutPrefix(k, "preset."); ok {
			name = strings.TrimSuffix(name, ".desc")
			if !slices.Contains(model.PresetNames(), name) {
				t.Errorf("%q names no preset", k)
			}
		}
	}
}

func TestFallbacks(t *testing.T) {
	if got := i18n.Get("xx").Lang; got != "en" {
		t.Errorf("unknown language gives %q, want en", got)
	}
	if got := i18n.Get("fr").T("no.such.key"); got != "no.such.key" {
		t.Errorf("unknown key gives %q", got)
	}
}

// leverKeys are the words every declared lever needs: its label, its tip
// and, for a choice, each value's name.
func leverKeys() []string {
	var keys []string
	for id := range model.NumLevers {
		d := id.Info()
		keys = append(keys, "lever."+d.Name, "lever."+d.Name+".tip")
		for _, c := range d.Choices {
			keys = append(keys, "lever."+d.Name+"."+c)
		}
	}
	return keys
}

// TestEveryLeverWorded: the Levers panel is made from the levers'
// declarations, so every declared lever has its words in the catalog (other
// languages follow the English one's keys), and every "lever." key is a
// declared lever's or written out in the page.
func TestEveryLeverWorded(t *testing.T) {
	cat := i18n.Get("en")
	want := leverKeys()
	for _, k := range want {
		if !cat.Knows(k) {
			t.Errorf("no %q: a declared lever needs a label, a tip and a name for each choice", k)
		}
	}
	files, _ := filepath.Glob("../*.go")
	var code strings.Builder
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && !strings.HasSuffix(f, "_test.go") {
			code.Write(b)
		}
	}
	for _, k := range i18n.Keys() {
		if strings.HasPrefix(k, "lever.") && !slices.Contains(want, k) && !strings.Contains(code.String(), `"`+k+`"`) {
			t.Errorf("catalog key %q is neither a declared lever's nor used by the page", k)
		}
	}
}

// TestOfficialLanguages: the page knows the EU's 24 official languages by
// their own names, and speaks only languages among them.
func TestOfficialLanguages(t *testing.T) {
	if n := len(i18n.Official()); n != 24 {
		t.Errorf("%d official languages, want 24", n)
	}
	for _, l := range i18n.Official() {
		if i18n.Names[l] == "" {
			t.Errorf("%s has no name", l)
		}
	}
	for _, l := range i18n.Langs {
		if !slices.Contains(i18n.Official(), l) {
			t.Errorf("the page speaks %s, not an official language", l)
		}
	}
}

// pluralKeys are the keys whose text depends on a count: those English
// gives a "|one" form.
func pluralKeys() []string {
	var out []string
	for k := range i18n.Raw("en") {
		if base, form, ok := strings.Cut(k, "|"); ok && form == "one" {
			out = append(out, base)
		}
	}
	sort.Strings(out)
	return out
}

// TestPluralForms: every language gives each count-dependent text in each
// plural form its CLDR rules use for whole numbers ("other" is the key
// itself), and picks them right.
func TestPluralForms(t *testing.T) {
	keys := pluralKeys()
	if len(keys) < 4 {
		t.Fatalf("only %d count-dependent keys", len(keys))
	}
	for _, lang := range i18n.Langs {
		cat := i18n.Raw(lang)
		for _, k := range keys {
			for _, f := range i18n.Forms(lang) {
				if f == "other" {
					continue
				}
				if _, ok := cat[k+"|"+f]; !ok {
					t.Errorf("%s: no %q: %s counts with %v", lang, k+"|"+f, lang, i18n.Forms(lang))
				}
			}
		}
	}
	for _, tt := range []struct {
		lang string
		n    int64
		want string
	}{
		{"en", 1, "1 chip"}, {"en", 2, "2 chips"}, {"en", 0, "0 chips"},
		{"pl", 1, "1 chip"}, {"pl", 3, "3 chipy"}, {"pl", 5, "5 chipów"}, {"pl", 22, "22 chipy"}, {"pl", 12, "12 chipów"}, {"pl", 399336, "399336 chipów"},
		{"cs", 4, "4 čipy"}, {"cs", 5, "5 čipů"},
	} {
		if got := i18n.Get(tt.lang).N("unit.chips", tt.n, fmt.Sprint(tt.n)); got != tt.want {
			t.Errorf("%s: N(unit.chips, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

// TestBootNoticeInEveryLanguage: the notice the boot script shows after an
// update (before the game and its catalogs run) speaks every language the
// page does.
func TestBootNoticeInEveryLanguage(t *testing.T) {
	b, err := os.ReadFile("../../wasm/boot.js")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(b), "const UPDATED = {")
	table, _, _ = strings.Cut(table, "};")
	if !ok {
		t.Fatal("boot.js has no UPDATED table")
	}
	for _, lang := range i18n.Langs {
		if !strings.Contains(table, "\n    "+lang+": \"") {
			t.Errorf("boot.js's update notice has no %s", lang)
		}
	}
}
