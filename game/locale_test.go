package game

import (
	"testing"

	"gigasandbox/game/i18n"
)

// TestLocaleOf: the separators come from CLDR, and for the three languages
// that had hand-written ones they are the same; euros go where each
// catalog's millions put the sign.
func TestLocaleOf(t *testing.T) {
	tests := []struct {
		lang, group, decimal, pctSep, euroPre, euroSuf string
	}{
		{"en", ",", ".", "", "€", ""},
		{"fr", "\u00a0", ",", "\u00a0", "", "\u00a0€"},
		{"de", ".", ",", "\u00a0", "", "\u00a0€"},
	}
	for _, tt := range tests {
		n := localeOf(i18n.Get(tt.lang))
		if n.group != tt.group || n.decimal != tt.decimal || n.pctSep != tt.pctSep || n.euroPre != tt.euroPre || n.euroSuf != tt.euroSuf {
			t.Errorf("%s: %+v", tt.lang, n)
		}
	}
	for _, lang := range i18n.Langs {
		n := localeOf(i18n.Get(lang))
		if n.group == n.decimal || n.decimal == "" || n.bn == "" || n.m == "" {
			t.Errorf("%s: %+v", lang, n)
		}
	}
}
