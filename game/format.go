package game

import (
	"gigasandbox/game/i18n"
	"gigasandbox/model"
	"gigasandbox/model/report"
)

// Formatting only: every figure shown comes from the model; these turn its
// integers into text a reader can take in at a glance.

// num is the page's current way of writing numbers (its catalog's);
// SetLang sets it (there is one page per program).
var num = i18n.Get("en").Num

// decimalMark writes f with digits decimals in the current language.
func decimalMark(f float64, digits int) string { return num.Fixed(f, digits) }

// thousands writes n with a separator every three digits: 412,300.
func thousands(n int64) string { return num.Thousands(n) }

// euros writes an amount in cents as €1.23bn, €456m or €7,890.
func euros(c model.EuroCents) string { return num.Euros(int64(c)) }

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
func pct(p int64) string { return num.Pct(p) }

// quantity writes a figure with its unit, in the page's language:
// "19.2%", "€366.4 m", "1,570 kt CO2e".
func (g *Game) quantity(v int64, u report.Unit, tenths bool) string {
	return g.cat.Quantity(v, u, tenths)
}

// figure writes v, counted in u, as a number of u's whole unit in the
// page's language, without the unit (i18n.Catalog.Figure).
func figure(v int64, u report.Unit, tenths bool) string {
	return num.Figure(v, u, tenths)
}

// unitName is u's whole unit alone, for a heading: "€ bn", "%".
func (g *Game) unitName(u report.Unit) string { return g.cat.UnitName(u) }

// date writes a simulated day as the page's language writes dates.
func (g *Game) date(d model.Day) string { return g.cat.Date(d) }

// signed is a difference as figure writes it with one decimal, with "+"
// before a gain: "+0.3", "-1.4", "0.0".
func signed(v int64, u report.Unit) string {
	s := figure(v, u, true)
	if v > 0 {
		s = "+" + s
	}
	return s
}
