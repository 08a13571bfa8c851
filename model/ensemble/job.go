package ensemble

import (
	"gigasandbox/model"
	"gigasandbox/model/report"
)

// batch runs a list of scenarios to their horizons one after another, a
// slice of days at a time, on one goroutine: the page's way to run an
// ensemble within its frames (Go's WebAssembly has one thread).
type batch struct {
	scs   []model.Scenario
	next  int        // the run under way or next to start
	sim   *model.Sim // the run under way; nil between runs
	spare *model.Sim // a finished run, whose memory the next takes
	err   error
	// finish is called with each run at its horizon, by index in scs.
	finish func(i int, sim *model.Sim)
}

// advance does up to n units of work, a unit being a day simulated or a
// run built, and reports whether the batch is complete or failed.
func (b *batch) advance(n int) bool {
	for ; n > 0 && !b.done(); n-- {
		if b.sim == nil {
			b.sim, b.err = model.NewFrom(b.scs[b.next], b.spare)
			b.spare = nil
		} else {
			b.err = b.sim.Step()
		}
		if b.err == nil && b.sim.Day() >= b.sim.Horizon() {
			b.finish(b.next, b.sim)
			b.spare, b.sim = b.sim, nil
			b.next++
		}
	}
	return b.done()
}

func (b *batch) done() bool { return b.err != nil || b.next >= len(b.scs) }

// memory is a run whose memory the next batch may take (model.NewFrom).
func (b *batch) memory() *model.Sim {
	if b.sim != nil {
		return b.sim
	}
	return b.spare
}

// Job is an ensemble run a slice at a time, for a page that must keep
// drawing frames: Advance does a bounded amount of work, and Result gives
// the bands and odds of the runs finished so far. Complete, its result is
// Run's with the same scenario and config, bit for bit (it takes no
// Workers or Progress: the caller asks Progress). After an edit, Restart
// starts the new scenario's job in this one's memory.
type Job struct {
	sc      model.Scenario
	cfg     Config
	pending bool // the draws are still to be made (the first Advance)
	from    int  // the first run of the config's shard
	res     *Result
	b       batch
}

// NewJob makes the ensemble job of sc. It does no work: the draws are made
// by the first Advance.
func NewJob(sc model.Scenario, cfg Config) *Job {
	return &Job{sc: sc, cfg: cfg, pending: true}
}

// Restart returns the job of sc in the memory of j, which is not to be
// used again. j may be nil.
func (j *Job) Restart(sc model.Scenario, cfg Config) *Job {
	nj := NewJob(sc, cfg)
	if j != nil {
		nj.b.spare = j.b.memory()
		j.b.sim, j.b.spare = nil, nil
	}
	return nj
}

// Advance does up to n units of work, a unit being a day of one run
// simulated, a run built, or (the first time) the draws made, and reports
// whether the job is complete or has failed (Err).
func (j *Job) Advance(n int) bool {
	if j.pending {
		j.pending = false
		size := j.cfg.runs()
		from, to, err := j.cfg.span(size)
		if err != nil {
			j.b.err = err
			return true
		}
		draws, varied, err := DrawsVaried(j.sc, size, j.cfg.Vary)
		if err != nil {
			j.b.err = err
			return true
		}
		j.res = newResult(j.sc, draws, varied, j.cfg.Goals)
		j.from = from
		j.b.scs = draws[from:to]
		j.b.finish = func(i int, sim *model.Sim) { j.res.keep(j.from+i, sim) }
		n--
	}
	return j.b.advance(n)
}

// Done reports whether the job is complete or has failed.
func (j *Job) Done() bool { return !j.pending && j.b.done() }

// Err is why the job stopped, if it failed: the scenario or the config
// does not make an ensemble, or a run refused to go on.
func (j *Job) Err() error { return j.b.err }

// Progress is how many runs are finished, of how many.
func (j *Job) Progress() (done, of int) {
	if j.pending {
		return 0, j.cfg.runs()
	}
	return j.b.next, len(j.b.scs)
}

// Result is the runs finished so far (all of them once Done without Err);
// nil before the first Advance or if the draws failed. It is the job's
// own: read it only, and not after a Restart.
func (j *Job) Result() *Result { return j.res }

// Scenario is the scenario the job runs.
func (j *Job) Scenario() model.Scenario { return j.sc }

// TornadoJob is Sensitivity a slice at a time, as Job is Run.
type TornadoJob struct {
	sc      model.Scenario
	pending bool
	varied  []model.Param
	rows    [][]report.CompareRow
	b       batch
}

// NewTornadoJob makes the sensitivity job of sc; the first Advance makes
// its runs.
func NewTornadoJob(sc model.Scenario) *TornadoJob { return &TornadoJob{sc: sc, pending: true} }

// Restart returns the job of sc in the memory of t, which is not to be
// used again. t may be nil.
func (t *TornadoJob) Restart(sc model.Scenario) *TornadoJob {
	nt := NewTornadoJob(sc)
	if t != nil {
		nt.b.spare = t.b.memory()
		t.b.sim, t.b.spare = nil, nil
	}
	return nt
}

// Advance does up to n units of work, as Job.Advance.
func (t *TornadoJob) Advance(n int) bool {
	if t.pending {
		t.pending = false
		scs, varied, err := sensitivityRuns(t.sc)
		if err != nil {
			t.b.err = err
			return true
		}
		t.varied, t.rows = varied, make([][]report.CompareRow, len(scs))
		t.b.scs = scs
		t.b.finish = func(i int, sim *model.Sim) { t.rows[i] = headlineOf(sim) }
		n--
	}
	return t.b.advance(n)
}

// Done reports whether the job is complete or has failed.
func (t *TornadoJob) Done() bool { return !t.pending && t.b.done() }

// Err is why the job stopped, if it failed.
func (t *TornadoJob) Err() error { return t.b.err }

// Progress is how many runs are finished, of how many (0 of 0 before the
// first Advance).
func (t *TornadoJob) Progress() (done, of int) { return t.b.next, len(t.b.scs) }

// Tornadoes is Sensitivity's result once the job is complete; nil before,
// or if it failed.
func (t *TornadoJob) Tornadoes() []Tornado {
	if !t.Done() || t.b.err != nil {
		return nil
	}
	return tornadoes(t.rows, t.varied)
}
