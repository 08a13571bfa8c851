package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Command is one day-stamped change to a running scenario: a user's click, a
// line of a scenario file or an event of a preset all travel as commands.
// What it does is its Op, one of a closed set of types, each in a file of
// its own (cmd_*.go) beside its rules and its effect.
type Command struct {
	Day Day
	Op  Op
}

// Op is what a command does. The set is closed: only this package's types
// implement it (BuildSite, RemoveSite, MoveSite, SetLever, SetRegime,
// SetG2G, SetVEU, InvestGrid, GridCrunch). Its values are typed: text is
// parsed once, when a command is read from JSON or a link.
type Op interface {
	// Kind names the op.
	Kind() Kind
	// validate checks the op's fields without looking at a run: the
	// command is on day, in a run of days days.
	validate(day Day, days int32) error
	// check reports why the op cannot run now, given the rules so far
	// (nil if it can). It changes nothing.
	check(r *rules, c *Command) *CommandError
	// note records the op's effect on the rules.
	note(r *rules)
	// run carries the op out on the simulation, after note.
	run(s *Sim)
	// toWire writes the op's fields in the scenario file's form.
	toWire(w *wireCommand)
}

// Kind names a type of command.
type Kind uint8

// Command kinds. Their order is the kinds table's; values are not stored
// anywhere (files write the name, links their own frozen codes).
const (
	KindBuild      Kind = iota + 1 // BuildSite: a new site
	KindRemove                     // RemoveSite: remove a site, retiring its chips
	KindMove                       // MoveSite: move a site (to another state before construction)
	KindLever                      // SetLever: pull a policy lever
	KindRegime                     // SetRegime: change the US export-control regime
	KindG2G                        // SetG2G: a government-to-government agreement
	KindVEU                        // SetVEU: a site becomes (or stops being) a validated end user
	KindInvestGrid                 // InvestGrid: pay for grid capacity in a state
	KindGridCrunch                 // GridCrunch: a grid crunch in one state or all
)

// kinds is the one table of command kinds: the name a scenario file writes
// and how its fields are read. A new kind is a row here and a file cmd_*.go.
var kinds = [...]struct {
	name     string
	fromWire func(w *wireCommand) (Op, error)
}{
	KindBuild:      {"build", buildFromWire},
	KindRemove:     {"remove", removeFromWire},
	KindMove:       {"move", moveFromWire},
	KindLever:      {"lever", leverFromWire},
	KindRegime:     {"regime", regimeFromWire},
	KindG2G:        {"g2g", g2gFromWire},
	KindVEU:        {"veu", veuFromWire},
	KindInvestGrid: {"invest-grid", investGridFromWire},
	KindGridCrunch: {"grid-crunch", gridCrunchFromWire},
}

// String is the kind's name in a scenario file ("build").
func (k Kind) String() string {
	if k > 0 && int(k) < len(kinds) {
		return kinds[k].name
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Kinds lists every command kind, in the table's order.
func Kinds() []Kind {
	out := make([]Kind, 0, len(kinds)-1)
	for k := Kind(1); int(k) < len(kinds); k++ {
		out = append(out, k)
	}
	return out
}

// KindByName finds a kind by its name in a scenario file.
func KindByName(name string) (Kind, bool) {
	for k := Kind(1); int(k) < len(kinds); k++ {
		if kinds[k].name == name {
			return k, true
		}
	}
	return 0, false
}

// Kind is the command's kind, or 0 for a command without an op.
func (c *Command) Kind() Kind {
	if c.Op == nil {
		return 0
	}
	return c.Op.Kind()
}

// KindName is the kind's name in a scenario file, as read for a command
// whose kind is unknown.
func (c *Command) KindName() string {
	if o, ok := c.Op.(invalidOp); ok {
		return o.w.Kind
	}
	if c.Op == nil {
		return ""
	}
	return c.Op.Kind().String()
}

// String is the command as a scenario file writes it, for logs and tests.
func (c Command) String() string {
	b, err := c.MarshalJSON()
	if err != nil {
		return fmt.Sprintf("command on %s: %v", c.Day, err)
	}
	return string(b)
}

// validate checks a command's fields without looking at the simulation.
func (c *Command) validate(days int32) error {
	if c.Op == nil {
		return errors.New(`"kind" is missing`)
	}
	return c.Op.validate(c.Day, days)
}

// wireCommand is a command as a scenario file writes it: one object with a
// "kind" and the fields that kind uses. It is the JSON edge: commands are
// read through it once and then travel typed.
type wireCommand struct {
	Day    Day       `json:"day"`
	Kind   string    `json:"kind"`
	Site   SiteID    `json:"site,omitempty"`
	Build  *SiteSpec `json:"build,omitempty"`
	Lever  string    `json:"lever,omitempty"`
	Value  string    `json:"value,omitempty"`
	Regime *Regime   `json:"regime,omitempty"`
	State  string    `json:"state,omitempty"`
	On     bool      `json:"on,omitempty"`
	MW     int64     `json:"mw,omitempty"`
	Share  Share     `json:"share,omitempty"`
	Days   int32     `json:"days,omitempty"`
	Lon    Degrees   `json:"lon,omitempty"`
	Lat    Degrees   `json:"lat,omitempty"`
}

// MarshalJSON writes the command as a scenario file does.
func (c Command) MarshalJSON() ([]byte, error) {
	w := wireCommand{Day: c.Day}
	if c.Op != nil {
		c.Op.toWire(&w)
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads a command of a scenario file, rejecting unknown
// fields. A command whose fields do not make a valid op is kept as an
// invalid one, which Validate reports with its place in the scenario.
func (c *Command) UnmarshalJSON(b []byte) error {
	var w wireCommand
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return err
	}
	*c = commandFromWire(&w)
	return nil
}

// commandFromWire parses a command's fields into its op.
func commandFromWire(w *wireCommand) Command {
	c := Command{Day: w.Day}
	k, ok := KindByName(w.Kind)
	if !ok {
		if w.Kind != "" {
			c.Op = invalidOp{w: *w, err: fmt.Errorf("unknown kind %q (want %s)", w.Kind, kindList())}
		}
		return c
	}
	op, err := kinds[k].fromWire(w)
	if err != nil {
		op = invalidOp{kind: k, w: *w, err: err}
	}
	c.Op = op
	return c
}

// kindList is "build, remove, … or grid-crunch".
func kindList() string {
	var names []string
	for _, k := range Kinds() {
		names = append(names, k.String())
	}
	return orList(names)
}

// orList is "a, b or c".
func orList(names []string) string {
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// invalidOp is a command read from a file whose fields are wrong: it keeps
// what was read and why it cannot run. Validate refuses it.
type invalidOp struct {
	kind Kind
	w    wireCommand
	err  error
}

func (o invalidOp) Kind() Kind                           { return o.kind }
func (o invalidOp) validate(Day, int32) error            { return o.err }
func (o invalidOp) check(*rules, *Command) *CommandError { return nil }
func (o invalidOp) note(*rules)                          {}
func (o invalidOp) run(*Sim)                             {}
func (o invalidOp) toWire(w *wireCommand)                { d := w.Day; *w = o.w; w.Day = d }

// refuse makes the CommandError for a command that cannot run.
func refuse(c *Command, why Refusal, err error) *CommandError {
	return &CommandError{Index: -1, Command: *c, Refusal: why, Err: err}
}

// errInvalid wraps a command's field error as a CommandError.
func errInvalid(c *Command, err error) *CommandError { return refuse(c, RefusedInvalid, err) }

// checkSite refuses a command on a site that does not exist or was removed.
func checkSite(r *rules, c *Command, id SiteID) *CommandError {
	var e *CommandError
	switch {
	case len(r.sites) == 0:
		e = refuse(c, RefusedNoSite, fmt.Errorf("site %d does not exist (there are no sites yet)", id))
	case id < 1 || int(id) > len(r.sites):
		e = refuse(c, RefusedNoSite, fmt.Errorf("site %d does not exist (sites are 1 to %d)", id, len(r.sites)))
	case r.sites[id-1].removed:
		t := &r.sites[id-1]
		e = refuse(c, RefusedRemoved, fmt.Errorf("site %d (%s) was removed", id, t.name))
		e.SiteName, e.State = t.name, t.state.Code()
	default:
		return nil
	}
	e.Site = id
	return e
}

// siteFromWire reads the "site" field every site command needs.
func siteFromWire(w *wireCommand) (SiteID, error) {
	return w.Site, validateSiteID(w.Site)
}

// validateSiteID checks a site number a command names.
func validateSiteID(id SiteID) error {
	if id < 1 {
		return errors.New(`"site" is missing`)
	}
	return nil
}

// validateLat checks a latitude.
func validateLat(lat Degrees) error {
	if lat < -90000000 || lat > 90000000 {
		return errors.New("lat out of range [-90, 90]")
	}
	return nil
}

// execute carries out a command that check has passed.
func (s *Sim) execute(c *Command) {
	s.rules.apply(c)
	c.Op.run(s)
}
