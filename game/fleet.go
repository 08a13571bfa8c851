package game

import (
	"image/color"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"gigasandbox/model"
)

// fleetView draws a site's chips one pixel each, coloured by state: a
// 100,000-chip gigafactory is a square of 317×317 pixels that changes as
// chips arrive, fail, get repaired, are throttled and retire.
type fleetView struct {
	img     *ebiten.Image
	buf     []byte
	states  []model.ChipState // scratch: the site's chips
	side    int
	site    model.SiteID
	day     model.Day
	sim     *model.Sim
	ok      bool
	at      time.Time // when the pixels were last painted
	version int       // bumped whenever img is repainted: see ui.image
}

// fleetRefresh is how often the fleet's pixels are repainted while time
// runs: ten times a second reads as motion, and a million-chip fleet is not
// rescanned every frame.
const fleetRefresh = 100 * time.Millisecond

// fleetColours by chip state, then throttled (an active chip without power).
var fleetColours = [model.NumChipStates + 1]color.RGBA{
	model.ChipOrdered:    {0xc8, 0xcd, 0xd4, 0xff},
	model.ChipLicence:    {0xcc, 0x79, 0xa7, 0xff},
	model.ChipTransit:    {0x56, 0xb4, 0xe9, 0xff},
	model.ChipInstalling: {0x00, 0x72, 0xb2, 0xff},
	model.ChipActive:     {0x00, 0x9e, 0x73, 0xff},
	model.ChipRepair:     {0xd5, 0x5e, 0x00, 0xff},
	model.ChipRetired:    {0x3a, 0x3f, 0x46, 0xff},
	model.NumChipStates:  {0xe6, 0x9f, 0x00, 0xff}, // throttled
}

var fleetEmpty = color.RGBA{0xee, 0xef, 0xf1, 0xff}

func (f *fleetView) invalidate() { f.ok = false }

// isqrtCeil is the side of the smallest square holding n pixels.
func isqrtCeil(n int) int {
	s := 1
	for s*s < n {
		s++
	}
	return s
}

// refresh repaints the pixel buffer from the model.
func (f *fleetView) refresh(sim *model.Sim, si model.SiteInfo) {
	f.states = sim.AppendChipStates(f.states[:0], si.ID)
	side := isqrtCeil(max(int(si.Spec.Chips), len(f.states), 1))
	if side != f.side || f.img == nil {
		if f.img != nil {
			f.img.Deallocate()
		}
		f.side = side
		f.img = ebiten.NewImage(side, side)
		f.buf = make([]byte, side*side*4)
	}
	// throttled chips are active ones without power: paint that many of the
	// active chips orange
	throttled := int(si.Throttled)
	n := min(len(f.states), side*side)
	for i, st := range f.states[:n] {
		c := fleetColours[st]
		if st == model.ChipActive && throttled > 0 {
			c = fleetColours[model.NumChipStates]
			throttled--
		}
		p := f.buf[i*4 : i*4+4 : i*4+4]
		p[0], p[1], p[2], p[3] = c.R, c.G, c.B, c.A
	}
	for i := n; i < side*side; i++ {
		p := f.buf[i*4 : i*4+4 : i*4+4]
		p[0], p[1], p[2], p[3] = fleetEmpty.R, fleetEmpty.G, fleetEmpty.B, fleetEmpty.A
	}
	f.img.WritePixels(f.buf)
	f.version++
	f.site, f.day, f.sim, f.ok = si.ID, sim.Day(), sim, true
}

// layout draws the fleet square and its legend into the top of r.
func (f *fleetView) layout(g *Game, u *ui, r *rect, si model.SiteInfo) {
	sim := g.sess.Sim()
	legendH := 4 * 18.0
	size := min(r.w, r.h-legendH-40)
	if size < 60 {
		return
	}
	sq := r.row(size)
	sq.w = size
	u.setTip(sq, g.tr("fleet.tip"))
	if u.drawing() {
		stale := f.day != sim.Day() && g.now().Sub(f.at) >= fleetRefresh
		if !f.ok || f.site != si.ID || f.sim != sim || stale {
			f.refresh(sim, si)
			f.at = g.now()
		}
		op := &ebiten.DrawImageOptions{}
		scale := size * u.k / float64(f.side)
		op.GeoM.Scale(scale, scale)
		op.GeoM.Translate(sq.x*u.k, sq.y*u.k)
		if scale >= 1 {
			op.Filter = ebiten.FilterNearest
		} else {
			op.Filter = ebiten.FilterLinear
		}
		u.image(f.img, f.version, op)
	}
	u.stroke(sq, 1, colBorder)
	r.row(6)
	entries := []struct {
		label string
		c     color.RGBA
		n     int64
	}{
		{g.tr("chip.ordered"), fleetColours[model.ChipOrdered], int64(si.Chips[model.ChipOrdered])},
		{g.tr("chip.licence"), fleetColours[model.ChipLicence], int64(si.Chips[model.ChipLicence])},
		{g.tr("chip.transit"), fleetColours[model.ChipTransit], int64(si.Chips[model.ChipTransit])},
		{g.tr("chip.installing"), fleetColours[model.ChipInstalling], int64(si.Chips[model.ChipInstalling])},
		{g.tr("chip.active"), fleetColours[model.ChipActive], int64(si.Chips[model.ChipActive] - si.Throttled)},
		{g.tr("chip.throttled"), fleetColours[model.NumChipStates], int64(si.Throttled)},
		{g.tr("chip.repair"), fleetColours[model.ChipRepair], int64(si.Chips[model.ChipRepair])},
		{g.tr("chip.retired"), fleetColours[model.ChipRetired], int64(si.Chips[model.ChipRetired])},
	}
	for i := 0; i < len(entries); i += 2 {
		row := r.row(18)
		for j := range 2 {
			e := entries[i+j]
			x := row.x + float64(j)*row.w/2
			u.fill(rect{x, row.y + 3, 11, 11}, e.c)
			u.text(e.label+" "+compact(e.n), x+16, row.y+1, u.f.small, colText, left)
		}
	}
}
