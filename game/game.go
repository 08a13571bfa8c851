// Package game draws the simulation with Ebitengine and turns the user's
// clicks and keys into model commands. It computes no policy outcome itself:
// every figure on screen comes from gigasandbox/model, through the session.
//
// The same Game runs in the browser (wasm/) and as a desktop window
// (cmd/sandbox).
package game

import (
	"errors"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"gigasandbox/game/i18n"
	"gigasandbox/game/session"
	"gigasandbox/model"
	"gigasandbox/model/link"
)

// Panel tabs on the right.
const (
	tabState = iota
	tabLevers
	tabSite
	tabLog
	numTabs
)

// Game is the sandbox's screen. Create it with New and run it with
// ebiten.RunGame.
type Game struct {
	sess *session.Session
	u    ui
	w, h float64 // screen, logical pixels

	time timeControl // play, speed and seeks (timectl.go)
	// lastEdit is when the scenario last changed: a second later the run
	// kept for the next projection's memory is let go (ReleaseSpare).
	lastEdit time.Time
	// now is the clock (time.Now unless SetClock gave another): time
	// plays at its speed per second of it (timeControl.advance). Banners,
	// toasts, the fleet's refresh and the release of the spare run go by
	// it too; only the frame budgets (budget.go) and the timings of updates
	// and draws read the machine's own stopwatch, as they measure its work.
	now func() time.Time

	tab      int
	selState int // member-state index, -1 for none
	selSite  model.SiteID
	build    buildChoice

	mv     mapView
	touch  touchInput // fingers and the wheel (gesture.go)
	charts chartView
	fleet  fleetView
	log    messageLog

	banner banner // an error or notice shown across the top (banner.go)
	help   bool
	// charKeysOff turns the single character key shortcuts off (WCAG
	// 2.1.4), from the help sheet; SetCharKeys.
	charKeysOff bool
	// highContrast is the theme asked for by the browser (theme.go).
	highContrast bool
	// textScaleSet is the reader's text size over the usual (SetTextScale).
	textScaleSet float64
	helpScroll   scroller
	presetMenu   bool
	langMenu     bool // the menu of languages, under the language button
	// menuOpen is the top bar's menu of what does not fit the bar
	// (overflow), under its button (menuAt).
	menuOpen   bool
	overflow   []barItem
	menuAt     rect
	menuScroll scroller
	// sheetOpen says the phone form's sheet is open, on tab phoneTab;
	// lastSel is the selection it last followed (followSelection).
	sheetOpen   bool
	phoneTab    int
	lastSel     selection
	chartPage   int       // the charts shown on a phone, by page
	panelScroll tabScroll // the side panel's (or sheet's) content
	assume      assumptionsView
	share       shareView
	platform    Platform
	scores      scoreView
	guideCache  *guided
	board       *boardView // the class board and the class of the run (board.go)
	compareOpen bool
	ranges      rangesView  // the ensemble's bands, odds and tornado sheet (ranges.go)
	modBase     modBaseline // the baseline with the user's assumptions (modbase.go)
	// goalsFold is the user's choice for the goals on the map: goalsAuto
	// (open, unless they would shrink the map too much: goalsAutoFolded),
	// goalsFolded to their heading, or goalsOpen. goalsSheet shows them as
	// a sheet where the map is too short.
	goalsFold       int
	goalsAutoFolded bool
	goalsSheet      bool
	goalsScroll     scroller
	compareScroll   scroller
	frames          int64
	needsDraw       bool     // something on the page changed since the last draw
	lastSig         frameSig // what the page showed at the last draw
	cat             *i18n.Catalog
	baseline        *session.Projection // the baseline preset to its horizon, for comparison
	newest          *session.Projection // the run's scenario on the newest release, for comparison (release.go)
	updateTime      timing
	drawTime        timing

	// OnChange, if set, is called after every edit with the scenario to
	// save (the browser stores it and writes the link).
	OnChange func(model.Scenario)
}

// New makes a game on a session.
func New(sess *session.Session) *Game {
	ebiten.SetScreenClearedEveryFrame(false)
	// One update a frame, timed by the clock: at Ebitengine's fixed 60
	// updates a second, a browser frame that came a little early had no
	// update and so nothing new to draw.
	ebiten.SetTPS(ebiten.SyncWithFPS)
	g := &Game{sess: sess, selState: -1, time: newTimeControl(), cat: i18n.Get("en"), now: time.Now}
	g.u.seen, g.u.next = map[string]rect{}, map[string]rect{}
	g.build = defaultBuild()
	g.mv.init()
	g.log.reset()
	num = g.cat.Num // a new page starts in English, whatever an earlier one spoke
	return g
}

// Session is the run the game shows.
func (g *Game) Session() *session.Session { return g.sess }

// tr returns the page's text for key in the current language.
func (g *Game) tr(key string, args ...any) string { return g.cat.T(key, args...) }

// Lang is the language the page speaks ("en", "fr" or "de").
func (g *Game) Lang() string { return g.cat.Lang }

// SetLang switches the page's language; unknown codes are ignored.
func (g *Game) SetLang(lang string) {
	if i18n.Has(lang) {
		g.cat = i18n.Get(lang)
		num = g.cat.Num
		g.mv.repaint()
		g.changed()
	}
}

// Load replaces the session (a preset chosen, a link opened).
func (g *Game) Load(sess *session.Session) {
	g.sess = sess
	g.SetClass(link.Class{}) // a teacher's class is its link's: SetClass after Load
	g.time.stop()
	g.selSite = 0
	g.log.reset()
	g.mv.invalidate()
	g.changed()
}

// Play, Pause and SetSpeed drive time, for the keys, the buttons and the
// automation API.
func (g *Game) Play() { g.time.play() }

// Pause stops time.
func (g *Game) Pause() { g.time.pause() }

// SetSpeed picks a play speed by index (0 = a day per second).
func (g *Game) SetSpeed(i int) { g.time.setSpeed(i) }

// SeekTo moves the run to day d over the next frames, with a progress bar.
func (g *Game) SeekTo(d model.Day) {
	d = min(max(d, 0), g.sess.Horizon())
	if d < g.sess.Day() {
		g.rewind(d)
		return
	}
	g.time.seek(d)
}

// RunTo moves the run to day d at once (for the automation API and tests).
func (g *Game) RunTo(d model.Day) error {
	g.time.seeking = false
	if err := g.sess.Seek(d); err != nil {
		return err
	}
	g.afterJump()
	return nil
}

func (g *Game) rewind(d model.Day) {
	if err := g.sess.Seek(d); err != nil {
		g.notifyErr(err)
	}
	g.afterJump()
}

// afterJump resynchronises the views after time moved other than by a step.
func (g *Game) afterJump() {
	g.log.reset()
	g.mv.invalidate()
}

// Do applies a user action as a command stamped with today's date.
func (g *Game) Do(c model.Command) error {
	if err := g.lockedOut(c); err != nil {
		return err
	}
	res, err := g.sess.Do(c)
	if err != nil {
		g.notifyErr(err)
		return err
	}
	if res.Dropped > 0 {
		g.notify(g.cat.N("notice.dropped", int64(res.Dropped), res.Dropped))
	}
	g.afterEdit()
	return nil
}

// afterEdit refreshes the views after the scenario changed.
func (g *Game) afterEdit() {
	g.lastEdit = g.now()
	g.mv.invalidate()
	g.changed()
}

func (g *Game) changed() {
	if g.OnChange != nil {
		g.OnChange(g.sess.Scenario())
	}
}

func (g *Game) undo() { g.travel(g.sess.CanUndo, g.sess.Undo) }

func (g *Game) redo() { g.travel(g.sess.CanRedo, g.sess.Redo) }

// travel undoes or redoes an edit, if there is one to.
func (g *Game) travel(can func() bool, do func() error) {
	if !can() {
		return
	}
	if err := g.replay(do); err != nil {
		g.notifyErr(err)
		return
	}
	g.changed()
}

// replay makes a change that the session carries out by replaying the run
// from day 0 to today (an undo, a redo, a changed assumption) at day 0,
// and then seeks back to today over the next frames behind the progress
// bar, so that the frame of the click does not replay years at once. If
// the change fails, the seek still brings the unchanged run back.
func (g *Game) replay(change func() error) error {
	today := g.sess.Day()
	if err := g.sess.Seek(0); err != nil {
		return err
	}
	g.lastEdit = g.now()
	err := change()
	g.afterJump()
	if today > 0 {
		g.time.seek(today)
	}
	return err
}

func (g *Game) reset() {
	if err := g.sess.Reset(); err != nil {
		g.notifyErr(err)
	}
	g.time.pause()
	g.afterJump()
}

// Update advances time and handles input. Ebitengine calls it 60 times a
// second.
func (g *Game) Update() error {
	defer g.updateTime.since(time.Now())
	defer g.checkChanged()
	g.readInput()
	g.keys()
	g.layout(&g.u)
	g.work(time.Now())
	return nil
}

// work is an update's work after the input: time, the projections, the
// board's and the ensemble's runs, the messages, within the frame's
// budget from start. Update and UpdateWithoutScreen do it alike.
func (g *Game) work(start time.Time) {
	g.advance(start)
	g.project(start)
	g.boardWork()
	g.rangesWork(start)
	g.log.update(g)
	if g.now().Sub(g.lastEdit) > time.Second {
		g.sess.ReleaseSpare()
	}
	g.bannerClock()
}

// firstFrames are drawn whatever changed (checkChanged), and no projection
// runs before them (project). The browser shows a frame once the next
// animation frame's work is done: a projection's first days there (the
// projection built, the model's code compiled on first use) kept the first
// frame off a phone-class screen for a few hundred milliseconds more.
const firstFrames = 3

// project advances the projections a day at a time within the frame's
// budget (see budget.go), the current scenario's first.
func (g *Game) project(start time.Time) {
	if g.frames < firstFrames {
		return // the first frame on screen first: on a slow phone every millisecond before it counts
	}
	p := g.sess.Projection()
	budget := projectBudget
	if !g.time.running() {
		budget = projectBudgetPaused
	}
	// Advance keeps a projection's error for the page to show.
	g.time.projClock.run(start, budget, func() bool { return !p.Done() }, func() error {
		p.Advance(1)
		return nil
	})
	if g.baseline == nil {
		sc, err := model.Preset("baseline")
		if err != nil {
			return
		}
		g.baseline = session.NewProjection(sc)
	}
	if !p.Done() {
		return
	}
	g.time.projClock.run(start, budget, func() bool { return !g.baseline.Done() }, func() error {
		g.baseline.Advance(1)
		return nil
	})
	g.modBaselineWork(start, budget)
	if nw := g.newestFor(); nw != nil { // the run on the newest release, for the comparison (release.go)
		g.time.projClock.run(start, budget, func() bool { return !nw.Done() }, func() error {
			nw.Advance(1)
			return nil
		})
	}
}

// baselineSim is the baseline preset's run so far, for the charts.
func (g *Game) baselineSim() *model.Sim {
	if s := g.modBaselineSim(); s != nil {
		return s // the baseline with the user's assumptions
	}
	if g.baseline == nil {
		return nil
	}
	return g.baseline.Sim()
}

// advance moves the live run on by the game's clock (timeControl.advance);
// start is when the frame's update began.
func (g *Game) advance(start time.Time) {
	if err := g.time.advance(g.now(), start, g.sess); err != nil { // the model refuses to go on: say so rather than freeze silently
		g.notify(g.tr("notice.stopped", g.explain(err)))
	}
}

func (g *Game) readInput() {
	u := &g.u
	u.dst = nil
	x, y := ebiten.CursorPosition()
	u.mx, u.my = float64(x)/u.k, float64(y)/u.k
	u.click = inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft)
	u.release = inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft)
	// fingers, while they are the pointer, replace the mouse (gesture.go)
	t := &g.touch
	_, t.wheel = ebiten.Wheel()
	moved := u.click || u.mx != t.mouseX || u.my != t.mouseY
	t.mouseX, t.mouseY = u.mx, u.my
	t.update(u, g.now(), t.readTouches(u.k), moved)
	g.scrollInput()
	u.used = false
	u.tip = ""
	u.keyNext = 0
	u.enter = inpututil.IsKeyJustPressed(ebiten.KeyEnter) || (u.focus > 0 && inpututil.IsKeyJustPressed(ebiten.KeySpace))
}

// scrollInput gives the page's scrolled areas this update's wheel and
// finger drag (see ui.beginScroll).
func (g *Game) scrollInput() {
	u, f := &g.u, g.touch.frame
	u.fingerTip = g.touch.active
	u.wheel = g.touch.wheel
	if f.Down {
		u.fingerX, u.fingerY = f.X, f.Y
	}
	u.dragDY = 0
	if f.Drag {
		u.dragDY = f.DY
	}
}

// Draw draws the page. It changes nothing but caches.
//
// The layout records the whole page, every pixel of it, as a display list;
// drawFrame puts on the screen only the parts that differ from the last
// frame (damage.go). So the screen is kept between frames, never cleared
// (see New): in a software renderer each full-screen pass costs frames.
func (g *Game) Draw(screen *ebiten.Image) {
	if !g.needsDraw {
		return // nothing on the page changed: the screen keeps the last frame
	}
	defer g.drawTime.since(time.Now())
	g.frames++
	g.u.dst = screen
	g.u.keyNext = 0
	g.layout(&g.u)
	shot := g.share.shot
	if shot {
		g.u.tip = "" // the picture is of the page, without a tooltip
	}
	g.u.drawTip(g.w, g.h)
	g.u.drawFrame(screen)
	if shot {
		g.share.shot = false
		g.savePicture(screen)
	}
	g.u.dst = nil
	g.needsDraw = false
}

// Redraw makes the next frame draw every part of the page, not only what
// changed: for tests that check the two agree, and after anything that may
// have spoilt the screen.
func (g *Game) Redraw() {
	g.u.redrawAll()
	g.needsDraw = true
}

// LayoutF makes the screen as many device pixels as the window has, so the
// page is crisp on high-DPI screens.
func (g *Game) LayoutF(outsideWidth, outsideHeight float64) (float64, float64) {
	return g.layoutFor(outsideWidth, outsideHeight, ebiten.Monitor().DeviceScaleFactor())
}

// layoutFor is LayoutF for a device pixel ratio dpr.
func (g *Game) layoutFor(outsideWidth, outsideHeight, dpr float64) (float64, float64) {
	if dpr <= 0 {
		dpr = 1
	}
	// no side of the screen beyond what a GPU texture holds: while a
	// window is resized the browser can report the new size with the old
	// pixel ratio, and Ebitengine panics on an image too big for its atlas
	dpr = min(dpr, maxScreenSide/max(outsideWidth, 1), maxScreenSide/max(outsideHeight, 1))
	// A reader's larger text size scales the whole page, as the browser's
	// zoom does: the page is laid out for a screen that many times
	// smaller, every text and control that many times larger.
	ts := g.textScale()
	k := dpr * ts
	outsideWidth, outsideHeight = outsideWidth/ts, outsideHeight/ts
	if k != g.u.k {
		g.u.redrawAll()
		g.u.k = k
		g.u.f = newFonts(k)
		g.mv.invalidate()
		g.fleet.invalidate()
	}
	if outsideWidth != g.w || outsideHeight != g.h {
		g.u.redrawAll() // a new screen: nothing on it yet
	}
	g.w, g.h = outsideWidth, outsideHeight
	return outsideWidth * k, outsideHeight * k
}

// SetTextScale follows the reader's text size: the browser's default font
// size over the usual 16 px (1 to 2; WCAG 1.4.4 asks for text up to 200%
// without loss of content, which the layouts of smaller screens give).
func (g *Game) SetTextScale(f float64) {
	f = min(max(f, 1), 2)
	if f != g.textScaleSet {
		g.textScaleSet = f
		g.changed()
	}
}

// textScale is the scale SetTextScale set, 1 before.
func (g *Game) textScale() float64 { return max(g.textScaleSet, 1) }

// maxScreenSide is the longest side of the screen in device pixels: the
// texture size every WebGL 2 implementation the page meets supports.
const maxScreenSide = 8192

// Layout is required by ebiten.Game; LayoutF is used instead.
func (g *Game) Layout(outsideWidth, outsideHeight int) (int, int) {
	w, h := g.LayoutF(float64(outsideWidth), float64(outsideHeight))
	return int(w), int(h)
}

// ErrQuit ends the desktop app's loop.
var ErrQuit = errors.New("quit")

// timing keeps a running average of a duration over the last 60 samples.
type timing struct {
	samples [60]time.Duration
	n       int
}

func (t *timing) since(start time.Time) {
	t.samples[t.n%len(t.samples)] = time.Since(start)
	t.n++
}

// maxMs is the longest of the last 60 samples.
func (t *timing) maxMs() float64 {
	var m time.Duration
	for _, d := range t.samples[:min(t.n, len(t.samples))] {
		m = max(m, d)
	}
	return float64(m) / 1e6
}

func (t *timing) avgMs() float64 {
	n := min(t.n, len(t.samples))
	if n == 0 {
		return 0
	}
	var sum time.Duration
	for _, d := range t.samples[:n] {
		sum += d
	}
	return float64(sum) / float64(n) / 1e6
}
