package game

import (
	"strings"
	"testing"

	"gigasandbox/model"
	"gigasandbox/model/report"
)

// TestTwin: the page as text holds what the canvas shows, in the page's
// language, and follows the selection and the language.
func TestTwin(t *testing.T) {
	g := newTestGame(t, "grid-crunch")
	settle(t, g)
	tw := g.Twin()
	if len(tw.Headline) != numKPIs || tw.Lang != "en" || tw.Date != "01/01/2026" || tw.StateName != "" {
		t.Fatalf("Twin() = %+v", tw)
	}
	if len(tw.Goals) == 0 {
		t.Error("grid-crunch's goals are not in the twin")
	}
	for _, gl := range tw.Goals {
		if gl.Label == "" || gl.Value == "" {
			t.Errorf("goal %+v has no text or no verdict", gl)
		}
	}
	g.Select("PL", 0, "")
	g.SetLang("de")
	tw = g.Twin()
	if !strings.Contains(tw.StateName, "Polen") || len(tw.State) != len(g.stateFacts(g.selState)) {
		t.Errorf("with Poland picked, in German: state %q, %d facts", tw.StateName, len(tw.State))
	}
	if tw.Headings.Headline != g.tr("twin.headline") || tw.Lang != "de" || tw.Headline[0].Label != g.tr("kpi.chips") {
		t.Errorf("headings and labels not in German: %+v", tw.Headings)
	}
}

// twinKey finds the key of the twin's control with this label.
func twinKey(t *testing.T, g *Game, label string) string {
	t.Helper()
	for _, c := range g.Twin().Controls {
		if c.Label == label {
			return c.Key
		}
	}
	t.Fatalf("the twin has no control %q", label)
	return ""
}

// TestTwinControls: by the twin alone, as a screen-reader user would,
// choose a state, build there, set a lever and play: each control sends
// the command the canvas sends, and the twin says the new state.
func TestTwinControls(t *testing.T) {
	g := newTestGame(t, "baseline")
	tw := g.Twin()
	if len(tw.States) != model.NumStates || tw.States[0].Value != "BE" || tw.Selected != "" {
		t.Fatalf("states to choose from: %d, first %+v, selected %q", len(tw.States), tw.States[0], tw.Selected)
	}
	g.SelectState("PL")
	g.frame()
	if g.Twin().Selected != "PL" {
		t.Fatalf("choosing Poland in the twin selected %q", g.Twin().Selected)
	}
	g.Press(twinKey(t, g, g.tr("build.button")))
	g.frame()
	if c := lastEdit(t, g); c.Kind() != model.KindBuild || c.Op.(model.BuildSite).Site.State.Code() != "PL" {
		t.Fatalf("the twin's Build made %+v", c)
	}

	g.Select("", 0, "levers")
	g.frame()
	var lever TwinControl
	for _, c := range g.Twin().Controls {
		if strings.HasSuffix(c.Label, " +") && c.Value != "" {
			lever = c
			break
		}
	}
	if lever.Key == "" {
		t.Fatal("the twin offers no lever stepper with its value")
	}
	g.Press(lever.Key)
	g.frame()
	if c := lastEdit(t, g); c.Kind() != model.KindLever {
		t.Fatalf("the twin's %q made %+v", lever.Label, c)
	}
	g.frame() // the twin shows what the last whole pass laid out
	var after string
	for _, c := range g.Twin().Controls {
		if c.Key == lever.Key {
			after = c.Value
		}
	}
	if after == lever.Value {
		t.Errorf("%q still says %s after pressing it", lever.Label, after)
	}

	g.Press(twinKey(t, g, "►"))
	g.frame()
	if !g.time.playing || g.Twin().Time == g.tr("twin.paused") {
		t.Errorf("the twin's play button: playing %v, twin says %q", g.time.playing, g.Twin().Time)
	}
	g.Press("no such control#1") // gone from the page: nothing happens
	n := len(g.sess.Edits())
	g.frame()
	if len(g.sess.Edits()) != n {
		t.Error("pressing a control that is not on the page changed the scenario")
	}
}

// TestTwinCharts: each chart is a table with a row on the first day, each
// 1 January and the last day: the projection's values before the run
// reaches them, the run's after, and the baseline's beside them.
func TestTwinCharts(t *testing.T) {
	g := newTestGame(t, "grid-crunch")
	settle(t, g)
	tables := g.Twin().Charts
	if len(tables) != len(g.chartSpecs()) {
		t.Fatalf("%d tables for %d charts", len(tables), len(g.chartSpecs()))
	}
	days := yearDays(g.sess.Horizon())
	for _, tb := range tables {
		if len(tb.Rows) != len(days) {
			t.Fatalf("%s: %d rows, want one for each of %d days", tb.Title, len(tb.Rows), len(days))
		}
		if !strings.HasPrefix(tb.Columns[len(tb.Columns)-1], "Baseline") {
			t.Errorf("%s: no baseline column in %q", tb.Title, tb.Columns)
		}
		for _, row := range tb.Rows {
			if len(row) != len(tb.Columns) {
				t.Fatalf("%s: row %q for columns %q", tb.Title, row, tb.Columns)
			}
		}
		if tb.Rows[0][0] != "01/01/2026" || tb.Rows[len(tb.Rows)-1][1] != g.tr("twin.projected") {
			t.Errorf("%s: first row %q, last %q", tb.Title, tb.Rows[0], tb.Rows[len(tb.Rows)-1])
		}
	}
	if err := g.RunTo(g.sess.Horizon()); err != nil {
		t.Fatal(err)
	}
	for _, tb := range g.Twin().Charts {
		if last := tb.Rows[len(tb.Rows)-1]; last[1] != g.tr("twin.sofar") {
			t.Errorf("%s at the horizon: last row %q is not of the run", tb.Title, last)
		}
	}
	fund := g.Twin().Charts[2]
	last := fund.Rows[len(fund.Rows)-1]
	sim := g.sess.Sim()
	if want := decimalMark(float64(sim.History()[len(sim.History())-1].Ledger.FundLeft)/1e11, 2); last[2] != want {
		t.Errorf("fund left at the horizon: table says %s, the run %s", last[2], want)
	}
}

// TestTwinBoard: with the class board open, the text view's first table is
// the board: a row a team with its verdicts and figures, as the board's
// own table words them.
func TestTwinBoard(t *testing.T) {
	g := newTestGame(t, "baseline")
	withBoard(t, g)
	g.frame()
	tables := g.Twin().Charts
	if len(tables) == 0 || tables[0].Title != g.tr("board.heading") {
		t.Fatalf("the text view's first table is not the board: %d tables", len(tables))
	}
	bt := tables[0]
	teams := g.brd().teams
	if len(bt.Rows) != len(teams) {
		t.Fatalf("%d rows for %d teams", len(bt.Rows), len(teams))
	}
	order := g.boardOrder(g.boardGoals())
	for r, i := range order {
		row, team := bt.Rows[r], teams[i]
		if row[0] != team.name || len(row) != len(bt.Columns) {
			t.Fatalf("row %d: %q for team %q and columns %q", r, row, team.name, bt.Columns)
		}
		if last := row[len(row)-1]; last != g.cellText(team, numKPIs-1) {
			t.Errorf("team %s: %s in the text view, %s on the board", team.name, last, g.cellText(team, numKPIs-1))
		}
	}
	g.SetBoardOpen(false)
	if tb := g.Twin().Charts; len(tb) > 0 && tb[0].Title == g.tr("board.heading") {
		t.Error("the board's table stays in the text view after the board is closed")
	}
}

// TestTwinSheetsAndSite: an open sheet's contents (the comparison, the
// assumptions with their ranges and sources) and the selected site's
// figures are in the twin; the assumptions' steppers are named after them.
func TestTwinSheetsAndSite(t *testing.T) {
	g := newTestGame(t, "grid-crunch")
	settle(t, g)
	g.compareOpen, g.assume.open = true, true
	g.selSite = 5
	g.frame()
	tw := g.Twin()
	titles := map[string]TwinTable{}
	for _, tb := range tw.Charts {
		titles[tb.Title] = tb
	}
	cmp, ok := titles[g.tr("compare.heading")]
	if !ok || len(cmp.Rows) != len(report.Compare(report.Outcomes{}, report.Outcomes{})) {
		t.Errorf("the comparison is not in the twin as a table (%d rows)", len(cmp.Rows))
	}
	as, ok := titles[g.tr("assume.heading")]
	if !ok || len(as.Rows) != int(model.NumParams) || as.Rows[0][3] == "" {
		t.Fatalf("the assumptions are not in the twin with their sources (%d rows)", len(as.Rows))
	}
	named := 0
	for _, c := range tw.Controls {
		if strings.HasPrefix(c.Label, as.Rows[0][0]) && c.Value != "" {
			named++
		}
	}
	if named != 2 {
		t.Errorf("%d controls are named after the first assumption, want its − and +", named)
	}
	if tw.SiteName == "" || len(tw.Site) == 0 {
		t.Errorf("the selected site is not in the twin: %q, %d facts", tw.SiteName, len(tw.Site))
	}
}
