package game

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"gigasandbox/game/session"
	"gigasandbox/model"
	"gigasandbox/model/ensemble"
)

// What changes the picture. The screen is not cleared between frames (see
// New), and an update whose end state draws the same page as the last
// frame's leaves it there: an idle page costs the CPU nothing. That state
// is the frame signature: everything the page draws from, apart from the
// model at the day shown and caches of it. A frame is drawn when the
// signature changed since the last draw, when input arrived (a key held,
// a finger down, the wheel), and in the first frames.
//
// A field the page draws from but the signature leaves out is a silent
// stale screen: what changed shows only at the next input. So
// TestSignatureCoversGame changes every field of Game, into its view
// structs, one at a time by reflection, and fails unless the signature
// changes or the field is in its notPicture list with the reason it does
// not decide pixels (a cache, a measurement, input bookkeeping). A new
// field is therefore added here or to that list, never forgotten.
//
// A signature rather than a dirty mark set where things change: the
// places that change the page are many (every click handler in the
// layout), and a missing mark is as silent as a missing field; a field
// missing here is found by a test.
type frameSig struct {
	// the run, time and the projections
	sess                   *session.Session
	shown                  *session.Projection
	day, baseDay, seekTo   model.Day
	newestDay              model.Day // how far the run on the newest release is projected (release.go)
	edits, toasts, pinned  int
	speed                  int
	playing, seeking       bool
	lang, banner, bannerOK string
	// what is selected, open and chosen
	tab, selState, phoneTab, chartPage, goalsFold, logScroll               int
	selSite                                                                model.SiteID
	build                                                                  buildChoice
	help, charKeysOff, highContrast, menu, menuOpen, sheetOpen, goalsSheet bool
	assume, share, scores, compar                                          bool
	board                                                                  boardSig
	// the ensemble behind the bands and odds, and how far it has got
	rangesOn, tornadoOpen bool
	rangesRuns            int
	rangesJob             ensembleRun
	rangesDone            int
	tornado               *ensemble.TornadoJob
	tornadoDone           int
	// the baseline with the user's assumptions
	modOn   bool
	modProj *session.Projection
	modDay  model.Day
	// the map's view
	layer, hover, focus int
	zoom, cx, cy        float64
	dragSite            model.SiteID
	dragAtX, dragAtY    float64
	mapMoving           bool
	// the screen and the pointer
	w, h, k, mx, my  float64
	mouse            bool
	finger, touchTip bool
	tipX, tipY       float64
	scroll           [9]float64
}

func (g *Game) signature() frameSig {
	mv := &g.mv
	sig := frameSig{sess: g.sess, day: g.sess.Day(), seekTo: g.time.seekTo, edits: len(g.sess.Edits()), toasts: len(g.log.toasts),
		pinned: len(g.scores.pinned), speed: g.time.speed, playing: g.time.playing, seeking: g.time.seeking,
		lang: g.cat.Lang, banner: g.banner.text, bannerOK: g.banner.button,
		tab: g.tab, selState: g.selState, phoneTab: g.phoneTab, chartPage: g.chartPage, goalsFold: g.goalsFold, logScroll: g.log.scroll,
		selSite: g.selSite, build: g.build,
		help: g.help, charKeysOff: g.charKeysOff, highContrast: g.highContrast, menu: g.presetMenu || g.langMenu, menuOpen: g.menuOpen, sheetOpen: g.sheetOpen, goalsSheet: g.goalsSheet,
		assume: g.assume.open, share: g.share.open || g.share.shot, scores: g.scores.open, compar: g.compareOpen, board: g.board.sig(),
		layer: mv.layer, hover: mv.hover, focus: g.u.focus, zoom: mv.zoom, cx: mv.cx, cy: mv.cy,
		dragSite: mv.dragSite, dragAtX: mv.dragAtX, dragAtY: mv.dragAtY, mapMoving: mv.moving(),
		w: g.w, h: g.h, k: g.u.k, mx: g.u.mx, my: g.u.my,
		mouse:  ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft),
		finger: g.touch.active, touchTip: g.touch.tip, tipX: g.touch.tipX, tipY: g.touch.tipY,
		scroll: g.scrolls()}
	sig.shown = g.sess.Shown()
	sig.modOn, sig.modProj = g.modBase.on, g.modBase.proj
	if s := g.modBase.proj.Sim(); s != nil {
		sig.modDay = s.Day()
	}
	rv := &g.ranges
	sig.rangesOn, sig.tornadoOpen, sig.rangesRuns, sig.rangesJob, sig.tornado = rv.on, rv.tornadoOpen, rv.size(), rv.job, rv.tornado
	if rv.job != nil {
		sig.rangesDone, _ = rv.job.Progress()
	}
	if rv.tornado != nil {
		sig.tornadoDone, _ = rv.tornado.Progress()
	}
	if g.baseline != nil && g.baseline.Sim() != nil {
		sig.baseDay = g.baseline.Sim().Day()
	}
	if nw := g.newestFor(); nw != nil && nw.Sim() != nil {
		sig.newestDay = nw.Sim().Day()
	}
	return sig
}

// scrolls are where the page's scrolled areas are scrolled to.
func (g *Game) scrolls() [9]float64 {
	return [9]float64{g.assume.scroll.off, g.panelScroll.off, g.helpScroll.off, g.menuScroll.off,
		g.share.scroll.off, g.scores.scroll.off, g.compareScroll.off, g.goalsScroll.off, g.ranges.tornadoScroll.off}
}

// checkChanged decides whether the next Draw must draw.
func (g *Game) checkChanged() {
	sig := g.signature()
	input := len(inpututil.AppendPressedKeys(nil)) > 0 || len(ebiten.AppendTouchIDs(nil)) > 0
	if _, dy := ebiten.Wheel(); dy != 0 {
		input = true
	}
	if sig != g.lastSig || input || g.frames < 3 {
		g.needsDraw = true
		g.lastSig = sig
	}
}
