package game

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"rsc.io/qr"

	"gigasandbox/game/session"
	"gigasandbox/internal/open"
	"gigasandbox/model"
	"gigasandbox/model/link"
	"gigasandbox/model/report"
)

// The class board (issue 18): after a lesson the teacher pastes the teams'
// links, names the teams, and the page puts every team's run side by side
// at its horizon — the goals with their verdicts, the headline outcomes, a
// small chart per outcome with every team on it, and every team's sites on
// one map in the team's colour. A board travels as a board link
// (model/link, board.go) with its QR code, and exports as CSV (the bytes
// of `gigasim compare --csv`) and as a PNG for a slide. Each team's run is
// its own link's, so it reaches the state hash its link reaches.
//
// The same file keeps the teacher's class of the run on screen: the goal
// set, the locked levers and the hidden assumptions of a teacher's
// starting link ("&goals=…&lock=…&hide=…", link.Class), which every link
// the page writes carries on.

// boardView is the board and the class of the run on screen.
type boardView struct {
	open     bool
	title    string
	teams    []*boardTeam
	sortCol  int // a column of boardColumns, or -1: the order the teams were added in
	sortDesc bool
	scroll   scroller
	showLink bool // the board's link and QR code instead of the table
	// opened are the links opened in this tab, oldest first: the page
	// offers to put them on the board.
	opened []string
	class  link.Class
	// rev counts changes to the board that the frame signature does not
	// hold otherwise: a team added or finished, a sort.
	rev int

	qrFor  string
	qr     *qr.Code
	mapFor rect
	mapK   float64
	rings  [][]float32 // the member states' borders in device pixels, for the board's map at mapFor, mapK
}

// boardTeam is one team on the board and its run.
type boardTeam struct {
	name  string
	link  string // the team's link, "s=..." as link.Canonical writes it
	class link.Class
	sc    model.Scenario
	day   model.Day
	// proj runs the team's scenario to its horizon a slice a frame; nil
	// once run (or failed), when the figures below are kept and the run
	// let go.
	proj   *session.Projection
	run    report.BoardRun
	series [numKPIs][]int64 // the headline numbers a month apart, for the charts
	sites  []model.SiteSpec // the sites standing at the horizon, for the map
	err    error
}

func (t *boardTeam) done() bool { return t.proj == nil }

// fragment is the team's link with its class: what opens its run.
func (t *boardTeam) fragment() string { return t.link + t.class.Params() }

// boardSig is what of the board the frame signature holds.
type boardSig struct {
	v                *boardView
	open, desc, link bool
	rev, col, n      int
	scroll           float64
	class            string
}

func (b *boardView) sig() boardSig {
	if b == nil {
		return boardSig{}
	}
	return boardSig{v: b, open: b.open, desc: b.sortDesc, link: b.showLink, rev: b.rev, col: b.sortCol, n: len(b.teams) + len(b.opened),
		scroll: b.scroll.off, class: b.class.Params()}
}

// brd is the board, made on first use.
func (g *Game) brd() *boardView {
	if g.board == nil {
		g.board = &boardView{sortCol: -1}
	}
	return g.board
}

// boardOpen reports whether the board sheet is open.
func (g *Game) boardOpen() bool { return g.board != nil && g.board.open }

// teamColours are the teams' colours on the board, its charts and its map,
// in the order teams are added: Okabe–Ito first, darkened to stand out
// from the page by 3:1 (TestBoardColours), then more of the same
// lightness. As many as a board has teams.
var teamColours = [link.MaxTeams]color.RGBA{
	{0x00, 0x72, 0xb2, 0xff}, // blue
	{0xb8, 0x4a, 0x00, 0xff}, // vermilion, darkened
	{0x00, 0x80, 0x5c, 0xff}, // bluish green, darkened
	{0xa8, 0x44, 0x7f, 0xff}, // reddish purple, darkened
	{0x8a, 0x6a, 0x00, 0xff}, // ochre
	{0x1d, 0x2b, 0x3a, 0xff}, // ink
	{0x6a, 0x3d, 0x9a, 0xff}, // violet
	{0x00, 0x7c, 0x8c, 0xff}, // teal
	{0x8c, 0x2d, 0x19, 0xff}, // brick
	{0x4d, 0x6b, 0x00, 0xff}, // olive
	{0x5d, 0x40, 0x37, 0xff}, // brown
	{0x3d, 0x55, 0xa8, 0xff}, // indigo
}

// Class is the teacher's class of the run on screen (link.Class): the goal
// set, locked levers and hidden assumptions its link carried.
func (g *Game) Class() link.Class {
	if g.board == nil {
		return link.Class{}
	}
	return g.board.class
}

// SetClass sets the class of the run on screen, as the link that opened it
// gave it; Load clears it.
func (g *Game) SetClass(c link.Class) {
	b := g.brd()
	b.class = c
	b.rev++
}

// classParams are the class's fragment parameters, for the links the page
// writes.
func (g *Game) classParams() string { return g.Class().Params() }

// lockedOut refuses a command on a lever the teacher locked, saying so.
func (g *Game) lockedOut(c model.Command) error {
	name, locked := g.Class().Locks(c)
	if !locked {
		return nil
	}
	err := errors.New(g.tr("class.refused", g.lockName(name)))
	g.notify(err.Error())
	return err
}

// lockName is a lockable name (link.Lockables) in the page's language.
func (g *Game) lockName(name string) string {
	if _, ok := model.LeverByName(name); ok {
		return g.tr("lever." + name)
	}
	return g.tr(lockKeys[name])
}

// lockKeys word the lockables that are not levers: mostly as the page
// already names them.
var lockKeys = map[string]string{
	"regime":      "levers.export",
	"g2g":         "score.g2g",
	"veu":         "site.veu",
	"invest-grid": "class.lock.invest-grid",
	"sites":       "class.lock.sites",
}

// classNote writes what the teacher locked and hid, at the top of the
// levers: a class sees why a lever does not move before it tries.
func (g *Game) classNote(u *ui, r *rect) {
	c := g.Class()
	if len(c.Locked) > 0 {
		names := make([]string, len(c.Locked))
		for i, n := range c.Locked {
			names[i] = g.lockName(n)
		}
		g.para(u, r, g.tr("class.locked", strings.Join(names, ", ")), u.f.small, colText)
	}
	if len(c.Hidden) > 0 {
		g.para(u, r, g.tr("class.hidden", len(c.Hidden)), u.f.small, colTextDim)
	}
	if len(c.Locked)+len(c.Hidden) > 0 {
		r.row(6)
	}
}

// Opened records a link opened in this tab (its fragment), so that the
// board can offer it.
func (g *Game) Opened(frag string) {
	if rest, lang, ok := strings.Cut(frag, "&lang="); ok && len(lang) == 2 {
		frag = rest // the language is the reader's, not the team's
	}
	b := g.brd()
	if !slices.Contains(b.opened, frag) {
		b.opened = append(b.opened, frag)
	}
}

// AddressFragment is what the address bar holds: the board's link while
// the board is open with teams on it, else the run's (Fragment).
func (g *Game) AddressFragment() (string, error) {
	if b := g.board; b != nil && b.open && len(b.teams) > 0 {
		frag, err := g.boardLink()
		if err == nil {
			return frag + "&lang=" + g.cat.Lang, nil
		}
	}
	return g.Fragment()
}

// OpenBoard shows a board opened from its link: its teams, run again here.
func (g *Game) OpenBoard(bd link.Board) {
	b := g.brd()
	b.teams, b.title, b.sortCol, b.showLink = nil, bd.Title, -1, false
	for _, t := range bd.Teams {
		if err := g.addTeam(t.Name, t.Fragment()); err != nil {
			g.notifyErr(err)
		}
	}
	b.open = true
	b.rev++
}

// AddTeam puts a team's link (a URL, its fragment, or a board link, whose
// teams are all added) on the board under a name; "" names it "Team N".
// It returns why it could not, in the page's language.
func (g *Game) AddTeam(text, name string) error {
	text = strings.TrimSpace(text)
	if link.IsBoard(text) {
		bd, err := link.DecodeBoard(text)
		if err != nil {
			return err
		}
		for _, t := range bd.Teams {
			if err := g.addTeam(g.freeName(t.Name), t.Fragment()); err != nil {
				return err
			}
		}
		return nil
	}
	if name == "" {
		name = g.freeName(g.tr("board.team", len(g.brd().teams)+1))
	}
	return g.addTeam(name, text)
}

// freeName is name, or name with a number after it if a team has it.
func (g *Game) freeName(name string) string {
	taken := func(n string) bool {
		return slices.ContainsFunc(g.brd().teams, func(t *boardTeam) bool { return t.name == n })
	}
	out := name
	for i := 2; taken(out); i++ {
		out = fmt.Sprintf("%s %d", name, i)
	}
	return out
}

// addTeam opens a team's link as the page would and queues its run.
func (g *Game) addTeam(name, text string) error {
	b := g.brd()
	if len(b.teams) >= link.MaxTeams {
		return errors.New(g.tr("board.full", link.MaxTeams))
	}
	name = strings.Join(strings.Fields(name), " ")
	if name == "" {
		name = g.freeName(g.tr("board.team", len(b.teams)+1))
	}
	if n := []rune(name); len(n) > link.MaxTeamName {
		name = string(n[:link.MaxTeamName])
	}
	if slices.ContainsFunc(b.teams, func(t *boardTeam) bool { return t.name == name }) {
		return errors.New(g.tr("board.taken", name))
	}
	r, err := open.Link(text)
	if err != nil {
		return err
	}
	canon, err := runLink(text, r)
	if err != nil {
		return err
	}
	t := &boardTeam{name: name, link: canon, class: r.Class, sc: r.Scenario, day: r.Day, proj: session.NewProjection(r.Scenario)}
	b.teams = append(b.teams, t)
	b.rev++
	return nil
}

// runLink is the "s=..." link of what text opened: its own link, byte for
// byte, or for a preset (preset=NAME) the preset's link.
func runLink(text string, r open.Run) (string, error) {
	frag := text
	if i := strings.IndexByte(frag, '#'); i >= 0 {
		frag = frag[i+1:]
	}
	for part := range strings.SplitSeq(frag, "&") {
		if strings.HasPrefix(part, link.Prefix) {
			return link.Canonical(part)
		}
	}
	return link.Encode(r.Scenario, r.Day)
}

// removeTeam takes team i off the board.
func (g *Game) removeTeam(i int) {
	b := g.brd()
	b.teams = slices.Delete(b.teams, i, i+1)
	b.rev++
}

// boardLink is the board's fragment, "b=...".
func (g *Game) boardLink() (string, error) {
	b := g.brd()
	bd := link.Board{Title: b.title}
	for _, t := range b.teams {
		bd.Teams = append(bd.Teams, link.Team{Name: t.name, Link: t.link, Class: t.class})
	}
	return link.EncodeBoard(bd)
}

// BoardURL is the board's whole address, with the page's language.
func (g *Game) BoardURL() (string, error) {
	frag, err := g.boardLink()
	if err != nil {
		return "", err
	}
	base := "gigasim:"
	if g.platform.BaseURL != nil {
		base = g.platform.BaseURL()
	}
	return base + "#" + frag + "&lang=" + g.cat.Lang, nil
}

// boardDaysPerFrame is how many days of a team's run a frame simulates: a
// horizon in about ten frames, a board of six in a second.
const boardDaysPerFrame = 400

// boardWork runs the board's teams to their horizons, a slice a frame, the
// first unfinished team first, while the board is open.
func (g *Game) boardWork() {
	b := g.board
	if b == nil || !b.open || g.frames < firstFrames {
		return
	}
	for _, t := range b.teams {
		if t.done() {
			continue
		}
		if t.proj.Advance(boardDaysPerFrame) {
			t.finish()
			b.rev++
		}
		return
	}
}

// finish keeps what the board shows of a team's finished run, and lets the
// run go.
func (t *boardTeam) finish() {
	sim, err := t.proj.Sim(), t.proj.Err()
	t.proj = nil
	if sim == nil || err != nil {
		if err == nil {
			err = errors.New("the scenario did not run")
		}
		t.err = err
		return
	}
	goalSet := ""
	if _, _, ok := report.Goals(sim.Name()); ok {
		goalSet = sim.Name()
	}
	if t.class.Goals != "" {
		goalSet = t.class.Goals
	}
	t.run = report.NewBoardRun(t.name, goalSet, sim)
	t.series = kpiSeries(sim)
	for _, si := range sim.Sites() {
		if si.Status != model.SiteRemoved && si.Status != model.SiteClosed {
			t.sites = append(t.sites, si.Spec)
		}
	}
}

// kpiSeries samples the headline numbers of a run every 30 days and on its
// last day, for the board's charts: chips running, power drawn (MW), the
// fund left (€ m), the demand served over the 30 days before (permille),
// AI companies, and emissions over the 30 days before (tonnes).
func kpiSeries(sim *model.Sim) [numKPIs][]int64 {
	var out [numKPIs][]int64
	h := sim.History()
	for i := 0; i < len(h); i += 30 {
		j := min(i+29, len(h)-1)
		var served, demand, em int64
		for k := max(0, j-29); k <= j; k++ {
			served += int64(h[k].Served)
			demand += int64(h[k].Demand)
			em += h[k].Emissions.Tonnes()
		}
		share := int64(0)
		if demand > 0 {
			share = served * 1000 / demand
		}
		d := &h[j]
		for s, v := range [numKPIs]int64{d.Chips[model.ChipActive], d.PowerDrawn.MW(), d.Ledger.FundLeft.Euros() / 1e6, share, d.StartupsActive / 1000, em} {
			out[s] = append(out[s], v)
		}
	}
	return out
}

// BoardStatus is the board as window.gigasim.board() gives it.
type BoardStatus struct {
	Open  bool         `json:"open"`
	Link  string       `json:"link"` // the board's fragment, "b=...", or "" with no teams
	Teams []TeamStatus `json:"teams"`
}

// TeamStatus is a team on the board.
type TeamStatus struct {
	Name      string           `json:"name"`
	Link      string           `json:"link"` // what opens its run: "s=..." and its class
	Done      bool             `json:"done"`
	Error     string           `json:"error"`
	GoalSet   string           `json:"goalSet"`
	StateHash string           `json:"stateHash"`
	Goals     []GoalState      `json:"goals"`
	Values    map[string]int64 `json:"values"` // the headline outcomes by report key, in report's units
}

// BoardStatus reports the board.
func (g *Game) BoardStatus() BoardStatus {
	b := g.brd()
	st := BoardStatus{Open: b.open, Teams: []TeamStatus{}}
	if len(b.teams) > 0 {
		st.Link, _ = g.boardLink()
	}
	for _, t := range b.teams {
		ts := TeamStatus{Name: t.name, Link: t.fragment(), Done: t.done(), GoalSet: t.run.GoalSet, StateHash: t.run.StateHash, Goals: []GoalState{}, Values: map[string]int64{}}
		if t.err != nil {
			ts.Error = t.err.Error()
		}
		for _, s := range t.run.Goals {
			ts.Goals = append(ts.Goals, GoalState{ID: s.Goal.ID, Verdict: s.Verdict.String()})
		}
		for _, r := range t.run.Rows {
			ts.Values[r.Key] = r.A
		}
		st.Teams = append(st.Teams, ts)
	}
	return st
}

// SetBoardOpen opens or closes the board sheet.
func (g *Game) SetBoardOpen(on bool) {
	g.brd().open = on
	if on {
		g.share.open, g.compareOpen, g.scores.open, g.assume.open, g.help = false, false, false, false, false
	}
}

// openTeam shows team i's run, as its link opens it, at the day it shows.
func (g *Game) openTeam(i int) {
	t := g.brd().teams[i]
	r, err := open.Link(t.fragment())
	if err != nil {
		g.notifyErr(err)
		return
	}
	s, err := session.New(r.Name, r.Scenario)
	if err != nil {
		g.notifyErr(err)
		return
	}
	g.Load(s)
	g.SetClass(r.Class)
	g.Opened(t.fragment())
	g.board.open = false
	if r.Day > 0 {
		g.SeekTo(r.Day)
	}
	g.notify(g.tr("board.opened", t.name))
}

// exportBoardCSV offers the board as CSV: the bytes `gigasim compare
// --csv` writes for the board's link.
func (g *Game) exportBoardCSV() {
	var runs []report.BoardRun
	var links []string
	for _, t := range g.brd().teams {
		if !t.done() || t.err != nil {
			g.notify(g.tr("board.wait.csv"))
			return
		}
		runs = append(runs, t.run)
		links = append(links, t.fragment())
	}
	var buf bytes.Buffer
	if err := report.WriteBoardCSV(&buf, runs, links); err != nil {
		g.notifyErr(err)
		return
	}
	g.save("gigasim-board.csv", "text/csv", buf.Bytes())
}
