package game

import (
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"time"

	"gigasandbox/game/session"
	"gigasandbox/model"
	"gigasandbox/model/ensemble"
)

// Ranges: the current scenario run many times over the plausible range of
// every assumption (model/ensemble), in the background after every edit,
// a slice of days a frame. While it fills in, every chart shows the band
// from P10 to P90 and the median around the scenario's line, each goal how
// often it is met, with a progress mark; the tornado sheet shows what
// moves each headline outcome most. All of it from the same ensemble that
// gigasim sweep and gigasim tornado compute for the link.

// rangesRunChoices are the ensemble sizes the Levers tab offers; a link
// may ask for any size from ensemble.MinRuns to MaxRuns.
var rangesRunChoices = []int{16, 64, 256}

// rangesBudget is how long a frame may spend on the ensemble while time
// runs, after the projections, counted from the start of the update (as
// projectBudget); rangesBudgetPaused while time stands still. The ensemble
// runs only when both projections are complete.
const (
	rangesBudget       = 3 * time.Millisecond
	rangesBudgetPaused = 8 * time.Millisecond
	// rangesChunk is the work the ensemble does between looks at the
	// clock: days of one run (about 25 µs each in WebAssembly).
	rangesChunk = 16
	// bandEvery is how many runs the bands wait for before they are
	// computed again while the ensemble fills in (sorting every sampled
	// day's runs costs a frame's share).
	bandEvery = 4
)

// rangesView is the ensemble behind the bands and the odds, and the
// tornado sheet.
type rangesView struct {
	on   bool
	runs int // the ensemble's size: ensemble.DefaultRuns unless chosen
	job  ensembleRun
	// local is the last ensemble run in the page, whose memory the next
	// takes; worker runs them off the page's thread where the platform
	// has one (ranges_worker.go), jobs numbering its jobs.
	local       *ensemble.Job
	worker      EnsembleWorker
	workerTried bool
	jobs        int
	// proj is the projection the job was started with: the session makes
	// a new one after every edit, and the job follows.
	proj  *session.Projection
	clock dayClock
	// bands are the bands of ensemble.Metrics, each computed for
	// bandsHeld[m] runs of bandsJob (only those the charts ask for)
	bands     []ensemble.Band
	bandsHeld []int
	bandsJob  ensembleRun
	// bandQuota is how many bands a frame may still compute again while
	// the ensemble fills in: one, so that their sorting spreads over frames
	bandQuota int

	tornadoOpen   bool
	tornado       *ensemble.TornadoJob
	tornadoProj   *session.Projection
	tornadoScroll scroller
}

// Ranges is what the page shows of its ensemble, for the automation API
// (window.gigasim.ranges()) and its tests.
type Ranges struct {
	On   bool   `json:"on"`
	Runs int    `json:"runs"` // the ensemble's size
	Done int    `json:"done"` // runs finished
	Err  string `json:"err,omitempty"`
	// InWorker says the ensemble runs in a Web Worker, not in the page's
	// own frames.
	InWorker bool `json:"inWorker"`
	// Days are the sampled days of the bands; Bands the bands the charts
	// draw, by ensemble metric key, in the model's stored units.
	Days  []model.Day           `json:"days,omitempty"`
	Bands map[string]RangesBand `json:"bands,omitempty"`
	// Odds are the goals' odds the goals box shows.
	Odds []RangesOdds `json:"odds,omitempty"`
	// Digest is the ensemble's digest once complete (as gigasim sweep
	// prints it), "" before.
	Digest string `json:"digest,omitempty"`
}

// RangesBand is one metric's band.
type RangesBand struct {
	P10 []int64 `json:"p10"`
	P50 []int64 `json:"p50"`
	P90 []int64 `json:"p90"`
}

// RangesOdds is how often a goal is met.
type RangesOdds struct {
	ID      string `json:"id"`
	Met     int    `json:"met"`
	Runs    int    `json:"runs"`
	Percent int    `json:"percent"`
}

// SetRanges turns the bands on or off and sets the ensemble's size (0
// keeps it); a size out of range is refused with the reason.
func (g *Game) SetRanges(on bool, runs int) error {
	if runs != 0 && (runs < ensemble.MinRuns || runs > ensemble.MaxRuns) {
		return fmt.Errorf("%d runs: want %d to %d", runs, ensemble.MinRuns, ensemble.MaxRuns)
	}
	r := &g.ranges
	if runs != 0 && runs != r.size() {
		r.runs = runs
		r.proj = nil // a new ensemble
	}
	if on != r.on {
		r.on = on
		g.changed() // the link records it
	}
	return nil
}

// RangesOn reports whether the bands are on, and the ensemble's size.
func (g *Game) RangesOn() (bool, int) { return g.ranges.on, g.ranges.size() }

func (r *rangesView) size() int {
	if r.runs == 0 {
		return ensemble.DefaultRuns
	}
	return r.runs
}

// RangesNow is what the page shows of its ensemble now.
func (g *Game) RangesNow() Ranges {
	r := &g.ranges
	out := Ranges{On: r.on, Runs: r.size()}
	if r.job == nil {
		return out
	}
	out.Done, _ = r.job.Progress()
	_, out.InWorker = r.job.(*remoteRun)
	if err := r.job.Err(); err != nil {
		out.Err = err.Error()
	}
	res := r.job.Result()
	if res == nil || res.Held() == 0 {
		return out
	}
	out.Days = res.Days
	out.Bands = map[string]RangesBand{}
	for m, metric := range ensemble.Metrics {
		if b, ok := g.band(m); ok {
			out.Bands[metric.Key] = RangesBand{b.P10, b.P50, b.P90}
		}
	}
	for _, o := range g.odds() {
		out.Odds = append(out.Odds, RangesOdds{o.Goal.ID, o.Met, o.Runs, o.Percent()})
	}
	if r.job.Done() && r.job.Err() == nil {
		out.Digest = fmt.Sprintf("%016x", res.Digest())
	}
	return out
}

// rangesWork restarts the ensemble after an edit and advances it within
// the frame's budget, once the projections are complete; and the tornado
// sheet's runs while it is open, after the ensemble.
func (g *Game) rangesWork(start time.Time) {
	r := &g.ranges
	r.bandQuota = 1
	p := g.sess.Projection()
	if !r.on && !r.tornadoOpen {
		if r.worker != nil {
			r.worker.Received() // what it says of a job no longer shown
		}
		return
	}
	if g.frames < firstFrames || !p.Done() || g.baseline == nil || !g.baseline.Done() {
		return
	}
	budget := rangesBudget
	if !g.time.running() {
		budget = rangesBudgetPaused
	}
	w := g.ensembleWorker()
	var msgs []WorkerMessage
	if w != nil {
		if msgs = w.Received(); workerFailed(msgs) {
			r.worker, w, r.proj = nil, nil, nil // the page runs it from now on
		}
	}
	if r.on {
		if r.proj != p {
			r.proj = p
			cfg := ensemble.Config{Runs: r.size(), Goals: g.guide().goals}
			if w != nil {
				r.job = g.startRemote(w, g.sess.Scenario(), cfg)
			} else {
				r.local = r.local.Restart(g.sess.Scenario(), cfg)
				r.job = r.local
			}
		}
		if rr, ok := r.job.(*remoteRun); ok {
			rr.receive(msgs)
		} else if !r.job.Done() {
			_ = r.clock.run(start, budget, func() bool { return !r.local.Done() }, func() error {
				r.local.Advance(rangesChunk)
				return nil
			})
			return
		}
	}
	if r.tornadoOpen {
		if r.tornadoProj != p {
			r.tornadoProj = p
			r.tornado = r.tornado.Restart(g.sess.Scenario())
		}
		_ = r.clock.run(start, budget, func() bool { return !r.tornado.Done() }, func() error {
			r.tornado.Advance(rangesChunk)
			return nil
		})
	}
}

// rangesResult is the ensemble's result to show: nil when the bands are
// off or no run has finished.
func (g *Game) rangesResult() *ensemble.Result {
	r := &g.ranges
	if !r.on || r.job == nil || r.proj != g.sess.Projection() {
		return nil
	}
	res := r.job.Result()
	if res == nil || res.Held() == 0 {
		return nil
	}
	return res
}

// band is metric m's band (an index into ensemble.Metrics) as the charts
// draw it, computed again every bandEvery runs while the ensemble fills in
// (sorting each sampled day's runs is a frame's share of work).
func (g *Game) band(m int) (ensemble.Band, bool) {
	res := g.rangesResult()
	if res == nil {
		return ensemble.Band{}, false
	}
	r := &g.ranges
	if r.bandsJob != r.job {
		r.bands, r.bandsHeld, r.bandsJob = make([]ensemble.Band, len(ensemble.Metrics)), make([]int, len(ensemble.Metrics)), r.job
	}
	held := res.Held()
	// the first band, and the complete one, at once; between, one band a
	// frame, each every bandEvery runs
	if was := r.bandsHeld[m]; held != was && (was == 0 || held == res.Runs() || (held-was >= bandEvery && r.bandQuota > 0)) {
		if was != 0 && held != res.Runs() {
			r.bandQuota--
		}
		r.bands[m], r.bandsHeld[m] = res.Band(m), held
	}
	return r.bands[m], len(r.bands[m].P10) > 0
}

// odds are the goals' odds over the runs finished, or nil.
func (g *Game) odds() []ensemble.Odds {
	res := g.rangesResult()
	if res == nil {
		return nil
	}
	return res.Odds()
}

// oddsLine is the line under goal i that says how often it is met, or "".
func (g *Game) oddsLine(i int) string {
	odds := g.odds()
	if i >= len(odds) || odds[i].Runs == 0 {
		return ""
	}
	return g.tr("ranges.odds", odds[i].Percent(), odds[i].Runs)
}

// metricIndex is the index in ensemble.Metrics of key, or -1.
func metricIndex(key string) int {
	return slices.IndexFunc(ensemble.Metrics, func(m ensemble.Metric) bool { return m.Key == key })
}

// rangesProgress is the progress mark: how many runs of how many, while the
// ensemble fills in; "" when it is complete or off.
func (g *Game) rangesProgress() string {
	r := &g.ranges
	if !r.on || r.job == nil || r.proj != g.sess.Projection() {
		if r.on {
			return g.tr("ranges.progress", 0, r.size())
		}
		return ""
	}
	if err := r.job.Err(); err != nil {
		return err.Error()
	}
	if r.job.Done() {
		return ""
	}
	done, of := r.job.Progress()
	return g.tr("ranges.progress", done, of)
}

// rangesMark is what a chart says at the right of its title while the
// bands are on: the progress while the ensemble fills in, then what the
// band is, in one line ("P10–P90 of 64 runs, not a forecast").
func (g *Game) rangesMark() string {
	if p := g.rangesProgress(); p != "" {
		return p
	}
	if res := g.rangesResult(); res != nil {
		return g.tr("ranges.legend", res.Held())
	}
	return ""
}

// rangesPanel is the Ranges part of the Levers tab: the switch, the
// ensemble's size, the line that says what the bands are, and the
// tornado sheet's button.
func (g *Game) rangesPanel(u *ui, r *rect) {
	rv := &g.ranges
	heading(u, r, g.tr("ranges.heading"))
	if u.toggle(r.row(g.rowH()), g.tr("ranges.toggle"), rv.on, g.tr("ranges.toggle.tip")) {
		_ = g.SetRanges(!rv.on, 0)
	}
	row := r.row(g.rowH())
	lw := row.w * 0.4
	u.label(g.tr("ranges.runs"), rect{row.x, row.y, lw, row.h}, u.fit(g.tr("ranges.runs"), lw-8, u.f.normal), colText, left)
	bw := (row.w - lw) / float64(len(rangesRunChoices))
	for i, n := range rangesRunChoices {
		label := strconv.Itoa(n)
		if u.button(rect{row.x + lw + float64(i)*bw, row.y, bw - 4, row.h}, label, rv.size() == n, g.tr("ranges.runs.tip")) && rv.size() != n {
			_ = g.SetRanges(rv.on, n)
			g.changed()
		}
	}
	r.row(4)
	g.para(u, r, g.tr("ranges.note"), u.f.small, colTextDim)
	if p := g.rangesProgress(); p != "" {
		g.para(u, r, p, u.f.small, colTextDim)
	}
	r.row(4)
	if u.button(r.row(g.rowH()), g.tr("tornado.open"), rv.tornadoOpen, g.tr("tornado.open.tip")) {
		rv.tornadoOpen = !rv.tornadoOpen
	}
}

// bandTint is the band's fill: the first series' blue, a fifth of it on
// the panel's white (opaque, so that overlapping strokes do not darken).
var bandTint = color.RGBA{0xcc, 0xe3, 0xf0, 0xff}

// drawBand fills the band of metric m between P10 and P90 under a chart's
// first line, and draws its median dotted; scale turns stored units into
// the chart's, y places a value, dayAt gives each column's day.
func (c *chartView) drawBand(g *Game, u *ui, m int, scale float64, px int, x0 float32, dayAt func(int) int, y func(float64) float32) {
	b, ok := g.band(m)
	if !ok {
		return
	}
	s := func(d int) int { return min(d/ensemble.SampleEvery, len(b.P10)-1) }
	k := float32(u.k)
	c.pts = c.pts[:0]
	for x := range px {
		i := s(dayAt(x))
		lo, hi := y(float64(b.P10[i])/scale), y(float64(b.P90[i])/scale)
		if x%2 == 1 {
			lo, hi = hi, lo
		}
		c.pts = append(c.pts, x0+float32(x), lo, x0+float32(x), hi)
	}
	u.polyline(c.pts, 0, 0, false, 1.5, bandTint)
	// the median, dotted
	c.pts = c.pts[:0]
	for x := range px {
		if (x/2)%2 == 1 {
			if len(c.pts) >= 4 {
				u.polyline(c.pts, 0, 0, false, k, series[0])
			}
			c.pts = c.pts[:0]
			continue
		}
		c.pts = append(c.pts, x0+float32(x), y(float64(b.P50[s(dayAt(x))])/scale))
	}
	if len(c.pts) >= 4 {
		u.polyline(c.pts, 0, 0, false, k, series[0])
	}
}

// bandTop is the highest P90 of metric m in the chart's units, for its
// axis; 0 without a band.
func (g *Game) bandTop(m int, scale float64) float64 {
	b, ok := g.band(m)
	if !ok {
		return 0
	}
	return float64(slices.Max(b.P90)) / scale
}

// tornadoRows is how many assumptions each tornado shows, largest first.
const tornadoRows = 6

// tornadoSheet shows a tornado chart for each of the page's headline
// outcomes: the outcome with each assumption at the low and at the high
// end of its range, the others as the scenario has them, largest swing
// first, around the scenario's own figure.
func (g *Game) tornadoSheet(u *ui) {
	rv := &g.ranges
	body, closed := g.sheet(u, g.sheetRect(760, g.h), g.tr("tornado.heading"))
	if closed {
		rv.tornadoOpen = false
		return
	}
	c := u.beginScroll(&rv.tornadoScroll, body)
	g.para(u, &c, g.tr("tornado.note"), u.f.small, colTextDim)
	// the legend: side by side where both fit, else one under the other
	keys := []string{"tornado.low", "tornado.high"}
	lw := c.w / 2
	for _, key := range keys {
		if u.textWidth(g.tr(key), u.f.small)+32 > lw {
			lw = c.w
		}
	}
	var leg rect
	for i, key := range keys {
		x := c.x + float64(i)*lw
		if i == 0 || lw == c.w {
			leg, x = c.row(20), c.x
		}
		u.fill(rect{x, leg.y + 5, 10, 10}, tornadoColours[i])
		u.label(g.tr(key), rect{x + 14, leg.y, lw - 18, 20}, u.f.small, colText, left)
	}
	c.row(6)
	var ts []ensemble.Tornado
	if rv.tornado != nil && rv.tornadoProj == g.sess.Projection() {
		ts = rv.tornado.Tornadoes()
		if err := rv.tornado.Err(); err != nil {
			g.para(u, &c, err.Error(), u.f.normal, colError)
		}
	}
	if ts == nil {
		done, of := 0, 0
		if rv.tornado != nil && rv.tornadoProj == g.sess.Projection() {
			done, of = rv.tornado.Progress()
		}
		if of == 0 {
			sc := g.sess.Scenario()
			of = 1 + 2*len(ensemble.Varied(&sc))
		}
		g.para(u, &c, g.tr("tornado.wait", done, of), u.f.normal, colTextDim)
		u.endScroll(&rv.tornadoScroll, body, c)
		return
	}
	for _, t := range ts {
		if !slices.Contains(ensemble.TornadoOutcomes, t.Key) {
			continue
		}
		g.tornadoChart(u, &c, t)
		c.row(10)
	}
	u.endScroll(&rv.tornadoScroll, body, c)
}

// tornadoColours are the bars' colours: the assumption at its low end, and
// at its high end (series' orange and blue, told apart with every colour
// blindness).
var tornadoColours = [2]color.RGBA{series[1], series[0]}

// tornadoChart draws one outcome's tornado: its name and central figure,
// then a row per assumption (its name over a bar on a narrow sheet,
// beside it on a wide one).
func (g *Game) tornadoChart(u *ui, c *rect, t ensemble.Tornado) {
	title := g.tr("compare."+t.Key) + ": " + figure(t.Central, t.Unit, true) + " " + g.unitName(t.Unit)
	for _, l := range u.wrapW(title, u.f.bold, c.w-12) {
		u.label(l, c.row(22), u.f.bold, colText, left)
	}
	swings := t.Swings[:min(tornadoRows, len(t.Swings))]
	var lo, hi int64 = t.Central, t.Central
	for _, s := range swings {
		lo, hi = min(lo, s.Low, s.High), max(hi, s.Low, s.High)
	}
	narrow := c.w < 560
	for _, s := range swings {
		if s.Size() == 0 {
			break
		}
		name := g.tr("param." + s.Param.Info().Key)
		values := figure(s.Low, t.Unit, true) + " – " + figure(s.High, t.Unit, true)
		var bar rect
		if narrow {
			for _, l := range u.wrapW(name, u.f.small, c.w-12) {
				u.label(l, c.row(17), u.f.small, colText, left)
			}
			row := c.row(20)
			vw := u.textWidth(values, u.f.small) + 12
			bar = rect{row.x, row.y + 3, row.w - vw - 4, 14}
			u.label(values, rect{row.x + row.w - vw, row.y, vw, 20}, u.f.small, colTextDim, right)
		} else {
			lines := u.wrapW(name, u.f.small, c.w*0.45-12)
			row := c.row(max(20, float64(len(lines))*17+3))
			for i, l := range lines {
				u.label(l, rect{row.x, row.y + float64(i)*17, row.w * 0.45, 17}, u.f.small, colText, left)
			}
			vw := 150.0
			bar = rect{row.x + row.w*0.45, row.y + 3, row.w*0.55 - vw - 8, 14}
			u.label(values, rect{row.x + row.w - vw, row.y, vw, 20}, u.f.small, colTextDim, right)
		}
		u.setTip(bar, g.tr("tornado.bar.tip", figure(s.Low, t.Unit, true), figure(s.High, t.Unit, true)))
		if hi == lo || !u.drawing() {
			continue
		}
		at := func(v int64) float64 { return bar.x + bar.w*float64(v-lo)/float64(hi-lo) }
		mid := at(t.Central)
		for i, v := range []int64{s.Low, s.High} {
			a, b := min(mid, at(v)), max(mid, at(v))
			u.fill(rect{a, bar.y, max(b-a, 1), bar.h}, tornadoColours[i])
		}
		u.line(mid, bar.y-2, mid, bar.y+bar.h+2, 1, colText)
	}
}

// bandsParam is the link's fragment parameter that turns the bands on
// with an ensemble of its size: "&bands=64".
const bandsParam = "bands"

// rangesFragment is the fragment's part for the bands: "&bands=N" when on.
func (g *Game) rangesFragment() string {
	if !g.ranges.on {
		return ""
	}
	return "&" + bandsParam + "=" + strconv.Itoa(g.ranges.size())
}
