package game

import (
	"bytes"
	"fmt"
	"image"
	"image/png"

	"github.com/hajimehoshi/ebiten/v2"
)

// Platform is what the page asks of where it runs: the browser (wasm/) or
// the desktop (cmd/sandbox). Nil functions mean "not here".
type Platform struct {
	// Save offers a file to the user: a download in the browser, a file in
	// the working folder on the desktop. It returns where it went.
	Save func(name, mime string, data []byte) (string, error)
	// Copy puts text on the clipboard.
	Copy func(text string) error
	// Link is the shareable address of a scenario at the day viewed.
	Link func() (string, error)
}

// shareView is the Share sheet: the link, its QR code, and the exports.
type shareView struct {
	open bool
	shot bool // save a picture of the page at the next draw
}

func (g *Game) shareSheet(u *ui) {
	r := rect{g.w/2 - 300, barH + 10, 600, 300}
	u.fill(r, colPanel)
	u.stroke(r, 2, colBar)
	body := r.inset(16)
	head := body.row(28)
	u.text(g.tr("share.heading"), head.x, head.y, u.f.big, colText, left)
	if u.button(rect{head.x + head.w - 90, head.y - 2, 90, 28}, g.tr("assume.close"), false, g.tr("assume.close.tip")) {
		g.share.open = false
		return
	}
	body.row(6)
	if g.platform.Link != nil {
		link, err := g.platform.Link()
		if err != nil {
			link = err.Error()
		}
		for _, l := range wrap(link, 80) {
			t := body.row(18)
			u.text(l, t.x, t.y, u.f.small, colText, left)
		}
		body.row(6)
		if g.platform.Copy != nil && u.button(body.row(32), g.tr("share.copy"), false, g.tr("share.copy.tip")) {
			if err := g.platform.Copy(link); err != nil {
				g.notify(err.Error())
			} else {
				g.notify(g.tr("share.copied"))
			}
		}
		body.row(10)
	}
	row := body.row(32)
	if u.button(row.col(row.w/2-4), g.tr("share.csv"), false, g.tr("share.csv.tip")) {
		g.exportCSV()
	}
	row.col(8)
	if u.button(row, g.tr("share.png"), false, g.tr("share.png.tip")) {
		g.share.open = false
		g.share.shot = true
	}
	if !u.drawing() && u.click && !u.used && u.hover(r) {
		u.used = true
	}
}

// exportCSV offers the run's daily outcomes so far as CSV, the same bytes
// as `gigasim run --csv`.
func (g *Game) exportCSV() {
	var b bytes.Buffer
	if err := g.sess.Sim().WriteCSV(&b); err != nil {
		g.notify(err.Error())
		return
	}
	g.save(fmt.Sprintf("gigasim-%s-%s.csv", g.sess.Name(), g.sess.Day()), "text/csv", b.Bytes())
}

// savePicture encodes the screen just drawn as PNG and offers it.
func (g *Game) savePicture(screen *ebiten.Image) {
	img := image.NewRGBA(screen.Bounds())
	screen.ReadPixels(img.Pix)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		g.notify(err.Error())
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
		g.notify(err.Error())
		return
	}
	g.notify(g.tr("share.saved", where))
}

// SetPlatform tells the page what its platform can do.
func (g *Game) SetPlatform(p Platform) { g.platform = p }
