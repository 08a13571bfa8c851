package game

import (
	"testing"

	"gigasandbox/game/i18n"
	"gigasandbox/model/report"
)

// TestUnitsWorded: every unit of model/report has its words in every
// language, but the two a row words itself (a tier, yes or no).
func TestUnitsWorded(t *testing.T) {
	for u := range report.Unit(report.NumUnits) {
		if u == report.Tier || u == report.YesNo {
			continue
		}
		k := unitKeys[u]
		if k == "" || !i18n.Get("en").Knows(k) {
			t.Errorf("unit %d has no catalog format (%q)", u, k)
		}
	}
}

// TestQuantity: the page writes report's figures in their whole units,
// in the page's language.
func TestQuantity(t *testing.T) {
	g := &Game{cat: i18n.Get("en")}
	defer func() { num = localeOf(i18n.Get("en")) }()
	tests := []struct {
		lang   string
		v      int64
		u      report.Unit
		tenths bool
		want   string
	}{
		{"en", 399336, report.Chips, false, "399,336 chips"},
		{"en", 625, report.Permille, true, "62.5%"},
		{"en", 15552, report.EuroMillions, true, "€15.6 bn"},
		{"en", -1449, report.EuroMillions, true, "€-1.4 bn"},
		{"en", 1569499, report.TonnesCO2e, false, "1,569 kt CO2e"},
		{"en", 1569500, report.TonnesCO2e, false, "1,570 kt CO2e"},
		{"en", 1621900, report.MilliCompanies, false, "1,622 companies"},
		{"en", 99500, report.KW, false, "100 MW"},
		{"en", 218449, report.KW, true, "218.4 MW"},
		{"en", 19150, report.CentsPerMWh, true, "191.5 €/MWh"},
		{"en", 366449, report.EuroThousands, true, "€366.4 m"},
		{"en", 615, report.GramsCO2ePerKWh, true, "615 g CO2e/kWh"},
		{"en", 49901, report.H100e, true, "49,901 H100e"},
		{"en", 383, report.BasisPoints, true, "3.8%"},
		{"fr", 625, report.Permille, true, "62,5\u00a0%"},
		{"de", 15552, report.EuroMillions, true, "15,6\u00a0Mrd.\u00a0€"},
		{"de", 399336, report.Chips, false, "399.336\u00a0Chips"},
	}
	for _, tt := range tests {
		g.cat, num = i18n.Get(tt.lang), localeOf(i18n.Get(tt.lang))
		if got := g.quantity(tt.v, tt.u, tt.tenths); got != tt.want {
			t.Errorf("%s: quantity(%d, %d, %v) = %q, want %q", tt.lang, tt.v, tt.u, tt.tenths, got, tt.want)
		}
	}
	g.cat, num = i18n.Get("en"), localeOf(i18n.Get("en"))
	if got := g.unitName(report.EuroMillions); got != "€ bn" {
		t.Errorf("unitName(EuroMillions) = %q, want € bn", got)
	}
}
