package main

import (
	"fmt"
	"math"
	"slices"

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
	InsetGap  int32   // metres: the context leaves the sea between frames closer than this clear
	Tolerance float64 // metres: Douglas–Peucker tolerance
	MinArea   float64 // square metres: smaller rings are dropped, except a state's largest

	// The context: every feature that no state uses, clipped to the map.
	ContextRegion    box     // rings whose longitude/latitude box misses it are not read
	ContextMargin    int32   // metres: the context is clipped to the map's bounds grown by this
	ContextTolerance float64 // metres: Douglas–Peucker tolerance of arcs no state uses
	ContextMinArea   float64 // square metres: smaller rings are dropped, unless they touch a state
	ContextMoves     []contextMove
}

// contextMove gives a polygon of one context feature to another: the
// polygon of feature From (by id) whose outer ring contains At goes to
// feature To, and the border between them is dissolved.
type contextMove struct {
	From, To string
	At       lonLat
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

	// The context: rings away from the map, small rings, pieces that
	// rounding collapsed, and what is written.
	CtxOutside, CtxSmall, CtxCollapsed, CtxRingsOut, CtxPoints int
}

// build turns a TopoJSON topology into the map: it selects and merges the
// features of each state, drops far-away and tiny rings, simplifies the
// shared arcs once (so neighbours keep a common border), rounds to
// eumap.Unit, moves the inset islands into their frames and places labels;
// then it adds the land of every other feature near the map as context.
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

	touches := map[int]bool{} // the arcs of the states' rings
	for _, rings := range states {
		for _, r := range rings {
			for _, ref := range r.refs {
				touches[arcIndex(ref)] = true
			}
		}
	}
	m.Context, err = buildContext(cfg, arcs, proj, simple, feats, usedBy, touches, m, &st)
	if err != nil {
		return nil, st, err
	}
	return m, st, nil
}

// buildContext returns the land of the features no state uses (the rest of
// the world), as far as it lies within the map's bounds grown by
// cfg.ContextMargin and outside the inset frames and the narrow gaps
// between them (insetHoles): feature by feature, ring by ring in source
// order, each ring clipped on its own (which under the even-odd rule clips
// the polygons). A ring is kept if its area is at least cfg.ContextMinArea
// or it shares an arc with a state, so that the context fills exactly the
// holes and notches the states leave for their neighbours (San Marino,
// Andorra, Gibraltar). Arcs the states use are simplified already, so
// common borders match exactly; the others are simplified at
// cfg.ContextTolerance.
func buildContext(cfg config, arcs [][]lonLat, proj, simple [][]xy, feats []feature, usedBy []string, touches map[int]bool, m *eumap.Map, st *stats) ([][]eumap.Point, error) {
	b := mapBounds(m)
	clip := rect{
		MinX: float64(b.Min.X - cfg.ContextMargin), MinY: float64(b.Min.Y - cfg.ContextMargin),
		MaxX: float64(b.Max.X + cfg.ContextMargin), MaxY: float64(b.Max.Y + cfg.ContextMargin),
	}
	byFeature, err := contextFeatures(cfg, arcs, feats, usedBy)
	if err != nil {
		return nil, err
	}
	var rings [][]int
	for _, fr := range byFeature {
		for _, refs := range fr {
			// The longitude/latitude test first: it keeps rings on
			// the far side of the globe, where the projection tears,
			// out of the projected test.
			if !boxOverlaps(lonLatBox(ringPositions(arcs, refs)), cfg.ContextRegion) {
				st.CtxOutside++
				continue
			}
			pts := ringPositions(proj, refs)
			if !rectOverlaps(xyBounds(pts), clip) {
				st.CtxOutside++
				continue
			}
			touching := false
			for _, ref := range refs {
				touching = touching || touches[arcIndex(ref)]
			}
			if math.Abs(area(pts)) < cfg.ContextMinArea && !touching {
				st.CtxSmall++
				continue
			}
			rings = append(rings, refs)
		}
	}
	for _, refs := range rings {
		for _, ref := range refs {
			if i := arcIndex(ref); simple[i] == nil {
				simple[i] = simplify(proj[i], cfg.ContextTolerance)
			}
		}
	}
	holes := insetHoles(m.Insets, cfg.InsetGap)
	var out [][]eumap.Point
	for _, refs := range rings {
		pieces, err := clipRing(ringPositions(simple, refs), clip, true)
		if err != nil {
			return nil, err
		}
		for _, frame := range holes {
			var rest [][]xy
			for _, p := range pieces {
				q, err := clipRing(p, frame, false)
				if err != nil {
					return nil, err
				}
				rest = append(rest, q...)
			}
			pieces = rest
		}
		for _, p := range pieces {
			pts := roundRing(p)
			if len(pts) < 3 || area(toXY(pts)) == 0 {
				st.CtxCollapsed++
				continue
			}
			out = append(out, pts)
			st.CtxRingsOut++
			st.CtxPoints += len(pts)
		}
	}
	return out, nil
}

// contextFeatures returns the rings of each feature no state uses, in
// source order, after cfg.ContextMoves: a moved polygon goes to its new
// feature, whose rings are then merged, dissolving the border between them.
func contextFeatures(cfg config, arcs [][]lonLat, feats []feature, usedBy []string) ([][][]int, error) {
	out := make([][][]int, len(feats))
	for i, f := range feats {
		if usedBy[i] == "" {
			out[i] = appendRings(nil, f)
		}
	}
	find := func(id string) (int, error) {
		for i, f := range feats {
			if f.ID == id && usedBy[i] == "" {
				return i, nil
			}
		}
		return 0, fmt.Errorf("context: no feature with id %s outside the states", id)
	}
	for _, mv := range cfg.ContextMoves {
		from, err := find(mv.From)
		if err != nil {
			return nil, err
		}
		to, err := find(mv.To)
		if err != nil {
			return nil, err
		}
		var moved []int // indexes into out[from] of the polygon's rings
		k := 0
		for _, poly := range feats[from].Polys {
			outer := ringPositions(arcs, poly[0])
			ll := make([]xy, len(outer))
			for j, p := range outer {
				ll[j] = xy(p)
			}
			if moved == nil && pointInRing(ll, xy(mv.At)) {
				for j := range poly {
					moved = append(moved, k+j)
				}
			}
			k += len(poly)
		}
		if moved == nil {
			return nil, fmt.Errorf("context: no polygon of feature %s contains %v", mv.From, mv.At)
		}
		rings := out[to]
		var rest [][]int
		for j, r := range out[from] {
			if slices.Contains(moved, j) {
				rings = append(rings, r)
			} else {
				rest = append(rest, r)
			}
		}
		merged, err := merge(arcs, rings)
		if err != nil {
			return nil, fmt.Errorf("context: moving %v from %s to %s: %w", mv.At, mv.From, mv.To, err)
		}
		out[from], out[to] = rest, merged
	}
	return out, nil
}

// insetHoles returns the rectangles the context must leave empty: the inset
// frames, and the sea between two frames less than gap apart, side by side
// or one above the other, so that neighbouring frames stand together
// rather than with slivers of land between them.
func insetHoles(insets []eumap.Inset, gap int32) []rect {
	var out []rect
	for _, in := range insets {
		out = append(out, rect{float64(in.Frame.Min.X), float64(in.Frame.Min.Y), float64(in.Frame.Max.X), float64(in.Frame.Max.Y)})
	}
	for _, a := range insets {
		for _, b := range insets {
			fa, fb := a.Frame, b.Frame
			lo, hi := max(fa.Min.Y, fb.Min.Y), min(fa.Max.Y, fb.Max.Y)
			if d := fb.Min.X - fa.Max.X; d > 0 && d < gap && lo < hi {
				out = append(out, rect{float64(fa.Max.X), float64(lo), float64(fb.Min.X), float64(hi)})
			}
			lo, hi = max(fa.Min.X, fb.Min.X), min(fa.Max.X, fb.Max.X)
			if d := fb.Min.Y - fa.Max.Y; d > 0 && d < gap && lo < hi {
				out = append(out, rect{float64(lo), float64(fa.Max.Y), float64(hi), float64(fb.Min.Y)})
			}
		}
	}
	return out
}

// mapBounds is what eumap.Parse makes Map.Bounds: the box of the states'
// rings and the inset frames.
func mapBounds(m *eumap.Map) eumap.Rect {
	b := eumap.Rect{Min: m.States[0].Rings[0][0], Max: m.States[0].Rings[0][0]}
	grow := func(p eumap.Point) {
		b.Min.X, b.Min.Y = min(b.Min.X, p.X), min(b.Min.Y, p.Y)
		b.Max.X, b.Max.Y = max(b.Max.X, p.X), max(b.Max.Y, p.Y)
	}
	for _, in := range m.Insets {
		grow(in.Frame.Min)
		grow(in.Frame.Max)
	}
	for _, s := range m.States {
		for _, r := range s.Rings {
			for _, p := range r {
				grow(p)
			}
		}
	}
	return b
}

func lonLatBox(pts []lonLat) box {
	b := box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range pts {
		b.W, b.E = math.Min(b.W, p[0]), math.Max(b.E, p[0])
		b.S, b.N = math.Min(b.S, p[1]), math.Max(b.N, p[1])
	}
	return b
}

func boxOverlaps(a, b box) bool { return a.W <= b.E && b.W <= a.E && a.S <= b.N && b.S <= a.N }

func xyBounds(pts []xy) rect {
	r := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range pts {
		r.MinX, r.MaxX = math.Min(r.MinX, p[0]), math.Max(r.MaxX, p[0])
		r.MinY, r.MaxY = math.Min(r.MinY, p[1]), math.Max(r.MaxY, p[1])
	}
	return r
}

func rectOverlaps(a, b rect) bool {
	return a.MinX <= b.MaxX && b.MinX <= a.MaxX && a.MinY <= b.MaxY && b.MinY <= a.MaxY
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
	b := lonLatBox(pts)
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
