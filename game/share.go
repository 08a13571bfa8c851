package game

import (
	"bytes"
	"fmt"
	"image/png"

	"github.com/hajimehoshi/ebiten/v2"
	"rsc.io/qr"

	"gigasandbox/model/link"
	"gigasandbox/model/report"
)

// Platform is what the page asks of where it runs: the browser (wasm/) or
// the desktop (cmd/sandbox). Nil functions mean "not here".
type Platform struct {
	// Save offers a file to the user: a download in the browser, a file in
	// the working folder on the desktop. It returns where it went.
	Save func(name, mime string, data []byte) (string, error)
	// Copy puts text on the clipboard.
	Copy func(text string) error
	// Ask asks the user for a line of text (a team's link or name on the
	// board), offering def; ok is false if the user declined.
	Ask func(question, def string) (text string, ok bool)
	// BaseURL is the page's address without its fragment; a link is it,
	// '#' and Fragment().
	BaseURL func() string
	// PartialPresent reports whether the canvas keeps its pixels between
	// frames and nothing is drawn on it before the page's copy (boot.js
	// arranges both): then only what changed is copied to it. Nil: the
	// whole page is copied each frame, as Ebitengine does by default.
	PartialPresent func() bool
	// Ensemble, if set, makes the worker that runs the ranges' ensemble
	// off the page's thread (nil if there is none): the browser's Web
	// Worker (wasm/ensworker). Without it the ensemble runs in the page.
	Ensemble func() EnsembleWorker
}

// shareView is the Share sheet: the link, its QR code, and the exports.
type shareView struct {
	open bool
	shot bool // save a picture of the page at the next draw

	scroll scroller // on a small screen the sheet scrolls

	qrFor string   // the link the QR code below was made for
	qr    *qr.Code // nil if the link is too long for a QR code
}

// Fragment is the address fragment (without '#') that reopens this run at
// this day: the scenario as a link (model/link), and the page's language,
// so that whoever opens it reads it as it was shared (a link without one
// follows the reader's browser).
func (g *Game) Fragment() (string, error) {
	frag, err := link.Encode(g.sess.Scenario(), g.sess.Day())
	if err != nil {
		return "", err
	}
	return frag + g.classParams() + g.rangesFragment() + "&lang=" + g.cat.Lang, nil
}

// Link is the whole shareable address, or an error saying why there is
// none.
func (g *Game) Link() (string, error) {
	frag, err := g.Fragment()
	if err != nil {
		return "", err
	}
	base := "gigasim:"
	if g.platform.BaseURL != nil {
		base = g.platform.BaseURL()
	}
	return base + "#" + frag, nil
}

func (g *Game) shareSheet(u *ui) {
	h := 400.0
	if g.w < 600 {
		h = g.h // a phone: the whole screen, the QR code under the text
	}
	r := g.sheetRect(760, h)
	body, closed := g.sheet(u, r, g.tr("share.heading"))
	if closed {
		g.share.open = false
		return
	}
	narrow := body.w < 600
	var qrArea rect
	if !narrow {
		qrArea = rect{body.x + body.w - 300, body.y, 300, 300}
		body.w -= 316
	}
	addr, err := g.Link()
	if err != nil {
		addr = err.Error()
	}
	c := u.beginScroll(&g.share.scroll, body)
	g.para(u, &c, g.tr("share.what"), u.f.normal, colTextDim)
	c.row(6)
	for _, l := range u.chunksW(addr, u.f.small, c.w-12) {
		u.label(l, c.row(16), u.f.small, colText, left)
	}
	c.row(8)
	bh := g.rowH() + 2
	if err == nil && g.platform.Copy != nil && u.button(c.row(bh), g.tr("share.copy"), false, g.tr("share.copy.tip")) {
		if err := g.platform.Copy(addr); err != nil {
			g.notifyErr(err)
		} else {
			g.notify(g.tr("share.copied"))
		}
	}
	c.row(12)
	if u.button(c.row(bh), g.tr("share.csv"), false, g.tr("share.csv.tip")) {
		g.exportCSV()
	}
	c.row(6)
	if u.button(c.row(bh), g.tr("share.png"), false, g.tr("share.png.tip")) {
		g.share.open = false
		g.share.shot = true
	}
	c.row(12)
	g.boardButton(u, c.row(bh))
	if narrow {
		c.row(12)
		side := min(c.w, 300)
		qrArea = c.row(side)
		qrArea.w = side
	}
	if err == nil {
		g.drawQR(u, qrArea, addr)
	}
	u.endScroll(&g.share.scroll, body, c)
	if !u.drawing() && u.click && !u.used && u.hover(r) {
		u.used = true
	}
}

// drawQR draws the link's QR code, big enough to read from the back of a
// classroom when the page is on a projector.
func (g *Game) drawQR(u *ui, r rect, addr string) {
	if g.share.qrFor != addr {
		g.share.qrFor = addr
		g.share.qr, _ = qr.Encode(addr, qr.M)
	}
	c := g.share.qr
	if c == nil {
		u.text(g.tr("share.qr.toolong"), r.x, r.y, u.f.small, colTextDim, left)
		return
	}
	u.fill(r, colPanel)
	n := c.Size + 8 // a quiet zone of four modules on each side
	m := min(r.w, r.h) / float64(n)
	m = max(1, float64(int(m*u.k))) / u.k // whole device pixels per module
	side := m * float64(n)
	x0, y0 := r.x+(r.w-side)/2+4*m, r.y+(r.h-side)/2+4*m
	if u.drawing() {
		for y := range c.Size {
			for x := range c.Size {
				if c.Black(x, y) {
					u.fill(rect{x0 + float64(x)*m, y0 + float64(y)*m, m, m}, colText)
				}
			}
		}
	}
	u.setTip(r, g.tr("share.qr.tip"))
}

// chunksW cuts s into pieces no wider than w in face f (a link has no
// spaces to wrap at).
func (u *ui) chunksW(s string, f face, w float64) []string {
	var out []string
	start, width := 0, 0.0
	for i, r := range s {
		rw := f.advance(r) / u.k
		if width+rw > w && i > start {
			out = append(out, s[start:i])
			start, width = i, 0
		}
		width += rw
	}
	return append(out, s[start:])
}

// exportCSV offers the run's daily outcomes so far as CSV in the page's
// language: the same bytes as `gigasim run --lang LANG --csv FILE`.
func (g *Game) exportCSV() {
	var b bytes.Buffer
	if err := report.WriteCSVAs(&b, g.sess.Sim(), g.cat.CSVFormat()); err != nil {
		g.notifyErr(err)
		return
	}
	g.save(fmt.Sprintf("gigasim-%s-%s.csv", g.sess.Name(), g.sess.Day()), "text/csv", b.Bytes())
}

// savePicture encodes the screen just drawn as PNG and offers it.
func (g *Game) savePicture(screen *ebiten.Image) {
	img := g.captioned(screen) // with the release it shows (release.go)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		g.notifyErr(err)
		return
	}
	g.save(fmt.Sprintf("gigasim-%s-%s.png", g.sess.Name(), g.sess.Day()), "image/png", b.Bytes())
}

func (g *Game) save(name, mime string, data []byte) {
	if g.platform.Save == nil {
		g.notify(g.tr("share.nosave"))
		return
	}
	where, err := g.platform.Save(name, mime, data)
	if err != nil {
		g.notifyErr(err)
		return
	}
	g.notify(g.tr("share.saved", where))
}

// SetPlatform tells the page what its platform can do.
func (g *Game) SetPlatform(p Platform) { g.platform = p }

// NotifyBadLink says that the address could not be opened and why; the
// page shows the default scenario instead.
func (g *Game) NotifyBadLink(err error) { g.notify(g.tr("notice.badlink", err.Error())) }

// NotifyRestored says that the run was restored from this browser.
func (g *Game) NotifyRestored() { g.notify(g.tr("notice.restored")) }
