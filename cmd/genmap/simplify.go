package main

import (
	"container/heap"
	"math"

	"github.com/paulmach/orb"
	orbsimplify "github.com/paulmach/orb/simplify"

	"gigasandbox/assets/eumap"
)

// simplify is Douglas–Peucker on one arc (orb's): it keeps both ends (the
// nodes where arcs meet, so that neighbouring states keep a common border)
// and every point farther than tol from the simplified line. A closed arc
// (an island) keeps at least three corners so that it stays a polygon: the
// point farthest from its start and the one farthest from the line between
// the two, each stretch between them simplified on its own.
func simplify(pts []xy, tol float64) []xy {
	n := len(pts)
	if n <= 2 {
		return append([]xy(nil), pts...)
	}
	cuts := []int{0, n - 1}
	if pts[0] == pts[n-1] {
		far := farthest(pts, 0, n-1, func(p xy) float64 { return hypot(p, pts[0]) })
		third := farthest(pts, 0, n-1, func(p xy) float64 { return segDist(p, pts[0], pts[far]) })
		cuts = []int{0, min(far, third), max(far, third), n - 1}
	}
	dp := orbsimplify.DouglasPeucker(tol)
	out := []xy{pts[0]}
	for k := 1; k < len(cuts); k++ {
		i, j := cuts[k-1], cuts[k]
		if i == j {
			continue
		}
		ls := make(orb.LineString, j-i+1)
		for m, p := range pts[i : j+1] {
			ls[m] = orb.Point(p)
		}
		for _, p := range dp.LineString(ls)[1:] {
			out = append(out, xy(p))
		}
	}
	return out
}

// farthest returns the index in [i, j) with the largest d, the first on ties.
func farthest(pts []xy, i, j int, d func(xy) float64) int {
	best, bestD := i, -1.0
	for k := i; k < j; k++ {
		if v := d(pts[k]); v > bestD {
			best, bestD = k, v
		}
	}
	return best
}

func hypot(a, b xy) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }

// segDist is the distance from p to the segment ab.
func segDist(p, a, b xy) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return hypot(p, a)
	}
	t := ((p[0]-a[0])*dx + (p[1]-a[1])*dy) / l2
	t = math.Max(0, math.Min(1, t))
	return hypot(p, xy{a[0] + t*dx, a[1] + t*dy})
}

// label finds the pole of inaccessibility of the state within its main ring
// (the point farthest from every edge of the state, after Mapbox's
// polylabel: a quadtree search to labelPrecision metres), rounded to
// eumap.Unit. Inside means inside main and inside the state by the even-odd
// rule over all its rings.
func label(rings [][]eumap.Point, main []eumap.Point) eumap.Point {
	const labelPrecision = 500.0
	fr := make([][]xy, len(rings))
	for i, r := range rings {
		fr[i] = toXY(r)
	}
	fm := toXY(main)
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range fm {
		minX, maxX = math.Min(minX, p[0]), math.Max(maxX, p[0])
		minY, maxY = math.Min(minY, p[1]), math.Max(maxY, p[1])
	}
	// dist is the signed distance from p to the state's edges: positive
	// inside, negative outside.
	dist := func(p xy) float64 {
		d := math.Inf(1)
		in := false
		for _, r := range fr {
			for i := range r {
				a, b := r[i], r[(i+1)%len(r)]
				d = math.Min(d, segDist(p, a, b))
				if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
					in = !in
				}
			}
		}
		if !in || !pointInRing(fm, p) {
			return -d
		}
		return d
	}
	newCell := func(x, y, h float64) *cell {
		d := dist(xy{x, y})
		return &cell{x: x, y: y, h: h, d: d, max: d + h*math.Sqrt2}
	}
	size := math.Min(maxX-minX, maxY-minY)
	h := size / 2
	q := &cellQueue{}
	for x := minX; x < maxX; x += size {
		for y := minY; y < maxY; y += size {
			heap.Push(q, newCell(x+h, y+h, h))
		}
	}
	// Start from the centroid of the main ring, as polylabel does.
	best := newCell(centroid(fm)[0], centroid(fm)[1], 0)
	for q.Len() > 0 {
		c := heap.Pop(q).(*cell)
		if c.d > best.d {
			best = c
		}
		if c.max-best.d <= labelPrecision {
			continue
		}
		h := c.h / 2
		heap.Push(q, newCell(c.x-h, c.y-h, h))
		heap.Push(q, newCell(c.x+h, c.y-h, h))
		heap.Push(q, newCell(c.x-h, c.y+h, h))
		heap.Push(q, newCell(c.x+h, c.y+h, h))
	}
	return eumap.Point{X: int32(math.Round(best.x/eumap.Unit) * eumap.Unit), Y: int32(math.Round(best.y/eumap.Unit) * eumap.Unit)}
}

func pointInRing(r []xy, p xy) bool {
	in := false
	for i := range r {
		a, b := r[i], r[(i+1)%len(r)]
		if (a[1] > p[1]) != (b[1] > p[1]) && p[0] < (b[0]-a[0])*(p[1]-a[1])/(b[1]-a[1])+a[0] {
			in = !in
		}
	}
	return in
}

func centroid(r []xy) xy {
	var cx, cy, a float64
	for i := range r {
		p, q := r[i], r[(i+1)%len(r)]
		f := p[0]*q[1] - q[0]*p[1]
		cx += (p[0] + q[0]) * f
		cy += (p[1] + q[1]) * f
		a += f
	}
	if a == 0 {
		return r[0]
	}
	return xy{cx / (3 * a), cy / (3 * a)}
}

// cell is a square of the polylabel search: centre, half-size, signed
// distance of the centre, and the best distance possible inside.
type cell struct {
	x, y, h, d, max float64
	seq             int
}

// cellQueue pops the cell with the largest possible distance first; ties
// go to the cell pushed first, so the search is deterministic.
type cellQueue struct {
	cells []*cell
	n     int
}

func (q *cellQueue) Len() int { return len(q.cells) }
func (q *cellQueue) Less(i, j int) bool {
	a, b := q.cells[i], q.cells[j]
	if a.max != b.max {
		return a.max > b.max
	}
	return a.seq < b.seq
}
func (q *cellQueue) Swap(i, j int) { q.cells[i], q.cells[j] = q.cells[j], q.cells[i] }
func (q *cellQueue) Push(x any) {
	c := x.(*cell)
	c.seq = q.n
	q.n++
	q.cells = append(q.cells, c)
}
func (q *cellQueue) Pop() any {
	c := q.cells[len(q.cells)-1]
	q.cells = q.cells[:len(q.cells)-1]
	return c
}
