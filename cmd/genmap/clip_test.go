package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// canon writes rings in a form that does not depend on where a ring starts
// or which way it runs: each ring anticlockwise from its lowest, leftmost
// point, the rings sorted.
func canon(rings [][]xy) string {
	var out []string
	for _, r := range rings {
		r = slices.Clone(r)
		if area(r) < 0 {
			slices.Reverse(r)
		}
		first := 0
		for i, p := range r {
			if p[1] < r[first][1] || p[1] == r[first][1] && p[0] < r[first][0] {
				first = i
			}
		}
		out = append(out, fmt.Sprint(append(r[first:], r[:first]...)))
	}
	slices.Sort(out)
	return fmt.Sprint(out)
}

func TestClipRing(t *testing.T) {
	r := rect{0, 0, 10, 10}
	box := []xy{{0, 0}, {10, 0}, {10, 10}, {0, 10}}
	for _, c := range []struct {
		name          string
		ring          []xy
		inside, outer [][]xy
	}{
		{"across the right edge",
			[]xy{{5, 2}, {15, 2}, {15, 8}, {5, 8}},
			[][]xy{{{5, 2}, {10, 2}, {10, 8}, {5, 8}}},
			[][]xy{{{10, 2}, {15, 2}, {15, 8}, {10, 8}}}},
		{"closed and clockwise",
			[]xy{{5, 2}, {5, 8}, {15, 8}, {15, 2}, {5, 2}},
			[][]xy{{{5, 2}, {10, 2}, {10, 8}, {5, 8}}},
			[][]xy{{{10, 2}, {15, 2}, {15, 8}, {10, 8}}}},
		{"around the rectangle",
			[]xy{{-5, -5}, {15, -5}, {15, 15}, {-5, 15}},
			[][]xy{box},
			[][]xy{{{-5, -5}, {15, -5}, {15, 15}, {-5, 15}}, box}},
		{"inside", []xy{{2, 2}, {4, 2}, {3, 4}}, [][]xy{{{2, 2}, {4, 2}, {3, 4}}}, nil},
		{"outside", []xy{{20, 20}, {30, 20}, {25, 30}}, nil, [][]xy{{{20, 20}, {30, 20}, {25, 30}}}},
		{"U with its arms out of the top",
			[]xy{{2, 5}, {8, 5}, {8, 15}, {6, 15}, {6, 7}, {4, 7}, {4, 15}, {2, 15}},
			[][]xy{{{2, 5}, {8, 5}, {8, 10}, {6, 10}, {6, 7}, {4, 7}, {4, 10}, {2, 10}}},
			[][]xy{{{6, 10}, {8, 10}, {8, 15}, {6, 15}}, {{2, 10}, {4, 10}, {4, 15}, {2, 15}}}},
		{"two legs down into the top",
			[]xy{{2, 15}, {2, 5}, {4, 5}, {4, 12}, {6, 12}, {6, 5}, {8, 5}, {8, 15}},
			[][]xy{{{2, 5}, {4, 5}, {4, 10}, {2, 10}}, {{6, 5}, {8, 5}, {8, 10}, {6, 10}}},
			[][]xy{{{2, 10}, {4, 10}, {4, 12}, {6, 12}, {6, 10}, {8, 10}, {8, 15}, {2, 15}}}},
		{"over a corner",
			[]xy{{8, 8}, {14, 8}, {8, 14}},
			[][]xy{{{8, 8}, {10, 8}, {10, 10}, {8, 10}}},
			[][]xy{{{10, 8}, {14, 8}, {8, 14}, {8, 10}, {10, 10}}}},
		{"an edge cutting a corner",
			[]xy{{5, 12}, {12, 5}, {15, 15}},
			[][]xy{{{10, 7}, {10, 10}, {7, 10}}},
			[][]xy{{{12, 5}, {15, 15}, {5, 12}, {7, 10}, {10, 10}, {10, 7}}}},
		{"against the right edge from outside",
			[]xy{{10, 2}, {15, 2}, {15, 8}, {10, 8}},
			nil,
			[][]xy{{{10, 2}, {15, 2}, {15, 8}, {10, 8}}}},
		{"a corner on the right edge from inside",
			[]xy{{2, 2}, {10, 5}, {2, 8}},
			[][]xy{{{2, 2}, {10, 5}, {2, 8}}},
			nil},
		{"degenerate", []xy{{1, 1}, {2, 2}}, nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, keep := range []bool{true, false} {
				want := c.outer
				if keep {
					want = c.inside
				}
				got, err := clipRing(c.ring, r, keep)
				if err != nil {
					t.Fatalf("clipRing(inside %v) = %v", keep, err)
				}
				if canon(got) != canon(want) {
					t.Errorf("clipRing(inside %v) = %v, want %v", keep, got, want)
				}
			}
		})
	}
}

// TestClipRingRandom clips random simple rings (star-shaped around a point,
// so they never cross themselves) and checks the pieces against point
// tests: a point is in the pieces kept inside when it is in the ring and
// inside the rectangle, in those kept outside when it is in the ring and
// outside, by the even-odd rule over the pieces.
func TestClipRingRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	r := rect{0, 0, 10, 10}
	inPieces := func(pieces [][]xy, p xy) bool {
		in := false
		for _, q := range pieces {
			if pointInRing(q, p) {
				in = !in
			}
		}
		return in
	}
	for iter := range 300 {
		c := xy{rng.Float64()*30 - 10, rng.Float64()*30 - 10}
		n := 3 + rng.IntN(40)
		var ring []xy
		for k := range n {
			a := 2 * math.Pi * (float64(k) + rng.Float64()*0.8) / float64(n)
			d := 1 + rng.Float64()*12
			ring = append(ring, xy{c[0] + d*math.Cos(a), c[1] + d*math.Sin(a)})
		}
		in, err := clipRing(ring, r, true)
		if err != nil {
			t.Fatalf("ring %d: %v", iter, err)
		}
		out, err := clipRing(ring, r, false)
		if err != nil {
			t.Fatalf("ring %d: %v", iter, err)
		}
		if a, b, whole := areaOf(in), areaOf(out), math.Abs(area(ring)); math.Abs(a+b-whole) > 1e-9*whole {
			t.Fatalf("ring %d: areas inside %v + outside %v != %v", iter, a, b, whole)
		}
		for range 200 {
			p := xy{rng.Float64()*40 - 15, rng.Float64()*40 - 15}
			inR := r.MinX < p[0] && p[0] < r.MaxX && r.MinY < p[1] && p[1] < r.MaxY
			want := pointInRing(ring, p)
			if got := inPieces(in, p); got != (want && inR) {
				t.Fatalf("ring %d %v: point %v in the inside pieces %v = %v, want %v", iter, ring, p, in, got, want && inR)
			}
			if got := inPieces(out, p); got != (want && !inR) {
				t.Fatalf("ring %d %v: point %v in the outside pieces %v = %v, want %v", iter, ring, p, out, got, want && !inR)
			}
		}
	}
}

// areaOf is the area of pieces under the even-odd rule, given that no two
// of them cross: a piece inside an odd number of others is a hole.
func areaOf(rings [][]xy) float64 {
	var s float64
	for i, r := range rings {
		a := math.Abs(area(r))
		for j, o := range rings {
			if i != j && pointInRing(o, r[0]) {
				a = -a
			}
		}
		s += a
	}
	return s
}
