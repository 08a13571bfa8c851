package layoutcheck

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	button := func(label string, x, y, w, h float64) Widget {
		return Widget{Label: label, Box: Rect{x, y, w, h}, Text: Rect{x + 4, y + 4, w - 8, h - 8}, Target: true}
	}
	tests := []struct {
		name  string
		ws    []Widget
		touch bool
		want  []string // a substring of each problem, in order
	}{
		{"side by side", []Widget{button("a", 0, 0, 50, 50), button("b", 50, 0, 50, 50)}, true, nil},
		{"overlapping", []Widget{button("a", 0, 0, 50, 50), button("b", 40, 0, 50, 50)}, false, []string{`"a" (0,0 50×50) overlaps "b"`}},
		{"a sheet over the page", []Widget{button("a", 0, 0, 50, 50), {Label: "s", Box: Rect{0, 0, 100, 100}, Layer: 1}}, false, nil},
		{"text too wide", []Widget{{Label: "long", Box: Rect{0, 0, 40, 20}, Text: Rect{2, 2, 60, 16}}}, false, []string{"does not fit its box"}},
		{"off the screen", []Widget{button("a", 180, 0, 50, 50)}, false, []string{"runs off the 200×100 screen"}},
		{"small target on touch", []Widget{button("a", 0, 0, 30, 30)}, true, []string{"smaller than a 44×44 touch target"}},
		{"small target for a mouse", []Widget{button("a", 0, 0, 30, 30)}, false, nil},
		{"scrolled out of sight", []Widget{button("a", 0, 150, 50, 50), button("b", 0, 150, 50, 50)}, false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ws := tc.ws
			if tc.name == "scrolled out of sight" {
				for i := range ws {
					ws[i].Clip = Rect{0, 0, 200, 100}
				}
			}
			got := Check(ws, 200, 100, tc.touch)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d problems %q, want %d", len(got), got, len(tc.want))
			}
			for i, w := range tc.want {
				if !strings.Contains(got[i], w) {
					t.Errorf("problem %d is %q, want it to say %q", i, got[i], w)
				}
			}
		})
	}
}
