package game

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// fingers is a frame's touches, for the tables below: pairs of x, y, the
// first finger's id 1, the second's 2.
func fingers(xy ...float64) []touchPoint {
	var pts []touchPoint
	for i := 0; i+1 < len(xy); i += 2 {
		pts = append(pts, touchPoint{id: i/2 + 1, x: xy[i], y: xy[i+1]})
	}
	return pts
}

// summary names what a frame says, in a fixed order, with its position:
// "down@100,100", "tap@100,100 up", "drag+30,0@130,100", "pinch×2.00@150,100".
func summary(f gestureFrame) string {
	var s []string
	at := fmt.Sprintf("@%.0f,%.0f", f.X, f.Y)
	if f.Down {
		s = append(s, "down"+at)
	}
	if f.Tap {
		s = append(s, "tap"+at)
	}
	if f.LongPress {
		s = append(s, "long"+at)
	} else if f.Hold {
		s = append(s, "hold"+at)
	}
	if f.Drag {
		s = append(s, fmt.Sprintf("drag%+.0f,%+.0f%s", f.DX, f.DY, at))
	}
	if f.PinchStart {
		s = append(s, "pinchstart"+at)
	} else if f.Pinch {
		s = append(s, fmt.Sprintf("pinch×%.2f%s", f.Scale, at))
	}
	if f.Up {
		s = append(s, "up"+at)
	}
	return strings.Join(s, " ")
}

func TestGestures(t *testing.T) {
	type frame struct {
		ms   int // since the first frame
		pts  []touchPoint
		want string
	}
	tests := []struct {
		name   string
		frames []frame
	}{
		{"a tap", []frame{
			{0, fingers(100, 100), "down@100,100"},
			{16, fingers(100, 100), ""},
			{100, nil, "tap@100,100"},
			{116, nil, ""},
		}},
		{"a tap that shakes less than the slop", []frame{
			{0, fingers(100, 100), "down@100,100"},
			{16, fingers(106, 107), ""},
			{32, nil, "tap@106,107"},
		}},
		{"a long press fires once, then holds; its release is no tap", []frame{
			{0, fingers(100, 100), "down@100,100"},
			{499, fingers(103, 100), ""},
			{500, fingers(103, 100), "long@103,100"},
			{516, fingers(103, 100), "hold@103,100"},
			{600, fingers(140, 100), "hold@140,100"}, // the tooltip follows the finger
			{616, nil, "up@140,100"},
		}},
		{"a drag counts from where the finger came down", []frame{
			{0, fingers(100, 100), "down@100,100"},
			{16, fingers(108, 100), ""},
			{32, fingers(111, 100), "drag+11,+0@111,100"},
			{48, fingers(130, 95), "drag+19,-5@130,95"},
			{800, fingers(130, 95), "drag+0,+0@130,95"}, // resting mid-drag is no long press
			{816, nil, "up@130,95"},
		}},
		{"a pinch: no jump when the second finger comes, then the scale and midpoint", []frame{
			{0, fingers(100, 100), "down@100,100"},
			{16, fingers(100, 100, 200, 100), "pinchstart@150,100"},
			{32, fingers(50, 100, 250, 100), "pinch×2.00@150,100"},
			{48, fingers(60, 120, 260, 120), "pinch×1.00@160,120"},
			{64, fingers(60, 120), ""}, // one finger left: nothing
			{80, fingers(90, 120), ""},
			{96, nil, "up@160,120"},
		}},
		{"the order of the touches does not matter", []frame{
			{0, []touchPoint{{2, 200, 100}, {1, 100, 100}}, "pinchstart@150,100"},
			{16, []touchPoint{{1, 125, 100}, {2, 175, 100}}, "pinch×0.50@150,100"},
			{32, nil, "up@150,100"},
		}},
		{"a third finger changes nothing", []frame{
			{0, fingers(100, 100, 200, 100), "pinchstart@150,100"},
			{16, fingers(100, 100, 200, 100, 400, 400), "pinch×1.00@150,100"},
			{32, nil, "up@150,100"},
		}},
		{"another finger in the first's place within a frame is not a tap", []frame{
			{0, fingers(100, 100), "down@100,100"},
			{16, []touchPoint{{7, 300, 300}}, ""},
			{32, nil, "up@100,100"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var gr gestures
			t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			for i, f := range tt.frames {
				got := summary(gr.update(t0.Add(time.Duration(f.ms)*time.Millisecond), f.pts))
				if got != f.want {
					t.Errorf("frame %d (%d ms, %v): %q, want %q", i, f.ms, f.pts, got, f.want)
				}
			}
		})
	}
}

// TestTouchPointer: a finger is the page's pointer only where it means
// it: a tap clicks at the tap, a long press hovers (and its tooltip stays
// after the finger rose, until the next touch), and otherwise nothing is
// hovered; the mouse takes the pointer back when it moves.
func TestTouchPointer(t *testing.T) {
	var ti touchInput
	var u ui
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	step := func(ms int, pts []touchPoint, mouseMoved bool) {
		u.mx, u.my, u.click, u.release = 5, 5, false, false // the mouse's
		ti.update(&u, t0.Add(time.Duration(ms)*time.Millisecond), pts, mouseMoved)
	}
	type want struct {
		mx, my         float64
		click, release bool
	}
	check := func(what string, w want) {
		t.Helper()
		if got := (want{u.mx, u.my, u.click, u.release}); got != w {
			t.Errorf("%s: pointer %+v, want %+v", what, got, w)
		}
	}
	step(0, nil, false)
	check("no touch yet", want{5, 5, false, false})
	step(16, fingers(100, 100), false)
	check("a finger down", want{offscreen, offscreen, false, false})
	step(100, nil, false)
	check("its tap", want{100, 100, true, true})
	step(116, nil, false)
	check("after the tap", want{offscreen, offscreen, false, false})
	step(200, fingers(300, 200), false)
	step(700, fingers(302, 200), false)
	check("a long press", want{302, 200, false, false})
	step(716, nil, false)
	check("the long press ends", want{302, 200, false, true})
	step(800, nil, false)
	check("the long press's tooltip stays", want{302, 200, false, false})
	step(816, nil, true)
	check("the mouse moved", want{5, 5, false, false})
	if ti.active {
		t.Error("the mouse moved but the finger is still the pointer")
	}
}
