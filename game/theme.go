package game

import (
	"image/color"

	"gigasandbox/model/report"
)

// The palette: a light page that reads on a projector, accents chosen to
// stay distinct for the common colour-vision deficiencies (Okabe–Ito),
// darkened where a hue is too light to stand out from the page: text by
// 4.5:1, lines and marks by 3:1 (WCAG 2.1; TestContrast).
var (
	colBackground  = color.RGBA{0xf4, 0xf5, 0xf7, 0xff}
	colPanel       = color.RGBA{0xff, 0xff, 0xff, 0xff}
	colBar         = color.RGBA{0x1d, 0x2b, 0x3a, 0xff}
	colBarText     = color.RGBA{0xf4, 0xf5, 0xf7, 0xff}
	colBorder      = color.RGBA{0xc8, 0xcd, 0xd4, 0xff}
	colText        = color.RGBA{0x1a, 0x1f, 0x26, 0xff}
	colTextDim     = color.RGBA{0x5c, 0x66, 0x73, 0xff}
	colTextOn      = color.RGBA{0xff, 0xff, 0xff, 0xff}
	colButton      = color.RGBA{0xe4, 0xe7, 0xeb, 0xff}
	colButtonHover = color.RGBA{0xd2, 0xd7, 0xde, 0xff}
	colButtonOn    = color.RGBA{0x00, 0x5a, 0x9c, 0xff}
	colButtonOff   = color.RGBA{0xee, 0xef, 0xf1, 0xff}
	colAccent      = color.RGBA{0x00, 0x72, 0xb2, 0xff} // Okabe–Ito blue
	colFocus       = color.RGBA{0xbb, 0x82, 0x00, 0xff} // Okabe–Ito orange, darkened
	colTip         = color.RGBA{0xff, 0xfb, 0xe6, 0xff}
	colSea         = color.RGBA{0xdd, 0xe7, 0xef, 0xff}
	colNonEU       = color.RGBA{0xe4, 0xe4, 0xe0, 0xff}
	colContextEdge = color.RGBA{0xc4, 0xc4, 0xbe, 0xff}
	colStateEdge   = color.RGBA{0xff, 0xff, 0xff, 0xff}
	colSelected    = color.RGBA{0x1d, 0x2b, 0x3a, 0xff}
	colBaseline    = color.RGBA{0x99, 0x99, 0x99, 0xff}
	colError       = color.RGBA{0xb0, 0x2a, 0x1e, 0xff}
	colGood        = color.RGBA{0x00, 0x9e, 0x73, 0xff}
)

// series are the colours of a chart's lines, in Okabe–Ito order: as many
// as a chart has lines (the chips chart's EU and three states), told apart
// with every kind of colour blindness (TestReadableWithColourBlindness).
var series = []color.RGBA{
	{0x00, 0x72, 0xb2, 0xff}, // blue
	{0xc3, 0x87, 0x00, 0xff}, // orange, darkened
	{0x00, 0x9e, 0x73, 0xff}, // bluish green
	{0xcc, 0x79, 0xa7, 0xff}, // reddish purple
}

// viridis samples the viridis colour map (perceptually uniform, readable
// with colour-vision deficiencies and in grey scale) at t in [0, 1].
func viridis(t float64) color.RGBA {
	stops := [...][3]uint8{
		{0x44, 0x01, 0x54}, {0x48, 0x28, 0x78}, {0x3e, 0x49, 0x89}, {0x31, 0x68, 0x8e},
		{0x26, 0x82, 0x8e}, {0x1f, 0x9e, 0x89}, {0x35, 0xb7, 0x79}, {0x6e, 0xce, 0x58},
		{0xb5, 0xde, 0x2b}, {0xfd, 0xe7, 0x25},
	}
	t = min(max(t, 0), 1) * float64(len(stops)-1)
	i := int(t)
	if i >= len(stops)-1 {
		i = len(stops) - 2
	}
	f := t - float64(i)
	a, b := stops[i], stops[i+1]
	mix := func(x, y uint8) uint8 { return uint8(float64(x) + (float64(y)-float64(x))*f + 0.5) }
	return color.RGBA{mix(a[0], b[0]), mix(a[1], b[1]), mix(a[2], b[2]), 0xff}
}

// themed are the palette's colours that a theme sets, and standard their
// values above: SetHighContrast swaps them whole.
var (
	themed = []*color.RGBA{&colBackground, &colPanel, &colBar, &colBarText, &colBorder, &colText, &colTextDim,
		&colTextOn, &colButton, &colButtonHover, &colButtonOn, &colButtonOff, &colAccent, &colFocus, &colTip,
		&colSea, &colNonEU, &colContextEdge, &colStateEdge, &colSelected, &colBaseline, &colError, &colGood,
		&series[0], &series[1], &series[2], &series[3],
		&verdictColours[0], &verdictColours[1], &verdictColours[2], &verdictColours[3], &verdictColours[4]}
	standard = func() []color.RGBA {
		out := make([]color.RGBA, len(themed))
		for i, c := range themed {
			out[i] = *c
		}
		return out
	}()
)

// highContrast is the theme for a browser that asks for more contrast
// (prefers-contrast: more): text at 7:1 (WCAG 1.4.6), lines, marks and
// every control's edge at 4.5:1, black edges between states, the same
// hues darker so the series stay apart. TestHighContrast checks it.
var highContrast = map[*color.RGBA]color.RGBA{
	&colBackground:  {0xff, 0xff, 0xff, 0xff},
	&colPanel:       {0xff, 0xff, 0xff, 0xff},
	&colBar:         {0x00, 0x00, 0x00, 0xff},
	&colBarText:     {0xff, 0xff, 0xff, 0xff},
	&colBorder:      {0x00, 0x00, 0x00, 0xff},
	&colText:        {0x00, 0x00, 0x00, 0xff},
	&colTextDim:     {0x2e, 0x33, 0x3a, 0xff},
	&colButton:      {0xf2, 0xf3, 0xf5, 0xff},
	&colButtonHover: {0xd6, 0xdb, 0xe1, 0xff},
	&colButtonOn:    {0x00, 0x3a, 0x6b, 0xff},
	&colButtonOff:   {0xff, 0xff, 0xff, 0xff},
	&colAccent:      {0x00, 0x46, 0x7d, 0xff},
	&colFocus:       {0x7a, 0x4a, 0x00, 0xff},
	&colTip:         {0xff, 0xff, 0xff, 0xff},
	&colSea:         {0xe8, 0xf0, 0xf6, 0xff},
	&colNonEU:       {0xee, 0xee, 0xea, 0xff},
	&colContextEdge: {0x59, 0x59, 0x59, 0xff},
	&colStateEdge:   {0x00, 0x00, 0x00, 0xff},
	&colSelected:    {0x00, 0x00, 0x00, 0xff},
	&colBaseline:    {0x59, 0x59, 0x59, 0xff},
	&colError:       {0x8a, 0x1c, 0x12, 0xff},
	&colGood:        {0x00, 0x5e, 0x45, 0xff},
	&series[0]:      {0x00, 0x46, 0x7d, 0xff},
	&series[1]:      {0x85, 0x52, 0x00, 0xff},
	&series[2]:      {0x00, 0x5e, 0x45, 0xff},
	&series[3]:      {0x8e, 0x3a, 0x6e, 0xff},

	&verdictColours[report.GoalUnknown]: {0x4d, 0x4d, 0x4d, 0xff},
	&verdictColours[report.GoalOnTrack]: {0x1f, 0x4f, 0x6b, 0xff},
	&verdictColours[report.GoalAtRisk]:  {0x6b, 0x4a, 0x00, 0xff},
	&verdictColours[report.GoalMet]:     {0x00, 0x57, 0x40, 0xff},
	&verdictColours[report.GoalMissed]:  {0x85, 0x3a, 0x00, 0xff},
}

// edges says that controls are drawn with an edge (the high-contrast
// theme): a button's shape then stands out from the page by 4.5:1, not
// only its label.
var edges bool

// SetHighContrast switches between the standard and the high-contrast
// theme (one page per program: the palette is the program's).
func (g *Game) SetHighContrast(on bool) {
	for i, c := range themed {
		*c = standard[i]
		if hc, ok := highContrast[c]; ok && on {
			*c = hc
		}
	}
	edges = on
	g.highContrast = on
	g.mv.repaint()
	g.changed()
}
