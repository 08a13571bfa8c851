package game

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"gigasandbox/model"
	"gigasandbox/model/ensemble"
	"gigasandbox/model/report"
)

// rangesJobs are complete ensembles and tornadoes of presets at 16 runs,
// made once for the tests that need them filled in (the layout's).
var rangesJobs sync.Map // preset → *rangesFixture

type rangesFixture struct {
	once, tornadoOnce sync.Once
	job               *ensemble.Job
	tornado           *ensemble.TornadoJob
}

// fillRanges turns the ranges on with a complete 16-run ensemble and
// tornado of g's scenario, as if they had run in the background.
func fillRanges(t testing.TB, g *Game, withTornado bool) {
	t.Helper()
	v, _ := rangesJobs.LoadOrStore(g.sess.Name(), &rangesFixture{})
	f := v.(*rangesFixture)
	f.once.Do(func() {
		f.job = ensemble.NewJob(g.sess.Scenario(), ensemble.Config{Runs: ensemble.MinRuns, Goals: g.guide().goals})
		for !f.job.Advance(1 << 20) {
		}
	})
	if withTornado {
		f.tornadoOnce.Do(func() {
			f.tornado = ensemble.NewTornadoJob(g.sess.Scenario())
			for !f.tornado.Advance(1 << 20) {
			}
		})
	}
	if f.job.Err() != nil {
		t.Fatal(f.job.Err())
	}
	if err := g.SetRanges(true, ensemble.MinRuns); err != nil {
		t.Fatal(err)
	}
	r := &g.ranges
	r.job, r.proj = f.job, g.sess.Projection()
	if withTornado {
		r.tornado, r.tornadoProj, r.tornadoOpen = f.tornado, g.sess.Projection(), true
	}
}

// TestRangesFillIn: with the ranges on, the ensemble runs in the
// background after the projections, frame by frame, restarts after an
// edit, and complete, the bands and odds the page shows are those of
// model/ensemble's Run for the scenario; the link records the bands and N.
func TestRangesFillIn(t *testing.T) {
	g := newTestGame(t, "grid-crunch")
	if err := g.SetRanges(true, 7); err == nil {
		t.Fatal("an ensemble of 7 runs was accepted")
	}
	must(t, g.SetRanges(true, ensemble.MinRuns))
	frag, err := g.Fragment()
	must(t, err)
	if !strings.Contains(frag, "&bands=16&lang=") {
		t.Errorf("fragment %q does not record the bands", frag)
	}
	settle(t, g)
	if p := g.rangesProgress(); p == "" {
		t.Error("no progress mark before the ensemble ran")
	}
	// an edit restarts it
	g.Update()
	first := g.ranges.job
	must(t, g.sess.SetAssumption("pue", "1.25"))
	settle(t, g)
	g.Update()
	if g.ranges.job == first {
		t.Fatal("the ensemble did not restart after an edit")
	}
	for i := 0; !g.ranges.job.Done(); i++ {
		if i == 1_000_000 {
			t.Fatal("the ensemble did not complete")
		}
		g.Update()
		if done, _ := g.ranges.job.Progress(); done > 0 && done < ensemble.MinRuns && g.rangesProgress() == "" {
			t.Fatal("no progress mark while the ensemble fills in")
		}
	}
	if g.rangesProgress() != "" {
		t.Errorf("progress mark %q once complete", g.rangesProgress())
	}
	want, err := ensemble.Run(context.Background(), g.sess.Scenario(), ensemble.Config{Runs: ensemble.MinRuns, Workers: 2, Goals: g.guide().goals})
	must(t, err)
	got := g.RangesNow()
	if got.Done != ensemble.MinRuns || got.Digest == "" {
		t.Fatalf("ranges: %d runs done, digest %q", got.Done, got.Digest)
	}
	for m, metric := range ensemble.Metrics {
		b, w := got.Bands[metric.Key], want.Band(m)
		for s := range w.P10 {
			if b.P10[s] != w.P10[s] || b.P50[s] != w.P50[s] || b.P90[s] != w.P90[s] {
				t.Fatalf("%s on %s: the page's band differs from Run's", metric.Key, want.Days[s])
			}
		}
	}
	odds := want.Odds()
	if len(got.Odds) != len(odds) || len(odds) == 0 {
		t.Fatalf("%d odds on the page, Run has %d", len(got.Odds), len(odds))
	}
	for i, o := range odds {
		if got.Odds[i].Met != o.Met || got.Odds[i].Runs != o.Runs {
			t.Errorf("goal %s: the page says %d of %d, Run %d of %d", o.Goal.ID, got.Odds[i].Met, got.Odds[i].Runs, o.Met, o.Runs)
		}
		if line := g.oddsLine(i); !strings.Contains(line, "% of 16 runs") {
			t.Errorf("goal %s: odds line %q", o.Goal.ID, line)
		}
	}
	if n := len(g.Twin().Goals); n != len(odds) {
		t.Errorf("the text view has %d goals, the ensemble %d", n, len(odds))
	}
	for i, gl := range g.Twin().Goals { // the text view says the odds too
		if !strings.Contains(gl.Value, g.oddsLine(i)) {
			t.Errorf("the text view's goal %q says %q, without its odds", gl.Label, gl.Value)
		}
	}
	// off: nothing shown, nothing run, and the link forgets it
	must(t, g.SetRanges(false, 0))
	if g.odds() != nil || g.rangesProgress() != "" {
		t.Error("bands off still show odds or progress")
	}
	if frag, _ := g.Fragment(); strings.Contains(frag, "bands=") {
		t.Errorf("fragment %q with the bands off", frag)
	}
}

// TestTornadoSheet: the tornado sheet runs the sensitivity analysis while
// open and then shows each of the page's outcomes, largest swing first,
// as gigasim tornado computes them.
func TestTornadoSheet(t *testing.T) {
	g := newTestGame(t, "grid-crunch")
	fillRanges(t, g, true)
	g.frame()
	g.frame()
	ts := g.ranges.tornado.Tornadoes()
	if len(ts) == 0 {
		t.Fatal("no tornadoes")
	}
	shown := 0
	for _, tr := range ts {
		if !contains(ensemble.TornadoOutcomes, tr.Key) {
			continue
		}
		if _, ok := g.u.seen[g.tr("param."+tr.Swings[0].Param.Info().Key)]; ok || tr.Swings[0].Size() == 0 {
			shown++
		}
	}
	if shown == 0 {
		t.Errorf("the sheet shows no outcome's largest swing; widgets: %d", len(g.u.seen))
	}
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// TestModifiedBaseline: with the switch on and an assumption changed, the
// grey baseline is the baseline preset run with that assumption, and the
// comparison splits the scenario's difference from the baseline into the
// assumptions' and the policies' parts, which add up to it.
func TestModifiedBaseline(t *testing.T) {
	g := newTestGame(t, "grid-crunch")
	settle(t, g)
	plain := g.baselineSim()
	g.SetModifiedBaseline(true)
	if g.followsAssumptions() || g.baselineSim() != plain {
		t.Fatal("the modified baseline differs from the baseline with no assumption changed")
	}
	must(t, g.sess.SetAssumption("pue", "1.25"))
	settle(t, g)
	mod := g.baselineSim()
	if mod == plain || mod == nil || mod.Day() < mod.Horizon() {
		t.Fatal("no modified baseline to the horizon")
	}
	pue, _ := model.ParamByKey("pue")
	if got, want := mod.Params()[pue], int64(1250); got != want {
		t.Errorf("the modified baseline's pue is %d, want %d", got, want)
	}
	if g.baselineLabel() != g.tr("chart.baseline.mod") {
		t.Errorf("the legend says %q", g.baselineLabel())
	}
	base, m, b := report.OutcomesOf(plain), report.OutcomesOf(mod), report.OutcomesOf(g.sess.Projection().Sim())
	whole, byA, byP := report.Compare(base, b), report.Compare(base, m), report.Compare(m, b)
	moved := false
	for i := range whole {
		if byA[i].Diff+byP[i].Diff != whole[i].Diff {
			t.Errorf("%s: %d from assumptions and %d from policies do not add up to %d", whole[i].Key, byA[i].Diff, byP[i].Diff, whole[i].Diff)
		}
		moved = moved || byA[i].Diff != 0
	}
	if !moved {
		t.Error("a higher PUE moves no outcome of the baseline")
	}
	g.compareOpen = true
	g.frame()
	g.frame()
	shown := false
	for _, w := range g.Widgets() {
		shown = shown || w.Label == g.tr("compare.diff.policies")
	}
	if !shown {
		t.Error("the comparison shows no difference from policies")
	}
	g.SetModifiedBaseline(false)
	if g.baselineSim() != plain {
		t.Error("switched off, the grey line is not the plain baseline")
	}
}

// fakeWorker runs each job at once, natively, and says so a run a call.
type fakeWorker struct {
	queue  []WorkerMessage
	starts int
	broken bool
}

func (w *fakeWorker) Start(job int, sc model.Scenario, runs int, goals string) error {
	w.starts++
	gs, _, _ := report.Goals(goals)
	j := ensemble.NewJob(sc, ensemble.Config{Runs: runs, Goals: gs})
	for !j.Advance(1 << 20) {
	}
	for i := range runs {
		b, err := j.Result().RunBinary(i)
		if err != nil {
			return err
		}
		w.queue = append(w.queue, WorkerMessage{Job: job, Run: b})
	}
	w.queue = append(w.queue, WorkerMessage{Job: job, Done: true})
	return nil
}

func (w *fakeWorker) Received() []WorkerMessage {
	if w.broken {
		return []WorkerMessage{{Job: -1, Err: "the worker's wasm did not load"}}
	}
	if len(w.queue) == 0 {
		return nil
	}
	m := w.queue[0]
	w.queue = w.queue[1:]
	return []WorkerMessage{m}
}

// TestRangesInWorker: where the platform has a worker, the ensemble runs
// there and its runs fill in the page's bands and odds, which complete are
// Run's; a worker that fails hands the ensemble back to the page.
func TestRangesInWorker(t *testing.T) {
	g := newTestGame(t, "grid-crunch")
	w := &fakeWorker{}
	g.SetPlatform(Platform{Ensemble: func() EnsembleWorker { return w }})
	must(t, g.SetRanges(true, ensemble.MinRuns))
	settle(t, g)
	for i := 0; !g.ranges.job.Done(); i++ {
		if i == 1000 {
			t.Fatal("the worker's ensemble did not complete")
		}
		g.Update()
	}
	if _, ok := g.ranges.job.(*remoteRun); !ok || w.starts != 1 {
		t.Fatalf("the ensemble ran as %T, %d jobs started in the worker", g.ranges.job, w.starts)
	}
	if err := g.ranges.job.Err(); err != nil {
		t.Fatal(err)
	}
	want, err := ensemble.Run(context.Background(), g.sess.Scenario(), ensemble.Config{Runs: ensemble.MinRuns, Workers: 2, Goals: g.guide().goals})
	must(t, err)
	if got := g.RangesNow(); got.Digest != fmt.Sprintf("%016x", want.Digest()) || len(got.Odds) != len(want.Odds()) {
		t.Fatalf("the worker's ensemble: digest %s, %d odds; Run's %016x, %d", got.Digest, len(got.Odds), want.Digest(), len(want.Odds()))
	}
	// the worker breaks: the next edit's ensemble runs in the page
	w.broken = true
	must(t, g.sess.SetAssumption("pue", "1.25"))
	settle(t, g)
	g.Update()
	g.Update()
	if _, ok := g.ranges.job.(*ensemble.Job); !ok || g.ranges.worker != nil {
		t.Fatalf("after the worker failed the ensemble runs as %T", g.ranges.job)
	}
}

// TestRangesMark: a chart says how far the ensemble has got, then what
// its band is and is not, in one line.
func TestRangesMark(t *testing.T) {
	g := newTestGame(t, "grid-crunch")
	if g.rangesMark() != "" {
		t.Errorf("bands off, the charts say %q", g.rangesMark())
	}
	fillRanges(t, g, false)
	if got, want := g.rangesMark(), "P10–P90 of 16 runs, not a forecast"; got != want {
		t.Errorf("complete, the charts say %q, want %q", got, want)
	}
}
