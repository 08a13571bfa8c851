package game

import (
	"image/color"
	"math"
	"testing"
)

// cvdMatrices simulate the three dichromacies in linear RGB (Machado,
// Oliveira and Fernandes 2009, severity 1): what a viewer without one kind
// of cone sees.
var cvdMatrices = map[string][3][3]float64{
	"protanopia":   {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}},
	"deuteranopia": {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}},
	"tritanopia":   {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}},
}

func toLinear(v uint8) float64 {
	s := float64(v) / 255
	if s <= 0.04045 {
		return s / 12.92
	}
	return math.Pow((s+0.055)/1.055, 2.4)
}

// simulate is c as a viewer with the dichromacy m sees it, in linear RGB.
func simulate(m [3][3]float64, c color.RGBA) [3]float64 {
	in := [3]float64{toLinear(c.R), toLinear(c.G), toLinear(c.B)}
	var out [3]float64
	for i := range 3 {
		out[i] = min(max(m[i][0]*in[0]+m[i][1]*in[1]+m[i][2]*in[2], 0), 1)
	}
	return out
}

// lab is CIE L*a*b* (D65) of a linear RGB colour.
func lab(rgb [3]float64) [3]float64 {
	x := 0.4124*rgb[0] + 0.3576*rgb[1] + 0.1805*rgb[2]
	y := 0.2126*rgb[0] + 0.7152*rgb[1] + 0.0722*rgb[2]
	z := 0.0193*rgb[0] + 0.1192*rgb[1] + 0.9505*rgb[2]
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	fx, fy, fz := f(x/0.95047), f(y), f(z/1.08883)
	return [3]float64{116*fy - 16, 500 * (fx - fy), 200 * (fy - fz)}
}

func deltaE(a, b [3]float64) float64 {
	return math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
}

// TestReadableWithColourBlindness: for viewers with each of the three
// dichromacies, the map's colour ramp (viridis) still runs from dark to
// light without a turn, so more still reads as more; and the chart lines
// stay apart from each other (CIE76 ΔE at least 10, a plainly visible
// difference; a line is also labelled in its legend).
func TestReadableWithColourBlindness(t *testing.T) {
	for name, m := range cvdMatrices {
		prev := -1.0
		for i := 0; i <= 20; i++ {
			l := lab(simulate(m, viridis(float64(i)/20)))[0]
			if l <= prev {
				t.Errorf("%s: the map's ramp turns at %d/20 (L* %.1f after %.1f)", name, i, l, prev)
			}
			prev = l
		}
		for i := range series {
			for j := i + 1; j < len(series); j++ {
				if d := deltaE(lab(simulate(m, series[i])), lab(simulate(m, series[j]))); d < 10 {
					t.Errorf("%s: chart lines %d and %d differ by ΔE %.1f", name, i+1, j+1, d)
				}
			}
		}
	}
}

// TestEveryChartLineHasItsColour: no chart has more lines than there are
// series colours, so no two lines of a chart share one.
func TestEveryChartLineHasItsColour(t *testing.T) {
	g := newTestGame(t, "baseline")
	settle(t, g)
	for _, c := range g.chartSpecs() {
		if len(c.lines) > len(series) {
			t.Errorf("chart %q has %d lines and there are %d colours", c.title, len(c.lines), len(series))
		}
	}
}
