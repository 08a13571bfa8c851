package game

import (
	"strings"

	"gigasandbox/game/i18n"
	"gigasandbox/model"
)

// Regions of the page, in logical pixels, for a screen of w×h.
type regions struct {
	bar, kpis, mapArea, charts, panel rect
}

const (
	barH    = 46
	kpiH    = 50
	panelW  = 348
	chartsH = 210
)

func (g *Game) regions() regions {
	w, h := g.w, g.h
	var r regions
	r.bar = rect{0, 0, w, barH}
	r.panel = rect{w - panelW, barH, panelW, h - barH}
	left := w - panelW
	r.kpis = rect{0, barH, left, kpiH}
	body := rect{0, barH + kpiH, left, h - barH - kpiH}
	// the map is about as tall as wide: give it the left part and stack
	// the charts beside it; on a narrow screen, charts go below
	if left >= 2*360 {
		mapW := max(left-380, left*0.58)
		r.mapArea = rect{body.x, body.y, mapW, body.h}
		r.charts = rect{body.x + mapW, body.y, left - mapW, body.h}
	} else {
		ch := min(chartsH, max(120, body.h*0.35))
		r.mapArea = rect{body.x, body.y, left, body.h - ch}
		r.charts = rect{body.x, body.y + body.h - ch, left, ch}
	}
	return r
}

// layout describes the whole page once; it runs in the update pass (input)
// and in the draw pass (drawing). Overlays take input first and are drawn
// last, so the order of the two passes differs.
func (g *Game) layout(u *ui) {
	if u.k == 0 { // before the first LayoutF
		return
	}
	r := g.regions()
	if !u.drawing() {
		clear(u.next) // widgets not laid out this frame are not on screen
		// input goes to what is on top first: the overlays, which say
		// where a sheet covers the page
		u.covered = rect{}
		u.inOverlay = true
		g.overlays(u)
		u.inOverlay = false
		g.topBar(u, r.bar)
		g.panel(u, r.panel)
		g.kpiStrip(u, r.kpis)
		g.charts.layout(g, u, r.charts)
		g.mv.layout(g, u, r.mapArea)
		u.seen, u.next = u.next, u.seen
		return
	}
	g.mv.layout(g, u, r.mapArea)
	g.kpiStrip(u, r.kpis)
	g.charts.layout(g, u, r.charts)
	g.panel(u, r.panel)
	g.topBar(u, r.bar)
	u.inOverlay = true
	g.overlays(u)
	u.inOverlay = false
}

// topBar: scenario, date, time controls, undo.
func (g *Game) topBar(u *ui, r rect) {
	u.fill(r, colBar)
	row := r.inset(7)
	title := row.col(150)
	u.text(g.tr("app.title"), title.x, title.y+1, u.f.bold, colBarText, left)
	u.text(g.tr("app.subtitle"), title.x, title.y+18, u.f.small, colBorder, left)

	scen := row.col(140)
	if u.button(scen, g.presetLabel(g.sess.Name())+" ▼", g.presetMenu, g.tr("bar.preset.tip")) {
		g.presetMenu = !g.presetMenu
	}
	row.col(12)
	date := row.col(112)
	u.text(g.sess.Day().String(), date.x+date.w/2, date.y+1, u.f.big, colBarText, center)
	u.setTip(date, g.tr("bar.date.tip", g.sess.Day(), g.sess.Horizon()))
	row.col(8)

	btn := func(label, tip string, on bool) bool {
		b := row.col(44)
		row.col(4)
		return u.button(b, label, on, tip)
	}
	if btn("|◄", g.tr("bar.reset.tip"), false) {
		g.reset()
	}
	playLabel := "►"
	if g.playing {
		playLabel = "||"
	}
	if btn(playLabel, g.tr("bar.play.tip"), g.playing) {
		g.playing = !g.playing && !g.sess.Ended()
	}
	if btn("+1d", g.tr("bar.step.tip"), false) {
		g.playing = false
		if _, err := g.sess.Step(1); err != nil {
			g.notifyErr(err)
		}
	}
	if btn("►|", g.tr("bar.end.tip"), g.seeking) {
		g.SeekTo(g.sess.Horizon())
	}
	row.col(8)
	for i, s := range speeds {
		b := row.col(60)
		row.col(2)
		if u.button(b, g.tr(s.label), g.speed == i, g.tr(s.tip)) {
			g.speed = i
		}
	}
	row.col(8)
	if g.sess.CanUndo() {
		if btn(g.tr("bar.undo"), g.tr("bar.undo.tip"), false) {
			g.undo()
		}
	} else {
		b := row.col(44)
		row.col(4)
		u.disabledButton(b, g.tr("bar.undo"), g.tr("bar.undo.none"))
	}
	if g.sess.CanRedo() {
		if btn(g.tr("bar.redo"), g.tr("bar.redo.tip"), false) {
			g.redo()
		}
	}
	shR := rect{r.x + r.w - 288, r.y + 7, 72, r.h - 14}
	if u.button(shR, g.tr("bar.share"), g.share.open, g.tr("bar.share.tip")) {
		g.share.open = !g.share.open
	}
	asR := rect{r.x + r.w - 212, r.y + 7, 124, r.h - 14}
	if u.button(asR, g.tr("bar.assumptions"), g.assume.open, g.tr("bar.assumptions.tip")) {
		g.assume.open = !g.assume.open
	}
	langR := rect{r.x + r.w - 84, r.y + 7, 40, r.h - 14}
	if u.button(langR, strings.ToUpper(g.cat.Lang), false, g.tr("bar.lang.tip")) {
		g.SetLang(nextLang(g.cat.Lang))
	}
	helpR := rect{r.x + r.w - 40, r.y + 7, 32, r.h - 14}
	if u.button(helpR, "?", g.help, g.tr("bar.help.tip")) {
		g.help = !g.help
	}
}

// kpi is a headline number with its meaning.
type kpi struct{ label, value, tip string }

// kpiStrip shows the headline numbers, always visible.
func (g *Game) kpiStrip(u *ui, r rect) {
	u.fill(r, colPanel)
	u.line(r.x, r.y+r.h-0.5, r.x+r.w, r.y+r.h-0.5, 1, colBorder)
	sim := g.sess.Sim()
	t := sim.Today()
	led := sim.Ledger()
	served := "—"
	if t.Demand > 0 {
		served = pct(int64(t.Served) * 1000 / int64(t.Demand))
	}
	kpis := []kpi{
		{g.tr("kpi.chips"), compact(t.Chips[model.ChipActive]),
			g.tr("kpi.chips.tip")},
		{g.tr("kpi.power"), mw(t.PowerDrawn),
			g.tr("kpi.power.tip")},
		{g.tr("kpi.fund"), euros(led.FundLeft),
			g.tr("kpi.fund.tip", led.FundStart.Euros()/1e9)},
		{g.tr("kpi.served"), served,
			g.tr("kpi.served.tip")},
		{g.tr("kpi.startups"), compact(t.StartupsActive / 1000),
			g.tr("kpi.startups.tip")},
		{g.tr("kpi.co2"), g.tr("kpi.co2.value", thousands(t.Emissions.Tonnes())),
			g.tr("kpi.co2.tip")},
	}
	w := r.w / float64(len(kpis))
	for i, k := range kpis {
		c := rect{r.x + float64(i)*w, r.y, w, r.h}
		u.text(k.label, c.x+10, c.y+6, u.f.small, colTextDim, left)
		u.text(k.value, c.x+10, c.y+21, u.f.big, colText, left)
		u.setTip(c, k.tip)
		if i > 0 {
			u.line(c.x, c.y+8, c.x, c.y+c.h-8, 1, colBorder)
		}
	}
}

// overlays: the preset menu, the help sheet, the banner, the seek progress.
func (g *Game) overlays(u *ui) {
	if g.assume.open || g.share.open || g.scores.open || g.compareOpen || g.help {
		u.tip = "" // a sheet covers the page: no tooltips from beneath it
	}
	if g.banner != "" {
		br := rect{g.w/2 - 330, barH + 8, 660, 34}
		lines := wrap(g.banner, 90)
		br.h = 14 + float64(len(lines))*18
		if g.bannerAction != nil {
			br.h += 40
		}
		u.fill(br, colError)
		for i, l := range lines {
			u.text(l, br.x+12, br.y+7+float64(i)*18, u.f.normal, colTextOn, left)
		}
		if g.bannerAction != nil {
			b := rect{br.x + br.w - 12 - 260, br.y + br.h - 40, 260, 32}
			if u.button(b, g.bannerButton, false, "") {
				act := g.bannerAction
				g.banner, g.bannerButton, g.bannerAction = "", "", nil
				act()
			}
		}
		if u.clicked(br) {
			g.banner, g.bannerButton, g.bannerAction = "", "", nil
		}
	}
	if g.seeking {
		r := g.regions().mapArea
		bar := rect{r.x + r.w/2 - 160, r.y + r.h/2 - 30, 320, 60}
		u.fill(bar, colPanel)
		u.stroke(bar, 1, colBorder)
		from, to := float64(g.sess.Day()), float64(g.seekTo)
		u.text(g.tr("seek.progress", g.seekTo), bar.x+12, bar.y+8, u.f.normal, colText, left)
		track := rect{bar.x + 12, bar.y + 34, bar.w - 24, 12}
		u.fill(track, colButton)
		if to > 0 {
			u.fill(rect{track.x, track.y, track.w * from / to, track.h}, colAccent)
		}
	}
	if g.presetMenu {
		names := model.PresetNames()
		m := rect{157, barH - 4, 220, float64(len(names))*32 + 8}
		u.fill(m, colPanel)
		u.stroke(m, 1, colBorder)
		for i, n := range names {
			b := rect{m.x + 4, m.y + 4 + float64(i)*32, m.w - 8, 30}
			sc, _ := model.Preset(n)
			if u.button(b, g.presetLabel(n), n == g.sess.Name(), g.presetDesc(n, sc.Description)) {
				g.presetMenu = false
				g.loadPreset(n)
			}
		}
		if u.click && !u.used && !u.drawing() { // a click elsewhere closes the menu
			g.presetMenu = false
			u.used = true
		}
	}
	if g.assume.open {
		g.assumptionsSheet(u)
	}
	if g.share.open {
		g.shareSheet(u)
	}
	if g.scores.open {
		g.scoreSheet(u)
	}
	if g.compareOpen {
		g.compareSheet(u)
	}
	if g.help {
		g.helpSheet(u)
	}
}

func (g *Game) loadPreset(name string) {
	s, err := sessionForPreset(name)
	if err != nil {
		g.notifyErr(err)
		return
	}
	g.Load(s)
}

var helpLines = []string{
	"help.keys", "help.keys.1", "help.keys.2", "help.keys.3", "help.keys.6", "help.keys.4", "help.keys.5", "",
	"help.read", "help.read.1", "help.read.2", "help.read.3", "help.read.4",
}

func (g *Game) helpSheet(u *ui) {
	r := rect{g.w/2 - 360, g.h/2 - 185, 720, 370}
	u.covered = r // nothing under the help takes the mouse
	u.fill(r, colPanel)
	u.stroke(r, 2, colBar)
	for i, key := range helpLines {
		face := u.f.normal
		if key == "help.keys" || key == "help.read" {
			face = u.f.bold
		}
		if key != "" {
			u.text(g.tr(key), r.x+20, r.y+18+float64(i)*24, face, colText, left)
		}
	}
	if u.clicked(r) {
		g.help = false
	}
}

// presetLabel is a preset's name in the page's language (other scenario
// names as they are).
func (g *Game) presetLabel(name string) string {
	if g.cat.Knows("preset." + name) {
		return g.tr("preset." + name)
	}
	return name
}

// presetDesc is a preset's one-line description in the page's language.
func (g *Game) presetDesc(name, fallback string) string {
	if g.cat.Knows("preset." + name + ".desc") {
		return g.tr("preset." + name + ".desc")
	}
	return fallback
}

// nextLang is the language after lang, in the order of i18n.Langs.
func nextLang(lang string) string {
	for i, l := range i18n.Langs {
		if l == lang {
			return i18n.Langs[(i+1)%len(i18n.Langs)]
		}
	}
	return i18n.Langs[0]
}

// sheet draws a sheet over the page: a panel with a title and a Close
// button. It returns the panel's inside, and whether Close was pressed.
func (g *Game) sheet(u *ui, r rect, title string) (body rect, closed bool) {
	u.covered = r // nothing under the sheet takes the mouse
	u.fill(r, colPanel)
	u.stroke(r, 2, colBar)
	body = r.inset(16)
	head := body.row(28)
	u.text(title, head.x, head.y, u.f.big, colText, left)
	closed = u.button(rect{head.x + head.w - 90, head.y - 2, 90, 28}, g.tr("assume.close"), false, g.tr("assume.close.tip"))
	return body, closed
}
