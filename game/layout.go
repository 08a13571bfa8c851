package game

import (
	"image/color"
	"slices"
	"strings"

	"gigasandbox/game/i18n"
	"gigasandbox/model"
)

// The page has three forms, chosen by the screen's size in CSS pixels:
//
//   - phone: the map first, under a top bar reduced to what fits and a
//     strip of headline numbers; the state, levers, site, charts and log
//     open as a sheet from a tab bar at the bottom, within the thumb's
//     reach. Portrait tablets get it too: their map is then as wide as
//     the screen.
//   - tablet: the desktop's side panel and charts, with touch-sized
//     controls and the top bar's overflow in a menu.
//   - desktop: everything at once, sized for a mouse.
//
// Resizing or rotating changes only the form: the run, the selection and
// the open tab or sheet are the Game's, not the layout's.
type form int

const (
	formPhone form = iota
	formTablet
	formDesktop
)

func formFor(w, h float64) form {
	switch {
	case w < 900 || h < 480:
		return formPhone
	case w < 1280 || h < 640:
		return formTablet
	}
	return formDesktop
}

// Regions of the page, in logical pixels, for a screen of w×h.
type regions struct {
	form                              form
	bar, kpis, mapArea, charts, panel rect
	// tabs is the phone form's tab bar; the panel is then the open sheet,
	// empty while it is closed, and charts are a tab of it.
	tabs rect
	// kpiCols is how many headline numbers stand side by side.
	kpiCols int
}

const (
	panelW  = 348 // the side panel, desktop
	chartsH = 210
)

// rowH is the height of a row of controls: a finger needs more than a
// mouse.
func (g *Game) rowH() float64 {
	if g.u.touch {
		return 44
	}
	return 30
}

func (g *Game) barH() float64 {
	if g.u.touch {
		return 52
	}
	return 46
}

func (g *Game) regions() regions {
	w, h := g.w, g.h
	r := regions{form: formFor(w, h)}
	g.u.touch = r.form != formDesktop // before any size below is chosen
	barH := g.barH()
	r.bar = rect{0, 0, w, barH}
	if r.form == formPhone {
		r.tabs = rect{0, h - 56, w, 56}
		r.kpiCols = g.kpiCols(w)
		kh := 44 * float64((numKPIs+r.kpiCols-1)/r.kpiCols)
		r.kpis = rect{0, barH, w, kh}
		r.mapArea = rect{0, barH + kh, w, r.tabs.y - barH - kh}
		// an open sheet takes part of the map's room, and the map fits
		// itself into the rest, so the state picked stays in sight
		if g.sheetOpen {
			m := r.mapArea
			if w > h { // landscape: the sheet beside the map
				sw := min(440, w*0.55)
				r.panel = rect{w - sw, m.y, sw, m.h}
				r.mapArea.w -= sw
			} else {
				sh := max(m.h*0.62, min(m.h, 300))
				r.panel = rect{0, m.y + m.h - sh, w, sh}
				r.mapArea.h -= sh
			}
		}
		return r
	}
	pw := float64(panelW)
	r.panel = rect{w - pw, barH, pw, h - barH}
	left := w - pw
	r.kpiCols = g.kpiCols(left)
	kh := 50 * float64((numKPIs+r.kpiCols-1)/r.kpiCols)
	r.kpis = rect{0, barH, left, kh}
	body := rect{0, barH + kh, left, h - barH - kh}
	// the map is about as tall as wide: give it the left part and stack
	// the charts beside it; on a narrow screen, charts go below
	if left >= 2*360 && body.h >= 420 {
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
		g.followSelection(r)
		clear(u.next) // widgets not laid out this frame are not on screen
		u.placing = u.placing[:0]
		u.nextControls, u.group = u.nextControls[:0], ""
		if u.names == nil {
			u.names = map[string]int{}
		}
		clear(u.names)
		// input goes to what is on top first: the overlays, which say
		// where a sheet covers the page
		u.covered = rect{}
		u.inOverlay = true
		g.overlays(u)
		u.inOverlay, u.group = false, ""
		u.layer = 0
		g.topBar(u, r.bar)
		g.pagePanel(u, r)
		g.kpiStrip(u, r.kpis, r.kpiCols)
		if r.form != formPhone {
			g.charts.layout(g, u, r.charts)
		}
		g.mv.layout(g, u, r.mapArea)
		u.seen, u.next = u.next, u.seen
		u.placed, u.placing = u.placing, u.placed
		u.controls, u.nextControls = u.nextControls, u.controls
		u.press = "" // a control no longer on the page is not pressed later
		return
	}
	u.layer = 0
	clear(u.names)
	u.focusKey = ""
	if u.focus > 0 && u.focus <= len(u.controls) {
		u.focusKey = u.controls[u.focus-1].Key
	}
	g.mv.layout(g, u, r.mapArea)
	g.kpiStrip(u, r.kpis, r.kpiCols)
	if r.form != formPhone {
		g.charts.layout(g, u, r.charts)
	}
	g.pagePanel(u, r)
	g.topBar(u, r.bar)
	u.inOverlay = true
	g.overlays(u)
	u.inOverlay = false
	u.layer = 0
}

// pagePanel lays out the side panel, or on a phone the tab bar and the
// open sheet.
func (g *Game) pagePanel(u *ui, r regions) {
	if r.form != formPhone {
		g.panel(u, r.panel)
		return
	}
	g.phoneTabs(u, r.tabs)
	if g.sheetOpen && r.panel.h > 0 {
		// the sheet lies over the map: nothing under it takes the finger
		u.layer = 1
		if u.covered == (rect{}) {
			u.inOverlay = true
			g.phoneSheet(u, r.panel)
			u.inOverlay = false
			u.covered = r.panel
		} else {
			g.phoneSheet(u, r.panel)
		}
		if !u.drawing() && u.click && !u.used && u.hover(r.panel) {
			u.used = true
		}
		u.layer = 0
	}
}

// followSelection opens the phone's sheet on what was just selected on
// the map, so that a tap on a state shows its facts and Build.
func (g *Game) followSelection(r regions) {
	sel := selection{g.selState, g.selSite}
	if sel != g.lastSel && r.form == formPhone {
		if sel.site != 0 && sel.site != g.lastSel.site {
			g.sheetOpen, g.phoneTab = true, phoneTabSite
		} else if sel.state >= 0 && sel.state != g.lastSel.state {
			g.sheetOpen, g.phoneTab = true, phoneTabState
		}
	}
	g.lastSel = sel
}

// selection is what is selected on the map.
type selection struct {
	state int
	site  model.SiteID
}

// The phone form's tabs: the side panel's, and the charts.
const (
	phoneTabState = iota
	phoneTabLevers
	phoneTabSite
	phoneTabCharts
	phoneTabLog
	numPhoneTabs
)

var phoneTabKeys = [numPhoneTabs]string{"tab.state", "tab.levers", "tab.site", "tab.charts", "tab.log"}
var phoneTabTips = [numPhoneTabs]string{"tab.state.tip", "tab.levers.tip", "tab.site.tip", "tab.charts.tip", "tab.log.tip"}

// phoneTabs is the tab bar at the bottom of a phone's screen: a tab opens
// its sheet, the open tab closes it.
func (g *Game) phoneTabs(u *ui, r rect) {
	u.fill(r, colBar)
	w := r.w / numPhoneTabs
	for i := range numPhoneTabs {
		b := rect{r.x + float64(i)*w + 2, r.y + 6, w - 4, r.h - 10}
		on := g.sheetOpen && g.phoneTab == i
		if u.button(b, g.tr(phoneTabKeys[i]), on, g.tr(phoneTabTips[i])) {
			if on {
				g.sheetOpen = false
			} else {
				g.sheetOpen, g.phoneTab = true, i // phoneSheet sets the panel's tab to match
			}
		}
	}
}

// phoneSheet is the open tab's sheet, with a button to close it.
func (g *Game) phoneSheet(u *ui, r rect) {
	u.fill(r, colPanel)
	u.line(r.x, r.y+0.5, r.x+r.w, r.y+0.5, 1, colBorder)
	u.line(r.x+0.5, r.y, r.x+0.5, r.y+r.h, 1, colBorder)
	body := r.inset(10)
	// content no wider than a panel's reads better on a tablet
	if body.w > 560 {
		body.x += (body.w - 560) / 2
		body.w = 560
	}
	head := body.row(44)
	close := rect{head.x + head.w - 44, head.y, 44, 44}
	u.label(g.tr(phoneTabKeys[g.phoneTab]), rect{head.x, head.y, head.w - 50, 44}, u.f.big, colText, left)
	if u.button(close, "×", false, g.tr("sheet.close.tip")) {
		g.sheetOpen = false
		return
	}
	if g.phoneTab == phoneTabCharts {
		g.chartPages(u, body)
		return
	}
	g.tab = phoneToPanelTab[g.phoneTab]
	g.panelBody(u, body)
}

// phoneToPanelTab is the side panel's tab for a phone's tab (the charts
// have none), and panelToPhoneTab the other way: turning a tablet or a
// phone keeps the tab open.
var phoneToPanelTab = [numPhoneTabs]int{tabState, tabLevers, tabSite, tabState, tabLog}
var panelToPhoneTab = [numTabs]int{phoneTabState, phoneTabLevers, phoneTabSite, phoneTabLog}

// chartPages shows the charts on a phone one or two at a time, with a
// switcher.
func (g *Game) chartPages(u *ui, r rect) {
	specs := len(g.chartSpecs())
	per := 1
	if r.h-54 >= 2*170 {
		per = 2
	}
	pages := (specs + per - 1) / per
	g.chartPage = min(max(g.chartPage, 0), pages-1)
	sw := r.row(44)
	r.row(6)
	prev := rect{sw.x, sw.y, 64, 44}
	next := rect{sw.x + sw.w - 64, sw.y, 64, 44}
	if u.button(prev, "◄", false, g.tr("charts.prev.tip")) {
		g.chartPage = (g.chartPage + pages - 1) % pages
	}
	if u.button(next, "►", false, g.tr("charts.next.tip")) {
		g.chartPage = (g.chartPage + 1) % pages
	}
	u.label(g.tr("charts.page", g.chartPage+1, pages), rect{prev.x + 70, sw.y, sw.w - 140, 44}, u.f.normal, colTextDim, center)
	g.charts.layoutSome(g, u, r, g.chartPage*per, per)
}

// barItem is a control of the top bar. Those that do not fit the screen
// go into the menu (☰), those the bar keeps least first.
type barItem struct {
	w     float64 // width in the bar
	keep  int     // the higher, the longer it stays in the bar
	right bool    // sits at the bar's right end
	// compactW, if set, is a narrower form (drawn by compact) the item
	// takes before it leaves the bar.
	compactW float64
	draw     func(r rect)
	compact  func(r rect)
	// menu is its label in the menu, and act what choosing it does; items
	// without a label only leave the bar.
	menu string
	act  func()
}

// barItems are the top bar's controls, left to right.
func (g *Game) barItems(u *ui) []barItem {
	bw := func(label string) float64 { return max(u.textWidth(label, u.f.normal)+20, g.minButton()) }
	btn := func(label, tip string, on bool, act func()) func(r rect) {
		return func(r rect) {
			if u.button(r, label, on, tip) {
				act()
			}
		}
	}
	togglePlay := func() { g.time.toggle(g.sess.Ended()) }
	step := func() {
		g.time.pause()
		if _, err := g.sess.Step(1); err != nil {
			g.notifyErr(err)
		}
	}
	playLabel := "►"
	if g.time.playing {
		playLabel = "||"
	}
	preset := g.presetLabel(g.sess.Name()) + " ▼"
	dateFace := u.f.big
	if g.w < 600 {
		dateFace = u.f.bold
	}
	date := g.date(g.sess.Day())
	speedW := 0.0
	for _, s := range speeds {
		speedW += max(u.textWidth(g.tr(s.label), u.f.normal)+14, 60) + 2
	}
	// undo and redo: a button, greyed with the reason when there is
	// nothing to undo or redo
	history := func(key, tip, none string, keep int, can bool, act func()) barItem {
		label := g.tr(key)
		return barItem{w: bw(label), keep: keep, menu: label, act: act, draw: func(r rect) {
			if can {
				btn(label, g.tr(tip), false, act)(r)
			} else {
				u.disabledButton(r, label, g.tr(none))
			}
		}}
	}
	undo := history("bar.undo", "bar.undo.tip", "bar.undo.none", 60, g.sess.CanUndo(), g.undo)
	redo := history("bar.redo", "bar.redo.tip", "bar.redo.none", 50, g.sess.CanRedo(), g.redo)
	return []barItem{
		{w: max(u.textWidth(g.tr("app.title"), u.f.bold), u.textWidth(g.tr("app.subtitle"), u.f.small)) + 14, keep: 10, draw: func(r rect) {
			u.label(g.tr("app.title"), rect{r.x, r.y, r.w, 18}, u.f.bold, colBarText, left)
			u.label(g.tr("app.subtitle"), rect{r.x, r.y + 18, r.w, 16}, u.f.small, colBorder, left)
		}},
		{w: max(140, bw(preset)), keep: 55, menu: g.tr("bar.preset.menu", g.presetLabel(g.sess.Name())),
			act:  func() { g.presetMenu = true },
			draw: btn(preset, g.tr("bar.preset.tip"), g.presetMenu, func() { g.presetMenu = !g.presetMenu })},
		{w: u.textWidth(date, dateFace) + 16, keep: 100, draw: func(r rect) {
			u.label(date, r, dateFace, colBarText, center)
			u.setTip(r, g.tr("bar.date.tip", g.sess.Day(), g.sess.Horizon()))
		}},
		{w: bw("|◄"), keep: 43, menu: g.tr("bar.reset.menu"), act: g.reset, draw: btn("|◄", g.tr("bar.reset.tip"), false, g.reset)},
		{w: bw("||"), keep: 90, draw: btn(playLabel, g.tr("bar.play.tip"), g.time.playing, togglePlay)},
		{w: bw("+1d"), keep: 45, menu: g.tr("bar.step.menu"), act: step, draw: btn("+1d", g.tr("bar.step.tip"), false, step)},
		{w: bw("►|"), keep: 44, menu: g.tr("bar.end.menu"), act: func() { g.SeekTo(g.sess.Horizon()) },
			draw: btn("►|", g.tr("bar.end.tip"), g.time.seeking, func() { g.SeekTo(g.sess.Horizon()) })},
		{w: speedW, keep: 70, compactW: max(bw(g.tr(speeds[g.time.speed].label)), 72), draw: func(r rect) {
			for i, s := range speeds {
				b := r.col(max(u.textWidth(g.tr(s.label), u.f.normal)+14, 60))
				r.col(2)
				if u.button(b, g.tr(s.label), g.time.speed == i, g.tr(s.tip)) {
					g.time.setSpeed(i)
				}
			}
		}, compact: func(r rect) {
			s := speeds[g.time.speed]
			if u.button(r, g.tr(s.label), false, g.tr("bar.speed.tip", g.tr(s.label))) {
				g.time.setSpeed((g.time.speed + 1) % len(speeds))
			}
		}},
		undo, redo,
		{w: bw(g.tr("bar.share")), keep: 80, right: true, draw: btn(g.tr("bar.share"), g.tr("bar.share.tip"), g.share.open, func() { g.share.open = !g.share.open })},
		{w: bw(g.tr("bar.assumptions")), keep: 30, right: true, menu: g.tr("bar.assumptions"), act: func() { g.assume.open = true },
			draw: btn(g.tr("bar.assumptions"), g.tr("bar.assumptions.tip"), g.assume.open, func() { g.assume.open = !g.assume.open })},
		{w: bw("DE"), keep: 35, right: true, menu: g.tr("bar.lang.menu", i18n.Names[g.cat.Lang]), act: func() { g.langMenu = true },
			draw: btn(strings.ToUpper(g.cat.Lang), g.tr("bar.lang.tip", len(i18n.Langs)), g.langMenu, func() { g.langMenu = !g.langMenu })},
		{w: bw("?"), keep: 40, right: true, menu: g.tr("bar.help.menu"), act: func() { g.help = true },
			draw: btn("?", g.tr("bar.help.tip"), g.help, func() { g.help = !g.help })},
	}
}

// minButton is the narrowest a button may be.
func (g *Game) minButton() float64 {
	if g.u.touch {
		return 44
	}
	return 32
}

// fitBar decides which of items the bar shows in w, compacting, then
// moving to the menu, what it keeps least; it reports whether the menu
// button is needed.
func fitBar(items []barItem, w, gap, menuW float64) (shown, compact []bool, menu bool) {
	shown, compact = make([]bool, len(items)), make([]bool, len(items))
	width := func() float64 {
		t, n := 0.0, 0
		for i, it := range items {
			if !shown[i] {
				continue
			}
			n++
			if compact[i] {
				t += it.compactW
			} else {
				t += it.w
			}
		}
		if menu {
			t += menuW
			n++
		}
		return t + gap*float64(max(n-1, 0))
	}
	for i := range shown {
		shown[i] = true
	}
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return items[a].keep - items[b].keep })
	for _, i := range order { // first make narrow what can be
		if width() <= w {
			return
		}
		if items[i].compactW > 0 {
			compact[i] = true
		}
	}
	for _, i := range order {
		if width() <= w {
			return
		}
		shown[i] = false
		if items[i].menu != "" {
			menu = true
		}
	}
	return
}

// topBar: scenario, date, time controls, undo; what does not fit is in
// the menu.
func (g *Game) topBar(u *ui, r rect) {
	u.fill(r, colBar)
	pad := 6.0
	row := rect{r.x + pad, r.y + 4, r.w - 2*pad, r.h - 8}
	items := g.barItems(u)
	gap := 4.0
	menuW := g.minButton()
	shown, compact, menu := fitBar(items, row.w, gap, menuW)
	g.overflow = g.overflow[:0]
	for i, it := range items {
		if !shown[i] && it.menu != "" {
			g.overflow = append(g.overflow, it)
		}
	}
	if !menu {
		g.menuOpen = false
	}
	if menu {
		b := row.col(menuW)
		row.col(gap)
		if u.button(b, "", g.menuOpen, g.tr("bar.menu.tip")) {
			g.menuOpen = !g.menuOpen
		}
		u.saw("menu", b)
		for i := range 3 { // three bars: ☰, in any font
			u.fill(rect{b.x + b.w/2 - 9, b.y + b.h/2 - 7 + float64(i)*6, 18, 2}, colText)
		}
		g.menuAt = b
	}
	right := row.x + row.w
	for i := len(items) - 1; i >= 0; i-- {
		it := items[i]
		if !shown[i] || !it.right {
			continue
		}
		right -= it.w
		it.draw(rect{right, row.y, it.w, row.h})
		right -= gap
	}
	for i, it := range items {
		if !shown[i] || it.right {
			continue
		}
		if compact[i] {
			it.compact(row.col(it.compactW))
		} else {
			it.draw(row.col(it.w))
		}
		row.col(gap)
	}
}

// menuSheet lists the bar's controls that did not fit it.
func (g *Game) menuSheet(u *ui) {
	rh := g.rowH()
	w := 0.0
	for _, it := range g.overflow {
		w = max(w, u.textWidth(it.menu, u.f.normal)+32)
	}
	w = min(max(w, 220), g.w-16)
	m := rect{g.menuAt.x, g.menuAt.y + g.menuAt.h + 4, w, float64(len(g.overflow))*(rh+2) + 8}
	m.x = min(m.x, g.w-8-m.w)
	m.h = min(m.h, g.h-m.y-8) // a short screen scrolls the menu
	u.covered = m
	u.fill(m, colPanel)
	u.stroke(m, 1, colBorder)
	in := m.inset(4)
	c := u.beginScroll(&g.menuScroll, in)
	for _, it := range g.overflow {
		b := c.row(rh)
		c.row(2)
		if u.button(b, it.menu, false, "") {
			g.menuOpen = false
			it.act()
		}
	}
	u.endScroll(&g.menuScroll, in, c)
	if u.click && !u.used && !u.drawing() { // a tap elsewhere closes the menu
		g.menuOpen = false
		u.used = true
	}
}

// kpi is a headline number with its meaning.
type kpi struct{ label, value, tip string }

const numKPIs = 6

// kpiLabels are the headline numbers' labels, in kpis' order.
var kpiLabels = [numKPIs]string{"kpi.chips", "kpi.power", "kpi.fund", "kpi.served", "kpi.startups", "kpi.co2"}

// kpis are the headline numbers, always in sight.
func (g *Game) kpis() [numKPIs]kpi {
	sim := g.sess.Sim()
	t := sim.Today()
	led := sim.Ledger()
	served := "—"
	if t.Demand > 0 {
		served = pct(int64(t.Served) * 1000 / int64(t.Demand))
	}
	return [numKPIs]kpi{
		{g.tr(kpiLabels[0]), compact(t.Chips[model.ChipActive]),
			g.tr("kpi.chips.tip")},
		{g.tr(kpiLabels[1]), mw(t.PowerDrawn),
			g.tr("kpi.power.tip")},
		{g.tr(kpiLabels[2]), euros(led.FundLeft),
			g.tr("kpi.fund.tip", led.FundStart.Euros()/1e9)},
		{g.tr(kpiLabels[3]), served,
			g.tr("kpi.served.tip")},
		{g.tr(kpiLabels[4]), compact(t.StartupsActive / 1000),
			g.tr("kpi.startups.tip")},
		{g.tr(kpiLabels[5]), g.tr("kpi.co2.value", thousands(t.Emissions.Tonnes())),
			g.tr("kpi.co2.tip")},
	}
}

// kpiCols is how many headline numbers fit side by side in a strip w wide:
// all six, three or two a row. It goes by the labels, not the numbers, so
// that the strip does not change shape while a run plays (a number too
// wide for its cell is set smaller: kpiStrip).
func (g *Game) kpiCols(w float64) int {
	u := &g.u
	need := 110.0 // room for a number in the big face
	for _, key := range kpiLabels {
		need = max(need, u.textWidth(g.tr(key), u.f.small))
	}
	for _, cols := range []int{numKPIs, 3} {
		if w/float64(cols) >= need+20 {
			return cols
		}
	}
	return 2
}

// kpiStrip shows the headline numbers, always visible, cols a row.
func (g *Game) kpiStrip(u *ui, r rect, cols int) {
	u.fill(r, colPanel)
	u.line(r.x, r.y+r.h-0.5, r.x+r.w, r.y+r.h-0.5, 1, colBorder)
	rows := (numKPIs + cols - 1) / cols
	w, h := r.w/float64(cols), r.h/float64(rows)
	for i, k := range g.kpis() {
		c := rect{r.x + float64(i%cols)*w, r.y + float64(i/cols)*h, w, h}
		in := rect{c.x + 10, c.y, c.w - 14, c.h}
		top := (h - 40) / 2
		u.label(k.label, rect{in.x, c.y + top, in.w, 15}, u.f.small, colTextDim, left)
		vf := u.f.big
		if u.textWidth(k.value, vf) > in.w-12 {
			vf = u.f.bold
		}
		u.label(k.value, rect{in.x, c.y + top + 15, in.w, 25}, vf, colText, left)
		u.setTip(c, k.tip)
		if i%cols > 0 {
			u.line(c.x, c.y+8, c.x, c.y+c.h-8, 1, colBorder)
		}
	}
}

// sheetRect is where a sheet of at most w×h goes: centred under the top
// bar, and on a small screen the whole screen below the bar.
func (g *Game) sheetRect(w, h float64) rect {
	top := g.barH() + 8
	w = min(w, g.w-16)
	h = min(h, g.h-top-8)
	return rect{(g.w - w) / 2, top, w, h}
}

// overlays: the menus, the sheets, the banner, the seek progress.
func (g *Game) overlays(u *ui) {
	if g.assume.open || g.share.open || g.scores.open || g.compareOpen || g.help || g.goalsSheet || g.boardOpen() || g.ranges.tornadoOpen {
		u.tip = "" // a sheet covers the page: no tooltips from beneath it
	}
	u.layer = 2
	if g.banner.text != "" {
		g.bannerBox(u)
	}
	if g.time.seeking {
		r := g.regions().mapArea
		bw := min(320, r.w-16)
		bar := rect{r.x + (r.w-bw)/2, r.y + r.h/2 - 30, bw, 60}
		u.fill(bar, colPanel)
		u.stroke(bar, 1, colBorder)
		from, to := float64(g.sess.Day()), float64(g.time.seekTo)
		u.label(g.tr("seek.progress", g.time.seekTo), rect{bar.x + 6, bar.y + 4, bar.w - 12, 24}, u.f.normal, colText, left)
		track := rect{bar.x + 12, bar.y + 34, bar.w - 24, 12}
		u.fill(track, colButton)
		if to > 0 {
			u.fill(rect{track.x, track.y, track.w * from / to, track.h}, colAccent)
		}
	}
	if g.presetMenu {
		g.presetList(u)
	}
	if g.langMenu {
		g.langList(u)
	}
	if g.menuOpen && !g.presetMenu && !g.langMenu {
		g.menuSheet(u)
	}
	u.layer = 1
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
	if g.ranges.tornadoOpen {
		g.tornadoSheet(u)
	}
	if g.goalsSheet {
		g.goalsSheetView(u)
	}
	if g.boardOpen() {
		g.boardSheet(u)
	}
	if g.help {
		g.helpSheet(u)
	}
	u.layer = 0
}

// bannerBox is the notice across the top, with its button if it offers
// one; a tap on it dismisses it.
func (g *Game) bannerBox(u *ui) {
	bw := min(660, g.w-16)
	lines := u.wrapW(g.banner.text, u.f.normal, bw-24)
	br := rect{(g.w - bw) / 2, g.barH() + 8, bw, 14 + float64(len(lines))*18}
	bh := g.rowH() + 2
	if g.banner.action != nil {
		br.h += bh + 8
	}
	u.fill(br, colError)
	for i, l := range lines {
		u.label(l, rect{br.x + 6, br.y + 7 + float64(i)*18, br.w - 12, 18}, u.f.normal, colTextOn, left)
	}
	if g.banner.action != nil {
		w := min(max(260, u.textWidth(g.banner.button, u.f.normal)+24), br.w-24)
		b := rect{br.x + br.w - 12 - w, br.y + br.h - bh - 6, w, bh}
		if u.button(b, g.banner.button, false, "") {
			act := g.banner.action
			g.banner.dismiss()
			act()
		}
	}
	if u.clicked(br) {
		g.banner.dismiss()
	}
}

// presetList is the menu of presets, under the control that opened it.
func (g *Game) presetList(u *ui) {
	names := model.PresetNames()
	rh := g.rowH() + 2
	at, ok := u.seen[g.presetLabel(g.sess.Name())+" ▼"]
	if !ok {
		at = g.menuAt
	}
	w := 220.0
	for _, n := range names {
		w = max(w, u.textWidth(g.presetLabel(n), u.f.normal)+24)
	}
	w = min(w, g.w-16)
	m := rect{min(at.x, g.w-8-w), at.y + at.h + 4, w, float64(len(names))*rh + 8}
	u.covered = m
	u.fill(m, colPanel)
	u.stroke(m, 1, colBorder)
	for i, n := range names {
		b := rect{m.x + 4, m.y + 4 + float64(i)*rh, m.w - 8, rh - 2}
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

// langList is the menu of the page's languages, each by its own name, in
// as many columns as the screen needs to show them all without scrolling.
func (g *Game) langList(u *ui) {
	langs := i18n.Langs
	rh := g.rowH() + 2
	at, ok := u.seen[strings.ToUpper(g.cat.Lang)]
	if !ok {
		at = g.menuAt
	}
	cw := 120.0
	for _, l := range langs {
		cw = max(cw, u.textWidth(i18n.Names[l], u.f.normal)+24)
	}
	cols := max(1, min(len(langs), int((g.w-16)/cw)))
	for cols > 1 && float64((len(langs)+cols-1)/cols)*rh+8 < (g.h-at.y-at.h-16)/2 {
		cols-- // no wider than it must be
	}
	rows := (len(langs) + cols - 1) / cols
	w := min(float64(cols)*cw+8, g.w-16)
	m := rect{max(8, min(at.x+at.w-w, g.w-8-w)), at.y + at.h + 4, w, float64(rows)*rh + 8}
	u.covered = m
	u.fill(m, colPanel)
	u.stroke(m, 1, colBorder)
	for i, l := range langs {
		b := rect{m.x + 4 + float64(i/rows)*cw, m.y + 4 + float64(i%rows)*rh, cw - 4, rh - 2}
		if u.button(b, i18n.Names[l], l == g.cat.Lang, "") {
			g.langMenu = false
			g.SetLang(l)
		}
	}
	if u.click && !u.used && !u.drawing() { // a click elsewhere closes the menu
		g.langMenu = false
		u.used = true
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

// helpLines are the help sheet's paragraphs, "" for a gap; its lines on
// the keyboard are those of the bindings (keys.go).
var helpLines = slices.Concat([]string{"help.touch", "help.touch.1", "help.touch.2", "", "help.keys"}, keyHelp,
	[]string{"", "help.read", "help.read.1", "help.read.2", "help.read.3", "help.read.4"})

func (g *Game) helpSheet(u *ui) {
	body, closed := g.sheet(u, g.sheetRect(720, 420), g.tr("help.title"))
	if closed {
		g.help = false
		return
	}
	c := u.beginScroll(&g.helpScroll, body)
	for _, key := range helpLines {
		if key == "" {
			c.row(10)
			continue
		}
		face := u.f.normal
		if key == "help.keys" || key == "help.read" || key == "help.touch" {
			face = u.f.bold
		}
		g.para(u, &c, g.tr(key), face, colText)
		if key == "help.keys" {
			if u.toggle(c.row(g.rowH()), g.tr("help.charkeys"), !g.charKeysOff, g.tr("help.charkeys.tip")) {
				g.SetCharKeys(g.charKeysOff)
			}
			c.row(4)
		}
	}
	u.endScroll(&g.helpScroll, body, c)
	if u.clicked(body) {
		g.help = false
	}
}

// para writes s wrapped to r's width, a line a row.
func (g *Game) para(u *ui, r *rect, s string, f face, c color.Color) {
	lh := u.textHeight(f) + 6
	for _, l := range u.wrapW(s, f, r.w-12) {
		u.label(l, r.row(lh), f, c, left)
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

// sheet draws a sheet over the page: a panel with a title and a Close
// button. It returns the panel's inside, and whether Close was pressed.
func (g *Game) sheet(u *ui, r rect, title string) (body rect, closed bool) {
	u.covered = r   // nothing under the sheet takes the mouse
	u.group = title // its controls form a dialog in the text twin
	u.fill(r, colPanel)
	u.stroke(r, 2, colBar)
	body = r.inset(12)
	bh := g.rowH()
	cw := max(90, u.textWidth(g.tr("assume.close"), u.f.normal)+20)
	tw := body.w - cw - 8
	// the title in big type, or wrapped in bold where it does not fit
	lines, f := []string{title}, u.f.big
	if u.textWidth(title, f)+12 > tw {
		f = u.f.bold
		lines = u.wrapW(title, f, tw-12)
	}
	lh := u.textHeight(f) + 4
	head := body.row(max(bh, float64(len(lines))*lh))
	body.row(6)
	for i, l := range lines {
		u.label(l, rect{head.x, head.y + (head.h-float64(len(lines))*lh)/2 + float64(i)*lh, tw, lh}, f, colText, left)
	}
	closed = u.button(rect{head.x + head.w - cw, head.y, cw, bh}, g.tr("assume.close"), false, g.tr("assume.close.tip"))
	return body, closed
}
