package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Levers are the policy choices a user pulls. Each is declared once, in
// leverDecls; the scenario file's "levers" object, lever commands, links
// and the page's Levers panel all follow the declarations.
type Levers struct {
	EUShare         Share    // share of capital cost paid by the InvestAI fund
	HostShare       Share    // share paid by the host state (private investors pay the rest)
	VoucherShare    Share    // share of startups' compute bill paid by the fund
	PPAShare        Share    // share of site power bought through renewable PPAs
	FastTrack       bool     // fast-track permitting for sites that start building
	PreferSameState bool     // serve each state's demand from its own sites first
	DemandGrowth    string   // "slow", "base" or "boom"
	G2G             []string // states with a government-to-government agreement (doubles the Tier 2 cap)
}

// LeverID names a policy lever: its place in the declarations.
type LeverID uint8

// The levers, in the order the file writes them and the page shows them.
const (
	LeverEUShare LeverID = iota
	LeverHostShare
	LeverVoucherShare
	LeverPPAShare
	LeverFastTrack
	LeverPreferSameState
	LeverDemandGrowth
	NumLevers
)

// LeverType is what values a lever takes.
type LeverType uint8

// Lever types.
const (
	LeverShare  LeverType = iota + 1 // a fraction 0 to 1, kept in thousandths
	LeverFlag                        // on or off: 1 or 0
	LeverChoice                      // one of Choices, kept as its index
)

// Lever declares a policy lever: its name in files and commands, its type
// and range in stored units (thousandths for a share, 0/1 for a flag, an
// index into Choices for a choice), its default and where that comes from.
type Lever struct {
	Name     string
	Type     LeverType
	Min, Max int32
	Default  int32
	Choices  []string
	// What says in one line what the lever does (the page has its own
	// translated words, keyed by Name).
	What   string
	Source string
	field  func(*Levers) any // a pointer to the lever's field
}

var leverDecls = [NumLevers]Lever{
	LeverEUShare: {Name: "eu_share", Type: LeverShare, Max: 1000, Default: 170,
		What:   "share of each capital cost paid by the InvestAI fund",
		Source: "EuroHPC: up to 17% of a facility's cost (domain sources, S7 S4; an assumption)",
		field:  func(l *Levers) any { return &l.EUShare }},
	LeverHostShare: {Name: "host_share", Type: LeverShare, Max: 1000, Default: 163,
		What:   "share of each capital cost paid by the host state; private investors pay the rest",
		Source: "the remainder after two thirds private and 17% EU (domain sources, S7 S4; an assumption)",
		field:  func(l *Levers) any { return &l.HostShare }},
	LeverVoucherShare: {Name: "voucher_share", Type: LeverShare, Max: 1000,
		What:   "share of startups' compute bills paid by the fund; while above 0, startups are served first",
		Source: "off by default: a policy choice",
		field:  func(l *Levers) any { return &l.VoucherShare }},
	LeverPPAShare: {Name: "ppa_share", Type: LeverShare, Max: 1000,
		What:   "share of site power bought through renewable PPAs",
		Source: "off by default: a policy choice",
		field:  func(l *Levers) any { return &l.PPAShare }},
	LeverFastTrack: {Name: "fast_track", Type: LeverFlag, Max: 1,
		What:   "fast-track permitting for sites that start building while it is on",
		Source: "off by default: a policy choice",
		field:  func(l *Levers) any { return &l.FastTrack }},
	LeverPreferSameState: {Name: "prefer_same_state", Type: LeverFlag, Max: 1, Default: 1,
		What:   "serve each state's demand from its own sites first",
		Source: "on by default: the AI Factories serve their own country's users first",
		field:  func(l *Levers) any { return &l.PreferSameState }},
	LeverDemandGrowth: {Name: "demand_growth", Type: LeverChoice, Max: 2, Default: 1, Choices: []string{"slow", "base", "boom"},
		What:   "which growth rate of compute demand applies (growth_slow, growth_base, growth_boom)",
		Source: "the base case; the rates are assumptions with their own sources",
		field:  func(l *Levers) any { return &l.DemandGrowth }},
}

// Info is the lever's declaration.
func (id LeverID) Info() Lever { return leverDecls[id] }

// String is the lever's name ("eu_share").
func (id LeverID) String() string {
	if id < NumLevers {
		return leverDecls[id].Name
	}
	return fmt.Sprintf("LeverID(%d)", uint8(id))
}

// LeverByName finds a lever by its name.
func LeverByName(name string) (LeverID, bool) {
	for i := range leverDecls {
		if leverDecls[i].Name == name {
			return LeverID(i), true
		}
	}
	return 0, false
}

// leverList is "eu_share, host_share, …".
func leverList() string {
	names := make([]string, NumLevers)
	for i := range leverDecls {
		names[i] = leverDecls[i].Name
	}
	return strings.Join(names, ", ")
}

// Parse reads a lever's value as a file or command writes it ("0.17",
// "true", "boom") into stored units.
func (id LeverID) Parse(text string) (int32, error) {
	d := &leverDecls[id]
	switch d.Type {
	case LeverShare:
		v, err := ParseDecimal(text, 1000)
		if err != nil {
			return 0, fmt.Errorf("lever %s: %w", d.Name, err)
		}
		if v < int64(d.Min) || v > int64(d.Max) {
			return 0, fmt.Errorf("lever %s: %s out of range [%s, %s]", d.Name, text, FormatDecimal(int64(d.Min), 1000), FormatDecimal(int64(d.Max), 1000))
		}
		return int32(v), nil
	case LeverFlag:
		b, err := strconv.ParseBool(text)
		if err != nil {
			return 0, fmt.Errorf("lever %s: %q is not true or false", d.Name, text)
		}
		return FlagValue(b), nil
	}
	for i, c := range d.Choices {
		if c == text {
			return int32(i), nil
		}
	}
	return 0, fmt.Errorf("lever %s %q: want %s", d.Name, text, orList(d.Choices))
}

// Format writes a value in stored units as a file writes it.
func (id LeverID) Format(v int32) string {
	d := &leverDecls[id]
	switch d.Type {
	case LeverShare:
		return FormatDecimal(int64(v), 1000)
	case LeverFlag:
		return strconv.FormatBool(v != 0)
	}
	if v >= 0 && int(v) < len(d.Choices) {
		return d.Choices[v]
	}
	return strconv.Itoa(int(v))
}

// inRange reports whether v is a value of the lever.
func (id LeverID) inRange(v int32) bool {
	d := &leverDecls[id]
	return v >= d.Min && v <= d.Max
}

// Get is the lever's value in stored units; a choice the declaration does
// not list is -1.
func (l *Levers) Get(id LeverID) int32 {
	switch p := leverDecls[id].field(l).(type) {
	case *Share:
		return int32(*p)
	case *bool:
		return FlagValue(*p)
	case *string:
		for i, c := range leverDecls[id].Choices {
			if c == *p {
				return int32(i)
			}
		}
	}
	return -1
}

// set puts a value, in stored units and in range, into the lever's field.
func (l *Levers) set(id LeverID, v int32) {
	switch p := leverDecls[id].field(l).(type) {
	case *Share:
		*p = Share(v)
	case *bool:
		*p = v != 0
	case *string:
		*p = leverDecls[id].Choices[v]
	}
}

// defaultLevers are the declarations' defaults.
func defaultLevers() Levers {
	var l Levers
	for id := range NumLevers {
		l.set(id, leverDecls[id].Default)
	}
	return l
}

// validateLevers checks every lever against its declaration, the shares'
// sum and the G2G list.
func validateLevers(l *Levers) error {
	for id := range NumLevers {
		d := &leverDecls[id]
		v := l.Get(id)
		switch d.Type {
		case LeverShare:
			if !id.inRange(v) {
				return fmt.Errorf("%s %s out of range [0, 1]", d.Name, FormatDecimal(int64(v), 1000))
			}
		case LeverChoice:
			if v < 0 {
				return fmt.Errorf("%s %q: want %s", d.Name, *d.field(l).(*string), orList(d.Choices))
			}
		}
	}
	if l.EUShare+l.HostShare > 1000 {
		return fmt.Errorf("eu_share + host_share = %s, more than 1", FormatDecimal(int64(l.EUShare+l.HostShare), 1000))
	}
	seen := map[string]bool{}
	for _, code := range l.G2G {
		if _, err := stateIndex(code); err != nil {
			return fmt.Errorf("g2g: %w", err)
		}
		if seen[code] {
			return fmt.Errorf("g2g: %s listed twice", code)
		}
		seen[code] = true
	}
	return nil
}

// MarshalJSON writes the levers as a scenario file does: each declared
// lever by its name, in declaration order, then "g2g" when it lists any
// state.
func (l Levers) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for id := range NumLevers {
		if id > 0 {
			b.WriteByte(',')
		}
		v, err := json.Marshal(leverDecls[id].field(&l))
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "%q:", leverDecls[id].Name)
		b.Write(v)
	}
	if len(l.G2G) > 0 {
		v, err := json.Marshal(l.G2G)
		if err != nil {
			return nil, err
		}
		b.WriteString(`,"g2g":`)
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// UnmarshalJSON reads a scenario file's levers: the levers it names change,
// the others keep their values. An unknown name is an error.
func (l *Levers) UnmarshalJSON(data []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	if m == nil {
		return nil
	}
	// Visit the keys in declaration order, so that the first error does
	// not depend on map order.
	for id := range NumLevers {
		name := leverDecls[id].Name
		raw, ok := m[name]
		if !ok {
			continue
		}
		delete(m, name)
		if err := json.Unmarshal(raw, leverDecls[id].field(l)); err != nil {
			return fmt.Errorf("levers: %s: %w", name, err)
		}
	}
	if raw, ok := m["g2g"]; ok {
		delete(m, "g2g")
		l.G2G = nil
		if err := json.Unmarshal(raw, &l.G2G); err != nil {
			return fmt.Errorf("levers: g2g: %w", err)
		}
	}
	for name := range m {
		return fmt.Errorf("levers: unknown lever %q (want %s or g2g)", name, leverList())
	}
	return nil
}

// FlagValue is a flag lever's value for on or off, in stored units.
func FlagValue(b bool) int32 {
	if b {
		return 1
	}
	return 0
}
