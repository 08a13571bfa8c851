package eumap

import (
	_ "embed"
	"math/bits"
	"sync"
)

// Point is a position on the map in EPSG:3035 metres: X is the easting and
// Y the northing, so Y grows to the north (flip it when drawing on a screen).
// Points of the embedded map are multiples of Unit.
type Point struct{ X, Y int32 }

// Rect is an axis-aligned rectangle; it contains the points with
// Min.X <= X <= Max.X and Min.Y <= Y <= Max.Y.
type Rect struct{ Min, Max Point }

// Contains reports whether p lies in r, edges included.
func (r Rect) Contains(p Point) bool {
	return r.Min.X <= p.X && p.X <= r.Max.X && r.Min.Y <= p.Y && p.Y <= r.Max.Y
}

// Overlaps reports whether r and s share at least one point.
func (r Rect) Overlaps(s Rect) bool {
	return r.Min.X <= s.Max.X && s.Min.X <= r.Max.X && r.Min.Y <= s.Max.Y && s.Min.Y <= r.Max.Y
}

// union returns the smallest rectangle holding r and s.
func (r Rect) union(s Rect) Rect {
	return Rect{
		Point{min(r.Min.X, s.Min.X), min(r.Min.Y, s.Min.Y)},
		Point{max(r.Max.X, s.Max.X), max(r.Max.Y, s.Max.Y)},
	}
}

// State is the outline of one member state.
type State struct {
	// Code is the two-letter EU code ("PL"; Greece is "EL"), as in
	// assets/states.csv.
	Code string
	// Rings are closed polygons (the last point joins the first and is not
	// repeated), outer boundaries and holes alike, in no particular
	// orientation: a point is in the state when it is inside an odd number
	// of rings (the even-odd rule; draw with an even-odd fill).
	Rings [][]Point
	// Label is a point well inside the state's largest ring, for names
	// and markers; StateAt(Label) is always this state.
	Label Point
	// Bounds is the bounding box of all the rings.
	Bounds Rect
}

// Inset is a frame at the lower left of the map that shows islands far from
// the mainland at their true scale, moved by Shift (Eurostat style).
type Inset struct {
	Frame Rect   // where the inset is drawn; draw its outline
	Title string // its caption, e.g. "Canarias"
	Shift Point  // added to true EPSG:3035 positions to place them in Frame
}

// Source returns the area of the true projection that the inset shows:
// Frame moved back by Shift.
func (in Inset) Source() Rect {
	return Rect{
		Point{in.Frame.Min.X - in.Shift.X, in.Frame.Min.Y - in.Shift.Y},
		Point{in.Frame.Max.X - in.Shift.X, in.Frame.Max.Y - in.Shift.Y},
	}
}

// Map is the EU-27 map: the states in EU protocol order, the land around
// them that is not in the EU, the inset frames, and the bounding box of the
// states and frames. Get one from Load or Parse, which fill in the bounds
// that StateAt relies on.
type Map struct {
	States []State
	// Context is the land near the member states that is not in the EU
	// (the United Kingdom, Norway, Switzerland, the Western Balkans,
	// Ukraine, Belarus, western Russia, Türkiye, North Africa and so on),
	// to draw in a neutral colour under the states so that they do not
	// float in the sea. It is closed rings like State.Rings: the last point
	// joins the first, and a point is on land when it is inside an odd
	// number of them (draw with an even-odd fill). Each country's rings
	// come together, so stroking every ring draws the borders between
	// the countries too, but the rings carry no names or codes. It ends
	// 300 km beyond Bounds (see the package documentation) in straight
	// cuts, which a stroke draws as well, and it leaves the inset frames
	// empty. StateAt and StateNear ignore it, and Bounds does not
	// include it.
	Context [][]Point
	Insets  []Inset
	// Bounds is the bounding box of the states and the inset frames, not
	// of Context: fit it to the view.
	Bounds Rect

	ringBounds [][]Rect // per state, per ring; filled by Parse
}

//go:embed eu27.bin
var embedded []byte

var (
	loadOnce sync.Once
	loaded   *Map
)

// Load returns the embedded map, parsed on first use. The map is shared:
// callers must not modify it. Load panics only if the embedded file is
// corrupt, which the package's tests rule out.
func Load() *Map {
	loadOnce.Do(func() {
		m, err := Parse(embedded)
		if err != nil {
			panic("eumap: embedded map: " + err.Error())
		}
		loaded = m
	})
	return loaded
}

// Data returns a copy of the embedded file, for tools and tests.
func Data() []byte { return append([]byte(nil), embedded...) }

// StateAt returns the index (EU protocol order) of the state containing p,
// or -1 for the sea and everything outside the member states, Context land
// included (a click on the United Kingdom selects nothing). The test is
// exact: the even-odd rule over each state's rings in integer arithmetic,
// after a bounding-box check. A point on a border shared by two states
// belongs to exactly one of them; where rings of two states overlap (they
// should not), the lower index wins.
func (m *Map) StateAt(p Point) int {
	for i := range m.States {
		if m.inState(i, p) {
			return i
		}
	}
	return -1
}

// inState reports whether p is inside state i by the even-odd rule.
func (m *Map) inState(i int, p Point) bool {
	s := &m.States[i]
	if !s.Bounds.Contains(p) {
		return false
	}
	var rb []Rect
	if i < len(m.ringBounds) && len(m.ringBounds[i]) == len(s.Rings) {
		rb = m.ringBounds[i]
	}
	in := false
	for j, ring := range s.Rings {
		if rb != nil && !rb[j].Contains(p) {
			continue
		}
		if inRing(ring, p) {
			in = !in
		}
	}
	return in
}

// inRing is the crossing-number test for a ray from p towards +X, counting
// an edge when p is strictly left of it, with the half-open rule on Y, so
// that a point on an edge shared by two rings is inside exactly one of them.
// Coordinates are below 2^29 in magnitude (Parse checks), so the products
// fit in int64.
func inRing(ring []Point, p Point) bool {
	in := false
	px, py := int64(p.X), int64(p.Y)
	a := ring[len(ring)-1]
	for _, b := range ring {
		ay, by := int64(a.Y), int64(b.Y)
		if (ay > py) != (by > py) {
			ax, bx := int64(a.X), int64(b.X)
			cross := (bx-ax)*(py-ay) - (px-ax)*(by-ay)
			if (by > ay && cross > 0) || (by < ay && cross < 0) {
				in = !in
			}
		}
		a = b
	}
	return in
}

// MaxRadius is the largest search radius StateNear accepts, in metres.
const MaxRadius = 1_000_000

// StateNear returns StateAt(p) if p is in a state, otherwise the state whose
// boundary is nearest to p within radius metres (ties go to the lower
// index), or -1. It lets a click or tap a few pixels off a small island such
// as Malta still pick it. The radius is clamped to [0, MaxRadius].
func (m *Map) StateNear(p Point, radius int32) int {
	if i := m.StateAt(p); i >= 0 || radius <= 0 {
		return i
	}
	r := int64(min(radius, MaxRadius))
	r2 := uint64(r * r)
	px, py := int64(p.X), int64(p.Y)
	box := Rect{Point{clamp32(px - r), clamp32(py - r)}, Point{clamp32(px + r), clamp32(py + r)}}
	best, bestD := -1, r2+1
	for i := range m.States {
		s := &m.States[i]
		if !s.Bounds.Overlaps(box) {
			continue
		}
		for j, ring := range s.Rings {
			if i < len(m.ringBounds) && len(m.ringBounds[i]) == len(s.Rings) && !m.ringBounds[i][j].Overlaps(box) {
				continue
			}
			a := ring[len(ring)-1]
			for _, b := range ring {
				if d := dist2(a, b, px, py, box); d < bestD {
					best, bestD = i, d
				}
				a = b
			}
		}
	}
	return best
}

// clamp32 converts v to int32, saturating.
func clamp32(v int64) int32 {
	return int32(max(min(v, 1<<31-1), -1<<31))
}

// dist2 returns the squared distance from (px, py) to the segment ab,
// rounded down, or the maximum uint64 when the segment's box misses box.
func dist2(a, b Point, px, py int64, box Rect) uint64 {
	if max(a.X, b.X) < box.Min.X || min(a.X, b.X) > box.Max.X || max(a.Y, b.Y) < box.Min.Y || min(a.Y, b.Y) > box.Max.Y {
		return ^uint64(0)
	}
	ax, ay, bx, by := int64(a.X), int64(a.Y), int64(b.X), int64(b.Y)
	dx, dy := bx-ax, by-ay
	wx, wy := px-ax, py-ay
	dot := wx*dx + wy*dy
	l2 := dx*dx + dy*dy
	if dot <= 0 || l2 == 0 {
		return uint64(wx*wx + wy*wy)
	}
	if dot >= l2 {
		ex, ey := px-bx, py-by
		return uint64(ex*ex + ey*ey)
	}
	// Perpendicular distance squared = cross² / l2, in 128 bits: the
	// quotient is at most |w|², which fits in 64 bits.
	cross := wx*dy - wy*dx
	if cross < 0 {
		cross = -cross
	}
	hi, lo := bits.Mul64(uint64(cross), uint64(cross))
	q, _ := bits.Div64(hi, lo, uint64(l2))
	return q
}
