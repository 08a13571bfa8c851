package game

import (
	"fmt"
	"image/color"
	"math"

	"gigasandbox/model"
)

// chartView draws the outcomes over time: six small charts whose x axis is
// the whole run, filling in as the days pass. Hovering reads out the values
// of the day under the cursor.
type chartView struct {
	lines lineBatch
	pts   []float32
	cols  []float64
}

func (c *chartView) invalidate() {}

// line is one series of a chart.
type line struct {
	label string
	value func(day int) float64
}

// chartSpec is one chart.
type chartSpec struct {
	title, unit, tip string
	lines            []line
	format           func(float64) string
}

func (g *Game) chartSpecs() []chartSpec {
	sim := g.sess.Sim()
	h := sim.History()
	by := sim.ActiveByState()
	day := func(i int) *model.DayStats { return &h[i] }
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
	chips := []line{{"EU", func(i int) float64 { return float64(day(i).Chips[model.ChipActive]) }}}
	for _, st := range top {
		chips = append(chips, line{model.StateCode(st), func(i int) float64 { return float64(by[i][st]) }})
	}
	return []chartSpec{
		{"Chips running", "chips", "Active chips in the EU and in the three states with the most.", chips, num},
		{"Power", "MW", "Power drawn by the sites against the grid connections granted to them.", []line{
			{"drawn", func(i int) float64 { return float64(day(i).PowerDrawn) / 1e6 }},
			{"granted", func(i int) float64 { return float64(day(i).GridGranted) / 1e6 }},
			{"cut", func(i int) float64 { return float64(day(i).PowerCurtailed) / 1e6 }},
		}, num},
		{"InvestAI fund", "€bn", "The fund's balance, and what it has paid: EU shares of capital cost and vouchers.", []line{
			{"left", func(i int) float64 { return float64(day(i).Ledger.FundLeft) / 1e11 }},
			{"capex", func(i int) float64 { return float64(day(i).Ledger.EUCapex) / 1e11 }},
			{"vouchers", func(i int) float64 { return float64(day(i).Ledger.Vouchers) / 1e11 }},
		}, func(v float64) string { return fmt.Sprintf("%.2f", v) }},
		{"AI compute demand", "H100s busy", "EU demand for AI compute, served in the EU or leaked to clouds outside, in H100-equivalents busy all day.", []line{
			{"served", func(i int) float64 { return float64(day(i).Served) / 24000 }},
			{"leaked", func(i int) float64 { return float64(day(i).Leaked) / 24000 }},
		}, num},
		{"AI startups", "companies", "AI companies active in the EU, and those that relocated outside it.", []line{
			{"active", func(i int) float64 { return float64(day(i).StartupsActive) / 1000 }},
			{"relocated", func(i int) float64 { return float64(day(i).StartupsMoved) / 1000 }},
		}, num},
		{"Emissions", "t CO₂/day", "Emissions of the sites' electricity each day.", []line{
			{"CO₂", func(i int) float64 { return float64(day(i).Emissions.Tonnes()) }},
		}, num},
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

// chart draws one chart in r.
func (c *chartView) chart(g *Game, u *ui, r rect, s chartSpec) {
	n := len(g.sess.Sim().History())
	horizon := int(g.sess.Horizon())
	u.text(s.title, r.x, r.y, u.f.bold, colText, left)
	u.text(s.unit, r.x+u.textWidth(s.title, u.f.bold)+6, r.y+2, u.f.small, colTextDim, left)
	u.setTip(r, s.tip)
	plot := rect{r.x + 40, r.y + 34, r.w - 44, r.h - 38}
	u.line(plot.x, plot.y+plot.h, plot.x+plot.w, plot.y+plot.h, 1, colBorder)
	if n == 0 || horizon == 0 {
		u.text("press play", plot.x+plot.w/2, plot.y+plot.h/2-8, u.f.small, colTextDim, center)
		return
	}
	// one sample per device pixel column, up to today
	px := int(plot.w * u.k)
	cols := px * n / horizon
	if cols < 1 {
		cols = 1
	}
	if cap(c.cols) < cols*len(s.lines) {
		c.cols = make([]float64, cols*len(s.lines))
	}
	vals := c.cols[:cols*len(s.lines)]
	top := 0.0
	for li, l := range s.lines {
		for x := range cols {
			d := min((x+1)*horizon/px, n-1)
			v := l.value(d)
			vals[li*cols+x] = v
			top = max(top, v)
		}
	}
	top = niceCeil(top)
	u.text(s.format(top), plot.x-4, plot.y-6, u.f.small, colTextDim, right)
	u.text("0", plot.x-4, plot.y+plot.h-8, u.f.small, colTextDim, right)
	k := u.k
	for li := range s.lines {
		c.pts = c.pts[:0]
		for x := range cols {
			c.pts = append(c.pts, float32(plot.x*k)+float32(x), float32((plot.y+plot.h-plot.h*vals[li*cols+x]/top)*k))
		}
		if cols == 1 {
			c.pts = append(c.pts, c.pts[0]+1, c.pts[1])
		}
		c.lines.polyline(u.dst, c.pts, 0, 0, false, float32(1.6*k), series[li%len(series)])
	}
	c.lines.flush(u.dst)
	// legend, with the values of the day under the cursor (or today)
	readDay := n - 1
	if u.hover(plot) {
		readDay = min(int((u.mx-plot.x)/plot.w*float64(horizon)), n-1)
		hx := plot.x + plot.w*float64(readDay)/float64(horizon)
		u.line(hx, plot.y, hx, plot.y+plot.h, 1, colTextDim)
		u.text(model.Day(readDay).String(), hx, plot.y+plot.h-14, u.f.small, colTextDim, center)
	}
	x := r.x
	for li, l := range s.lines {
		txt := l.label + " " + s.format(l.value(readDay))
		u.fill(rect{x, r.y + 20, 9, 9}, series[li%len(series)])
		u.text(txt, x+12, r.y+17, u.f.small, colText, left)
		x += u.textWidth(txt, u.f.small) + 22
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

var _ = color.RGBA{}
