package game

import (
	"slices"

	"gigasandbox/model"
)

// assumptionsView lists every default parameter with its value, unit,
// source and year; the user can change any of them. Changed ones are marked
// and travel with the scenario. It says plainly that the sandbox explores
// consequences of assumptions and is not a forecast.
type assumptionsView struct {
	open   bool
	scroll scroller
}

func (g *Game) assumptionsSheet(u *ui) {
	av := &g.assume
	r := g.sheetRect(g.w-48, g.h)
	body, closed := g.sheet(u, r, g.tr("assume.heading"))
	if closed {
		av.open = false
		return
	}
	rel := g.sess.Sim().Release()
	g.para(u, &body, g.tr("assume.note"), u.f.normal, colTextDim)
	g.para(u, &body, g.releaseLine(), u.f.small, colTextDim)
	body.row(8)
	changed := g.sess.Assumptions()
	current := g.sess.Sim().Params()

	// a row: the parameter and its source at the left, its value (a
	// stepper), unit and reset at the right; on a narrow screen the value
	// goes on a second line
	lineH := 38.0
	if u.touch {
		lineH = 48
	}
	narrow := body.w < 640
	stepW := 130.0 // the stepper: − value +
	if u.touch {
		stepW = 162
	}
	c := u.beginScroll(&av.scroll, body)
	for i := range int(model.NumParams) {
		p := model.Param(i)
		info := rel.Param(p) // the default and source of the run's release
		if g.Class().Hides(info.Key) {
			continue // the teacher hid it (board.go, Class)
		}
		rng := p.Range()
		label := g.tr("param." + info.Key)
		if info.Uncertain {
			label += " (U)"
		}
		source := info.Source + ", " + info.Year
		span := g.tr("assume.range", p.Format(rng.Low), p.Format(rng.High))
		if rng.Fixed() {
			span = g.tr("assume.fixed", p.Format(rng.Low))
		}
		textW := c.w - stepW - 200
		if narrow {
			textW = c.w
		}
		labels := u.wrapW(label, u.f.normal, textW-12)
		sources := slices.Concat(u.wrapW(source, u.f.small, textW-12), u.wrapW(span, u.f.small, textW-12)) // a new slice: wrapW's are remembered
		textH := float64(len(labels))*18 + float64(len(sources))*15 + 4
		rowH := max(lineH, textH)
		if narrow {
			rowH = textH + lineH
		}
		row := c.row(rowH)
		if row.y+row.h < body.y || row.y > body.y+body.h {
			continue // scrolled out of sight
		}
		row.h -= 2
		_, isChanged := changed[info.Key]
		if isChanged {
			u.fill(row, colTip)
		} else if i%2 == 0 {
			u.fill(row, colBackground)
		}
		text := rect{row.x, row.y, textW, textH}
		ctl := rect{row.x + textW, row.y, row.w - textW, row.h}
		if narrow {
			ctl = rect{row.x, row.y + textH, row.w, row.h - textH}
		}
		y := text.y + 1
		for _, l := range labels {
			u.label(l, rect{text.x, y, text.w, 18}, u.f.normal, colText, left)
			y += 18
		}
		for _, l := range sources {
			u.label(l, rect{text.x, y, text.w, 15}, u.f.small, colTextDim, left)
			y += 15
		}
		tip := info.Key + ": " + source + "\n" + span + "\n▼ " + rng.WhyLow
		if !rng.Fixed() {
			tip += "\n▲ " + rng.WhyHigh
		}
		u.setTip(text, tip)

		val := rect{ctl.x, ctl.y, stepW, ctl.h}
		d := u.stepperNamed(val, "", g.tr("param."+info.Key), p.Format(current[i]), "")
		unitW := ctl.w - stepW - 72
		u.label(info.Unit, rect{val.x + val.w, ctl.y, unitW, ctl.h}, u.fit(info.Unit, unitW-12, u.f.small), colTextDim, left)
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
			reset := TwinControl{Label: g.tr("assume.reset") + ": " + g.tr("param."+info.Key), Tip: g.tr("assume.reset.tip", p.Format(info.Default), info.Unit), Kind: "button"}
			if u.buttonAs(rect{ctl.x + ctl.w - 68, ctl.y + (ctl.h-lineH)/2 + 2, 68, lineH - 4}, g.tr("assume.reset"), reset) {
				if err := g.replay(func() error { return g.sess.SetAssumption(info.Key, "") }); err != nil {
					g.notifyErr(err)
				} else {
					g.afterEdit()
				}
			}
		}
	}
	u.endScroll(&av.scroll, body, c)
	if !u.drawing() && u.click && !u.used && u.hover(r) {
		u.used = true // clicks inside the sheet do not reach the map below
	}
}
