package model

import "fmt"

// InvestGrid pays for MW of new grid capacity in a state, ready after the
// grid's lead time.
type InvestGrid struct {
	State StateID
	MW    int64
}

func (InvestGrid) Kind() Kind { return KindInvestGrid }

func investGridFromWire(w *wireCommand) (Op, error) {
	st, err := ParseState(w.State)
	return InvestGrid{State: st, MW: w.MW}, err
}

func (o InvestGrid) toWire(w *wireCommand) {
	w.Kind, w.State, w.MW = KindInvestGrid.String(), o.State.Code(), o.MW
}

func (o InvestGrid) validate(Day, int32) error {
	if err := o.State.validate(false); err != nil {
		return err
	}
	if o.MW < 1 || o.MW > MaxGridInvestMW {
		return fmt.Errorf("mw %d out of range [1, %d]", o.MW, MaxGridInvestMW)
	}
	return nil
}

func (o InvestGrid) check(*rules, *Command) *CommandError { return nil }

func (o InvestGrid) note(*rules) {}

func (o InvestGrid) run(s *Sim) {
	w := Watts(o.MW) * 1000000
	cost := EuroCents(o.MW * 1000 * s.params[ParamGridInvestEURPerKW] * 100)
	s.ledger.GridInvest += cost
	g := &s.grid[o.State.Index()]
	g.investments = append(g.investments, gridInvestment{ready: s.day + Day(s.params[ParamGridInvestDays]), w: w})
}
