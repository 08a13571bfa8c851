package main

import (
	"fmt"
	"math"
	"sort"
)

// rect is an axis-aligned rectangle in projected metres.
type rect struct{ MinX, MinY, MaxX, MaxY float64 }

// clipRing returns the part of the polygon bounded by ring, a simple ring
// (closed or not), that lies inside r (keepInside) or outside it, as simple
// open rings. The kept part is an open set: the interior of r, or the
// outside of r and its edges, so a ring that only touches r's edges from
// the other side loses nothing. Where the ring is cut, the result runs
// along r's edges. Under the even-odd rule, clipping each ring of a polygon
// with holes separately and keeping all the pieces clips the polygon.
//
// It stays written here rather than taken from github.com/paulmach/orb,
// which genmap uses to simplify: orb's clip and clip/smartclip keep only
// what lies inside a bound (clip.Ring as one ring joined along the edges),
// and genmap also cuts the inset frames out of the context land.
//
// It is Weiler–Atherton for one rectangle: the ring is split into chains
// that run through the kept part, each from where it enters to where it
// leaves, and each chain is joined to the next by walking along r's edges,
// in the direction that keeps the kept part on the left (anticlockwise
// inside r, clockwise outside), to the nearest entry.
func clipRing(ring []xy, r rect, keepInside bool) ([][]xy, error) {
	pts := ring
	for len(pts) > 1 && pts[0] == pts[len(pts)-1] {
		pts = pts[:len(pts)-1]
	}
	n := len(pts)
	if n < 3 {
		return nil, nil
	}
	if area(pts) < 0 {
		rev := make([]xy, n)
		for i, p := range pts {
			rev[n-1-i] = p
		}
		pts = rev
	}
	strictlyIn := func(p xy) bool { return r.MinX < p[0] && p[0] < r.MaxX && r.MinY < p[1] && p[1] < r.MaxY }
	kept := func(p xy) bool {
		if keepInside {
			return strictlyIn(p)
		}
		return !(r.MinX <= p[0] && p[0] <= r.MaxX && r.MinY <= p[1] && p[1] <= r.MaxY)
	}

	// Walk the ring: the kept vertices and, between them, the points where
	// an edge enters or leaves the kept part.
	type item struct {
		p     xy
		event int // 0 for a vertex, +1 for an entry, -1 for an exit
	}
	var items []item
	events := 0
	for i, a := range pts {
		b := pts[(i+1)%n]
		ka, kb := kept(a), kept(b)
		if ka {
			items = append(items, item{a, 0})
		}
		t0, t1, ok := clipSegment(a, b, r)
		if !ok {
			continue
		}
		at := func(t float64) xy { return r.snap(xy{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}) }
		if keepInside {
			if !strictlyIn(xy{a[0] + (t0+t1)/2*(b[0]-a[0]), a[1] + (t0+t1)/2*(b[1]-a[1])}) {
				continue // along an edge or through a corner: never inside
			}
			if !ka {
				items = append(items, item{at(t0), +1})
				events++
			}
			if !kb {
				items = append(items, item{at(t1), -1})
				events++
			}
		} else {
			if ka {
				items = append(items, item{at(t0), -1})
				events++
			}
			if kb {
				items = append(items, item{at(t1), +1})
				events++
			}
		}
	}

	corners := []xy{{r.MinX, r.MinY}, {r.MaxX, r.MinY}, {r.MaxX, r.MaxY}, {r.MinX, r.MaxY}}
	if events == 0 {
		// The ring does not cross r's edges: it is wholly kept or wholly
		// dropped, and r is either inside it or not.
		rIn := pointInRing(pts, xy{(r.MinX + r.MaxX) / 2, (r.MinY + r.MaxY) / 2})
		switch {
		case len(items) > 0 && keepInside:
			return [][]xy{pts}, nil
		case len(items) > 0 && rIn:
			return [][]xy{pts, corners}, nil // r is a hole in the ring
		case len(items) > 0:
			return [][]xy{pts}, nil
		case keepInside && rIn:
			return [][]xy{corners}, nil
		}
		return nil, nil
	}

	// Cut the walk into chains, each from an entry to the next exit.
	type chain struct {
		pts     []xy
		in, out float64 // positions of the entry and exit along r's edges
	}
	start := 0
	for items[start].event != +1 {
		start++
	}
	var chains []chain
	var cur *chain
	for k := range items {
		it := items[(start+k)%len(items)]
		switch it.event {
		case +1:
			if cur != nil {
				return nil, fmt.Errorf("clip: two entries in a row at %v (the ring crosses itself)", it.p)
			}
			chains = append(chains, chain{pts: []xy{it.p}, in: r.along(it.p)})
			cur = &chains[len(chains)-1]
		case -1:
			if cur == nil {
				return nil, fmt.Errorf("clip: two exits in a row at %v (the ring crosses itself)", it.p)
			}
			cur.pts = append(cur.pts, it.p)
			cur.out = r.along(it.p)
			cur = nil
		default:
			cur.pts = append(cur.pts, it.p)
		}
	}
	if cur != nil {
		return nil, fmt.Errorf("clip: the walk ends inside (the ring crosses itself)")
	}

	// Join each chain's exit to the nearest entry along r's edges, in the
	// direction that keeps the kept part on the left.
	perim := 2 * ((r.MaxX - r.MinX) + (r.MaxY - r.MinY))
	ahead := func(from, to float64) float64 { // distance walked from from to to
		d := to - from
		if !keepInside {
			d = -d
		}
		d = math.Mod(d, perim)
		if d < 0 {
			d += perim
		}
		return d
	}
	next := make([]int, len(chains))
	for i, c := range chains {
		best, bestD := -1, math.Inf(1)
		for j, d := range chains {
			if dd := ahead(c.out, d.in); dd < bestD {
				best, bestD = j, dd
			}
		}
		next[i] = best
	}
	cornersBetween := func(from, dist float64) []xy {
		type at struct {
			d float64
			p xy
		}
		var cs []at
		for _, p := range corners {
			if d := ahead(from, r.along(p)); d > 0 && d < dist {
				cs = append(cs, at{d, p})
			}
		}
		sort.Slice(cs, func(i, j int) bool { return cs[i].d < cs[j].d })
		out := make([]xy, len(cs))
		for i, c := range cs {
			out[i] = c.p
		}
		return out
	}
	var out [][]xy
	done := make([]bool, len(chains))
	for i := range chains {
		if done[i] {
			continue
		}
		var ring []xy
		for j := i; !done[j]; j = next[j] {
			done[j] = true
			c := chains[j]
			ring = append(ring, c.pts...)
			ring = append(ring, cornersBetween(c.out, ahead(c.out, chains[next[j]].in))...)
		}
		out = append(out, dedupe(ring))
	}
	return out, nil
}

// dedupe drops the points of an open ring that repeat the one before, and
// at the end those that repeat the first.
func dedupe(ring []xy) []xy {
	out := ring[:0:0]
	for _, p := range ring {
		if len(out) == 0 || out[len(out)-1] != p {
			out = append(out, p)
		}
	}
	for len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	return out
}

// clipSegment returns the part [t0, t1] of the segment from a to b (at
// a + t·(b−a), 0 ≤ t ≤ 1) that lies in r, edges included, or ok false if
// none does (Liang–Barsky).
func clipSegment(a, b xy, r rect) (t0, t1 float64, ok bool) {
	t0, t1 = 0, 1
	dx, dy := b[0]-a[0], b[1]-a[1]
	for _, c := range [4][2]float64{{-dx, a[0] - r.MinX}, {dx, r.MaxX - a[0]}, {-dy, a[1] - r.MinY}, {dy, r.MaxY - a[1]}} {
		p, q := c[0], c[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, false
			}
			continue
		}
		t := q / p
		if p < 0 {
			if t > t1 {
				return 0, 0, false
			}
			t0 = math.Max(t0, t)
		} else {
			if t < t0 {
				return 0, 0, false
			}
			t1 = math.Min(t1, t)
		}
	}
	return t0, t1, true
}

// snap moves p, a point computed to lie on r's edges, onto the nearest
// edge exactly.
func (r rect) snap(p xy) xy {
	p[0] = math.Max(r.MinX, math.Min(r.MaxX, p[0]))
	p[1] = math.Max(r.MinY, math.Min(r.MaxY, p[1]))
	dl, dr, db, dt := p[0]-r.MinX, r.MaxX-p[0], p[1]-r.MinY, r.MaxY-p[1]
	switch math.Min(math.Min(dl, dr), math.Min(db, dt)) {
	case dl:
		p[0] = r.MinX
	case dr:
		p[0] = r.MaxX
	case db:
		p[1] = r.MinY
	default:
		p[1] = r.MaxY
	}
	return p
}

// along is the position of p, a point on r's edges, on the way round them
// anticlockwise from the lower left corner.
func (r rect) along(p xy) float64 {
	w, h := r.MaxX-r.MinX, r.MaxY-r.MinY
	switch {
	case p[1] == r.MinY && p[0] < r.MaxX:
		return p[0] - r.MinX
	case p[0] == r.MaxX && p[1] < r.MaxY:
		return w + p[1] - r.MinY
	case p[1] == r.MaxY && p[0] > r.MinX:
		return w + h + r.MaxX - p[0]
	default:
		return 2*w + h + r.MaxY - p[1]
	}
}
