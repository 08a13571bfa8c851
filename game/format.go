package game

import (
	"fmt"
	"strconv"
	"strings"

	"gigasandbox/game/i18n"
	"gigasandbox/model"
	"gigasandbox/model/report"
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

// num is the page's current way of writing numbers (localeOf); SetLang
// sets it (there is one page per program).
var num = localeOf(i18n.Get("en"))

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

// unitKeys are the catalog formats of report's units, each with one %s
// for the number ("%s MW", "€%s bn"). Tier and YesNo are worded by the
// row that shows them.
var unitKeys = [report.NumUnits]string{
	report.Chips: "unit.chips", report.H100e: "unit.h100e", report.Sites: "unit.sites",
	report.Companies: "unit.companies", report.MilliCompanies: "unit.companies", report.Days: "unit.days",
	report.KW: "unit.mw", report.MW: "unit.mw", report.GWh: "unit.gwh", report.MillionH100eHours: "unit.m_h100e_hours",
	report.Permille: "unit.pct", report.BasisPoints: "unit.pct", report.EuroThousands: "unit.eur_m",
	report.EuroMillions: "unit.eur_bn", report.CentsPerMWh: "unit.eur_per_mwh",
	report.GramsCO2ePerKWh: "unit.g_co2e_per_kwh", report.TonnesCO2e: "unit.kt_co2e", report.KtCO2e: "unit.kt_co2e",
}

// figure writes v, counted in u, as a number of u's whole unit in the
// page's language, without the unit: with one decimal when tenths is set
// and u counts fractions of its whole unit (192 permille: "19.2"), whole
// otherwise (399,336 chips; 1,569,500 t: "1,570" kt). It rounds half away
// from zero.
func figure(v int64, u report.Unit, tenths bool) string {
	scale := u.Scale()
	if scale <= 1 {
		return thousands(v)
	}
	if !tenths {
		return thousands(roundDiv(v, scale))
	}
	t := roundDiv(v, scale/10)
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	return sign + thousands(t/10) + num.decimal + strconv.FormatInt(t%10, 10)
}

// roundDiv is v/d rounded half away from zero.
func roundDiv(v, d int64) int64 {
	if d <= 1 {
		return v
	}
	if v < 0 {
		return -((-v + d/2) / d)
	}
	return (v + d/2) / d
}

// quantity writes a figure with its unit, in the page's language:
// "19.2%", "€366.4 m", "1,570 kt CO2e".
func (g *Game) quantity(v int64, u report.Unit, tenths bool) string {
	scale := u.Scale()
	if tenths && scale > 1 {
		return g.tr(unitKeys[u], figure(v, u, tenths)) // a fraction: CLDR's "other"
	}
	// a whole count takes its plural form: "1 chip", "22 chipy"
	return g.cat.N(unitKeys[u], roundDiv(v, max(scale, 1)), figure(v, u, tenths))
}

// unitName is u's whole unit alone, for a heading: "€ bn", "%".
func (g *Game) unitName(u report.Unit) string {
	return strings.TrimSpace(g.tr(unitKeys[u], ""))
}
