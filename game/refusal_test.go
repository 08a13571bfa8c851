package game

import (
	"strings"
	"testing"
	"time"

	"gigasandbox/game/i18n"
	"gigasandbox/game/session"
	"gigasandbox/model"
)

// TestRefusalsSpeakTheUsersLanguage: every refusal a user can meet reads
// as a sentence in the page's language, built from the typed error — not
// the model's English text — with the site, country or limit in it.
func TestRefusalsSpeakTheUsersLanguage(t *testing.T) {
	g := newTestGame(t, "baseline")
	huge := func(state string) model.Command {
		return model.Command{Op: model.BuildSite{Site: model.SiteSpec{Name: "Huge", State: model.MustState(state), Chips: model.MaxSiteChips, Chip: model.GenBest, Start: g.sess.Day()}}}
	}
	for _, st := range []string{"PL", "DE", "FR"} { // with the baseline's 454,216 chips, 3,454,216
		if err := g.Do(huge(st)); err != nil {
			t.Fatalf("Do(build %s) = %v", st, err)
		}
	}
	sites := len(g.sess.Sim().Sites())
	if err := g.Do(model.Command{Op: model.RemoveSite{Site: model.SiteID(sites)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := g.sess.Step(400); err != nil { // the first sites have started building
		t.Fatal(err)
	}
	tests := []struct {
		name string
		cmd  model.Command
		want map[string][]string // language -> parts of the sentence
	}{
		{"over the chip limit", huge("IT"), map[string][]string{"en": {"4,000,000", "smaller"}, "fr": {"4\u00a0000\u00a0000", "plus petite"}, "de": {"4.000.000", "kleinere"}}},
		{"a removed site", model.Command{Op: model.MoveSite{Site: model.SiteID(sites), Lon: 1, Lat: 1}}, map[string][]string{"en": {"Huge", "removed"}, "fr": {"Huge", "supprimé"}, "de": {"Huge", "entfernt"}}},
		{"no such site", model.Command{Op: model.SetVEU{Site: 99, On: true}}, map[string][]string{"en": {"99"}, "fr": {"99", "n'existe pas"}, "de": {"99", "gibt es"}}},
		{"across a border after the start", model.Command{Op: model.MoveSite{Site: model.SiteID(sites - 2), Lon: 1, Lat: 1, State: model.MustState("CZ")}}, map[string][]string{"en": {"Huge", "Poland"}, "fr": {"Huge", "Pologne"}, "de": {"Huge", "Polen"}}},
		{"shares over 1", model.Command{Op: model.SetLever{Lever: model.LeverHostShare, Value: 900}}, map[string][]string{"en": {"100%"}, "fr": {"100 %"}, "de": {"100 %"}}},
	}
	for _, lang := range i18n.Langs {
		g.SetLang(lang)
		for _, tt := range tests {
			before := session.HashOf(g.sess.Sim())
			err := g.Do(tt.cmd)
			if err == nil {
				t.Fatalf("%s: Do(%+v) was accepted", tt.name, tt.cmd)
			}
			if session.HashOf(g.sess.Sim()) != before {
				t.Errorf("%s: the refused edit changed the run", tt.name)
			}
			msg := g.banner.text
			for _, part := range tt.want[lang] {
				if !strings.Contains(msg, part) {
					t.Errorf("%s in %s: banner %q, want it to contain %q", tt.name, lang, msg, part)
				}
			}
			if strings.Contains(msg, "%!") || strings.Contains(msg, "command:") || (lang != "en" && strings.Contains(msg, "would")) {
				t.Errorf("%s in %s: banner %q is not a sentence of the page's", tt.name, lang, msg)
			}
		}
	}
}

// TestRefusedBecauseOfALaterCommand: an edit that would stop one of the
// scenario's own commands from running later is refused, and the page
// says which command and when.
func TestRefusedBecauseOfALaterCommand(t *testing.T) {
	sc := model.DefaultScenario()
	sc.Name = "later"
	sc.Sites = []model.SiteSpec{{Name: "Mazovia", State: model.MustState("PL"), Chips: 1000, Chip: model.GenBest, Start: 10, Lon: 21_000000, Lat: 52_000000}}
	sc.Commands = []model.Command{{Day: 300, Op: model.MoveSite{Site: 1, Lon: 20_000000, Lat: 52_000000}}}
	s, err := session.New("later", sc)
	if err != nil {
		t.Fatal(err)
	}
	g := newTestGame(t, "baseline")
	g.Load(s)
	g.SetLang("fr")
	if err := g.Do(model.Command{Op: model.RemoveSite{Site: 1}}); err == nil {
		t.Fatal("removing a site the scenario moves later was accepted")
	}
	for _, part := range []string{"28/10/2026", "un déplacement", "Mazovia a été supprimé"} {
		if !strings.Contains(g.banner.text, part) {
			t.Errorf("banner %q, want it to contain %q", g.banner.text, part)
		}
	}
}

// TestOfferWithout: a link with commands that cannot run gets a banner
// that names the first, and its button opens the scenario without it,
// asking again for the next one that cannot run.
func TestOfferWithout(t *testing.T) {
	sc := model.DefaultScenario()
	sc.Name = "mended"
	sc.Sites = []model.SiteSpec{{Name: "Mazovia", State: model.MustState("PL"), Chips: 1000, Chip: model.GenBest, Start: 10, Lon: 21_000000, Lat: 52_000000}}
	sc.Commands = []model.Command{
		{Day: 5, Op: model.RemoveSite{Site: 1}},
		{Day: 8, Op: model.SetLever{Lever: model.LeverVoucherShare, Value: 200}},
		{Day: 10, Op: model.MoveSite{Site: 1, Lon: 20_000000, Lat: 52_000000}},
		{Day: 12, Op: model.RemoveSite{Site: 1}},
	}
	g := newTestGame(t, "baseline")
	for _, wantIndex := range []string{"no. 3", "no. 3"} { // the move, then the second removal in its place
		err := sc.Validate()
		ce, ok := err.(*model.CommandError)
		if !ok {
			t.Fatalf("Validate = %v, want a *model.CommandError", err)
		}
		if g.banner.action == nil {
			g.OfferWithout(sc.Name, sc, 20, ce)
		}
		if !strings.Contains(g.banner.text, wantIndex) || !strings.Contains(g.banner.text, "Mazovia has been removed") {
			t.Fatalf("banner %q, want %q and why", g.banner.text, wantIndex)
		}
		g.frame()
		press(t, g, g.tr("notice.dropcommand"))
		sc.Commands = append(sc.Commands[:ce.Index:ce.Index], sc.Commands[ce.Index+1:]...)
	}
	if g.banner.action != nil || g.sess.Name() != "mended" || len(g.sess.Scenario().Commands) != 2 {
		t.Fatalf("after two drops: session %q with %d commands, banner %q", g.sess.Name(), len(g.sess.Scenario().Commands), g.banner.text)
	}
	if !g.time.seeking || g.time.seekTo != 20 {
		t.Errorf("the mended link opens at day %d (seeking %v), want day 20", g.time.seekTo, g.time.seeking)
	}
}

// TestBannerStaysItsTimeOnScreen: a notice given before the page's first
// frame (a bad link, on a slow boot) stays its six seconds from the first
// frame, not from when it was given.
func TestBannerStaysItsTimeOnScreen(t *testing.T) {
	g := newTestGame(t, "baseline")
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	g.now = func() time.Time { return clock }
	g.frames = 0
	g.notify("this link is damaged")
	clock = clock.Add(20 * time.Second) // a slow boot: no frame yet
	g.bannerClock()
	if g.banner.text == "" {
		t.Fatal("the banner ended before any frame showed it")
	}
	g.frames = 1 // the first frame drew it
	g.bannerClock()
	clock = clock.Add(bannerShown - time.Second)
	g.bannerClock()
	if g.banner.text == "" {
		t.Fatalf("the banner ended %v after it was first drawn", bannerShown-time.Second)
	}
	clock = clock.Add(2 * time.Second)
	g.bannerClock()
	if g.banner.text != "" {
		t.Fatalf("the banner is still there %v after it was first drawn", bannerShown+time.Second)
	}
}
