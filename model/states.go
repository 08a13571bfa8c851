package model

import (
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
