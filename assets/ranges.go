package assets

import (
	_ "embed"
	"fmt"
	"io"
	"strings"
)

//go:embed ranges.csv
var rangesCSV string

// Range is one row of ranges.csv: the plausible range of an assumption,
// with the reason for each end. Low and High are decimals in the unit a
// scenario file writes; the model converts them.
type Range struct {
	Key       string
	Low, High string
	Dist      string // "uniform" or "triangular" (mode at the default)
	WhyLow    string
	WhyHigh   string
	Sources   []string // "[S30]", "[R12]": ids in docs/sources.md
}

var rangeColumns = []string{"key", "low", "high", "dist", "why_low", "why_high", "sources"}

// Ranges parses the embedded table of ranges.
func Ranges() ([]Range, error) { return ParseRanges(strings.NewReader(rangesCSV)) }

// ParseRanges reads a table in ranges.csv's format: '#' comments, then a
// header with exactly rangeColumns, then one row per assumption with every
// field but sources filled.
func ParseRanges(r io.Reader) ([]Range, error) {
	var out []Range
	seen := map[string]bool{}
	err := readTable(r, "ranges.csv", rangeColumns, func(rec []string, line int) error {
		row := Range{Key: rec[0], Low: rec[1], High: rec[2], Dist: rec[3], WhyLow: rec[4], WhyHigh: rec[5], Sources: strings.Fields(rec[6])}
		switch {
		case seen[row.Key]:
			return fmt.Errorf("ranges.csv:%d: %s appears twice", line, row.Key)
		case row.Dist != "uniform" && row.Dist != "triangular":
			return fmt.Errorf("ranges.csv:%d: %s: dist %q: want uniform or triangular", line, row.Key, row.Dist)
		case row.Key == "" || row.WhyLow == "" || row.WhyHigh == "":
			return fmt.Errorf("ranges.csv:%d: key, why_low and why_high must all be given", line)
		}
		for _, s := range row.Sources {
			if len(s) < 4 || s[0] != '[' || s[len(s)-1] != ']' || (s[1] != 'S' && s[1] != 'R') {
				return fmt.Errorf("ranges.csv:%d: %s: source %q is not of the form [S12] or [R3]", line, row.Key, s)
			}
		}
		seen[row.Key] = true
		out = append(out, row)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
