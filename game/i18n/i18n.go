// Package i18n holds the page's words in the EU's official languages, and
// looks them up. Every string the page shows comes from a catalog (en.json,
// fr.json, … beside this file: a language is spoken once its catalog is
// here); a test checks that every key exists in every language with the
// same placeholders and that every key is used by the page.
//
// Catalog values are fmt formats. Translations may reorder arguments with
// explicit indexes (%[2]s before %[1]s).
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

//go:embed *.json
var files embed.FS

// official are the EU's 24 official languages with their own names, in
// the order the EU lists them (alphabetical by their own names).
var official = []struct{ code, name string }{
	{"bg", "български"}, {"es", "español"}, {"cs", "čeština"}, {"da", "dansk"}, {"de", "Deutsch"},
	{"et", "eesti"}, {"el", "ελληνικά"}, {"en", "English"}, {"fr", "français"}, {"ga", "Gaeilge"},
	{"hr", "hrvatski"}, {"it", "italiano"}, {"lv", "latviešu"}, {"lt", "lietuvių"}, {"hu", "magyar"},
	{"mt", "Malti"}, {"nl", "Nederlands"}, {"pl", "polski"}, {"pt", "português"}, {"ro", "română"},
	{"sk", "slovenčina"}, {"sl", "slovenščina"}, {"fi", "suomi"}, {"sv", "svenska"},
}

// Langs are the languages the page speaks, in the order it offers them
// (the EU's). A language joins once its catalog is beside this file, every
// key translated, and the layout test finds every label fitting.
var Langs = spoken("bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv")

// Names are the languages' own names, by code.
var Names = func() map[string]string {
	m := map[string]string{}
	for _, l := range official {
		m[l.code] = l.name
	}
	return m
}()

// Official lists the codes of the EU's 24 official languages, in the EU's
// order, whether or not the page speaks them yet.
func Official() []string {
	out := make([]string, len(official))
	for i, l := range official {
		out[i] = l.code
	}
	return out
}

// spoken lists the given codes in the EU's order.
func spoken(codes ...string) []string {
	var out []string
	for _, l := range official {
		for _, c := range codes {
			if c == l.code {
				out = append(out, c)
			}
		}
	}
	return out
}

// Catalog is one language's words, falling back to English for a key a
// language lacks (the test makes sure none does).
type Catalog struct {
	Lang string
	Num  Numbers // how the language writes numbers and dates
	m    map[string]string
	en   map[string]string
}

// catalogs are parsed when first asked for: the page needs one language
// (and English beside it), and parsing every catalog at start-up delays
// the first frame, the more so on a slow phone and the more languages
// there are.
var catalogs = map[string]func() *Catalog{}

func init() {
	for _, l := range Langs {
		catalogs[l] = sync.OnceValue(func() *Catalog {
			m, err := parse(l)
			if err != nil {
				panic(err) // the catalogs are compiled in and tested
			}
			en := m
			if l != "en" {
				en = catalog("en").m
			}
			c := &Catalog{Lang: l, m: m, en: en}
			c.Num = NumbersOf(c)
			return c
		})
	}
}

// catalog is lang's catalog, or nil for a language the page does not speak.
func catalog(lang string) *Catalog {
	if c, ok := catalogs[lang]; ok {
		return c()
	}
	return nil
}

func parse(lang string) (map[string]string, error) {
	b, err := files.ReadFile(lang + ".json")
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("i18n: %s.json: %w", lang, err)
	}
	return m, nil
}

// Get returns the catalog of a language, or English for an unknown code.
func Get(lang string) *Catalog {
	if c := catalog(lang); c != nil {
		return c
	}
	return catalog("en")
}

// Has reports whether lang is a language the page speaks.
func Has(lang string) bool { _, ok := catalogs[lang]; return ok }

// T returns the text of key, formatted with args.
func (c *Catalog) T(key string, args ...any) string {
	f, ok := c.m[key]
	if !ok {
		if f, ok = c.en[key]; !ok {
			return key
		}
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// Knows reports whether the catalogs have key.
func (c *Catalog) Knows(key string) bool { _, ok := c.en[key]; return ok }

// Keys lists the English catalog's keys, sorted.
func Keys() []string {
	en := catalog("en").m
	out := make([]string, 0, len(en))
	for k := range en {
		if strings.Contains(k, "|") {
			continue // a plural form of a key
		}
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Raw returns a language's catalog as it is in its file, for the tests.
func Raw(lang string) map[string]string {
	c := catalog(lang)
	if c == nil {
		return nil
	}
	out := make(map[string]string, len(c.m))
	for k, v := range c.m {
		out[k] = v
	}
	return out
}

// Plural forms, as CLDR names them: a catalog gives a count's text for a
// form as "key|one", "key|few", … and for every other count as "key".
var formNames = [...]string{plural.Other: "other", plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many"}

// Form is the plural form lang uses for the whole number n ("one" for 1
// in English, "few" for 3 in Polish), by CLDR's rules.
func Form(lang string, n int64) string {
	if n < 0 {
		n = -n
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return "other"
	}
	// MatchPlural takes the integer digits; CLDR's rules look at the last
	// six at most, so a large count is reduced without changing its form.
	if n > 1_000_000 {
		n = n%1_000_000 + 1_000_000
	}
	return formNames[plural.Cardinal.MatchPlural(tag, int(n), 0, 0, 0, 0)]
}

// N returns the text of key for the count n, formatted with args: the
// catalog's "key|<form>" for n's plural form if it has one, else key.
func (c *Catalog) N(key string, n int64, args ...any) string {
	if f := Form(c.Lang, n); f != "other" {
		if _, ok := c.m[key+"|"+f]; ok {
			return c.T(key+"|"+f, args...)
		}
	}
	return c.T(key, args...)
}

// Forms lists the plural forms lang uses for whole numbers, "other" last:
// the variants a plural key needs in its catalog.
func Forms(lang string) []string {
	seen := map[string]bool{}
	var out []string
	for n := int64(0); n <= 1000; n++ {
		if f := Form(lang, n); !seen[f] && f != "other" {
			seen[f] = true
			out = append(out, f)
		}
	}
	return append(out, "other")
}
