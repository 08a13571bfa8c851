package i18n

import (
	"strings"
	"testing"

	"gigasandbox/model/report"
)

// TestUnitsWorded: every unit of model/report has its words in every
// language, but the two a row words itself (a tier, yes or no).
func TestUnitsWorded(t *testing.T) {
	for u := range report.Unit(report.NumUnits) {
		if u == report.Tier || u == report.YesNo {
			continue
		}
		k := UnitKey(u)
		if k == "" || !Get("en").Knows(k) {
			t.Errorf("unit %d has no catalog format (%q)", u, k)
		}
	}
}

// TestQuantity: report's figures in their whole units, in a language.
func TestQuantity(t *testing.T) {
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
		{"en", 1, report.Chips, false, "1 chip"},
	}
	for _, tt := range tests {
		if got := Get(tt.lang).Quantity(tt.v, tt.u, tt.tenths); got != tt.want {
			t.Errorf("%s: quantity(%d, %d, %v) = %q, want %q", tt.lang, tt.v, tt.u, tt.tenths, got, tt.want)
		}
	}
	if got := Get("en").UnitName(report.EuroMillions); got != "€ bn" {
		t.Errorf("unitName(EuroMillions) = %q, want € bn", got)
	}
}

// TestCSVFormat: every column of the run's CSV has a label in every
// language, no two alike, and the separator is not the decimal mark.
func TestCSVFormat(t *testing.T) {
	cols := report.CSVHeader()
	for _, lang := range Langs {
		c := Get(lang)
		f := c.CSVFormat()
		if len(f.Header) != len(cols) {
			t.Fatalf("%s: %d labels for %d columns", lang, len(f.Header), len(cols))
		}
		seen := map[string]string{}
		for i, label := range f.Header {
			if strings.HasPrefix(label, "csv.") || label == "" {
				t.Errorf("%s: column %s has no label", lang, cols[i])
			}
			if other, ok := seen[label]; ok {
				t.Errorf("%s: columns %s and %s are both labelled %q", lang, other, cols[i], label)
			}
			seen[label] = cols[i]
		}
		if string(f.Comma) == c.Num.Decimal || !f.BOM {
			t.Errorf("%s: separator %q beside decimal mark %q, BOM %v", lang, f.Comma, c.Num.Decimal, f.BOM)
		}
	}
}
