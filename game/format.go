package game

import (
	"fmt"
	"strconv"

	"gigasandbox/model"
)

// Formatting only: every figure shown comes from the model; these turn its
// integers into text a reader can take in at a glance.

// thousands writes n with a thin comma every three digits: 412,300.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	out := make([]byte, 0, len(s)+len(s)/3+1)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// euros writes an amount in cents as €1.23bn, €456m or €7,890.
func euros(c model.EuroCents) string {
	e := float64(c) / 100
	sign := ""
	if e < 0 {
		sign, e = "-", -e
	}
	switch {
	case e >= 1e9:
		return fmt.Sprintf("%s€%.2fbn", sign, e/1e9)
	case e >= 1e6:
		return fmt.Sprintf("%s€%.0fm", sign, e/1e6)
	}
	return sign + "€" + thousands(int64(e))
}

// mw writes a power in watts as megawatts.
func mw(w model.Watts) string { return thousands(w.MW()) + " MW" }

// compact writes a count as 12.3k or 1.20M.
func compact(n int64) string {
	f := float64(n)
	switch {
	case n >= 1000000 || n <= -1000000:
		return fmt.Sprintf("%.2fM", f/1e6)
	case n >= 10000 || n <= -10000:
		return fmt.Sprintf("%.1fk", f/1e3)
	}
	return thousands(n)
}

// pct writes a share in thousandths as a percentage.
func pct(p int64) string { return fmt.Sprintf("%.1f%%", float64(p)/10) }

// monthYear writes a day as "Mar 2027".
func monthYear(d model.Day) string {
	y, m, _ := d.Date()
	return fmt.Sprintf("%s %d", months[m-1], y)
}

var months = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
