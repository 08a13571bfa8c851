package game

import (
	"github.com/hajimehoshi/ebiten/v2"

	"gigasandbox/model"
)

// assumptionsView lists every default parameter with its value, unit,
// source and year; the user can change any of them. Changed ones are marked
// and travel with the scenario. It says plainly that the sandbox explores
// consequences of assumptions and is not a forecast.
type assumptionsView struct {
	open   bool
	scroll float64
}

func (g *Game) assumptionsSheet(u *ui) {
	av := &g.assume
	r := g.sheetRect(g.w-48, g.h)
	body, closed := g.sheet(u, r, g.tr("assume.heading"))
	if closed {
		av.open = false
		return
	}
	for _, l := range wrap(g.tr("assume.note"), 150) {
		t := body.row(18)
		u.text(l, t.x, t.y, u.f.normal, colTextDim, left)
	}
	body.row(8)
	changed := g.sess.Assumptions()
	current := g.sess.Sim().Params()

	assumptionRowH := 38.0
	if u.touch {
		assumptionRowH = 48
	}
	rows := int(model.NumParams)
	visible := body.h
	maxScroll := max(0, float64(rows)*assumptionRowH-visible)
	if !u.drawing() && u.hover(body) {
		_, dy := ebiten.Wheel()
		av.scroll -= dy * 40
	}
	av.scroll -= u.dragIn(body)
	av.scroll = min(max(av.scroll, 0), maxScroll)

	first := int(av.scroll / assumptionRowH)
	for i := first; i < rows; i++ {
		y := body.y + float64(i)*assumptionRowH - av.scroll
		if y+assumptionRowH > body.y+body.h {
			break
		}
		p := model.Param(i)
		info := p.Info()
		row := rect{body.x, y, body.w, assumptionRowH - 2}
		_, isChanged := changed[info.Key]
		if isChanged {
			u.fill(row, colTip)
		} else if i%2 == 0 {
			u.fill(row, colBackground)
		}
		label := g.tr("param." + info.Key)
		if info.Uncertain {
			label += " (U)"
		}
		u.text(label, row.x+6, row.y+3, u.f.normal, colText, left)
		u.text(info.Source+", "+info.Year, row.x+6, row.y+20, u.f.small, colTextDim, left)
		u.setTip(rect{row.x, row.y, row.w - 330, row.h}, info.Key+": "+info.Source+", "+info.Year)

		val := rect{row.x + row.w - 320, row.y, 200, row.h}
		d := u.stepper(val, "", p.Format(current[i]), "")
		u.text(info.Unit, val.x+val.w+6, row.y+10, u.f.small, colTextDim, left)
		if d != 0 {
			step := max(current[i]/20, 1)
			nv := min(max(current[i]+int64(d)*step, info.Min), info.Max)
			if err := g.replay(func() error { return g.sess.SetAssumption(info.Key, p.Format(nv)) }); err != nil {
				g.notifyErr(err)
			} else {
				g.afterEdit()
			}
		}
		if isChanged {
			if u.button(rect{row.x + row.w - 64, row.y + 4, 60, row.h - 8}, g.tr("assume.reset"), false, g.tr("assume.reset.tip", p.Format(info.Default), info.Unit)) {
				if err := g.replay(func() error { return g.sess.SetAssumption(info.Key, "") }); err != nil {
					g.notifyErr(err)
				} else {
					g.afterEdit()
				}
			}
		}
	}
	if !u.drawing() && u.click && !u.used && u.hover(r) {
		u.used = true // clicks inside the sheet do not reach the map below
	}
}
