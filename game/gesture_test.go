package game

import (
	"fmt"
	"image"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"gigasandbox/model"
)

// fingers is a frame's touches, for the tables below: pairs of x, y, the
// first finger's id 1, the second's 2.
func fingers(xy ...float64) []touchPoint {
	var pts []touchPoint
	for i := 0; i+1 < len(xy); i += 2 {
		pts = append(pts, touchPoint{id: i/2 + 1, x: xy[i], y: xy[i+1]})
	}
	return pts
}

// summary names what a frame says, in a fixed order, with its position:
// "down@100,100", "tap@100,100 up", "drag+30,0@130,100", "pinch×2.00@150,100".
func summary(f gestureFrame) string {
	var s []string
	at := fmt.Sprintf("@%.0f,%.0f", f.X, f.Y)
	if f.Down {
		s = append(s, "down"+at)
	}
	if f.Tap {
		s = append(s, "tap"+at)
	}
	if f.LongPress {
		s = append(s, "long"+at)
	} else if f.Hold {
		s = append(s, "hold"+at)
	}
	if f.Drag {
		s = append(s, fmt.Sprintf("drag%+.0f,%+.0f%s", f.DX, f.DY, at))
	}
	if f.PinchStart {
		s = append(s, "pinchstart"+at)
	} else if f.Pinch {
		s = append(s, fmt.Sprintf("pinch×%.2f%s", f.Scale, at))
	}
	if f.Up {
		s = append(s, "up"+at)
	}
	return strings.Join(s, " ")
}

func TestGestures(t *testing.T) {
	type frame struct {
		ms   int // since the first frame
		pts  []touchPoint
		want string
	}
	tests := []struct {
		name   string
		frames []frame
	}{
		{"a tap", []frame{
			{0, fingers(100, 100), "down@100,100"},
			{16, fingers(100, 100), ""},
			{100, nil, "tap@100,100"},
			{116, nil, ""},
		}},
		{"a tap that shakes less than the slop", []frame{
			{0, fingers(100, 100), "down@100,100"},
			{16, fingers(106, 107), ""},
			{32, nil, "tap@106,107"},
		}},
		{"a long press fires once, then holds; its release is no tap", []frame{
			{0, fingers(100, 100), "down@100,100"},
			{499, fingers(103, 100), ""},
			{500, fingers(103, 100), "long@103,100"},
			{516, fingers(103, 100), "hold@103,100"},
			{600, fingers(140, 100), "hold@140,100"}, // the tooltip follows the finger
			{616, nil, "up@140,100"},
		}},
		{"a drag counts from where the finger came down", []frame{
			{0, fingers(100, 100), "down@100,100"},
			{16, fingers(108, 100), ""},
			{32, fingers(111, 100), "drag+11,+0@111,100"},
			{48, fingers(130, 95), "drag+19,-5@130,95"},
			{800, fingers(130, 95), "drag+0,+0@130,95"}, // resting mid-drag is no long press
			{816, nil, "up@130,95"},
		}},
		{"a pinch: no jump when the second finger comes, then the scale and midpoint", []frame{
			{0, fingers(100, 100), "down@100,100"},
			{16, fingers(100, 100, 200, 100), "pinchstart@150,100"},
			{32, fingers(50, 100, 250, 100), "pinch×2.00@150,100"},
			{48, fingers(60, 120, 260, 120), "pinch×1.00@160,120"},
			{64, fingers(60, 120), ""}, // one finger left: nothing
			{80, fingers(90, 120), ""},
			{96, nil, "up@160,120"},
		}},
		{"the order of the touches does not matter", []frame{
			{0, []touchPoint{{2, 200, 100}, {1, 100, 100}}, "pinchstart@150,100"},
			{16, []touchPoint{{1, 125, 100}, {2, 175, 100}}, "pinch×0.50@150,100"},
			{32, nil, "up@150,100"},
		}},
		{"a third finger changes nothing", []frame{
			{0, fingers(100, 100, 200, 100), "pinchstart@150,100"},
			{16, fingers(100, 100, 200, 100, 400, 400), "pinch×1.00@150,100"},
			{32, nil, "up@150,100"},
		}},
		{"another finger in the first's place within a frame is not a tap", []frame{
			{0, fingers(100, 100), "down@100,100"},
			{16, []touchPoint{{7, 300, 300}}, ""},
			{32, nil, "up@100,100"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var gr gestures
			t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			for i, f := range tt.frames {
				got := summary(gr.update(t0.Add(time.Duration(f.ms)*time.Millisecond), f.pts))
				if got != f.want {
					t.Errorf("frame %d (%d ms, %v): %q, want %q", i, f.ms, f.pts, got, f.want)
				}
			}
		})
	}
}

// TestTouchPointer: a finger is the page's pointer only where it means
// it: a tap clicks at the tap, a long press hovers (and its tooltip stays
// after the finger rose, until the next touch), and otherwise nothing is
// hovered; the mouse takes the pointer back when it moves.
func TestTouchPointer(t *testing.T) {
	var ti touchInput
	var u ui
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	step := func(ms int, pts []touchPoint, mouseMoved bool) {
		u.mx, u.my, u.click, u.release = 5, 5, false, false // the mouse's
		ti.update(&u, t0.Add(time.Duration(ms)*time.Millisecond), pts, mouseMoved)
	}
	type want struct {
		mx, my         float64
		click, release bool
	}
	check := func(what string, w want) {
		t.Helper()
		if got := (want{u.mx, u.my, u.click, u.release}); got != w {
			t.Errorf("%s: pointer %+v, want %+v", what, got, w)
		}
	}
	step(0, nil, false)
	check("no touch yet", want{5, 5, false, false})
	step(16, fingers(100, 100), false)
	check("a finger down", want{offscreen, offscreen, false, false})
	step(100, nil, false)
	check("its tap", want{100, 100, true, true})
	step(116, nil, false)
	check("after the tap", want{offscreen, offscreen, false, false})
	step(200, fingers(300, 200), false)
	step(700, fingers(302, 200), false)
	check("a long press", want{302, 200, false, false})
	step(716, nil, false)
	check("the long press ends", want{302, 200, false, true})
	step(800, nil, false)
	check("the long press's tooltip stays", want{302, 200, false, false})
	step(816, nil, true)
	check("the mouse moved", want{5, 5, false, false})
	if ti.active {
		t.Error("the mouse moved but the finger is still the pointer")
	}
}

func TestWheelFactor(t *testing.T) {
	notch := wheelNotch
	for _, tt := range []struct{ turn, want float64 }{
		{0, 1}, {notch, math.Sqrt2}, {-notch, 1 / math.Sqrt2}, {5 * notch, math.Sqrt2}, {notch / 2, math.Pow(2, 0.25)},
	} {
		if got := wheelFactor(tt.turn); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("wheelFactor(%v) = %v, want %v", tt.turn, got, tt.want)
		}
	}
}

// fingerClock makes the game's clock a test's, read once an update (by
// touchFrame): each touch frame is 16 ms after the last.
func fingerClock(g *Game) {
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	g.now = func() time.Time { clock = clock.Add(16 * time.Millisecond); return clock }
	g.touch.rec = gestures{}
}

// touchFrame runs one update pass with these fingers on the screen, as
// readInput would have read them (no mouse, no wheel).
func touchFrame(g *Game, pts ...touchPoint) {
	u := &g.u
	u.dst = nil
	u.click, u.release, u.used, u.keyNext, u.tip = false, false, false, 0, ""
	g.touch.wheel = 0
	g.touch.update(u, g.now(), pts, false)
	g.scrollInput()
	g.layout(u)
}

// tap taps at x, y: down, a frame held, up.
func tap(g *Game, x, y float64) {
	touchFrame(g, fingers(x, y)...)
	touchFrame(g, fingers(x, y)...)
	touchFrame(g)
	touchFrame(g)
}

// labelPoint is where a state's label is drawn.
func labelPoint(t *testing.T, g *Game, code string) (float64, float64) {
	t.Helper()
	return g.mv.toScreen(g.mv.m.States[stateIndex(t, code)].Label)
}

// freePoint is a point within a few pixels of a state's label that no
// site covers, where a finger picks the state.
func freePoint(t *testing.T, g *Game, code string) (float64, float64) {
	t.Helper()
	x, y, ok := g.StatePoint(code)
	if !ok {
		t.Fatalf("%s is not on the map", code)
	}
	for _, d := range [][2]float64{{0, 0}, {6, 6}, {-6, 6}, {6, -6}, {-6, -6}, {12, 0}, {-12, 0}} {
		px, py := x+d[0], y+d[1]
		if g.mv.siteAt(px, py, g.sess.Sim().Sites()) == 0 && g.mv.stateAt(px, py) == stateIndex(t, code) {
			return px, py
		}
	}
	t.Fatalf("every point near %s's label is on a site", code)
	return 0, 0
}

// TestTapSelectsWhenZoomed: zoomed in about Belgium, a tap on each state
// near it still selects that state: the hit tests follow the view.
func TestTapSelectsWhenZoomed(t *testing.T) {
	g := newTestGame(t, "baseline")
	fingerClock(g)
	bx, by := labelPoint(t, g, "BE")
	nx, ny := labelPoint(t, g, "NL")
	before := math.Hypot(nx-bx, ny-by)
	g.mv.zoomAbout(bx, by, 4)
	touchFrame(g)
	if z := g.Status().MapZoom; z != 4 {
		t.Fatalf("zoomed 4× about Belgium: mapZoom %v", z)
	}
	bx, by = labelPoint(t, g, "BE")
	nx, ny = labelPoint(t, g, "NL")
	if after := math.Hypot(nx-bx, ny-by); math.Abs(after-4*before) > 2 {
		t.Fatalf("Belgium and the Netherlands are %.0f px apart zoomed 4×, %.0f px at zoom 1", after, before)
	}
	for _, code := range []string{"BE", "NL", "LU", "DE", "FR"} {
		x, y := freePoint(t, g, code)
		tap(g, x, y)
		if got := g.Status().Selected; got != code {
			t.Errorf("a tap at %s (%.0f, %.0f), zoomed 4×, selected %q", code, x, y, got)
		}
	}
	if _, _, ok := g.StatePoint("FI"); ok {
		t.Error("zoomed 4× about Belgium, Finland's label is still in the map area")
	}
}

// TestPinchZoomsAboutItsMidpoint: two fingers moving apart about a point
// in Germany zoom the map, and the place under their midpoint stays under
// it; a pinch selects nothing.
func TestPinchZoomsAboutItsMidpoint(t *testing.T) {
	g := newTestGame(t, "baseline")
	fingerClock(g)
	mx, my := freePoint(t, g, "DE")
	under := g.mv.toMap(mx, my)
	touchFrame(g, fingers(mx-40, my)...)
	touchFrame(g, fingers(mx-40, my, mx+40, my)...)
	for d := 40.0; d <= 100; d += 10 {
		touchFrame(g, fingers(mx-d, my, mx+d, my)...)
	}
	zoom := g.Status().MapZoom
	if math.Abs(zoom-2.5) > 1e-9 {
		t.Errorf("fingers 80 px apart moved to 200 px apart: mapZoom %v, want 2.5", zoom)
	}
	if x, y := g.mv.toScreen(under); math.Hypot(x-mx, y-my) > 1 {
		t.Errorf("the place under the pinch's midpoint (%.0f, %.0f) is now at (%.1f, %.1f)", mx, my, x, y)
	}
	if st := g.mv.stateAt(mx, my); st != stateIndex(t, "DE") {
		t.Errorf("after the pinch state %d is under its midpoint, not Germany", st)
	}
	// the two fingers move together: the map follows them
	touchFrame(g, fingers(mx-100+30, my+20, mx+100+30, my+20)...)
	if x, y := g.mv.toScreen(under); math.Hypot(x-mx-30, y-my-20) > 1 {
		t.Errorf("the fingers moved by (30, 20): the place under them is at (%.1f, %.1f), want (%.0f, %.0f)", x, y, mx+30, my+20)
	}
	touchFrame(g, fingers(mx-70, my+20)...)
	touchFrame(g)
	if g.selState != -1 || len(g.sess.Edits()) != 0 {
		t.Errorf("a pinch selected state %d or made %d edits", g.selState, len(g.sess.Edits()))
	}
	if z := g.Status().MapZoom; z != zoom {
		t.Errorf("lifting the fingers changed the zoom from %v to %v", zoom, z)
	}
}

// TestLongPressShowsTheTooltip: a finger resting on a state shows the
// state's tooltip after longPressAfter, and selects nothing, also when it
// rises; on a layer button it shows the button's tooltip and presses
// nothing. The tooltip stays after the finger rose, until the next touch.
func TestLongPressShowsTheTooltip(t *testing.T) {
	g := newTestGame(t, "baseline")
	fingerClock(g)
	x, y := freePoint(t, g, "PL")
	touchFrame(g, fingers(x, y)...)
	frames := 1
	for ; time.Duration(frames)*16*time.Millisecond < longPressAfter; frames++ {
		touchFrame(g, fingers(x+1, y)...)
		if tip := g.Status().Tip; tip != "" {
			t.Fatalf("after %d ms the finger shows the tooltip %q already", frames*16, tip)
		}
	}
	touchFrame(g, fingers(x+1, y)...)
	tip := g.Status().Tip
	if !strings.Contains(tip, g.stateName(stateIndex(t, "PL"))) {
		t.Fatalf("a long press on Poland shows the tooltip %q", tip)
	}
	touchFrame(g)
	touchFrame(g)
	if st := g.Status(); st.Selected != "" || st.Tip != tip {
		t.Errorf("after the long press rose: selected %q, tooltip %q; want none and %q", st.Selected, st.Tip, tip)
	}
	touchFrame(g, fingers(x, y)...) // the next touch hides it
	if tip := g.Status().Tip; tip != "" {
		t.Errorf("a new touch keeps the tooltip %q", tip)
	}
	touchFrame(g)

	r, ok := g.u.seen["Carbon"]
	if !ok {
		t.Fatal("no Carbon layer button")
	}
	for range 40 {
		touchFrame(g, fingers(r.x+r.w/2, r.y+r.h/2)...)
	}
	touchFrame(g)
	if st := g.Status(); g.mv.layer != 0 || !strings.Contains(st.Tip, "(L)") {
		t.Errorf("a long press on Carbon: layer %d, tooltip %q; want layer 0 and the button's tooltip", g.mv.layer, st.Tip)
	}
	tap(g, r.x+r.w/2, r.y+r.h/2)
	if g.mv.layer != 1 {
		t.Errorf("a tap on Carbon left layer %d", g.mv.layer)
	}
}

// TestFingerDragMovesSite: a finger that touches down on a site and moves
// drags it; released over France, the site moves there.
func TestFingerDragMovesSite(t *testing.T) {
	g := newTestGame(t, "baseline")
	g.sess.Step(5)
	x, y := freePoint(t, g, "PT")
	clickAt(g, x, y)
	press(t, g, "+1 yr")
	press(t, g, "Build (B)")
	id := g.selSite
	g.selSite = 0
	fingerClock(g)
	sx, sy, _ := g.SitePoint(id)
	tx, ty := freePoint(t, g, "FR")
	touchFrame(g, fingers(sx, sy)...)
	for i := 1; i <= 10; i++ {
		f := float64(i) / 10
		touchFrame(g, fingers(sx+(tx-sx)*f, sy+(ty-sy)*f)...)
	}
	if g.mv.dragSite != id || g.selSite != id {
		t.Fatalf("a finger moving from site %d drags site %d, selected %d", id, g.mv.dragSite, g.selSite)
	}
	touchFrame(g)
	c := lastEdit(t, g)
	if mv, ok := c.Op.(model.MoveSite); !ok || mv.Site != id || mv.State.Code() != "FR" {
		t.Fatalf("the finger drag made %+v", c)
	}
	if nx, ny, _ := g.SitePoint(id); g.mv.stateAt(nx, ny) != stateIndex(t, "FR") {
		t.Fatalf("the moved site is drawn at (%.0f, %.0f), not in France", nx, ny)
	}
	if g.Status().MapZoom != 1 {
		t.Errorf("dragging a site zoomed the map to %v", g.Status().MapZoom)
	}
}

// TestFingerPansTheZoomedMap: a finger dragging on the map (not on a site)
// moves the zoomed map with it, and selects nothing; at zoom 1 the map
// stays where it is.
func TestFingerPansTheZoomedMap(t *testing.T) {
	g := newTestGame(t, "baseline")
	fingerClock(g)
	x, y := freePoint(t, g, "CZ")
	before := g.mv.mapTransform
	drag := func() {
		touchFrame(g, fingers(x, y)...)
		for i := 1; i <= 6; i++ {
			touchFrame(g, fingers(x+float64(i)*10, y+float64(i)*5)...)
		}
		touchFrame(g)
	}
	drag()
	if g.mv.mapTransform != before {
		t.Errorf("at zoom 1 a drag moved the map: %+v, was %+v", g.mv.mapTransform, before)
	}
	g.mv.zoomAbout(x, y, 3)
	touchFrame(g)
	zoomed := g.mv.mapTransform
	drag()
	if dx, dy := g.mv.ox-zoomed.ox, g.mv.oy-zoomed.oy; math.Abs(dx-60) > 1e-6 || math.Abs(dy-30) > 1e-6 {
		t.Errorf("zoomed 3×, a drag by (60, 30) moved the map by (%.1f, %.1f)", dx, dy)
	}
	if g.selState != -1 {
		t.Errorf("a drag selected state %d", g.selState)
	}
}

// TestMapStaysInView: however far the map is panned or zoomed out, no more
// sea shows beyond its edges than at zoom 1.
func TestMapStaysInView(t *testing.T) {
	g := newTestGame(t, "baseline")
	fit := g.mv.mapTransform
	g.mv.zoomBy(1 / zoomStep)
	if g.mv.zoomLevel() != 1 || g.mv.mapTransform != fit {
		t.Errorf("zooming out of the whole map: zoom %v, transform %+v, want 1 and %+v", g.mv.zoomLevel(), g.mv.mapTransform, fit)
	}
	g.mv.zoomBy(100)
	if g.mv.zoomLevel() != maxZoom {
		t.Errorf("zooming in 100×: zoom %v, want %v", g.mv.zoomLevel(), maxZoom)
	}
	g.mv.pan(1e5, 1e5)
	if g.mv.ox != fit.ox || g.mv.oy != fit.oy {
		t.Errorf("panned far to the bottom right, the map's corner is at (%.1f, %.1f), want (%.1f, %.1f) as at zoom 1", g.mv.ox, g.mv.oy, fit.ox, fit.oy)
	}
}

// TestWheelZoomsAboutTheCursor: the wheel over the map zooms about the
// cursor; over the panel it does nothing to the map.
func TestWheelZoomsAboutTheCursor(t *testing.T) {
	g := newTestGame(t, "baseline")
	x, y := freePoint(t, g, "IT")
	under := g.mv.toMap(x, y)
	wheel := func(x, y float64) {
		g.u.mx, g.u.my = x, y
		g.touch.wheel = wheelNotch
		g.frame()
		g.touch.wheel = 0
	}
	wheel(x, y)
	wheel(x, y)
	if z := g.mv.zoomLevel(); math.Abs(z-2) > 1e-9 {
		t.Errorf("two notches of the wheel: zoom %v, want 2", z)
	}
	if sx, sy := g.mv.toScreen(under); math.Hypot(sx-x, sy-y) > 1 {
		t.Errorf("the place under the cursor (%.0f, %.0f) moved to (%.1f, %.1f)", x, y, sx, sy)
	}
	panel := g.regions().panel
	wheel(panel.x+10, panel.y+200)
	if z := g.mv.zoomLevel(); math.Abs(z-2) > 1e-9 {
		t.Errorf("the wheel over the panel zoomed the map to %v", z)
	}
}

// TestResetZoom: zoomed in, a button at the map's top right, big enough
// for a finger, shows the whole map again; at zoom 1 there is none.
func TestResetZoom(t *testing.T) {
	g := newTestGame(t, "baseline")
	label := g.tr("map.zoom.reset")
	fit := g.mv.mapTransform
	if _, ok := g.u.seen[label]; ok {
		t.Fatalf("at zoom 1 the map shows %q", label)
	}
	g.mv.zoomBy(3)
	g.frame()
	r, ok := g.u.seen[label]
	if !ok {
		t.Fatalf("zoomed in, no %q button", label)
	}
	area := g.regions().mapArea
	if r.w < 44 || r.h < 44 || !area.contains(r.x, r.y) || r.x+r.w/2 < area.x+area.w/2 {
		t.Errorf("the %q button is %+v: want at least 44×44 in the top right of the map %+v", label, r, area)
	}
	fingerClock(g)
	tap(g, r.x+r.w/2, r.y+r.h/2)
	if z := g.Status().MapZoom; z != 1 || g.mv.mapTransform != fit {
		t.Errorf("after %q: zoom %v", label, z)
	}
	if g.selState != -1 {
		t.Errorf("the tap on %q also selected state %d", label, g.selState)
	}
	if _, ok := g.u.seen[label]; ok {
		t.Errorf("back at zoom 1 the map still shows %q", label)
	}
}

// TestMapDrawnScaledDuringAGesture: while a pinch is under way the map is
// not rasterised anew at each step: its cached image is drawn scaled,
// cropped to the map area. When the fingers rise, the page asks for a
// draw, which renders the map at the new view.
func TestMapDrawnScaledDuringAGesture(t *testing.T) {
	g := newTestGame(t, "baseline")
	screen := ebiten.NewImage(1280, 720)
	defer screen.Deallocate()
	// drawMap runs a draw pass and returns the map image's command
	drawMap := func() cmd {
		t.Helper()
		g.u.dst = screen
		g.layout(&g.u)
		g.u.dst = nil
		defer g.u.dmg.done()
		for _, c := range g.u.dmg.list {
			if c.op == opImage {
				return c
			}
		}
		t.Fatal("the draw pass drew no image")
		return cmd{}
	}
	area := g.regions().mapArea
	k := g.u.k
	inArea := image.Rect(int(area.x*k), int(area.y*k), int((area.x+area.w)*k), int((area.y+area.h)*k)).Inset(-2)
	first := drawMap()
	v0 := g.mv.version
	if first.img != g.mv.img || !first.box.In(inArea) {
		t.Fatalf("at rest the map draws its whole image in %v, want within %v", first.box, inArea)
	}

	fingerClock(g)
	x, y := freePoint(t, g, "AT")
	touchFrame(g, fingers(x-50, y, x+50, y)...)
	touchFrame(g, fingers(x-125, y, x+125, y)...)
	mid := drawMap()
	if g.mv.version != v0 {
		t.Errorf("a pinch step rendered the map anew (version %d, was %d)", g.mv.version, v0)
	}
	if f := mid.geom.Element(0, 0); math.Abs(f-2.5) > 1e-9 {
		t.Errorf("during the pinch the image is drawn at scale %v, want 2.5", f)
	}
	if mid.img == g.mv.img || !mid.box.In(inArea) || mid.box.Dx() < inArea.Dx()-8 {
		t.Errorf("during the pinch the image is drawn in %v, want a crop that fills the map area %v", mid.box, inArea)
	}

	g.needsDraw = false
	touchFrame(g)
	if !g.needsDraw {
		t.Error("the pinch ended but the page draws nothing: the map stays scaled")
	}
	after := drawMap()
	if g.mv.version == v0 || g.mv.key.xf != g.mv.mapTransform || after.img != g.mv.img {
		t.Errorf("after the pinch the map was not rendered at the new view (version %d, was %d)", g.mv.version, v0)
	}
}
