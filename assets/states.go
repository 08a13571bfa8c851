// Package assets holds the sandbox's embedded data, each figure with its source.
//
// The data files live next to this package and are compiled into the binary with
// go:embed, so the simulation needs no file system at run time. Every table
// starts with '#' comment lines that give, for each column, its meaning, unit,
// year and source, and for derived columns the formula and its inputs. All
// values are integers in fixed-point units so that the simulation never parses
// floating-point numbers.
//
// The package imports only the standard library and does no I/O beyond reading
// from the readers it is given.
package assets

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

//go:embed states.csv
var statesCSV string

// NumStates is the number of rows a states table must have: the 27 EU member
// states.
const NumStates = 27

// DemandPPMTotal is the exact sum of the demand_ppm column.
const DemandPPMTotal = 1_000_000

// State is one member state's static data, in the units the simulation uses.
type State struct {
	Code               string // two-letter EU code (Greece is EL)
	Name               string // English short name
	Tier               int    // export-control tier, 1 or 2, under the January 2025 AI diffusion rule
	PriceCentsPerMWh   int64  // industrial electricity price, euro cents per MWh
	CarbonGPerKWh      int64  // grid carbon intensity, gCO2e per kWh
	PeakMW             int64  // peak load, MW
	SpareMW            int64  // spare grid capacity for large new loads, MW
	LeadDays           int32  // grid-connection lead time, days
	DemandPPM          int64  // share of EU AI demand, parts per million (sums to 1,000,000)
	AIFirmsPermille    int64  // share of enterprises (10+ staff) using AI, per mille
	RenewablesPermille int64  // renewables share of electricity, per mille
	PopulationK        int64  // population on 1 Jan 2024, thousands
}

// column describes one integer column: its header name, plausible range and
// where the parsed value goes.
type column struct {
	name     string
	min, max int64
	set      func(s *State, v int64)
	get      func(s *State) int64
}

// intColumns lists the integer columns in file order.
var intColumns = []column{
	{"tier", 1, 2, func(s *State, v int64) { s.Tier = int(v) }, func(s *State) int64 { return int64(s.Tier) }},
	{"price_cents_per_mwh", 5_000, 50_000, func(s *State, v int64) { s.PriceCentsPerMWh = v }, func(s *State) int64 { return s.PriceCentsPerMWh }},
	{"carbon_g_per_kwh", 10, 1_000, func(s *State, v int64) { s.CarbonGPerKWh = v }, func(s *State) int64 { return s.CarbonGPerKWh }},
	{"peak_mw", 300, 120_000, func(s *State, v int64) { s.PeakMW = v }, func(s *State) int64 { return s.PeakMW }},
	{"spare_mw", 0, 10_000, func(s *State, v int64) { s.SpareMW = v }, func(s *State) int64 { return s.SpareMW }},
	{"lead_days", 90, 3_650, func(s *State, v int64) { s.LeadDays = int32(v) }, func(s *State) int64 { return int64(s.LeadDays) }},
	{"demand_ppm", 1, 400_000, func(s *State, v int64) { s.DemandPPM = v }, func(s *State) int64 { return s.DemandPPM }},
	{"ai_firms_permille", 0, 1_000, func(s *State, v int64) { s.AIFirmsPermille = v }, func(s *State) int64 { return s.AIFirmsPermille }},
	{"renewables_permille", 0, 1_000, func(s *State, v int64) { s.RenewablesPermille = v }, func(s *State) int64 { return s.RenewablesPermille }},
	{"population_k", 100, 100_000, func(s *State, v int64) { s.PopulationK = v }, func(s *State) int64 { return s.PopulationK }},
}

// StateFigure is one integer column of the states table, with a way to
// read it from a State: for listing what differs between two tables.
type StateFigure struct {
	Name string
	Get  func(s *State) int64
}

// StateFigures lists the table's integer columns, in file order.
func StateFigures() []StateFigure {
	out := make([]StateFigure, len(intColumns))
	for i, c := range intColumns {
		out[i] = StateFigure{Name: c.name, Get: c.get}
	}
	return out
}

// Columns returns the header names a states table must have, in file order.
func Columns() []string {
	cols := []string{"code", "name"}
	for _, c := range intColumns {
		cols = append(cols, c.name)
	}
	return cols
}

// States parses the embedded table (every call returns a fresh slice, protocol order).
func States() ([]State, error) {
	return ParseStates(strings.NewReader(statesCSV))
}

// StatesCSV returns the raw embedded file (so tools can print the sources).
// The returned slice is a copy; changing it does not change the embedded data.
func StatesCSV() []byte {
	return []byte(statesCSV)
}

// ParseStates parses a table in the same format (exported for tests/fuzzing).
//
// Lines starting with '#' are comments. The first other line is the header;
// columns are looked up by name, so their order does not matter, but every
// column of Columns must be present exactly once and no other column is
// allowed. Each data row is checked against the plausible range of each
// field, and the table as a whole must hold exactly NumStates rows with unique
// codes whose demand_ppm values sum to DemandPPMTotal. Rows are returned in
// file order.
func ParseStates(r io.Reader) ([]State, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1 // checked below, with a clearer message

	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("states.csv: no header row")
	}
	if err != nil {
		return nil, fmt.Errorf("states.csv: header: %w", err)
	}
	idx, err := headerIndex(header)
	if err != nil {
		return nil, err
	}

	var (
		states []State
		seen   = map[string]int{} // code -> row number
		sum    int64
	)
	for row := 1; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("states.csv: row %d: %w", row, err)
		}
		if len(rec) != len(header) {
			return nil, fmt.Errorf("states.csv: row %d: %d fields, want %d (one per header column)", row, len(rec), len(header))
		}
		s, err := parseRow(rec, idx, row)
		if err != nil {
			return nil, err
		}
		if first, ok := seen[s.Code]; ok {
			return nil, fmt.Errorf("states.csv: row %d (%s): duplicate code %s (first at row %d)", row, s.Code, s.Code, first)
		}
		seen[s.Code] = row
		sum += s.DemandPPM
		states = append(states, s)
		if len(states) > NumStates {
			return nil, fmt.Errorf("states.csv: more than %d states (row %d, %s)", NumStates, row, s.Code)
		}
	}
	if len(states) != NumStates {
		return nil, fmt.Errorf("states.csv: %d states, want %d", len(states), NumStates)
	}
	if sum != DemandPPMTotal {
		return nil, fmt.Errorf("states.csv: demand_ppm sums to %d, want %d", sum, DemandPPMTotal)
	}
	return states, nil
}

// headerIndex maps each required column name to its position in header.
func headerIndex(header []string) (map[string]int, error) {
	want := map[string]bool{}
	for _, c := range Columns() {
		want[c] = true
	}
	idx := make(map[string]int, len(header))
	for i, h := range header {
		if !want[h] {
			return nil, fmt.Errorf("states.csv: header: unknown column %q", h)
		}
		if _, dup := idx[h]; dup {
			return nil, fmt.Errorf("states.csv: header: duplicate column %q", h)
		}
		idx[h] = i
	}
	for _, c := range Columns() {
		if _, ok := idx[c]; !ok {
			return nil, fmt.Errorf("states.csv: header: missing column %q", c)
		}
	}
	return idx, nil
}

// parseRow parses and validates one data row; row is its 1-based number
// among the data rows.
func parseRow(rec []string, idx map[string]int, row int) (State, error) {
	var s State
	code := rec[idx["code"]]
	if !validCode(code) {
		return s, fmt.Errorf("states.csv: row %d: code %q is not two upper-case letters", row, code)
	}
	s.Code = code
	s.Name = rec[idx["name"]]
	if s.Name == "" {
		return s, fmt.Errorf("states.csv: row %d (%s): name is empty", row, code)
	}
	for _, c := range intColumns {
		field := rec[idx[c.name]]
		v, err := strconv.ParseInt(field, 10, 64)
		if err != nil {
			return s, fmt.Errorf("states.csv: row %d (%s): %s %q is not an integer", row, code, c.name, field)
		}
		if v < c.min || v > c.max {
			return s, fmt.Errorf("states.csv: row %d (%s): %s %d out of range [%d, %d]", row, code, c.name, v, c.min, c.max)
		}
		c.set(&s, v)
	}
	return s, nil
}

// validCode reports whether code is exactly two ASCII upper-case letters.
func validCode(code string) bool {
	if len(code) != 2 {
		return false
	}
	for i := 0; i < 2; i++ {
		if code[i] < 'A' || code[i] > 'Z' {
			return false
		}
	}
	return true
}
