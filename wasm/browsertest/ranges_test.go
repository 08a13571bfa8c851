//go:build !js

package browsertest

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"gigasandbox/model"
	"gigasandbox/model/ensemble"
	"gigasandbox/model/report"
)

// pageRanges is what window.gigasim.ranges() returns (game.Ranges).
type pageRanges struct {
	On   bool   `json:"on"`
	Runs int    `json:"runs"`
	Done int    `json:"done"`
	Err  string `json:"err"`
	// InWorker says the ensemble ran in the ranges' Web Worker
	InWorker bool `json:"inWorker"`
	Days     []string
	Bands    map[string]struct{ P10, P50, P90 []int64 }
	Odds     []struct {
		ID                 string
		Met, Runs, Percent int
	}
	Digest string `json:"digest"`
}

// rangesComplete waits for the page's ensemble to complete.
func rangesComplete(p *page, timeout time.Duration) pageRanges {
	p.t.Helper()
	p.waitJS(`(r => r.digest !== undefined && r.digest !== "" || r.err)(window.gigasim.ranges())`, timeout, "the ensemble to complete")
	r := evalJS[pageRanges](p, "window.gigasim.ranges()")
	if r.Err != "" {
		p.t.Fatalf("the page's ensemble failed: %s", r.Err)
	}
	return r
}

// checkRanges fails unless the page's bands and odds are those
// model/ensemble computes for the scenario, natively.
func checkRanges(t *testing.T, got pageRanges, sc model.Scenario, goals []report.Goal, runs int) {
	t.Helper()
	want, err := ensemble.Run(context.Background(), sc, ensemble.Config{Runs: runs, Workers: 2, Goals: goals})
	if err != nil {
		t.Fatal(err)
	}
	if got.Digest != fmt.Sprintf("%016x", want.Digest()) || got.Done != runs {
		t.Fatalf("the page's ensemble: %d runs, digest %s; model/ensemble: %d runs, digest %016x", got.Done, got.Digest, runs, want.Digest())
	}
	if len(got.Days) != len(want.Days) {
		t.Fatalf("the page samples %d days, model/ensemble %d", len(got.Days), len(want.Days))
	}
	for m, metric := range ensemble.Metrics {
		b, w := got.Bands[metric.Key], want.Band(m)
		for s := range w.P10 {
			if b.P10[s] != w.P10[s] || b.P50[s] != w.P50[s] || b.P90[s] != w.P90[s] {
				t.Fatalf("%s on %s: the page's band %d/%d/%d, model/ensemble's %d/%d/%d", metric.Key, want.Days[s], b.P10[s], b.P50[s], b.P90[s], w.P10[s], w.P50[s], w.P90[s])
			}
		}
	}
	odds := want.Odds()
	if len(got.Odds) != len(odds) {
		t.Fatalf("the page shows %d goals' odds, model/ensemble gives %d", len(got.Odds), len(odds))
	}
	for i, o := range odds {
		if g := got.Odds[i]; g.ID != o.Goal.ID || g.Met != o.Met || g.Runs != o.Runs || g.Percent != o.Percent() {
			t.Errorf("goal %s: the page says met in %d of %d runs (%d%%), model/ensemble %d of %d", o.Goal.ID, g.Met, g.Runs, g.Percent, o.Met, o.Runs)
		}
	}
}

// TestRangesMatchTheModel: ranges turned on in the page fill in in the
// background, and complete, the bands every chart draws and the goals'
// odds are those model/ensemble computes for the scenario; the link
// records them, and opens with the same bands in another browser.
func TestRangesMatchTheModel(t *testing.T) {
	s := buildSite(t, "./wasm")
	url := serve(t, s)
	a := openPage(t, url+"#preset=grid-crunch")
	a.waitGame()
	if msg := evalJS[string](a, "window.gigasim.setRanges(true, 16)"); msg != "" {
		t.Fatalf("setRanges: %s", msg)
	}
	if msg := evalJS[string](a, "window.gigasim.setRanges(true, 5)"); !strings.Contains(msg, "want 16 to 1024") {
		t.Fatalf("setRanges(true, 5) = %q", msg)
	}
	a.waitJS(`(r => r.done > 0 && r.done < r.runs)(window.gigasim.ranges())`, 2*time.Minute, "the ensemble filling in")
	a.screenshot("ranges-filling")
	start := time.Now()
	got := rangesComplete(a, 5*time.Minute)
	t.Logf("16 runs of grid-crunch complete %.1f s after the first was seen", time.Since(start).Seconds())
	a.framesPass(3)
	a.screenshot("ranges")
	if !got.InWorker {
		t.Error("the page ran its ensemble in its own thread, not in the ranges' Web Worker")
	}
	sc, err := model.Preset("grid-crunch")
	if err != nil {
		t.Fatal(err)
	}
	goals, _, _ := report.Goals("grid-crunch")
	checkRanges(t, got, sc, goals, 16)

	addr := evalJS[string](a, "window.gigasim.link()")
	if !strings.Contains(addr, "&bands=16") {
		t.Fatalf("link() = %q, want &bands=16 in it", addr)
	}
	b := startBrowser(t).newPage().navigate(addr)
	b.waitGame()
	if other := rangesComplete(b, 5*time.Minute); other.Digest != got.Digest {
		t.Fatalf("the link opened with digest %s, the sender's %s", other.Digest, got.Digest)
	}
}

// TestRangesSpeed measures a 64-run ensemble of the baseline in the page:
// how long it takes to complete, paused and while playing at a year a
// second, and the frame rate meanwhile, against the frame rate without it;
// in the ranges' Web Worker and in the page's own thread, in turns, each
// in a page of its own, so that both meet the same load. It asserts
// nothing about speed (docs/performance.md records the figures) and runs
// only with GIGASIM_MEASURE_FPS=1.
func TestRangesSpeed(t *testing.T) {
	if os.Getenv("GIGASIM_MEASURE_FPS") == "" {
		t.Skip("set GIGASIM_MEASURE_FPS=1 to measure the ensemble in the page (two minutes)")
	}
	s := buildSite(t, "./wasm")
	url := serve(t, s)
	for round := range 2 {
		for _, inPage := range []bool{false, true} {
			// each in a browser of its own, closed at the end of its subtest
			t.Run(fmt.Sprintf("round%d-inPage=%v", round+1, inPage), func(t *testing.T) { measureRanges(t, url, round, inPage) })
		}
	}
}

// measureRanges is one of TestRangesSpeed's measures.
func measureRanges(t *testing.T, url string, round int, inPage bool) {
	p := startBrowser(t).newPage().addInitScript(rafCounter).addInitScript(frameGaps).navigate(url)
	p.waitGame()
	p.waitJS("window.gigasim.status().projected", time.Minute, "the projections")
	time.Sleep(time.Second)
	idle := framesOver(p, 3*time.Second)
	where := "in the worker"
	if inPage {
		where = "in the page's thread"
	}
	for i, playing := range []bool{false, true} {
		evalJS[status](p, "window.gigasim.runTo(0)")
		// a new scenario each time, whose ensemble is not yet run
		if i > 0 {
			evalJS[any](p, "window.gigasim.setRanges(false, 64)")
			if msg := evalJS[string](p, "window.gigasim.command("+jsString(`{"kind":"lever","lever":"voucher_share","value":"0.1"}`)+")"); msg != "" {
				t.Fatal(msg)
			}
			p.waitJS("window.gigasim.status().projected", time.Minute, "the projections")
		}
		what := "paused"
		if playing {
			what = "playing at a year a second"
			evalJS[any](p, "window.gigasim.setSpeed(3)")
			evalJS[any](p, "window.gigasim.play()")
		}
		time.Sleep(time.Second)
		evalJS[any](p, "Object.assign(window.__gaps, {late: 0, longestMs: 0, last: 0})")
		f0, st0 := evalJS[float64](p, "window.__frames"), gameStatus(p)
		t0 := time.Now()
		evalJS[any](p, fmt.Sprintf("window.gigasim.setRanges(true, 64, %v)", inPage))
		r := rangesComplete(p, 10*time.Minute)
		secs := time.Since(t0).Seconds()
		f1, st1 := evalJS[float64](p, "window.__frames"), gameStatus(p)
		g := evalJS[gaps](p, "window.__gaps")
		if r.InWorker == inPage {
			t.Fatalf("asked to run %s, the ensemble ran in a worker: %v", where, r.InWorker)
		}
		t.Logf("round %d, %s, %s: 64 runs of the baseline complete in %.1f s (digest %s); meanwhile %.1f browser frames/s (%.1f idle before), %.1f drawn; %d gaps between frames over 25 ms, the longest %.0f ms; Go time per update %.2f ms (the longest of the last 60 %.1f)",
			round+1, where, what, secs, r.Digest, (f1-f0)/secs, idle, float64(st1.Frames-st0.Frames)/secs, g.Late, g.LongestMs, st1.UpdateMs, st1.UpdateMaxMs)
		evalJS[any](p, "window.gigasim.pause()")
	}
}
