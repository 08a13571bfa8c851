//go:build !js

package browsertest

import (
	"strconv"
	"testing"
	"time"
)

type classStatus struct {
	status
	Scenario string `json:"scenario"`
	Goals    []struct {
		ID      string `json:"id"`
		Verdict string `json:"verdict"`
	} `json:"goals"`
	Pinned []string `json:"pinned"`
}

// TestSelectionRound is the lesson's main exercise, done with clicks: open
// the selection round, pin two states' scorecards side by side, choose five
// clean, quick candidates, and see the goals met at the horizon.
func TestSelectionRound(t *testing.T) {
	s := buildSite(t, "./wasm")
	p := openPage(t, serve(t, s))
	p.waitGame()
	if msg := evalJS[string](p, "window.gigasim.loadPreset('selection-round')"); msg != "" {
		t.Fatal(msg)
	}
	p.waitJS("window.gigasim.status().goals && window.gigasim.status().goals.length === 4", 10*time.Second, "the selection round's four goals")

	// scorecards of Germany and France, side by side
	for _, code := range []string{"DE", "FR"} {
		pt := evalJS[*point](p, "window.gigasim.statePoint('"+code+"')")
		p.click(pt.X+2, pt.Y+12)
		p.waitJS("window.gigasim.status().selected === '"+code+"' && window.gigasim.widget('Pin to compare') !== null", 5*time.Second, "the State tab of "+code)
		pinned := len(evalJS[classStatus](p, "window.gigasim.status()").Pinned)
		pressWidget(t, p, "Pin to compare")
		p.waitJS("window.gigasim.status().pinned.length === "+strconv.Itoa(pinned+1), 5*time.Second, "pinning "+code)
	}
	p.waitJS("window.gigasim.status().pinned.length === 2", 5*time.Second, "two pinned states")
	pressWidget(t, p, "Side by side (2)")
	p.waitJS("window.gigasim.widget('Close') !== null", 5*time.Second, "the side-by-side scorecards")
	p.screenshot("scorecards")
	pressWidget(t, p, "Close")
	// the click reaches the page at its next update: wait for it, or the
	// next selection may move the panel's buttons under the sheet's place
	p.waitJS("window.gigasim.widget('Close') === null", 5*time.Second, "the scorecards to close")

	// five candidates with clean power and quick connections
	for _, c := range []struct{ state, name string }{
		{"FR", "Gigafactory Rhône"}, {"ES", "Gigafactory Aragón"}, {"FI", "Gigafactory Oulu"},
		{"SE", "Gigafactory Norrbotten"}, {"PT", "Gigafactory Alentejo"},
	} {
		edits := gameStatus(p).Edits
		evalJS[any](p, "window.gigasim.select('"+c.state+"')")
		label := "Build candidate: " + c.name
		p.waitJS("window.gigasim.widget("+jsString(label)+") !== null", 5*time.Second, label)
		pressWidget(t, p, label)
		// the click reaches the page at its next update: wait for it before
		// the next selection moves another button under the same spot
		p.waitJS("window.gigasim.status().edits === "+strconv.Itoa(edits+1), 5*time.Second, "the build of "+c.name)
	}
	p.waitJS("window.gigasim.status().edits === 5", 10*time.Second, "five candidates built")
	p.screenshot("chosen")
	end := evalJS[classStatus](p, "window.gigasim.runTo(window.gigasim.status().horizon)")
	for _, g := range end.Goals {
		if g.Verdict != "met" {
			t.Errorf("goal %s: %s at the horizon, want met with five clean, quick sites", g.ID, g.Verdict)
		}
	}
	p.screenshot("horizon")
	t.Logf("goals at the horizon: %+v", end.Goals)
}
