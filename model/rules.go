package model

import (
	"fmt"
	"slices"
)

// Refusal says why a command cannot run. The page turns it into a sentence
// in the user's language; the command-line runner prints CommandError's
// English text.
type Refusal uint8

// Refusals.
const (
	RefusedInvalid Refusal = iota + 1 // a field is missing or out of range (Err says which)
	RefusedNoSite                     // the site does not exist (yet)
	RefusedRemoved                    // the site was removed
	RefusedStarted                    // a move to another state after construction started
	RefusedSites                      // one site more than MaxSites
	RefusedChips                      // more chips in all sites than MaxTotalChips
	RefusedShares                     // eu_share + host_share would be more than 1
)

var refusalNames = [...]string{"", "invalid", "no such site", "site removed", "construction started", "too many sites", "too many chips", "shares over 1"}

func (r Refusal) String() string {
	if int(r) < len(refusalNames) && r > 0 {
		return refusalNames[r]
	}
	return fmt.Sprintf("Refusal(%d)", uint8(r))
}

// CommandError is why a command cannot run on its day. Scenario.Validate
// returns one for the first command of a scenario that would fail, so a
// scenario that validates runs to its horizon without a refusal; Sim.Apply
// returns one for a command applied live.
type CommandError struct {
	// Index is the command's place in Scenario.Commands, from 0; -1 for a
	// command given to Apply.
	Index   int
	Command Command
	Refusal Refusal
	// Site is the site the command names (RefusedNoSite, RefusedRemoved,
	// RefusedStarted).
	Site SiteID
	// SiteName and State describe the site the command names, when it
	// exists (State is where it stands, for RefusedStarted).
	SiteName string
	State    string
	// Limit is the limit the command would pass (RefusedSites,
	// RefusedChips).
	Limit int64
	// Err says what is wrong, in English.
	Err error
}

func (e *CommandError) Error() string {
	if e.Index < 0 {
		return fmt.Sprintf("%s command: %v", e.Command.KindName(), e.Err)
	}
	return fmt.Sprintf("scenario: command %d (%s, %s): %v", e.Index+1, e.Command.KindName(), e.Command.Day, e.Err)
}

func (e *CommandError) Unwrap() error { return e.Err }

// rules decide whether a command can run when its day comes. They hold
// what a command's fate depends on — the sites so far, whether each was
// removed or has started building, the co-funding shares, the totals —
// and nothing of the physics. A Sim keeps rules as it runs and asks them
// before it applies a command; Scenario.Validate walks rules through the
// scenario's commands. One check for both means a scenario that validates
// never meets a command that fails on its day.
type rules struct {
	sites    []ruleSite
	chips    int64 // in all sites ever created, removed ones included
	eu, host Share
}

type ruleSite struct {
	name     string
	state    StateID
	start    Day
	existing bool
	removed  bool
}

func newRules(sc *Scenario) rules {
	r := rules{eu: sc.Levers.EUShare, host: sc.Levers.HostShare}
	for i := range sc.Sites {
		r.addSite(&sc.Sites[i])
	}
	return r
}

// clone is a copy that can be changed without changing r.
func (r *rules) clone() rules {
	c := *r
	c.sites = slices.Clone(r.sites)
	return c
}

func (r *rules) addSite(sp *SiteSpec) {
	r.sites = append(r.sites, ruleSite{name: sp.Name, state: sp.State, start: sp.Start, existing: sp.Existing})
	r.chips += int64(sp.Chips)
}

// check reports whether c, whose fields are valid, can run now. It
// changes nothing.
func (r *rules) check(c *Command) *CommandError { return c.Op.check(r, c) }

// apply records the effect of c, which check has passed.
func (r *rules) apply(c *Command) { c.Op.note(r) }
