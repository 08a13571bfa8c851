package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// SchemaVersion is the scenario format this build writes. It reads every
// version up to this one; a newer one gets ErrNewerVersion.
const SchemaVersion = 1

// ErrNewerVersion reports a scenario written by a newer version of the
// sandbox than this one.
var ErrNewerVersion = errors.New("scenario was made by a newer version of the sandbox: open it there, or update this one")

// Scenario is everything a run depends on: the starting settings, the seed,
// and the user's edits stamped with the day they were made. A Sim is a pure
// function of it. Its JSON form is the scenario file (docs/scenario.md).
type Scenario struct {
	Version int `json:"version"`
	// Release names the figures the run rests on (see Release); none
	// means the newest this sandbox has.
	Release     string `json:"release,omitempty"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
	Seed        uint64 `json:"seed"`
	// Days is the horizon: how many days a full run simulates.
	Days   int32  `json:"days"`
	Regime Regime `json:"regime"`
	Levers Levers `json:"levers"`
	// Assumptions override default parameters by key, as decimals in the
	// parameter's unit ("pue": "1.3"). See ParamInfo.
	Assumptions map[string]string `json:"assumptions,omitempty"`
	Sites       []SiteSpec        `json:"sites,omitempty"`
	Commands    []Command         `json:"commands,omitempty"`
}

// Regime is a US export-control regime.
type Regime struct {
	// Kind is one of "open", "diffusion-2025", "strict", "custom".
	Kind string `json:"kind"`
	// Caps, for "custom", are per-state caps in H100-equivalents for each
	// three-year period; states not listed are unlimited.
	Caps map[string]int64 `json:"caps,omitempty"`
}

// Regime kinds.
const (
	RegimeOpen      = "open"
	RegimeDiffusion = "diffusion-2025"
	RegimeStrict    = "strict"
	RegimeCustom    = "custom"
)

// SiteSpec describes a site to build, or one that exists at the start.
type SiteSpec struct {
	Name  string  `json:"name"`
	State StateID `json:"state"` // written as the state's code, EL for Greece
	Chips int32   `json:"chips"` // target chip count
	Chip  Gen     `json:"chip"`  // "h100", "b200", "eu" or "best"; existing systems use their own
	// Start is the first day of construction; for an existing system, the
	// day its chips were installed.
	Start    Day     `json:"start"`
	Lon      Degrees `json:"lon"`
	Lat      Degrees `json:"lat"`
	Existing bool    `json:"existing,omitempty"` // running at day 0, paid for before the run
	VEU      bool    `json:"veu,omitempty"`      // validated end user: outside country caps
	// badState and badChip say why the state or chip a file gave is none:
	// the site is read whole, and Validate reports them with its place.
	badState, badChip error
}

// UnmarshalJSON reads a site of a scenario file, rejecting unknown fields.
// The state's code and the chip's name are parsed here, once.
func (s *SiteSpec) UnmarshalJSON(b []byte) error {
	type plain SiteSpec
	var w struct {
		plain
		State string `json:"state"` // shadows plain's: read as text here
		Chip  string `json:"chip"`
	}
	w.plain = plain(*s)
	w.State, w.Chip = s.State.Code(), s.Chip.String()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&w); err != nil {
		return err
	}
	*s = SiteSpec(w.plain)
	s.State, s.badState = ParseState(w.State)
	s.Chip, s.badChip = ParseGen(w.Chip)
	return nil
}

// SiteID numbers sites from 1 in the order they are created: the scenario's
// sites first, then build commands.
type SiteID int32

// Share is a fraction written as a decimal ("0.17") and kept in thousandths.
type Share Permille

// UnmarshalJSON reads a decimal number (or a string holding one).
func (s *Share) UnmarshalJSON(b []byte) error {
	v, err := ParseDecimal(strings.Trim(string(b), `"`), 1000)
	if err != nil {
		return err
	}
	*s = Share(v)
	return nil
}

// MarshalJSON writes the share as a decimal number.
func (s Share) MarshalJSON() ([]byte, error) { return []byte(FormatDecimal(int64(s), 1000)), nil }

// Degrees is a longitude or latitude in millionths of a degree.
type Degrees int32

// UnmarshalJSON reads a decimal number of degrees.
func (d *Degrees) UnmarshalJSON(b []byte) error {
	v, err := ParseDecimal(strings.Trim(string(b), `"`), 1000000)
	if err != nil {
		return err
	}
	if v < -180000000 || v > 180000000 {
		return fmt.Errorf("%s degrees is out of range", b)
	}
	*d = Degrees(v)
	return nil
}

// MarshalJSON writes the angle as a decimal number.
func (d Degrees) MarshalJSON() ([]byte, error) {
	return []byte(FormatDecimal(int64(d), 1000000)), nil
}

// DefaultScenario is the empty scenario every file starts from: fields a file
// leaves out keep these values.
func DefaultScenario() Scenario {
	return Scenario{
		Version: SchemaVersion,
		Seed:    1,
		Days:    3652,
		Regime:  Regime{Kind: RegimeOpen},
		Levers:  defaultLevers(),
	}
}

// MaxScenarioBytes caps the size of a scenario file.
const MaxScenarioBytes = 1 << 20

// ParseScenario reads a scenario file: JSON, unknown fields rejected, absent
// fields at their defaults, then fully validated.
func ParseScenario(data []byte) (Scenario, error) {
	sc := DefaultScenario()
	if len(data) > MaxScenarioBytes {
		return sc, fmt.Errorf("scenario: file is %d bytes, more than the %d allowed", len(data), MaxScenarioBytes)
	}
	var probe struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return sc, fmt.Errorf("scenario: %w", JSONError(data, err))
	}
	if probe.Version != nil && *probe.Version > SchemaVersion {
		return sc, fmt.Errorf("scenario: version %d: %w", *probe.Version, ErrNewerVersion)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sc); err != nil {
		return sc, fmt.Errorf("scenario: %w", JSONError(data, err))
	}
	if dec.More() {
		return sc, errors.New("scenario: extra data after the JSON object")
	}
	if err := sc.Validate(); err != nil {
		return sc, err
	}
	return sc, nil
}

// JSONError adds the line number to a JSON syntax error in data, for the
// files people write by hand (scenarios, goals).
func JSONError(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
		return fmt.Errorf("line %d: %w", line, err)
	}
	return err
}

// MarshalIndent writes the scenario as a readable JSON file.
func (sc Scenario) MarshalIndent() ([]byte, error) {
	b, err := json.MarshalIndent(sc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Limits on what one scenario may hold, so that a file or link cannot ask
// for more memory than a school laptop has.
const (
	MaxSites        = 200
	MaxSiteChips    = 1000000
	MaxTotalChips   = 4000000
	MaxCommands     = 10000
	MaxNameLen      = 80
	MaxDescription  = 2000
	MaxGridInvestMW = 100000
)

// Validate checks everything a run depends on: every field in range, every
// name known, days in order (ValidateFields), and that every command can
// run when its day comes (CheckCommands). A scenario that validates runs to
// its horizon without a refusal. Errors name the field or command.
func (sc *Scenario) Validate() error {
	if err := sc.ValidateFields(); err != nil {
		return err
	}
	return sc.CheckCommands()
}

// ValidateFields checks the scenario's fields and each command's, and that
// the commands are in day order within the run, but not whether each can
// run on its day (CheckCommands): what a link decoder needs to know before
// it reads a scenario, even one whose commands would not run.
func (sc *Scenario) ValidateFields() error {
	if sc.Version < 1 {
		return fmt.Errorf("scenario: version %d: want 1 to %d", sc.Version, SchemaVersion)
	}
	if sc.Version > SchemaVersion {
		return fmt.Errorf("scenario: version %d: %w", sc.Version, ErrNewerVersion)
	}
	if len(sc.Name) > MaxNameLen {
		return fmt.Errorf("scenario: name is longer than %d bytes", MaxNameLen)
	}
	if len(sc.Description) > MaxDescription {
		return fmt.Errorf("scenario: description is longer than %d bytes", MaxDescription)
	}
	if sc.Days < 1 || sc.Days > MaxDays {
		return fmt.Errorf("scenario: days %d out of range [1, %d]", sc.Days, MaxDays)
	}
	rel, err := ReleaseOf(sc)
	if err != nil {
		return fmt.Errorf("scenario: %w", err)
	}
	if _, err := parseAssumptions(rel, sc.Assumptions); err != nil {
		return fmt.Errorf("scenario: %w", err)
	}
	if _, err := compileRegime(sc.Regime); err != nil {
		return fmt.Errorf("scenario: regime: %w", err)
	}
	if err := validateLevers(&sc.Levers); err != nil {
		return fmt.Errorf("scenario: levers: %w", err)
	}
	if len(sc.Sites)+len(sc.Commands) > MaxSites+MaxCommands {
		return fmt.Errorf("scenario: too many sites and commands")
	}
	if len(sc.Sites) > MaxSites {
		return fmt.Errorf("scenario: %d sites, more than the %d allowed", len(sc.Sites), MaxSites)
	}
	var total int64
	for i := range sc.Sites {
		err := validateSite(&sc.Sites[i], 0, sc.Days, rel)
		if err == nil {
			err = rel.checkChip(sc.Sites[i].Chip)
		}
		if err != nil {
			return fmt.Errorf("scenario: site %d: %w", i+1, err)
		}
		total += int64(sc.Sites[i].Chips)
	}
	if total > MaxTotalChips {
		return fmt.Errorf("scenario: %d chips in all sites, more than the %d allowed", total, MaxTotalChips)
	}
	if len(sc.Commands) > MaxCommands {
		return fmt.Errorf("scenario: %d commands, more than the %d allowed", len(sc.Commands), MaxCommands)
	}
	last := Day(0)
	for i := range sc.Commands {
		c := &sc.Commands[i]
		if c.Day < last {
			return fmt.Errorf("scenario: command %d: day %s is before the previous command's %s", i+1, c.Day, last)
		}
		last = c.Day
		if c.Day < 0 || c.Day >= Day(sc.Days) {
			return fmt.Errorf("scenario: command %d: day %s is outside the run (%s to %s)", i+1, c.Day, Day(0), Day(sc.Days-1))
		}
		err := c.validate(sc.Days)
		if err == nil {
			err = rel.checkCommand(c)
		}
		if err != nil {
			e := errInvalid(c, err)
			e.Index = i
			return e
		}
	}
	return nil
}

// CheckCommands checks, in order, that each command of a scenario whose
// fields are valid can run on its day, as the Sim will when the run
// reaches it (see rules): no site removed twice or moved after its
// removal, no more sites or chips than the limits, and so on. The error is
// a *CommandError naming the first command at fault.
func (sc *Scenario) CheckCommands() error {
	r := newRules(sc)
	for i := range sc.Commands {
		c := &sc.Commands[i]
		if e := r.check(c); e != nil {
			e.Index = i
			return e
		}
		r.apply(c)
	}
	return nil
}

// validateSite checks a site built on day `from` of a run of `days` days,
// on release rel (nil for a site built by a command: it cannot be an
// existing system).
func validateSite(s *SiteSpec, from Day, days int32, rel *Release) error {
	if s.Name == "" {
		return errors.New("name is empty")
	}
	if len(s.Name) > MaxNameLen {
		return fmt.Errorf("name is longer than %d bytes", MaxNameLen)
	}
	if s.badState != nil {
		return s.badState
	}
	if err := s.State.validate(false); err != nil {
		return err
	}
	if s.Chips < 1 || s.Chips > MaxSiteChips {
		return fmt.Errorf("chips %d out of range [1, %d]", s.Chips, MaxSiteChips)
	}
	if s.badChip != nil {
		return s.badChip
	}
	g := s.Chip
	if g != GenBest && g >= NumGens {
		return fmt.Errorf("chip %d is no generation", g)
	}
	if s.Lon < -180000000 || s.Lon > 180000000 || s.Lat < -90000000 || s.Lat > 90000000 {
		return errors.New("lon/lat out of range")
	}
	if s.Existing {
		if from != 0 {
			return errors.New("existing: only sites at the start of a run can exist already")
		}
		if rel != nil && rel.laterExisting {
			if s.Start < -3650 || s.Start >= Day(days) {
				return fmt.Errorf("start %s: an existing system comes into service within ten years before the run or during it (to %s)", s.Start, Day(days-1))
			}
		} else if s.Start > 0 || s.Start < -3650 {
			return fmt.Errorf("start %s: an existing system was installed before the run, within ten years", s.Start)
		}
		if g == GenBest {
			return errors.New(`chip "best": an existing system has a known chip`)
		}
		return nil
	}
	if g != GenBest && !genInfo[g].Orderable {
		return fmt.Errorf("chip %q is only in existing systems: choose h100, b200, eu, best or, on release 2026-12, gb200, gb300 or vr200", s.Chip.String())
	}
	if s.Start < from || s.Start >= Day(days) {
		return fmt.Errorf("start %s is outside %s to %s", s.Start, from, Day(days-1))
	}
	return nil
}
