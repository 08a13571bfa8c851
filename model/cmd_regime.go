package model

import "errors"

// SetRegime puts a US export-control regime in force.
type SetRegime struct {
	Regime Regime
}

func (SetRegime) Kind() Kind { return KindRegime }

func regimeFromWire(w *wireCommand) (Op, error) {
	if w.Regime == nil {
		return nil, errors.New(`"regime" is missing`)
	}
	return SetRegime{Regime: *w.Regime}, nil
}

func (o SetRegime) toWire(w *wireCommand) {
	w.Kind = KindRegime.String()
	r := o.Regime
	w.Regime = &r
}

func (o SetRegime) validate(Day, int32) error {
	_, err := compileRegime(o.Regime)
	return err
}

func (o SetRegime) check(*rules, *Command) *CommandError { return nil }

func (o SetRegime) note(*rules) {}

func (o SetRegime) run(s *Sim) {
	s.reg, _ = compileRegime(o.Regime)
	s.say(s.day, MsgRegime, 0, -1, 0, 0)
}
