package game

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"gigasandbox/game/i18n"
	"gigasandbox/game/layoutcheck"
)

// viewports are the screens every layout is checked at, in CSS pixels,
// with their device pixel ratios: phones, tablets, laptops, desktops and a
// 4K projector, upright and on their side (wasm/browsertest checks the
// same in a browser).
var viewports = []struct {
	w, h, k float64
}{
	{360, 640, 3}, {640, 360, 3}, {390, 844, 3}, {844, 390, 3}, {412, 915, 2.625},
	{768, 1024, 2}, {1024, 768, 2}, {820, 1180, 2}, {1180, 820, 2},
	{1280, 720, 1}, {1280, 800, 2}, {1366, 768, 1}, {1920, 1080, 1}, {2560, 1440, 1}, {3840, 2160, 1},
}

// pageStates put the page in each of the states a user sees, from a fresh
// game: what is selected, the open tab or sheet, the menus.
var pageStates = []struct {
	name string
	set  func(t *testing.T, g *Game)
}{
	{"start", func(t *testing.T, g *Game) {}},
	{"state", func(t *testing.T, g *Game) { g.Select("FR", 0, "") }},
	{"levers", func(t *testing.T, g *Game) { g.Select("FR", 0, "levers") }},
	{"site", func(t *testing.T, g *Game) { g.Select("", 1, "") }},
	{"sites", func(t *testing.T, g *Game) { g.selSite = 0; g.Select("", 0, "site") }},
	{"log", func(t *testing.T, g *Game) { must(t, g.RunTo(900)); g.Select("", 0, "log") }},
	{"charts", func(t *testing.T, g *Game) { must(t, g.RunTo(400)); g.sheetOpen, g.phoneTab = true, phoneTabCharts }},
	{"assumptions", func(t *testing.T, g *Game) { g.assume.open = true }},
	{"share", func(t *testing.T, g *Game) { g.share.open = true }},
	{"help", func(t *testing.T, g *Game) { g.help = true }},
	{"scores", func(t *testing.T, g *Game) { g.scores.toggle(0); g.scores.toggle(5); g.scores.open = true }},
	{"compare", func(t *testing.T, g *Game) { g.compareOpen = true }},
	{"presets", func(t *testing.T, g *Game) { g.presetMenu = true }},
	{"languages", func(t *testing.T, g *Game) { g.langMenu = true }},
	{"menu", func(t *testing.T, g *Game) { g.menuOpen = true }},
	{"banner", func(t *testing.T, g *Game) {
		g.offer(g.tr("notice.badcommand", 3, "x"), g.tr("notice.dropcommand"), func() {})
	}},
	{"toasts", func(t *testing.T, g *Game) {
		for i := range 3 {
			g.log.toasts = append(g.log.toasts, toast{date: g.date(100), text: g.tr("refuse.chips", 4_000_000+i), until: g.now().Add(time.Minute)})
		}
	}},
	{"goals-sheet", func(t *testing.T, g *Game) { g.goalsSheet = true }},
	{"goals-folded", func(t *testing.T, g *Game) { g.goalsFold = goalsFolded }},
	{"goals-open", func(t *testing.T, g *Game) { g.goalsFold = goalsOpen }},
	// verdicts known, so the chips hold their words: projections to the
	// horizon take a while, so only on the screens of judgedScreens
	{"goals-judged", func(t *testing.T, g *Game) { settle(t, g); g.goalsFold = goalsOpen }},
	{"selection-round", func(t *testing.T, g *Game) { g.loadPreset("selection-round"); g.Select("PL", 0, "") }},
	{"ranges", func(t *testing.T, g *Game) {
		g.loadPreset("grid-crunch")
		fillRanges(t, g, false)
		g.goalsFold = goalsOpen
		g.Select("FR", 0, "levers")
		g.panelScroll.off = 1e6 // the Ranges part, at the end of the tab
	}},
	{"ranges-sheet", func(t *testing.T, g *Game) { g.loadPreset("grid-crunch"); fillRanges(t, g, false); g.goalsSheet = true }},
	{"tornado", func(t *testing.T, g *Game) { g.loadPreset("grid-crunch"); fillRanges(t, g, true) }},
	{"compare-modified", func(t *testing.T, g *Game) {
		must(t, g.sess.SetAssumption("pue", "1.25"))
		g.SetModifiedBaseline(true)
		settle(t, g)
		g.compareOpen = true
	}},
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// judgedScreens are the screens on which TestLayoutFits lays out the
// goals with their verdicts known: a laptop.
var judgedScreens = map[[2]float64]bool{{1280, 720}: true, {360, 640}: true}

// TestLayoutFits lays the page out at every viewport, in every language,
// in every page state, and checks the widgets as laid out: none overlaps
// another, every text fits its box, everything is on the screen, and on
// touch layouts every target is at least 44×44.
func TestLayoutFits(t *testing.T) {
	fonts := map[float64]fonts{}
	for _, vp := range viewports {
		if _, ok := fonts[vp.k]; !ok {
			fonts[vp.k] = newFonts(vp.k)
		}
	}
	for _, vp := range viewports {
		for _, lang := range i18n.Langs {
			for _, ps := range pageStates {
				if (ps.name == "goals-judged" || ps.name == "compare-modified") && !judgedScreens[[2]float64{vp.w, vp.h}] {
					continue
				}
				name := fmt.Sprintf("%gx%g/%s/%s", vp.w, vp.h, lang, ps.name)
				t.Run(name, func(t *testing.T) {
					g := newTestGame(t, "baseline")
					g.u.k, g.u.f = vp.k, fonts[vp.k]
					g.w, g.h = vp.w, vp.h
					g.SetLang(lang)
					g.frame()
					ps.set(t, g)
					g.frame()
					g.frame() // menus and sheets opened in the pass before are laid out
					problems := layoutcheck.Check(g.Widgets(), g.w, g.h, g.u.touch)
					if len(problems) > 0 {
						t.Errorf("%d layout problems:\n  %s", len(problems), strings.Join(problems, "\n  "))
					}
				})
			}
		}
	}
}

// TestLanguageMenuFits: with all 24 official languages the menu of
// languages fits every screen without overlap or scrolling.
func TestLanguageMenuFits(t *testing.T) {
	saved := i18n.Langs
	i18n.Langs = i18n.Official()
	defer func() { i18n.Langs = saved }()
	for _, vp := range viewports {
		t.Run(fmt.Sprintf("%gx%g", vp.w, vp.h), func(t *testing.T) {
			g := newTestGame(t, "baseline")
			g.u.k, g.u.f = vp.k, newFonts(vp.k)
			g.w, g.h = vp.w, vp.h
			g.frame()
			g.langMenu = true
			g.frame()
			g.frame()
			shown := 0
			for _, w := range g.Widgets() {
				for _, l := range i18n.Official() {
					if w.Label == i18n.Names[l] {
						shown++
					}
				}
			}
			if shown != 24 {
				t.Errorf("%d of 24 languages in the menu", shown)
			}
			if problems := layoutcheck.Check(g.Widgets(), g.w, g.h, g.u.touch); len(problems) > 0 {
				t.Errorf("%d layout problems:\n  %s", len(problems), strings.Join(problems, "\n  "))
			}
		})
	}
}

// TestTextScale: a reader's larger text size lays the page out as for a
// screen that many times smaller, with everything that many times larger;
// the scale stays within 1 to 2.
func TestTextScale(t *testing.T) {
	g := newTestGame(t, "baseline")
	w, h := g.layoutFor(1280, 720, 1.5)
	k := g.u.k
	g.SetTextScale(2)
	w2, h2 := g.layoutFor(1280, 720, 1.5)
	if g.w != 640 || g.h != 360 || g.u.k != 2*k || w2 != w || h2 != h {
		t.Errorf("text at 200%%: laid out for %v×%v at scale %v, screen %v×%v; want 640×360 at %v, screen %v×%v", g.w, g.h, g.u.k, w2, h2, 2*k, w, h)
	}
	g.SetTextScale(5)
	if g.textScale() != 2 {
		t.Errorf("text scale %v, want it capped at 2", g.textScale())
	}
	g.SetTextScale(0.5)
	if g.textScale() != 1 {
		t.Errorf("text scale %v, want at least 1", g.textScale())
	}
}
