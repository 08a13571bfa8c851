// Package i18n holds the page's words in English, French and German, and
// looks them up. Every string the page shows comes from a catalog
// (en.json, fr.json, de.json beside this file); a test checks that every key
// exists in every language with the same placeholders and that every key is
// used by the page.
//
// Catalog values are fmt formats. Translations may reorder arguments with
// explicit indexes (%[2]s before %[1]s).
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
)

//go:embed *.json
var files embed.FS

// Langs are the languages, in the order the page offers them.
var Langs = []string{"en", "fr", "de"}

// Names are the languages' own names, by code.
var Names = map[string]string{"en": "English", "fr": "Français", "de": "Deutsch"}

// Catalog is one language's words, falling back to English for a key a
// language lacks (the test makes sure none does).
type Catalog struct {
	Lang string
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
			return &Catalog{Lang: l, m: m, en: en}
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
