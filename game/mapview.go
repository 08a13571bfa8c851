package game

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	xvector "golang.org/x/image/vector"

	"gigasandbox/assets/eumap"
	"gigasandbox/model"
)

// A map layer colours the states by one figure.
type layer struct {
	name, unit, tip string
	value           func(g *Game, st int) float64
	categorical     bool // export tier: colours by category, not a scale
}

var layers = []layer{
	{"layer.price", "€/MWh", "layer.price.tip",
		func(g *Game, st int) float64 { return float64(model.States()[st].PriceCentsPerMWh) / 100 }, false},
	{"layer.carbon", "g CO₂/kWh", "layer.carbon.tip",
		func(g *Game, st int) float64 { return float64(model.States()[st].CarbonGPerKWh) }, false},
	{"layer.room", "MW", "layer.room.tip",
		func(g *Game, st int) float64 { return float64(g.outcomes()[st].GridSpareW.MW()) }, false},
	{"layer.tier", "", "layer.tier.tip",
		func(g *Game, st int) float64 {
			o := g.outcomes()[st]
			if o.Cap >= 0 && int64(o.CapUsed) >= o.Cap*1000 {
				return 3
			}
			return float64(model.States()[st].Tier)
		}, true},
	{"layer.demand", "%", "layer.demand.tip",
		func(g *Game, st int) float64 { return float64(model.States()[st].DemandPPM) / 10000 }, false},
}

var tierColours = map[float64]color.RGBA{
	1: {0x56, 0xb4, 0xe9, 0xff}, // sky blue
	2: {0xe6, 0x9f, 0x00, 0xff}, // orange
	3: {0xd5, 0x5e, 0x00, 0xff}, // vermillion: cap reached
}

// mapView draws the EU-27 in ETRS89-LAEA, coloured by a layer, with the
// sites on top; a click picks the state or site under the cursor.
type mapView struct {
	m     *eumap.Map
	layer int

	img     *ebiten.Image // the states, cached until something they show changes
	key     mapKey
	ok      bool
	version int           // bumped whenever img is repainted: see ui.image
	rings   [][][]float32 // per state, its rings in device pixels of the image, for borders
	context [][]float32   // the non-EU land's rings
	lines   lineBatch
	// land is each state's shape (and, first, the non-EU land's) as a
	// mask of anti-aliased coverage, rasterised once per size and tinted
	// by the GPU on each repaint (see render).
	land   []landMask
	raster xvector.Rasterizer
	vals   [model.NumStates]float64

	// transform: screen = origin + (p - min) * scale, y flipped
	area          rect
	scale         float64
	ox, oy        float64
	hover         int
	click         eumap.Point
	clickState    int
	dragSite      model.SiteID
	dragX, dragY  float64
	dragMoved     bool
	outcomesDay   model.Day
	outcomesCache []model.StateOutcome
	outcomesSim   *model.Sim
}

type mapKey struct {
	area  rect
	k     float64
	layer int
	sel   int
	vals  [model.NumStates]float64
}

func (mv *mapView) init() {
	mv.m = eumap.Load()
	mv.hover, mv.clickState = -1, -1
}

// invalidate says that what the map shows may have changed (an edit, a
// jump in time, another selection or layer): the states' outcomes are
// read again, and the next draw repaints the map if its key (size, layer,
// selection, the states' values) changed. A repaint redraws the whole map,
// which costs frames in a software renderer, so it is not forced.
func (mv *mapView) invalidate() { mv.outcomesCache = nil }

// repaint makes the next draw repaint the map whatever its key: for what
// the key does not hold, the language of its inset titles.
func (mv *mapView) repaint() {
	mv.invalidate()
	mv.ok = false
}

// outcomes caches the states' outcomes for the day being drawn.
func (g *Game) outcomes() []model.StateOutcome {
	mv := &g.mv
	sim := g.sess.Sim()
	if mv.outcomesCache == nil || mv.outcomesSim != sim || mv.outcomesDay != sim.Day() {
		mv.outcomesCache = sim.StateOutcomes()
		mv.outcomesSim, mv.outcomesDay = sim, sim.Day()
	}
	return mv.outcomesCache
}

// fit places the map's bounds in r, keeping its aspect.
func (mv *mapView) fit(r rect) {
	b := mv.m.Bounds
	pad := 16.0
	bw, bh := float64(b.Max.X-b.Min.X), float64(b.Max.Y-b.Min.Y)
	mv.scale = min((r.w-2*pad)/bw, (r.h-2*pad)/bh)
	mv.ox = r.x + (r.w-bw*mv.scale)/2
	mv.oy = r.y + (r.h-bh*mv.scale)/2
	mv.area = r
}

// toScreen maps a map point to logical pixels.
func (mv *mapView) toScreen(p eumap.Point) (float64, float64) {
	b := mv.m.Bounds
	return mv.ox + float64(p.X-b.Min.X)*mv.scale, mv.oy + float64(b.Max.Y-p.Y)*mv.scale
}

// toMap maps logical pixels to a map point.
func (mv *mapView) toMap(x, y float64) eumap.Point {
	b := mv.m.Bounds
	return eumap.Point{X: b.Min.X + int32(math.Round((x-mv.ox)/mv.scale)), Y: b.Max.Y - int32(math.Round((y-mv.oy)/mv.scale))}
}

// stateAt is the state under a screen point, forgiving a few pixels around
// small islands.
func (mv *mapView) stateAt(x, y float64) int {
	return mv.m.StateNear(mv.toMap(x, y), int32(4/mv.scale))
}

// StatePoint returns where a state's label is on screen, in logical (CSS)
// pixels: tests and the automation API click there.
func (g *Game) StatePoint(code string) (x, y float64, ok bool) {
	for _, s := range g.mv.m.States {
		if s.Code == code {
			x, y = g.mv.toScreen(s.Label)
			return x, y, g.mv.scale > 0
		}
	}
	return 0, 0, false
}

// SitePoint returns where a site is drawn on screen, in logical pixels.
func (g *Game) SitePoint(id model.SiteID) (x, y float64, ok bool) {
	sites := g.sess.Sim().Sites()
	if id < 1 || int(id) > len(sites) || g.mv.scale == 0 {
		return 0, 0, false
	}
	x, y = g.mv.siteXY(sites[id-1].Spec)
	return x, y, true
}

func (mv *mapView) siteXY(s model.SiteSpec) (float64, float64) {
	return mv.toScreen(eumap.Project(float64(s.Lon)/1e6, float64(s.Lat)/1e6))
}

func siteRadius(chips int32) float64 { return 3 + 9*math.Sqrt(float64(chips)/100000) }

// placeFor is where a site built in state st goes: where the user last
// clicked in that state, or the state's label point.
func (mv *mapView) placeFor(st int) (lon, lat model.Degrees) {
	p := mv.m.States[st].Label
	if mv.clickState == st {
		p = mv.click
	}
	return degrees(eumap.Unproject(p))
}

// degrees rounds a place to hundredths of a degree (about a kilometre, less
// than a pixel of the map): links carry places at that precision, so a
// clicked site costs a few characters of a link, not a dozen.
func degrees(lon, lat float64) (model.Degrees, model.Degrees) {
	return model.Degrees(math.Round(lon*100) * 10000), model.Degrees(math.Round(lat*100) * 10000)
}

// siteColour by status.
func siteColour(s model.SiteStatus) color.RGBA {
	switch s {
	case model.SitePlanned, model.SiteConstruction:
		return color.RGBA{0x99, 0x99, 0x99, 0xff}
	case model.SiteWaitingGrid:
		return color.RGBA{0xd5, 0x5e, 0x00, 0xff}
	case model.SiteWaitingChips:
		return color.RGBA{0x56, 0xb4, 0xe9, 0xff}
	case model.SiteThrottled:
		return color.RGBA{0xe6, 0x9f, 0x00, 0xff}
	case model.SiteOperating:
		return color.RGBA{0x00, 0x9e, 0x73, 0xff}
	}
	return color.RGBA{0x3a, 0x3f, 0x46, 0xff}
}

// layout handles the map's input (update pass) or draws it (draw pass).
func (mv *mapView) layout(g *Game, u *ui, r rect) {
	mv.fit(r)
	sites := g.sess.Sim().Sites()
	if u.drawing() {
		mv.draw(g, u, r, sites)
	} else {
		mv.input(g, u, r, sites)
	}
	mv.layerButtons(g, u, r)
	layerR, siteR := legendRects(r)
	if layerR.w > 0 {
		u.place("legend", layerR, rect{}, false)
	}
	if siteR != (rect{}) {
		u.place("site legend", siteR, rect{}, false)
	}
	g.goalsBox(u, r)
	g.log.drawToasts(u, r)
}

// layerButtons choose the map's layer: a button each over the map's top
// left, or, where they do not fit or for a finger, one button that steps
// through them.
func (mv *mapView) layerButtons(g *Game, u *ui, r rect) {
	total := 0.0
	for _, l := range layers {
		total += u.textWidth(g.tr(l.name), u.f.normal) + 22
	}
	if u.touch || total > r.w-16 {
		l := layers[mv.layer]
		label := g.tr("map.layer.next", g.tr(l.name))
		b := rect{r.x + 8, r.y + 8, u.textWidth(label, u.f.normal) + 20, max(26, g.rowH())}
		if u.button(b, label, false, g.tr(l.tip)+" "+g.tr("map.layer.next.tip")) {
			mv.layer = (mv.layer + 1) % len(layers)
			mv.invalidate()
		}
		return
	}
	bx := r.x + 8
	for i, l := range layers {
		w := u.textWidth(g.tr(l.name), u.f.normal) + 18
		if u.button(rect{bx, r.y + 8, w, 26}, g.tr(l.name), mv.layer == i, g.tr(l.tip)+" (L)") {
			mv.layer = i
			mv.invalidate()
		}
		bx += w + 4
	}
}

// eumapProject places a model position on the map.
func eumapProject(lon, lat model.Degrees) eumap.Point {
	return eumap.Project(float64(lon)/1e6, float64(lat)/1e6)
}

func (mv *mapView) siteAt(x, y float64, sites []model.SiteInfo) model.SiteID {
	best, bestD := model.SiteID(0), math.Inf(1)
	for _, s := range sites {
		if s.Status == model.SiteRemoved {
			continue
		}
		sx, sy := mv.siteXY(s.Spec)
		d := math.Hypot(x-sx, y-sy)
		if d <= siteRadius(s.Spec.Chips)+3 && d < bestD {
			best, bestD = s.ID, d
		}
	}
	return best
}

func (mv *mapView) input(g *Game, u *ui, r rect, sites []model.SiteInfo) {
	mv.hover = -1
	if u.hover(r) {
		mv.hover = mv.stateAt(u.mx, u.my)
	}
	// dragging a site moves it when the button is released elsewhere
	if mv.dragSite != 0 {
		if math.Hypot(u.mx-mv.dragX, u.my-mv.dragY) > 4 {
			mv.dragMoved = true
		}
		if u.release {
			id := mv.dragSite
			mv.dragSite = 0
			if mv.dragMoved && mv.hover >= 0 {
				p := mv.toMap(u.mx, u.my)
				lon, lat := degrees(eumap.Unproject(p))
				g.Do(model.Command{Kind: model.CmdMove, Site: id, State: mv.m.States[mv.hover].Code, Lon: lon, Lat: lat})
			}
		}
		return
	}
	if !u.clicked(r) {
		return
	}
	if id := mv.siteAt(u.mx, u.my, sites); id != 0 {
		g.selSite = id
		g.tab = tabSite
		mv.dragSite, mv.dragX, mv.dragY, mv.dragMoved = id, u.mx, u.my, false
		return
	}
	if mv.hover >= 0 {
		g.selState = mv.hover
		mv.click, mv.clickState = mv.toMap(u.mx, u.my), mv.hover
		g.tab = tabState
		mv.invalidate()
		return
	}
	g.selState = -1
	mv.invalidate()
}

func (mv *mapView) draw(g *Game, u *ui, r rect, sites []model.SiteInfo) {
	l := layers[mv.layer]
	for st := range mv.vals {
		mv.vals[st] = l.value(g, st)
	}
	key := mapKey{area: r, k: u.k, layer: mv.layer, sel: g.selState, vals: mv.vals}
	if !mv.ok || key != mv.key {
		mv.render(u, key)
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(math.Round(r.x*u.k), math.Round(r.y*u.k))
	u.image(mv.img, mv.version, op)

	// hover outline, live
	if mv.hover >= 0 && mv.hover != g.selState && mv.hover < len(mv.rings) {
		for _, ring := range mv.rings[mv.hover] {
			u.polyline(ring, float32(math.Round(r.x*u.k)), float32(math.Round(r.y*u.k)), true, float32(1.5*u.k), colTextDim)
		}
	}
	mv.legend(g, u, r)

	mv.drawCandidates(g, u)
	// sites, biggest first so small ones stay clickable on top
	for _, s := range sites {
		if s.Status == model.SiteRemoved {
			continue
		}
		x, y := mv.siteXY(s.Spec)
		if mv.dragSite == s.ID && mv.dragMoved {
			x, y = u.mx, u.my
		}
		rad := siteRadius(s.Spec.Chips)
		c := siteColour(s.Status)
		if s.Spec.Existing {
			u.ring(x, y, rad, 2, c)
		} else {
			u.circle(x, y, rad, c)
			u.ring(x, y, rad, 1.2, colPanel)
		}
		if s.ID == g.selSite {
			u.ring(x, y, rad+3, 2, colSelected)
		}
		if hit := (rect{x - rad - 3, y - rad - 3, 2*rad + 6, 2*rad + 6}); u.hover(hit) {
			u.setTip(hit, g.siteTip(s)) // formatted only under the pointer
		}
	}
	if mv.hover >= 0 && u.tip == "" {
		v := mv.vals[mv.hover]
		val := fmt.Sprintf("%s %s", trimFloat(v), l.unit)
		if l.categorical {
			val = g.tr(tierKeys[int(v)])
		}
		u.tip = g.tr("map.state.tip", g.stateName(mv.hover), g.tr(l.name), val)
		u.tipAt = [2]float64{u.mx, u.my}
	}
}

// tierKeys describe the export-tier layer's categories (1, 2, 3 = cap
// reached); tierLegend label them in the legend.
var tierKeys = [...]string{"", "tier.1", "tier.2", "tier.capped"}
var tierLegend = [...]string{"", "tier.1.short", "tier.2.short", "tier.capped.short"}

func trimFloat(v float64) string {
	if v == math.Trunc(v) {
		return thousands(int64(v))
	}
	return fmt.Sprintf("%.1f", v)
}

func (g *Game) siteTip(s model.SiteInfo) string {
	return g.tr("map.site.tip",
		s.Spec.Name, g.statusName(s.Status), thousands(int64(s.Chips[model.ChipActive])), thousands(int64(s.Spec.Chips)),
		s.DrawW.MW(), s.GrantedW.MW(), euros(s.Capex), euros(s.Revenue))
}

// colourFor gives a state's fill for the layer.
func (mv *mapView) colourFor(st int) color.RGBA {
	l := layers[mv.layer]
	v := mv.vals[st]
	if l.categorical {
		return tierColours[v]
	}
	lo, hi := mv.vals[0], mv.vals[0]
	for _, x := range mv.vals {
		lo, hi = min(lo, x), max(hi, x)
	}
	if hi == lo {
		return viridis(0.5)
	}
	return viridis((v - lo) / (hi - lo))
}

// render draws the map into the cached image. The land is a mask per
// state, rasterised on the CPU once per size (golang.org/x/image/vector,
// anti-aliased) and tinted with its colour by the GPU at each repaint, so
// a new colour costs no rasterising and no upload; the borders are plain
// triangles. (Ebitengine's own anti-aliased path filling goes through a
// stencil buffer, which took a second per map in a software renderer, and
// rasterising the whole map on the CPU at each repaint took 60 ms.)
func (mv *mapView) render(u *ui, key mapKey) {
	r := key.area
	w, h := int(math.Ceil(r.w*u.k)), int(math.Ceil(r.h*u.k))
	if w < 1 || h < 1 {
		return
	}
	if mv.img == nil || mv.img.Bounds().Dx() != w || mv.img.Bounds().Dy() != h {
		if mv.img != nil {
			mv.img.Deallocate()
		}
		mv.img = ebiten.NewImage(w, h)
		mv.rings = nil
	}
	if mv.rings == nil || mv.key.area != key.area || mv.key.k != key.k {
		mv.buildRings(r, u.k)
		mv.buildLand(w, h)
	}
	mv.img.Fill(colSea)
	for i, m := range mv.land {
		c := colNonEU
		if i > 0 {
			c = mv.colourFor(i - 1)
		}
		m.draw(mv.img, c)
	}
	mv.version++

	k := u.k
	mv.lines.reserve()
	mv.outline(mv.img, mv.context, 0, 0, 0.7*k, colContextEdge)
	for st := range mv.rings {
		mv.outline(mv.img, mv.rings[st], 0, 0, 0.9*k, colStateEdge)
	}
	if key.sel >= 0 {
		mv.outline(mv.img, mv.rings[key.sel], 0, 0, 2.5*k, colSelected)
	}
	mv.lines.flush(mv.img)
	// inset frames and state codes, into the image
	sub := &ui{dst: mv.img, k: k, f: u.f}
	for _, in := range mv.m.Insets {
		x0, y0 := mv.toScreen(eumap.Point{X: in.Frame.Min.X, Y: in.Frame.Max.Y})
		x1, y1 := mv.toScreen(eumap.Point{X: in.Frame.Max.X, Y: in.Frame.Min.Y})
		frame := rect{x0 - r.x, y0 - r.y, x1 - x0, y1 - y0}
		sub.fill(rect{frame.x, frame.y, frame.w, 15}, colSea)
		sub.stroke(frame, 1, colTextDim)
		sub.text(in.Title, frame.x+4, frame.y+2, u.f.small, colTextDim, left)
	}
	for st, s := range mv.m.States {
		x, y := mv.toScreen(s.Label)
		c := colText
		if !layers[mv.layer].categorical && viridisDark(mv.colourFor(st)) {
			c = colPanel
		}
		sub.text(s.Code, x-r.x, y-r.y-7, u.f.small, c, center)
	}
	// sub only records what it draws (see damage.go): draw it all now
	sub.replay(mv.img, mv.img.Bounds())
	mv.key, mv.ok = key, true
}

// viridisDark reports whether text on c should be light.
func viridisDark(c color.RGBA) bool { return int(c.R)*299+int(c.G)*587+int(c.B)*114 < 128000 }

// landMask is one shape's coverage, white with alpha premultiplied, over
// the box of the map image it covers.
type landMask struct {
	img  *ebiten.Image // nil if the shape is outside the map
	x, y int           // where img's corner goes on the map image
}

// draw tints the mask with c onto dst.
func (m landMask) draw(dst *ebiten.Image, c color.RGBA) {
	if m.img == nil {
		return
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(float64(m.x), float64(m.y))
	op.ColorScale.ScaleWithColor(c)
	dst.DrawImage(m.img, op)
}

// buildLand rasterises the non-EU land and each state, from the rings in
// device pixels (buildRings), into masks for a map image of w×h, each over
// its own bounding box only.
func (mv *mapView) buildLand(w, h int) {
	for _, m := range mv.land {
		if m.img != nil {
			m.img.Deallocate()
		}
	}
	shapes := append([][][]float32{mv.context}, mv.rings...)
	mv.land = make([]landMask, len(shapes))
	for i, rings := range shapes {
		mv.land[i] = mv.rasterise(rings, w, h)
	}
}

// rasterise draws closed rings as one anti-aliased mask clipped to w×h.
func (mv *mapView) rasterise(rings [][]float32, w, h int) landMask {
	box := image.Rectangle{Min: image.Pt(w, h)}
	for _, ring := range rings {
		for i := 0; i+1 < len(ring); i += 2 {
			x, y := int(math.Floor(float64(ring[i]))), int(math.Floor(float64(ring[i+1])))
			box.Min.X, box.Min.Y = min(box.Min.X, x), min(box.Min.Y, y)
			box.Max.X, box.Max.Y = max(box.Max.X, x+2), max(box.Max.Y, y+2)
		}
	}
	box = box.Intersect(image.Rect(0, 0, w, h))
	if box.Empty() {
		return landMask{}
	}
	z := &mv.raster
	z.Reset(box.Dx(), box.Dy())
	ox, oy := float32(box.Min.X), float32(box.Min.Y)
	for _, ring := range rings {
		for i := 0; i+1 < len(ring); i += 2 {
			if i == 0 {
				z.MoveTo(ring[i]-ox, ring[i+1]-oy)
			} else {
				z.LineTo(ring[i]-ox, ring[i+1]-oy)
			}
		}
		z.ClosePath()
	}
	cover := image.NewAlpha(image.Rect(0, 0, box.Dx(), box.Dy()))
	z.Draw(cover, cover.Bounds(), image.Opaque, image.Point{})
	pix := make([]byte, 4*len(cover.Pix))
	for i, a := range cover.Pix {
		pix[4*i], pix[4*i+1], pix[4*i+2], pix[4*i+3] = a, a, a, a
	}
	img := ebiten.NewImage(box.Dx(), box.Dy())
	img.WritePixels(pix)
	return landMask{img: img, x: box.Min.X, y: box.Min.Y}
}

// buildRings converts every ring to device pixels relative to the map
// image, for the borders.
func (mv *mapView) buildRings(r rect, k float64) {
	conv := func(rings [][]eumap.Point) [][]float32 {
		out := make([][]float32, len(rings))
		for i, ring := range rings {
			pts := make([]float32, 0, 2*len(ring))
			for _, pt := range ring {
				x, y := mv.toScreen(pt)
				pts = append(pts, float32((x-r.x)*k), float32((y-r.y)*k))
			}
			out[i] = pts
		}
		return out
	}
	mv.context = conv(mv.m.Context)
	mv.rings = make([][][]float32, len(mv.m.States))
	for st, s := range mv.m.States {
		mv.rings[st] = conv(s.Rings)
	}
}

// outline adds a state's (or the context's) borders to the line batch.
func (mv *mapView) outline(dst *ebiten.Image, rings [][]float32, dx, dy, width float64, c color.Color) {
	for _, ring := range rings {
		mv.lines.polyline(dst, ring, float32(dx), float32(dy), true, float32(width), c)
	}
}

// legendRects are where the layer's legend and the sites' legend go in
// the map r: its lower right; a short map keeps its room for the states
// and shows no sites' legend (site is empty).
func legendRects(r rect) (layer, site rect) {
	if r.h < 240 {
		return rect{x: r.x + r.w, y: r.y + r.h}, rect{} // no room: the layer button says what the colours are
	}
	w := min(250, r.w-16)
	layer = rect{r.x + r.w - w - 8, r.y + r.h - 58, w, 50}
	if r.h >= 420 {
		site = rect{r.x + r.w - w - 8, r.y + r.h - 132, w, 70}
	}
	return layer, site
}

// legend explains the layer's colours in the map's lower left.
func (mv *mapView) legend(g *Game, u *ui, r rect) {
	box, site := legendRects(r)
	if site != (rect{}) {
		mv.siteLegend(g, u, site)
	}
	if box.w == 0 {
		return
	}
	l := layers[mv.layer]
	u.fill(box, color.RGBA{0xff, 0xff, 0xff, 0xe0})
	u.stroke(box, 1, colBorder)
	u.text(g.tr(l.name)+" "+l.unit, box.x+8, box.y+4, u.f.small, colText, left)
	if l.categorical {
		x := box.x + 8
		for _, v := range []float64{1, 2, 3} {
			u.fill(rect{x, box.y + 24, 14, 14}, tierColours[v])
			label := g.tr(tierLegend[int(v)])
			u.text(label, x+18, box.y+24, u.f.small, colText, left)
			x += 26 + u.textWidth(label, u.f.small)
		}
		u.setTip(box, g.tr(l.tip))
		return
	}
	lo, hi := mv.vals[0], mv.vals[0]
	for _, x := range mv.vals {
		lo, hi = min(lo, x), max(hi, x)
	}
	bar := rect{box.x + 8, box.y + 22, box.w - 16, 10}
	for i := range 50 {
		u.fill(rect{bar.x + float64(i)*bar.w/50, bar.y, bar.w/50 + 0.5, bar.h}, viridis(float64(i)/49))
	}
	u.text(trimFloat(lo), bar.x, bar.y+11, u.f.small, colText, left)
	u.text(trimFloat(hi), bar.x+bar.w, bar.y+11, u.f.small, colText, right)
	u.setTip(box, g.tr(l.tip))
}

// siteLegend explains the sites' colours: their stage in the life cycle.
func (mv *mapView) siteLegend(g *Game, u *ui, box rect) {
	u.fill(box, color.RGBA{0xff, 0xff, 0xff, 0xe0})
	u.stroke(box, 1, colBorder)
	entries := []model.SiteStatus{model.SiteConstruction, model.SiteWaitingGrid, model.SiteWaitingChips, model.SiteOperating, model.SiteThrottled}
	for i, st := range entries {
		x := box.x + 10 + float64(i%2)*125
		y := box.y + 14 + float64(i/2)*21
		u.circle(x, y+1, 5, siteColour(st))
		u.text(g.statusName(st), x+9, y-6, u.f.small, colText, left)
	}
	u.setTip(box, g.tr("map.sites.tip"))
}
