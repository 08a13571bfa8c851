package game

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"rsc.io/qr"

	"gigasandbox/assets/eumap"
	"gigasandbox/model/report"
)

// The board's sheet: a toolbar, the table of teams (or, on a narrow
// screen, a card per team), the goals' legend, a small chart per headline
// number with every team on it, and the teams' sites on one map. On a
// projector at 1280×720 the table, the charts and the map share the
// screen; on a tablet every control is a finger's size (rowH).

// boardKPIs are the board's headline columns, in report.BoardKeys' order,
// with the page's short labels (the kpi strip's) and the charts' units.
var boardKPIs = [numKPIs]struct {
	key, label string
	unit       report.Unit // the unit of report's row (TestBoardKPIs)
	chart      report.Unit // the unit of kpiSeries' values
}{
	{"chips_active", "kpi.chips", report.Chips, report.Chips},
	{"power_mw", "kpi.power", report.MW, report.MW},
	{"fund_left", "kpi.fund", report.EuroMillions, report.EuroMillions},
	{"served_pct", "kpi.served", report.Permille, report.Permille},
	{"startups_active", "kpi.startups", report.Companies, report.Companies},
	{"emissions_year", "board.co2", report.KtCO2e, report.TonnesCO2e},
}

// boardSheet lays out the board over the page.
func (g *Game) boardSheet(u *ui) {
	b := g.brd()
	r := g.sheetRect(g.w, g.h)
	title := g.tr("board.heading")
	if b.title != "" {
		title += ": " + b.title
	}
	body, closed := g.sheet(u, r, title)
	if closed {
		b.open = false
		return
	}
	c := u.beginScroll(&b.scroll, body)
	g.boardToolbar(u, &c)
	c.row(8)
	switch {
	case len(b.teams) == 0:
		g.para(u, &c, g.tr("board.empty"), u.f.normal, colTextDim)
	case b.showLink:
		g.boardLinkView(u, &c)
	default:
		done := 0
		for _, t := range b.teams {
			if t.done() {
				done++
			}
		}
		if done < len(b.teams) {
			g.para(u, &c, g.tr("board.wait", done, len(b.teams)), u.f.small, colTextDim)
		}
		goals := g.boardGoals()
		table := c
		switch tw, ok := g.boardTable(u, &table, goals); {
		case !ok:
			g.boardCards(u, &c, goals)
			g.boardLegend(u, &c, goals)
		case c.w-tw >= 320: // the goals' legend beside the table: the charts stay in sight on a projector
			legend := rect{c.x + tw + 16, c.y - 6, c.w - tw - 16, c.h}
			g.boardLegend(u, &legend, goals)
			c.row(max(table.y, legend.y) - c.y)
		default:
			c = table
			g.boardLegend(u, &c, goals)
		}
		c.row(10)
		g.boardCharts(u, &c, body.y+body.h)
	}
	u.endScroll(&b.scroll, body, c)
	if !u.drawing() && u.click && !u.used && u.hover(r) {
		u.used = true // a click on the sheet goes to nothing under it
	}
}

// flow lays out buttons left to right, wrapping to the next row.
type flow struct {
	r      *rect
	x, h   float64
	row    rect
	gap    float64
	placed bool
}

func (f *flow) next(w float64) rect {
	if !f.placed || f.x+w > f.row.x+f.row.w {
		if f.placed {
			f.r.row(f.gap)
		}
		f.row = f.r.row(f.h)
		f.x = f.row.x
		f.placed = true
	}
	b := rect{f.x, f.row.y, min(w, f.row.w), f.h}
	f.x += b.w + f.gap
	return b
}

// boardToolbar: paste a link, add this run, add the runs opened in this
// tab, the board's link and QR code, CSV and PNG.
func (g *Game) boardToolbar(u *ui, c *rect) {
	b := g.brd()
	f := flow{r: c, h: g.rowH(), gap: 6}
	bw := func(label string) float64 { return max(u.textWidth(label, u.f.normal)+24, g.minButton()) }
	if g.platform.Ask != nil {
		l := g.tr("board.paste")
		if u.button(f.next(bw(l)), l, false, g.tr("board.paste.tip")) {
			if text, ok := g.platform.Ask(g.tr("board.paste.ask"), ""); ok && strings.TrimSpace(text) != "" {
				g.boardAdd(text, true)
			}
		}
	}
	l := g.tr("board.addthis")
	if u.button(f.next(bw(l)), l, false, g.tr("board.addthis.tip")) {
		if frag, err := g.Fragment(); err != nil {
			g.notifyErr(err)
		} else {
			g.boardAdd(frag, true)
		}
	}
	var fresh []string
	for _, o := range b.opened {
		if !slices.ContainsFunc(b.teams, func(t *boardTeam) bool { return t.fragment() == o || strings.HasPrefix(o, t.link+"&") }) {
			fresh = append(fresh, o)
		}
	}
	if len(fresh) > 0 {
		l := g.tr("board.addopened", len(fresh))
		if u.button(f.next(bw(l)), l, false, g.tr("board.addopened.tip")) {
			for _, o := range fresh {
				if err := g.AddTeam(o, ""); err != nil {
					g.notifyErr(err)
					break
				}
			}
		}
	}
	if len(b.teams) == 0 {
		return
	}
	l = g.tr("board.link")
	if u.button(f.next(bw(l)), l, b.showLink, g.tr("board.link.tip")) {
		b.showLink = !b.showLink
	}
	l = g.tr("share.csv")
	if u.button(f.next(bw(l)), l, false, g.tr("board.csv.tip")) {
		g.exportBoardCSV()
	}
	l = g.tr("share.png")
	if u.button(f.next(bw(l)), l, false, g.tr("board.png.tip")) {
		g.share.shot = true
	}
}

// boardAdd puts a link on the board, asking the team's name where the
// platform can ask.
func (g *Game) boardAdd(text string, ask bool) {
	name := ""
	if ask && g.platform.Ask != nil {
		def := g.freeName(g.tr("board.team", len(g.brd().teams)+1))
		n, ok := g.platform.Ask(g.tr("board.name.ask"), def)
		if !ok {
			return
		}
		name = n
	}
	if err := g.AddTeam(text, name); err != nil {
		g.notify(g.tr("board.bad", g.explain(err)))
	}
}

// Paste puts a pasted link on the board, when it is open (Ctrl+V).
func (g *Game) Paste(text string) {
	if g.boardOpen() && strings.TrimSpace(text) != "" {
		g.boardAdd(text, true)
	}
}

// boardLinkView shows the board's link, a Copy button and its QR code.
func (g *Game) boardLinkView(u *ui, c *rect) {
	b := g.brd()
	addr, err := g.BoardURL()
	if err != nil {
		g.para(u, c, g.explain(err), u.f.normal, colError)
		return
	}
	g.para(u, c, g.tr("board.link.what"), u.f.normal, colTextDim)
	for _, l := range u.chunksW(addr, u.f.small, c.w-12) {
		u.label(l, c.row(16), u.f.small, colText, left)
	}
	c.row(8)
	if g.platform.Copy != nil {
		l := g.tr("share.copy")
		row := c.row(g.rowH())
		if u.button(row.col(max(u.textWidth(l, u.f.normal)+24, 160)), l, false, g.tr("share.copy.tip")) {
			if err := g.platform.Copy(addr); err != nil {
				g.notifyErr(err)
			} else {
				g.notify(g.tr("share.copied"))
			}
		}
		c.row(8)
	}
	if b.qrFor != addr {
		b.qrFor = addr
		b.qr, _ = qr.Encode(addr, qr.L)
	}
	if b.qr == nil {
		g.para(u, c, g.tr("share.qr.toolong"), u.f.small, colTextDim)
		return
	}
	side := min(c.w, 360)
	area := c.row(side)
	area.w = side
	drawCode(u, b.qr, area)
	u.setTip(area, g.tr("share.qr.tip"))
}

// drawCode draws a QR code in r, in whole device pixels per module, with
// its quiet zone.
func drawCode(u *ui, code *qr.Code, r rect) {
	u.fill(r, colPanel)
	n := code.Size + 8
	m := min(r.w, r.h) / float64(n)
	m = max(1, float64(int(m*u.k))) / u.k
	side := m * float64(n)
	x0, y0 := r.x+(r.w-side)/2+4*m, r.y+(r.h-side)/2+4*m
	if !u.drawing() {
		return
	}
	for y := range code.Size {
		for x := range code.Size {
			if code.Black(x, y) {
				u.fill(rect{x0 + float64(x)*m, y0 + float64(y)*m, m, m}, colText)
			}
		}
	}
}

// boardGoals are the goal columns of the teams run so far.
func (g *Game) boardGoals() []report.BoardGoal {
	var runs []report.BoardRun
	for _, t := range g.brd().teams {
		if t.done() {
			runs = append(runs, t.run)
		}
	}
	return report.BoardGoals(runs)
}

// boardOrder is the order the table shows the teams in: by the sorted
// column, ties (and unfinished runs, last) in the order they were added.
func (g *Game) boardOrder(goals []report.BoardGoal) []int {
	b := g.brd()
	idx := make([]int, len(b.teams))
	for i := range idx {
		idx[i] = i
	}
	col := b.sortCol
	if col < 0 {
		return idx
	}
	key := func(t *boardTeam) (string, int64) {
		switch {
		case col == 0:
			return strings.ToLower(t.name), 0
		case col <= len(goals):
			s, ok := t.run.Verdict(goals[col-1])
			if !ok {
				return "", -1
			}
			return "", []int64{report.GoalUnknown: 0, report.GoalAtRisk: 1, report.GoalMissed: 1, report.GoalOnTrack: 2, report.GoalMet: 2}[s.Verdict]
		case col <= len(goals)+numKPIs:
			v, _, _ := t.run.Value(boardKPIs[col-1-len(goals)].key)
			return "", v
		}
		return "", 0
	}
	slices.SortStableFunc(idx, func(i, j int) int {
		ti, tj := b.teams[i], b.teams[j]
		if ti.done() != tj.done() {
			if ti.done() {
				return -1
			}
			return 1
		}
		si, vi := key(ti)
		sj, vj := key(tj)
		c := cmp.Or(strings.Compare(si, sj), cmp.Compare(vi, vj))
		if b.sortDesc {
			c = -c
		}
		return c
	})
	return idx
}

// sortBy sorts the table by a column; again, the other way round.
func (g *Game) sortBy(col int) {
	b := g.brd()
	if b.sortCol == col {
		b.sortDesc = !b.sortDesc
	} else {
		b.sortCol, b.sortDesc = col, col != 0 // names A to Z, figures largest first
	}
	b.rev++
}

// cellText is team t's headline value k as a table's cell shows it: the
// figure alone, its unit in the column's heading (kpiHead).
func (g *Game) cellText(t *boardTeam, k int) string {
	if !t.done() {
		return "…"
	}
	if t.err != nil {
		return "—"
	}
	v, unit, _ := t.run.Value(boardKPIs[k].key)
	return figure(v, unit, unit == report.Permille || unit == report.EuroMillions)
}

// cardText is team t's headline value k with its unit, as a card shows it.
func (g *Game) cardText(t *boardTeam, k int) string {
	if !t.done() || t.err != nil {
		return g.cellText(t, k)
	}
	v, unit, _ := t.run.Value(boardKPIs[k].key)
	return g.quantity(v, unit, unit == report.Permille || unit == report.EuroMillions)
}

// kpiHead is headline column k's heading: its label, and its unit unless
// the label names what it counts.
func (g *Game) kpiHead(k int) string {
	l := g.tr(boardKPIs[k].label)
	unit := boardKPIs[k].unit
	if unit == report.Chips || unit == report.Companies || unit == report.Sites {
		return l
	}
	return l + " (" + g.unitName(unit) + ")"
}

// headLabel is a column's heading with the sort mark.
func (g *Game) headLabel(col int, text string) string {
	b := g.brd()
	if b.sortCol != col {
		return text
	}
	if b.sortDesc {
		return text + " ▼"
	}
	return text + " ▲"
}

// headButton is a table's column heading, its words wrapped to its
// width: a button that sorts by the column.
func (u *ui) headButton(r rect, label string, lines []string, on bool, tip string) bool {
	u.saw(label, r)
	f := u.f.small
	lh := u.textHeight(f) + 2
	top := r.y + (r.h-float64(len(lines))*lh)/2
	var text rect
	for i, l := range lines {
		lr := u.textInRect(l, rect{r.x, top + float64(i)*lh, r.w, lh}, f, center)
		if i == 0 {
			text = lr
		} else {
			x0, y0 := min(text.x, lr.x), min(text.y, lr.y)
			x1, y1 := max(text.x+text.w, lr.x+lr.w), max(text.y+text.h, lr.y+lr.h)
			text = rect{x0, y0, x1 - x0, y1 - y0}
		}
	}
	u.place(label, r, text, true)
	_, act := u.focusable(r, TwinControl{Label: label, Tip: tip, Kind: "button", On: on})
	bg, fg := colButton, colText
	switch {
	case on:
		bg, fg = colButtonOn, colTextOn
	case u.hover(r):
		bg = colButtonHover
	}
	u.fill(r, bg)
	for i, l := range lines {
		u.textIn(l, rect{r.x, top + float64(i)*lh, r.w, lh}, f, fg, center)
	}
	u.setTip(r, tip)
	return u.clicked(r) || act
}

// tableCol is a column of the board's table.
type tableCol struct {
	w     float64
	label string   // the heading, with its sort mark
	lines []string // the heading wrapped to w
	tip   string
}

// boardTable lays out the teams as a table, a row each, if it fits the
// width, with a column per goal (its verdict chip, or a mark where they
// are too many for chips) and per headline number; it reports whether it
// did, and how wide the table is.
func (g *Game) boardTable(u *ui, c *rect, goals []report.BoardGoal) (float64, bool) {
	b := g.brd()
	rh := g.rowH()
	sw, gap := 14.0, 6.0
	small := u.f.small
	word := func(s string) float64 { // the widest word of a heading
		w := 0.0
		for _, p := range strings.Fields(s) {
			w = max(w, u.textWidth(p, small))
		}
		return w + 14
	}
	name := tableCol{label: g.headLabel(0, g.tr("board.col.team")), tip: g.tr("board.sort.tip")}
	name.w = max(word(name.label), g.minButton())
	for _, t := range b.teams {
		name.w = max(name.w, u.textWidth(t.name, u.f.normal)+20)
	}
	var vals [numKPIs]tableCol
	valsW := 0.0
	for k := range boardKPIs {
		v := &vals[k]
		v.label, v.tip = g.headLabel(1+len(goals)+k, g.kpiHead(k)), g.tr("board.sort.tip")
		v.w = max(word(v.label), g.minButton(), 64)
		for _, t := range b.teams {
			v.w = max(v.w, u.textWidth(g.cellText(t, k), small)+16)
		}
		valsW += v.w + gap
	}
	delW := g.minButton()
	fixed := sw + 4 + name.w + gap + valsW + delW
	// goals as chips with their verdicts, or as marks when chips do not fit
	marks := false
	goalW := max(g.verdictW(u)+4, g.minButton())
	if fixed+float64(len(goals))*(goalW+gap) > c.w-4 {
		marks, goalW = true, max(u.textWidth("00", u.f.bold)+14, g.minButton())
		if fixed+float64(len(goals))*(goalW+gap) > c.w-4 {
			return 0, false
		}
	}
	gcols := make([]tableCol, len(goals))
	for i, gl := range goals {
		l := g.tr("board.goal", i+1)
		if marks {
			l = strconv.Itoa(i + 1)
		}
		gcols[i] = tableCol{w: goalW, label: g.headLabel(1+i, l), tip: g.goalText(gl)}
	}
	// headings wrap to their columns; the row is as tall as the tallest
	lines := 1
	wrapCol := func(tc *tableCol) {
		tc.lines = u.wrapW(tc.label, small, tc.w-8)
		lines = max(lines, len(tc.lines))
	}
	wrapCol(&name)
	for i := range gcols {
		wrapCol(&gcols[i])
	}
	for k := range vals {
		wrapCol(&vals[k])
	}
	width := fixed + gap + float64(len(goals))*(goalW+gap)
	head := c.row(max(rh, float64(lines)*(u.textHeight(small)+2)+8))
	x := head.x + sw + 4
	at := func(w float64) rect { r := rect{x, head.y, w, head.h}; x += w + gap; return r }
	if u.headButton(at(name.w), name.label, name.lines, b.sortCol == 0, name.tip) {
		g.sortBy(0)
	}
	for i, tc := range gcols {
		if u.headButton(at(tc.w), tc.label, tc.lines, b.sortCol == 1+i, tc.tip) {
			g.sortBy(1 + i)
		}
	}
	for k, tc := range vals {
		if u.headButton(at(tc.w), tc.label, tc.lines, b.sortCol == 1+len(goals)+k, tc.tip) {
			g.sortBy(1 + len(goals) + k)
		}
	}
	c.row(4)
	for n, i := range g.boardOrder(goals) {
		t := b.teams[i]
		row := c.row(rh)
		if n%2 == 1 {
			u.fill(rect{row.x, row.y - 2, min(row.w, width), row.h + 4}, colBackground)
		}
		u.fill(rect{row.x, row.y + rh/2 - sw/2, sw, sw}, teamColours[i%len(teamColours)])
		x = row.x + sw + 4
		cell := func(w float64) rect { r := rect{x, row.y, w, rh}; x += w + gap; return r }
		if u.rowButton(cell(name.w), t.name, u.f.normal, g.tr("board.row.tip", t.name)) {
			g.openTeam(i)
			return width, true
		}
		for j, gl := range goals {
			g.verdictCell(u, cell(gcols[j].w), t, gl, marks)
		}
		for k, tc := range vals {
			u.label(g.cellText(t, k), cell(tc.w), small, colText, right)
		}
		if u.buttonAs(cell(delW), "×", TwinControl{Label: g.tr("board.remove.tip", t.name), Kind: "button"}) {
			g.removeTeam(i)
			return width, true
		}
		c.row(4)
	}
	return width, true
}

// verdictCell draws team t's verdict on a goal: its chip ("met"), or with
// marks set a mark, ● met and ○ missed, on the verdict's colour; "—" for
// a team judged on other goals, "…" while it runs.
func (g *Game) verdictCell(u *ui, r rect, t *boardTeam, gl report.BoardGoal, marks bool) {
	s, ok := t.run.Verdict(gl)
	switch {
	case !t.done():
		u.label("…", r, u.f.small, colTextDim, center)
	case !ok:
		u.label("—", r, u.f.small, colTextDim, center)
	default:
		w, text := g.verdictW(u), g.tr(verdictKeys[s.Verdict])
		if marks {
			w, text = min(r.w, 26), "○"
			if s.Verdict == report.GoalMet || s.Verdict == report.GoalOnTrack {
				text = "●"
			}
		}
		chip := rect{r.x + (r.w-w)/2, r.y + (r.h-20)/2, w, 20}
		u.fill(chip, verdictColours[s.Verdict])
		u.label(text, chip, u.f.small, colTextOn, center)
		tip := g.goalText(gl) + ": " + g.tr(verdictKeys[s.Verdict])
		if m, ok := s.Goal.MetricOf(); ok {
			tenths := m.Unit == report.Permille || m.Unit == report.EuroMillions
			tip += "\n" + g.tr("goals.value", g.quantity(s.Value, m.Unit, tenths), g.date(s.Day))
		}
		u.setTip(r, tip)
	}
}

// goalText is a goal's text in the page's language.
func (g *Game) goalText(gl report.BoardGoal) string {
	return g.trOr("goal."+gl.Set+"."+gl.ID, gl.Text)
}

// boardCards lays out the teams one under another, for a narrow screen:
// the name (a button that opens the run) and Remove, the verdicts, and
// the headline numbers two to a row.
func (g *Game) boardCards(u *ui, c *rect, goals []report.BoardGoal) {
	b := g.brd()
	rh := g.rowH()
	// sorting, as the table's headings do
	f := flow{r: c, h: rh, gap: 6}
	l := g.tr("board.sort")
	u.label(l, f.next(u.textWidth(l, u.f.normal)+12), u.f.normal, colTextDim, left)
	heads := []string{g.tr("board.col.team")}
	for i := range goals {
		heads = append(heads, g.tr("board.goal", i+1))
	}
	for _, kp := range boardKPIs {
		heads = append(heads, g.tr(kp.label))
	}
	for col, h := range heads {
		l := g.headLabel(col, h)
		if u.button(f.next(max(u.textWidth(l, u.f.normal)+24, g.minButton())), l, b.sortCol == col, g.tr("board.sort.tip")) {
			g.sortBy(col)
		}
	}
	c.row(8)
	for _, i := range g.boardOrder(goals) {
		t := b.teams[i]
		top := c.row(rh)
		u.fill(rect{top.x, top.y + rh/2 - 7, 14, 14}, teamColours[i%len(teamColours)])
		delW := g.minButton()
		if u.rowButton(rect{top.x + 18, top.y, top.w - 18 - delW - 6, rh}, t.name, u.f.bold, g.tr("board.row.tip", t.name)) {
			g.openTeam(i)
			return
		}
		if u.buttonAs(rect{top.x + top.w - delW, top.y, delW, rh}, "×", TwinControl{Label: g.tr("board.remove.tip", t.name), Kind: "button"}) {
			g.removeTeam(i)
			return
		}
		c.row(4)
		vf := flow{r: c, h: 22, gap: 6}
		for j, gl := range goals {
			if _, ok := t.run.Verdict(gl); !ok {
				continue
			}
			l := g.tr("board.goal", j+1)
			w := u.textWidth(l, u.f.small) + 12
			r := vf.next(w + g.verdictW(u))
			u.label(l, rect{r.x, r.y, w, r.h}, u.f.small, colText, left)
			g.verdictCell(u, rect{r.x + w, r.y, g.verdictW(u), r.h}, t, gl, false)
		}
		if vf.placed {
			c.row(4)
		}
		cw := c.w / 2
		for k, kp := range boardKPIs {
			if k%2 == 0 {
				c.row(0)
			}
			cell := rect{c.x + float64(k%2)*cw, c.y, cw - 6, 36}
			u.label(g.tr(kp.label), rect{cell.x, cell.y, cell.w, 16}, u.fit(g.tr(kp.label), cell.w-12, u.f.small), colTextDim, left)
			u.label(g.cardText(t, k), rect{cell.x, cell.y + 16, cell.w, 18}, u.fit(g.cardText(t, k), cell.w-12, u.f.bold), colText, left)
			if k%2 == 1 || k == numKPIs-1 {
				c.row(38)
			}
		}
		c.row(10)
	}
}

// boardLegend writes the goals of the goal columns under the table: "Goal
// 1: 400,000 chips running on 1 January 2030".
func (g *Game) boardLegend(u *ui, c *rect, goals []report.BoardGoal) {
	if len(goals) == 0 {
		return
	}
	c.row(6)
	set := ""
	for i, gl := range goals {
		if gl.Set != set {
			set = gl.Set
			g.para(u, c, g.tr("goals.heading", g.presetLabel(set)), u.f.bold, colText)
		}
		g.para(u, c, g.tr("board.goal", i+1)+": "+g.goalText(gl), u.f.small, colText)
	}
}

// boardCharts draws a small chart per headline number, every team's run a
// line in its colour, and beside them (below them on a narrow screen) the
// map of every team's sites. On a big screen the charts grow to fill it
// down to bottom.
func (g *Game) boardCharts(u *ui, c *rect, bottom float64) {
	area := *c
	mapW := 0.0
	if area.w >= 900 {
		mapW = min(380, area.w*0.32)
	}
	chartsW := area.w - mapW
	if mapW > 0 {
		chartsW -= 12
	}
	cols := 3
	switch {
	case chartsW < 420:
		cols = 1
	case chartsW < 700:
		cols = 2
	}
	cw := chartsW / float64(cols)
	rows := (numKPIs + cols - 1) / cols
	ch := 130.0
	if mapW > 0 {
		ch = min(max(ch, (bottom-area.y)/float64(rows)-8), 320)
	}
	for k := range boardKPIs {
		r := rect{area.x + float64(k%cols)*cw, area.y + float64(k/cols)*(ch+8), cw - 8, ch}
		g.boardChart(u, r, k)
	}
	chartsH := float64(rows) * (ch + 8)
	if mapW > 0 {
		g.boardMap(u, rect{area.x + chartsW + 12, area.y, mapW, max(chartsH-8, 200)})
		c.row(max(chartsH, 208))
		return
	}
	c.row(chartsH)
	side := min(c.w, 420)
	m := c.row(side * 0.85)
	m.w = side
	g.boardMap(u, m)
}

// boardChart draws headline number k of every finished team over time.
func (g *Game) boardChart(u *ui, r rect, k int) {
	b := g.brd()
	kp := boardKPIs[k]
	u.fill(r, colPanel)
	u.stroke(r, 1, colBorder)
	title := g.tr(kp.label)
	if k == numKPIs-1 {
		title = g.tr("board.co2.chart")
	}
	u.label(title, rect{r.x + 2, r.y + 2, r.w - 4, 18}, u.fit(title, r.w-16, u.f.bold), colText, left)
	plot := rect{r.x + 8, r.y + 40, r.w - 16, r.h - 48}
	top := 0.0
	n := 0
	for _, t := range b.teams {
		if t.done() && t.err == nil {
			for _, v := range t.series[k] {
				top = max(top, float64(v))
			}
			n = max(n, len(t.series[k]))
		}
	}
	if n < 2 {
		return
	}
	top = niceCeil(top)
	u.label(g.quantity(int64(top), kp.chart, false), rect{r.x + 2, r.y + 20, r.w - 4, 16}, u.f.small, colTextDim, left)
	u.line(plot.x, plot.y+plot.h, plot.x+plot.w, plot.y+plot.h, 1, colBorder)
	if !u.drawing() {
		return
	}
	k32 := float32(u.k)
	for i, t := range b.teams {
		if !t.done() || t.err != nil || len(t.series[k]) < 2 {
			continue
		}
		s := t.series[k]
		pts := make([]float32, 0, 2*len(s))
		for j, v := range s {
			x := plot.x + plot.w*float64(j)/float64(n-1)
			y := plot.y + plot.h*(1-float64(v)/top)
			pts = append(pts, float32(x)*k32, float32(y)*k32)
		}
		u.polyline(pts, 0, 0, false, 2*k32, teamColours[i%len(teamColours)])
	}
}

// boardMap draws the member states and every team's sites at the horizon,
// in the team's colour, sized by their chips.
func (g *Game) boardMap(u *ui, r rect) {
	b := g.brd()
	u.fill(r, colSea)
	u.stroke(r, 1, colBorder)
	u.label(g.tr("board.map"), rect{r.x + 2, r.y + 2, r.w - 4, 18}, u.fit(g.tr("board.map"), r.w-16, u.f.bold), colText, left)
	inner := rect{r.x + 6, r.y + 24, r.w - 12, r.h - 30}
	m := eumap.Load()
	bd := m.Bounds
	bw, bh := float64(bd.Max.X-bd.Min.X), float64(bd.Max.Y-bd.Min.Y)
	scale := min(inner.w/bw, inner.h/bh)
	if scale <= 0 {
		return
	}
	ox := inner.x + (inner.w-bw*scale)/2
	oy := inner.y + (inner.h-bh*scale)/2
	at := func(p eumap.Point) (float64, float64) {
		return ox + float64(p.X-bd.Min.X)*scale, oy + float64(bd.Max.Y-p.Y)*scale
	}
	if !u.drawing() {
		return
	}
	k := float32(u.k)
	if b.mapFor != inner || b.mapK != u.k || b.rings == nil {
		b.mapFor, b.mapK, b.rings = inner, u.k, nil
		for _, s := range m.States {
			for _, ring := range s.Rings {
				pts := make([]float32, 0, 2*len(ring))
				for _, p := range ring {
					x, y := at(p)
					pts = append(pts, float32(x)*k, float32(y)*k)
				}
				b.rings = append(b.rings, simplify(pts, 0.6*k))
			}
		}
	}
	for _, ring := range b.rings {
		u.polyline(ring, 0, 0, true, k, colTextDim)
	}
	for i, t := range b.teams {
		if !t.done() || t.err != nil {
			continue
		}
		c := teamColours[i%len(teamColours)]
		for _, s := range t.sites {
			x, y := at(eumapProject(s.Lon, s.Lat))
			// each team its own ring: a site several teams chose shows
			// their colours one around another
			rad := 1.5 + 4*math.Sqrt(float64(s.Chips)/100000) + 2*float64(i)
			u.ring(x, y, rad, 1.5, c)
		}
	}
}

// boardButton opens the class board: in the Share sheet, where the teams'
// links come from, and under the Levers with the other classroom tools.
func (g *Game) boardButton(u *ui, r rect) {
	if u.button(r, g.tr("board.open"), g.boardOpen(), g.tr("board.open.tip")) {
		g.SetBoardOpen(!g.boardOpen())
	}
}
