package i18n

import (
	"fmt"
	"testing"

	"gigasandbox/model"
)

// TestNumbersOf: the separators come from CLDR, and for the three languages
// that had hand-written ones they are the same; euros go where each
// catalog's millions put the sign.
func TestNumbersOf(t *testing.T) {
	tests := []struct {
		lang, group, decimal, pctSep, euroPre, euroSuf string
	}{
		{"en", ",", ".", "", "€", ""},
		{"fr", "\u00a0", ",", "\u00a0", "", "\u00a0€"},
		{"de", ".", ",", "\u00a0", "", "\u00a0€"},
	}
	for _, tt := range tests {
		n := Get(tt.lang).Num
		if n.Group != tt.group || n.Decimal != tt.decimal || n.PctSep != tt.pctSep || n.EuroPre != tt.euroPre || n.EuroSuf != tt.euroSuf {
			t.Errorf("%s: %+v", tt.lang, n)
		}
	}
	for _, lang := range Langs {
		n := Get(lang).Num
		if n.Group == n.Decimal || n.Decimal == "" || n.Bn == "" || n.M == "" {
			t.Errorf("%s: %+v", lang, n)
		}
	}
}

// TestDates: each language writes a date by CLDR's numeric pattern for it,
// and every catalog's pattern parses (a faulty one would fall back to ISO).
func TestDates(t *testing.T) {
	day := model.Day(0)
	for day.Year() == model.Day(0).Year() || func() bool { _, m, d := day.Date(); return m != 3 || d != 4 }() {
		day++
	}
	y := day.Year()
	tests := map[string]string{
		"en": "04/03/%d", "de": "04.03.%d", "fr": "04/03/%d", "hu": "%d. 03. 04.", "sv": "%d-03-04",
		"lt": "%d-03-04", "nl": "04-03-%d", "cs": "4. 3. %d", "hr": "04. 03. %d.", "bg": "4.03.%d г.",
	}
	for lang, want := range tests {
		if got, w := Get(lang).Date(day), fmt.Sprintf(want, y); got != w {
			t.Errorf("%s: %s, want %s", lang, got, w)
		}
	}
	for _, lang := range Langs {
		if parseDatePattern(Get(lang).T("format.date")) == nil {
			t.Errorf("%s: format.date %q is not a numeric date pattern with y, M and d", lang, Get(lang).T("format.date"))
		}
	}
	if got := (Numbers{}).Date(2027, 3, 4); got != "2027-03-04" {
		t.Errorf("no pattern: %s, want ISO 8601", got)
	}
}
