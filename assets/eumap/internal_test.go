package eumap

import "testing"

// ctxIndex is Map.Context with the rings' bounding boxes, for the tests.
type ctxIndex struct {
	rings  [][]Point
	bounds []Rect
}

func newContext(m *Map) *ctxIndex {
	c := &ctxIndex{rings: m.Context}
	for _, r := range m.Context {
		b := Rect{r[0], r[0]}
		for _, p := range r {
			b = b.union(Rect{p, p})
		}
		c.bounds = append(c.bounds, b)
	}
	return c
}

// contains reports whether p is on the context land, by the even-odd rule.
func (c *ctxIndex) contains(p Point) bool {
	in := false
	for i, r := range c.rings {
		if c.bounds[i].Contains(p) && inRing(r, p) {
			in = !in
		}
	}
	return in
}

// TestNoOverlaps samples the map on a 5 km grid and checks that no point
// lies in two states, or in a state and the context: neighbours share
// their simplified borders exactly, so only a simplification that made
// rings cross could break this.
func TestNoOverlaps(t *testing.T) {
	m := Load()
	ctx := newContext(m)
	const step = 5000
	points, land, onCtx := 0, 0, 0
	for x := m.Bounds.Min.X; x <= m.Bounds.Max.X; x += step {
		for y := m.Bounds.Min.Y; y <= m.Bounds.Max.Y; y += step {
			p := Point{x + 50, y + 50} // off the 100 m grid of the vertices
			points++
			first := -1
			for i := range m.States {
				if !m.inState(i, p) {
					continue
				}
				if first >= 0 {
					t.Errorf("%v is in both %s and %s", p, m.States[first].Code, m.States[i].Code)
				}
				first = i
			}
			if first >= 0 {
				land++
			}
			if ctx.contains(p) {
				onCtx++
				if first >= 0 {
					t.Errorf("%v is in both %s and the context", p, m.States[first].Code)
				}
			}
		}
	}
	t.Logf("%d of %d grid points in a state, %d in the context", land, points, onCtx)
}

// TestContextApart checks every vertex of the states and the context, finer
// than the grid above: a vertex of the context that is not also a state's
// (on a common border) must be outside every state, and a vertex of a state
// that is not also the context's must be off the context. This is where a
// coarsely simplified coast would cut into a state across a narrow strait
// (Samos, Corfu).
func TestContextApart(t *testing.T) {
	m := Load()
	ctx := newContext(m)
	stateV, ctxV := map[Point]bool{}, map[Point]bool{}
	for _, s := range m.States {
		for _, r := range s.Rings {
			for _, p := range r {
				stateV[p] = true
			}
		}
	}
	for _, r := range m.Context {
		for _, p := range r {
			ctxV[p] = true
		}
	}
	shared := 0
	for p := range ctxV {
		if stateV[p] {
			shared++
			continue
		}
		if i := m.StateAt(p); i >= 0 {
			t.Errorf("context vertex %v is in %s", p, m.States[i].Code)
		}
	}
	for p := range stateV {
		if !ctxV[p] && ctx.contains(p) {
			t.Errorf("%v, a vertex of a state, is on the context land", p)
		}
	}
	if shared < 1000 {
		t.Errorf("%d vertices shared by the states and the context, want the land borders'", shared)
	}
}

// TestStateAtWithoutIndex checks that a Map built by hand (without the
// ring boxes Parse computes) answers the same as the parsed one.
func TestStateAtWithoutIndex(t *testing.T) {
	m := Load()
	bare := &Map{States: m.States, Insets: m.Insets, Bounds: m.Bounds}
	for x := m.Bounds.Min.X; x <= m.Bounds.Max.X; x += 37_000 {
		for y := m.Bounds.Min.Y; y <= m.Bounds.Max.Y; y += 37_000 {
			p := Point{x, y}
			if a, b := m.StateAt(p), bare.StateAt(p); a != b {
				t.Errorf("StateAt(%v) = %d with ring boxes, %d without", p, a, b)
			}
		}
	}
}
