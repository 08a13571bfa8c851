package session

import "gigasandbox/model"

// Projection runs a copy of a scenario to its horizon a slice at a time, so
// the page can show the whole future of the current scenario after every
// edit without dropping a frame. It is a pure function of the scenario: its
// days before the live run's day are the live run's days.
type Projection struct {
	sim *model.Sim
	err error
	// pending is the scenario to build sim from on the first Advance, in
	// old's memory: building is a slice's work too, not the edit's.
	pending *model.Scenario
	old     *model.Sim
}

// NewProjection starts a projection of sc at day 0.
func NewProjection(sc model.Scenario) *Projection {
	sim, err := model.New(sc)
	return &Projection{sim: sim, err: err}
}

// Restart returns a projection of sc that starts at day 0 on its first
// Advance, in the memory of p, which is not to be read again
// (model.NewFrom): an edit's projection then allocates next to nothing,
// and the edit itself does none of its work. p may be nil.
func (p *Projection) Restart(sc model.Scenario) *Projection {
	var old *model.Sim
	if p != nil {
		old = p.sim
		if old == nil {
			old = p.old // never built: pass its memory on
		}
		p.sim, p.old = nil, nil
	}
	return &Projection{pending: &sc, old: old}
}

// Advance simulates up to n more days and reports whether the projection
// has reached the horizon (or stopped on an error). A restarted
// projection's first Advance builds it at day 0 and simulates nothing.
func (p *Projection) Advance(n int) bool {
	if p.pending != nil {
		p.sim, p.err = model.NewFrom(*p.pending, p.old)
		p.pending, p.old = nil, nil
		return p.Done()
	}
	for range n {
		if p.Done() {
			return true
		}
		if p.err = p.sim.Step(); p.err != nil {
			return true
		}
	}
	return p.Done()
}

// Done reports whether the projection is complete or has failed.
func (p *Projection) Done() bool {
	return p.pending == nil && (p.err != nil || p.sim == nil || p.sim.Day() >= p.sim.Horizon())
}

// Err is why the projection stopped early, if it did.
func (p *Projection) Err() error {
	if p == nil {
		return nil
	}
	return p.err
}

// Sim is the projection's simulation; read it only. Nil if the scenario
// did not validate, before a restarted projection's first Advance, or for
// a nil projection (none shown yet).
func (p *Projection) Sim() *model.Sim {
	if p == nil {
		return nil
	}
	return p.sim
}
