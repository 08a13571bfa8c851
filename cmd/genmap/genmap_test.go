package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gigasandbox/assets"
	"gigasandbox/assets/eumap"
)

var update = flag.Bool("update", false, "rewrite testdata/tiny.golden")

func readTiny(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/tiny.json")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// tinyConfig selects the two states of testdata/tiny.json: AA (feature 001,
// with a hole, an island, a tiny island and an overseas square) and BB
// (feature 002 merged with the feature named "Bee East", plus an island in
// an inset region). The other features are the context: Cee (003) wraps
// round AA's west on the far side of AA's border, and has a tiny island, a
// square across the top of the clipping rectangle and a square beyond its
// east; Dee (004) is a square that the inset frame, moved onto it, cuts
// into an L; Sea (7) lies outside ContextRegion.
func tinyConfig() config {
	return config{
		Object: "countries",
		States: []stateSource{
			{Code: "AA", IDs: []string{"001"}},
			{Code: "BB", IDs: []string{"002"}, Names: []string{"Bee East"}},
		},
		Mainland:         box{W: 0, S: 45, E: 15, N: 55},
		Insets:           []insetSpec{{Title: "Isle", Region: box{W: 19, S: 39, E: 21, N: 41}, Left: 3_000_000, Bottom: 2_000_000}},
		InsetPad:         10_000,
		InsetBand:        20_000,
		InsetMinW:        80_000,
		InsetGap:         50_000,
		Tolerance:        500,
		MinArea:          20e6,
		ContextRegion:    box{W: -10, S: 35, E: 15, N: 53},
		ContextMargin:    20_000,
		ContextTolerance: 1500,
		ContextMinArea:   50e6,
	}
}

// inContext reports whether p is in the map's context by the even-odd rule.
func inContext(m *eumap.Map, p eumap.Point) bool {
	in := false
	for _, r := range m.Context {
		if pointInRing(toXY(r), xy{float64(p.X), float64(p.Y)}) {
			in = !in
		}
	}
	return in
}

func TestDecodeArcs(t *testing.T) {
	arcs, feats, err := parseTopology(readTiny(t), "countries")
	if err != nil {
		t.Fatal(err)
	}
	if len(arcs) != 17 {
		t.Fatalf("got %d arcs, want 17", len(arcs))
	}
	// Quantized deltas: arc 0 runs up the meridian 10°E from 50°N to 51°N.
	if want := []lonLat{{10, 50}, {10, 50.5}, {10, 51}}; !slices.Equal(arcs[0], want) {
		t.Errorf("arc 0 = %v, want %v", arcs[0], want)
	}
	if want := []lonLat{{10, 51}, {9, 51}, {9, 50}, {10, 50}}; !slices.Equal(arcs[1], want) {
		t.Errorf("arc 1 = %v, want %v", arcs[1], want)
	}
	if want := []lonLat{{-60, 10}, {-59.75, 10}, {-59.75, 10.25}, {-60, 10.25}, {-60, 10}}; !slices.Equal(arcs[9], want) {
		t.Errorf("arc 9 = %v, want %v", arcs[9], want)
	}
	// Unquantized arcs are absolute already.
	abs, err := decodeArcs([][][]float64{{{1.5, 2}, {3, 4.25}}}, nil)
	if err != nil || !slices.Equal(abs[0], []lonLat{{1.5, 2}, {3, 4.25}}) {
		t.Errorf("decodeArcs(absolute) = %v, %v", abs, err)
	}
	if _, err := decodeArcs([][][]float64{{{1.5, 2}, {3, 4}}}, &transform{Scale: [2]float64{1, 1}}); err == nil {
		t.Error("decodeArcs accepted a fractional quantized delta")
	}
	// Features: the Point and the null geometry are skipped; a numeric id
	// is read as its decimal string.
	var ids, names []string
	for _, f := range feats {
		ids, names = append(ids, f.ID), append(names, f.Name)
	}
	if want := []string{"001", "002", "", "7", "003", "004"}; !slices.Equal(ids, want) {
		t.Errorf("feature ids = %q, want %q", ids, want)
	}
	if want := []string{"Aland", "Bee", "Bee East", "Sea", "Cee", "Dee"}; !slices.Equal(names, want) {
		t.Errorf("feature names = %q, want %q", names, want)
	}
}

func TestRingPositions(t *testing.T) {
	arcs, _, err := parseTopology(readTiny(t), "countries")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		refs []int
		want []lonLat
	}{
		// AA's outer ring: arc 0 forwards, then arc 1.
		{[]int{0, 1}, []lonLat{{10, 50}, {10, 50.5}, {10, 51}, {9, 51}, {9, 50}, {10, 50}}},
		// BB's ring starts with ~0 (-1): arc 0 reversed, down the meridian.
		{[]int{-1, 2, 3, 4}, []lonLat{{10, 51}, {10, 50.5}, {10, 50}, {11, 50}, {11, 51}, {10, 51}}},
		// "Bee East": ~3 (-4) then arc 5.
		{[]int{-4, 5}, []lonLat{{11, 51}, {11, 50}, {11.5, 50}, {11.5, 51}, {11, 51}}},
	} {
		if got := ringPositions(arcs, c.refs); !slices.Equal(got, c.want) {
			t.Errorf("ringPositions(%v) = %v, want %v", c.refs, got, c.want)
		}
	}
}

func TestMerge(t *testing.T) {
	arcs, _, err := parseTopology(readTiny(t), "countries")
	if err != nil {
		t.Fatal(err)
	}
	// Bee and Bee East share arc 3; merged, it goes and the rest is
	// stitched into one ring. The island (arc 10) is untouched.
	got, err := merge(arcs, [][]int{{-1, 2, 3, 4}, {10}, {-4, 5}})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]int{{10}, {-1, 2, 5, 4}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("merge = %v, want %v", got, want)
	}
	// Without a shared arc nothing changes.
	if got, err := merge(arcs, [][]int{{0, 1}, {8}}); err != nil || fmt.Sprint(got) != "[[0 1] [8]]" {
		t.Errorf("merge(AA) = %v, %v", got, err)
	}
	// Arcs that do not close are an error, not a panic.
	if _, err := stitch(arcs, []int{0, 2}); err == nil {
		t.Error("stitch of an open chain succeeded")
	}
}

func TestSimplify(t *testing.T) {
	// A closed arc keeps three corners however large the tolerance.
	sq := []xy{{0, 0}, {500, 0}, {1000, 0}, {1000, 1000}, {0, 1000}, {0, 0}}
	if got := simplify(sq, 1e9); len(got) != 4 || got[0] != got[3] {
		t.Errorf("simplify(closed square, huge) = %v, want a triangle", got)
	}
	// Collinear points go; corners and ends stay.
	if got, want := simplify(sq, 1), []xy{{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}, {0, 0}}; !slices.Equal(got, want) {
		t.Errorf("simplify(closed square, 1) = %v, want %v", got, want)
	}
	line := []xy{{0, 0}, {100, 40}, {200, -30}, {300, 0}, {400, 900}, {500, 0}}
	if got, want := simplify(line, 100), []xy{{0, 0}, {300, 0}, {400, 900}, {500, 0}}; !slices.Equal(got, want) {
		t.Errorf("simplify(line, 100) = %v, want %v", got, want)
	}
}

// dump writes a map as text, one ring per line, for the golden file.
func dump(m *eumap.Map) string {
	var b strings.Builder
	for _, s := range m.States {
		fmt.Fprintf(&b, "state %s label %d,%d\n", s.Code, s.Label.X, s.Label.Y)
		for _, r := range s.Rings {
			b.WriteString("  ring")
			for _, p := range r {
				fmt.Fprintf(&b, " %d,%d", p.X, p.Y)
			}
			b.WriteString("\n")
		}
	}
	for _, r := range m.Context {
		b.WriteString("context ring")
		for _, p := range r {
			fmt.Fprintf(&b, " %d,%d", p.X, p.Y)
		}
		b.WriteString("\n")
	}
	for _, in := range m.Insets {
		fmt.Fprintf(&b, "inset %q frame %d,%d %d,%d shift %d,%d\n", in.Title, in.Frame.Min.X, in.Frame.Min.Y, in.Frame.Max.X, in.Frame.Max.Y, in.Shift.X, in.Shift.Y)
	}
	return b.String()
}

// TestBuildTiny runs the whole pipeline on testdata/tiny.json and compares
// the result with testdata/tiny.golden (go test -update rewrites it).
func TestBuildTiny(t *testing.T) {
	data, st, err := generate(readTiny(t), tinyConfig())
	if err != nil {
		t.Fatal(err)
	}
	m, err := eumap.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	// AA: outer ring, hole, island (the tiny triangle and the overseas
	// square go). BB: the merged ring and the inset island.
	if got := []int{len(m.States[0].Rings), len(m.States[1].Rings)}; !slices.Equal(got, []int{3, 2}) {
		t.Errorf("ring counts = %v, want [3 2]", got)
	}
	if st.RingsOutside != 1 || st.RingsSmall != 1 || st.RingsCollapsed != 0 {
		t.Errorf("stats = %+v, want 1 ring outside, 1 small, 0 collapsed", st)
	}
	// The merged BB has no border at 11°E any more: a point just east of
	// it is in BB, as is the point just west.
	for _, lon := range []float64{10.9, 11.1, 11.4} {
		e, n := eumap.LAEA(lon, 50.5)
		if got := m.StateAt(eumap.Point{X: int32(e), Y: int32(n)}); got != 1 {
			t.Errorf("StateAt(%v°E 50.5°N) = %d, want 1 (BB)", lon, got)
		}
	}
	// The hole in AA is not AA; the island is.
	for _, c := range []struct {
		lon, lat float64
		want     int
	}{{9.375, 50.375, -1}, {9.28, 51.28, 0}, {9.1, 50.1, 0}, {9.53, 51.28, -1}} {
		e, n := eumap.LAEA(c.lon, c.lat)
		if got := m.StateAt(eumap.Point{X: int32(e), Y: int32(n)}); got != c.want {
			t.Errorf("StateAt(%v°E %v°N) = %d, want %d", c.lon, c.lat, got, c.want)
		}
	}
	// The inset island (21 km × 31 km) was moved into its frame: 10 km of
	// sea around it, a 20 km title band on top, widened to 80 km.
	in := m.Insets[0]
	wantFrame := eumap.Rect{Min: eumap.Point{X: 3_000_000, Y: 2_000_000}, Max: eumap.Point{X: 3_080_000, Y: 2_072_000}}
	if in.Frame != wantFrame {
		t.Errorf("inset frame = %v, want %v", in.Frame, wantFrame)
	}
	inFrame := 0
	for _, r := range m.States[1].Rings {
		n := 0
		for _, p := range r {
			if in.Frame.Contains(p) {
				n++
			}
		}
		switch n {
		case len(r):
			inFrame++
		case 0:
		default:
			t.Errorf("BB ring %v straddles the inset frame %v", r, in.Frame)
		}
	}
	if inFrame != 1 {
		t.Errorf("%d BB rings in the inset frame, want 1", inFrame)
	}

	// The context: Cee's band round AA, the strip of its top square below
	// the clipping line, and Dee's L; Cee's tiny island, its square beyond
	// the east and Sea are gone.
	if len(m.Context) != 3 || st.CtxRingsOut != 3 || st.CtxSmall != 1 || st.CtxOutside != 2 || st.CtxCollapsed != 0 {
		t.Errorf("%d context rings, stats %+v; want 3 rings, 1 small, 2 outside, 0 collapsed", len(m.Context), st)
	}
	// The bounds are those of the states and the frame, not the context.
	if want := (eumap.Rect{Min: eumap.Point{X: 3_000_000, Y: 2_000_000}, Max: eumap.Point{X: 4_428_500, Y: 3_140_800}}); m.Bounds != want {
		t.Errorf("Bounds = %v, want %v", m.Bounds, want)
	}
	clip := m.Bounds
	clip.Min.X, clip.Min.Y, clip.Max.X, clip.Max.Y = clip.Min.X-20_000, clip.Min.Y-20_000, clip.Max.X+20_000, clip.Max.Y+20_000
	for _, r := range m.Context {
		for _, p := range r {
			if !clip.Contains(p) {
				t.Errorf("context point %v outside the clipping rectangle %v", p, clip)
			}
			if p.X > in.Frame.Min.X && p.X < in.Frame.Max.X && p.Y > in.Frame.Min.Y && p.Y < in.Frame.Max.Y {
				t.Errorf("context point %v inside the inset frame %v", p, in.Frame)
			}
		}
	}
	// Cee's band shares AA's western border point for point.
	band := map[eumap.Point]bool{}
	for _, p := range m.Context[0] {
		band[p] = true
	}
	for _, p := range m.States[0].Rings[0] {
		if !band[p] {
			t.Errorf("AA's border point %v is not on Cee's band %v", p, m.Context[0])
		}
	}
	for _, c := range []struct {
		lon, lat float64
		ctx      bool
		state    int
	}{
		{8.75, 50.5, true, -1},     // Cee's band
		{9.5, 50.5, false, 0},      // AA
		{10.5, 50.5, false, 1},     // BB
		{8.03, 50.53, false, -1},   // Cee's tiny island, dropped
		{10, 51.52, true, -1},      // Cee's top square, below the cut
		{10, 51.6, false, -1},      // above it
		{12.6, 50.1, false, -1},    // Cee's square beyond the east
		{-4.55, 40.25, true, -1},   // Dee, east of the frame
		{-4.6, 40.01, true, -1},    // Dee, below the frame
		{-4.9, 40.25, false, -1},   // Dee under the frame: the frame shows the sea
		{13.1, 54.1, false, -1},    // Sea
		{20, 40, false, -1},        // the inset island's true place
		{9.375, 50.375, false, -1}, // AA's hole, sea
	} {
		e, n := eumap.LAEA(c.lon, c.lat)
		p := eumap.Point{X: int32(e), Y: int32(n)}
		if got := inContext(m, p); got != c.ctx {
			t.Errorf("inContext(%v°E %v°N) = %v, want %v", c.lon, c.lat, got, c.ctx)
		}
		if got := m.StateAt(p); got != c.state {
			t.Errorf("StateAt(%v°E %v°N) = %d, want %d", c.lon, c.lat, got, c.state)
		}
	}

	got := dump(m)
	if *update {
		if err := os.WriteFile("testdata/tiny.golden", []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("testdata/tiny.golden")
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("dump of the tiny map differs from testdata/tiny.golden:\n%s\nwant:\n%s", got, want)
	}
}

// TestContextMoves gives Bee East's square (feature 2 of tiny.json, as if
// it were a context feature) to Bee (feature 1): the two are merged, the
// border between them dissolved, as TestMerge shows.
func TestContextMoves(t *testing.T) {
	arcs, feats, err := parseTopology(readTiny(t), "countries")
	if err != nil {
		t.Fatal(err)
	}
	feats[2].ID = "099"
	usedBy := make([]string, len(feats))
	usedBy[0] = "AA"
	cfg := tinyConfig()
	cfg.ContextMoves = []contextMove{{From: "099", To: "002", At: lonLat{11.25, 50.5}}}
	got, err := contextFeatures(cfg, arcs, feats, usedBy)
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != nil {
		t.Errorf("feature 0, used by a state, has context rings %v", got[0])
	}
	if want := "[[10] [-1 2 5 4]]"; fmt.Sprint(got[1]) != want {
		t.Errorf("Bee's rings = %v, want %v", got[1], want)
	}
	if len(got[2]) != 0 {
		t.Errorf("Bee East kept %v", got[2])
	}
	if want := "[[16]]"; fmt.Sprint(got[5]) != want {
		t.Errorf("Dee's rings = %v, want %v", got[5], want)
	}
	for _, mv := range []contextMove{
		{From: "001", To: "002", At: lonLat{9.5, 50.5}}, // a state's feature
		{From: "099", To: "555", At: lonLat{11.25, 50.5}},
		{From: "099", To: "002", At: lonLat{30, 30}},
	} {
		cfg.ContextMoves = []contextMove{mv}
		if _, err := contextFeatures(cfg, arcs, feats, usedBy); err == nil {
			t.Errorf("contextFeatures(move %+v) succeeded", mv)
		}
	}
}

func TestInsetHoles(t *testing.T) {
	frame := func(x0, y0, x1, y1 int32) eumap.Inset {
		return eumap.Inset{Frame: eumap.Rect{Min: eumap.Point{X: x0, Y: y0}, Max: eumap.Point{X: x1, Y: y1}}}
	}
	// Three frames in a row, 3 and 2 apart, and one 4 above the last.
	insets := []eumap.Inset{frame(0, 0, 10, 20), frame(13, 0, 20, 5), frame(22, 0, 30, 8), frame(25, 12, 40, 15)}
	want := []rect{
		{0, 0, 10, 20}, {13, 0, 20, 5}, {22, 0, 30, 8}, {25, 12, 40, 15},
		{10, 0, 13, 5}, // between the first two, as high as the lower
		{20, 0, 22, 5},
		{25, 8, 30, 12}, // under the last, as wide as both
	}
	if got := insetHoles(insets, 5); !slices.Equal(got, want) {
		t.Errorf("insetHoles = %v\nwant %v", got, want)
	}
	if got := insetHoles(insets, 2); !slices.Equal(got, want[:4]) {
		t.Errorf("insetHoles(gap 2) = %v, want the frames alone", got)
	}
}

func TestDeterministic(t *testing.T) {
	a, _, err := generate(readTiny(t), tinyConfig())
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		b, _, err := generate(readTiny(t), tinyConfig())
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatal("two runs on the same input gave different bytes")
		}
	}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no arguments", nil, 2, "usage"},
		{"no output", []string{"-in", "testdata/tiny.json"}, 2, "usage"},
		{"bad flag", []string{"-nope"}, 2, "flag provided but not defined"},
		{"negative tolerance", []string{"-in", "x", "-out", "y", "-tolerance", "-1"}, 2, "usage"},
		{"negative context tolerance", []string{"-in", "x", "-out", "y", "-context-tolerance", "-1"}, 2, "usage"},
		{"negative context area", []string{"-in", "x", "-out", "y", "-context-min-area", "-1"}, 2, "usage"},
		{"huge context margin", []string{"-in", "x", "-out", "y", "-context-margin", "20000000"}, 2, "usage"},
		{"missing input", []string{"-in", filepath.Join(dir, "none.json"), "-out", filepath.Join(dir, "o.bin")}, 1, "no such file"},
		// The tiny topology has none of the member states.
		{"not the EU", []string{"-in", "testdata/tiny.json", "-out", filepath.Join(dir, "o.bin")}, 1, "BE: no feature with id 056"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := run(c.args, &stdout, &stderr); got != c.code {
				t.Errorf("run(%q) = %d, want %d (stderr %q)", c.args, got, c.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), c.err) {
				t.Errorf("run(%q) stderr = %q, want it to mention %q", c.args, stderr.String(), c.err)
			}
		})
	}
}

func TestDefaultConfig(t *testing.T) {
	cfg, err := defaultConfig()
	if err != nil {
		t.Fatal(err)
	}
	states, err := assets.States()
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.States) != len(states) || len(cfg.States) != 27 {
		t.Fatalf("%d states in the config, want 27", len(cfg.States))
	}
	seen := map[string]string{}
	for i, s := range cfg.States {
		if s.Code != states[i].Code {
			t.Errorf("state %d = %s, want %s (protocol order)", i, s.Code, states[i].Code)
		}
		for _, id := range s.IDs {
			if prev, ok := seen[id]; ok {
				t.Errorf("id %s used by %s and %s", id, prev, s.Code)
			}
			seen[id] = s.Code
		}
	}
	if len(isoNumeric) != 27 {
		t.Errorf("isoNumeric has %d entries, want 27", len(isoNumeric))
	}
}

// TestRegenerate checks that the committed assets/eumap/eu27.bin is what the
// generator makes from the source file named by GENMAP_SOURCE (the path of
// countries-10m.json from world-atlas@2.0.2; see assets/eumap/doc.go). It
// is skipped when the variable is unset, as the source is not in the repo.
func TestRegenerate(t *testing.T) {
	src := os.Getenv("GENMAP_SOURCE")
	if src == "" {
		t.Skip("GENMAP_SOURCE is not set")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "eu27.bin")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-in", src, "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("run = %d: %s", code, stderr.String())
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, eumap.Data()) {
		t.Errorf("regenerated map (%d bytes) differs from the embedded one (%d bytes): run the command in assets/eumap/doc.go", len(got), len(eumap.Data()))
	}
	t.Log(strings.TrimSpace(stdout.String()))
}
