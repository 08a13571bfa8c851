package game

import (
	"strings"
	"testing"
)

// TestTwin: the page as text holds what the canvas shows, in the page's
// language, and follows the selection and the language.
func TestTwin(t *testing.T) {
	g := newTestGame(t, "grid-crunch")
	settle(t, g)
	tw := g.Twin()
	if len(tw.Headline) != numKPIs || tw.Lang != "en" || tw.Date != "2026-01-01" || tw.StateName != "" {
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
