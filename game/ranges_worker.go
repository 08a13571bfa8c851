package game

import (
	"errors"

	"gigasandbox/model"
	"gigasandbox/model/ensemble"
)

// EnsembleWorker runs the ranges' ensemble off the page's thread: in the
// browser, a Web Worker running the model-only program wasm/ensworker
// (Go's WebAssembly has one thread; docs/performance.md measures what the
// worker gives). Platform.Ensemble makes one; without it the ensemble runs
// in the page's own frames (ensemble.Job).
type EnsembleWorker interface {
	// Start asks for the ensemble of sc, of runs runs, judging the goals
	// of the preset named goals (none for another name), numbered job: it
	// replaces the job under way.
	Start(job int, sc model.Scenario, runs int, goals string) error
	// Received is what the worker has said since the last call.
	Received() []WorkerMessage
}

// WorkerMessage is one message of an EnsembleWorker.
type WorkerMessage struct {
	Job  int    // the job it is of; -1 for the worker itself (it failed)
	Run  []byte // a finished run (ensemble.Result.RunBinary)
	Done bool   // the job is complete
	Err  string // why the job, or the worker, failed
}

// ensembleRun is the ensemble behind the bands: run in the page's frames
// (*ensemble.Job) or in a worker (*remoteRun).
type ensembleRun interface {
	Progress() (done, of int)
	Result() *ensemble.Result
	Done() bool
	Err() error
}

// remoteRun is an ensemble a worker runs: its runs come back one by one
// into a result whose draws the page made itself (ensemble.Empty).
type remoteRun struct {
	job  int
	res  *ensemble.Result
	done bool
	err  error
}

func (r *remoteRun) Progress() (int, int) {
	if r.res == nil {
		return 0, 0
	}
	return r.res.Held(), r.res.Runs()
}

func (r *remoteRun) Result() *ensemble.Result { return r.res }
func (r *remoteRun) Done() bool               { return r.done || r.err != nil }
func (r *remoteRun) Err() error               { return r.err }

// receive takes the worker's messages about this job.
func (r *remoteRun) receive(msgs []WorkerMessage) {
	for _, m := range msgs {
		if m.Job != r.job || r.Done() {
			continue
		}
		switch {
		case m.Err != "":
			r.err = errors.New(m.Err)
		case m.Run != nil:
			r.err = r.res.AddRunBinary(m.Run)
		case m.Done:
			r.done = true
			if r.res.Held() != r.res.Runs() {
				r.err = errors.New("the ensemble's worker finished without every run")
			}
		}
	}
}

// ensembleWorker is the platform's worker, made on first use; nil where
// there is none, or once it has failed.
func (g *Game) ensembleWorker() EnsembleWorker {
	r := &g.ranges
	if !r.workerTried {
		r.workerTried = true
		if g.platform.Ensemble != nil {
			r.worker = g.platform.Ensemble()
		}
	}
	return r.worker
}

// RangesInPage makes the page run its ensembles in its own frames from
// now on, not in its worker (which is let go): the browser tests measure
// the one against the other.
func (g *Game) RangesInPage() {
	r := &g.ranges
	r.worker, r.workerTried, r.proj = nil, true, nil
}

// startRemote starts sc's ensemble in the worker; the page makes the
// draws (they check the scenario and size the result).
func (g *Game) startRemote(w EnsembleWorker, sc model.Scenario, cfg ensemble.Config) *remoteRun {
	r := &g.ranges
	r.jobs++
	rr := &remoteRun{job: r.jobs}
	rr.res, rr.err = ensemble.Empty(sc, cfg)
	if rr.err == nil {
		rr.err = w.Start(rr.job, sc, cfg.Runs, g.sess.Name())
	}
	return rr
}

// workerFailed reports whether the worker said it cannot go on; the
// ensemble then runs in the page from the next frame.
func workerFailed(msgs []WorkerMessage) bool {
	for _, m := range msgs {
		if m.Job == -1 {
			return true
		}
	}
	return false
}
