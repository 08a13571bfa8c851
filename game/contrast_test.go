package game

import (
	"image/color"
	"math"
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

// TestContrast: the page's text stands out from what it is drawn on by at
// least 4.5:1, and its meaningful graphics (chart lines, the focus ring,
// the selected state's outline) by at least 3:1 (WCAG 2.1 1.4.3, 1.4.11).
func TestContrast(t *testing.T) {
	type pair struct {
		what   string
		fg, bg color.RGBA
		min    float64
	}
	pairs := []pair{}
	for name, bg := range map[string]color.RGBA{"background": colBackground, "panel": colPanel, "button": colButton,
		"hovered button": colButtonHover, "tooltip": colTip, "off button": colButtonOff} {
		pairs = append(pairs, pair{"text on " + name, colText, bg, 4.5})
	}
	for name, bg := range map[string]color.RGBA{"background": colBackground, "panel": colPanel} {
		pairs = append(pairs, pair{"dim text on " + name, colTextDim, bg, 4.5})
	}
	pairs = append(pairs,
		pair{"bar text on the bar", colBarText, colBar, 4.5},
		pair{"text on a pressed button", colTextOn, colButtonOn, 4.5},
		pair{"text on the accent", colTextOn, colAccent, 4.5},
		pair{"text on an error", colTextOn, colError, 4.5},
		pair{"focus ring on a panel", colFocus, colPanel, 3},
		pair{"focus ring on the background", colFocus, colBackground, 3},
		pair{"selected outline on the sea", colSelected, colSea, 3},
	)
	for v, bg := range verdictColours {
		pairs = append(pairs, pair{"verdict " + report.GoalVerdict(v).String(), colTextOn, bg, 4.5})
	}
	for i, c := range series {
		pairs = append(pairs, pair{"chart line " + string(rune('1'+i)), c, colPanel, 3})
	}
	for _, p := range pairs {
		if r := contrast(p.fg, p.bg); r < p.min {
			t.Errorf("%s: contrast %.2f, want at least %.1f", p.what, r, p.min)
		}
	}
}
