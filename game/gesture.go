package game

import (
	"math"
	"slices"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
)

// Touch gestures. Fingers are not a mouse: there is no hover, a finger
// covers what it presses, and one finger may mean a tap, a long press or a
// drag, which only later frames tell apart. The recogniser below turns the
// fingers on the screen, frame by frame, into what they mean; it is plain
// data in and out (positions and the game's clock), so tests feed it
// literal touches. touchInput then gives the page its pointer: a tap is a
// click, a long press is a hover (the tooltip), and the map reads drags and
// pinches itself (mapView.touchInput).

const (
	// longPressAfter is how long a finger rests before it asks what is
	// under it (the tooltip a mouse shows on hover) instead of tapping.
	longPressAfter = 500 * time.Millisecond
	// touchSlop is how far, in logical (CSS) pixels, a finger may wander
	// and still tap or long-press: fingers shake.
	touchSlop = 10.0
)

// touchPoint is one finger on the screen, in logical pixels.
type touchPoint struct {
	id   int
	x, y float64
}

// phase is where a gesture is.
type phase uint8

const (
	phaseIdle  phase = iota // no finger down
	phasePress              // one finger down, still, not yet long enough for a long press
	phaseDrag               // one finger moved beyond touchSlop
	phaseHold               // one finger rested longPressAfter: a long press
	phasePinch              // two fingers (or more: the two first)
	phaseDone               // what is left of a pinch: ignored until every finger is up
)

// gestureFrame is what the fingers did in one frame.
type gestureFrame struct {
	// X, Y is the finger's position (during a pinch, the midpoint), or
	// where the last finger rose.
	X, Y float64
	// Down: a first finger touched the screen this frame, at X, Y.
	Down bool
	// Tap: the finger rose this frame without having moved or rested
	// long enough for a long press: a tap at X, Y.
	Tap bool
	// LongPress: the finger has just rested longPressAfter; Hold stays
	// true while it is still down after that (it may then move: the
	// tooltip follows it).
	LongPress, Hold bool
	// Drag: one finger is moving, by DX, DY since the last frame (the
	// first drag frame counts from where it touched down).
	Drag   bool
	DX, DY float64
	// Pinch: two fingers; Scale is their distance over the last frame's,
	// and the midpoint moved from PX, PY to X, Y. PinchStart is the frame
	// the second finger came (Scale 1: no jump).
	Pinch, PinchStart bool
	Scale, PX, PY     float64
	// Up: the last finger rose this frame, ending a drag, a long press or
	// a pinch (not a tap); Ended says which.
	Up    bool
	Ended phase
}

// gestures recognises taps, long presses, drags and pinches from the
// fingers on the screen, one frame at a time.
type gestures struct {
	phase          phase
	primary        int // the finger of a one-finger gesture
	startX, startY float64
	startAt        time.Time
	lastX, lastY   float64
	pinchIDs       [2]int
	pinchD         float64
}

// update takes the fingers down now (in any order) and says what they did
// since the last call.
func (gr *gestures) update(now time.Time, pts []touchPoint) gestureFrame {
	var f gestureFrame
	switch len(pts) {
	case 0:
		if gr.phase == phaseIdle {
			return f
		}
		f.X, f.Y = gr.lastX, gr.lastY
		if gr.phase == phasePress {
			f.Tap = true
		} else {
			f.Up, f.Ended = true, gr.phase
		}
		gr.phase = phaseIdle
		return f
	case 1:
		p := pts[0]
		f.X, f.Y = p.x, p.y
		switch {
		case gr.phase == phaseIdle:
			gr.phase, gr.primary = phasePress, p.id
			gr.startX, gr.startY, gr.startAt = p.x, p.y, now
			f.Down = true
		case gr.phase == phasePinch, gr.phase == phaseDone, p.id != gr.primary:
			// a finger left over from a pinch (or one that replaced the
			// first within a frame): it means nothing until all are up
			gr.phase = phaseDone
			f.X, f.Y = gr.lastX, gr.lastY
			return f
		case gr.phase == phasePress && math.Hypot(p.x-gr.startX, p.y-gr.startY) > touchSlop:
			gr.phase = phaseDrag
			f.Drag, f.DX, f.DY = true, p.x-gr.startX, p.y-gr.startY
		case gr.phase == phasePress && now.Sub(gr.startAt) >= longPressAfter:
			gr.phase = phaseHold
			f.LongPress, f.Hold = true, true
		case gr.phase == phaseDrag:
			f.Drag, f.DX, f.DY = true, p.x-gr.lastX, p.y-gr.lastY
		case gr.phase == phaseHold:
			f.Hold = true
		}
		gr.lastX, gr.lastY = p.x, p.y
		return f
	}
	// two fingers or more: the two that came first pinch
	pts = slices.SortedFunc(slices.Values(pts), func(a, b touchPoint) int { return a.id - b.id })
	a, b := pts[0], pts[1]
	d := math.Hypot(a.x-b.x, a.y-b.y)
	mx, my := (a.x+b.x)/2, (a.y+b.y)/2
	f.X, f.Y, f.PX, f.PY, f.Scale = mx, my, mx, my, 1
	switch {
	case gr.phase != phasePinch || gr.pinchIDs != [2]int{a.id, b.id} || gr.pinchD == 0:
		gr.phase, gr.pinchIDs = phasePinch, [2]int{a.id, b.id}
		f.PinchStart = true
	default:
		f.Scale, f.PX, f.PY = d/gr.pinchD, gr.lastX, gr.lastY
	}
	f.Pinch = true
	gr.pinchD, gr.lastX, gr.lastY = d, mx, my
	return f
}

// touchInput is the touch screen's (and the wheel's) part of the page's
// input, read each update by readInput.
type touchInput struct {
	rec   gestures
	frame gestureFrame // this update's
	// active: the last input was a finger, so the page's pointer is the
	// finger: it hovers only during a long press, and clicks on a tap.
	// A mouse that moves or clicks takes the pointer back.
	active bool
	// tip: the last long press's tooltip stays after the finger rose (it
	// was under the finger), at tipX, tipY, until the next touch.
	tip        bool
	tipX, tipY float64
	// wheel is the mouse wheel's (or trackpad's) vertical turn this
	// update, as Ebitengine gives it: up (away from the user) positive.
	wheel float64
	// mouseX, mouseY is where the mouse cursor was at the last update.
	mouseX, mouseY float64
	buf            []ebiten.TouchID
	pts            []touchPoint
}

// offscreen is where the pointer is when there is none (a finger rose):
// nothing is hovered there.
const offscreen = -1e6

// readTouches lists the fingers on the screen, in logical pixels.
func (t *touchInput) readTouches(k float64) []touchPoint {
	t.buf = ebiten.AppendTouchIDs(t.buf[:0])
	t.pts = t.pts[:0]
	for _, id := range t.buf {
		x, y := ebiten.TouchPosition(id)
		t.pts = append(t.pts, touchPoint{id: int(id), x: float64(x) / k, y: float64(y) / k})
	}
	return t.pts
}

// update feeds the recogniser this update's fingers and, while they (not
// the mouse) are the pointer, sets the page's pointer from them: the click
// of a tap at the tapped point, the hover of a long press at the finger,
// and otherwise no pointer at all, so that no tooltip or hover shows under
// a finger that is only pressing, dragging or pinching. mouseMoved says the
// mouse moved or clicked since the last update.
func (t *touchInput) update(u *ui, now time.Time, pts []touchPoint, mouseMoved bool) {
	f := t.rec.update(now, pts)
	t.frame = f
	switch {
	case len(pts) > 0 || f.Tap || f.Up:
		t.active = true
	case mouseMoved:
		t.active, t.tip = false, false
	}
	if !t.active {
		return
	}
	u.click, u.release = f.Tap, f.Tap || f.Up
	switch {
	case f.Down:
		t.tip = false
	case f.Hold:
		t.tip, t.tipX, t.tipY = true, f.X, f.Y
	}
	switch {
	case f.Tap:
		u.mx, u.my = f.X, f.Y
	case t.tip:
		u.mx, u.my = t.tipX, t.tipY
	default:
		u.mx, u.my = offscreen, offscreen
	}
}
