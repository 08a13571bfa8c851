package assets

import (
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

//go:embed neighbours.csv
var neighboursCSV string

// Neighbours returns, for each member state code, the member states that
// share a land border with it, in EU protocol order (neighbours.csv; its
// header says how the table was made from Natural Earth's outlines). A state
// with no land border with another member state (Ireland, Cyprus, Malta)
// maps to an empty list. Every call returns a fresh map.
func Neighbours() (map[string][]string, error) {
	states, err := States()
	if err != nil {
		return nil, err
	}
	return ParseNeighbours(strings.NewReader(neighboursCSV), states)
}

// ParseNeighbours reads a table in the format of neighbours.csv, checked
// against the given states: one row per state, in their order; every
// neighbour a known code listed once, in the states' order, never the state
// itself; and the relation symmetric (if A lists B, B lists A).
func ParseNeighbours(r io.Reader, states []State) (map[string][]string, error) {
	pos := make(map[string]int, len(states))
	for i, s := range states {
		pos[s.Code] = i
	}
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.FieldsPerRecord = 2
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("neighbours.csv: no header row")
	}
	if err != nil {
		return nil, fmt.Errorf("neighbours.csv: header: %w", err)
	}
	if header[0] != "code" || header[1] != "neighbours" {
		return nil, fmt.Errorf("neighbours.csv: header %q, want code,neighbours", strings.Join(header, ","))
	}
	out := make(map[string][]string, len(states))
	for row := 1; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("neighbours.csv: row %d: %w", row, err)
		}
		code := rec[0]
		if row > len(states) {
			return nil, fmt.Errorf("neighbours.csv: row %d (%s): more rows than the %d states", row, code, len(states))
		}
		if want := states[row-1].Code; code != want {
			return nil, fmt.Errorf("neighbours.csv: row %d: code %q, want %q (rows follow states.csv)", row, code, want)
		}
		list := strings.Fields(rec[1])
		last := -1
		for _, n := range list {
			p, ok := pos[n]
			switch {
			case !ok:
				return nil, fmt.Errorf("neighbours.csv: row %d (%s): unknown state %q", row, code, n)
			case n == code:
				return nil, fmt.Errorf("neighbours.csv: row %d (%s): a state is not its own neighbour", row, code)
			case p <= last:
				return nil, fmt.Errorf("neighbours.csv: row %d (%s): %s out of protocol order or listed twice", row, code, n)
			}
			last = p
		}
		if list == nil {
			list = []string{}
		}
		out[code] = list
	}
	if len(out) != len(states) {
		return nil, fmt.Errorf("neighbours.csv: %d rows, want %d", len(out), len(states))
	}
	for _, s := range states {
		for _, n := range out[s.Code] {
			found := false
			for _, back := range out[n] {
				found = found || back == s.Code
			}
			if !found {
				return nil, fmt.Errorf("neighbours.csv: %s lists %s but %s does not list %s", s.Code, n, n, s.Code)
			}
		}
	}
	return out, nil
}
