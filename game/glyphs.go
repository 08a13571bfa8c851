package game

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
)

// glyphAtlas draws text from glyphs rendered once into an atlas image. The
// page draws a few hundred short labels and numbers each frame; shaping
// each one again with text/v2 cost most of a frame's Go time (about 6 ms in
// WebAssembly). Labels here are single lines of Latin text, so a glyph per
// rune placed at its advance (no kerning, no ligatures) reads the same, and
// a string is one batched DrawTriangles.
type glyphAtlas struct {
	face   text.Face
	img    *ebiten.Image
	glyphs map[rune]atlasGlyph
	adv    map[rune]float64
	x, y   int // where the next glyph goes
	rowH   int
	full   bool
	vs     []ebiten.Vertex
	is     []uint16
}

type atlasGlyph struct {
	sx, sy, w, h int
	ox, oy       float64 // where the glyph's image sits from the pen, at the line's top
	drawn        bool    // false for glyphs with no image (space)
}

const atlasSize = 1024

func newGlyphAtlas(face text.Face) *glyphAtlas {
	return &glyphAtlas{face: face, glyphs: map[rune]atlasGlyph{}, adv: map[rune]float64{}}
}

// advance is the width of r in device pixels.
func (a *glyphAtlas) advance(r rune) float64 {
	if w, ok := a.adv[r]; ok {
		return w
	}
	w := text.Advance(string(r), a.face)
	a.adv[r] = w
	return w
}

// width is the width of s in device pixels.
func (a *glyphAtlas) width(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += a.advance(r)
	}
	return w
}

// glyph returns r's place in the atlas, rendering it on first use.
func (a *glyphAtlas) glyph(r rune) (atlasGlyph, bool) {
	if g, ok := a.glyphs[r]; ok {
		return g, true
	}
	if a.full {
		return atlasGlyph{}, false
	}
	if a.img == nil {
		a.img = ebiten.NewImage(atlasSize, atlasSize)
	}
	gs := text.AppendGlyphs(nil, string(r), a.face, &text.LayoutOptions{})
	g := atlasGlyph{}
	if len(gs) > 0 && gs[0].Image != nil {
		src := gs[0].Image
		b := src.Bounds()
		w, h := b.Dx()+2, b.Dy()+2 // a pixel of padding against bleeding
		if a.x+w > atlasSize {
			a.x, a.y, a.rowH = 0, a.y+a.rowH, 0
		}
		if a.y+h > atlasSize {
			a.full = true
			return atlasGlyph{}, false
		}
		op := &ebiten.DrawImageOptions{}
		op.GeoM.Translate(float64(a.x+1-b.Min.X), float64(a.y+1-b.Min.Y))
		a.img.DrawImage(src, op)
		g = atlasGlyph{sx: a.x + 1, sy: a.y + 1, w: b.Dx(), h: b.Dy(), ox: math.Round(gs[0].X), oy: math.Round(gs[0].Y), drawn: true}
		a.x += w
		a.rowH = max(a.rowH, h)
	}
	a.glyphs[r] = g
	return g, true
}

// draw draws s with its top left at (x, y), device pixels. It reports false
// if a glyph did not fit the atlas; the caller then draws with text/v2.
func (a *glyphAtlas) draw(dst *ebiten.Image, s string, x, y float64, c color.Color) bool {
	a.vs, a.is = a.vs[:0], a.is[:0]
	cr, cg, cb, ca := c.RGBA()
	r, g, b, al := float32(cr)/0xffff, float32(cg)/0xffff, float32(cb)/0xffff, float32(ca)/0xffff
	pen := math.Round(x)
	y = math.Round(y)
	for _, ch := range s {
		gl, ok := a.glyph(ch)
		if !ok {
			return false
		}
		if gl.drawn {
			x0, y0 := float32(pen+gl.ox), float32(y+gl.oy)
			x1, y1 := x0+float32(gl.w), y0+float32(gl.h)
			sx0, sy0 := float32(gl.sx), float32(gl.sy)
			sx1, sy1 := sx0+float32(gl.w), sy0+float32(gl.h)
			base := uint16(len(a.vs))
			a.vs = append(a.vs,
				ebiten.Vertex{DstX: x0, DstY: y0, SrcX: sx0, SrcY: sy0, ColorR: r, ColorG: g, ColorB: b, ColorA: al},
				ebiten.Vertex{DstX: x1, DstY: y0, SrcX: sx1, SrcY: sy0, ColorR: r, ColorG: g, ColorB: b, ColorA: al},
				ebiten.Vertex{DstX: x1, DstY: y1, SrcX: sx1, SrcY: sy1, ColorR: r, ColorG: g, ColorB: b, ColorA: al},
				ebiten.Vertex{DstX: x0, DstY: y1, SrcX: sx0, SrcY: sy1, ColorR: r, ColorG: g, ColorB: b, ColorA: al},
			)
			a.is = append(a.is, base, base+1, base+2, base, base+2, base+3)
		}
		pen += a.advance(ch)
	}
	if len(a.is) > 0 {
		dst.DrawTriangles(a.vs, a.is, a.img, &ebiten.DrawTrianglesOptions{})
	}
	return true
}
