package game

import (
	"strings"
	"testing"

	"gigasandbox/game/i18n"
	"gigasandbox/game/session"
	"gigasandbox/model"
)

// TestEveryReleaseNamed: every release the model has says when its data
// are from in every language, so that the Assumptions sheet and the
// exports can name it.
func TestEveryReleaseNamed(t *testing.T) {
	for _, lang := range i18n.Langs {
		cat := i18n.Raw(lang)
		for _, r := range model.Releases() {
			if cat["release."+r.Name] == "" {
				t.Errorf("%s: no release.%s", lang, r.Name)
			}
		}
	}
}

// TestOfferNewestRelease: a run on an older release than the newest gets a
// banner saying so, whose button sets the same scenario (with its edits)
// on the newest release beside it in the comparison sheet; a run on the
// newest gets none.
func TestOfferNewestRelease(t *testing.T) {
	g := newTestGame(t, "baseline") // the presets name release 2026-11
	if _, err := g.sess.Do(model.Command{Op: model.SetLever{Lever: model.LeverEUShare, Value: 200}}); err != nil {
		t.Fatal(err)
	}
	g.OfferNewestRelease()
	old, newest := g.sess.Sim().Release(), model.NewestRelease()
	if old == newest {
		t.Fatalf("the baseline preset runs on the newest release %s", newest.Name)
	}
	for _, want := range []string{old.Name, newest.Name, "data as of December 2026"} {
		if !strings.Contains(g.banner.text, want) {
			t.Errorf("banner %q does not name %q", g.banner.text, want)
		}
	}
	if g.banner.button != g.tr("release.compare") || g.banner.action == nil {
		t.Fatalf("banner button %q, want %q with an action", g.banner.button, g.tr("release.compare"))
	}
	g.banner.action()
	if !g.compareOpen || g.newestFor() == nil {
		t.Fatal("the button did not open the comparison with the newest release")
	}
	nw := g.newestFor()
	for !nw.Done() {
		nw.Advance(400)
	}
	if nw.Err() != nil {
		t.Fatal(nw.Err())
	}
	sc := nw.Sim().Scenario()
	if nw.Sim().Release() != newest || len(sc.Commands) != len(g.sess.Scenario().Commands) {
		t.Errorf("compared run is on %s with %d commands, want %s with the run's %d", nw.Sim().Release().Name, len(sc.Commands), newest.Name, len(g.sess.Scenario().Commands))
	}

	s, err := session.New("on the newest", model.DefaultScenario())
	if err != nil {
		t.Fatal(err)
	}
	g.Load(s)
	g.banner.dismiss()
	g.OfferNewestRelease()
	if g.banner.text != "" || g.newestFor() != nil {
		t.Errorf("a run on the newest release got banner %q", g.banner.text)
	}
}

// TestReleaseLine: the Assumptions sheet names the release and when its
// data are from, in the page's language.
func TestReleaseLine(t *testing.T) {
	g := newTestGame(t, "baseline")
	if got := g.releaseLine(); got != "Data release 2026-11 (data as of November 2026)" {
		t.Errorf("releaseLine() = %q", got)
	}
	g.SetLang("de")
	if got := g.releaseLine(); !strings.Contains(got, "2026-11") || !strings.Contains(got, "November 2026") {
		t.Errorf("releaseLine() in German = %q", got)
	}
}
