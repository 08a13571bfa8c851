package game

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"
)

// Damage tracking: each frame draws only the parts of the screen whose
// pixels change.
//
// In a browser without a GPU (SwiftShader, as on many school laptops and
// in CI) the frame rate is bound by the pixels shaded: one fill of the
// whole 1280×720 screen costs about as much as everything else in a frame
// together. Ebitengine keeps the screen from one frame to the next (see
// New), so a frame only needs to paint what changed. While the run plays
// at a year a second that is the date, the headline numbers, the charts'
// legends and their newest pixel columns: 1–3% of the screen, not the map,
// the panel or the chart backgrounds.
//
// In the draw pass the ui primitives do not draw: they append commands to
// a display list, each with the box of device pixels it can touch. The
// screen is cut into cells of cellSize×cellSize device pixels, and each
// cell gets a sketch: a hash of the commands that touch it, in order (a
// polyline folds in only its segments that cross the cell, and a string
// only its glyphs that do). A cell whose
// sketch is the one it had in the frame before shows the right pixels
// already. The changed cells are merged into a few rectangles, and the
// commands that touch each rectangle are replayed onto the screen clipped
// to it. This needs nothing of the layout code but that every pixel of the
// page is painted each frame by some opaque command, as it is: the page
// draws its backgrounds.

// cellSize is the side of a damage cell in device pixels: smaller cells
// redraw less around a change but cost more sketching and more draw calls.
const cellSize = 16

// op is what a display-list command draws.
type op uint8

const (
	opFill op = iota + 1
	opStroke
	opLine
	opCircle
	opRing
	opText
	opPolyline
	opImage
)

// cmd is one command of the display list. Numbers are device pixels.
type cmd struct {
	op         op
	closed     bool // a closed polyline
	c          color.RGBA
	a, b, e, f float32 // a rectangle x, y, w, h; a line x0, y0, x1, y1; a circle x, y, r
	width      float32 // of strokes, lines and polylines
	box        image.Rectangle
	s          string      // text
	face       *glyphAtlas // text
	img        *ebiten.Image
	version    int // of img's pixels
	geom       ebiten.GeoM
	filter     ebiten.Filter
	p0, p1     int // a polyline's points: damage.pts[p0:p1]
	// clip, if not empty, is the only part of the screen the command may
	// touch: a scrolled panel's content is clipped to the panel.
	clip image.Rectangle
}

// damage is the display list of the frame being drawn and the sketches of
// the frame on screen.
type damage struct {
	list  []cmd
	pts   []float32 // the polylines' points, x, y pairs
	lines lineBatch // polylines are drawn batched

	cols, rows int
	sketch     []uint64 // this frame's, per cell
	onScreen   []uint64 // the frame on screen's, per cell
	dirty      []bool
	rects      []image.Rectangle // where this frame draws
	all        bool              // draw every cell in the next frame

	drawnPx, screenPx int // pixels drawn in the last frame, of the screen's

	// unpresented is where the screen changed since the page was last
	// copied to the canvas (see Game.DrawFinalScreen).
	unpresented []image.Rectangle
}

// record appends a command, with its box grown by a pixel against rounding.
func (u *ui) record(c cmd) {
	c.box = c.box.Inset(-1)
	if !u.clipBox.Empty() {
		c.clip = u.clipBox
		c.box = c.box.Intersect(c.clip)
		if c.box.Empty() {
			return // wholly outside the clip: it draws nothing
		}
	}
	u.dmg.list = append(u.dmg.list, c)
}

func rgba(c color.Color) color.RGBA { return color.RGBAModel.Convert(c).(color.RGBA) }

// box is the rectangle from (x0, y0) to (x1, y1), grown by m, rounded out.
func box(x0, y0, x1, y1, m float32) image.Rectangle {
	return image.Rect(int(math.Floor(float64(min(x0, x1)-m))), int(math.Floor(float64(min(y0, y1)-m))),
		int(math.Ceil(float64(max(x0, x1)+m))), int(math.Ceil(float64(max(y0, y1)+m))))
}

// polyline draws the segments through pts (x, y pairs in device pixels,
// shifted by dx, dy) as a line of the given width; see lineBatch.
func (u *ui) polyline(pts []float32, dx, dy float32, closed bool, width float32, c color.Color) {
	if !u.drawing() || len(pts) < 4 {
		return
	}
	d := &u.dmg
	p0 := len(d.pts)
	x0, y0, x1, y1 := float32(math.Inf(1)), float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.Inf(-1))
	for i := 0; i+1 < len(pts); i += 2 {
		x, y := pts[i]+dx, pts[i+1]+dy
		d.pts = append(d.pts, x, y)
		x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
	}
	u.record(cmd{op: opPolyline, closed: closed, c: rgba(c), width: width, p0: p0, p1: len(d.pts), box: box(x0, y0, x1, y1, width)})
}

// image draws img, whose pixels are at their version'th state (a cache
// bumps its version whenever it repaints the image), placed by op.
func (u *ui) image(img *ebiten.Image, version int, op *ebiten.DrawImageOptions) {
	if !u.drawing() {
		return
	}
	// GeoM places the image's top left corner at (0, 0), a sub-image's too
	b := img.Bounds()
	x0, y0 := op.GeoM.Apply(0, 0)
	x1, y1 := op.GeoM.Apply(float64(b.Dx()), float64(b.Dy()))
	u.record(cmd{op: opImage, img: img, version: version, geom: op.GeoM, filter: op.Filter,
		box: box(float32(x0), float32(y0), float32(x1), float32(y1), 0)})
}

// FNV-1a, 64 bits, a word at a time: sketches only need to differ when the
// pixels do.
const (
	sketchSeed  = 14695981039346656037
	sketchPrime = 1099511628211
)

func mix(h, x uint64) uint64 { return (h ^ x) * sketchPrime }

func mixF(h uint64, v float32) uint64 { return mix(h, uint64(math.Float32bits(v))) }

// hash is a command's sketch, apart from a polyline's points.
func (c *cmd) hash() uint64 {
	h := mix(sketchSeed, uint64(c.op))
	h = mix(h, uint64(c.c.R)<<24|uint64(c.c.G)<<16|uint64(c.c.B)<<8|uint64(c.c.A))
	h = mixF(mixF(mixF(mixF(mixF(h, c.a), c.b), c.e), c.f), c.width)
	switch c.op {
	case opText: // the runes are folded a glyph at a time (foldText)
		h = mix(h, c.face.serial)
	case opImage:
		h = mix(mix(h, uint64(c.version)), uint64(c.filter))
		for i := range 2 {
			for j := range 3 {
				h = mix(h, math.Float64bits(c.geom.Element(i, j)))
			}
		}
	case opPolyline:
		if c.closed {
			h = mix(h, 1)
		}
	}
	if !c.clip.Empty() {
		h = mix(mix(mix(mix(h, uint64(c.clip.Min.X)), uint64(c.clip.Min.Y)), uint64(c.clip.Max.X)), uint64(c.clip.Max.Y))
	}
	return h
}

// drawnShare is the share of the screen's pixels the last frame drew.
func (d *damage) drawnShare() float64 {
	if d.screenPx == 0 {
		return 0
	}
	return float64(d.drawnPx) / float64(d.screenPx)
}

// invalidate makes the next frame draw every cell.
func (d *damage) invalidate() { d.all = true }

// redrawAll makes the next frame draw the whole screen, not only what
// changed: the rest of the game reaches the display list only through
// this, drawnShare and the drawing primitives (TestDisplayListKeptInDamage).
func (u *ui) redrawAll() { u.dmg.invalidate() }

// drawnShare is the share of the screen's pixels the last frame drew.
func (u *ui) drawnShare() float64 { return u.dmg.drawnShare() }

// drawFrame draws the display list's commands where this frame's pixels
// differ from the frame on screen, and empties the list.
func (u *ui) drawFrame(screen *ebiten.Image) {
	d := &u.dmg
	d.drawnPx, d.screenPx = 0, screen.Bounds().Dx()*screen.Bounds().Dy()
	for _, r := range d.changed(screen.Bounds()) {
		u.replay(screen.SubImage(r).(*ebiten.Image), r)
		d.drawnPx += r.Dx() * r.Dy()
		d.unpresented = append(d.unpresented, r)
	}
	d.done()
}

// changed sketches the display list and returns the rectangles of the
// screen where it differs from the frame on screen.
func (d *damage) changed(screen image.Rectangle) []image.Rectangle {
	cols, rows := (screen.Dx()+cellSize-1)/cellSize, (screen.Dy()+cellSize-1)/cellSize
	if cols != d.cols || rows != d.rows {
		d.cols, d.rows = cols, rows
		d.sketch = make([]uint64, cols*rows)
		d.onScreen = make([]uint64, cols*rows)
		d.dirty = make([]bool, cols*rows)
		d.all = true
	}
	d.sketchCells()
	d.findRects(screen)
	return d.rects
}

// done makes this frame's sketches those of the frame on screen and
// empties the display list.
func (d *damage) done() {
	d.sketch, d.onScreen = d.onScreen, d.sketch
	d.all = false
	clear(d.list) // drop references to strings and images
	d.list, d.pts = d.list[:0], d.pts[:0]
}

// sketchCells folds every command into the cells it touches.
func (d *damage) sketchCells() {
	for i := range d.sketch {
		d.sketch[i] = sketchSeed
	}
	for i := range d.list {
		c := &d.list[i]
		h := c.hash()
		if c.op == opText {
			d.foldText(c, h)
			continue
		}
		if c.op != opPolyline {
			d.fold(c.box, h)
			continue
		}
		// a segment at a time, so that a line growing at its end changes
		// only the cells where it grows
		pts := d.pts[c.p0:c.p1]
		n := len(pts) / 2
		segs := n - 1
		if c.closed {
			segs = n
		}
		for s := range segs {
			t := (s + 1) % n
			x0, y0, x1, y1 := pts[2*s], pts[2*s+1], pts[2*t], pts[2*t+1]
			hs := mixF(mixF(mixF(mixF(h, x0), y0), x1), y1)
			d.fold(box(x0, y0, x1, y1, c.width+1), hs)
		}
	}
}

// foldText folds a string a glyph at a time, so that a number whose last
// digit changes changes the cells of that digit, not of the whole string.
// Each glyph's box is its advance, grown by a quarter of the line's height
// for glyphs that reach beyond it; its hash is the string's (face, colour,
// line) with the rune and its pen position.
func (d *damage) foldText(c *cmd, h uint64) {
	m := float32(c.face.height / 4)
	pen := c.a
	for _, r := range c.s {
		adv := float32(c.face.advance(r))
		g := box(pen, c.b, pen+adv, c.b+float32(c.face.height), m).Inset(-1)
		if !c.clip.Empty() {
			g = g.Intersect(c.clip)
		}
		d.fold(g, mixF(mix(h, uint64(r)), pen))
		pen += adv
	}
}

// fold mixes h into the sketch of every cell that r touches.
func (d *damage) fold(r image.Rectangle, h uint64) {
	c0, r0 := max(r.Min.X/cellSize, 0), max(r.Min.Y/cellSize, 0)
	c1, r1 := min((r.Max.X+cellSize-1)/cellSize, d.cols), min((r.Max.Y+cellSize-1)/cellSize, d.rows)
	for y := r0; y < r1; y++ {
		row := d.sketch[y*d.cols : (y+1)*d.cols]
		for x := c0; x < c1; x++ {
			row[x] = mix(row[x], h)
		}
	}
}

// findRects merges the changed cells into rectangles: runs of changed
// cells in a row, grown down while the next row has a run over the same
// columns.
func (d *damage) findRects(screen image.Rectangle) {
	d.rects = d.rects[:0]
	for i := range d.dirty {
		d.dirty[i] = d.all || d.sketch[i] != d.onScreen[i]
	}
	for y := range d.rows {
		for x := 0; x < d.cols; {
			if !d.dirty[y*d.cols+x] {
				x++
				continue
			}
			x0 := x
			for x < d.cols && d.dirty[y*d.cols+x] {
				x++
			}
			r := image.Rect(x0*cellSize, y*cellSize, x*cellSize, (y+1)*cellSize).Intersect(screen)
			grown := false
			for j := range d.rects {
				p := &d.rects[j]
				if p.Max.Y == r.Min.Y && p.Min.X == r.Min.X && p.Max.X == r.Max.X {
					p.Max.Y = r.Max.Y
					grown = true
					break
				}
			}
			if !grown {
				d.rects = append(d.rects, r)
			}
		}
	}
}

// replay draws the commands that touch r onto dst, a sub-image of the
// screen clipped to r.
func (u *ui) replay(dst *ebiten.Image, r image.Rectangle) {
	d := &u.dmg
	for i := range d.list {
		c := &d.list[i]
		if !c.box.Overlaps(r) {
			continue
		}
		if c.op != opPolyline || !c.clip.Empty() {
			d.lines.flush(dst) // keep the order of lines and the rest
		}
		dst := dst
		if !c.clip.Empty() {
			dst = dst.SubImage(c.clip).(*ebiten.Image) // within r too: dst is r's sub-image
		}
		switch c.op {
		case opFill:
			vector.FillRect(dst, c.a, c.b, c.e, c.f, c.c, false)
		case opStroke:
			vector.StrokeRect(dst, c.a, c.b, c.e, c.f, c.width, c.c, false)
		case opLine:
			vector.StrokeLine(dst, c.a, c.b, c.e, c.f, c.width, c.c, false)
		case opCircle:
			vector.FillCircle(dst, c.a, c.b, c.e, c.c, false)
		case opRing:
			vector.StrokeCircle(dst, c.a, c.b, c.e, c.width, c.c, false)
		case opText:
			c.face.draw(dst, c.s, float64(c.a), float64(c.b), c.c)
		case opPolyline:
			d.lines.polylineIn(dst, r, d.pts[c.p0:c.p1], 0, 0, c.closed, c.width, c.c)
			if !c.clip.Empty() {
				d.lines.flush(dst)
			}
		case opImage:
			dst.DrawImage(c.img, &ebiten.DrawImageOptions{GeoM: c.geom, Filter: c.filter})
		}
	}
	d.lines.flush(dst)
}

// DrawFinalScreen copies the page to the canvas (Ebitengine calls it after
// Draw, for every frame it presents). Where the platform allows it, only
// the rectangles that changed since the last copy are copied: without a GPU
// a copy of the whole 1280×720 screen costs about 12 ms a frame
// (docs/performance.md). Otherwise, and whenever the page is scaled onto
// the canvas, the whole page is copied.
func (g *Game) DrawFinalScreen(screen ebiten.FinalScreen, offscreen *ebiten.Image, geoM ebiten.GeoM) {
	d := &g.u.dmg
	rects := d.unpresented
	d.unpresented = d.unpresented[:0]
	var identity ebiten.GeoM
	if g.platform.PartialPresent == nil || geoM != identity || screen.Bounds() != offscreen.Bounds() || !g.platform.PartialPresent() {
		ebiten.DefaultDrawFinalScreen(screen, offscreen, geoM)
		return
	}
	if len(rects) == 0 {
		// nothing changed, but boot.js counts on a copy after the fill it
		// drops: copy one pixel
		rects = append(rects, image.Rect(0, 0, 1, 1))
	}
	for _, r := range rects {
		op := &ebiten.DrawImageOptions{Blend: ebiten.BlendCopy}
		op.GeoM.Translate(float64(r.Min.X), float64(r.Min.Y))
		screen.DrawImage(offscreen.SubImage(r).(*ebiten.Image), op)
	}
}
