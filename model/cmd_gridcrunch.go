package model

import "fmt"

// GridCrunch cuts the power a state's grid grants (or every state's, for
// NoState) by Share for Days days: an event of a preset or a
// teacher's exercise.
type GridCrunch struct {
	State StateID
	Share Share
	Days  int32
}

func (GridCrunch) Kind() Kind { return KindGridCrunch }

func gridCrunchFromWire(w *wireCommand) (Op, error) {
	o := GridCrunch{State: NoState, Share: w.Share, Days: w.Days}
	if w.State != "" {
		st, err := ParseState(w.State)
		if err != nil {
			return nil, err
		}
		o.State = st
	}
	return o, nil
}

func (o GridCrunch) toWire(w *wireCommand) {
	w.Kind, w.Share, w.Days = KindGridCrunch.String(), o.Share, o.Days
	if o.State != NoState {
		w.State = o.State.Code()
	}
}

func (o GridCrunch) validate(Day, int32) error {
	if err := o.State.validate(true); err != nil {
		return err
	}
	if o.Share < 1 || o.Share > 1000 {
		return fmt.Errorf("share %s out of range (0, 1]", FormatDecimal(int64(o.Share), 1000))
	}
	if o.Days < 1 || o.Days > MaxDays {
		return fmt.Errorf("days %d out of range [1, %d]", o.Days, MaxDays)
	}
	return nil
}

func (o GridCrunch) check(*rules, *Command) *CommandError { return nil }

func (o GridCrunch) note(*rules) {}

func (o GridCrunch) run(s *Sim) {
	for st := range s.grid {
		if o.State != NoState && StateAt(st) != o.State {
			continue
		}
		s.grid[st].crunch = Permille(o.Share)
		s.grid[st].crunchEnd = s.day + Day(o.Days)
		s.say(s.day, MsgCrunch, 0, st, int64(o.Share), int64(s.day+Day(o.Days)))
	}
}
