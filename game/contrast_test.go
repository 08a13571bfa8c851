package game

import (
	"image/color"
	"math"
	"slices"
	"testing"

	"gigasandbox/model/report"
)

// luminance is a colour's relative luminance (WCAG 2.1).
func luminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrast is the WCAG contrast ratio of two colours, 1 to 21.
func contrast(a, b color.RGBA) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// pair is a colour drawn on another, and the least contrast it needs.
type pair struct {
	what   string
	fg, bg color.RGBA
	min    float64
}

// themePairs are the palette's colours as the page draws them on each
// other: text needing textMin, meaningful graphics needing graphicMin.
func themePairs(textMin, graphicMin float64) []pair {
	pairs := []pair{}
	for name, bg := range map[string]color.RGBA{"background": colBackground, "panel": colPanel, "button": colButton,
		"hovered button": colButtonHover, "tooltip": colTip, "off button": colButtonOff} {
		pairs = append(pairs, pair{"text on " + name, colText, bg, textMin})
	}
	for name, bg := range map[string]color.RGBA{"background": colBackground, "panel": colPanel} {
		pairs = append(pairs, pair{"dim text on " + name, colTextDim, bg, textMin})
	}
	pairs = append(pairs,
		pair{"bar text on the bar", colBarText, colBar, textMin},
		pair{"text on a pressed button", colTextOn, colButtonOn, textMin},
		pair{"text on the accent", colTextOn, colAccent, textMin},
		pair{"text on an error", colTextOn, colError, textMin},
		pair{"focus ring on a panel", colFocus, colPanel, graphicMin},
		pair{"focus ring on the background", colFocus, colBackground, graphicMin},
		pair{"selected outline on the sea", colSelected, colSea, graphicMin},
	)
	for v, bg := range verdictColours {
		pairs = append(pairs, pair{"verdict " + report.GoalVerdict(v).String(), colTextOn, bg, textMin})
	}
	for i, c := range series {
		pairs = append(pairs, pair{"chart line " + string(rune('1'+i)), c, colPanel, graphicMin})
	}
	return pairs
}

// TestContrast: the page's text stands out from what it is drawn on by at
// least 4.5:1, and its meaningful graphics (chart lines, the focus ring,
// the selected state's outline) by at least 3:1 (WCAG 2.1 1.4.3, 1.4.11).
func TestContrast(t *testing.T) {
	for _, p := range themePairs(4.5, 3) {
		if r := contrast(p.fg, p.bg); r < p.min {
			t.Errorf("%s: contrast %.2f, want at least %.1f", p.what, r, p.min)
		}
	}
}

// TestHighContrast: the theme for prefers-contrast: more sets text at 7:1
// (WCAG 1.4.6), graphics and every control's edge at 4.5:1, and switching
// back restores the standard palette exactly.
func TestHighContrast(t *testing.T) {
	g := newTestGame(t, "baseline")
	before := slices.Clone(standard)
	g.SetHighContrast(true)
	pairs := append(themePairs(7, 4.5), pair{"a control's edge on a panel", colBorder, colPanel, 4.5},
		pair{"a state's edge on the sea", colStateEdge, colSea, 4.5})
	for _, p := range pairs {
		if r := contrast(p.fg, p.bg); r < p.min {
			t.Errorf("high contrast: %s: contrast %.2f, want at least %.1f", p.what, r, p.min)
		}
	}
	if !edges || !g.highContrast {
		t.Error("the high-contrast theme draws no edges on controls")
	}
	g.SetHighContrast(false)
	for i, c := range themed {
		if *c != before[i] {
			t.Errorf("colour %d is %v after switching back, want %v", i, *c, before[i])
		}
	}
	if edges {
		t.Error("edges still drawn after switching back")
	}
}
