package eumap

import "testing"

// TestNoOverlaps samples the map on a 5 km grid and checks that no point
// lies in two states: neighbours share their simplified borders exactly,
// so only a simplification that made rings cross could break this.
func TestNoOverlaps(t *testing.T) {
	m := Load()
	const step = 5000
	points, land := 0, 0
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
		}
	}
	t.Logf("%d of %d grid points on land", land, points)
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
