package model

import (
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
)

// Day counts days since 2026-01-01 (day 0). Days before the start are
// negative (chips already installed in existing systems).
type Day int32

// StartYear is the calendar year of day 0.
const StartYear = 2026

// MaxDays is the longest horizon a scenario may ask for (20 years). Days are
// stored in 16-bit fields per chip, so every day in a run must stay well
// inside ±32767.
const MaxDays = 7305

// noDay marks a chip with no pending event.
const noDay = -32768

// daysFromCivil converts a proleptic Gregorian date to days since 1970-01-01
// (Howard Hinnant's algorithm, integers only).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (y, m, d int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era = (z - 146096) / 146097
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = int(yoe + era*400)
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	m = int(mp + 3)
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

var epoch = daysFromCivil(StartYear, 1, 1)

// DayOf returns the Day of a calendar date.
func DayOf(year, month, day int) Day { return Day(daysFromCivil(year, month, day) - epoch) }

// Date returns the calendar date of d.
func (d Day) Date() (year, month, day int) { return civilFromDays(int64(d) + epoch) }

// Year returns the calendar year of d.
func (d Day) Year() int { y, _, _ := d.Date(); return y }

// String formats d as YYYY-MM-DD.
func (d Day) String() string {
	y, m, dd := d.Date()
	return fmt.Sprintf("%04d-%02d-%02d", y, m, dd)
}

// ParseDay reads a YYYY-MM-DD date.
func ParseDay(s string) (Day, error) {
	parts := strings.Split(s, "-")
	if len(parts) != 3 || len(parts[0]) != 4 || len(parts[1]) != 2 || len(parts[2]) != 2 {
		return 0, fmt.Errorf("date %q is not of the form YYYY-MM-DD", s)
	}
	y, err1 := strconv.Atoi(parts[0])
	m, err2 := strconv.Atoi(parts[1])
	d, err3 := strconv.Atoi(parts[2])
	if err1 != nil || err2 != nil || err3 != nil || y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, fmt.Errorf("date %q is not a valid date", s)
	}
	day := DayOf(y, m, d)
	if yy, mm, dd := day.Date(); yy != y || mm != m || dd != d {
		return 0, fmt.Errorf("date %q does not exist", s)
	}
	return day, nil
}

// MarshalText writes d as YYYY-MM-DD (JSON scenario files use dates).
func (d Day) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a YYYY-MM-DD date.
func (d *Day) UnmarshalText(b []byte) error {
	v, err := ParseDay(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// startOfYear returns day 0 of the given calendar year.
func startOfYear(year int) Day { return DayOf(year, 1, 1) }

// EuroCents is an amount of money in euro cents.
type EuroCents int64

// Euros returns the amount in whole euros, rounded towards zero.
func (c EuroCents) Euros() int64 { return int64(c) / 100 }

// Watts is electrical power.
type Watts int64

// MW returns the power in whole megawatts, rounded to nearest.
func (w Watts) MW() int64 { return (int64(w) + 500000) / 1000000 }

// KWh is electrical energy.
type KWh int64

// GramsCO2 is a mass of CO2-equivalent emissions.
type GramsCO2 int64

// Tonnes returns the mass in whole tonnes, rounded towards zero.
func (g GramsCO2) Tonnes() int64 { return int64(g) / 1000000 }

// MilliH100e measures compute in thousandths of one H100's processing
// performance (the unit of the 2025 export caps, by TPP).
type MilliH100e int64

// MilliH100eHours is compute delivered over time: thousandths of an
// H100-hour.
type MilliH100eHours int64

// Permille is a share in thousandths (170 = 17%).
type Permille int64

// ParseDecimal reads s as a fixed-point number with the given scale (a power
// of ten). It rejects digits beyond the scale's precision rather than rounding
// them away silently.
func ParseDecimal(s string, scale int64) (int64, error) {
	orig := s
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" || (hasDot && frac == "") || strings.ContainsAny(s, "eE+") {
		return 0, fmt.Errorf("%q is not a plain decimal number", orig)
	}
	digits := 0
	for sc := scale; sc > 1; sc /= 10 {
		digits++
	}
	if len(frac) > digits {
		extra := frac[digits:]
		if strings.Trim(extra, "0") != "" {
			return 0, fmt.Errorf("%q has more decimals than the %d this value keeps", orig, digits)
		}
		frac = frac[:digits]
	}
	if len(intPart) > 15 {
		return 0, fmt.Errorf("%q is too large", orig)
	}
	for len(frac) < digits {
		frac += "0"
	}
	iv, err := strconv.ParseInt(intPart, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a plain decimal number", orig)
	}
	var fv int64
	if frac != "" {
		fv, err = strconv.ParseInt(frac, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not a plain decimal number", orig)
		}
	}
	v := iv*scale + fv
	if neg {
		v = -v
	}
	return v, nil
}

// FormatDecimal writes v/scale as a short decimal ("0.17", "1.25", "3").
func FormatDecimal(v, scale int64) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	s := strconv.FormatInt(v/scale, 10)
	if scale == 1 || v%scale == 0 {
		return sign + s
	}
	digits := 0
	for sc := scale; sc > 1; sc /= 10 {
		digits++
	}
	frac := fmt.Sprintf("%0*d", digits, v%scale)
	return sign + s + "." + strings.TrimRight(frac, "0")
}

// perMillion is mulDiv(a, b, 1000000): a share in parts per million. The
// divisor is a constant, which compiles to multiplications (a 64-bit
// divide is slow, above all in WebAssembly); the demand step takes 108 a
// day.
func perMillion(a, b int64) int64 {
	if a > 0 && b > 0 && bits.Len64(uint64(a))+bits.Len64(uint64(b)) <= 64 {
		return int64(uint64(a) * uint64(b) / 1000000)
	}
	return mulDiv(a, b, 1000000)
}

// mulDiv returns a*b/c rounded towards zero, for a, b ≥ 0 and c > 0, with
// a 128-bit intermediate so that shares of large totals cannot overflow.
// A quotient beyond int64 saturates.
func mulDiv(a, b, c int64) int64 {
	if a <= 0 || b <= 0 || c <= 0 {
		return 0
	}
	if bits.Len64(uint64(a))+bits.Len64(uint64(b)) <= 64 {
		// The product fits in 64 bits: one division, the same quotient.
		// (WebAssembly has no 128-bit divide; bits.Div64 is a slow loop there.)
		return int64(min(uint64(a)*uint64(b)/uint64(c), math.MaxInt64))
	}
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi >= uint64(c) {
		return math.MaxInt64
	}
	q, _ := bits.Div64(hi, lo, uint64(c))
	if q > math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(q)
}
