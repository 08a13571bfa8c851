package game

import (
	"image"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// glyphAtlas is a font at one size: glyphs are rasterised once (with
// golang.org/x/image/font/opentype) into an atlas image, and a string is
// drawn as one batched DrawTriangles of their quads. The page's labels are
// single lines of Latin text, so a glyph per rune at its advance (no
// kerning, no ligatures) reads right; this keeps the shaping engine of
// Ebitengine's text/v2 out of the WebAssembly (it was a sixth of the
// download) and the text cheap to draw every frame.
type glyphAtlas struct {
	serial  uint64 // tells faces apart in a damage sketch
	face    font.Face
	ascent  fixed.Int26_6
	height  float64 // ascent + descent, device pixels
	img     *ebiten.Image
	glyphs  map[rune]atlasGlyph
	adv     map[rune]float64
	x, y    int // where the next glyph goes
	rowH    int
	full    bool
	vs      []ebiten.Vertex
	is      []uint16
	scratch []byte
}

var atlasSerial uint64

type atlasGlyph struct {
	sx, sy, w, h int
	ox, oy       float64 // where the glyph's image sits from the pen, at the line's top
	drawn        bool    // false for glyphs with no image (space)
}

const atlasSize = 1024

var regularFont, boldFont = mustFont(goregular.TTF), mustFont(gobold.TTF)

func mustFont(ttf []byte) *opentype.Font {
	f, err := opentype.Parse(ttf)
	if err != nil {
		panic(err) // the fonts are compiled in; this cannot fail at run time
	}
	return f
}

// newGlyphAtlas makes a face of f, size device pixels to the em.
func newGlyphAtlas(f *opentype.Font, size float64) *glyphAtlas {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		panic(err) // only an invalid size fails, and sizes are constants
	}
	m := face.Metrics()
	atlasSerial++
	return &glyphAtlas{serial: atlasSerial, face: face, ascent: m.Ascent, height: float64(m.Ascent+m.Descent) / 64,
		glyphs: map[rune]atlasGlyph{}, adv: map[rune]float64{}}
}

// advance is the width of r in device pixels.
func (a *glyphAtlas) advance(r rune) float64 {
	if w, ok := a.adv[r]; ok {
		return w
	}
	adv, _ := a.face.GlyphAdvance(r)
	w := float64(adv) / 64
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

// glyph returns r's place in the atlas, rasterising it on first use.
func (a *glyphAtlas) glyph(r rune) (atlasGlyph, bool) {
	if g, ok := a.glyphs[r]; ok {
		return g, true
	}
	if a.full {
		return atlasGlyph{}, false
	}
	dr, mask, mp, _, ok := a.face.Glyph(fixed.Point26_6{Y: a.ascent}, r)
	g := atlasGlyph{}
	if ok && !dr.Empty() {
		w, h := dr.Dx(), dr.Dy()
		if a.x+w+2 > atlasSize {
			a.x, a.y, a.rowH = 0, a.y+a.rowH, 0
		}
		if a.y+h+2 > atlasSize {
			a.full = true
			return atlasGlyph{}, false
		}
		if a.img == nil {
			a.img = ebiten.NewImage(atlasSize, atlasSize)
		}
		// white, premultiplied by the glyph's coverage
		need := w * h * 4
		if cap(a.scratch) < need {
			a.scratch = make([]byte, need)
		}
		pix := a.scratch[:need]
		for y := range h {
			for x := range w {
				_, _, _, al := mask.At(mp.X+x, mp.Y+y).RGBA()
				v := byte(al >> 8)
				i := (y*w + x) * 4
				pix[i], pix[i+1], pix[i+2], pix[i+3] = v, v, v, v
			}
		}
		sub := a.img.SubImage(image.Rect(a.x+1, a.y+1, a.x+1+w, a.y+1+h)).(*ebiten.Image)
		sub.WritePixels(pix)
		g = atlasGlyph{sx: a.x + 1, sy: a.y + 1, w: w, h: h, ox: float64(dr.Min.X), oy: float64(dr.Min.Y), drawn: true}
		a.x += w + 2
		a.rowH = max(a.rowH, h+2)
	}
	a.glyphs[r] = g
	return g, true
}

// draw draws s with its top left at (x, y), device pixels. A rune that no
// longer fits the atlas is skipped (the atlas holds many hundred glyphs; the
// page uses about a hundred and fifty).
func (a *glyphAtlas) draw(dst *ebiten.Image, s string, x, y float64, c color.Color) {
	a.vs, a.is = a.vs[:0], a.is[:0]
	cr, cg, cb, ca := c.RGBA()
	r, g, b, al := float32(cr)/0xffff, float32(cg)/0xffff, float32(cb)/0xffff, float32(ca)/0xffff
	pen := math.Round(x)
	y = math.Round(y)
	for _, ch := range s {
		gl, ok := a.glyph(ch)
		if ok && gl.drawn {
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
}
