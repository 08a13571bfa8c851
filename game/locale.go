package game

import (
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"gigasandbox/game/i18n"
)

// localeOf is how lang writes numbers: the thousands separator, the
// decimal mark and the space before % from CLDR (golang.org/x/text), the
// euro amounts from the catalog's own formats ("unit.eur_bn",
// "unit.eur_m"), so that a figure in the headline strip and the same
// figure in a table read alike.
func localeOf(cat *i18n.Catalog) numbers {
	l := cldrNumbers(cat.Lang)
	l.bn, l.m = cat.T("unit.eur_bn", "%s"), cat.T("unit.eur_m", "%s")
	// Euros below a million go where the millions' sign goes: "€1,234" or
	// "1 234 €".
	if pre, _, ok := strings.Cut(l.m, "%s"); ok && strings.Contains(pre, "€") {
		l.euroPre = "€"
	} else {
		l.euroSuf = "\u00a0€"
	}
	return l
}

// cldrNumbers reads CLDR's separators for lang off x/text's formatting of
// a probe number, once per language.
var cldrNumbers = func() func(string) numbers {
	var mu sync.Mutex
	seen := map[string]numbers{}
	return func(lang string) numbers {
		mu.Lock()
		defer mu.Unlock()
		if n, ok := seen[lang]; ok {
			return n
		}
		tag, err := language.Parse(lang)
		if err != nil {
			tag = language.English
		}
		p := message.NewPrinter(tag)
		// 1234567.5 reads "1,234,567.5", "1 234 567,5" or "1.234.567,5".
		probe := []rune(p.Sprint(number.Decimal(1234567.5, number.MaxFractionDigits(1))))
		n := numbers{group: string(probe[1]), decimal: string(probe[len(probe)-2])}
		if pc := p.Sprint(number.Percent(0.25)); strings.HasPrefix(pc, "25") && !strings.HasPrefix(pc, "25%") {
			n.pctSep = "\u00a0"
		}
		seen[lang] = n
		return n
	}
}()
