package model

// SetG2G signs (or ends) a government-to-government agreement with a
// state, which doubles its Tier 2 chip cap.
type SetG2G struct {
	State StateID
	On    bool
}

func (SetG2G) Kind() Kind { return KindG2G }

func g2gFromWire(w *wireCommand) (Op, error) {
	st, err := ParseState(w.State)
	return SetG2G{State: st, On: w.On}, err
}

func (o SetG2G) toWire(w *wireCommand) {
	w.Kind, w.State, w.On = KindG2G.String(), o.State.Code(), o.On
}

func (o SetG2G) validate(Day, int32) error { return o.State.validate(false) }

func (o SetG2G) check(*rules, *Command) *CommandError { return nil }

func (o SetG2G) note(*rules) {}

func (o SetG2G) run(s *Sim) { s.g2g[o.State.Index()] = o.On }
