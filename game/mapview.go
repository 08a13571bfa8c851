package game

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"runtime"

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
		func(g *Game, st int) float64 { return float64(g.sess.Sim().Release().State(st).PriceCentsPerMWh) / 100 }, false},
	{"layer.carbon", "g CO₂/kWh", "layer.carbon.tip",
		func(g *Game, st int) float64 { return float64(g.sess.Sim().Release().State(st).CarbonGPerKWh) }, false},
	{"layer.room", "MW", "layer.room.tip",
		func(g *Game, st int) float64 { return float64(g.outcomes()[st].GridSpareW.MW()) }, false},
	{"layer.tier", "", "layer.tier.tip",
		func(g *Game, st int) float64 {
			o := g.outcomes()[st]
			if o.Cap >= 0 && int64(o.CapUsed) >= o.Cap*1000 {
				return 3
			}
			return float64(g.sess.Sim().Release().State(st).Tier)
		}, true},
	{"layer.demand", "%", "layer.demand.tip",
		func(g *Game, st int) float64 { return float64(g.sess.Sim().Release().State(st).DemandPPM) / 10000 }, false},
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

	// the transform (see mapTransform) for the map area; base is its
	// scale at zoom 1, where the whole map fits the area
	mapTransform
	area rect
	// inner is the part of area the map fits in, clear of the boxes over it
	// (mapInner)
	inner rect
	base  float64
	// the view: zoom from 1 (the whole map) to maxZoom, about the map
	// point cx, cy (map units, unrounded) at the area's centre; fit makes
	// the transform from it, keeping the map within the area
	zoom, cx, cy float64
	// gesture: a finger or the mouse is panning or pinching, and
	// wheelQuiet counts the updates since the wheel last turned: while the
	// view moves, the cached image is drawn scaled rather than rasterised
	// anew at every step (see drawImage)
	gesture    bool
	wheelQuiet int
	// panning: the mouse button went down on the map (not on a site) and
	// is still down; panX, panY is where the cursor was at the last update
	panning    bool
	panX, panY float64
	// finger is what the finger that touched the map is doing, and
	// fingerSite the site it touched down on, if any (see touchInput)
	finger     fingerUse
	fingerSite model.SiteID
	// controls are where the widgets over the map are (layer buttons, the
	// zoom reset), laid out this update: a finger that touches down on one
	// neither pans nor drags; controlsBottom is the lowest of their edges
	// at the top right, where the toasts go below
	controls       []rect
	controlsBottom float64

	hover         int
	click         eumap.Point
	clickState    int
	dragSite      model.SiteID
	dragX, dragY  float64 // where the drag started
	dragAtX       float64 // where the dragged site is now drawn
	dragAtY       float64
	dragMoved     bool
	outcomesDay   model.Day
	outcomesCache []model.StateOutcome
	outcomesSim   *model.Sim
}

type mapKey struct {
	area  rect
	k     float64
	xf    mapTransform // the view the image was rendered at
	layer int
	sel   int
	vals  [model.NumStates]float64
}

// mapTransform places the map on screen: a map point p is at
// (ox + (p.X - min.X) * scale, oy + (max.Y - p.Y) * scale) in logical
// pixels (the map's y grows northwards, the screen's downwards).
type mapTransform struct{ scale, ox, oy float64 }

// fingerUse is what a finger on the map is doing.
type fingerUse uint8

const (
	fingerNone  fingerUse = iota
	fingerMap             // it touched down on the map: a drag pans, or moves the site it touched
	fingerPinch           // two fingers zoom and pan the map
)

const (
	// maxZoom is the closest view: eight times the whole map's scale
	// shows a state such as Belgium across a tablet's map.
	maxZoom = 8.0
	// zoomStep is a key's (+ or -) zoom.
	zoomStep = 1.5
	// wheelSettle is how many updates without a wheel turn end a wheel
	// zoom: then the map is rasterised at the new view.
	wheelSettle = 6
)

func (mv *mapView) init() {
	mv.m = eumap.Load()
	mv.hover, mv.clickState = -1, -1
	mv.wheelQuiet = wheelSettle
	mv.resetView()
}

// resetView shows the whole map.
func (mv *mapView) resetView() {
	b := mv.m.Bounds
	mv.zoom = 1
	mv.cx, mv.cy = (float64(b.Min.X)+float64(b.Max.X))/2, (float64(b.Min.Y)+float64(b.Max.Y))/2
	if mv.base > 0 {
		mv.fit(mv.area, mv.inner)
	}
}

// zoomLevel is the view's zoom, 1 for the whole map.
func (mv *mapView) zoomLevel() float64 { return max(mv.zoom, 1) }

// zoomAbout zooms the view by factor (within 1 to maxZoom), keeping the
// map point under the screen point x, y there (unless that would show
// beyond the map's edges).
func (mv *mapView) zoomAbout(x, y, factor float64) {
	if mv.scale <= 0 || !(factor > 0) {
		return
	}
	b := mv.m.Bounds
	px := float64(b.Min.X) + (x-mv.ox)/mv.scale
	py := float64(b.Max.Y) - (y-mv.oy)/mv.scale
	mv.zoom = min(max(mv.zoom*factor, 1), maxZoom)
	mv.scale = mv.base * mv.zoom
	mv.ox = x - (px-float64(b.Min.X))*mv.scale
	mv.oy = y - (float64(b.Max.Y)-py)*mv.scale
	mv.clamp()
}

// zoomBy zooms about the middle of the map area (the + and - keys).
func (mv *mapView) zoomBy(factor float64) {
	mv.zoomAbout(mv.area.x+mv.area.w/2, mv.area.y+mv.area.h/2, factor)
}

// pan moves the view by dx, dy logical pixels, within the map's edges.
func (mv *mapView) pan(dx, dy float64) {
	mv.ox += dx
	mv.oy += dy
	mv.clamp()
}

// clamp keeps the map within the area: zoomed in, no more sea shows beyond
// the map's edges than at zoom 1. It then sets the view's centre from the
// transform.
func (mv *mapView) clamp() {
	b, r := mv.m.Bounds, mv.inner
	bw, bh := float64(b.Max.X-b.Min.X), float64(b.Max.Y-b.Min.Y)
	mx, my := (r.w-bw*mv.base)/2, (r.h-bh*mv.base)/2 // the margins at zoom 1
	mv.ox = min(max(mv.ox, r.x+r.w-mx-bw*mv.scale), r.x+mx)
	mv.oy = min(max(mv.oy, r.y+r.h-my-bh*mv.scale), r.y+my)
	mv.cx = float64(b.Min.X) + (r.x+r.w/2-mv.ox)/mv.scale
	mv.cy = float64(b.Max.Y) - (r.y+r.h/2-mv.oy)/mv.scale
}

// moving reports whether the view is moving under a gesture or the
// wheel: the map is then drawn from its cached image, scaled.
func (mv *mapView) moving() bool { return mv.gesture || mv.wheelQuiet < wheelSettle }

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

// fit places the map in r, keeping its aspect: at zoom 1 its bounds fit
// r; zoomed, the view's centre is in the middle of r.
func (mv *mapView) fit(r, inner rect) {
	b := mv.m.Bounds
	pad := 16.0
	bw, bh := float64(b.Max.X-b.Min.X), float64(b.Max.Y-b.Min.Y)
	mv.area, mv.inner = r, inner
	mv.base = min((inner.w-2*pad)/bw, (inner.h-2*pad)/bh)
	if mv.base <= 0 {
		mv.mapTransform = mapTransform{}
		return
	}
	mv.scale = mv.base * mv.zoomLevel()
	mv.ox = inner.x + inner.w/2 - (mv.cx-float64(b.Min.X))*mv.scale
	mv.oy = inner.y + inner.h/2 - (float64(b.Max.Y)-mv.cy)*mv.scale
	mv.clamp()
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

// StatePoint returns where a click or a tap picks a state, in logical
// (CSS) pixels: its label, or the nearest point to it in the state that no
// site and no box over the map covers. Tests and the automation API click
// there. It is not ok when no such point is in sight (the map zoomed or
// the state covered).
func (g *Game) StatePoint(code string) (x, y float64, ok bool) {
	mv := &g.mv
	for st, s := range mv.m.States {
		if s.Code != code || mv.scale <= 0 {
			continue
		}
		lx, ly := mv.toScreen(s.Label)
		sites := g.sess.Sim().Sites()
		// rings of points around the label: first one clear of the sites'
		// tooltips too, else one only off the sites
		for _, clear := range []func(x, y float64) bool{
			func(x, y float64) bool { return mv.clearOfSites(x, y, sites) },
			func(x, y float64) bool { return mv.siteAt(x, y, sites) == 0 },
		} {
			for d := 0.0; d <= 60; d += 3 {
				n := max(1, int(d))
				for i := range n {
					a := 2 * math.Pi * float64(i) / float64(n)
					x, y := lx+d*math.Cos(a), ly+d*math.Sin(a)
					if mv.free(&g.u, mv.area, x, y) && mv.stateAt(x, y) == st && clear(x, y) {
						return x, y, true
					}
				}
			}
		}
		return lx, ly, false
	}
	return 0, 0, false
}

// clearOfSites reports whether x, y is far enough from every site that
// neither a click nor a site's tooltip takes it.
func (mv *mapView) clearOfSites(x, y float64, sites []model.SiteInfo) bool {
	for _, s := range sites {
		sx, sy := mv.siteXY(s.Spec)
		if s.Status != model.SiteRemoved && math.Hypot(x-sx, y-sy) <= siteRadius(s.Spec.Chips)+8 {
			return false
		}
	}
	return true
}

// SitePoint returns where a site is drawn on screen, in logical pixels
// (not ok outside the map area, when zoomed).
func (g *Game) SitePoint(id model.SiteID) (x, y float64, ok bool) {
	sites := g.sess.Sim().Sites()
	if id < 1 || int(id) > len(sites) || g.mv.scale == 0 {
		return 0, 0, false
	}
	x, y = g.mv.siteXY(sites[id-1].Spec)
	return x, y, g.mv.area.contains(x, y)
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
// The widgets over the map take their clicks before the map beneath them
// (so they are laid out first in the update pass) and are drawn over it.
func (mv *mapView) layout(g *Game, u *ui, r rect) {
	mv.fit(r, g.mapInner(u, r))
	sites := g.sess.Sim().Sites()
	if u.drawing() {
		mv.draw(g, u, r, sites)
		mv.tips(g, u, r, sites)
		mv.onTop(g, u, r)
	} else {
		mv.onTop(g, u, r)
		mv.input(g, u, r, sites)
		mv.tips(g, u, r, sites)
	}
}

// onTop lays out what lies over the map: the layer buttons, the zoom
// control, the legends' places, the guided preset's goals and the toasts.
func (mv *mapView) onTop(g *Game, u *ui, r rect) {
	mv.controls = mv.controls[:0]
	mv.layerButtons(g, u, r)
	mv.zoomControls(g, u, r)
	legend, site := legendRects(r)
	if legend.w > 0 {
		u.place("legend", legend, rect{}, false)
	}
	if site.w > 0 {
		u.place("site legend", site, rect{}, false)
	}
	goals := g.goalsBox(u, r, goalsTop(g, r), true)
	toasts := r // drawToasts starts 44 pixels below the top of its rect
	toasts.y = max(r.y, mv.controlsBottom+8-44)
	if goals.w > 0 && goals.x+goals.w > r.x+r.w-min(370, r.w-16)-10 {
		toasts.y = goals.y + goals.h + 8 - 44 // a narrow map: under the goals
	}
	toasts.h = r.y + r.h - toasts.y
	if site.w > 0 {
		toasts.h = site.y - 8 - toasts.y // and above the legends
	} else if legend.w > 0 {
		toasts.h = legend.y - 8 - toasts.y
	}
	g.log.drawToasts(u, toasts)
	// the boxes over the map are the map's no more: a click or a finger
	// on them picks nothing beneath
	for _, b := range []rect{legend, site, goals} {
		if b.w > 0 {
			mv.controls = append(mv.controls, b)
		}
	}
	if !u.drawing() && u.click && !u.used && !mv.free(u, r, u.mx, u.my) && r.contains(u.mx, u.my) && !u.covered.contains(u.mx, u.my) {
		u.used = true
	}
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
		mv.controls = append(mv.controls, b)
		mv.controlsBottom = b.y + b.h
		if u.button(b, label, false, g.tr(l.tip)+" "+g.tr("map.layer.next.tip")) {
			mv.layer = (mv.layer + 1) % len(layers)
			mv.invalidate()
		}
		return
	}
	bx := r.x + 8
	for i, l := range layers {
		w := u.textWidth(g.tr(l.name), u.f.normal) + 18
		b := rect{bx, r.y + 8, w, 26}
		mv.controls = append(mv.controls, b)
		if u.button(b, g.tr(l.name), mv.layer == i, g.tr(l.tip)+" (L)") {
			mv.layer = i
			mv.invalidate()
		}
		bx += w + 4
	}
	mv.controlsBottom = r.y + 8 + 26
}

// zoomControls shows, while the map is zoomed in, a button at its top
// right that shows the whole map again (as the 0 key does), big enough for
// a finger (44 CSS pixels).
func (mv *mapView) zoomControls(g *Game, u *ui, r rect) {
	if mv.zoomLevel() <= 1 {
		return
	}
	label := g.tr("map.zoom.reset")
	w := max(44, u.textWidth(label, u.f.normal)+24)
	b := rect{r.x + r.w - 8 - w, r.y + 8, w, 44}
	if len(mv.controls) > 0 { // below the layer buttons if they reach it
		if last := mv.controls[len(mv.controls)-1]; last.x+last.w+8 > b.x {
			b.y = last.y + last.h + 8
		}
	}
	mv.controls = append(mv.controls, b)
	mv.controlsBottom = max(mv.controlsBottom, b.y+b.h)
	if u.button(b, label, false, g.tr("map.zoom.reset.tip")) {
		mv.resetView()
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

// input handles the map's part of this update's input: the wheel, then a
// finger's gestures or the mouse.
func (mv *mapView) input(g *Game, u *ui, r rect, sites []model.SiteInfo) {
	mv.hover = -1
	if u.hover(r) {
		mv.hover = mv.stateAt(u.mx, u.my)
	}
	mv.wheelInput(g, u, r)
	if g.touch.active {
		mv.touchInput(g, u, r, sites)
	} else {
		mv.mouseInput(g, u, r, sites)
	}
	if !mv.moving() && mv.ok && mv.key.xf != mv.mapTransform {
		g.needsDraw = true // the view settled: draw the map anew at it
	}
}

// wheelInput zooms about the cursor as the wheel (or a trackpad) turns.
func (mv *mapView) wheelInput(g *Game, u *ui, r rect) {
	mv.wheelQuiet = min(mv.wheelQuiet+1, wheelSettle)
	if g.touch.wheel == 0 || !u.hover(r) {
		return
	}
	mv.wheelQuiet = 0
	mv.zoomAbout(u.mx, u.my, wheelFactor(g.touch.wheel))
}

// wheelNotch is how much Ebitengine's wheel turns for one notch of a mouse
// wheel: a line on a desktop, the browser's pixels (about 100) on a page.
var wheelNotch = map[bool]float64{false: 1, true: 100}[runtime.GOOS == "js"]

// wheelFactor is the zoom for a wheel turn: √2 a notch, at most that in an
// update; a trackpad's small steps zoom smoothly.
func wheelFactor(turn float64) float64 {
	return math.Pow(2, min(max(turn/wheelNotch, -1), 1)/2)
}

// mouseInput: a click picks the state or site under the cursor; pressing
// on a site and releasing elsewhere moves it; pressing elsewhere and
// dragging pans the zoomed map.
func (mv *mapView) mouseInput(g *Game, u *ui, r rect, sites []model.SiteInfo) {
	mv.finger = fingerNone
	if mv.panning {
		if u.release {
			mv.panning, mv.gesture = false, false
		} else if u.mx != mv.panX || u.my != mv.panY {
			mv.pan(u.mx-mv.panX, u.my-mv.panY)
			mv.panX, mv.panY, mv.gesture = u.mx, u.my, true
		}
	}
	// dragging a site moves it when the button is released elsewhere
	if mv.dragSite != 0 {
		if math.Hypot(u.mx-mv.dragX, u.my-mv.dragY) > 4 {
			mv.dragMoved = true
		}
		mv.dragAtX, mv.dragAtY = u.mx, u.my
		if u.release {
			id := mv.dragSite
			mv.dragSite = 0
			if mv.dragMoved {
				mv.moveSite(g, id, u.mx, u.my)
			}
		}
		return
	}
	if !u.clicked(r) {
		return
	}
	if !mv.pick(g, u.mx, u.my, sites, true) {
		mv.panning, mv.panX, mv.panY = true, u.mx, u.my
	}
}

// touchInput: a tap picks the state or site under the finger (on release,
// so that a long press, which shows the tooltip, picks nothing); a finger
// that touched down on a site and moves drags it, elsewhere it pans the
// zoomed map; two fingers pinch to zoom about their midpoint and pan.
func (mv *mapView) touchInput(g *Game, u *ui, r rect, sites []model.SiteInfo) {
	f := g.touch.frame
	mv.panning = false
	switch {
	case f.Down:
		mv.finger, mv.fingerSite = fingerNone, 0
		if mv.free(u, r, f.X, f.Y) {
			mv.finger, mv.fingerSite = fingerMap, mv.siteAt(f.X, f.Y, sites)
		}
	case f.PinchStart:
		if mv.finger == fingerMap || mv.free(u, r, f.X, f.Y) {
			mv.finger, mv.dragSite, mv.gesture = fingerPinch, 0, true // a second finger drops a site being dragged
		}
	case f.Pinch && mv.finger == fingerPinch:
		mv.zoomAbout(f.PX, f.PY, f.Scale)
		mv.pan(f.X-f.PX, f.Y-f.PY)
	case f.Drag && mv.finger == fingerMap && mv.fingerSite != 0:
		if mv.dragSite == 0 { // a site picked up is selected, as a mouse press does
			g.selSite, g.tab = mv.fingerSite, tabSite
			mv.dragSite, mv.dragMoved = mv.fingerSite, true
		}
		mv.dragAtX, mv.dragAtY = f.X, f.Y
	case f.Drag && mv.finger == fingerMap:
		mv.pan(f.DX, f.DY)
		mv.gesture = true
	case f.Up && mv.dragSite != 0:
		mv.moveSite(g, mv.dragSite, f.X, f.Y)
	}
	if p := g.touch.rec.phase; p == phaseIdle || p == phaseDone {
		// every finger is up, or what is left of a pinch means nothing
		mv.finger, mv.fingerSite, mv.dragSite, mv.gesture = fingerNone, 0, 0, false
	}
	if u.clicked(r) { // a tap
		mv.pick(g, u.mx, u.my, sites, false)
	}
}

// free reports whether x, y is on the map itself: inside r, under no sheet
// and no widget over the map.
func (mv *mapView) free(u *ui, r rect, x, y float64) bool {
	if !r.contains(x, y) || u.covered.contains(x, y) {
		return false
	}
	for _, c := range mv.controls {
		if c.contains(x, y) {
			return false
		}
	}
	return true
}

// pick selects the site or else the state under x, y (nothing on the sea),
// and reports whether it was a site; drag starts dragging that site (a
// mouse press).
func (mv *mapView) pick(g *Game, x, y float64, sites []model.SiteInfo, drag bool) bool {
	if id := mv.siteAt(x, y, sites); id != 0 {
		g.selSite = id
		g.tab = tabSite
		if drag {
			mv.dragSite, mv.dragX, mv.dragY, mv.dragAtX, mv.dragAtY, mv.dragMoved = id, x, y, x, y, false
		}
		return true
	}
	if st := mv.stateAt(x, y); st >= 0 {
		g.selState = st
		mv.click, mv.clickState = mv.toMap(x, y), st
		g.tab = tabState
		mv.invalidate()
		return false
	}
	g.selState = -1
	mv.invalidate()
	return false
}

// moveSite moves a dragged site to where it was dropped, if that is in a
// member state.
func (mv *mapView) moveSite(g *Game, id model.SiteID, x, y float64) {
	st := mv.stateAt(x, y)
	if st < 0 || !mv.area.contains(x, y) {
		return
	}
	lon, lat := degrees(eumap.Unproject(mv.toMap(x, y)))
	to, err := model.ParseState(mv.m.States[st].Code)
	if err != nil {
		return
	}
	g.Do(model.Command{Op: model.MoveSite{Site: id, State: to, Lon: lon, Lat: lat}})
}

// tips sets the tooltip of the site or state under the pointer. In the
// update pass (where the widgets over the map came first) it leaves a
// widget's tooltip alone; in the draw pass they come after and override.
func (mv *mapView) tips(g *Game, u *ui, r rect, sites []model.SiteInfo) {
	if !u.drawing() && u.tip != "" {
		return
	}
	for _, s := range sites {
		if s.Status == model.SiteRemoved {
			continue
		}
		x, y := mv.siteXY(s.Spec)
		if !r.contains(x, y) {
			continue
		}
		rad := siteRadius(s.Spec.Chips)
		if hit := (rect{x - rad - 3, y - rad - 3, 2*rad + 6, 2*rad + 6}); u.hover(hit) {
			u.setTip(hit, g.siteTip(s)) // formatted only under the pointer
		}
	}
	if mv.hover >= 0 && u.tip == "" {
		l := layers[mv.layer]
		v := l.value(g, mv.hover)
		val := fmt.Sprintf("%s %s", trimFloat(v), l.unit)
		if l.categorical {
			val = g.tr(tierKeys[int(v)])
		}
		u.tip = g.tr("map.state.tip", g.stateName(mv.hover), g.tr(l.name), val)
		u.tipAt = [2]float64{u.mx, u.my}
	}
}

func (mv *mapView) draw(g *Game, u *ui, r rect, sites []model.SiteInfo) {
	l := layers[mv.layer]
	for st := range mv.vals {
		mv.vals[st] = l.value(g, st)
	}
	key := mapKey{area: r, k: u.k, xf: mv.mapTransform, layer: mv.layer, sel: g.selState, vals: mv.vals}
	if mv.moving() && mv.ok && mv.key.area == r && mv.key.k == u.k {
		// while the view moves, the image stays at its view and is drawn
		// scaled: a new colour repaints it, a new view would rasterise
		key.xf = mv.key.xf
	}
	if !mv.ok || key != mv.key {
		mv.render(u, key)
	}
	mv.drawImage(u, r)

	// hover outline, live (the rings are at the image's view)
	if mv.hover >= 0 && mv.hover != g.selState && mv.hover < len(mv.rings) && mv.key.xf == mv.mapTransform {
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
			x, y = mv.dragAtX, mv.dragAtY
		} else if !r.contains(x, y) {
			continue // zoomed out of view
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
	}
}

// drawImage puts the map's cached image on screen. If the view has moved
// since the image was rendered (a pinch, a pan, the wheel under way), the
// image is scaled and shifted to the view, over the sea, cropped to the
// map area so that nothing lands outside it.
func (mv *mapView) drawImage(u *ui, r rect) {
	k := u.k
	op := &ebiten.DrawImageOptions{}
	if mv.key.xf == mv.mapTransform {
		op.GeoM.Translate(math.Round(r.x*k), math.Round(r.y*k))
		u.image(mv.img, mv.version, op)
		return
	}
	u.fill(r, colSea)
	from := mv.key.xf
	if from.scale <= 0 {
		return
	}
	// an image pixel i lands at device pixel i*f + t
	f := mv.scale / from.scale
	tx, ty := k*(mv.ox+(r.x-from.ox)*f), k*(mv.oy+(r.y-from.oy)*f)
	src := image.Rect(int(math.Ceil((r.x*k-tx)/f)), int(math.Ceil((r.y*k-ty)/f)),
		int(math.Floor(((r.x+r.w)*k-tx)/f)), int(math.Floor(((r.y+r.h)*k-ty)/f))).Intersect(mv.img.Bounds())
	if src.Empty() {
		return
	}
	op.GeoM.Scale(f, f)
	op.GeoM.Translate(tx+float64(src.Min.X)*f, ty+float64(src.Min.Y)*f)
	op.Filter = ebiten.FilterLinear
	u.image(mv.img.SubImage(src).(*ebiten.Image), mv.version, op)
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
	// the image is drawn at the key's view, which may lag the live one
	live := mv.mapTransform
	mv.mapTransform = key.xf
	defer func() { mv.mapTransform = live }()
	if mv.img == nil || mv.img.Bounds().Dx() != w || mv.img.Bounds().Dy() != h {
		if mv.img != nil {
			mv.img.Deallocate()
		}
		mv.img = ebiten.NewImage(w, h)
		mv.rings = nil
	}
	if mv.rings == nil || mv.key.area != key.area || mv.key.k != key.k || mv.key.xf != key.xf {
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

// ringTolerance is how far, in device pixels, a ring drawn may stray from
// the map's own (buildRings).
const ringTolerance = 0.5

// buildRings converts every ring to device pixels relative to the map
// image, for the borders and the land masks, simplified to within
// ringTolerance (simplify). Most of the map's 33,000 border segments are
// shorter than a device pixel on a phone or a laptop, and each is a quad
// to lay out, hand to Ebitengine, upload and rasterise: the first render
// of the map was about a fifth of the Go program's start on a phone-class
// CPU (docs/performance.md, "Phone-class speed").
func (mv *mapView) buildRings(r rect, k float64) {
	conv := func(rings [][]eumap.Point) [][]float32 {
		out := make([][]float32, len(rings))
		for i, ring := range rings {
			pts := make([]float32, 0, 2*len(ring))
			for _, pt := range ring {
				x, y := mv.toScreen(pt)
				pts = append(pts, float32((x-r.x)*k), float32((y-r.y)*k))
			}
			out[i] = simplify(pts, ringTolerance)
		}
		return out
	}
	mv.context = conv(mv.m.Context)
	mv.rings = make([][][]float32, len(mv.m.States))
	for st, s := range mv.m.States {
		mv.rings[st] = conv(s.Rings)
	}
}

// simplify drops the points of a ring (x, y pairs) that lie within tol of
// the line through the points kept around them (Douglas and Peucker), in
// place; the first and the last points are kept.
func simplify(pts []float32, tol float32) []float32 {
	n := len(pts) / 2
	if n < 4 {
		return pts
	}
	keep := make([]bool, n)
	keep[0], keep[n-1] = true, true
	stack := [][2]int{{0, n - 1}}
	for len(stack) > 0 {
		a, b := stack[len(stack)-1][0], stack[len(stack)-1][1]
		stack = stack[:len(stack)-1]
		if b-a < 2 {
			continue
		}
		ax, ay, bx, by := pts[2*a], pts[2*a+1], pts[2*b], pts[2*b+1]
		dx, dy := bx-ax, by-ay
		l2 := dx*dx + dy*dy
		far, farD := -1, tol*tol
		for i := a + 1; i < b; i++ {
			px, py := pts[2*i]-ax, pts[2*i+1]-ay
			var d float32
			if l2 == 0 {
				d = px*px + py*py
			} else {
				c := px*dy - py*dx // the distance to the line, times its length
				d = c * c / l2
			}
			if d > farD {
				far, farD = i, d
			}
		}
		if far >= 0 {
			keep[far] = true
			stack = append(stack, [2]int{a, far}, [2]int{far, b})
		}
	}
	out := pts[:0]
	for i, k := range keep {
		if k {
			out = append(out, pts[2*i], pts[2*i+1])
		}
	}
	return out
}

// outline adds a state's (or the context's) borders to the line batch.
func (mv *mapView) outline(dst *ebiten.Image, rings [][]float32, dx, dy, width float64, c color.Color) {
	for _, ring := range rings {
		mv.lines.polyline(dst, ring, float32(dx), float32(dy), true, float32(width), c)
	}
}

// shortMap says the map area r is too short for boxes over it (a phone
// with a sheet open): it shows the map alone, with its layer button.
func shortMap(r rect) bool { return r.h < 320 }

// legendRects are where the layer's legend and the sites' legend go in
// the map r: its lower right, the sites' beside the layer's where there is
// room, else above it; a short map shows no sites' legend (site is
// empty), and a very short one no legend at all (layer is empty, at r's
// lower right corner).
func legendRects(r rect) (layer, site rect) {
	if shortMap(r) {
		return rect{x: r.x + r.w, y: r.y + r.h}, rect{}
	}
	w := min(250, r.w-16)
	layer = rect{r.x + r.w - w - 8, r.y + r.h - 58, w, 50}
	switch {
	case r.w >= 2*w+24:
		site = rect{layer.x - w - 8, r.y + r.h - 78, w, 70}
	case r.h >= 420:
		site = rect{layer.x, r.y + r.h - 132, w, 70}
	}
	return layer, site
}

// goalsTop is where the goals box starts in the map r: under the layer
// buttons.
func goalsTop(g *Game, r rect) float64 { return r.y + 16 + max(26, g.rowH()) }

// mapInner is the part of the map area r where the map itself fits,
// clear of the boxes over it: the layer buttons and the goals at the top
// left, the legends at the bottom. The goals take either a strip across
// the top or a column at the left, whichever leaves the map larger.
func (g *Game) mapInner(u *ui, r rect) rect {
	if shortMap(r) {
		return r
	}
	layer, site := legendRects(r)
	bottom := r.y + r.h
	if layer.w > 0 {
		bottom = layer.y
	}
	if site.w > 0 {
		bottom = min(bottom, site.y)
	}
	top := goalsTop(g, r)
	strip := rect{r.x, top, r.w, bottom - top}
	b := g.mv.m.Bounds
	bw, bh := float64(b.Max.X-b.Min.X), float64(b.Max.Y-b.Min.Y)
	scale := func(in rect) float64 { return min(in.w/bw, in.h/bh) }
	clear := func(goals rect) rect {
		below := rect{r.x, goals.y + goals.h, r.w, bottom - goals.y - goals.h}
		beside := rect{goals.x + goals.w, r.y, r.w - goals.w - 8, bottom - r.y}
		if scale(beside) > scale(below) {
			return beside
		}
		return below
	}
	g.goalsAutoFolded = false
	goals := g.goalsBox(u, r, top, false)
	if goals.w == 0 {
		return strip
	}
	in := clear(goals)
	// open goals that would leave the map less than 70% of its size start
	// folded (a tap on their heading opens them)
	if g.goalsFold == goalsAuto && scale(in) < 0.7*scale(strip) {
		g.goalsAutoFolded = true
		in = clear(g.goalsBox(u, r, top, false))
	}
	return in
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
