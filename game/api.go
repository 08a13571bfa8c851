package game

import (
	"runtime"
	"runtime/metrics"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"gigasandbox/game/layoutcheck"
	"gigasandbox/game/session"
	"gigasandbox/model"
)

// The automation API: what wasm/main.go's window.gigasim functions, the
// browser tests (wasm/browsertest) and cmd/sandbox's screenshots read and
// set, between frames. Each function of window.gigasim and what it calls:
//
//   - status: Status (with Memory, the Go heap's figures)
//   - memory: CollectedMemory
//   - layout: LaidOut (a LayoutReport, with Widgets)
//   - widget: Widget
//   - select: Select
//   - statePoint, sitePoint: StatePoint, SitePoint (mapview.go: the
//     map's geometry)
//   - runTo, play, pause, setSpeed: RunTo, Play, Pause, SetSpeed
//     (game.go, onto timeControl)
//   - open, loadPreset: Load, SeekTo, OfferWithout, NotifyBadLink
//   - command: Do; scenario: Session; link: Link; setLang: SetLang;
//     redraw: Redraw
//   - ranges, setRanges: RangesNow, SetRanges (ranges.go)
//
// cmd/sandbox waits for Settled before it takes a screenshot.

// Status is what window.gigasim.status() returns: the session's status and
// the frame rate.
type Status struct {
	session.Status
	Playing bool    `json:"playing"`
	Speed   string  `json:"speed"` // "day", "week", "month" or "year" per second
	Lang    string  `json:"lang"`
	FPS     float64 `json:"fps"`
	TPS     float64 `json:"tps"`
	Seeking bool    `json:"seeking"`
	// Projected says that the projections to the horizon, of this
	// scenario and of the baseline, are complete: the charts' dashed
	// futures are those of the scenario as it is now.
	Projected bool   `json:"projected"`
	Frames    int64  `json:"frames"` // frames drawn since the page started
	Banner    string `json:"banner"` // the notice shown across the top, if any
	// Goals are the guided preset's goals and their verdicts now; Pinned
	// the states whose scorecards are side by side.
	Goals  []GoalState `json:"goals"`
	Pinned []string    `json:"pinned"`
	// Selected is the member state selected on the map, "" for none.
	Selected string `json:"selected"`
	// MapZoom is the map's zoom: 1 shows the whole map, up to 8.
	MapZoom float64 `json:"mapZoom"`
	// HighContrast says the high-contrast theme is on; CharKeys that the
	// single character key shortcuts are.
	HighContrast bool `json:"highContrast"`
	CharKeys     bool `json:"charKeys"`
	// TextScale is the reader's text size the page follows (1 to 2), and
	// Width the width it is laid out for, in CSS pixels over TextScale.
	TextScale float64 `json:"textScale"`
	Width     float64 `json:"width"`
	// Tip is the tooltip on screen, "" for none: a mouse's hover, or a
	// finger's long press.
	Tip string `json:"tip"`
	// UpdateMs and DrawMs are the Go time per update and per draw, averaged
	// over the last second: what the page itself costs, apart from the GPU.
	UpdateMs float64 `json:"updateMs"`
	DrawMs   float64 `json:"drawMs"`
	// UpdateMaxMs and DrawMaxMs are the longest of the last 60.
	UpdateMaxMs float64 `json:"updateMaxMs"`
	DrawMaxMs   float64 `json:"drawMaxMs"`
	// DrawnShare is the share of the screen's pixels that the last frame
	// drew: the parts whose pixels changed (see damage.go).
	DrawnShare float64 `json:"drawnShare"`
	// Memory is the Go heap. In WebAssembly the collector shares the
	// page's only thread with drawing, so its cycles cost frames.
	Memory Memory `json:"memory"`
}

// Memory is what the Go runtime reports of its heap.
type Memory struct {
	LiveMB      float64 `json:"liveMB"`      // live at the end of the last collection
	HeapMB      float64 `json:"heapMB"`      // live and not yet collected
	AllocatedMB float64 `json:"allocatedMB"` // allocated since the page started
	GCCycles    uint32  `json:"gcCycles"`    // collections since the page started
}

// CollectedMemory collects garbage first, then reports the heap: what the
// page really holds (for measuring, not while playing: a collection of a
// hundred megabytes costs frames).
func CollectedMemory() Memory {
	runtime.GC()
	return readMemory()
}

// readMemory reads the Go runtime's figures (it stops the world briefly:
// for status(), not every frame).
func readMemory() Memory {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	return Memory{LiveMB: float64(live[0].Value.Uint64()) / 1e6, HeapMB: float64(ms.HeapAlloc) / 1e6, AllocatedMB: float64(ms.TotalAlloc) / 1e6, GCCycles: ms.NumGC}
}

// Status reports where the run is. Call it between frames (the browser's
// event loop and tests do).
func (g *Game) Status() Status {
	return Status{Status: g.sess.Status(), Playing: g.time.playing, Speed: strings.TrimPrefix(speeds[g.time.speed].label, "speed."), Lang: g.cat.Lang,
		FPS: ebiten.ActualFPS(), TPS: ebiten.ActualTPS(), Seeking: g.time.seeking, Projected: g.Settled(), Frames: g.frames, Banner: g.banner.text, Goals: g.goalStates(), Pinned: g.pinnedCodes(),
		UpdateMs: g.updateTime.avgMs(), DrawMs: g.drawTime.avgMs(), UpdateMaxMs: g.updateTime.maxMs(), DrawMaxMs: g.drawTime.maxMs(), DrawnShare: g.u.drawnShare(), Selected: g.selectedCode(), MapZoom: g.mv.zoomLevel(), HighContrast: g.highContrast, CharKeys: !g.charKeysOff, TextScale: g.textScale(), Width: g.w, Tip: g.u.tip, Memory: readMemory()}
}

func (g *Game) selectedCode() string {
	if g.selState < 0 {
		return ""
	}
	return model.StateCode(g.selState)
}

// Select picks a state (by code), a site and a panel tab, for screenshots
// and the automation API. Empty or zero values leave that part alone. The
// tab may also be "charts" (a phone's sheet of charts), "assumptions" or
// "share" (those sheets), or "none" to close the sheets and menus.
func (g *Game) Select(state string, site model.SiteID, tab string) {
	for i, s := range model.States() {
		if s.Code == state {
			g.selState, g.tab = i, tabState
			g.sheetOpen, g.phoneTab = true, phoneTabState // as a tap on it opens a phone's sheet
		}
	}
	if site > 0 {
		g.selSite, g.tab = site, tabSite
		g.sheetOpen, g.phoneTab = true, phoneTabSite
	}
	for i, n := range tabNames {
		if strings.EqualFold(n, tab) {
			g.tab = i
			g.sheetOpen, g.phoneTab = true, panelToPhoneTab[i]
		}
	}
	if strings.EqualFold(tab, "charts") {
		g.sheetOpen, g.phoneTab = true, phoneTabCharts
	}
	if strings.EqualFold(tab, "none") {
		g.sheetOpen, g.menuOpen, g.presetMenu, g.langMenu = false, false, false, false
	}
	g.assume.open = strings.EqualFold(tab, "assumptions")
	g.share.open = strings.EqualFold(tab, "share")
	g.mv.invalidate()
}

// Widget returns where the widget with this label was laid out in the last
// frame, in logical (CSS) pixels: x, y of its centre, and its size. The
// automation API and browser tests press buttons by label with it.
func (g *Game) Widget(label string) (x, y, w, h float64, ok bool) {
	r, ok := g.u.seen[label]
	return r.x + r.w/2, r.y + r.h/2, r.w, r.h, ok
}

// Settled reports whether the projections (this scenario's and the
// baseline's) have reached the horizon: what a screenshot waits for.
func (g *Game) Settled() bool {
	return g.sess.Projection().Done() && g.baseline != nil && g.baseline.Done() && g.modBaselineDone()
}

// LayoutReport is the page as the last frame laid it out: the screen in
// CSS pixels, its form, and its widgets.
type LayoutReport struct {
	W       float64              `json:"w"`
	H       float64              `json:"h"`
	Form    string               `json:"form"` // "phone", "tablet" or "desktop"
	Touch   bool                 `json:"touch"`
	Widgets []layoutcheck.Widget `json:"widgets"`
}

// LaidOut reports the page as the last frame laid it out, for the layout
// checks in a browser.
func (g *Game) LaidOut() LayoutReport {
	return LayoutReport{W: g.w, H: g.h, Form: [...]string{"phone", "tablet", "desktop"}[formFor(g.w, g.h)], Touch: g.u.touch, Widgets: g.Widgets()}
}

// Widgets are the widgets of the last frame as laid out, with where their
// texts go, for the layout checks (game/layoutcheck) and the automation
// API.
func (g *Game) Widgets() []layoutcheck.Widget {
	return append([]layoutcheck.Widget(nil), g.u.placed...)
}
