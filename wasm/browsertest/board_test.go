//go:build !js

package browsertest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gigasandbox/game"
	"gigasandbox/game/layoutcheck"
	"gigasandbox/internal/open"
	"gigasandbox/model"
	"gigasandbox/model/link"
	"gigasandbox/model/report"
)

// boardStatus is window.gigasim.board().
type boardStatus struct {
	Open  bool   `json:"open"`
	Link  string `json:"link"`
	Teams []struct {
		Name      string `json:"name"`
		Link      string `json:"link"`
		Done      bool   `json:"done"`
		Error     string `json:"error"`
		GoalSet   string `json:"goalSet"`
		StateHash string `json:"stateHash"`
		Goals     []struct {
			ID      string `json:"id"`
			Verdict string `json:"verdict"`
		} `json:"goals"`
	} `json:"teams"`
}

func boardOf(p *page) boardStatus { return evalJS[boardStatus](p, "window.gigasim.board()") }

const boardDone = "window.gigasim.board().teams.length > 0 && window.gigasim.board().teams.every(t => t.done)"

// classTeams are six teams' links as a class makes them from one teacher's
// starting link (the baseline, judged on its goals, the EU share locked):
// each team pulls other levers and builds its own sites.
func classTeams(t *testing.T) (names, links []string) {
	t.Helper()
	base, err := model.Preset("baseline")
	if err != nil {
		t.Fatal(err)
	}
	lever := func(name, value string) model.Command {
		id, _ := model.LeverByName(name)
		v, err := id.Parse(value)
		if err != nil {
			t.Fatal(err)
		}
		return model.Command{Day: 30, Op: model.SetLever{Lever: id, Value: v}}
	}
	build := func(state string, chips int32, lon, lat model.Degrees) model.Command {
		return model.Command{Day: 60, Op: model.BuildSite{Site: model.SiteSpec{Name: "Team site " + state, State: model.MustState(state), Chips: chips, Chip: model.MustGen("best"), Start: 60, Lon: lon, Lat: lat}}}
	}
	teams := []struct {
		name string
		cmds []model.Command
	}{
		{"Red", nil},
		{"Blue", []model.Command{lever("ppa_share", "0.8")}},
		{"Green", []model.Command{lever("voucher_share", "0.2"), lever("demand_growth", "boom")}},
		{"Yellow", []model.Command{build("SE", 100000, 22150000, 65580000)}},
		{"Purple", []model.Command{lever("fast_track", "true"), build("FR", 200000, 4840000, 45760000)}},
		{"Grey", []model.Command{build("PT", 50000, -8870000, 37960000), lever("host_share", "0.3")}},
	}
	for _, tm := range teams {
		sc := base
		sc.Commands = append(slices.Clone(base.Commands), tm.cmds...)
		slices.SortStableFunc(sc.Commands, func(a, b model.Command) int { return int(a.Day - b.Day) })
		l, err := link.Encode(sc, 0)
		if err != nil {
			t.Fatalf("team %s: %v", tm.name, err)
		}
		names = append(names, tm.name)
		links = append(links, l+"&goals=baseline&lock=eu_share")
	}
	return names, links
}

// ownVerdicts runs a team's link alone, as gigasim does, and gives its
// goals' verdicts at the horizon and its state hash.
func ownVerdicts(t *testing.T, l string) (map[string]string, string) {
	t.Helper()
	r, err := open.Link(l)
	if err != nil {
		t.Fatal(err)
	}
	sim, err := model.New(r.Scenario)
	if err != nil {
		t.Fatal(err)
	}
	if err := sim.RunTo(sim.Horizon()); err != nil {
		t.Fatal(err)
	}
	goals, _, ok := report.Goals(r.Name)
	if !ok {
		t.Fatalf("%s has no goals", r.Name)
	}
	out := map[string]string{}
	for _, s := range report.EvaluateGoals(goals, sim, sim) {
		out[s.Goal.ID] = s.Verdict.String()
	}
	return out, report.OutcomesOf(sim).StateHash
}

// TestBoardOfSixTeams: a teacher puts six teams' links on the board; the
// board shows each team's verdicts as the team's own run gives them (in
// the page, opened from its link, and in the model alone), the board's
// link opens the same board in another browser, and a team's row opens its
// run with the teacher's lock.
func TestBoardOfSixTeams(t *testing.T) {
	names, links := classTeams(t)
	s := buildSite(t, "./wasm")
	url := serve(t, s)
	p := openPage(t, url)
	p.waitGame()

	// each team's own run in the page: its link opened, run to the horizon
	owns := make([]ownRun, len(links))
	for i, l := range links {
		if msg := evalJS[string](p, "window.gigasim.open("+jsString(l)+")"); msg != "" {
			t.Fatalf("open(team %s) = %q", names[i], msg)
		}
		st := evalJS[struct {
			StateHash string `json:"stateHash"`
			Goals     []struct{ ID, Verdict string }
		}](p, "window.gigasim.runTo(window.gigasim.status().horizon)")
		owns[i] = ownRun{st.StateHash, map[string]string{}}
		for _, g := range st.Goals {
			owns[i].goals[g.ID] = g.Verdict
		}
		goals, hash := ownVerdicts(t, l)
		if hash != st.StateHash || !mapsEqual(goals, owns[i].goals) {
			t.Fatalf("team %s alone: the page %s %v, the model %s %v", names[i], st.StateHash, owns[i].goals, hash, goals)
		}
	}

	// the board
	for i, l := range links {
		if msg := evalJS[string](p, fmt.Sprintf("window.gigasim.boardAdd(%s, %s)", jsString(url+"#"+l+"&lang=en"), jsString(names[i]))); msg != "" {
			t.Fatalf("boardAdd(%s) = %q", names[i], msg)
		}
	}
	evalJS[any](p, "window.gigasim.boardOpen(true)")
	p.waitJS(boardDone, 60*time.Second, "the six teams run to their horizons")
	p.framesPass(3)
	bd := boardOf(p)
	checkBoard(t, "the board", bd, names, owns)
	p.screenshot("board-six-teams")

	// the board's link, in another browser
	if !strings.HasPrefix(bd.Link, link.BoardPrefix) {
		t.Fatalf("board().link = %q, want b=...", bd.Link)
	}
	p.waitJS("location.hash.startsWith('#b=')", 5*time.Second, "the address bar to hold the board")
	q := startBrowser(t).newPage().navigate(url + "#" + bd.Link)
	q.waitGame()
	q.waitJS(boardDone, 60*time.Second, "the board's teams run to their horizons in another browser")
	again := boardOf(q)
	if again.Link != bd.Link || !again.Open {
		t.Errorf("the board link reopened a board with link %.40q… (open %v), want the same", again.Link, again.Open)
	}
	checkBoard(t, "the board from its link", again, names, owns)

	// a team's row opens its run, with the teacher's lock
	q.framesPass(2)
	w := evalJS[*struct{ X, Y float64 }](q, "window.gigasim.widget("+jsString(names[4])+")")
	if w == nil {
		t.Fatalf("no row for team %s on the board", names[4])
	}
	q.click(w.X, w.Y)
	q.waitJS("!window.gigasim.board().open", 10*time.Second, "the board to close on a row's click")
	q.waitJS("!window.gigasim.status().seeking", 10*time.Second, "the team's run")
	if msg := evalJS[string](q, `window.gigasim.command('{"kind":"lever","lever":"eu_share","value":"0.3"}')`); !strings.Contains(msg, "Locked by your teacher") {
		t.Errorf("a locked lever's edit in the team's run: %q, want it refused by the teacher's lock", msg)
	}
	end := evalJS[struct {
		StateHash string `json:"stateHash"`
	}](q, "window.gigasim.runTo(window.gigasim.status().horizon)")
	if end.StateHash != owns[4].hash {
		t.Errorf("team %s's run from its row reached %s, its link %s", names[4], end.StateHash, owns[4].hash)
	}
}

// ownRun is a team's run alone: its state hash at the horizon and its
// goals' verdicts.
type ownRun struct {
	hash  string
	goals map[string]string
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// checkBoard: the board holds the teams in order, each at its own run's
// state hash, with its own run's verdicts.
func checkBoard(t *testing.T, what string, bd boardStatus, names []string, owns []ownRun) {
	t.Helper()
	if len(bd.Teams) != len(names) {
		t.Fatalf("%s holds %d teams, want %d", what, len(bd.Teams), len(names))
	}
	for i, team := range bd.Teams {
		got := map[string]string{}
		for _, g := range team.Goals {
			got[g.ID] = g.Verdict
		}
		if team.Name != names[i] || team.Error != "" || team.GoalSet != "baseline" || team.StateHash != owns[i].hash || !mapsEqual(got, owns[i].goals) {
			t.Errorf("%s, team %d: %q (%s) %s %v, want %q %s %v", what, i, team.Name, team.Error, team.StateHash, got, names[i], owns[i].hash, owns[i].goals)
		}
	}
	t.Logf("%s: %d teams, each with its own run's verdicts", what, len(bd.Teams))
}

// TestBadBoardLinks: the page survives every malformed board link of the
// corpus (testdata/boards/bad) with the bad-link banner and the baseline,
// on boot and when opened later, and still works.
func TestBadBoardLinks(t *testing.T) {
	files, err := filepath.Glob("../../testdata/boards/bad/*.link")
	if err != nil || len(files) == 0 {
		t.Fatalf("no malformed boards in testdata/boards/bad: %v", err)
	}
	s := buildSite(t, "./wasm")
	url := serve(t, s)
	first, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	p := openPage(t, url+"#"+strings.TrimSpace(string(first)))
	p.waitGame()
	st := linkStatusOf(p)
	if !strings.Contains(st.Banner, "board: ") || st.Scenario != "baseline" || boardOf(p).Open {
		t.Fatalf("booting on %s: banner %q, scenario %q; want the board's error and the baseline", filepath.Base(files[0]), st.Banner, st.Scenario)
	}
	p.screenshot("bad-board-banner")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		frag := strings.TrimSpace(string(b))
		if !link.IsBoard(frag) {
			continue // a case of DecodeBoard's own ("#preset=…"), not a board link
		}
		msg := evalJS[string](p, "window.gigasim.open("+jsString(frag)+")")
		st := linkStatusOf(p)
		if !strings.HasPrefix(msg, "board: ") || !strings.Contains(st.Banner, msg) || st.Scenario != "baseline" {
			t.Errorf("%s: error %q, banner %q, scenario %q", filepath.Base(f), msg, st.Banner, st.Scenario)
		}
	}
	if msg := evalJS[string](p, `window.gigasim.command('{"kind":"lever","lever":"ppa_share","value":"0.5"}')`); msg != "" {
		t.Fatalf("a good command after the bad boards: %s", msg)
	}
	t.Logf("%d malformed board links: each gave the banner and the baseline", len(files))
}

// TestBoardOnEveryScreen lays a class's board out on every device, from a
// phone to a 4K projector, and checks it as the browser laid it out: no
// overlaps, every text in its box, on phones and tablets every target
// 44×44 CSS pixels. It saves a screenshot per screen (with
// GIGASIM_SCREENSHOTS=docs/screenshots, there too).
func TestBoardOnEveryScreen(t *testing.T) {
	names, links := classTeams(t)
	bd := link.Board{Title: "3B"}
	for i, l := range links {
		bd.Teams = append(bd.Teams, link.Team{Name: names[i], Link: strings.Split(l, "&")[0], Class: link.Class{Goals: "baseline", Locked: []string{"eu_share"}}})
	}
	frag, err := link.EncodeBoard(bd)
	if err != nil {
		t.Fatal(err)
	}
	s := buildSite(t, "./wasm")
	p := startBrowser(t).newPage().emulate(devices[0]).navigate(serve(t, s) + "#" + frag)
	p.waitGame()
	p.waitJS(boardDone, 60*time.Second, "the board's teams run to their horizons")
	for _, d := range devices {
		p.emulate(d)
		p.waitJS("window.gigasim.layout().w === "+strconv.FormatInt(d.W, 10)+" && window.gigasim.layout().h === "+strconv.FormatInt(d.H, 10),
			bootTimeout, "the page laid out at "+d.Name)
		p.framesPass(2)
		laid := evalJS[game.LayoutReport](p, "window.gigasim.layout()")
		if evalJS[*struct{ X float64 }](p, "window.gigasim.widget('Red')") == nil {
			t.Errorf("%s: no row for team Red on the board", d.Name)
		}
		if problems := layoutcheck.Check(laid.Widgets, laid.W, laid.H, laid.Touch); len(problems) > 0 {
			t.Errorf("%s, %s layout of the board: %d problems:\n  %s", d.Name, laid.Form, len(problems), strings.Join(problems, "\n  "))
		}
		saveViewport(t, p, d, "board")
	}
}
