package assets

import (
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

//go:embed states-2026-12.csv
var states202612CSV string

// StateChange is one member-state figure that a release changes from the
// release before it, with the source of the new figure.
type StateChange struct {
	Code   string // the state's code
	Column string // a column of states.csv (StateFigures)
	Value  int64  // in the column's fixed-point unit
	Source string
}

var stateChangeColumns = []string{"code", "column", "value", "source"}

// StateChanges202612 parses the embedded table of release 2026-12's
// changes to the member-state table (states-2026-12.csv).
func StateChanges202612() ([]StateChange, error) {
	return ParseStateChanges(strings.NewReader(states202612CSV))
}

// ParseStateChanges reads a table of changes: '#' comments, a header with
// exactly code,column,value,source, then one row per changed figure, each
// naming a column of states.csv and giving a source. A figure may change
// once.
func ParseStateChanges(r io.Reader) ([]StateChange, error) {
	var out []StateChange
	seen := map[string]bool{}
	err := readTable(r, "state changes", stateChangeColumns, func(rec []string, line int) error {
		c := StateChange{Code: rec[0], Column: rec[1], Source: rec[3]}
		col := slices.IndexFunc(intColumns, func(k column) bool { return k.name == c.Column })
		if col < 0 {
			return fmt.Errorf("state changes:%d: %q is no column of states.csv", line, c.Column)
		}
		var err error
		if c.Value, err = strconv.ParseInt(rec[2], 10, 64); err != nil {
			return fmt.Errorf("state changes:%d: value %q: want an integer", line, rec[2])
		}
		if k := intColumns[col]; c.Value < k.min || c.Value > k.max {
			return fmt.Errorf("state changes:%d: %s %d outside %d to %d", line, c.Column, c.Value, k.min, k.max)
		}
		if c.Source == "" {
			return fmt.Errorf("state changes:%d: %s %s has no source", line, c.Code, c.Column)
		}
		key := c.Code + " " + c.Column
		if seen[key] {
			return fmt.Errorf("state changes:%d: %s changes twice", line, key)
		}
		seen[key] = true
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Apply sets the change's figure in s, which must be the state it names.
func (c StateChange) Apply(s *State) error {
	if s.Code != c.Code {
		return fmt.Errorf("state changes: %s change applied to %s", c.Code, s.Code)
	}
	for _, k := range intColumns {
		if k.name == c.Column {
			k.set(s, c.Value)
			return nil
		}
	}
	return fmt.Errorf("state changes: %q is no column", c.Column)
}
