package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Numbers is how a language writes numbers, amounts and dates: the
// thousands separator, the decimal mark and the space before % from CLDR
// (golang.org/x/text), the euro amounts and the date pattern from the
// catalog ("unit.eur_bn", "unit.eur_m", "format.date"), so that a figure
// reads alike in the headline strip, a table and the command line.
type Numbers struct {
	Group, Decimal   string
	PctSep           string // between a number and %: "" in English, a no-break space in French and German
	Bn, M            string // "€%s bn" style formats of billions and millions of euros
	EuroPre, EuroSuf string // euros below a million: "€" before, or " €" after
	date             []dateToken
}

// NumbersOf is lang's way of writing numbers: c's language's.
func NumbersOf(c *Catalog) Numbers {
	n := cldrNumbers(c.Lang)
	n.Bn, n.M = c.T("unit.eur_bn", "%s"), c.T("unit.eur_m", "%s")
	// Euros below a million go where the millions' sign goes: "€1,234" or
	// "1 234 €".
	if pre, _, ok := strings.Cut(n.M, "%s"); ok && strings.Contains(pre, "€") {
		n.EuroPre = "€"
	} else {
		n.EuroSuf = "\u00a0€"
	}
	n.date = parseDatePattern(c.T("format.date"))
	return n
}

// cldrNumbers reads CLDR's separators for lang off x/text's formatting of
// a probe number, once per language.
var cldrNumbers = func() func(string) Numbers {
	var mu sync.Mutex
	seen := map[string]Numbers{}
	return func(lang string) Numbers {
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
		n := Numbers{Group: string(probe[1]), Decimal: string(probe[len(probe)-2])}
		if pc := p.Sprint(number.Percent(0.25)); strings.HasPrefix(pc, "25") && !strings.HasPrefix(pc, "25%") {
			n.PctSep = "\u00a0"
		}
		seen[lang] = n
		return n
	}
}()

// Thousands writes n with a separator every three digits: 412,300.
func (n Numbers) Thousands(v int64) string {
	s := strconv.FormatInt(v, 10)
	neg := v < 0
	if neg {
		s = s[1:]
	}
	var out strings.Builder
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out.WriteString(n.Group)
		}
		out.WriteByte(s[i])
	}
	if neg {
		return "-" + out.String()
	}
	return out.String()
}

// Fixed writes f with digits decimals and the language's decimal mark
// (no thousands separators).
func (n Numbers) Fixed(f float64, digits int) string {
	s := strconv.FormatFloat(f, 'f', digits, 64)
	if n.Decimal != "." {
		s = strings.Replace(s, ".", n.Decimal, 1)
	}
	return s
}

// Pct writes a share in thousandths as a percentage with one decimal.
func (n Numbers) Pct(permille int64) string {
	return n.Fixed(float64(permille)/10, 1) + n.PctSep + "%"
}

// Euros writes an amount in cents as €1.23bn, €456m or €7,890.
func (n Numbers) Euros(cents int64) string {
	e := float64(cents) / 100
	sign := ""
	if e < 0 {
		sign, e = "-", -e
	}
	switch {
	case e >= 1e9:
		return sign + fmt.Sprintf(n.Bn, n.Fixed(e/1e9, 2))
	case e >= 1e6:
		return sign + fmt.Sprintf(n.M, n.Fixed(e/1e6, 0))
	}
	return sign + n.EuroPre + n.Thousands(int64(e)) + n.EuroSuf
}

// Date writes a calendar date by the catalog's pattern ("format.date",
// CLDR's numeric date pattern for the language): 14/03/2027, 14.03.2027,
// 2027. 03. 14.
func (n Numbers) Date(year, month, day int) string {
	if len(n.date) == 0 {
		return fmt.Sprintf("%04d-%02d-%02d", year, month, day)
	}
	var b strings.Builder
	for _, t := range n.date {
		switch t.field {
		case 'y':
			fmt.Fprintf(&b, "%04d", year)
		case 'M':
			fmt.Fprintf(&b, "%0*d", t.width, month)
		case 'd':
			fmt.Fprintf(&b, "%0*d", t.width, day)
		default:
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// dateToken is a field of a date pattern (y, M or MM, d or dd, width 1 or
// 2) or literal text.
type dateToken struct {
	field byte
	width int
	text  string
}

// parseDatePattern reads the subset of CLDR's date pattern syntax that
// numeric dates use: y, M, MM, d, dd, 'quoted text' and any other
// character as itself. It returns nil for a pattern without y, M and d,
// so that a faulty catalog falls back to ISO 8601.
func parseDatePattern(p string) []dateToken {
	var out []dateToken
	seen := map[byte]bool{}
	for i := 0; i < len(p); {
		c := p[i]
		switch c {
		case 'y', 'M', 'd':
			j := i
			for j < len(p) && p[j] == c {
				j++
			}
			out = append(out, dateToken{field: c, width: min(j-i, 2)})
			seen[c] = true
			i = j
		case '\'':
			j := strings.IndexByte(p[i+1:], '\'')
			if j < 0 {
				return nil
			}
			out = append(out, dateToken{text: p[i+1 : i+1+j]})
			i += j + 2
		default:
			out = append(out, dateToken{text: string(c)})
			i++
		}
	}
	if !seen['y'] || !seen['M'] || !seen['d'] {
		return nil
	}
	return out
}
