package game

import (
	"image/color"
	"strconv"

	"gigasandbox/game/session"
	"gigasandbox/model"
	"gigasandbox/model/report"
)

// The classroom side of the page: a guided preset's goals, shown live as
// met, on track, at risk or missed; the selection round's candidate sites;
// scorecards of up to four states side by side; and the comparison with the
// baseline at the horizon. model/report judges and computes, in numbers with
// units; the page words and formats them in its language (format.go).

// trOr returns the catalog's text for key, or the goals file's English
// text when the catalogs have none (a new goal, say): nothing shows blank.
func (g *Game) trOr(key, english string) string {
	if g.cat.Knows(key) {
		return g.tr(key)
	}
	return english
}

// guided is the loaded preset's goals, story and candidates, read once per
// preset (the model parses its goals file on every call).
type guided struct {
	name       string
	goals      []report.Goal
	story      string
	ok         bool
	candidates []report.Candidate
}

func (g *Game) guide() *guided {
	if g.guideCache == nil || g.guideCache.name != g.sess.Name() {
		gd := &guided{name: g.sess.Name()}
		gd.goals, gd.story, gd.ok = report.Goals(gd.name)
		gd.candidates = report.Candidates(gd.name)
		g.guideCache = gd
	}
	return g.guideCache
}

var verdictKeys = [...]string{
	report.GoalUnknown: "verdict.unknown", report.GoalOnTrack: "verdict.ontrack", report.GoalAtRisk: "verdict.atrisk",
	report.GoalMet: "verdict.met", report.GoalMissed: "verdict.missed",
}

// verdictColours are the verdict chips' colours, dark enough for white text
// (4.5:1, TestContrast).
var verdictColours = [...]color.RGBA{
	report.GoalUnknown: {0x75, 0x75, 0x75, 0xff},
	report.GoalOnTrack: {0x3b, 0x7c, 0xa1, 0xff},
	report.GoalAtRisk:  {0x9c, 0x6c, 0x00, 0xff},
	report.GoalMet:     {0x00, 0x86, 0x62, 0xff},
	report.GoalMissed:  {0xc1, 0x55, 0x00, 0xff},
}

// goalsBox draws the loaded preset's goals over the map's top left. A tap
// on its heading folds it to that heading (and unfolds it); it is folded
// on a map too short to show it whole.
// It returns where the box lies (empty if there are no goals).
// With draw false it only measures the box.
func (g *Game) goalsBox(u *ui, r rect, top float64, draw bool) rect {
	gd := g.guide()
	goals, story := gd.goals, gd.story
	if !gd.ok || len(goals) == 0 || shortMap(r) {
		return rect{}
	}
	var proj *model.Sim
	if p := g.sess.Projection(); p.Done() && p.Err() == nil {
		proj = p.Sim()
	}
	st := report.EvaluateGoals(goals, g.sess.Sim(), proj)
	w := min(410, r.w-16)
	// each goal's text wraps beside its verdict
	texts := make([][]string, len(st))
	h := 30.0
	for i, s := range st {
		texts[i] = u.wrapW(g.trOr("goal."+g.sess.Name()+"."+s.Goal.ID, s.Goal.Text), u.f.small, w-16-8-g.verdictW(u))
		if odds := g.oddsLine(i); odds != "" { // how often the ensemble meets it (ranges.go)
			texts[i] = append(texts[i], u.wrapW(odds, u.f.small, w-16-8-g.verdictW(u))...)
		}
		h += float64(len(texts[i]))*16 + 6
	}
	layer, site := legendRects(r)
	bottom := layer.y
	if site.w > 0 && site.x < r.x+8+w {
		bottom = min(bottom, site.y)
	}
	fits := top+h <= bottom-6
	folded := g.goalsFold == goalsFolded || (g.goalsFold == goalsAuto && g.goalsAutoFolded) || !fits
	headH := 26.0
	if u.touch {
		headH = 44
	}
	heading := g.tr("goals.heading", g.presetLabel(g.sess.Name()))
	if folded {
		met := 0
		for _, s := range st {
			if s.Verdict == report.GoalMet || s.Verdict == report.GoalOnTrack {
				met++
			}
		}
		heading = g.tr("goals.folded", g.presetLabel(g.sess.Name()), met, len(st))
		if u.textWidth("› "+heading, u.f.small)+12 > w {
			heading = g.tr("goals.folded.short", met, len(st))
		}
		h = headH
	} else {
		h += headH - 26
	}
	box := rect{r.x + 8, top, w, h}
	if !draw {
		return box
	}
	u.fill(box, color.RGBA{0xff, 0xff, 0xff, 0xe8})
	u.stroke(box, 1, colBorder)
	head := rect{box.x, box.y, box.w, headH}
	mark := "▼ "
	if folded {
		mark = "› "
	}
	label := mark + heading
	u.place(label, head, u.textInRect(label, head, u.fit(label, head.w-12, u.f.bold), left), true)
	u.textIn(label, head, u.fit(label, head.w-12, u.f.bold), colText, left)
	u.setTip(head, g.trOr("story."+g.sess.Name(), story))
	if u.clicked(head) {
		switch {
		case !folded:
			g.goalsFold = goalsFolded
		case fits:
			g.goalsFold = goalsOpen
		default:
			g.goalsSheet = true // no room on the map: the goals as a sheet
		}
	}
	if !folded {
		g.goalRows(u, rect{box.x + 8, box.y + headH + 2, box.w - 16, h}, st, texts)
	}
	return box
}

// The user's choices for the goals on the map (Game.goalsFold).
const (
	goalsAuto = iota
	goalsFolded
	goalsOpen
)

// goalRows lists goals with their verdicts, their texts wrapped as texts.
func (g *Game) goalRows(u *ui, r rect, st []report.GoalStatus, texts [][]string) {
	y := r.y
	cw := g.verdictW(u)
	for i, s := range st {
		row := rect{r.x, y, r.w, float64(len(texts[i]))*16 + 4}
		y += row.h + 2
		chip := rect{row.x + row.w - cw, row.y + 1, cw, 17}
		u.fill(chip, verdictColours[s.Verdict])
		u.label(g.tr(verdictKeys[s.Verdict]), chip, u.f.small, colTextOn, center)
		for k, l := range texts[i] {
			u.label(l, rect{row.x - 6, row.y + float64(k)*16, row.w - cw - 2, 16}, u.f.small, colText, left)
		}
		tip := g.tr("goals.how")
		if m, ok := s.Goal.MetricOf(); ok && s.Day != model.NoDay {
			// shares and money to a tenth, as the goals write them
			tenths := m.Unit == report.Permille || m.Unit == report.EuroMillions
			tip = g.tr("goals.value", g.quantity(s.Value, m.Unit, tenths), g.date(s.Day)) + "\n" + tip
		}
		u.setTip(row, tip)
	}
}

// verdictW is the width of a goal's verdict chip: the widest verdict in
// the page's language ("on track", "na dobrej drodze") with its margins,
// and at least 68.
func (g *Game) verdictW(u *ui) float64 {
	w := 68.0
	for _, k := range verdictKeys {
		w = max(w, u.textWidth(g.tr(k), u.f.small)+10)
	}
	return w
}

// goalsSheetView shows the goals as a sheet, for a map too short to show
// them.
func (g *Game) goalsSheetView(u *ui) {
	gd := g.guide()
	if !gd.ok || len(gd.goals) == 0 {
		g.goalsSheet = false
		return
	}
	body, closed := g.sheet(u, g.sheetRect(560, 480), g.tr("goals.heading", g.presetLabel(g.sess.Name())))
	if closed {
		g.goalsSheet = false
		return
	}
	var proj *model.Sim
	if p := g.sess.Projection(); p.Done() && p.Err() == nil {
		proj = p.Sim()
	}
	st := report.EvaluateGoals(gd.goals, g.sess.Sim(), proj)
	texts := make([][]string, len(st))
	for i, s := range st {
		texts[i] = u.wrapW(g.trOr("goal."+g.sess.Name()+"."+s.Goal.ID, s.Goal.Text), u.f.small, body.w-24-g.verdictW(u))
		if odds := g.oddsLine(i); odds != "" {
			texts[i] = append(texts[i], u.wrapW(odds, u.f.small, body.w-24-g.verdictW(u))...)
		}
	}
	c := u.beginScroll(&g.goalsScroll, body)
	g.para(u, &c, g.trOr("story."+g.sess.Name(), gd.story), u.f.small, colTextDim)
	c.row(8)
	g.goalRows(u, rect{c.x + 6, c.y, c.w - 12, 0}, st, texts)
	for i := range texts {
		c.row(float64(len(texts[i]))*16 + 6)
	}
	u.endScroll(&g.goalsScroll, body, c)
	if !u.drawing() && u.click && !u.used && u.hover(body) {
		u.used = true
	}
}

// candidatesHere lists the loaded preset's candidate sites in a state.
func (g *Game) candidatesHere(st int) []report.Candidate {
	var out []report.Candidate
	for _, c := range g.guide().candidates {
		if c.State == model.StateCode(st) {
			out = append(out, c)
		}
	}
	return out
}

// builtNames are the names of the sites in the run (a candidate is chosen
// when a site has its name).
func (g *Game) builtNames() map[string]bool {
	out := map[string]bool{}
	for _, s := range g.sess.Sim().Sites() {
		if s.Status != model.SiteRemoved {
			out[s.Spec.Name] = true
		}
	}
	return out
}

// candidateButtons offers the selected state's candidates in the State tab.
func (g *Game) candidateButtons(u *ui, r *rect) {
	built := g.builtNames()
	for _, c := range g.candidatesHere(g.selState) {
		if built[c.Name] {
			continue
		}
		b := r.row(max(32, g.rowH()))
		r.row(4)
		label := g.tr("cand.build", c.Name)
		if u.button(b, label, false, g.trOr("cand."+c.Name, c.Note)) {
			if g.Do(c.Command(g.sess.Day())) == nil {
				g.selSite = model.SiteID(len(g.sess.Sim().Sites()))
			}
		}
	}
}

// drawCandidates marks the candidate sites not yet chosen on the map.
func (mv *mapView) drawCandidates(g *Game, u *ui) {
	cands := g.guide().candidates
	if len(cands) == 0 {
		return
	}
	built := g.builtNames()
	for _, c := range cands {
		if built[c.Name] {
			continue
		}
		x, y := mv.toScreen(eumapProject(c.Lon, c.Lat))
		rad := siteRadius(c.Chips)
		u.ring(x, y, rad, 1.5, colBar)
		u.ring(x, y, rad-3, 1, colPanel)
		u.setTip(rect{x - rad, y - rad, 2 * rad, 2 * rad}, g.tr("cand.tip", c.Name, g.trOr("cand."+c.Name, c.Note)))
	}
}

// scoreSheet shows the scorecards of up to four pinned states side by side.
func (g *Game) scoreSheet(u *ui) {
	r := g.sheetRect(g.w-48, g.h)
	body, closed := g.sheet(u, r, g.tr("score.heading"))
	if closed {
		g.scores.open = false
		return
	}
	if len(g.scores.pinned) == 0 {
		u.text(g.tr("score.none"), body.x, body.y+8, u.f.normal, colTextDim, left)
		return
	}
	cards := make([]report.StateScore, len(g.scores.pinned))
	for i, st := range g.scores.pinned {
		cards[i] = report.Scorecard(g.sess.Sim(), st)
	}
	if body.w-float64(len(cards))*170 < 160 {
		g.scoreCards(u, body, cards)
		return
	}
	labelW := body.w - float64(len(cards))*170
	bs := 22.0 // the unpin button
	if u.touch {
		bs = 44
	}
	hdr := body.row(bs + 4)
	for i, c := range cards {
		x := hdr.x + labelW + float64(i)*170
		u.label(g.stateName(c.Index), rect{x + bs + 6, hdr.y, 170 - bs - 10, bs}, u.f.bold, colText, right)
		if u.button(rect{x + 4, hdr.y, bs, bs}, "×", false, g.tr("score.unpin")) {
			g.scores.pinned = append(g.scores.pinned[:i:i], g.scores.pinned[i+1:]...)
			return
		}
	}
	rows := make([][]report.ScoreRow, len(cards))
	for i, c := range cards {
		rows[i] = c.Rows()
	}
	for j := range rows[0] {
		if body.h < 20 {
			break
		}
		line := body.row(21)
		if j%2 == 0 {
			u.fill(line, colBackground)
		}
		first := rows[0][j]
		u.text(g.tr("score."+first.Key), line.x+4, line.y+3, u.f.small, colText, left)
		u.setTip(rect{line.x, line.y, labelW, line.h}, first.Source)
		best := bestOf(rows, j)
		for i := range cards {
			x := line.x + labelW + float64(i)*170
			c := colText
			if best == i {
				c = colGood
			}
			u.text(g.scoreValue(rows[i][j]), x+160, line.y+3, u.f.small, c, right)
		}
	}
}

// scoreCards shows the scorecards one under another, for a screen too
// narrow to set them side by side.
func (g *Game) scoreCards(u *ui, body rect, cards []report.StateScore) {
	c := u.beginScroll(&g.scores.scroll, body)
	bs := g.rowH()
	for i, card := range cards {
		hdr := c.row(bs)
		u.label(g.stateName(card.Index), rect{hdr.x, hdr.y, hdr.w - bs - 6, bs}, u.f.bold, colText, left)
		if u.button(rect{hdr.x + hdr.w - bs, hdr.y, bs, bs}, "×", false, g.tr("score.unpin")) {
			g.scores.pinned = append(g.scores.pinned[:i:i], g.scores.pinned[i+1:]...)
			break
		}
		for j, row := range card.Rows() {
			label := g.tr("score." + row.Key)
			value := g.scoreValue(row)
			vw := u.textWidth(value, u.f.small) + 12
			lines := u.wrapW(label, u.f.small, c.w-vw-12)
			line := c.row(float64(len(lines))*17 + 4)
			if j%2 == 0 {
				u.fill(line, colBackground)
			}
			for k, l := range lines {
				u.label(l, rect{line.x, line.y + 2 + float64(k)*17, line.w - vw, 17}, u.f.small, colText, left)
			}
			u.label(value, rect{line.x + line.w - vw, line.y + 2, vw, 17}, u.f.small, colText, right)
			u.setTip(line, row.Source)
		}
		c.row(12)
	}
	u.endScroll(&g.scores.scroll, body, c)
}

// scoreValue words a scorecard figure in the page's language.
func (g *Game) scoreValue(r report.ScoreRow) string {
	switch {
	case r.None:
		return g.tr("state.cap.none")
	case r.Unit == report.YesNo && r.Value != 0:
		return g.tr("score.yes")
	case r.Unit == report.YesNo:
		return g.tr("score.no")
	case r.Unit == report.Tier:
		return g.tr("tier." + strconv.FormatInt(r.Value, 10) + ".short")
	}
	return g.quantity(r.Value, r.Unit, true)
}

// bestOf is the column with the best value of row j, or -1 if the row has
// no better direction or a tie.
func bestOf(rows [][]report.ScoreRow, j int) int {
	if len(rows) < 2 || rows[0][j].Better == 0 {
		return -1
	}
	best := 0
	for i := 1; i < len(rows); i++ {
		if rows[i][j].None {
			continue
		}
		if (rows[i][j].Value-rows[best][j].Value)*int64(rows[0][j].Better) > 0 || rows[best][j].None {
			best = i
		}
	}
	for i := range rows {
		if i != best && rows[i][j].Value == rows[best][j].Value {
			return -1
		}
	}
	return best
}

// scoreView is the side-by-side scorecards.
type scoreView struct {
	open   bool
	scroll scroller
	pinned []int // member-state indexes, at most maxPinned
}

const maxPinned = 4

func (s *scoreView) has(st int) bool {
	for _, p := range s.pinned {
		if p == st {
			return true
		}
	}
	return false
}

func (s *scoreView) toggle(st int) {
	for i, p := range s.pinned {
		if p == st {
			s.pinned = append(s.pinned[:i:i], s.pinned[i+1:]...)
			return
		}
	}
	if len(s.pinned) == maxPinned {
		s.pinned = s.pinned[1:]
	}
	s.pinned = append(s.pinned, st)
}

// compareSheet lists the headline outcomes at the horizon of the baseline
// and of this scenario, and the difference (what `gigasim compare` prints).
func (g *Game) compareSheet(u *ui) {
	r := g.sheetRect(720, g.h)
	heading := g.tr("compare.heading")
	if g.newestFor() != nil {
		heading = g.tr("compare.heading.newest")
	}
	body, closed := g.sheet(u, r, heading)
	if closed {
		g.compareOpen = false
		return
	}
	p := g.sess.Projection()
	other, otherName := g.comparedWith()
	if !p.Done() || other == nil || !other.Done() {
		u.text(g.tr("compare.wait"), body.x, body.y+8, u.f.normal, colTextDim, left)
		return
	}
	for _, q := range []*session.Projection{p, other} {
		if q.Err() != nil {
			u.text(q.Err().Error(), body.x, body.y+8, u.f.normal, colError, left)
			return
		}
	}
	if g.followsAssumptions() && g.newestFor() == nil { // both differences: the assumptions' and the policies' (modbase.go)
		g.compareModified(u, body, p.Sim())
		return
	}
	rows := report.Compare(report.OutcomesOf(other.Sim()), report.OutcomesOf(p.Sim()))
	if body.w < 600 {
		g.compareRows(u, body, rows, otherName)
		return
	}
	hdr := body.row(24)
	cols := []string{otherName, g.tr("compare.this"), g.tr("compare.diff")}
	for i, c := range cols {
		u.text(c, hdr.x+hdr.w-float64(2-i)*130, hdr.y, u.f.bold, colText, right)
	}
	for j, row := range rows {
		if body.h < 20 {
			break
		}
		line := body.row(20)
		if j%2 == 0 {
			u.fill(line, colBackground)
		}
		label := g.tr("compare."+row.Key) + " (" + g.unitName(row.Unit) + ")"
		u.text(label, line.x+4, line.y+3, u.f.small, colText, left)
		diff := signed(row.Diff, row.Unit)
		for i, v := range []string{figure(row.A, row.Unit, true), figure(row.B, row.Unit, true), diff} {
			u.text(v, line.x+line.w-float64(2-i)*130, line.y+3, u.f.small, colText, right)
		}
	}
}

// comparedWith is what the compare sheet sets this scenario beside, and
// its name: the baseline, or the same scenario on the newest release when
// the run's release is older (release.go).
func (g *Game) comparedWith() (*session.Projection, string) {
	if nw := g.newestFor(); nw != nil {
		return nw, g.tr("compare.newest")
	}
	return g.baseline, g.tr("chart.baseline")
}

// compareRows lists the comparison for a narrow screen: each outcome's
// name on a line, its three values under it.
func (g *Game) compareRows(u *ui, body rect, rows []report.CompareRow, otherName string) {
	c := u.beginScroll(&g.compareScroll, body)
	cols := []string{otherName, g.tr("compare.this"), g.tr("compare.diff")}
	colW := c.w / 3
	hdr := c.row(22)
	for i, t := range cols {
		u.label(t, rect{hdr.x + float64(i)*colW, hdr.y, colW, 22}, u.fit(t, colW-8, u.f.bold), colText, right)
	}
	for j, row := range rows {
		label := g.tr("compare."+row.Key) + " (" + g.unitName(row.Unit) + ")"
		lines := u.wrapW(label, u.f.small, c.w-12)
		line := c.row(float64(len(lines)+1)*17 + 6)
		if j%2 == 0 {
			u.fill(line, colBackground)
		}
		for k, l := range lines {
			u.label(l, rect{line.x, line.y + 3 + float64(k)*17, line.w, 17}, u.f.small, colText, left)
		}
		diff := signed(row.Diff, row.Unit)
		vy := line.y + 3 + float64(len(lines))*17
		for i, v := range []string{figure(row.A, row.Unit, true), figure(row.B, row.Unit, true), diff} {
			u.label(v, rect{line.x + float64(i)*colW, vy, colW, 17}, u.f.small, colText, right)
		}
	}
	u.endScroll(&g.compareScroll, body, c)
}

// GoalState is a goal's verdict, for the automation API.
type GoalState struct {
	ID      string `json:"id"`
	Verdict string `json:"verdict"` // "met", "on track", "at risk", "missed" or "unknown"
}

func (g *Game) goalStates() []GoalState {
	gd := g.guide()
	goals, ok := gd.goals, gd.ok
	if !ok {
		return []GoalState{} // [] in JSON, not null: a reader can always take its length
	}
	var proj *model.Sim
	if p := g.sess.Projection(); p.Done() && p.Err() == nil {
		proj = p.Sim()
	}
	out := []GoalState{}
	for _, s := range report.EvaluateGoals(goals, g.sess.Sim(), proj) {
		out = append(out, GoalState{ID: s.Goal.ID, Verdict: s.Verdict.String()})
	}
	return out
}

func (g *Game) pinnedCodes() []string {
	out := []string{} // [] in JSON, not null
	for _, st := range g.scores.pinned {
		out = append(out, model.StateCode(st))
	}
	return out
}
