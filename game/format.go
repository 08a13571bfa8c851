package game

import (
	"fmt"
	"strconv"
	"strings"

	"gigasandbox/model"
)

// Formatting only: every figure shown comes from the model; these turn its
// integers into text a reader can take in at a glance.

// numbers is how a language writes numbers: the thousands separator, the
// decimal mark, and where units go.
type numbers struct {
	group, decimal   string
	pctSep           string // between a number and %: "" in English, a no-break space in French and German
	bn, m            string // "€%sbn" style formats of billions and millions of euros
	euroPre, euroSuf string // euros below a million: prefix or suffix
}

var locales = map[string]numbers{
	"en": {group: ",", decimal: ".", pctSep: "", bn: "€%sbn", m: "€%sm", euroPre: "€"},
	"fr": {group: "\u00a0", decimal: ",", pctSep: "\u00a0", bn: "%s\u00a0Md€", m: "%s\u00a0M€", euroSuf: "\u00a0€"},
	"de": {group: ".", decimal: ",", pctSep: "\u00a0", bn: "%s\u00a0Mrd.\u00a0€", m: "%s\u00a0Mio.\u00a0€", euroSuf: "\u00a0€"},
}

// num is the page's current way of writing numbers; SetLang sets it (there
// is one page per program).
var num = locales["en"]

// decimalMark writes f with digits decimals in the current language.
func decimalMark(f float64, digits int) string {
	s := strconv.FormatFloat(f, 'f', digits, 64)
	if num.decimal != "." {
		s = strings.Replace(s, ".", num.decimal, 1)
	}
	return s
}

// thousands writes n with a separator every three digits: 412,300.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var out strings.Builder
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out.WriteString(num.group)
		}
		out.WriteByte(s[i])
	}
	if neg {
		return "-" + out.String()
	}
	return out.String()
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
		return sign + fmt.Sprintf(num.bn, decimalMark(e/1e9, 2))
	case e >= 1e6:
		return sign + fmt.Sprintf(num.m, decimalMark(e/1e6, 0))
	}
	return sign + num.euroPre + thousands(int64(e)) + num.euroSuf
}

// mw writes a power in watts as megawatts.
func mw(w model.Watts) string { return thousands(w.MW()) + " MW" }

// compact writes a count as 12.3k or 1.20M.
func compact(n int64) string {
	f := float64(n)
	switch {
	case n >= 1000000 || n <= -1000000:
		return decimalMark(f/1e6, 2) + "M"
	case n >= 10000 || n <= -10000:
		return decimalMark(f/1e3, 1) + "k"
	}
	return thousands(n)
}

// pct writes a share in thousandths as a percentage.
func pct(p int64) string { return decimalMark(float64(p)/10, 1) + num.pctSep + "%" }
