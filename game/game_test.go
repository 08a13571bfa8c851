package game

import (
	"encoding/json"
	"maps"
	"reflect"
	"testing"
	"time"

	"gigasandbox/game/i18n"
	"gigasandbox/game/session"
	"gigasandbox/model"
)

// These tests drive the page's update pass as a user would — clicks at
// screen positions, keys — without a window: the layout function is the
// same one that draws, so a click that works here lands on the drawn
// button. Pixels are tested in the browser (wasm/browsertest).

func newTestGame(t testing.TB, preset string) *Game {
	t.Helper()
	s, err := session.NewPreset(preset)
	if err != nil {
		t.Fatal(err)
	}
	g := New(s)
	g.u.k = 1
	g.u.f = newFonts(1)
	g.w, g.h = 1280, 720
	g.frame() // lay out once so widgets are known
	return g
}

// frame runs one update pass with no input.
func (g *Game) frame() {
	g.u.dst = nil
	g.u.click, g.u.used, g.u.keyNext, g.u.tip = false, false, 0, ""
	g.layout(&g.u)
}

// clickAt clicks at a logical screen point.
func clickAt(g *Game, x, y float64) {
	g.u.mx, g.u.my = x, y
	g.u.click, g.u.used, g.u.keyNext = true, false, 0
	g.layout(&g.u)
	g.u.click = false
	g.frame()
}

// press clicks the widget laid out with this label.
func press(t *testing.T, g *Game, label string) {
	t.Helper()
	r, ok := g.u.seen[label]
	if !ok {
		t.Fatalf("no widget %q on screen (tab %s)", label, tabNames[g.tab])
	}
	clickAt(g, r.x+r.w/2, r.y+r.h/2)
}

func lastEdit(t *testing.T, g *Game) model.Command {
	t.Helper()
	e := g.sess.Edits()
	if len(e) == 0 {
		t.Fatal("no edit was made")
	}
	return e[len(e)-1]
}

func stateIndex(t *testing.T, code string) int {
	for i, s := range model.States() {
		if s.Code == code {
			return i
		}
	}
	t.Fatalf("no state %s", code)
	return -1
}

// TestClickEveryStateSelectsIt: a click on each state's label point selects
// exactly that state — the map's hit test and drawing agree.
func TestClickEveryStateSelectsIt(t *testing.T) {
	g := newTestGame(t, "baseline")
	for _, st := range model.States() {
		x, y, ok := g.StatePoint(st.Code)
		if !ok {
			t.Fatalf("%s: no point on the map", st.Code)
		}
		if id := g.mv.siteAt(x, y, g.sess.Sim().Sites()); id != 0 {
			continue // a site covers the label; clicking picks the site (tested below)
		}
		clickAt(g, x, y)
		if g.selState != stateIndex(t, st.Code) {
			t.Errorf("click at %s's label (%.0f, %.0f) selected state %d", st.Code, x, y, g.selState)
		}
	}
}

func TestBuildFromTheStatePanel(t *testing.T) {
	g := newTestGame(t, "baseline")
	g.sess.Step(30)
	x, y, _ := g.StatePoint("SE")
	clickAt(g, x+3, y+3)
	if g.tab != tabState || g.selState != stateIndex(t, "SE") {
		t.Fatalf("after clicking Sweden: tab %d, state %d", g.tab, g.selState)
	}
	press(t, g, "50.0k")
	press(t, g, "B200")
	press(t, g, "+6 mo")
	press(t, g, "Build (B)")
	c := lastEdit(t, g)
	b, ok := c.Op.(model.BuildSite)
	if !ok || c.Day != 30 || b.Site.State.Code() != "SE" || b.Site.Chips != 50000 || b.Site.Chip != model.GenB200 || b.Site.Start != 30+182 {
		t.Fatalf("Build made %+v", c)
	}
	// the site was placed where the user clicked, inside Sweden
	sites := g.sess.Sim().Sites()
	sx, sy, _ := g.SitePoint(sites[len(sites)-1].ID)
	if g.mv.stateAt(sx, sy) != stateIndex(t, "SE") {
		t.Fatalf("the new site is drawn at (%.0f, %.0f), outside Sweden", sx, sy)
	}
	if g.selSite != sites[len(sites)-1].ID {
		t.Fatalf("the new site is not selected")
	}
}

func TestLeversBecomeCommands(t *testing.T) {
	g := newTestGame(t, "baseline")
	g.sess.Step(10)
	press(t, g, "Levers")
	tests := []struct {
		widget       string
		lever, value string
	}{
		{"Startup vouchers +", "voucher_share", "0.05"},
		{"Renewable PPAs +", "ppa_share", "0.05"},
		{"EU share of capex −", "eu_share", "0.12"},
		{"Fast-track permitting", "fast_track", "true"},
		{"boom", "demand_growth", "boom"},
	}
	for _, tt := range tests {
		press(t, g, tt.widget)
		c := lastEdit(t, g)
		if lv, ok := c.Op.(model.SetLever); !ok || lv.Lever.String() != tt.lever || lv.Lever.Format(lv.Value) != tt.value {
			t.Errorf("%s made %+v, want lever %s = %s", tt.widget, c, tt.lever, tt.value)
		}
	}
	press(t, g, "2025 rule")
	if c := lastEdit(t, g); !reflect.DeepEqual(c.Op, model.SetRegime{Regime: model.Regime{Kind: model.RegimeDiffusion}}) {
		t.Errorf("2025 rule made %+v", c)
	}
	g.sess.Step(1)
	g.frame()
	if g.sess.Sim().RegimeKind() != model.RegimeDiffusion {
		t.Errorf("regime in force %q", g.sess.Sim().RegimeKind())
	}
}

func TestSelectAndRemoveSite(t *testing.T) {
	g := newTestGame(t, "baseline")
	x, y, ok := g.SitePoint(1)
	if !ok {
		t.Fatal("site 1 is not on the map")
	}
	clickAt(g, x, y)
	g.mv.dragSite = 0 // release without moving
	if g.selSite != 1 || g.tab != tabSite {
		t.Fatalf("clicking site 1 selected site %d, tab %d", g.selSite, g.tab)
	}
	press(t, g, "Remove")
	if c := lastEdit(t, g); c.Op != (model.RemoveSite{Site: 1}) {
		t.Fatalf("Remove made %+v", c)
	}
}

// TestDragMovesSite: pressing on a site and releasing over another state
// moves it there, before construction starts.
func TestDragMovesSite(t *testing.T) {
	g := newTestGame(t, "baseline")
	g.sess.Step(5)
	x, y, _ := g.StatePoint("PT")
	clickAt(g, x, y)
	press(t, g, "+1 yr")
	press(t, g, "Build (B)")
	id := g.selSite
	sx, sy, _ := g.SitePoint(id)
	clickAt(g, sx, sy) // press on the site
	if g.mv.dragSite != id {
		t.Fatalf("pressing on site %d started dragging %d", id, g.mv.dragSite)
	}
	tx, ty, _ := g.StatePoint("FR")
	g.u.mx, g.u.my = tx+10, ty+10
	g.frame()
	g.u.release = true
	g.frame()
	g.u.release = false
	c := lastEdit(t, g)
	if mv, ok := c.Op.(model.MoveSite); !ok || mv.Site != id || mv.State.Code() != "FR" {
		t.Fatalf("drag made %+v", c)
	}
	if nx, ny, _ := g.SitePoint(id); g.mv.stateAt(nx, ny) != stateIndex(t, "FR") {
		t.Fatalf("moved site drawn at (%.0f, %.0f), not in France", nx, ny)
	}
}

func TestTimeControls(t *testing.T) {
	g := newTestGame(t, "baseline")
	press(t, g, "+1d")
	if g.sess.Day() != 1 {
		t.Fatalf("+1d: day %d", g.sess.Day())
	}
	press(t, g, "►")
	if !g.time.playing {
		t.Fatal("► did not start time")
	}
	press(t, g, "Year/s")
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	g.now = func() time.Time { clock = clock.Add(time.Second / 50); return clock }
	g.time.lastTick = clock
	for range 50 { // one second at 50 frames a second, at the fastest speed
		g.advance(time.Now())
	}
	if d := g.sess.Day(); d < 360 || d > 370 {
		t.Fatalf("a second at a year per second reached day %d", d)
	}
	press(t, g, "||")
	if g.time.playing {
		t.Fatal("|| did not pause")
	}
	press(t, g, "►|")
	for g.time.seeking {
		g.advance(time.Now())
	}
	if !g.sess.Ended() {
		t.Fatalf("►| stopped at day %d", g.sess.Day())
	}
	press(t, g, "|◄")
	if g.sess.Day() != 0 {
		t.Fatalf("|◄ left day %d", g.sess.Day())
	}
}

func TestPresetMenu(t *testing.T) {
	g := newTestGame(t, "baseline")
	press(t, g, "baseline ▼")
	press(t, g, "grid crunch")
	if g.sess.Name() != "grid-crunch" {
		t.Fatalf("loaded %q", g.sess.Name())
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want []string
	}{
		{"", 10, []string{""}},
		{"one two three", 7, []string{"one two", "three"}},
		{"a\nb c", 10, []string{"a", "b c"}},
		{"averyveryverylongword x", 5, []string{"averyveryverylongword", "x"}},
	}
	for _, tt := range tests {
		got := wrap(tt.in, tt.n)
		if len(got) != len(tt.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("wrap(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
		}
	}
}

func TestFormatByLanguage(t *testing.T) {
	defer func() { num = i18n.Get("en").Num }()
	tests := []struct {
		lang                      string
		big, money, small, counts string
		share                     string
	}{
		{"en", "1,234,567", "€17.08 bn", "€456 m", "412.3k", "16.9%"},
		{"fr", "1\u00a0234\u00a0567", "17,08\u00a0Md€", "456\u00a0M€", "412,3k", "16,9\u00a0%"},
		{"de", "1.234.567", "17,08\u00a0Mrd.\u00a0€", "456\u00a0Mio.\u00a0€", "412,3k", "16,9\u00a0%"},
	}
	for _, tt := range tests {
		num = i18n.Get(tt.lang).Num
		got := []string{thousands(1234567), euros(1_708_000_000_000), euros(45_600_000_000), compact(412300), pct(169)}
		want := []string{tt.big, tt.money, tt.small, tt.counts, tt.share}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: got %q, want %q", tt.lang, got[i], want[i])
			}
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct{ got, want string }{
		{thousands(0), "0"},
		{thousands(999), "999"},
		{thousands(1000), "1,000"},
		{thousands(-1234567), "-1,234,567"},
		{euros(2_000_000_000_000), "€20.00 bn"},
		{euros(45_600_000_000), "€456 m"},
		{compact(412300), "412.3k"},
		{compact(1_200_000), "1.20M"},
		{pct(169), "16.9%"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestTenSitesTenLeversFitALink: what a user builds by clicking fits the
// 300 characters a link may take for ten sites and ten lever changes.
func TestTenSitesTenLeversFitALink(t *testing.T) {
	g := newTestGame(t, "baseline")
	states := []string{"SE", "FR", "HU", "NL", "AT", "CZ", "RO", "PT", "DK", "IE"} // no site covers their labels
	for i, code := range states {
		g.sess.Step(3)
		x, y, _ := g.StatePoint(code)
		clickAt(g, x+float64(i%3), y+1) // a pixel or two off the label point, as a user clicks
		press(t, g, "Build (B)")
	}
	press(t, g, "Levers")
	for _, w := range []string{"Startup vouchers +", "Renewable PPAs +", "Startup vouchers +", "Renewable PPAs +", "EU share of capex −",
		"Host-state share +", "Fast-track permitting", "boom", "Serve demand in the same state first", "Startup vouchers +"} {
		g.sess.Step(2)
		press(t, g, w)
	}
	if n := len(g.sess.Edits()); n != 20 {
		for _, e := range g.sess.Edits() {
			t.Log(e)
		}
		t.Fatalf("%d edits, want 20 (banner: %q)", n, g.banner.text)
	}
	frag, err := g.Fragment()
	if err != nil {
		t.Fatal(err)
	}
	if len(frag) > 300 {
		t.Fatalf("ten sites and ten levers need %d characters of fragment, more than 300: %s", len(frag), frag)
	}
	t.Logf("ten clicked sites and ten lever changes: %d characters", len(frag))
}

// TestStatusListsAreNeverNull: the automation API's lists are [] when
// empty, so a page script can read their length at any moment.
func TestStatusListsAreNeverNull(t *testing.T) {
	for _, preset := range []string{"baseline", "grid-crunch"} {
		g := newTestGame(t, preset)
		b, err := json.Marshal(g.Status())
		if err != nil {
			t.Fatal(err)
		}
		var st map[string]any
		if err := json.Unmarshal(b, &st); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"goals", "pinned"} {
			if _, ok := st[key].([]any); !ok {
				t.Errorf("%s: status %q is %v, want a list", preset, key, st[key])
			}
		}
	}
}

// TestUndoReplaysBehindTheProgressBar: an undo (or a redo, or a changed
// assumption) replays the run from day 0; the page starts that replay at
// day 0 and seeks back to today over the next frames, so one frame never
// replays years, and it ends where the synchronous undo of the session
// does.
func TestUndoReplaysBehindTheProgressBar(t *testing.T) {
	g := newTestGame(t, "baseline")
	if err := g.RunTo(100); err != nil {
		t.Fatal(err)
	}
	if err := g.Do(model.Command{Op: model.SetLever{Lever: model.LeverVoucherShare, Value: 300}}); err != nil {
		t.Fatal(err)
	}
	if err := g.RunTo(900); err != nil {
		t.Fatal(err)
	}
	wantSess, err := session.NewPreset("baseline") // the run without the edit
	if err != nil {
		t.Fatal(err)
	}
	if err := wantSess.Seek(900); err != nil {
		t.Fatal(err)
	}

	g.undo()
	if !g.time.seeking || g.sess.Day() >= 900 {
		t.Fatalf("after undo: seeking %v on day %d, want a seek back to day 900 under way", g.time.seeking, g.sess.Day())
	}
	frames := 0
	for g.time.seeking {
		g.advance(time.Now())
		frames++
	}
	if g.sess.Day() != 900 || len(g.sess.Edits()) != 0 {
		t.Fatalf("after the seek: day %d, %d edits; want day 900 and none", g.sess.Day(), len(g.sess.Edits()))
	}
	if got, want := session.HashOf(g.sess.Sim()), session.HashOf(wantSess.Sim()); got != want {
		t.Fatalf("after undo and the seek back the run is %s, the run without the edit %s", got, want)
	}
	t.Logf("the undo's replay took %d frames", frames)
}

// TestSheetsTakeTheMouse: a click on a sheet, where a button of the page
// lies beneath it, does not press that button.
func TestSheetsTakeTheMouse(t *testing.T) {
	g := newTestGame(t, "baseline")
	g.Select("SE", 0, "")
	g.frame()
	page := maps.Clone(g.u.seen) // the page's widgets, no sheet open
	type state struct{ edits, layer, tab, speed int }
	now := func() state { return state{len(g.sess.Edits()), g.mv.layer, g.tab, g.time.speed} }
	for _, open := range []struct {
		name string
		set  func(bool)
	}{
		{"scorecards", func(on bool) { g.scores.open = on }},
		{"comparison with the baseline", func(on bool) { g.compareOpen = on }},
		{"assumptions", func(on bool) { g.assume.open = on }},
		{"share", func(on bool) { g.share.open = on }},
	} {
		t.Run(open.name, func(t *testing.T) {
			open.set(true)
			defer open.set(false)
			g.frame()
			sheet := g.u.covered
			tried := 0
			for _, label := range []string{"Build (B)", "Carbon", "Grid room", "Export tier", "AI demand", "Levers", "Log"} {
				r := page[label]
				x, y := r.x+r.w/2, r.y+r.h/2
				if r.w == 0 || !sheet.contains(x, y) {
					continue
				}
				before := now()
				clickAt(g, x, y)
				if after := now(); after != before {
					t.Errorf("a click on the sheet over %q pressed it: %+v, was %+v", label, after, before)
				}
				tried++
			}
			if tried == 0 {
				t.Fatalf("no page widget lies under the %s sheet (%+v)", open.name, sheet)
			}
		})
	}
}
