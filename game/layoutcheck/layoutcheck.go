// Package layoutcheck checks a laid-out page: that no two widgets overlap,
// that every text fits its widget and the widget the screen, and that touch
// targets are large enough to hit with a finger. The page reports its
// widgets as it lays them out (game.Game.Widgets); the unit tests check
// every layout the page has at many screen sizes and languages, and the
// browser tests check the page as the browser really lays it out.
package layoutcheck

import (
	"fmt"
	"slices"
)

// Widget is a widget as the page laid it out, in CSS pixels.
type Widget struct {
	Label string `json:"label"`
	// Box is the widget; Text where its text is drawn (zero if it has
	// none): the text must lie inside the box.
	Box  Rect `json:"box"`
	Text Rect `json:"text"`
	// Layer orders what is drawn over what: 0 the page, 1 what lies over
	// it (menus, sheets, banners). Only widgets of one layer must not
	// overlap; a page widget under a sheet is hidden, not overlapped.
	Layer int `json:"layer"`
	// Clip is the scrolled area the widget is in (zero if none): what
	// lies outside it is scrolled out of sight.
	Clip Rect `json:"clip"`
	// Target says the widget takes taps: a button, a toggle, a tab.
	Target bool `json:"target"`
}

// Rect is a rectangle in CSS pixels.
type Rect struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	W float64 `json:"w"`
	H float64 `json:"h"`
}

func (r Rect) empty() bool { return r.W <= 0 || r.H <= 0 }

func (r Rect) intersect(o Rect) Rect {
	x0, y0 := max(r.X, o.X), max(r.Y, o.Y)
	x1, y1 := min(r.X+r.W, o.X+o.W), min(r.Y+r.H, o.Y+o.H)
	if x1 <= x0 || y1 <= y0 {
		return Rect{}
	}
	return Rect{x0, y0, x1 - x0, y1 - y0}
}

// within reports whether r lies inside o, give or take tol pixels.
func (r Rect) within(o Rect, tol float64) bool {
	return r.X >= o.X-tol && r.Y >= o.Y-tol && r.X+r.W <= o.X+o.W+tol && r.Y+r.H <= o.Y+o.H+tol
}

func (r Rect) String() string { return fmt.Sprintf("(%.0f,%.0f %.0f×%.0f)", r.X, r.Y, r.W, r.H) }

// MinTarget is the smallest side of a touch target, in CSS pixels (WCAG
// 2.5.5, and Apple's and Google's guidelines).
const MinTarget = 44

// Check returns what is wrong with a page of w×h CSS pixels laid out as
// ws; touch says the page is laid out for fingers.
func Check(ws []Widget, w, h float64, touch bool) []string {
	var out []string
	screen := Rect{0, 0, w, h}
	visible := make([]Rect, len(ws)) // each widget's part in sight
	for i, x := range ws {
		v := x.Box
		if !x.Clip.empty() {
			v = v.intersect(x.Clip)
		}
		visible[i] = v
		if v.empty() {
			continue // scrolled out of sight
		}
		if !v.within(screen, 0.5) {
			out = append(out, fmt.Sprintf("%q %v runs off the %.0f×%.0f screen", x.Label, x.Box, w, h))
		}
		if !x.Text.empty() && !x.Text.within(x.Box, 0.5) {
			out = append(out, fmt.Sprintf("%q: its text %v does not fit its box %v", x.Label, x.Text, x.Box))
		}
		// a target cut by its scrolled area is still reached by scrolling
		if touch && x.Target && (x.Box.W < MinTarget-0.5 || x.Box.H < MinTarget-0.5) {
			out = append(out, fmt.Sprintf("%q %v is smaller than a %d×%d touch target", x.Label, x.Box, MinTarget, MinTarget))
		}
	}
	for i := range ws {
		for j := i + 1; j < len(ws); j++ {
			if ws[i].Layer != ws[j].Layer || visible[i].empty() || visible[j].empty() {
				continue
			}
			if o := visible[i].intersect(visible[j]); o.W > 0.5 && o.H > 0.5 {
				out = append(out, fmt.Sprintf("%q %v overlaps %q %v", ws[i].Label, ws[i].Box, ws[j].Label, ws[j].Box))
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
