//go:build !js

package browsertest

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// touchDevices are the devices TestTouch emulates: a phone, laid out as
// phones are (the map first, sheets from the bottom), and a tablet in
// landscape, with the side panel.
var touchDevices = []string{"phone-390x844", "tablet-1024x768"}

// touchStatus is what TestTouch reads of window.gigasim.status().
type touchStatus struct {
	Selected string  `json:"selected"`
	MapZoom  float64 `json:"mapZoom"`
	Tip      string  `json:"tip"`
	Edits    int     `json:"edits"`
}

// finger is a touch point: its id stays the same while it is down.
type finger struct {
	id   float64
	x, y float64
}

// touch sends a touch event with the fingers now down (none for the end
// of a touch): Chromium compares them with the last event's and fires
// touchstart, touchmove or touchend for each that came, moved or rose.
func (p *page) touch(typ input.DispatchTouchEventType, fs ...finger) {
	p.t.Helper()
	pts := []*input.TouchPoint{}
	for _, f := range fs {
		pts = append(pts, &input.TouchPoint{X: f.x, Y: f.y, ID: &f.id})
	}
	if _, err := chromedp.Call(p.ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: pts}); err != nil {
		p.t.Fatalf("touch %s %v: %v", typ, fs, err)
	}
}

// touchClockJS records, on the page's clock, when the browser delivered
// the last touchstart and touchend (window.__touchStart, __touchEnd): the
// listener on window runs before Ebitengine's on its canvas.
const touchClockJS = `for (const type of ["touchstart", "touchend"]) {
  window.addEventListener(type, () => { window[type === "touchstart" ? "__touchStart" : "__touchEnd"] = performance.now(); }, {capture: true, passive: true});
}`

// tapAt taps at x, y until done (JavaScript) is true: the finger stays
// down for two animation frames, so that the page's update sees it down
// and then up. The page tells a tap from a long press by its clock: a
// finger that an update sees down 500 ms after the first update that saw
// it is a long press. Both updates fall between the browser's delivery of
// the touchstart and of the touchend, so when a frame stalled (a map being
// rasterised, a garbage collection) and those were 500 ms apart or more,
// the tap may have been taken for a long press: if done is not true, it
// is tried again.
func (p *page) tapAt(x, y float64, done string) {
	p.t.Helper()
	for try := 1; ; try++ {
		p.touch(input.DispatchTouchEventTypeTouchStart, finger{1, x, y})
		p.framesPass(2)
		p.touch(input.DispatchTouchEventTypeTouchEnd)
		p.framesPass(2)
		held := evalJS[float64](p, "window.__touchEnd - window.__touchStart")
		if held < 500 || evalJS[bool](p, "Boolean("+done+")") {
			return
		}
		if try == 3 {
			p.t.Fatalf("three taps at (%.0f, %.0f) each held %.0f ms or more: the page's frames are too slow for a tap", x, y, held)
		}
		p.t.Logf("a tap at (%.0f, %.0f) held %.0f ms (slow frames) and did nothing: tapping again", x, y, held)
	}
}

// msSince is the milliseconds since the page's clock read t0
// (performance.now()).
func msSince(p *page, t0 float64) float64 {
	return evalJS[float64](p, "performance.now()") - t0
}

// TestTouch drives the page with a finger, on a phone and on a tablet: a
// tap selects a state; two fingers pinch the map to zoom it about their
// midpoint (and the browser's page does not zoom); a long press shows a
// state's tooltip and selects nothing; the zoom's reset button shows the
// whole map again; then Build (swiped into sight on a phone), play,
// pause, a finger dragging the new site to France, and Share.
func TestTouch(t *testing.T) {
	for _, name := range touchDevices {
		var dev device
		for _, d := range devices {
			if d.Name == name {
				dev = d
			}
		}
		if !dev.Touch {
			t.Fatalf("no touch device %q in devices", name)
		}
		t.Run(name, func(t *testing.T) { testTouch(t, dev) })
	}
}

func testTouch(t *testing.T, dev device) {
	built := buildSite(t, "./wasm")
	p := startBrowser(t).newPage().emulate(dev).navigate(serve(t, built))
	p.waitGame()
	// the page works hardest in its first seconds (the projections to
	// 2035, the first map): the gestures come once it has settled
	p.waitJS("window.gigasim.status().projected", time.Minute, "the projections")
	p.waitIdle(30 * time.Second)
	evalJS[any](p, touchClockJS)
	st := func() touchStatus { return evalJS[touchStatus](p, "window.gigasim.status()") }
	at := func(code string) point {
		t.Helper()
		pt := evalJS[*point](p, "window.gigasim.statePoint("+jsString(code)+")")
		if pt == nil {
			t.Fatalf("statePoint(%s) = null", code)
		}
		return *pt
	}
	// the page is as the browser laid it out: not scrolled, not zoomed
	const unzoomedJS = `window.scrollX === 0 && window.scrollY === 0 && (!window.visualViewport || window.visualViewport.scale === 1)`
	if !evalJS[bool](p, unzoomedJS) {
		t.Fatal("the page is scrolled or zoomed before any touch")
	}

	// a tap on Germany selects it
	de := at("DE")
	p.tapAt(de.X, de.Y+6, `window.gigasim.status().selected === "DE"`)
	p.waitJS(`window.gigasim.status().selected === "DE"`, 5*time.Second, "a tap on Germany to select it")
	if s := st(); s.Tip != "" || s.MapZoom != 1 {
		t.Errorf("after a tap: tooltip %q, mapZoom %v; want none and 1", s.Tip, s.MapZoom)
	}
	p.screenshot("tapped")

	// two fingers 80 px apart about Austria move to 200 px apart: the map
	// zooms 2.5× about their midpoint, and Austria stays under it
	if evalJS[bool](p, `window.gigasim.widget("Whole map") !== null`) {
		t.Error("at zoom 1 the map shows the Whole map button")
	}
	m := at("AT")
	p.touch(input.DispatchTouchEventTypeTouchStart, finger{1, m.X - 40, m.Y}, finger{2, m.X + 40, m.Y})
	p.framesPass(2)
	for d := 50.0; d <= 100; d += 10 {
		p.touch(input.DispatchTouchEventTypeTouchMove, finger{1, m.X - d, m.Y}, finger{2, m.X + d, m.Y})
		p.framesPass(1)
	}
	p.framesPass(1)
	if s := st(); math.Abs(s.MapZoom-2.5) > 0.01 || s.Tip != "" {
		t.Errorf("during the pinch: mapZoom %v, tooltip %q; want 2.5 and none", s.MapZoom, s.Tip)
	}
	p.screenshot("pinching")
	p.touch(input.DispatchTouchEventTypeTouchEnd)
	p.waitIdle(30 * time.Second) // the map rasterised at the new view
	t.Logf("the longest draw of the last 60 (the map rasterised at zoom 2.5 among them): %.0f ms",
		evalJS[float64](p, "window.gigasim.status().drawMaxMs"))
	if after := at("AT"); math.Hypot(after.X-m.X, after.Y-m.Y) > 1.5 {
		t.Errorf("Austria's label was under the pinch's midpoint (%.1f, %.1f); after it, it is at (%.1f, %.1f)", m.X, m.Y, after.X, after.Y)
	}
	if !evalJS[bool](p, unzoomedJS) {
		t.Error("the pinch zoomed or scrolled the browser's page, not only the map")
	}
	if s := st(); s.Selected != "DE" || s.Edits != 0 {
		t.Errorf("the pinch changed the selection to %q or made %d edits", s.Selected, s.Edits)
	}
	p.screenshot("pinched")

	// a long press on Austria: no tooltip while the finger is young, its
	// tooltip once it rested 500 ms, and Germany stays selected
	a := at("AT")
	t0 := evalJS[float64](p, "performance.now()") // before the finger came down: the page saw it later
	p.touch(input.DispatchTouchEventTypeTouchStart, finger{1, a.X, a.Y + 6})
	p.framesPass(2)
	if s, ms := st(), msSince(p, t0); ms < 500 {
		if s.Tip != "" {
			t.Errorf("%.0f ms into a long press the tooltip %q shows already", ms, s.Tip)
		}
	} else {
		t.Logf("two frames took %.0f ms: the tooltip's absence before 500 ms is not checked", ms)
	}
	// hold: 500 ms by the page's clock, then the frames the page takes to
	// see it (the tooltip comes at the first update 500 ms after the one
	// that saw the finger down)
	evalJS[bool](p, fmt.Sprintf(`new Promise((done) => { const f = () => (performance.now() - %f >= 500 ? done(true) : requestAnimationFrame(f)); requestAnimationFrame(f); })`, t0))
	f0 := evalJS[float64](p, "window.gigasim.status().frames")
	p.waitJS(`window.gigasim.status().tip !== ""`, 5*time.Second, "the long press's tooltip")
	held := msSince(p, t0)
	t.Logf("the long press: %.0f frames drawn from 500 ms after the touch to its tooltip; updates %.1f ms, draws %.1f ms (longest %.0f, %.0f)",
		evalJS[float64](p, "window.gigasim.status().frames")-f0, evalJS[float64](p, "window.gigasim.status().updateMs"),
		evalJS[float64](p, "window.gigasim.status().drawMs"), evalJS[float64](p, "window.gigasim.status().updateMaxMs"),
		evalJS[float64](p, "window.gigasim.status().drawMaxMs"))
	if s := st(); !strings.Contains(s.Tip, "Austria") {
		t.Errorf("a long press on Austria shows the tooltip %q", s.Tip)
	}
	p.screenshot("long-press")
	p.touch(input.DispatchTouchEventTypeTouchEnd)
	p.framesPass(2)
	if s := st(); s.Selected != "DE" || !strings.Contains(s.Tip, "Austria") {
		t.Errorf("after the long press rose: selected %q, tooltip %q; want DE and Austria's tooltip still", s.Selected, s.Tip)
	}
	t.Logf("the long press's tooltip showed %.0f ms after the finger came down", held)

	// the reset button shows the whole map again
	p.waitIdle(30 * time.Second)
	b := evalJS[*point](p, `window.gigasim.widget("Whole map")`)
	if b == nil {
		t.Fatal("zoomed in, no Whole map button on the map")
	}
	if w := evalJS[float64](p, `window.gigasim.widget("Whole map").w`); w < 44 {
		t.Errorf("the Whole map button is %.0f px wide, less than a finger (44)", w)
	}
	p.tapAt(b.X, b.Y, `window.gigasim.status().mapZoom === 1`)
	p.waitJS(`window.gigasim.status().mapZoom === 1`, 5*time.Second, "the Whole map button to reset the zoom")
	if s := st(); s.Selected != "DE" {
		t.Errorf("the tap on Whole map changed the selection to %q", s.Selected)
	}
	p.framesPass(3)
	p.screenshot("reset")

	// build in Germany a year from now (a planned site may still cross a
	// border): on a phone, swipe the state's sheet up until the buttons
	// are in sight; drag the new site to France by finger; then play,
	// pause and open Share
	later := p.reachWidget("+1 yr")
	p.tapAt(later.X, later.Y, "true")
	p.framesPass(2)
	build := p.reachWidget("Build (B)")
	p.tapAt(build.X, build.Y, `window.gigasim.status().edits === 1`)
	p.waitJS(`window.gigasim.status().edits === 1`, 5*time.Second, "a tap on Build to build")
	sites := evalJS[int](p, "window.gigasim.status().sites")
	site := evalJS[*point](p, fmt.Sprintf("window.gigasim.sitePoint(%d)", sites))
	fr := at("FR")
	if site == nil {
		t.Fatalf("the new site %d is not on the map", sites)
	}
	p.touch(input.DispatchTouchEventTypeTouchStart, finger{1, site.X, site.Y})
	p.framesPass(2)
	for i := 1; i <= 8; i++ {
		f := float64(i) / 8
		p.touch(input.DispatchTouchEventTypeTouchMove, finger{1, site.X + (fr.X-site.X)*f, site.Y + (fr.Y-site.Y)*f})
		p.framesPass(1)
	}
	p.touch(input.DispatchTouchEventTypeTouchEnd)
	p.waitJS(`window.gigasim.status().edits === 2`, 5*time.Second, "a finger dragging the new site to make a move")
	if c := evalJS[string](p, `(c => c.kind + " " + c.state)(JSON.parse(window.gigasim.scenario()).commands.at(-1))`); c != "move FR" {
		t.Errorf("dragging the site to France made the command %q, not a move to FR", c)
	}
	play := p.reachWidget("►")
	p.tapAt(play.X, play.Y, `window.gigasim.status().playing`)
	p.waitJS(`window.gigasim.status().day > 0`, 10*time.Second, "the run to play")
	pause := p.reachWidget("||")
	p.tapAt(pause.X, pause.Y, `!window.gigasim.status().playing`)
	p.waitJS(`!window.gigasim.status().playing`, 5*time.Second, "a tap on || to pause")
	share := p.reachWidget("Share")
	p.tapAt(share.X, share.Y, `window.gigasim.layout().widgets.some(w => w.label === "Save picture (PNG)")`)
	p.waitJS(`window.gigasim.layout().widgets.some(w => w.label === "Save picture (PNG)")`, 5*time.Second, "a tap on Share to open the share sheet")
	p.screenshot("shared")
}

// reachWidget returns the centre of the widget with this label, swiping
// the sheet or panel it is in with a finger until it is in sight.
func (p *page) reachWidget(label string) point {
	p.t.Helper()
	js := `(() => { const l = window.gigasim.layout(); const w = l.widgets.find(w => w.label === ` + jsString(label) + `);
  if (!w) return null; const c = w.clip, b = w.box;
  return {x: b.x + b.w / 2, y: b.y + b.h / 2, seen: !c.w || (b.y >= c.y && b.y + b.h <= c.y + c.h), cx: c.x + c.w / 2, cy: c.y + c.h / 2}; })()`
	type widgetAt struct {
		X, Y, CX, CY float64
		Seen         bool
	}
	for try := 0; ; try++ {
		w := evalJS[*widgetAt](p, js)
		if w == nil {
			p.t.Fatalf("no widget %q on the page", label)
		}
		if w.Seen {
			return point{X: w.X, Y: w.Y}
		}
		if try == 8 {
			p.t.Fatalf("eight swipes did not bring %q into sight", label)
		}
		p.touch(input.DispatchTouchEventTypeTouchStart, finger{1, w.CX, w.CY + 60})
		p.framesPass(1)
		for i := 1; i <= 6; i++ {
			p.touch(input.DispatchTouchEventTypeTouchMove, finger{1, w.CX, w.CY + 60 - 20*float64(i)})
			p.framesPass(1)
		}
		p.touch(input.DispatchTouchEventTypeTouchEnd)
		p.framesPass(2)
	}
}
