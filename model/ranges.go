package model

import (
	"fmt"

	"gigasandbox/assets"
)

// Dist is how an ensemble draws an assumption within its range.
type Dist uint8

// Distributions.
const (
	DistUniform    Dist = iota + 1 // every value of the range alike
	DistTriangular                 // most likely at the default, falling to zero at both ends
)

func (d Dist) String() string {
	switch d {
	case DistUniform:
		return "uniform"
	case DistTriangular:
		return "triangular"
	}
	return fmt.Sprintf("Dist(%d)", uint8(d))
}

// Range is an assumption's plausible range, in stored units, with the
// reason for each end and the sources they rest on (ids of docs/sources.md).
type Range struct {
	Low, High int64
	Dist      Dist
	WhyLow    string
	WhyHigh   string
	Sources   []string
}

// Fixed reports whether the range is a single value: a figure fixed by a
// rule or a policy, which an ensemble does not vary.
func (r Range) Fixed() bool { return r.Low == r.High }

// Range is the assumption's plausible range (assets/ranges.csv).
func (p Param) Range() Range { return paramRanges[p] }

var paramRanges = mustRanges()

func mustRanges() [NumParams]Range {
	rs, err := loadRanges()
	if err != nil {
		panic("model: embedded ranges.csv is broken: " + err.Error())
	}
	return rs
}

// loadRanges reads assets/ranges.csv: one range per assumption, holding
// its default and within what a scenario may set.
func loadRanges() ([NumParams]Range, error) {
	var out [NumParams]Range
	rows, err := assets.Ranges()
	if err != nil {
		return out, err
	}
	have := [NumParams]bool{}
	for _, row := range rows {
		p, ok := ParamByKey(row.Key)
		if !ok {
			return out, fmt.Errorf("%s is no assumption", row.Key)
		}
		info := &paramInfo[p]
		low, err := ParseDecimal(row.Low, info.Scale)
		if err != nil {
			return out, fmt.Errorf("%s: low: %w", row.Key, err)
		}
		high, err := ParseDecimal(row.High, info.Scale)
		if err != nil {
			return out, fmt.Errorf("%s: high: %w", row.Key, err)
		}
		if low > info.Default || info.Default > high || low < info.Min || high > info.Max {
			return out, fmt.Errorf("%s: range %s to %s must hold the default %s and stay within %s to %s", row.Key,
				row.Low, row.High, FormatDecimal(info.Default, info.Scale), FormatDecimal(info.Min, info.Scale), FormatDecimal(info.Max, info.Scale))
		}
		d := DistUniform
		if row.Dist == "triangular" {
			d = DistTriangular
		}
		out[p] = Range{Low: low, High: high, Dist: d, WhyLow: row.WhyLow, WhyHigh: row.WhyHigh, Sources: row.Sources}
		have[p] = true
	}
	for p := range NumParams {
		if !have[p] {
			return out, fmt.Errorf("%s has no range", paramInfo[p].Key)
		}
	}
	return out, nil
}
