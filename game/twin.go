package game

import (
	"fmt"
	"slices"
	"time"

	"gigasandbox/model"
	"gigasandbox/model/report"
)

// Twin is the page as text, in the page's language: what the canvas shows
// that a screen reader, a keyboard or a reader zoomed to 200% needs — the
// date and whether time runs, the headline numbers, the goals and their
// verdicts, the selected state, and the messages on screen. The browser
// keeps a twin of it in the DOM (wasm/twin.go).
type Twin struct {
	Lang     string     `json:"lang"`
	Title    string     `json:"title"`
	Date     string     `json:"date"`
	Time     string     `json:"time"` // "Playing: Year/s" or "Paused"
	Headline []TwinItem `json:"headline"`
	Goals    []TwinItem `json:"goals"`
	State    []TwinItem `json:"state"` // the selected state's facts; empty when none is selected
	// StateName names the selected state ("" when none).
	StateName string `json:"stateName"`
	// SiteName and Site are the selected site and its figures.
	SiteName string     `json:"siteName"`
	Site     []TwinItem `json:"site"`
	Messages []string   `json:"messages"` // the toasts on screen, newest last
	// Controls are the page's controls in tab order: every button, switch
	// and stepper the canvas lays out, which Press works as a click does.
	Controls []TwinControl `json:"controls"`
	// States are the member states to choose from (Label the name, Value
	// the code) in the EU's protocol order, the order of EU documents in
	// every language, for SelectState; Selected is the chosen one's code.
	States   []TwinItem `json:"states"`
	Selected string     `json:"selected"`
	// Charts are the charts as data tables.
	Charts []TwinTable `json:"charts"`
	// Headings are the twin's section headings and its own name ("Text
	// view"), in the page's language.
	Headings TwinHeadings `json:"headings"`
}

// TwinItem is one labelled value.
type TwinItem struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// TwinTable is a chart as a data table: a row on the first day, on each
// 1 January and on the last day; for each, whether the values are of the
// run so far or of its projection, the chart's lines, and the baseline's
// first line beside them.
type TwinTable struct {
	Title   string     `json:"title"`
	Columns []string   `json:"columns"`
	Rows    [][]string `json:"rows"`
}

// TwinControl is one of the page's controls, as the twin offers it.
type TwinControl struct {
	Key   string `json:"key"` // what Press takes: the label and its place among controls so labelled, "Play#1"
	Label string `json:"label"`
	Tip   string `json:"tip,omitempty"`
	Kind  string `json:"kind"`            // "button" or "switch"
	On    bool   `json:"on,omitempty"`    // a button shown pressed, or a switch that is on
	Value string `json:"value,omitempty"` // a stepper's value, beside its − and + buttons
	Group string `json:"group,omitempty"` // the title of the sheet it is in, "" on the page
	box   rect   // where it is on the page, for the focus ring's test
}

// TwinHeadings are the words of the twin's frame.
type TwinHeadings struct {
	View, Headline, Goals, State, Site, Messages, Controls, ChooseState, NoState, Charts, NoCanvas string
}

// Press activates a control of the page by its key (TwinControl.Key) in
// the next update, as a click on it would: the text twin's buttons send
// the commands the canvas sends. A key no longer on the page does nothing.
func (g *Game) Press(key string) {
	g.u.press = key
	g.changed()
}

// SelectState picks a member state by its code, as a tap on the map does;
// "" clears the choice.
func (g *Game) SelectState(code string) {
	if code == "" {
		g.selState = -1
		g.changed()
		return
	}
	g.Select(code, 0, "")
	g.changed()
}

// Twin is the page as text now.
func (g *Game) Twin() Twin {
	t := Twin{Lang: g.cat.Lang, Title: g.tr("app.title") + " — " + g.presetLabel(g.sess.Name()), Date: g.date(g.sess.Day())}
	t.Time = g.tr("twin.paused")
	if g.time.playing {
		t.Time = g.tr("twin.playing", g.tr(speeds[g.time.speed].label))
	}
	for _, k := range g.kpis() {
		t.Headline = append(t.Headline, TwinItem{k.label, k.value})
	}
	if gd := g.guide(); gd.ok {
		var proj *model.Sim // as goalsBox: the projection once it is whole
		if p := g.sess.Projection(); p.Done() && p.Err() == nil {
			proj = p.Sim()
		}
		st := report.EvaluateGoals(gd.goals, g.sess.Sim(), proj)
		for i, s := range st {
			v := g.tr(verdictKeys[s.Verdict])
			if odds := g.oddsLine(i); odds != "" { // with the ranges on: how often it is met
				v += "; " + odds
			}
			t.Goals = append(t.Goals, TwinItem{g.trOr("goal."+g.sess.Name()+"."+s.Goal.ID, s.Goal.Text), v})
		}
	}
	t.SiteName, t.Site = g.siteFacts()
	if g.selState >= 0 {
		t.StateName = fmt.Sprintf("%s (%s)", g.stateName(g.selState), g.sess.Sim().Release().State(g.selState).Code)
		for _, f := range g.stateFacts(g.selState) {
			t.State = append(t.State, TwinItem{f.label, f.value})
		}
	}
	for _, m := range g.log.toasts {
		t.Messages = append(t.Messages, m.text)
	}
	t.Controls = slices.Clone(g.u.controls)
	for i := range model.NumStates {
		t.States = append(t.States, TwinItem{g.stateName(i), model.StateCode(i)})
	}
	t.Selected = g.selectedCode()
	t.Charts = append(g.sheetTables(), g.chartTables()...)
	if bt, ok := g.boardAsTable(); ok {
		t.Charts = append([]TwinTable{bt}, t.Charts...) // the board first: it covers the page
	}
	t.Headings = TwinHeadings{View: g.tr("twin.view"), Headline: g.tr("twin.headline"), Goals: g.tr("twin.goals"),
		State: g.tr("twin.state"), Messages: g.tr("twin.messages"), Controls: g.tr("twin.controls"),
		ChooseState: g.tr("twin.choosestate"), NoState: g.tr("twin.nostate"), Charts: g.tr("twin.charts"),
		NoCanvas: g.tr("twin.nocanvas"), Site: g.tr("twin.site")}
	return t
}

// chartTables are the charts as the twin's tables (TwinTable).
func (g *Game) chartTables() []TwinTable {
	live, proj, base := runOf(g.sess.Sim()), runOf(g.sess.Shown().Sim()), runOf(g.baselineSim())
	var out []TwinTable
	for _, s := range g.chartSpecs() {
		t := TwinTable{Title: s.title + " (" + s.unit + ")", Columns: []string{g.tr("twin.date"), g.tr("twin.source")}}
		for _, l := range s.lines {
			t.Columns = append(t.Columns, l.label)
		}
		withBase := len(s.lines) > 0 && g.sess.Name() != "baseline"
		if withBase {
			t.Columns = append(t.Columns, g.tr("twin.baseline", s.lines[0].label))
		}
		for _, d := range yearDays(g.sess.Horizon()) {
			src, which := live, g.tr("twin.sofar")
			switch {
			case d < len(live.days):
			case d < len(proj.days):
				src, which = proj, g.tr("twin.projected")
			default:
				continue // not simulated or projected yet
			}
			row := []string{g.date(model.Day(d)), which}
			for _, l := range s.lines {
				row = append(row, s.format(l.value(src, d)))
			}
			if withBase {
				v := "—"
				if d < len(base.days) {
					v = s.format(s.lines[0].value(base, d))
				}
				row = append(row, v)
			}
			t.Rows = append(t.Rows, row)
		}
		out = append(out, t)
	}
	return out
}

// yearDays are the days a chart's table has a row for: the first, each
// 1 January, and the last before the horizon.
func yearDays(horizon model.Day) []int {
	if horizon <= 0 {
		return nil
	}
	out := []int{0}
	for d := model.Day(1); d < horizon; d++ {
		if _, m, day := d.Date(); m == 1 && day == 1 {
			out = append(out, int(d))
		}
	}
	if last := int(horizon) - 1; out[len(out)-1] != last {
		out = append(out, last)
	}
	return out
}

// UpdateWithoutScreen is Update for a page that cannot draw (a browser
// without WebGL 2): the layout's input pass, which the text view's
// controls press, then the update's work, without Ebitengine's input. The page is laid out as a 1280×720 desktop, where
// every control has room.
func (g *Game) UpdateWithoutScreen() {
	if g.u.k == 0 {
		g.u.k, g.u.f = 1, newFonts(1)
		g.w, g.h = 1280, 720
	}
	g.frames = max(g.frames, firstFrames)
	g.u.click, g.u.release, g.u.used, g.u.tip, g.u.keyNext = false, false, false, "", 0
	g.layout(&g.u)
	g.work(time.Now())
}

// boardAsTable is the class board as the twin's table while it is open: a
// row a team, in the board's order, with its goals' verdicts and its
// headline figures as the board's table shows them.
func (g *Game) boardAsTable() (TwinTable, bool) {
	if !g.boardOpen() {
		return TwinTable{}, false
	}
	b := g.brd()
	goals := g.boardGoals()
	t := TwinTable{Title: g.tr("board.heading"), Columns: []string{g.tr("board.col.team")}}
	for _, gl := range goals {
		t.Columns = append(t.Columns, g.goalText(gl))
	}
	for k := range numKPIs {
		t.Columns = append(t.Columns, g.kpiHead(k))
	}
	for _, i := range g.boardOrder(goals) {
		team := b.teams[i]
		row := []string{team.name}
		for _, gl := range goals {
			v := "…"
			if team.done() {
				v = "—"
				if s, ok := team.run.Verdict(gl); ok {
					v = g.tr(verdictKeys[s.Verdict])
				}
			}
			row = append(row, v)
		}
		for k := range numKPIs {
			row = append(row, g.cellText(team, k))
		}
		t.Rows = append(t.Rows, row)
	}
	return t, true
}

// sheetTables are the open sheets' contents as the twin's tables: the
// comparison (when both projections are whole) and the assumptions with
// their values, ranges and sources. A sheet's controls are in the twin's
// dialog; these are what it says.
func (g *Game) sheetTables() []TwinTable {
	var out []TwinTable
	if g.compareOpen {
		p := g.sess.Projection()
		other, otherName := g.comparedWith()
		if p.Done() && p.Err() == nil && other != nil && other.Done() && other.Err() == nil {
			t := TwinTable{Title: g.tr("compare.heading"), Columns: []string{g.tr("twin.outcome"), otherName, g.tr("compare.this"), g.tr("compare.diff")}}
			for _, row := range report.Compare(report.OutcomesOf(other.Sim()), report.OutcomesOf(p.Sim())) {
				diff := signed(row.Diff, row.Unit)
				t.Rows = append(t.Rows, []string{g.tr("compare."+row.Key) + " (" + g.unitName(row.Unit) + ")",
					figure(row.A, row.Unit, true), figure(row.B, row.Unit, true), diff})
			}
			out = append(out, t)
		}
	}
	if g.assume.open {
		rel := g.sess.Sim().Release()
		t := TwinTable{Title: g.tr("assume.heading"), Columns: []string{g.tr("twin.assumption"), g.tr("twin.value"), g.tr("twin.range"), g.tr("twin.sourcecol")}}
		for i := range int(model.NumParams) {
			p := model.Param(i)
			info := rel.Param(p)
			if g.Class().Hides(info.Key) {
				continue
			}
			rng := p.Range()
			span := g.tr("assume.range", p.Format(rng.Low), p.Format(rng.High))
			if rng.Fixed() {
				span = g.tr("assume.fixed", p.Format(rng.Low))
			}
			t.Rows = append(t.Rows, []string{g.tr("param." + info.Key), p.Format(g.sess.Sim().Params()[p]) + " " + info.Unit, span, info.Source + ", " + info.Year})
		}
		out = append(out, t)
	}
	return out
}

// siteFacts are the selected site's figures as the Site tab shows them.
func (g *Game) siteFacts() (string, []TwinItem) {
	sites := g.sess.Sim().Sites()
	if g.selSite == 0 || int(g.selSite) > len(sites) {
		return "", nil
	}
	si := sites[g.selSite-1]
	return si.Spec.Name, []TwinItem{
		{g.tr("site.status"), g.statusName(si.Status) + ": " + g.statusTip(si)},
		{g.tr("site.chips"), g.tr("site.chips.value", thousands(int64(si.Chips[model.ChipActive])), thousands(int64(si.Spec.Chips)))},
		{g.tr("site.power"), g.tr("site.power.value", si.DrawW.MW(), si.GrantedW.MW())},
		{g.tr("site.capex"), euros(si.Capex)},
		{g.tr("site.revenue"), euros(si.Revenue)},
	}
}
