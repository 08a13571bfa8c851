package game

import (
	"testing"

	"golang.org/x/image/font/sfnt"

	"gigasandbox/game/i18n"
)

// TestFontsCoverEveryCatalog: every character of every language the page
// speaks has a glyph in the page's regular face (Go Regular, which covers
// WGL4: Latin, Greek and Cyrillic), so no label shows a box. Bold is used
// for headings and numbers, whose letters are checked the same way.
func TestFontsCoverEveryCatalog(t *testing.T) {
	var buf sfnt.Buffer
	for _, lang := range i18n.Langs {
		missing := map[rune]string{}
		for key, v := range i18n.Raw(lang) {
			for _, r := range v {
				if r < ' ' {
					continue // line breaks
				}
				for _, f := range []*sfntFont{{"regular", regularFont}, {"bold", boldFont}} {
					if f.name == "bold" && r >= 0x2000 {
						continue // symbols (▸, ✓) are drawn in the regular face
					}
					if gi, err := f.font.GlyphIndex(&buf, r); err != nil || gi == 0 {
						missing[r] = key + " (" + f.name + ")"
					}
				}
			}
		}
		for r, where := range missing {
			t.Errorf("%s: no glyph for %q (U+%04X), in %s", lang, r, r, where)
		}
	}
}

type sfntFont struct {
	name string
	font *sfnt.Font
}
