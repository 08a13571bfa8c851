package model

import (
	"errors"
	"fmt"
)

// SetLever pulls a policy lever: Value is in the lever's stored units (see
// Lever).
type SetLever struct {
	Lever LeverID
	Value int32
}

func (SetLever) Kind() Kind { return KindLever }

func leverFromWire(w *wireCommand) (Op, error) {
	id, ok := LeverByName(w.Lever)
	if !ok {
		return nil, fmt.Errorf("unknown lever %q (want one of %s)", w.Lever, leverList())
	}
	v, err := id.Parse(w.Value)
	return SetLever{Lever: id, Value: v}, err
}

func (o SetLever) toWire(w *wireCommand) {
	w.Kind, w.Lever, w.Value = KindLever.String(), o.Lever.String(), o.Lever.Format(o.Value)
}

func (o SetLever) validate(Day, int32) error {
	if o.Lever >= NumLevers {
		return errors.New("no such lever")
	}
	if !o.Lever.inRange(o.Value) {
		return fmt.Errorf("lever %s: %s out of range", o.Lever, o.Lever.Format(o.Value))
	}
	return nil
}

func (o SetLever) check(r *rules, c *Command) *CommandError {
	eu, host := o.shares(r)
	if eu+host > 1000 {
		return refuse(c, RefusedShares, fmt.Errorf("eu_share %s + host_share %s would be more than 1: lower the other first", FormatDecimal(int64(eu), 1000), FormatDecimal(int64(host), 1000)))
	}
	return nil
}

// shares are the co-funding shares once the lever is pulled.
func (o SetLever) shares(r *rules) (eu, host Share) {
	eu, host = r.eu, r.host
	switch o.Lever {
	case LeverEUShare:
		eu = Share(o.Value)
	case LeverHostShare:
		host = Share(o.Value)
	}
	return eu, host
}

func (o SetLever) note(r *rules) { r.eu, r.host = o.shares(r) }

func (o SetLever) run(s *Sim) {
	s.levers.set(o.Lever, o.Value)
	if o.Lever == LeverDemandGrowth {
		s.dem.setGrowth(s)
	}
}
