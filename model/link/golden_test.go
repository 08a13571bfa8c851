package link_test

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gigasandbox/model"
	"gigasandbox/model/link"
)

// goldenDir(N) holds links made by version N, for ever: NAME.link is the
// link, NAME.json the scenario it must decode to, hashes.txt the day it
// shows and the state hash there. A .link or .json file is never changed;
// the hashes change only with the model (a model version bump and a
// changelog line).
func goldenDir(version int) string {
	return filepath.Join("..", "..", "testdata", "links", fmt.Sprintf("v%d", version))
}

// goldenSources make the golden links of the current version that -update
// adds when missing.
func goldenSources(t testing.TB) []struct {
	name string
	sc   model.Scenario
	day  model.Day
} {
	var out []struct {
		name string
		sc   model.Scenario
		day  model.Day
	}
	add := func(name string, sc model.Scenario, day model.Day) {
		out = append(out, struct {
			name string
			sc   model.Scenario
			day  model.Day
		}{name, sc, day})
	}
	add("default", model.DefaultScenario(), 0)
	for i, name := range model.PresetNames() {
		add(name, preset(t, name), model.Day(300+200*i))
	}
	add("baseline-ten-sites-ten-levers", withEdits(preset(t, "baseline"), tenBuilds, tenLevers), 1300)
	add("default-ten-sites-ten-levers", withEdits(model.DefaultScenario(), tenBuilds, tenLevers), 1000)
	add("grid-crunch-edited", withEdits(preset(t, "grid-crunch"), tenBuilds[:3], tenLevers[:4]), 1100)
	add("eu-chips-same-day", withEdits(preset(t, "eu-chips"), []pageBuild{{365, "DK", 25000, "eu", 0, 9140000, 56090000}},
		[]pageLever{{365, "fast_track", "true"}}), 400)
	add("everything", everything(t), 1999)
	// Release 2026-12: its presets (with the AI Factories that come into
	// service during the run), a scenario on it with edits that use its
	// new chips, and the default scenario naming it.
	rel, err := model.ReleaseByName("2026-12")
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range model.PresetNames() {
		sc, err := model.PresetIn(rel, name)
		if err != nil {
			t.Fatal(err)
		}
		add(name+"@2026-12", sc, model.Day(300+200*i))
	}
	base12, _ := model.PresetIn(rel, "baseline")
	add("baseline@2026-12-new-chips", withEdits(base12, []pageBuild{{100, "SE", 100000, "vr200", 0, 22150000, 65580000},
		{200, "DK", 50000, "gb300", 91, 9140000, 56090000}, {250, "NL", 25000, "gb200", 0, 6830000, 53440000}}, tenLevers[:3]), 1200)
	def12 := model.DefaultScenario()
	def12.Release = rel.Name
	add("default@2026-12", def12, 0)
	files := exampleFiles(t)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		add("file-"+strings.TrimSuffix(n, ".json"), files[n], 730)
	}
	return out
}

type goldenHash struct {
	day  model.Day
	hash string
}

func readHashes(t *testing.T, dir string) map[string]goldenHash {
	t.Helper()
	out := map[string]goldenHash{}
	f, err := os.Open(filepath.Join(dir, "hashes.txt"))
	if err != nil {
		if *update {
			return out
		}
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var name, hash string
		var day int
		if _, err := fmt.Sscan(line, &name, &day, &hash); err != nil {
			t.Fatalf("hashes.txt: %q: %v", line, err)
		}
		out[name] = goldenHash{model.Day(day), hash}
	}
	return out
}

// TestGoldenLinks: every link in testdata/links/vN decodes to its JSON
// scenario and day and reaches its state hash there; a link of the current
// version re-encodes to itself, one of an older version to a link of this
// version that decodes to the same scenario and day.
func TestGoldenLinks(t *testing.T) {
	if *update {
		dir := goldenDir(link.Version)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, g := range goldenSources(t) {
			path := filepath.Join(dir, g.name+".link")
			if _, err := os.Stat(path); err == nil {
				continue // a golden link is never rewritten
			}
			s, err := link.Encode(g.sc, g.day)
			if err != nil {
				t.Fatalf("%s: %v", g.name, err)
			}
			if err := os.WriteFile(path, []byte(s+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for v := 1; v <= link.Version; v++ {
		t.Run(fmt.Sprintf("v%d", v), func(t *testing.T) { checkGoldenDir(t, v) })
	}
	for _, g := range goldenSources(t) {
		if _, err := os.Stat(filepath.Join(goldenDir(link.Version), g.name+".link")); err != nil {
			t.Errorf("no golden link v%d/%s.link (run with -update)", link.Version, g.name)
		}
	}
}

func checkGoldenDir(t *testing.T, version int) {
	dir := goldenDir(version)
	files, err := filepath.Glob(filepath.Join(dir, "*.link"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden links in %s (go test ./model/link -run TestGoldenLinks -update makes them)", dir)
	}
	hashes := readHashes(t, dir)
	var table bytes.Buffer
	table.WriteString("# name day state-hash: the day each link shows and the state hash there (as\n# gigasim run --link LINK --hash prints it). Changes only with the model.\n")
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".link")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			text := strings.TrimSuffix(string(b), "\n")
			sc, day, err := link.Decode(text)
			if err != nil {
				t.Fatalf("Decode = %v", err)
			}
			js, err := sc.MarshalIndent()
			if err != nil {
				t.Fatal(err)
			}
			jsonPath := filepath.Join(dir, name+".json")
			want, err := os.ReadFile(jsonPath)
			if os.IsNotExist(err) && *update {
				want = js
				err = os.WriteFile(jsonPath, js, 0o644)
			}
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(js, want) {
				t.Errorf("%s.link decodes to\n%s\nwant (%s.json)\n%s", name, js, name, want)
			}
			again, err := link.Encode(sc, day)
			if err != nil {
				t.Fatalf("Encode(Decode(%s.link)) = %v", name, err)
			}
			if version == link.Version && again != text {
				t.Errorf("Encode(Decode(%s.link)) = %q, want the link again", name, again)
			}
			if sc2, day2, err := link.Decode(again); err != nil || day2 != day || !bytes.Equal(mustJSON(t, sc2), js) {
				t.Errorf("Decode(Encode(Decode(%s.link))) = day %d, %v: want the same scenario and day", name, day2, err)
			}
			hash := fmt.Sprintf("%016x", hashAt(t, sc, day))
			fmt.Fprintf(&table, "%s %d %s\n", name, day, hash)
			g, ok := hashes[name]
			switch {
			case !ok && !*update:
				t.Errorf("hashes.txt has no line for %s", name)
			case ok && g.day != day:
				t.Errorf("%s.link shows day %d, hashes.txt says %d", name, day, g.day)
			case ok && g.hash != hash && !*update:
				t.Errorf("%s.link: state hash at day %d = %s, want %s", name, day, hash, g.hash)
			}
		})
	}
	if *update {
		if err := os.WriteFile(filepath.Join(dir, "hashes.txt"), table.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func mustJSON(t *testing.T, sc model.Scenario) []byte {
	t.Helper()
	b, err := sc.MarshalIndent()
	if err != nil {
		t.Fatal(err)
	}
	return b
}
