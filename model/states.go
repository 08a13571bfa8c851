package model

import (
	"errors"
	"fmt"

	"gigasandbox/assets"
)

// NumStates is the number of member states.
const NumStates = 27

// memberStates is the embedded state table, in EU protocol order. It is
// read once; the simulation only reads it.
var memberStates = mustStates()

func mustStates() [NumStates]assets.State {
	list, err := assets.States()
	if err != nil {
		panic("model: embedded states.csv is broken: " + err.Error())
	}
	if len(list) != NumStates {
		panic(fmt.Sprintf("model: embedded states.csv has %d states, want %d", len(list), NumStates))
	}
	var a [NumStates]assets.State
	copy(a[:], list)
	return a
}

// States returns the member states' static data, in EU protocol order; the
// index of a state in this list is its index everywhere in the model.
func States() []assets.State {
	out := make([]assets.State, NumStates)
	copy(out, memberStates[:])
	return out
}

// stateIndex finds a member state by its code.
func stateIndex(code string) (int, error) {
	for i := range memberStates {
		if memberStates[i].Code == code {
			return i, nil
		}
	}
	if code == "GR" {
		return 0, fmt.Errorf(`unknown member state "GR" (Greece is EL)`)
	}
	return 0, fmt.Errorf("unknown member state %q", code)
}

// StateCode returns the code of the state with index i.
func StateCode(i int) string { return memberStates[i].Code }

// StateID names a member state: 1 + its index in States(). The zero value
// is NoState.
type StateID uint8

// NoState is no state: a move that keeps the site's state, a grid crunch in
// every state.
const NoState StateID = 0

// StateAt is the state with index i in States().
func StateAt(i int) StateID { return StateID(i + 1) }

// Index is the state's index in States(), -1 for NoState.
func (s StateID) Index() int { return int(s) - 1 }

// ParseState finds a member state by its code ("EL" for Greece).
func ParseState(code string) (StateID, error) {
	i, err := stateIndex(code)
	if err != nil {
		return NoState, err
	}
	return StateAt(i), nil
}

// Code is the state's code, "" for NoState.
func (s StateID) Code() string {
	if s < 1 || s > NumStates {
		return ""
	}
	return memberStates[s-1].Code
}

// validate checks that s is a member state (or NoState, when none is
// allowed).
func (s StateID) validate(noneOK bool) error {
	if (s == NoState && noneOK) || (s >= 1 && s <= NumStates) {
		return nil
	}
	if s == NoState {
		return errors.New("no member state given")
	}
	return fmt.Errorf("state %d is not a member state (1 to %d)", s, NumStates)
}

// MustState is ParseState for a code known to be right, such as a literal
// in a test; it panics on an unknown code.
func MustState(code string) StateID {
	st, err := ParseState(code)
	if err != nil {
		panic(err)
	}
	return st
}

// MarshalText writes the state's code.
func (s StateID) MarshalText() ([]byte, error) { return []byte(s.Code()), nil }

// UnmarshalText reads a state's code.
func (s *StateID) UnmarshalText(b []byte) error {
	st, err := ParseState(string(b))
	*s = st
	return err
}
