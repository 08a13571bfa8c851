package game

import (
	"fmt"
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"gigasandbox/game/layoutcheck"
)

// The page is laid out in logical pixels (CSS pixels in the browser) and
// drawn in device pixels, so that it stays crisp on high-DPI screens: ui.k
// is the device pixels per logical pixel.

// rect is a rectangle in logical pixels.
type rect struct{ x, y, w, h float64 }

// check is r for the layout checks.
func (r rect) check() layoutcheck.Rect { return layoutcheck.Rect{X: r.x, Y: r.y, W: r.w, H: r.h} }

func (r rect) contains(x, y float64) bool {
	return x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

// inset shrinks r by d on every side.
func (r rect) inset(d float64) rect { return rect{r.x + d, r.y + d, r.w - 2*d, r.h - 2*d} }

// row cuts a strip of height h off the top of r.
func (r *rect) row(h float64) rect {
	out := rect{r.x, r.y, r.w, h}
	r.y += h
	r.h -= h
	return out
}

// col cuts a strip of width w off the left of r.
func (r *rect) col(w float64) rect {
	out := rect{r.x, r.y, w, r.h}
	r.x += w
	r.w -= w
	return out
}

// face is a font at one size; see glyphAtlas.
type face = *glyphAtlas

// fonts are the faces the page uses, sized in device pixels.
type fonts struct {
	small, normal, bold, big face
	k                        float64
}

func newFonts(k float64) fonts {
	return fonts{
		k:      k,
		small:  newGlyphAtlas(regularFont, 12*k),
		normal: newGlyphAtlas(regularFont, 14*k),
		bold:   newGlyphAtlas(boldFont, 14*k),
		big:    newGlyphAtlas(boldFont, 20*k),
	}
}

// ui is an immediate-mode toolkit: the page's layout function runs twice a
// frame, once in Update (dst == nil: widgets report clicks) and once in Draw
// (dst != nil: widgets draw themselves, into a display list that drawFrame
// puts on the screen where it changed). One function describes a panel
// once, so drawing and input can never disagree about where a button is.
type ui struct {
	dst     *ebiten.Image
	k       float64
	f       fonts
	mx, my  float64 // cursor, logical pixels
	click   bool    // the primary button (or a touch) went down this frame
	release bool    // the primary button (or the touch) went up this frame
	used    bool    // a widget took this frame's click
	// covered is where a sheet lies over the page, as this frame's update
	// pass laid it out: a widget under it, laid out outside the overlays
	// (inOverlay false), is neither hovered nor clicked through it.
	covered   rect
	inOverlay bool
	tip       string // tooltip to draw last
	tipAt     [2]float64
	fingerTip bool // the tooltip is a finger's (a long press): drawn above it
	keyNext   int  // widgets with keyboard focus are numbered in layout order
	focus     int  // the focused widget's number, 0 for none
	enter     bool

	// controls are the focusable widgets of the last complete update pass,
	// in tab order, for the text twin (twin.go); nextControls collects the
	// pass under way, counting each label's widgets in names. group is the
	// sheet being laid out ("" for the page). press is a control's key the
	// twin pressed: the next update pass activates that widget as Enter on
	// it would, so the twin sends the very command the canvas sends.
	controls, nextControls []TwinControl
	names                  map[string]int
	group                  string
	press                  string
	focusKey               string // the focused control's key, for the draw pass
	ringAt                 rect   // where the draw pass put the focus ring

	// seen is where each labelled widget was laid out in the last complete
	// update pass, for the automation API and tests; next collects the
	// pass under way, so a reader between passes never sees half a frame.
	seen, next map[string]rect
	// placed and placing are the same for every widget with the box of its
	// text, for the layout checks (game/layoutcheck).
	placed, placing []layoutcheck.Widget
	layer           int // 0 the page, 1 sheets, 2 menus and banners

	// clipR is the scrolled area being laid out (zero for none): drawing
	// is clipped to it (clipBox, in device pixels) and input outside it
	// goes to nothing in it.
	clipR   rect
	clipBox image.Rectangle
	wheel   float64 // the wheel's or trackpad's vertical scroll this frame
	// dragDY is how far a finger dragged down this frame, and fingerX,
	// fingerY where it touched down: a drag that began in a scrolled area
	// scrolls it.
	dragDY           float64
	fingerX, fingerY float64
	// touch says the page is laid out for fingers: taller rows, 44-pixel
	// targets (see metrics).
	touch bool

	dmg damage // the draw pass's display list; see damage.go
}

// saw records a widget for tests.
func (u *ui) saw(label string, r rect) {
	if !u.drawing() && u.next != nil {
		u.next[label] = r
	}
}

// place records a widget and where its text goes for the layout checks;
// target says it takes taps.
func (u *ui) place(label string, r, text rect, target bool) {
	if u.drawing() {
		return
	}
	w := layoutcheck.Widget{Label: label, Box: r.check(), Text: text.check(), Layer: u.layer, Target: target}
	if u.clipR != (rect{}) {
		w.Clip = u.clipR.check()
	}
	u.placing = append(u.placing, w)
}

// textRect is where text drawn as u.text would draw it lies.
func (u *ui) textRect(s string, x, y float64, f face, al align) rect {
	w := u.textWidth(s, f)
	switch al {
	case center:
		x -= w / 2
	case right:
		x -= w
	}
	return rect{x, y, w, u.textHeight(f)}
}

// textInRect is where textIn would draw s in r.
func (u *ui) textInRect(s string, r rect, f face, a align) rect {
	x, y := u.anchorIn(r, f, a)
	return u.textRect(s, x, y, f, a)
}

// anchorIn is the anchor point (see text) of a line in face f, aligned a,
// vertically centred in r, 6 pixels in from its side.
func (u *ui) anchorIn(r rect, f face, a align) (x, y float64) {
	x = r.x + 6
	switch a {
	case center:
		x = r.x + r.w/2
	case right:
		x = r.x + r.w - 6
	}
	return x, r.y + (r.h-u.textHeight(f))/2
}

// label draws s in r (as textIn) and records it for the layout checks.
func (u *ui) label(s string, r rect, f face, c color.Color, a align) {
	u.place(s, r, u.textInRect(s, r, f, a), false)
	u.textIn(s, r, f, c, a)
}

// clip limits drawing and input to r until unclip.
func (u *ui) clip(r rect) {
	u.clipR = r
	k := u.k
	u.clipBox = image.Rect(int(math.Round(r.x*k)), int(math.Round(r.y*k)), int(math.Round((r.x+r.w)*k)), int(math.Round((r.y+r.h)*k)))
}

func (u *ui) unclip() { u.clipR, u.clipBox = rect{}, image.Rectangle{} }

// dragIn is how far a finger that touched down in r, not under a sheet
// over it, dragged down this frame (in the update pass).
func (u *ui) dragIn(r rect) float64 {
	if u.drawing() || u.dragDY == 0 || !r.contains(u.fingerX, u.fingerY) {
		return 0
	}
	if !u.inOverlay && u.covered.contains(u.fingerX, u.fingerY) {
		return 0
	}
	return u.dragDY
}

// scroller is a scrolled area's offset and its content's height.
type scroller struct{ off, content float64 }

// beginScroll starts a scrolled area in r: the wheel (or a finger) over r
// scrolls it, and drawing and input are clipped to it. It returns the
// rectangle to lay the content out in: r moved up by the offset, with room
// below; pass what is left of it to endScroll.
func (u *ui) beginScroll(s *scroller, r rect) rect {
	if !u.drawing() && u.wheel != 0 && u.hover(r) {
		s.off -= u.wheel * 40
	}
	s.off -= u.dragIn(r)
	s.off = min(max(s.off, 0), max(0, s.content-r.h))
	u.clip(r)
	return rect{r.x, r.y - s.off, r.w, 1 << 16}
}

// endScroll ends the scrolled area r whose content was laid out in what
// beginScroll gave, leaving rest; it draws a scroll bar when the content
// is taller than r.
func (u *ui) endScroll(s *scroller, r, rest rect) {
	u.unclip()
	s.content = rest.y - (r.y - s.off)
	s.off = min(max(s.off, 0), max(0, s.content-r.h))
	if s.content > r.h {
		bar := r.h * r.h / s.content
		y := r.y + (r.h-bar)*s.off/(s.content-r.h)
		u.fill(rect{r.x + r.w - 4, y, 3, bar}, colBorder)
	}
}

func (u *ui) drawing() bool { return u.dst != nil }

func (u *ui) hover(r rect) bool {
	if !u.inOverlay && u.covered.contains(u.mx, u.my) {
		return false
	}
	if u.clipR != (rect{}) && !u.clipR.contains(u.mx, u.my) {
		return false
	}
	return r.contains(u.mx, u.my)
}

// clicked reports, in the update pass, a click inside r not taken by a
// widget drawn above it.
func (u *ui) clicked(r rect) bool {
	if u.drawing() || !u.click || u.used || !u.hover(r) {
		return false
	}
	u.used = true
	return true
}

// fill paints r.
func (u *ui) fill(r rect, c color.Color) {
	if !u.drawing() {
		return
	}
	k := float32(u.k)
	x, y, w, h := float32(r.x)*k, float32(r.y)*k, float32(r.w)*k, float32(r.h)*k
	u.record(cmd{op: opFill, a: x, b: y, e: w, f: h, c: rgba(c), box: box(x, y, x+w, y+h, 0)})
}

// stroke outlines r.
func (u *ui) stroke(r rect, width float64, c color.Color) {
	if !u.drawing() {
		return
	}
	k := float32(u.k)
	x, y, w, h, lw := float32(r.x)*k, float32(r.y)*k, float32(r.w)*k, float32(r.h)*k, float32(width)*k
	u.record(cmd{op: opStroke, a: x, b: y, e: w, f: h, width: lw, c: rgba(c), box: box(x, y, x+w, y+h, lw)})
}

func (u *ui) line(x0, y0, x1, y1, width float64, c color.Color) {
	if !u.drawing() {
		return
	}
	k := float32(u.k)
	a, b, e, f, lw := float32(x0)*k, float32(y0)*k, float32(x1)*k, float32(y1)*k, float32(width)*k
	u.record(cmd{op: opLine, a: a, b: b, e: e, f: f, width: lw, c: rgba(c), box: box(a, b, e, f, lw)})
}

func (u *ui) circle(x, y, r float64, c color.Color) {
	if !u.drawing() {
		return
	}
	k := float32(u.k)
	cx, cy, cr := float32(x)*k, float32(y)*k, float32(r)*k
	u.record(cmd{op: opCircle, a: cx, b: cy, e: cr, c: rgba(c), box: box(cx, cy, cx, cy, cr)})
}

func (u *ui) ring(x, y, r, width float64, c color.Color) {
	if !u.drawing() {
		return
	}
	k := float32(u.k)
	cx, cy, cr, lw := float32(x)*k, float32(y)*k, float32(r)*k, float32(width)*k
	u.record(cmd{op: opRing, a: cx, b: cy, e: cr, width: lw, c: rgba(c), box: box(cx, cy, cx, cy, cr+lw)})
}

// lineBatch draws thick polylines as plain quads, batched into few draw
// calls. Anti-aliased vector paths on the screen would flush Ebitengine's
// batch at every switch between paths and images (a stencil pass each),
// which costs milliseconds in a software renderer (SwiftShader, llvmpipe).
type lineBatch struct {
	vs []ebiten.Vertex
	is []uint16
}

// polyline adds the segments through pts (x, y pairs, device pixels,
// shifted by dx, dy) to the batch, drawing the batch on dst when it fills.
func (b *lineBatch) polyline(dst *ebiten.Image, pts []float32, dx, dy float32, closed bool, width float32, c color.Color) {
	b.polylineIn(dst, image.Rectangle{}, pts, dx, dy, closed, width, c)
}

// polylineIn is polyline, leaving out the segments that cannot touch clip
// (unless clip is empty): a chart's line of hundreds of segments redrawn
// where one segment changed costs a few quads, not hundreds.
func (b *lineBatch) polylineIn(dst *ebiten.Image, clip image.Rectangle, pts []float32, dx, dy float32, closed bool, width float32, c color.Color) {
	r, g, bl, a := c.RGBA()
	cr, cg, cb, ca := float32(r)/0xffff, float32(g)/0xffff, float32(bl)/0xffff, float32(a)/0xffff
	n := len(pts) / 2
	segs := n - 1
	if closed {
		segs = n
	}
	hw := width / 2
	for i := range segs {
		j := (i + 1) % n
		x0, y0, x1, y1 := pts[2*i]+dx, pts[2*i+1]+dy, pts[2*j]+dx, pts[2*j+1]+dy
		if !clip.Empty() && !box(x0, y0, x1, y1, width).Overlaps(clip) {
			continue
		}
		ex, ey := x1-x0, y1-y0
		l := float32(math.Sqrt(float64(ex*ex + ey*ey)))
		if l == 0 {
			continue
		}
		// normal of half the width, and the segment stretched by as much at
		// both ends so consecutive segments overlap at their joints
		nx, ny := -ey/l*hw, ex/l*hw
		tx, ty := ex/l*hw, ey/l*hw
		if len(b.vs)+4 > 1<<16 {
			b.flush(dst)
		}
		base := uint16(len(b.vs))
		for _, p := range [4][2]float32{{x0 - tx + nx, y0 - ty + ny}, {x0 - tx - nx, y0 - ty - ny}, {x1 + tx - nx, y1 + ty - ny}, {x1 + tx + nx, y1 + ty + ny}} {
			b.vs = append(b.vs, ebiten.Vertex{DstX: p[0], DstY: p[1], SrcX: 1.5, SrcY: 1.5, ColorR: cr * ca, ColorG: cg * ca, ColorB: cb * ca, ColorA: ca})
		}
		b.is = append(b.is, base, base+1, base+2, base, base+2, base+3)
	}
}

// flush draws the batch on dst and empties it.
func (b *lineBatch) flush(dst *ebiten.Image) {
	if len(b.is) > 0 {
		op := &ebiten.DrawTrianglesOptions{ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha}
		dst.DrawTriangles(b.vs, b.is, whitePixel, op)
	}
	b.vs, b.is = b.vs[:0], b.is[:0]
}

// whitePixel is the source of plain-colour triangles: a 3×3 white image,
// sampled at its centre so filtering never reads outside it.
var whitePixel = func() *ebiten.Image {
	img := ebiten.NewImage(3, 3)
	img.Fill(color.White)
	return img
}()

// align says where text sits against its anchor point.
type align int

const (
	left align = iota
	center
	right
)

// text draws s with its top at y; x is the left edge, the centre or the
// right edge depending on a.
func (u *ui) text(s string, x, y float64, f face, c color.Color, al align) {
	if !u.drawing() || s == "" {
		return
	}
	px, w := x*u.k, f.width(s)
	switch al {
	case center:
		px -= w / 2
	case right:
		px -= w
	}
	// draw rounds the pen to whole pixels; glyphs may reach a little
	// beyond their advance
	tx, ty := float32(math.Round(px)), float32(math.Round(y*u.k))
	m := float32(f.height / 4)
	u.record(cmd{op: opText, s: s, face: f, a: tx, b: ty, c: rgba(c), box: box(tx, ty, tx+float32(w), ty+float32(f.height), m)})
}

// textIn draws s vertically centred in r.
func (u *ui) textIn(s string, r rect, f face, c color.Color, a align) {
	x, y := u.anchorIn(r, f, a)
	u.text(s, x, y, f, c, a)
}

func (u *ui) textWidth(s string, f face) float64 { return f.width(s) / u.k }

func (u *ui) textHeight(f face) float64 { return f.height / u.k }

// setTip shows a tooltip near the cursor when r is hovered.
func (u *ui) setTip(r rect, tip string) {
	if tip != "" && u.hover(r) {
		u.tip = tip
		u.tipAt = [2]float64{u.mx, u.my}
	}
}

// focusable numbers a widget for keyboard navigation and reports whether it
// has the focus; Enter on the focused widget, or the twin pressing it,
// counts as a click. c describes the widget for the twin.
//
// The update pass lays the page out in input order (overlays first) and
// the draw pass in painting order, so the focus is a number in the update
// pass's order (u.controls) and, for drawing the ring, that control's key:
// the ring is drawn on the widget Enter presses.
func (u *ui) focusable(r rect, c TwinControl) (focused, activated bool) {
	u.keyNext++
	if u.drawing() {
		if u.focusKey == "" {
			return false, false
		}
		u.names[c.Label]++
		if fmt.Sprintf("%s#%d", c.Label, u.names[c.Label]) != u.focusKey {
			return false, false
		}
		u.stroke(r.inset(-2), 2, colFocus)
		u.ringAt = r
		return true, false
	}
	u.names[c.Label]++
	c.Key = fmt.Sprintf("%s#%d", c.Label, u.names[c.Label])
	c.Group = u.group
	c.box = r
	u.nextControls = append(u.nextControls, c)
	focused = u.focus == u.keyNext
	if u.press != "" && u.press == c.Key {
		u.press = ""
		return focused, true
	}
	if focused && u.enter {
		u.enter = false
		return true, true
	}
	return focused, false
}

// edge outlines a control in the high-contrast theme.
func (u *ui) edge(r rect) {
	if edges {
		u.stroke(r, 1, colBorder)
	}
}

// button draws a button and reports a click (or Enter when focused).
func (u *ui) button(r rect, label string, on bool, tip string) bool {
	return u.buttonAs(r, label, TwinControl{Label: label, Tip: tip, Kind: "button", On: on})
}

// buttonAs is button, named for the twin as c says: a stepper's "−" is
// "<its label> −" there.
func (u *ui) buttonAs(r rect, label string, c TwinControl) bool {
	on, tip := c.On, c.Tip
	u.saw(label, r)
	f := u.fit(label, r.w-8, u.f.normal)
	u.place(label, r, u.textInRect(label, r, f, center), true)
	_, act := u.focusable(r, c)
	bg := colButton
	switch {
	case on:
		bg = colButtonOn
	case u.hover(r):
		bg = colButtonHover
	}
	u.fill(r, bg)
	u.edge(r)
	fg := colText
	if on {
		fg = colTextOn
	}
	u.textIn(label, r, f, fg, center)
	u.setTip(r, tip)
	return u.clicked(r) || act
}

// fit is face f, or the small face if s is wider than w in f: a label
// too long for its widget in one language is set smaller, not cut.
func (u *ui) fit(s string, w float64, f face) face {
	if f != u.f.small && u.textWidth(s, f) > w {
		return u.f.small
	}
	return f
}

// rowButton is a button as wide as a list's row, its label at the left in
// face f: an entry of a list to pick from.
func (u *ui) rowButton(r rect, label string, f face, tip string) bool {
	u.saw(label, r)
	u.place(label, r, u.textInRect(label, r, f, left), true)
	_, act := u.focusable(r, TwinControl{Label: label, Tip: tip, Kind: "button"})
	bg := colButton
	if u.hover(r) {
		bg = colButtonHover
	}
	u.fill(r, bg)
	u.edge(r)
	u.textIn(label, r, f, colText, left)
	u.setTip(r, tip)
	return u.clicked(r) || act
}

// disabledButton draws a button that cannot be pressed, with the reason.
func (u *ui) disabledButton(r rect, label, why string) {
	u.place(label, r, u.textInRect(label, r, u.f.normal, center), true)
	u.fill(r, colButtonOff)
	u.edge(r)
	u.textIn(label, r, u.f.normal, colTextDim, center)
	u.setTip(r, why)
}

// stepper draws "label  [-] value [+]" and returns -1, 0 or +1.
func (u *ui) stepper(r rect, label, value, tip string) int {
	return u.stepperNamed(r, label, label, value, tip)
}

// stepperNamed is a stepper whose − and + the twin names after name, where
// the label beside it is drawn apart (or not at all).
func (u *ui) stepperNamed(r rect, label, name, value, tip string) int {
	bw := 28.0 // the − and + buttons' width
	if u.touch {
		bw = 44
	}
	valW := 74.0
	ctl := 2*bw + valW
	lr := rect{r.x, r.y, r.w - ctl, r.h}
	if label != "" {
		u.label(label, lr, u.fit(label, lr.w-8, u.f.normal), colText, left)
	}
	u.setTip(lr, tip)
	bh, by := r.h-4, r.y+2
	if u.touch {
		bh, by = max(44, r.h), r.y
	}
	minus := rect{r.x + r.w - ctl, by, bw, bh}
	plus := rect{r.x + r.w - bw, by, bw, bh}
	u.saw(label+" −", minus)
	u.saw(label+" +", plus)
	u.label(value, rect{minus.x + bw, r.y, valW, r.h}, u.f.bold, colText, center)
	d := 0
	if u.buttonAs(minus, "−", TwinControl{Label: name + " −", Tip: tip, Kind: "button", Value: value}) {
		d = -1
	}
	if u.buttonAs(plus, "+", TwinControl{Label: name + " +", Tip: tip, Kind: "button", Value: value}) {
		d = +1
	}
	return d
}

// toggle draws a labelled on/off switch and reports a click.
func (u *ui) toggle(r rect, label string, on bool, tip string) bool {
	u.saw(label, r)
	_, act := u.focusable(r, TwinControl{Label: label, Tip: tip, Kind: "switch", On: on})
	box := rect{r.x + r.w - 46, r.y + (r.h-20)/2, 40, 20}
	lr := rect{r.x, r.y, r.w - 50, r.h}
	f := u.fit(label, lr.w-8, u.f.normal)
	u.place(label, r, u.textInRect(label, lr, f, left), true)
	u.textIn(label, lr, f, colText, left)
	bg := colButton
	if on {
		bg = colAccent
	}
	u.fill(box, bg)
	u.edge(box)
	knob := rect{box.x + 2, box.y + 2, 16, 16}
	if on {
		knob.x = box.x + box.w - 18
	}
	u.fill(knob, colPanel)
	u.setTip(r, tip)
	return u.clicked(r) || act
}

// drawTip draws the pending tooltip; call it last in the draw pass.
func (u *ui) drawTip(screenW, screenH float64) {
	if !u.drawing() || u.tip == "" {
		return
	}
	lines := wrap(u.tip, 46)
	lh := u.textHeight(u.f.small) + 3
	w := 0.0
	for _, l := range lines {
		w = max(w, u.textWidth(l, u.f.small))
	}
	r := rect{u.tipAt[0] + 14, u.tipAt[1] + 16, w + 14, float64(len(lines))*lh + 10}
	if u.fingerTip { // above the finger, which would hide it, centred on it
		r.x, r.y = u.tipAt[0]-r.w/2, u.tipAt[1]-r.h-36
		if r.y < 0 {
			r.y = u.tipAt[1] + 36
		}
	}
	if r.x+r.w > screenW {
		r.x = max(u.tipAt[0]-r.w-6, screenW-r.w-4)
	}
	r.x = max(r.x, 4)
	if r.y+r.h > screenH {
		r.y = u.tipAt[1] - r.h - 6
	}
	u.fill(r, colTip)
	u.stroke(r, 1, colBorder)
	for i, l := range lines {
		u.text(l, r.x+7, r.y+5+float64(i)*lh, u.f.small, colText, left)
	}
}

// wrapWords breaks s into lines no wider than w in face f, at spaces;
// "\n" forces a break. A word wider than w stands on a line of its own.
// (wrapW, in framecost.go, remembers its answers.)
func (u *ui) wrapWords(s string, f face, w float64) []string {
	return wrapWhere(s, func(line string) bool { return u.textWidth(line, f) <= w })
}

// wrap breaks s into lines of at most n runes at spaces; "\n" forces a break.
func wrap(s string, n int) []string {
	return wrapWhere(s, func(line string) bool { return len([]rune(line)) <= n })
}

// wrapWhere breaks s into lines at spaces, as long as fits allows; "\n"
// forces a break, and a word that does not fit stands on a line of its own.
func wrapWhere(s string, fits func(line string) bool) []string {
	var out []string
	for _, para := range splitLines(s) {
		line := ""
		for _, word := range splitWords(para) {
			switch {
			case line == "":
				line = word
			case !fits(line + " " + word):
				out = append(out, line)
				line = word
			default:
				line += " " + word
			}
		}
		out = append(out, line)
	}
	return out
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func splitWords(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return out
}
