package main

import (
	"fmt"
	"math"

	"gigasandbox/assets/eumap"
)

// xy is a projected position in EPSG:3035 metres.
type xy [2]float64

// box is a longitude/latitude rectangle in degrees.
type box struct{ W, S, E, N float64 }

func (b box) contains(p lonLat) bool {
	return b.W <= p[0] && p[0] <= b.E && b.S <= p[1] && p[1] <= b.N
}

// stateSource names the features that make up one state: by ISO 3166-1
// numeric id, and by name for features that have no id.
type stateSource struct {
	Code  string
	IDs   []string
	Names []string
}

// insetSpec is one inset: the islands whose rings are centred in Region
// are moved into a frame whose lower left corner is (Left, Bottom), in
// metres.
type insetSpec struct {
	Title        string
	Region       box
	Left, Bottom int32
}

// config is everything that decides the output besides the input file.
type config struct {
	Object    string        // the TopoJSON GeometryCollection to read
	States    []stateSource // in output order
	Mainland  box           // rings centred outside it and outside every inset region are dropped
	Insets    []insetSpec
	InsetPad  int32   // metres of sea around the islands inside a frame
	InsetBand int32   // metres added at the top of a frame for its title
	InsetMinW int32   // metres: the smallest frame width (room for the title)
	Tolerance float64 // metres: Douglas–Peucker tolerance
	MinArea   float64 // square metres: smaller rings are dropped, except a state's largest
}

// ringInfo is one ring of a state on its way through the pipeline.
type ringInfo struct {
	refs   []int   // arc references
	inset  int     // -1 for the mainland, else the index of the inset
	area   float64 // square metres, unsimplified
	points []eumap.Point
}

// stats counts what the generator kept and dropped, for its summary.
type stats struct {
	RingsIn, RingsOutside, RingsSmall, RingsCollapsed, RingsOut, Points int
}

// build turns a TopoJSON topology into the map: it selects and merges the
// features of each state, drops far-away and tiny rings, simplifies the
// shared arcs once (so neighbours keep a common border), rounds to
// eumap.Unit, moves the inset islands into their frames and places labels.
func build(data []byte, cfg config) (*eumap.Map, stats, error) {
	var st stats
	arcs, feats, err := parseTopology(data, cfg.Object)
	if err != nil {
		return nil, st, err
	}
	proj := make([][]xy, len(arcs))
	for i, a := range arcs {
		proj[i] = make([]xy, len(a))
		for j, p := range a {
			e, n := eumap.LAEA(p[0], p[1])
			proj[i][j] = xy{e, n}
		}
	}

	// Select each state's features; a feature may serve one state only.
	usedBy := make([]string, len(feats))
	var states [][]ringInfo
	for _, src := range cfg.States {
		var refs [][]int
		for _, want := range src.IDs {
			i, err := findFeature(feats, usedBy, src.Code, func(f feature) bool { return f.ID == want }, "id "+want)
			if err != nil {
				return nil, st, err
			}
			refs = appendRings(refs, feats[i])
		}
		for _, want := range src.Names {
			i, err := findFeature(feats, usedBy, src.Code, func(f feature) bool { return f.ID == "" && f.Name == want }, fmt.Sprintf("name %q", want))
			if err != nil {
				return nil, st, err
			}
			refs = appendRings(refs, feats[i])
		}
		merged, err := merge(arcs, refs)
		if err != nil {
			return nil, st, fmt.Errorf("%s: %w", src.Code, err)
		}
		st.RingsIn += len(merged)

		// Keep rings on the mainland or in an inset region, then drop
		// small ones except the largest.
		var rings []ringInfo
		largest := -1
		for _, r := range merged {
			inset, ok := region(cfg, ringPositions(arcs, r))
			if !ok {
				st.RingsOutside++
				continue
			}
			ri := ringInfo{refs: r, inset: inset, area: math.Abs(area(ringPositions(proj, r)))}
			if largest < 0 || ri.area > rings[largest].area {
				largest = len(rings)
			}
			rings = append(rings, ri)
		}
		if largest < 0 {
			return nil, st, fmt.Errorf("%s: no rings on the map", src.Code)
		}
		kept := rings[:0:0]
		for i, r := range rings {
			if r.area >= cfg.MinArea || i == largest {
				kept = append(kept, r)
			} else {
				st.RingsSmall++
			}
		}
		states = append(states, kept)
	}

	// Simplify each arc once, in projected metres, and round to units.
	simple := make([][]xy, len(arcs))
	for _, rings := range states {
		for _, r := range rings {
			for _, ref := range r.refs {
				if i := arcIndex(ref); simple[i] == nil {
					simple[i] = simplify(proj[i], cfg.Tolerance)
				}
			}
		}
	}
	for _, rings := range states {
		for j := range rings {
			rings[j].points = roundRing(ringPositions(simple, rings[j].refs))
		}
	}

	insets, err := layoutInsets(cfg, states)
	if err != nil {
		return nil, st, err
	}

	m := &eumap.Map{Insets: insets}
	for si, rings := range states {
		s := eumap.State{Code: cfg.States[si].Code}
		var main []eumap.Point
		mainArea := -1.0
		for _, r := range rings {
			pts := r.points
			if r.inset >= 0 {
				sh := insets[r.inset].Shift
				moved := make([]eumap.Point, len(pts))
				for k, p := range pts {
					moved[k] = eumap.Point{X: p.X + sh.X, Y: p.Y + sh.Y}
				}
				pts = moved
			}
			a := math.Abs(area(toXY(pts)))
			if len(pts) < 3 || a == 0 {
				st.RingsCollapsed++
				continue
			}
			if r.area > mainArea {
				main, mainArea = pts, r.area
			}
			s.Rings = append(s.Rings, pts)
			st.RingsOut++
			st.Points += len(pts)
		}
		if main == nil {
			return nil, st, fmt.Errorf("%s: every ring collapsed when simplified", s.Code)
		}
		s.Label = label(s.Rings, main)
		m.States = append(m.States, s)
	}
	return m, st, nil
}

// findFeature returns the index of the one feature matching, marking it as
// used by code.
func findFeature(feats []feature, usedBy []string, code string, match func(feature) bool, what string) (int, error) {
	found := -1
	for i, f := range feats {
		if !match(f) {
			continue
		}
		if found >= 0 {
			return 0, fmt.Errorf("%s: two features with %s", code, what)
		}
		found = i
	}
	if found < 0 {
		return 0, fmt.Errorf("%s: no feature with %s", code, what)
	}
	if usedBy[found] != "" {
		return 0, fmt.Errorf("%s: feature with %s already belongs to %s", code, what, usedBy[found])
	}
	usedBy[found] = code
	return found, nil
}

func appendRings(dst [][]int, f feature) [][]int {
	for _, p := range f.Polys {
		dst = append(dst, p...)
	}
	return dst
}

// merge dissolves the borders between the polygons of one state (Cyprus
// is five features in the source). An arc used an even number of times is
// inside the state and goes; rings that used one are rebuilt from the arcs
// they leave, joined end to end. Rings that lost nothing stay as they were.
// Under the even-odd rule the result covers the same area as the input.
func merge(arcs [][]lonLat, rings [][]int) ([][]int, error) {
	count := map[int]int{}
	for _, r := range rings {
		for _, ref := range r {
			count[arcIndex(ref)]++
		}
	}
	var out [][]int
	var loose []int // arcs left by rings that lost an arc, first use first
	seen := map[int]bool{}
	for _, r := range rings {
		whole := true
		for _, ref := range r {
			if count[arcIndex(ref)] != 1 {
				whole = false
			}
		}
		if whole {
			out = append(out, r)
			continue
		}
		for _, ref := range r {
			i := arcIndex(ref)
			if count[i]%2 == 1 && !seen[i] {
				seen[i] = true
				loose = append(loose, ref)
			}
		}
	}
	stitched, err := stitch(arcs, loose)
	if err != nil {
		return nil, err
	}
	return append(out, stitched...), nil
}

// stitch joins arcs end to end into closed rings, taking at each node the
// first unused arc in input order, in whichever direction continues the
// ring. Every node must be the end of an even number of arcs.
func stitch(arcs [][]lonLat, refs []int) ([][]int, error) {
	ends := func(ref int) (lonLat, lonLat) {
		a := arcs[arcIndex(ref)]
		if ref >= 0 {
			return a[0], a[len(a)-1]
		}
		return a[len(a)-1], a[0]
	}
	at := map[lonLat][]int{} // node → indexes into refs, in input order
	for k, ref := range refs {
		s, e := ends(ref)
		at[s] = append(at[s], k)
		if e != s {
			at[e] = append(at[e], k)
		}
	}
	used := make([]bool, len(refs))
	var out [][]int
	for k, ref := range refs {
		if used[k] {
			continue
		}
		used[k] = true
		ring := []int{ref}
		start, cur := ends(ref)
		for cur != start {
			next := -1
			for _, c := range at[cur] {
				if !used[c] {
					next = c
					break
				}
			}
			if next < 0 {
				return nil, fmt.Errorf("merge: arcs do not close into a ring at %v", cur)
			}
			used[next] = true
			r := refs[next]
			if s, _ := ends(r); s != cur {
				r = ^r
			}
			ring = append(ring, r)
			_, cur = ends(r)
		}
		out = append(out, ring)
	}
	return out, nil
}

// region returns where a ring goes by the centre of its longitude/latitude
// box: the mainland (-1), inset i, or nowhere (ok false).
func region(cfg config, pts []lonLat) (inset int, ok bool) {
	b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range pts {
		b.W, b.E = math.Min(b.W, p[0]), math.Max(b.E, p[0])
		b.S, b.N = math.Min(b.S, p[1]), math.Max(b.N, p[1])
	}
	c := lonLat{(b.W + b.E) / 2, (b.S + b.N) / 2}
	for i, in := range cfg.Insets {
		if in.Region.contains(c) {
			return i, true
		}
	}
	return -1, cfg.Mainland.contains(c)
}

// area is the signed shoelace area of a closed or open ring.
func area(pts []xy) float64 {
	var s float64
	for i := range pts {
		a, b := pts[i], pts[(i+1)%len(pts)]
		s += a[0]*b[1] - b[0]*a[1]
	}
	return s / 2
}

func toXY(pts []eumap.Point) []xy {
	out := make([]xy, len(pts))
	for i, p := range pts {
		out[i] = xy{float64(p.X), float64(p.Y)}
	}
	return out
}

// roundRing rounds a closed ring to eumap.Unit and drops points that repeat
// the one before, and the closing point.
func roundRing(pts []xy) []eumap.Point {
	var out []eumap.Point
	for _, p := range pts {
		q := eumap.Point{X: int32(math.Round(p[0]/eumap.Unit) * eumap.Unit), Y: int32(math.Round(p[1]/eumap.Unit) * eumap.Unit)}
		if len(out) > 0 && out[len(out)-1] == q {
			continue
		}
		out = append(out, q)
	}
	for len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	return out
}

// layoutInsets places the inset frames. A frame shows the box of its
// islands plus InsetPad, widened to InsetMinW if narrower, plus InsetBand at
// the top for the title, rounded out to whole kilometres, at true scale.
func layoutInsets(cfg config, states [][]ringInfo) ([]eumap.Inset, error) {
	const km = 1000
	out := make([]eumap.Inset, len(cfg.Insets))
	for i, spec := range cfg.Insets {
		var src eumap.Rect
		found := false
		for _, rings := range states {
			for _, r := range rings {
				if r.inset != i {
					continue
				}
				for _, p := range r.points {
					if !found {
						src, found = eumap.Rect{Min: p, Max: p}, true
					}
					src.Min.X, src.Min.Y = min(src.Min.X, p.X), min(src.Min.Y, p.Y)
					src.Max.X, src.Max.Y = max(src.Max.X, p.X), max(src.Max.Y, p.Y)
				}
			}
		}
		if !found {
			return nil, fmt.Errorf("inset %q: no islands in its region", spec.Title)
		}
		pad := cfg.InsetPad
		src.Min.X = floorTo(src.Min.X-pad, km)
		src.Min.Y = floorTo(src.Min.Y-pad, km)
		src.Max.X = -floorTo(-(src.Max.X + pad), km)
		src.Max.Y = -floorTo(-(src.Max.Y + pad + cfg.InsetBand), km)
		if w := src.Max.X - src.Min.X; w < cfg.InsetMinW {
			src.Min.X -= floorTo((cfg.InsetMinW-w)/2, km)
			src.Max.X = src.Min.X + cfg.InsetMinW
		}
		shift := eumap.Point{X: spec.Left - src.Min.X, Y: spec.Bottom - src.Min.Y}
		out[i] = eumap.Inset{
			Frame: eumap.Rect{
				Min: eumap.Point{X: src.Min.X + shift.X, Y: src.Min.Y + shift.Y},
				Max: eumap.Point{X: src.Max.X + shift.X, Y: src.Max.Y + shift.Y},
			},
			Title: spec.Title,
			Shift: shift,
		}
	}
	return out, nil
}

// floorTo rounds v down to a multiple of step.
func floorTo(v, step int32) int32 {
	q := v / step
	if v%step != 0 && v < 0 {
		q--
	}
	return q * step
}
