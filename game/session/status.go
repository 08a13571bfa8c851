package session

import (
	"fmt"

	"gigasandbox/model"
)

// Status is what the automation API (window.gigasim.status() in the page)
// reports: enough for a test or a course page to know where the run is.
// Every figure comes from the model.
type Status struct {
	Scenario    string `json:"scenario"`
	Day         int    `json:"day"`  // days simulated so far (the next day to run)
	Date        string `json:"date"` // the date of Day, YYYY-MM-DD
	Horizon     int    `json:"horizon"`
	StateHash   string `json:"stateHash"` // as `gigasim run --hash --days Day` prints it
	Sites       int    `json:"sites"`     // sites not removed
	ChipsActive int64  `json:"chipsActive"`
	FundLeftEUR int64  `json:"fundLeftEUR"`
	Edits       int    `json:"edits"` // the user's commands
}

// Status reports the session's position. It hashes the whole state, so call
// it when asked, not every frame.
func (s *Session) Status() Status {
	sim := s.sim
	st := Status{
		Scenario:    s.name,
		Day:         int(sim.Day()),
		Date:        sim.Day().String(),
		Horizon:     int(sim.Horizon()),
		StateHash:   HashOf(sim),
		FundLeftEUR: sim.Ledger().FundLeft.Euros(),
		Edits:       len(s.edits),
	}
	for _, si := range sim.Sites() {
		if si.Status != model.SiteRemoved {
			st.Sites++
		}
		st.ChipsActive += int64(si.Chips[model.ChipActive])
	}
	return st
}

// HashOf formats a simulation's state hash as the CLI prints it.
func HashOf(sim *model.Sim) string { return fmt.Sprintf("%016x", sim.StateHash()) }
