package game

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"gigasandbox/internal/open"
	"gigasandbox/model"
	"gigasandbox/model/link"
	"gigasandbox/model/report"
)

// sixTeamsLink is the board of six teams that model/link's tests write.
func sixTeamsLink(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "boards", "six-teams.link"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var (
	boardOnce  sync.Once
	boardTeams []*boardTeam
	boardTitle string
)

// finishedTeams are the six teams run to their horizons, once for all the
// tests (the layout checks lay the board out hundreds of times).
func finishedTeams(t testing.TB) []*boardTeam {
	boardOnce.Do(func() {
		g := newTestGame(t, "baseline")
		bd, err := link.DecodeBoard(sixTeamsLink(t))
		if err != nil {
			t.Fatal(err)
		}
		g.OpenBoard(bd)
		runBoard(t, g)
		boardTeams, boardTitle = g.board.teams, g.board.title
	})
	return boardTeams
}

// runBoard updates the game until every team on the board has run.
func runBoard(t testing.TB, g *Game) {
	t.Helper()
	g.frames = max(g.frames, firstFrames)
	g.brd().open = true
	for i := 0; slices.ContainsFunc(g.brd().teams, func(t *boardTeam) bool { return !t.done() }); i++ {
		if i == 1000 {
			t.Fatal("the board's teams did not reach their horizons in 1,000 updates")
		}
		g.boardWork()
	}
}

// withBoard opens the board of six finished teams on g.
func withBoard(t testing.TB, g *Game) {
	b := g.brd()
	b.teams = slices.Clone(finishedTeams(t))
	b.title = boardTitle
	g.SetBoardOpen(true)
}

func init() {
	pageStates = append(pageStates,
		struct {
			name string
			set  func(t *testing.T, g *Game)
		}{"board-empty", func(t *testing.T, g *Game) { g.Opened("s=x"); g.SetBoardOpen(true) }},
		struct {
			name string
			set  func(t *testing.T, g *Game)
		}{"board", func(t *testing.T, g *Game) { withBoard(t, g) }},
		struct {
			name string
			set  func(t *testing.T, g *Game)
		}{"board-sorted", func(t *testing.T, g *Game) { withBoard(t, g); g.sortBy(2); g.sortBy(2) }},
		struct {
			name string
			set  func(t *testing.T, g *Game)
		}{"board-link", func(t *testing.T, g *Game) { withBoard(t, g); g.brd().showLink = true }},
		struct {
			name string
			set  func(t *testing.T, g *Game)
		}{"class-locked", func(t *testing.T, g *Game) {
			c, err := link.ParseClass("baseline", "eu_share,regime,invest-grid,sites", "fund_eur_bn,pue")
			if err != nil {
				t.Fatal(err)
			}
			g.SetClass(c)
			g.Select("FR", 0, "levers")
		}},
		struct {
			name string
			set  func(t *testing.T, g *Game)
		}{"class-locked-state", func(t *testing.T, g *Game) {
			c, err := link.ParseClass("", "g2g,invest-grid,sites", "pue")
			if err != nil {
				t.Fatal(err)
			}
			g.SetClass(c)
			g.Select("PL", 0, "")
		}},
	)
}

// TestBoardTeamsAsTheirLinks: each team on a board of six runs as its own
// link runs alone — the same state hash at the horizon and the same
// verdicts on its goals — and the board names the teams as its link does.
func TestBoardTeamsAsTheirLinks(t *testing.T) {
	bd, err := link.DecodeBoard(sixTeamsLink(t))
	if err != nil {
		t.Fatal(err)
	}
	teams := finishedTeams(t)
	if len(teams) != len(bd.Teams) {
		t.Fatalf("%d teams on the board, want the link's %d", len(teams), len(bd.Teams))
	}
	for i, team := range teams {
		want := bd.Teams[i]
		r, err := open.Link(want.Fragment())
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
		if team.name != want.Name || team.err != nil || team.run.StateHash != report.OutcomesOf(sim).StateHash {
			t.Errorf("team %d = %q %s (%v), want %q %s", i, team.name, team.run.StateHash, team.err, want.Name, report.OutcomesOf(sim).StateHash)
		}
		goals, _, ok := report.Goals(r.Name)
		if !ok {
			if len(team.run.Goals) != 0 {
				t.Errorf("team %s has goals %v, its link none", team.name, team.run.Goals)
			}
			continue
		}
		for j, s := range report.EvaluateGoals(goals, sim, sim) {
			if got := team.run.Goals[j]; got.Goal.ID != s.Goal.ID || got.Verdict != s.Verdict {
				t.Errorf("team %s, goal %s: %v, its own run %v", team.name, s.Goal.ID, got.Verdict, s.Verdict)
			}
		}
	}
}

// TestBoardLinkRoundTrip: the board's link opens the same board, and the
// board's CSV is the bytes `gigasim compare --csv` writes for it.
func TestBoardLinkRoundTrip(t *testing.T) {
	g := newTestGame(t, "baseline")
	withBoard(t, g)
	frag, err := g.boardLink()
	if err != nil {
		t.Fatal(err)
	}
	if frag != sixTeamsLink(t) {
		t.Errorf("the board's link differs from the link that opened it:\n got %.60s…\nwant %.60s…", frag, sixTeamsLink(t))
	}
	var saved []byte
	g.SetPlatform(Platform{Save: func(name, mime string, data []byte) (string, error) { saved = data; return name, nil }})
	g.exportBoardCSV()
	want, err := os.ReadFile(filepath.Join("..", "cmd", "gigasim", "testdata", "compare", "board-six-teams.csv.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if string(saved) != string(want) {
		t.Errorf("the board's CSV differs from gigasim compare --csv's:\n got %.200s\nwant %.200s", saved, want)
	}
}

// TestBoardAdd: links, presets and boards go on the board; a bad link or a
// name taken is refused with the reason; a full board takes no more.
func TestBoardAdd(t *testing.T) {
	g := newTestGame(t, "baseline")
	sc, _ := model.Preset("grid-crunch")
	l, err := link.Encode(sc, 100)
	if err != nil {
		t.Fatal(err)
	}
	must(t, g.AddTeam("https://example.eu/#"+l+"&goals=grid-crunch&lang=fr", "Red"))
	must(t, g.AddTeam("preset=eu-chips", ""))
	if err := g.AddTeam("#s=!!", "Blue"); err == nil || !strings.HasPrefix(err.Error(), "link: ") {
		t.Errorf("AddTeam(a bad link) = %v, want the link's error", err)
	}
	if err := g.AddTeam(l, "Red"); err == nil || !strings.Contains(err.Error(), "Red") {
		t.Errorf("AddTeam(a name taken) = %v, want it refused", err)
	}
	must(t, g.AddTeam(sixTeamsLink(t), ""))
	st := g.BoardStatus()
	names := []string{}
	for _, ts := range st.Teams {
		names = append(names, ts.Name)
	}
	if want := []string{"Red", "Team 2", "Red 2", "Blue", "Green", "Équipe jaune", "Zespół 5", "Ομάδα 6"}; !slices.Equal(names, want) {
		t.Errorf("teams %q, want %q", names, want)
	}
	if st.Teams[0].Link != l+"&goals=grid-crunch" {
		t.Errorf("team Red's link %q, want its own with its class", st.Teams[0].Link)
	}
	for range link.MaxTeams - len(names) {
		must(t, g.AddTeam("preset=baseline", ""))
	}
	if err := g.AddTeam("preset=baseline", ""); err == nil {
		t.Errorf("AddTeam on a full board succeeded")
	}
	runBoard(t, g)
	if st := g.BoardStatus(); st.Teams[0].GoalSet != "grid-crunch" || len(st.Teams[0].Goals) == 0 || !st.Teams[0].Done {
		t.Errorf("team Red: goal set %q, %d goals, done %v; want grid-crunch's goals judged", st.Teams[0].GoalSet, len(st.Teams[0].Goals), st.Teams[0].Done)
	}
}

// TestBoardSort: a column's heading sorts the teams by it, largest first,
// then the other way; names A to Z.
func TestBoardSort(t *testing.T) {
	g := newTestGame(t, "baseline")
	withBoard(t, g)
	teams := g.brd().teams
	goals := g.boardGoals()
	chips := func(i int) int64 { v, _, _ := teams[i].run.Value("chips_active"); return v }
	col := 1 + len(goals) // chips running
	g.sortBy(col)
	order := g.boardOrder(goals)
	for k := 1; k < len(order); k++ {
		if chips(order[k-1]) < chips(order[k]) {
			t.Fatalf("sorted by chips: %v", order)
		}
	}
	g.sortBy(col)
	order = g.boardOrder(goals)
	for k := 1; k < len(order); k++ {
		if chips(order[k-1]) > chips(order[k]) {
			t.Fatalf("sorted by chips, the other way: %v", order)
		}
	}
	g.sortBy(0)
	order = g.boardOrder(goals)
	for k := 1; k < len(order); k++ {
		if strings.ToLower(teams[order[k-1]].name) > strings.ToLower(teams[order[k]].name) {
			t.Fatalf("sorted by name: %v", order)
		}
	}
}

// TestBoardRowOpensRun: a team's row opens its run at the day its link
// shows, with its class, and the board closes.
func TestBoardRowOpensRun(t *testing.T) {
	g := newTestGame(t, "baseline")
	withBoard(t, g)
	g.frame()
	team := g.brd().teams[3] // Équipe jaune: grid-crunch, with a class
	press(t, g, team.name)
	if g.boardOpen() || g.sess.Name() != "grid-crunch" || !g.Class().LocksName("eu_share") {
		t.Errorf("after its row: board open %v, run %q, class %q; want the team's run with its class", g.boardOpen(), g.sess.Name(), g.Class().Params())
	}
	must(t, g.RunTo(team.day)) // the page seeks to the link's day over the next frames
	// the page writes the link in the newest link version: the same run,
	// at the same state hash, and the class
	frag, err := g.Fragment()
	if err != nil || !strings.Contains(frag, team.class.Params()+"&lang=") {
		t.Errorf("Fragment = %q, %v; want the team's class kept", frag, err)
	}
	hash := func(l string) uint64 {
		sc, day, err := link.Decode(strings.Split(l, "&")[0])
		must(t, err)
		sim, err := model.New(sc)
		must(t, err)
		must(t, sim.RunTo(day))
		return sim.StateHash()
	}
	if got, want := hash(frag), hash(team.link); got != want {
		t.Errorf("the opened run's link reaches %x, the team's link %x", got, want)
	}
}

// TestLockedLever: a lever the teacher locked refuses its edit with a
// sentence naming it, and changes nothing; the others move; loading
// another run drops the class.
func TestLockedLever(t *testing.T) {
	g := newTestGame(t, "baseline")
	c, err := link.ParseClass("", "eu_share,sites", "pue")
	must(t, err)
	g.SetClass(c)
	err = g.Do(model.Command{Op: model.SetLever{Lever: model.LeverEUShare, Value: 300}})
	if err == nil || !strings.Contains(g.banner.text, g.tr("lever.eu_share")) || len(g.sess.Edits()) != 0 {
		t.Errorf("Do(a locked lever) = %v, banner %q, %d edits; want it refused, naming the lever", err, g.banner.text, len(g.sess.Edits()))
	}
	if err := g.Do(model.Command{Op: model.SetLever{Lever: model.LeverHostShare, Value: 300}}); err != nil {
		t.Errorf("Do(an unlocked lever) = %v", err)
	}
	if err := g.Do(model.Command{Op: model.RemoveSite{Site: 1}}); err == nil {
		t.Errorf("Do(remove a site) with sites locked succeeded")
	}
	frag, _ := g.Fragment()
	if !strings.Contains(frag, "&lock=eu_share,sites&hide=pue&lang=") {
		t.Errorf("Fragment = %q, want the class kept in the link", frag)
	}
	g.loadPreset("eu-chips")
	if !g.Class().IsZero() {
		t.Errorf("class %q after loading a preset, want none", g.Class().Params())
	}
}

// TestLockableWorded: every lockable has its words.
func TestLockableWorded(t *testing.T) {
	g := newTestGame(t, "baseline")
	for _, name := range link.Lockables() {
		if w := g.lockName(name); w == "" || strings.Contains(w, "class.") {
			t.Errorf("lockable %q is worded %q", name, w)
		}
	}
}

// TestBoardColours: every team's colour stands out from the page and the
// map's sea by 3:1 (WCAG 2.1 1.4.11), and no two are alike.
func TestBoardColours(t *testing.T) {
	for i, c := range teamColours {
		if r := contrast(c, colPanel); r < 3 {
			t.Errorf("team colour %d on the panel: contrast %.2f, want at least 3", i, r)
		}
		if r := contrast(c, colSea); r < 3 {
			t.Errorf("team colour %d on the map's sea: contrast %.2f, want at least 3", i, r)
		}
		for j := range i {
			if teamColours[j] == c {
				t.Errorf("team colours %d and %d are the same", j, i)
			}
		}
	}
}

// TestBoardKPIs: the board's columns are report.BoardKeys, in order, with
// report's units.
func TestBoardKPIs(t *testing.T) {
	run := report.BoardRun{Rows: report.Compare(report.Outcomes{}, report.Outcomes{})}
	for k, kp := range boardKPIs {
		_, unit, ok := run.Value(kp.key)
		if !ok || unit != kp.unit || report.BoardKeys[k] != kp.key {
			t.Errorf("board column %d: %s in unit %d, want report.BoardKeys[%d] = %s in unit %d", k, kp.key, kp.unit, k, report.BoardKeys[k], unit)
		}
	}
}
