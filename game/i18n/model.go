package i18n

import (
	"strings"

	"gigasandbox/model"
	"gigasandbox/model/report"
)

// The model and its reports give numbers with units; these word them in a
// catalog's language, the same for the page and the command line.

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

// UnitKey is the catalog format of u ("unit.mw"), "" for a unit a row
// words itself.
func UnitKey(u report.Unit) string { return unitKeys[u] }

// Figure writes v, counted in u, as a number of u's whole unit, without
// the unit: with one decimal when tenths is set and u counts fractions of
// its whole unit (192 permille: "19.2"), whole otherwise (399,336 chips;
// 1,569,500 t: "1,570" kt). It rounds half away from zero.
func (n Numbers) Figure(v int64, u report.Unit, tenths bool) string {
	scale := u.Scale()
	if scale <= 1 {
		return n.Thousands(v)
	}
	if !tenths {
		return n.Thousands(RoundDiv(v, scale))
	}
	t := RoundDiv(v, scale/10)
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	return sign + n.Thousands(t/10) + n.Decimal + string(rune('0'+t%10))
}

// RoundDiv is v/d rounded half away from zero.
func RoundDiv(v, d int64) int64 {
	if d <= 1 {
		return v
	}
	if v < 0 {
		return -((-v + d/2) / d)
	}
	return (v + d/2) / d
}

// Quantity writes a figure with its unit: "19.2%", "€366.4 m",
// "1,570 kt CO2e", "1 chip", "22 chipy".
func (c *Catalog) Quantity(v int64, u report.Unit, tenths bool) string {
	scale := u.Scale()
	if unitKeys[u] == "" {
		return c.Num.Figure(v, u, tenths)
	}
	if tenths && scale > 1 {
		return c.T(unitKeys[u], c.Num.Figure(v, u, tenths)) // a fraction: CLDR's "other"
	}
	return c.N(unitKeys[u], RoundDiv(v, max(scale, 1)), c.Num.Figure(v, u, tenths))
}

// UnitName is u's whole unit alone, for a heading: "€ bn", "%".
func (c *Catalog) UnitName(u report.Unit) string {
	if unitKeys[u] == "" {
		return ""
	}
	return strings.TrimSpace(c.T(unitKeys[u], ""))
}

// Date writes a simulated day as the language writes dates.
func (c *Catalog) Date(d model.Day) string {
	y, m, day := d.Date()
	return c.Num.Date(y, m, day)
}

// StateName is a member state's name by its index.
func (c *Catalog) StateName(st int) string { return c.T("country." + model.StateCode(st)) }

// Message is a model message in words. The model says why things happen
// in numbers; the catalogs say it, by message kind.
func (c *Catalog) Message(m model.Message) string {
	where := ""
	if m.State >= 0 && m.State < model.NumStates {
		where = c.StateName(m.State) + ": "
	}
	site := m.SiteName()
	switch m.Kind {
	case model.MsgConstruction:
		return where + c.T("msg.construction", site, c.Date(model.Day(m.N)))
	case model.MsgGridQueued:
		return where + c.T("msg.gridqueued", site, model.Watts(m.N).MW(), model.Watts(m.M).MW())
	case model.MsgGridGranted:
		return where + c.T("msg.gridgranted", site, model.Watts(m.N).MW(), c.Date(model.Day(m.M)))
	case model.MsgEnergised:
		return where + c.T("msg.energised", site)
	case model.MsgCapReached:
		return where + c.T("msg.capreached", c.Num.Thousands(m.N))
	case model.MsgFundExhausted:
		return c.T("msg.fundexhausted")
	case model.MsgCrunch:
		digits := 1
		if m.N%10 == 0 {
			digits = 0 // "20", not "20.0"
		}
		return where + c.T("msg.crunch", c.Num.Fixed(float64(m.N)/10, digits), c.Date(model.Day(m.M)))
	case model.MsgCrunchOver:
		return where + c.T("msg.crunchover")
	case model.MsgGridReady:
		return where + c.T("msg.gridready", model.Watts(m.N).MW())
	case model.MsgRegime:
		return c.T("msg.regime")
	case model.MsgRemoved:
		return where + c.T("msg.removed", site)
	}
	return m.Text()
}

// CSVFormat is how a run's CSV reads in the language, for a spreadsheet:
// each column's label ("csv.<column>"), a semicolon between fields where
// the decimal mark is a comma (as spreadsheets there expect), and a
// byte-order mark so that the accents and € read right.
func (c *Catalog) CSVFormat() report.CSVFormat {
	f := report.CSVFormat{Comma: ',', BOM: true}
	if c.Num.Decimal == "," {
		f.Comma = ';'
	}
	for _, col := range report.CSVHeader() {
		if code, ok := strings.CutPrefix(col, "active_"); ok {
			f.Header = append(f.Header, c.T("csv.active_state", c.T("country."+code)))
			continue
		}
		f.Header = append(f.Header, c.T("csv."+col))
	}
	return f
}

// statusKeys name the site statuses in the catalogs, by model.SiteStatus.
var statusKeys = [model.NumSiteStatus]string{
	"status.planned", "status.construction", "status.waitgrid", "status.waitchips",
	"status.operating", "status.throttled", "status.removed", "status.closed",
}

// Status is a site status in words.
func (c *Catalog) Status(st model.SiteStatus) string {
	if st < model.NumSiteStatus {
		return c.T(statusKeys[st])
	}
	return st.String()
}
