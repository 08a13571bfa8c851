package open_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gigasandbox/internal/open"
	"gigasandbox/model"
	"gigasandbox/model/link"
)

func TestPreset(t *testing.T) {
	for _, name := range model.PresetNames() {
		r, err := open.Preset(name)
		if err != nil {
			t.Fatalf("Preset(%q) = %v", name, err)
		}
		want, _ := model.Preset(name)
		if r.Name != name || r.Day != 0 || r.Lang != "" || !reflect.DeepEqual(r.Scenario, want) {
			t.Errorf("Preset(%q) = %q day %d lang %q, want the preset at day 0", name, r.Name, r.Day, r.Lang)
		}
	}
	_, err := open.Preset("nope")
	if err == nil || !strings.Contains(err.Error(), `unknown preset "nope"`) || !strings.Contains(err.Error(), open.DefaultPreset) {
		t.Errorf(`Preset("nope") = %v, want the unknown name and the presets there are`, err)
	}
}

func TestFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.json", `{"name": "two years", "days": 730}`)
	r, err := open.File(good)
	if err != nil || r.Name != "two years" || r.Scenario.Days != 730 || r.Day != 0 {
		t.Errorf("File(%q) = %q, %d days, day %d, %v; want the file's scenario", good, r.Name, r.Scenario.Days, r.Day, err)
	}

	missing := filepath.Join(dir, "missing.json")
	if _, err := open.File(missing); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), missing) {
		t.Errorf("File(%q) = %v, want a not-exist error naming the path", missing, err)
	}
	for _, tt := range []struct{ name, text, want string }{
		{"malformed.json", "{\n\"name\": \n", "line "},
		{"unknown-field.json", `{"colour": "red"}`, `unknown field "colour"`},
		{"too-long.json", strings.Repeat(" ", model.MaxScenarioBytes+10), "more than the"},
	} {
		p := write(tt.name, tt.text)
		_, err := open.File(p)
		if err == nil || !strings.HasPrefix(err.Error(), p+": ") || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("File(%q) = %v, want %q: ... %q", p, err, p, tt.want)
		}
	}
}

func TestLink(t *testing.T) {
	sc, err := model.Preset("grid-crunch")
	if err != nil {
		t.Fatal(err)
	}
	frag, err := link.Encode(sc, 400)
	if err != nil {
		t.Fatal(err)
	}
	unnamed := sc
	unnamed.Name = ""
	unnamedFrag, err := link.Encode(unnamed, 0)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text       string
		name, lang string
		day        model.Day
	}{
		{frag, sc.Name, "", 400},
		{"#" + frag, sc.Name, "", 400},
		{"  http://localhost:8080/#" + frag + "&lang=fr\n", sc.Name, "fr", 400},
		{"lang=de&" + frag, sc.Name, "de", 400},
		{unnamedFrag, "link", "", 0},
		{"preset=grid-crunch", "grid-crunch", "", 0},
		{"https://example.org/sandbox/#preset=grid-crunch&lang=fr", "grid-crunch", "fr", 0},
		{"lang=pl", open.DefaultPreset, "pl", 0},
		// A link wins over a preset named beside it, as it always has on the page.
		{"preset=baseline&" + frag, sc.Name, "", 400},
	}
	for _, tt := range tests {
		r, err := open.Link(tt.text)
		if err != nil {
			t.Errorf("Link(%q) = %v", tt.text, err)
			continue
		}
		if r.Name != tt.name || r.Lang != tt.lang || r.Day != tt.day {
			t.Errorf("Link(%q) = name %q lang %q day %d, want %q %q %d", tt.text, r.Name, r.Lang, r.Day, tt.name, tt.lang, tt.day)
		}
	}
	// the bands and their number of runs, beside the language
	for text, want := range map[string]int{frag + "&bands=64&lang=fr": 64, "preset=grid-crunch&bands=1024": 1024, "bands=16": 16, frag: 0} {
		r, err := open.Link(text)
		if err != nil || r.Bands != want {
			t.Errorf("Link(%q) = bands %d, %v; want %d", text, r.Bands, err, want)
		}
	}
}

func TestBadLink(t *testing.T) {
	for _, tt := range []struct{ text, want, lang string }{
		{"", "link: empty", ""},
		{"http://localhost:8080/#", "link: empty", ""},
		{"http://localhost:8080/", "no scenario in it", ""},
		{"#layer=2", "no scenario in it", ""},
		{"preset=nope&lang=fr", `unknown preset "nope"`, "fr"},
		{"preset=", `unknown preset ""`, ""},
		{"s=oR&lang=de", "not whole base64url", "de"},
		{"preset=baseline&bands=8&lang=fr", "bands=8: want the number of runs, 16 to 1024", "fr"},
		{"preset=baseline&bands=lots", "bands=lots", ""},
	} {
		r, err := open.Link(tt.text)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Link(%q) = %v, want an error containing %q", tt.text, err, tt.want)
		}
		if r.Lang != tt.lang {
			t.Errorf("Link(%q) lang = %q, want %q (a bad link's message speaks its language)", tt.text, r.Lang, tt.lang)
		}
	}
}

// TestLinkCorpus: every link of testdata/links/bad fails as link.Decode
// says, with its message, and a link whose command cannot run comes back
// with its scenario and the *model.CommandError, for the page to mend.
func TestLinkCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "links", "bad", "*.link"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no links in testdata/links/bad (%v)", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		sc, day, want := link.Decode(text)
		r, err := open.Link(text)
		if err == nil || want == nil || err.Error() != want.Error() {
			t.Errorf("%s: Link = %v, want %v", filepath.Base(f), err, want)
			continue
		}
		var ce *model.CommandError
		if errors.As(want, &ce) && (!reflect.DeepEqual(r.Scenario, sc) || r.Day != day) {
			t.Errorf("%s: Link gave %d commands at day %d with %v, want the link's %d at day %d", filepath.Base(f), len(r.Scenario.Commands), r.Day, err, len(sc.Commands), day)
		}
	}
}

// TestNamed: one argument opens a preset, a file or a link by its shape.
func TestNamed(t *testing.T) {
	sc, _ := model.Preset("grid-crunch")
	frag, err := link.Encode(sc, 40)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "s.json")
	b, _ := sc.MarshalIndent()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		arg  string
		day  model.Day
		name string
	}{
		{"grid-crunch", 0, "grid-crunch"},
		{frag, 40, ""},
		{"https://example.org/#" + frag + "&lang=fr", 40, ""},
		{"preset=grid-crunch", 0, "grid-crunch"},
		{path, 0, ""},
	} {
		r, err := open.Named(tt.arg)
		if err != nil {
			t.Fatalf("Named(%q) = %v", tt.arg, err)
		}
		if r.Day != tt.day || (tt.name != "" && r.Name != tt.name) || r.Scenario.Days != sc.Days {
			t.Errorf("Named(%q) = %q day %d, want %q day %d", tt.arg, r.Name, r.Day, tt.name, tt.day)
		}
	}
	if _, err := open.Named("nope"); err == nil || !strings.Contains(err.Error(), `unknown preset "nope"`) {
		t.Errorf(`Named("nope") = %v`, err)
	}
}

// TestLinkClass: a teacher's starting link carries its goal set, locked
// levers and hidden assumptions beside the scenario; the run is named after
// the goal set, so that the page judges it on those goals; a bad class is
// a bad link.
func TestLinkClass(t *testing.T) {
	sc, _ := model.Preset("baseline")
	l, err := link.Encode(sc, 0)
	if err != nil {
		t.Fatal(err)
	}
	sc, _, _ = link.Decode(l)
	r, err := open.Link("https://x/#" + l + "&goals=grid-crunch&lock=sites,eu_share&hide=pue&lang=fr")
	if err != nil {
		t.Fatalf("Link = %v", err)
	}
	if r.Name != "grid-crunch" || r.Lang != "fr" || r.Class.Params() != "&goals=grid-crunch&lock=eu_share,sites&hide=pue" || !reflect.DeepEqual(r.Scenario, sc) {
		t.Errorf("Link = %q lang %q class %q, want grid-crunch, fr and the class in canonical order", r.Name, r.Lang, r.Class.Params())
	}
	r, err = open.Link("preset=eu-chips&lock=regime")
	if err != nil || r.Name != "eu-chips" || !r.Class.LocksName("regime") {
		t.Errorf("Link(preset with a lock) = %q %q, %v; want eu-chips with regime locked", r.Name, r.Class.Params(), err)
	}
	for _, bad := range []string{l + "&goals=nope", l + "&lock=colour", "preset=baseline&hide=nope"} {
		if _, err := open.Link(bad); err == nil || !strings.HasPrefix(err.Error(), "link: ") {
			t.Errorf("Link(%q) = %v, want a link error", bad, err)
		}
	}
}
