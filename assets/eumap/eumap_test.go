package eumap_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"slices"
	"testing"

	"gigasandbox/assets"
	"gigasandbox/assets/eumap"
)

func codeIndex(t testing.TB, m *eumap.Map, code string) int {
	t.Helper()
	for i, s := range m.States {
		if s.Code == code {
			return i
		}
	}
	t.Fatalf("no state %s", code)
	return -1
}

func name(m *eumap.Map, i int) string {
	if i < 0 {
		return "sea"
	}
	return m.States[i].Code
}

func TestStatesInProtocolOrder(t *testing.T) {
	states, err := assets.States()
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, s := range states {
		want = append(want, s.Code)
	}
	m := eumap.Load()
	var got []string
	for _, s := range m.States {
		got = append(got, s.Code)
	}
	if len(got) != 27 || !slices.Equal(got, want) {
		t.Errorf("codes = %v\nwant    %v", got, want)
	}
	seen := map[string]bool{}
	for _, c := range got {
		if seen[c] {
			t.Errorf("duplicate code %s", c)
		}
		seen[c] = true
	}
}

func TestLabelsInside(t *testing.T) {
	m := eumap.Load()
	for i, s := range m.States {
		if got := m.StateAt(s.Label); got != i {
			t.Errorf("StateAt(%s label %v) = %s, want %s", s.Code, s.Label, name(m, got), s.Code)
		}
		if len(s.Rings) == 0 {
			t.Errorf("%s has no rings", s.Code)
		}
	}
}

// cities are places that must fall in their state, at their published
// coordinates (city centres, degrees). A few ports sit on the water's edge
// of Natural Earth's 1:10m coastline, which is generalised by about a
// kilometre; for those, near gives the radius in metres within which
// StateNear must find the state (StateAt may say sea, never another state).
var cities = []struct {
	name     string
	lon, lat float64
	code     string
	near     int32
}{
	{"Warsaw", 21.0122, 52.2297, "PL", 0},
	{"Paris", 2.3522, 48.8566, "FR", 0},
	{"Berlin", 13.4050, 52.5200, "DE", 0},
	{"Valletta", 14.5146, 35.8989, "MT", 0},
	{"Nicosia", 33.3823, 35.1856, "CY", 0},
	{"Palma de Mallorca", 2.6502, 39.5696, "ES", 0},
	{"Las Palmas de Gran Canaria", -15.4134, 28.1235, "ES", 1000}, // 300 m off the NE coast
	{"Funchal", -16.9241, 32.6669, "PT", 0},
	{"Ponta Delgada", -25.6687, 37.7412, "PT", 1000}, // 200 m off
	{"Luxembourg", 6.1296, 49.6116, "LU", 0},
	{"Athens", 23.7275, 37.9838, "EL", 0},
	{"Helsinki", 24.9384, 60.1699, "FI", 0},
	{"Dublin", -6.2603, 53.3498, "IE", 0},
	{"Ljubljana", 14.5058, 46.0569, "SI", 0},
	{"Brussels", 4.3517, 50.8503, "BE", 0},
	{"Sofia", 23.3219, 42.6977, "BG", 0},
	{"Prague", 14.4378, 50.0755, "CZ", 0},
	{"Copenhagen", 12.5683, 55.6761, "DK", 0},
	{"Tallinn", 24.7536, 59.4370, "EE", 0},
	{"Madrid", -3.7038, 40.4168, "ES", 0},
	{"Zagreb", 15.9819, 45.8150, "HR", 0},
	{"Rome", 12.4964, 41.9028, "IT", 0},
	{"Riga", 24.1052, 56.9496, "LV", 0},
	{"Vilnius", 25.2797, 54.6872, "LT", 0},
	{"Budapest", 19.0402, 47.4979, "HU", 0},
	{"Amsterdam", 4.9041, 52.3676, "NL", 0},
	{"Vienna", 16.3738, 48.2082, "AT", 0},
	{"Lisbon", -9.1393, 38.7223, "PT", 0},
	{"Bucharest", 26.1025, 44.4268, "RO", 0},
	{"Bratislava", 17.1077, 48.1486, "SK", 0},
	{"Stockholm", 18.0686, 59.3293, "SE", 0},
	{"Ajaccio", 8.7369, 41.9192, "FR", 2000}, // 1 km off
	{"Cagliari", 9.1217, 39.2238, "IT", 0},
	{"Palermo", 13.3615, 38.1157, "IT", 0},
	{"Heraklion", 25.1442, 35.3387, "EL", 0},
	{"Visby", 18.2948, 57.6348, "SE", 0},
	{"Kuressaare", 22.4853, 58.2528, "EE", 0},
	{"Mariehamn", 19.9348, 60.0973, "FI", 0},
	{"Strasbourg", 7.7521, 48.5734, "FR", 0},
	{"Kehl", 7.8150, 48.5700, "DE", 0},
}

func TestCities(t *testing.T) {
	m := eumap.Load()
	for _, c := range cities {
		t.Run(c.name, func(t *testing.T) {
			p := eumap.Project(c.lon, c.lat)
			got := m.StateAt(p)
			if c.near > 0 && got == -1 {
				got = m.StateNear(p, c.near)
			}
			if name(m, got) != c.code {
				t.Errorf("StateAt(Project(%v, %v) = %v) = %s, want %s", c.lon, c.lat, p, name(m, got), c.code)
			}
		})
	}
}

func TestSea(t *testing.T) {
	m := eumap.Load()
	for _, c := range []struct {
		name     string
		lon, lat float64
	}{
		{"North Sea", 3.0, 55.5},
		{"mid-Mediterranean", 18.0, 35.0},
		{"Bay of Biscay", -5.0, 45.5},
		{"Adriatic", 15.5, 43.0},
		{"Baltic", 19.5, 56.0},
		{"Tyrrhenian", 12.0, 40.0},
		{"Atlantic off the Azores", -35.0, 45.0},
		{"Switzerland", 8.2275, 46.8182},
		{"London", -0.1276, 51.5072},
		{"Oslo", 10.7522, 59.9139},
		{"Moscow", 37.6173, 55.7558},
		{"Tunis", 10.1815, 36.8065},
		{"antipode", -170, -52},
		{"NaN", math.NaN(), 45},
	} {
		p := eumap.Project(c.lon, c.lat)
		if got := m.StateAt(p); got != -1 {
			t.Errorf("%s: StateAt(Project(%v, %v) = %v) = %s, want sea", c.name, c.lon, c.lat, p, name(m, got))
		}
	}
}

// inContext reports whether p is on the context land, by the even-odd rule
// over Map.Context.
func inContext(m *eumap.Map, p eumap.Point) bool {
	in := false
	for _, ring := range m.Context {
		a := ring[len(ring)-1]
		for _, b := range ring {
			if (a.Y > p.Y) != (b.Y > p.Y) {
				x := float64(a.X) + float64(p.Y-a.Y)*float64(b.X-a.X)/float64(b.Y-a.Y)
				if float64(p.X) < x {
					in = !in
				}
			}
			a = b
		}
	}
	return in
}

// TestContext checks the land around the member states: the neighbours are
// on it, the sea and the states are not, StateAt and StateNear ignore it,
// and it stays near the map and out of the inset frames.
func TestContext(t *testing.T) {
	m := eumap.Load()
	if len(m.Context) < 100 {
		t.Fatalf("%d context rings, want the neighbours' coasts and islands", len(m.Context))
	}
	for _, c := range []struct {
		name     string
		lon, lat float64
	}{
		{"London", -0.1276, 51.5072},
		{"Edinburgh", -3.1883, 55.9533},
		{"Belfast", -5.9301, 54.5973},
		{"Isle of Man", -4.5, 54.23},
		{"Jersey", -2.13, 49.21},
		{"Oslo", 10.7522, 59.9139},
		{"Bergen", 5.3221, 60.3913},
		{"Reykjavík", -21.8174, 64.1265},
		{"Tórshavn", -6.7719, 62.0107},
		{"Bern", 7.4474, 46.948},
		{"Zürich", 8.5417, 47.3769},
		{"Vaduz", 9.5209, 47.141},
		{"Büsingen (German, but 8 km², drawn as Switzerland)", 8.69, 47.697},
		{"Andorra la Vella", 1.5218, 42.5063},
		{"San Marino", 12.4578, 43.9424},
		{"Monaco", 7.4246, 43.7384},
		{"Gibraltar", -5.3536, 36.1408},
		{"Sarajevo", 18.4131, 43.8563},
		{"Belgrade", 20.4489, 44.7866},
		{"Podgorica", 19.2594, 42.4304},
		{"Tirana", 19.8187, 41.3275},
		{"Skopje", 21.4254, 41.9981},
		{"Pristina", 21.1655, 42.6629},
		{"Chișinău", 28.8638, 47.0105},
		{"Kyiv", 30.5234, 50.4501},
		{"Minsk", 27.5615, 53.9045},
		{"Kaliningrad", 20.4522, 54.7104},
		{"St Petersburg", 30.3351, 59.9343},
		{"Moscow", 37.6173, 55.7558},
		{"Murmansk", 33.08, 68.97},
		{"Istanbul", 28.9784, 41.0082},
		{"Ankara", 32.8597, 39.9334},
		{"Tunis", 10.1815, 36.8065},
		{"Algiers", 3.0588, 36.7538},
		{"Constantine", 6.61, 36.36},
		{"Tangier", -5.80, 35.76},
		{"Marrakesh (below the bounds and the frames)", -7.99, 31.63},
		{"Beirut (beyond the bounds)", 35.5018, 33.8938},
		{"Tripoli (beyond the bounds)", 13.1913, 32.8872},
	} {
		p := eumap.Project(c.lon, c.lat)
		if !inContext(m, p) {
			t.Errorf("%s (%v): not on the context land", c.name, p)
		}
		if got := m.StateAt(p); got != -1 {
			t.Errorf("%s: StateAt = %s, want -1", c.name, name(m, got))
		}
	}
	// Clicks on the neighbours select nothing, even with a generous
	// radius, unless a state is that near.
	if got := m.StateNear(eumap.Project(-0.1276, 51.5072), 20_000); got != -1 {
		t.Errorf("StateNear(London, 20 km) = %s, want -1", name(m, got))
	}
	if got := m.StateNear(eumap.Project(7.4474, 46.948), 20_000); got != -1 {
		t.Errorf("StateNear(Bern, 20 km) = %s, want -1", name(m, got))
	}
	for _, c := range []struct {
		name     string
		lon, lat float64
	}{
		{"North Sea", 3.0, 55.5},
		{"Norwegian Sea", 2.0, 66.0},
		{"mid-Mediterranean", 18.0, 35.0},
		{"Black Sea", 34.0, 43.5},
		{"Aegean", 25.0, 39.0},
		{"Irish Sea", -5.0, 53.5},
		{"Paris", 2.3522, 48.8566},
		{"Vienna", 16.3738, 48.2082},
		{"Vatican (in Italy: 0.4 km²)", 12.4534, 41.9029},
		{"Geneva's lake shore in France", 6.48, 46.4},
	} {
		if p := eumap.Project(c.lon, c.lat); inContext(m, p) {
			t.Errorf("%s (%v) is on the context land", c.name, p)
		}
	}

	// The bounds are the states' and the frames', and the context lies
	// within them grown by 300 km.
	b := m.Insets[0].Frame
	for _, in := range m.Insets {
		b = union(b, in.Frame)
	}
	for _, s := range m.States {
		b = union(b, s.Bounds)
	}
	if m.Bounds != b {
		t.Errorf("Bounds = %v, want %v, the box of the states and the frames", m.Bounds, b)
	}
	grown := eumap.Rect{Min: eumap.Point{X: b.Min.X - 300_000, Y: b.Min.Y - 300_000}, Max: eumap.Point{X: b.Max.X + 300_000, Y: b.Max.Y + 300_000}}
	for i, ring := range m.Context {
		if len(ring) < 3 {
			t.Errorf("context ring %d has %d points", i, len(ring))
		}
		for _, p := range ring {
			if !grown.Contains(p) {
				t.Fatalf("context point %v is beyond the bounds grown by 300 km, %v", p, grown)
			}
		}
	}
}

func union(a, b eumap.Rect) eumap.Rect {
	return eumap.Rect{
		Min: eumap.Point{X: min(a.Min.X, b.Min.X), Y: min(a.Min.Y, b.Min.Y)},
		Max: eumap.Point{X: max(a.Max.X, b.Max.X), Y: max(a.Max.Y, b.Max.Y)},
	}
}

func TestStateNear(t *testing.T) {
	m := eumap.Load()
	mt := codeIndex(t, m, "MT")
	// 3 km south of Malta's southern cliffs.
	off := eumap.Project(14.43, 35.79)
	for _, c := range []struct {
		p      eumap.Point
		radius int32
		want   int
	}{
		{off, 0, -1},
		{off, 1000, -1},
		{off, 5000, mt},
		{off, eumap.MaxRadius, mt},
		{m.States[mt].Label, 0, mt},
		{eumap.Project(18.0, 35.0), 20_000, -1},
		{eumap.Point{X: math.MaxInt32, Y: math.MinInt32}, math.MaxInt32, -1},
	} {
		if got := m.StateNear(c.p, c.radius); got != c.want {
			t.Errorf("StateNear(%v, %d) = %s, want %s", c.p, c.radius, name(m, got), name(m, c.want))
		}
	}
}

// TestLAEA checks the projection against published EPSG:3035 values: the
// origin, the worked example of EPSG Guidance Note 7-2 (method 9820), and
// two points of the IOGP GIGS test 5110 as PROJ's test suite gives them.
func TestLAEA(t *testing.T) {
	for _, c := range []struct {
		lon, lat float64
		e, n     float64
		tol      float64
	}{
		{10, 52, 4321000, 3210000, 0},
		{5, 50, 3962799.45, 2999718.85, 0.01},
		{5, 60, 4041548.13, 4109791.66, 0.01},
		{5, 70, 4127824.65822, 5214090.64906, 0.001},
	} {
		e, n := eumap.LAEA(c.lon, c.lat)
		if math.Abs(e-c.e) > c.tol || math.Abs(n-c.n) > c.tol {
			t.Errorf("LAEA(%v, %v) = %.5f, %.5f, want %.5f, %.5f", c.lon, c.lat, e, n, c.e, c.n)
		}
		lon, lat := eumap.InverseLAEA(c.e, c.n)
		if math.Abs(lon-c.lon) > 1e-6 || math.Abs(lat-c.lat) > 1e-6 {
			t.Errorf("InverseLAEA(%v, %v) = %.9f, %.9f, want %v, %v", c.e, c.n, lon, lat, c.lon, c.lat)
		}
	}
	if p := eumap.Project(10, 52); p != (eumap.Point{X: 4321000, Y: 3210000}) {
		t.Errorf("Project(10, 52) = %v, want {4321000 3210000}", p)
	}
	if p := eumap.Project(5, 50); p != (eumap.Point{X: 3962799, Y: 2999719}) {
		t.Errorf("Project(5, 50) = %v, want {3962799 2999719}", p)
	}
}

// TestProjectRoundTrip checks that Unproject undoes Project to within a
// few metres, on the mainland and in the insets.
func TestProjectRoundTrip(t *testing.T) {
	for _, c := range cities {
		p := eumap.Project(c.lon, c.lat)
		lon, lat := eumap.Unproject(p)
		back := eumap.Project(lon, lat)
		if dx, dy := back.X-p.X, back.Y-p.Y; dx*dx+dy*dy > 4 {
			t.Errorf("%s: Project(Unproject(%v)) = %v", c.name, p, back)
		}
		// One degree of latitude is 111 km; 3 m is 2.7e-5 degrees.
		if math.Abs(lat-c.lat) > 3e-5 || math.Abs(lon-c.lon)*math.Cos(c.lat*math.Pi/180) > 3e-5 {
			t.Errorf("%s: Unproject(Project(%v, %v)) = %v, %v", c.name, c.lon, c.lat, lon, lat)
		}
	}
}

func TestInsets(t *testing.T) {
	m := eumap.Load()
	want := []string{"Açores", "Madeira", "Canarias"}
	var titles []string
	for _, in := range m.Insets {
		titles = append(titles, in.Title)
	}
	if !slices.Equal(titles, want) {
		t.Errorf("inset titles = %q, want %q", titles, want)
	}
	centre := eumap.Point{X: (m.Bounds.Min.X + m.Bounds.Max.X) / 2, Y: (m.Bounds.Min.Y + m.Bounds.Max.Y) / 2}
	for i, in := range m.Insets {
		if in.Frame.Max.X > centre.X || in.Frame.Max.Y > centre.Y {
			t.Errorf("inset %s: frame %v is not in the lower left of %v", in.Title, in.Frame, m.Bounds)
		}
		for j, o := range m.Insets {
			if i != j && in.Frame.Overlaps(o.Frame) {
				t.Errorf("insets %s and %s overlap", in.Title, o.Title)
			}
		}
	}
	// Every ring is either inside one frame or clear of every frame and of
	// every frame's source area (so Project never moves mainland points).
	inFrame := map[string]int{}
	for _, s := range m.States {
		for _, ring := range s.Rings {
			r := eumap.Rect{Min: ring[0], Max: ring[0]}
			for _, p := range ring {
				r.Min.X, r.Min.Y = min(r.Min.X, p.X), min(r.Min.Y, p.Y)
				r.Max.X, r.Max.Y = max(r.Max.X, p.X), max(r.Max.Y, p.Y)
			}
			inside := -1
			for k, in := range m.Insets {
				if in.Frame.Contains(r.Min) && in.Frame.Contains(r.Max) {
					inside = k
					inFrame[s.Code+" "+in.Title]++
					continue
				}
				if in.Frame.Overlaps(r) || in.Source().Overlaps(r) {
					t.Errorf("%s: ring %v overlaps inset %s (frame %v, source %v)", s.Code, r, in.Title, in.Frame, in.Source())
				}
			}
			if inside >= 0 && s.Code != "PT" && s.Code != "ES" {
				t.Errorf("%s has a ring in inset %s", s.Code, m.Insets[inside].Title)
			}
		}
	}
	for _, k := range []string{"PT Açores", "PT Madeira", "ES Canarias"} {
		if inFrame[k] < 2 {
			t.Errorf("%s: %d islands in the frame, want at least 2", k, inFrame[k])
		}
	}
	for _, k := range []string{"ES Açores", "ES Madeira", "PT Canarias"} {
		if inFrame[k] != 0 {
			t.Errorf("%s: %d islands in the frame, want 0", k, inFrame[k])
		}
	}
	// The context leaves the frames to the islands: no context point or
	// edge midpoint inside a frame, and no land under a grid over each.
	for _, in := range m.Insets {
		inside := func(x, y float64) bool {
			return float64(in.Frame.Min.X) < x && x < float64(in.Frame.Max.X) && float64(in.Frame.Min.Y) < y && y < float64(in.Frame.Max.Y)
		}
		for _, ring := range m.Context {
			a := ring[len(ring)-1]
			for _, b := range ring {
				if inside(float64(b.X), float64(b.Y)) || inside((float64(a.X)+float64(b.X))/2, (float64(a.Y)+float64(b.Y))/2) {
					t.Fatalf("context edge %v–%v enters inset %s %v", a, b, in.Title, in.Frame)
				}
				a = b
			}
		}
		for x := in.Frame.Min.X + 2_500; x < in.Frame.Max.X; x += 5_000 {
			for y := in.Frame.Min.Y + 2_500; y < in.Frame.Max.Y; y += 5_000 {
				if p := (eumap.Point{X: x, Y: y}); inContext(m, p) {
					t.Fatalf("%v in inset %s is on the context land", p, in.Title)
				}
			}
		}
	}
	// Project moves the islands into their frames.
	for _, c := range []struct {
		lon, lat float64
		inset    int
	}{{-25.6687, 37.7412, 0}, {-16.9241, 32.6669, 1}, {-15.4134, 28.1235, 2}} {
		p := eumap.Project(c.lon, c.lat)
		if !m.Insets[c.inset].Frame.Contains(p) {
			t.Errorf("Project(%v, %v) = %v, not in frame %v", c.lon, c.lat, p, m.Insets[c.inset].Frame)
		}
	}
	for _, in := range m.Insets {
		if !m.Bounds.Contains(in.Frame.Min) || !m.Bounds.Contains(in.Frame.Max) {
			t.Errorf("map bounds %v do not hold frame %v", m.Bounds, in.Frame)
		}
	}
}

// TestIslands checks that the islands the map must show are there.
func TestIslands(t *testing.T) {
	m := eumap.Load()
	for _, c := range []struct {
		name     string
		lon, lat float64
		code     string
	}{
		{"Gozo", 14.25, 36.045, "MT"},
		{"Menorca", 4.10, 39.96, "ES"},
		{"Ibiza", 1.40, 38.98, "ES"},
		{"Sicily", 14.0, 37.6, "IT"},
		{"Sardinia", 9.0, 40.0, "IT"},
		{"Corsica", 9.1, 42.1, "FR"},
		{"Crete", 24.9, 35.25, "EL"},
		{"Rhodes", 28.0, 36.2, "EL"},
		{"Lesbos", 26.3, 39.2, "EL"},
		{"Euboea", 23.7, 38.6, "EL"},
		{"Corfu", 19.85, 39.6, "EL"},
		{"Zealand", 11.8, 55.5, "DK"},
		{"Funen", 10.4, 55.3, "DK"},
		{"Bornholm", 14.9, 55.12, "DK"},
		{"Saaremaa", 22.5, 58.4, "EE"},
		{"Hiiumaa", 22.6, 58.9, "EE"},
		{"Gotland", 18.5, 57.4, "SE"},
		{"Öland", 16.6, 56.7, "SE"},
		{"Krk", 14.6, 45.08, "HR"},
		{"Rügen", 13.4, 54.45, "DE"},
		{"Tenerife", -16.6, 28.27, "ES"},
		{"Lanzarote", -13.65, 29.03, "ES"},
		{"Madeira", -16.95, 32.75, "PT"},
		{"Terceira", -27.2, 38.72, "PT"},
		{"Flores", -31.2, 39.45, "PT"},
	} {
		if got := m.StateAt(eumap.Project(c.lon, c.lat)); name(m, got) != c.code {
			t.Errorf("%s (%v, %v): StateAt = %s, want %s", c.name, c.lon, c.lat, name(m, got), c.code)
		}
	}
	// Far overseas territories are not on the map.
	for _, c := range []struct {
		name     string
		lon, lat float64
	}{
		{"Cayenne", -52.33, 4.92},
		{"Réunion", 55.53, -21.13},
		{"Guadeloupe", -61.55, 16.25},
		{"Curaçao", -68.99, 12.17},
	} {
		p := eumap.Project(c.lon, c.lat)
		if got := m.StateAt(p); got != -1 {
			t.Errorf("%s: StateAt(%v) = %s, want -1", c.name, p, name(m, got))
		}
	}
}

func TestMarshalRoundTrip(t *testing.T) {
	data := eumap.Data()
	m, err := eumap.Parse(data)
	if err != nil {
		t.Fatalf("Parse(embedded) = %v", err)
	}
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatalf("MarshalBinary = %v", err)
	}
	if !bytes.Equal(b, data) {
		t.Errorf("MarshalBinary(Parse(data)) differs from data (%d vs %d bytes)", len(b), len(data))
	}
	if len(data) > 90_000 {
		t.Errorf("embedded map is %d bytes, want under 90,000 (the page downloads it)", len(data))
	}
	if eumap.Load() != eumap.Load() {
		t.Error("Load returned two different maps")
	}
}

// withCRC replaces the last four bytes of b by the checksum of the rest, so
// that a change to the body reaches the structural checks.
func withCRC(b []byte) []byte {
	b = slices.Clone(b)
	if len(b) >= 4 {
		binary.LittleEndian.PutUint32(b[len(b)-4:], crc32.ChecksumIEEE(b[:len(b)-4]))
	}
	return b
}

// tiny is a valid two-state map with context and one inset, built by hand.
func tiny() *eumap.Map {
	sq := func(x, y, s int32) []eumap.Point {
		return []eumap.Point{{X: x, Y: y}, {X: x + s, Y: y}, {X: x + s, Y: y + s}, {X: x, Y: y + s}}
	}
	return &eumap.Map{
		States: []eumap.State{
			{Code: "AA", Rings: [][]eumap.Point{sq(0, 0, 10_000), sq(2_000, 2_000, 1_000)}, Label: eumap.Point{X: 5_000, Y: 5_000}},
			{Code: "BB", Rings: [][]eumap.Point{sq(10_000, 0, 10_000)}, Label: eumap.Point{X: 15_000, Y: 5_000}},
		},
		// A neighbour west of AA, sharing its border, with a lake.
		Context: [][]eumap.Point{sq(-10_000, 0, 10_000), sq(-6_000, 4_000, 2_000)},
		Insets:  []eumap.Inset{{Frame: eumap.Rect{Max: eumap.Point{X: 1000, Y: 1000}}, Title: "Ínsula", Shift: eumap.Point{X: -100, Y: 200}}},
	}
}

func TestParseRejects(t *testing.T) {
	good, err := tiny().MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := eumap.Parse(good); err != nil {
		t.Fatalf("Parse(tiny) = %v", err)
	}
	edit := func(f func(b []byte) []byte) []byte { return withCRC(f(slices.Clone(good))) }
	const hdr = 6 // magic and version
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"magic only", []byte("EUMAP")},
		{"bad magic", edit(func(b []byte) []byte { b[0] = 'X'; return b })},
		{"version 1 (no context)", edit(func(b []byte) []byte { b[5] = 1; return b })},
		{"version 3", edit(func(b []byte) []byte { b[5] = 3; return b })},
		{"bad checksum", func() []byte { b := slices.Clone(good); b[len(b)-1] ^= 1; return b }()},
		{"flipped bit", func() []byte { b := slices.Clone(good); b[hdr+3] ^= 0x10; return b }()},
		{"bad unit", edit(func(b []byte) []byte { b[hdr] = 50; return b })},
		{"no states", edit(func(b []byte) []byte { b[hdr+1] = 0; return b })},
		{"too many states", edit(func(b []byte) []byte { b[hdr+1] = 65; return b })},
		{"lower-case code", edit(func(b []byte) []byte { b[hdr+2] = 'a'; return b })},
		{"duplicate code", edit(func(b []byte) []byte { i := bytes.Index(b, []byte("BB")); b[i], b[i+1] = 'A', 'A'; return b })},
		{"trailing byte", edit(func(b []byte) []byte { return append(b[:len(b)-4], 0, 0, 0, 0, 0) })},
		{"cut before the checksum", edit(func(b []byte) []byte { return append(b[:len(b)-6], 0, 0, 0, 0) })},
		{"label outside", edit(func(b []byte) []byte { b[hdr+4] = 1; return b })}, // x = -1 unit
		{"non-minimal varint", edit(func(b []byte) []byte {
			// The state count in two bytes instead of one.
			return slices.Replace(b, hdr+1, hdr+2, b[hdr+1]|0x80, 0)
		})},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, err := eumap.Parse(c.data)
			var fe *eumap.FormatError
			if err == nil || !errors.As(err, &fe) {
				t.Errorf("Parse = %v, %v; want a *FormatError", m, err)
			}
		})
	}
}

// TestParseContext feeds Parse context sections written byte by byte after
// tiny's states: the running position starts from BB's last point, (100,
// 100) in units.
func TestParseContext(t *testing.T) {
	states, err := (&eumap.Map{States: tiny().States}).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	at := len(states) - 4 - 2 // the context's ring count; then no insets and the checksum
	section := func(rings ...[]int64) []byte {
		b := slices.Clone(states[:at])
		b = binary.AppendUvarint(b, uint64(len(rings)))
		for _, r := range rings {
			b = binary.AppendUvarint(b, uint64(len(r)/2))
			for _, v := range r {
				b = binary.AppendVarint(b, v)
			}
		}
		return withCRC(append(b, 0, 0, 0, 0, 0))
	}
	// A triangle from (0,0) to (10,0) and (10,10) units.
	m, err := eumap.Parse(section([]int64{-100, -100, 10, 0, 0, 10}))
	if err != nil {
		t.Fatalf("Parse(a context triangle) = %v", err)
	}
	if want := [][]eumap.Point{{{X: 0, Y: 0}, {X: 1000, Y: 0}, {X: 1000, Y: 1000}}}; fmt.Sprint(m.Context) != fmt.Sprint(want) {
		t.Errorf("Context = %v, want %v", m.Context, want)
	}
	if m, err := eumap.Parse(section()); err != nil || m.Context != nil {
		t.Errorf("Parse(no context) = %v, %v; want no rings", m, err)
	}
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"two points", section([]int64{-100, -100, 10, 0})},
		{"a point repeated", section([]int64{-100, -100, 0, 0, 10, 10})},
		{"closed", section([]int64{-100, -100, 10, 0, 0, 10, -10, -10})},
		{"out of range", section([]int64{-100, -100, 5_000_000, 0, 0, 10})},
		{"more rings than bytes", func() []byte {
			b := section([]int64{-100, -100, 10, 0, 0, 10})
			b[at] = 100
			return withCRC(b)
		}()},
		{"cut short", withCRC(append(binary.AppendUvarint(binary.AppendUvarint(slices.Clone(states[:at]), 1), 3), 1, 1, 0, 0, 0, 0))},
		{"second ring bad", section([]int64{-100, -100, 10, 0, 0, 10}, []int64{1, 1, 1, 1})},
	} {
		t.Run(c.name, func(t *testing.T) {
			m, err := eumap.Parse(c.data)
			var fe *eumap.FormatError
			if err == nil || !errors.As(err, &fe) {
				t.Errorf("Parse = %v, %v; want a *FormatError", m, err)
			}
		})
	}
}

// TestParseRejectsDamage truncates the embedded file at every length and
// changes bytes throughout it: Parse must fail every time.
func TestParseRejectsDamage(t *testing.T) {
	data := eumap.Data()
	for n := range len(data) {
		if _, err := eumap.Parse(data[:n]); err == nil {
			t.Fatalf("Parse(first %d of %d bytes) succeeded", n, len(data))
		}
	}
	for i := 0; i < len(data); i += 37 {
		b := slices.Clone(data)
		b[i] ^= 0x5a
		if _, err := eumap.Parse(b); err == nil {
			t.Fatalf("Parse with byte %d changed succeeded", i)
		}
	}
}

func TestMarshalRejects(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(m *eumap.Map)
	}{
		{"no states", func(m *eumap.Map) { m.States = nil }},
		{"bad code", func(m *eumap.Map) { m.States[0].Code = "A" }},
		{"off the unit", func(m *eumap.Map) { m.States[0].Rings[0][1].X++ }},
		{"out of range", func(m *eumap.Map) { m.States[0].Rings[0][1].X = 1 << 30 }},
		{"short ring", func(m *eumap.Map) { m.States[0].Rings[0] = m.States[0].Rings[0][:2] }},
		{"closed ring", func(m *eumap.Map) { m.States[1].Rings[0] = append(m.States[1].Rings[0], m.States[1].Rings[0][0]) }},
		{"repeated point", func(m *eumap.Map) {
			r := m.States[1].Rings[0]
			m.States[1].Rings[0] = append(r[:2:2], r[1], r[2], r[3])
		}},
		{"no rings", func(m *eumap.Map) { m.States[1].Rings = nil }},
		{"short context ring", func(m *eumap.Map) { m.Context[1] = m.Context[1][:2] }},
		{"closed context ring", func(m *eumap.Map) { m.Context[0] = append(m.Context[0], m.Context[0][0]) }},
		{"context off the unit", func(m *eumap.Map) { m.Context[1][2].Y-- }},
		{"context out of range", func(m *eumap.Map) { m.Context[0][0].X = -1 << 30 }},
		{"empty frame", func(m *eumap.Map) { m.Insets[0].Frame.Max = m.Insets[0].Frame.Min }},
		{"empty title", func(m *eumap.Map) { m.Insets[0].Title = "" }},
		{"bad title", func(m *eumap.Map) { m.Insets[0].Title = "\xff" }},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := tiny()
			c.edit(m)
			if b, err := m.MarshalBinary(); err == nil {
				t.Errorf("MarshalBinary = %d bytes, want an error", len(b))
			}
		})
	}
}

// TestTinyMap checks the even-odd rule, shared borders and bounds on a map
// small enough to reason about.
func TestTinyMap(t *testing.T) {
	b, err := tiny().MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	m, err := eumap.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		p    eumap.Point
		want int
	}{
		{eumap.Point{X: 1_000, Y: 1_000}, 0},
		{eumap.Point{X: 2_500, Y: 2_500}, -1}, // in AA's hole
		{eumap.Point{X: 15_000, Y: 5_000}, 1},
		{eumap.Point{X: 10_000, Y: 5_000}, 1}, // on the shared border: exactly one
		{eumap.Point{X: 9_999, Y: 5_000}, 0},
		{eumap.Point{X: 20_001, Y: 5_000}, -1},
		{eumap.Point{X: -1, Y: 5_000}, -1},     // the neighbour
		{eumap.Point{X: -5_000, Y: 5_000}, -1}, // its lake
	} {
		if got := m.StateAt(c.p); got != c.want {
			t.Errorf("StateAt(%v) = %d, want %d", c.p, got, c.want)
		}
	}
	for _, c := range []struct {
		p    eumap.Point
		want bool
	}{
		{eumap.Point{X: -1, Y: 5_000}, true},
		{eumap.Point{X: -5_000, Y: 5_000}, false}, // the lake
		{eumap.Point{X: 1, Y: 5_000}, false},      // AA
		{eumap.Point{X: -10_001, Y: 5_000}, false},
	} {
		if got := inContext(m, c.p); got != c.want {
			t.Errorf("inContext(%v) = %v, want %v", c.p, got, c.want)
		}
	}
	// A click on the neighbour picks the nearest state if it is near
	// enough, as a click on the sea does.
	if got := m.StateNear(eumap.Point{X: -3_000, Y: 5_000}, 2_000); got != -1 {
		t.Errorf("StateNear(neighbour, 2 km) = %d, want -1", got)
	}
	if got := m.StateNear(eumap.Point{X: -3_000, Y: 5_000}, 4_000); got != 0 {
		t.Errorf("StateNear(neighbour, 4 km) = %d, want 0 (AA)", got)
	}
	// The context is not in the bounds.
	wantBounds := eumap.Rect{Min: eumap.Point{}, Max: eumap.Point{X: 20_000, Y: 10_000}}
	if m.Bounds != wantBounds {
		t.Errorf("Bounds = %v, want %v", m.Bounds, wantBounds)
	}
	if fmt.Sprint(m.Context) != fmt.Sprint(tiny().Context) {
		t.Errorf("Context = %v, want %v", m.Context, tiny().Context)
	}
}

// FuzzParse feeds Parse arbitrary bytes, and the same bytes with a valid
// checksum so that mutations reach the structural checks. Parse must not
// panic, must return a *FormatError on failure, and what it accepts must
// re-encode to the same bytes with every label inside its state. (The
// embedded file is not a seed: at 79 KB it makes the fuzzer spend its time
// minimizing; the tests above parse it whole and damaged.)
func FuzzParse(f *testing.F) {
	if b, err := tiny().MarshalBinary(); err == nil {
		f.Add(b)
	}
	bare := tiny()
	bare.Context, bare.Insets = nil, nil
	if b, err := bare.MarshalBinary(); err == nil {
		f.Add(b)
	}
	f.Add([]byte("EUMAP\x02"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, b := range [][]byte{data, withCRC(data)} {
			m, err := eumap.Parse(b)
			if err != nil {
				var fe *eumap.FormatError
				if !errors.As(err, &fe) {
					t.Fatalf("Parse error %v is not a *FormatError", err)
				}
				continue
			}
			out, err := m.MarshalBinary()
			if err != nil {
				t.Fatalf("MarshalBinary of a parsed map: %v", err)
			}
			if !bytes.Equal(out, b) {
				t.Fatalf("MarshalBinary(Parse(b)) != b")
			}
			for i, s := range m.States {
				if m.StateAt(s.Label) != i {
					t.Fatalf("label of state %d is outside it", i)
				}
			}
		}
	})
}

func BenchmarkStateAt(b *testing.B) {
	m := eumap.Load()
	var cityPts []eumap.Point
	for _, c := range cities {
		cityPts = append(cityPts, eumap.Project(c.lon, c.lat))
	}
	// A 64 × 64 grid over the whole map: land and sea.
	var grid []eumap.Point
	for i := range 64 {
		for j := range 64 {
			grid = append(grid, eumap.Point{
				X: m.Bounds.Min.X + int32(int64(m.Bounds.Max.X-m.Bounds.Min.X)*int64(2*i+1)/128),
				Y: m.Bounds.Min.Y + int32(int64(m.Bounds.Max.Y-m.Bounds.Min.Y)*int64(2*j+1)/128),
			})
		}
	}
	for _, c := range []struct {
		name string
		pts  []eumap.Point
	}{{"cities", cityPts}, {"grid64x64", grid}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				for _, p := range c.pts {
					n += m.StateAt(p)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(c.pts)), "ns/point")
		})
	}
}

// BenchmarkParse is the cost of Load's first call.
func BenchmarkParse(b *testing.B) {
	data := eumap.Data()
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := eumap.Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}
