package game

import (
	"image/color"
	"math"

	"gigasandbox/model"
)

// chartView draws the outcomes over time: six small charts whose x axis is
// the whole run, filling in as the days pass. Hovering reads out the values
// of the day under the cursor.
type chartView struct {
	pts  []float32
	cols []float64
}

// line is one series of a chart: its value on day i of a run.
type line struct {
	label string
	value func(r run, i int) float64
}

// run is the outcomes of one simulation, day by day: the live run, its
// projection to the horizon, or the baseline.
type run struct {
	days    []model.DayStats
	byState [][model.NumStates]int32
}

func runOf(sim *model.Sim) run {
	if sim == nil {
		return run{}
	}
	return run{sim.History(), sim.ActiveByState()}
}

// chartSpec is one chart.
type chartSpec struct {
	title, unit, tip string
	lines            []line
	format           func(float64) string
	// band is the ensemble metric (ensemble.Metrics' key) of the first
	// line, whose band the chart shows when ranges are on, and bandScale
	// the stored units in one of the chart's.
	band      string
	bandScale float64
}

func (g *Game) chartSpecs() []chartSpec {
	by := g.sess.Sim().ActiveByState()
	num := func(v float64) string { return compact(int64(math.Round(v))) }

	// the three states with the most chips running today
	top := []int{}
	if n := len(by); n > 0 {
		last := by[n-1]
		for range 3 {
			best := -1
			for st := range last {
				taken := false
				for _, t := range top {
					taken = taken || t == st
				}
				if !taken && last[st] > 0 && (best < 0 || last[st] > last[best]) {
					best = st
				}
			}
			if best >= 0 {
				top = append(top, best)
			}
		}
	}
	chips := []line{{g.tr("chart.eu"), func(r run, i int) float64 { return float64(r.days[i].Chips[model.ChipActive]) }}}
	for _, st := range top {
		chips = append(chips, line{model.StateCode(st), func(r run, i int) float64 { return float64(r.byState[i][st]) }})
	}
	return []chartSpec{
		{g.tr("chart.chips"), g.tr("chart.chips.unit"), g.tr("chart.chips.tip"), chips, num, "chips_active", 1},
		{g.tr("chart.power"), "MW", g.tr("chart.power.tip"), []line{
			{g.tr("chart.power.drawn"), func(r run, i int) float64 { return float64(r.days[i].PowerDrawn) / 1e6 }},
			{g.tr("chart.power.granted"), func(r run, i int) float64 { return float64(r.days[i].GridGranted) / 1e6 }},
			{g.tr("chart.power.cut"), func(r run, i int) float64 { return float64(r.days[i].PowerCurtailed) / 1e6 }},
		}, num, "power_drawn", 1e6},
		{g.tr("chart.fund"), "€bn", g.tr("chart.fund.tip"), []line{
			{g.tr("chart.fund.left"), func(r run, i int) float64 { return float64(r.days[i].Ledger.FundLeft) / 1e11 }},
			{g.tr("chart.fund.capex"), func(r run, i int) float64 { return float64(r.days[i].Ledger.EUCapex) / 1e11 }},
			{g.tr("chart.fund.vouchers"), func(r run, i int) float64 { return float64(r.days[i].Ledger.Vouchers) / 1e11 }},
		}, func(v float64) string { return decimalMark(v, 2) }, "fund_left", 1e11},
		{g.tr("chart.demand"), g.tr("chart.demand.unit"), g.tr("chart.demand.tip"), []line{
			{g.tr("chart.demand.served"), func(r run, i int) float64 { return float64(r.days[i].Served) / 24000 }},
			{g.tr("chart.demand.leaked"), func(r run, i int) float64 { return float64(r.days[i].Leaked) / 24000 }},
		}, num, "served", 24000},
		{g.tr("chart.startups"), g.tr("chart.startups.unit"), g.tr("chart.startups.tip"), []line{
			{g.tr("chart.startups.active"), func(r run, i int) float64 { return float64(r.days[i].StartupsActive) / 1000 }},
			{g.tr("chart.startups.relocated"), func(r run, i int) float64 { return float64(r.days[i].StartupsMoved) / 1000 }},
		}, num, "startups_active", 1000},
		{g.tr("chart.co2"), g.tr("chart.co2.unit"), g.tr("chart.co2.tip"), []line{
			{"CO₂", func(r run, i int) float64 { return float64(r.days[i].Emissions.Tonnes()) }},
		}, num, "emissions", 1e6},
	}
}

// layout draws the charts in a 3×2 grid.
func (c *chartView) layout(g *Game, u *ui, r rect) {
	u.fill(r, colPanel)
	u.line(r.x, r.y+0.5, r.x+r.w, r.y+0.5, 1, colBorder)
	u.line(r.x+0.5, r.y, r.x+0.5, r.y+r.h, 1, colBorder)
	if !u.drawing() {
		return // charts take no clicks; hover is read while drawing
	}
	specs := g.chartSpecs()
	cols, rows := 3, 2
	if r.h > r.w { // a column beside the map
		cols, rows = 1, len(specs)
	}
	w, h := r.w/float64(cols), r.h/float64(rows)
	for i, s := range specs {
		cell := rect{r.x + float64(i%cols)*w, r.y + float64(i/cols)*h, w, h}.inset(6)
		c.chart(g, u, cell, s)
	}
}

// layoutSome draws n charts from the first, one under another, in r: a
// phone's page of charts.
func (c *chartView) layoutSome(g *Game, u *ui, r rect, first, n int) {
	if !u.drawing() {
		return
	}
	specs := g.chartSpecs()
	h := r.h / float64(n)
	for i := first; i < min(first+n, len(specs)); i++ {
		c.chart(g, u, rect{r.x, r.y + float64(i-first)*h, r.w, h}.inset(4), specs[i])
	}
}

// chart draws one chart in r: the live run solid up to today, the
// projection of the current scenario dashed to the horizon, and the
// baseline preset's first series in grey underneath.
func (c *chartView) chart(g *Game, u *ui, r rect, s chartSpec) {
	live := runOf(g.sess.Sim())
	proj := runOf(g.sess.Shown().Sim())
	base := runOf(g.baselineSim())
	n, pn, bn := len(live.days), len(proj.days), len(base.days)
	horizon := int(g.sess.Horizon())
	u.text(s.title, r.x, r.y, u.f.bold, colText, left)
	u.text(s.unit, r.x+u.textWidth(s.title, u.f.bold)+6, r.y+2, u.f.small, colTextDim, left)
	tip := s.tip + " " + g.tr("chart.how")
	if g.ranges.on {
		tip += "\n" + g.tr("ranges.chart.tip") + " " + g.tr("ranges.note")
	}
	u.setTip(r, tip)
	if mark := g.rangesMark(); mark != "" {
		// the progress mark, or once complete what the band is, at the
		// right of the title if it fits
		tw := u.textWidth(s.title, u.f.bold) + 6 + u.textWidth(s.unit, u.f.small)
		if r.x+tw+12+u.textWidth(mark, u.f.small) <= r.x+r.w {
			u.text(mark, r.x+r.w, r.y+2, u.f.small, colTextDim, right)
		}
	}
	plot := rect{r.x + 40, r.y + 40, r.w - 44, r.h - 44} // under the legend, with room for the top value
	u.line(plot.x, plot.y+plot.h, plot.x+plot.w, plot.y+plot.h, 1, colBorder)
	if horizon == 0 || max(n, pn, bn) == 0 {
		return
	}
	// one sample per device pixel column
	px := max(int(plot.w*u.k), 1)
	dayAt := func(x int) int { return min((x+1)*horizon/px, horizon-1) }
	top := 0.0
	for x := range px {
		d := dayAt(x)
		for _, l := range s.lines {
			switch {
			case d < n:
				top = max(top, l.value(live, d))
			case d < pn:
				top = max(top, l.value(proj, d))
			}
		}
		if d < bn && len(s.lines) > 0 && g.showBaseline() {
			top = max(top, s.lines[0].value(base, d))
		}
	}
	band := -1
	if s.band != "" {
		band = metricIndex(s.band)
		top = max(top, g.bandTop(band, s.bandScale))
	}
	top = niceCeil(top)
	u.text(s.format(top), plot.x-4, plot.y-6, u.f.small, colTextDim, right)
	u.text("0", plot.x-4, plot.y+plot.h-8, u.f.small, colTextDim, right)
	k := u.k
	y := func(v float64) float32 { return float32((plot.y + plot.h - plot.h*v/top) * k) }
	x0 := float32(plot.x * k)
	// trace adds the polyline of l over run src for columns [from, to).
	trace := func(l line, src run, from, to int, width float32, col color.Color, dashed bool) {
		c.pts = c.pts[:0]
		for x := from; x < to; x++ {
			if dashed && (x/4)%2 == 1 {
				if len(c.pts) >= 4 {
					u.polyline(c.pts, 0, 0, false, width, col)
				}
				c.pts = c.pts[:0]
				continue
			}
			c.pts = append(c.pts, x0+float32(x), y(l.value(src, dayAt(x))))
		}
		if len(c.pts) == 2 {
			c.pts = append(c.pts, c.pts[0]+1, c.pts[1])
		}
		if len(c.pts) >= 4 {
			u.polyline(c.pts, 0, 0, false, width, col)
		}
	}
	lastCol := func(days int) int { // first column whose day is not yet simulated
		x := 0
		for x < px && dayAt(x) < days {
			x++
		}
		return x
	}
	liveTo, projTo, baseTo := lastCol(n), lastCol(pn), lastCol(bn)
	if band >= 0 {
		c.drawBand(g, u, band, s.bandScale, px, x0, dayAt, y)
	}
	if len(s.lines) > 0 && g.showBaseline() {
		trace(s.lines[0], base, 0, baseTo, float32(1.2*k), colBaseline, false)
	}
	for li, l := range s.lines {
		col := series[li%len(series)]
		trace(l, live, 0, liveTo, float32(1.6*k), col, false)
		if projTo > liveTo {
			trace(l, proj, max(liveTo-1, 0), projTo, float32(1.3*k), col, true)
		}
	}
	// legend, with the values of the day under the cursor (or today)
	readDay := n - 1
	if u.hover(plot) {
		readDay = min(int((u.mx-plot.x)/plot.w*float64(horizon)), max(n, pn)-1)
		hx := plot.x + plot.w*float64(readDay)/float64(horizon)
		u.line(hx, plot.y, hx, plot.y+plot.h, 1, colTextDim)
		u.text(g.date(model.Day(readDay)), hx, plot.y+plot.h-14, u.f.small, colTextDim, center)
	}
	src := live
	if readDay >= n {
		src = proj
	}
	x := r.x
	for li, l := range s.lines {
		if readDay < 0 {
			break
		}
		txt := l.label + " " + s.format(l.value(src, readDay))
		u.fill(rect{x, r.y + 20, 9, 9}, series[li%len(series)])
		u.text(txt, x+12, r.y+17, u.f.small, colText, left)
		x += u.textWidth(txt, u.f.small) + 22
	}
	if readDay >= 0 && readDay < bn && len(s.lines) > 0 && g.showBaseline() {
		txt := g.baselineLabel() + " " + s.format(s.lines[0].value(base, readDay))
		u.fill(rect{x, r.y + 20, 9, 9}, colBaseline)
		u.text(txt, x+12, r.y+17, u.f.small, colTextDim, left)
	}
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten, so axes read well.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}
