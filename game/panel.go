package game

import (
	"fmt"
	"strconv"

	"gigasandbox/game/session"
	"gigasandbox/model"
)

var sessionForPreset = session.NewPreset

// tabNames name the tabs for Select and the automation API; the page
// shows their catalog text ("tab.<name>").
var tabNames = [numTabs]string{"state", "levers", "site", "log"}
var tabKeys = [numTabs]string{"tab.state", "tab.levers", "tab.site", "tab.log"}
var tabTips = [numTabs]string{"tab.state.tip", "tab.levers.tip", "tab.site.tip", "tab.log.tip"}

// panel is the right-hand column: tabs, then the tab's content.
func (g *Game) panel(u *ui, r rect) {
	u.fill(r, colPanel)
	u.line(r.x+0.5, r.y, r.x+0.5, r.y+r.h, 1, colBorder)
	body := r.inset(10)
	tabs := body.row(max(32, g.rowH()))
	body.row(8)
	w := tabs.w / numTabs
	for i := range numTabs {
		b := rect{tabs.x + float64(i)*w, tabs.y, w - 4, tabs.h}
		if u.button(b, g.tr(tabKeys[i]), g.tab == i, g.tr(tabTips[i])) {
			g.tab, g.phoneTab = i, panelToPhoneTab[i]
		}
	}
	g.panelBody(u, body)
}

// panelBody is the open tab's content, scrolled when it is taller than r.
func (g *Game) panelBody(u *ui, r rect) {
	if g.tab != g.panelScroll.tab {
		g.panelScroll = tabScroll{tab: g.tab}
	}
	c := u.beginScroll(&g.panelScroll.scroller, r)
	switch g.tab {
	case tabState:
		g.statePanel(u, &c)
	case tabLevers:
		g.leverPanel(u, &c)
	case tabSite:
		g.sitePanel(u, &c)
	case tabLog:
		g.log.layout(g, u, &c)
	}
	u.endScroll(&g.panelScroll.scroller, r, c)
}

// heading writes a bold line and returns the rest of r.
func heading(u *ui, r *rect, s string) {
	u.label(s, r.row(26), u.f.bold, colText, left)
}

// fact writes "label ........ value" with a tooltip.
func fact(u *ui, r *rect, label, value, tip string) {
	l := r.row(22)
	vw := u.textWidth(value, u.f.bold) + 12
	lr := rect{l.x, l.y, l.w - vw, l.h}
	u.label(label, lr, u.fit(label, lr.w-8, u.f.normal), colTextDim, left)
	u.label(value, rect{l.x + l.w - vw, l.y, vw, l.h}, u.f.bold, colText, right)
	u.setTip(l, tip)
}

// buildChoice is what the Build button will build.
type buildChoice struct{ size, chip, delay int }

var buildSizes = []int32{25000, 50000, 100000, 200000}
var buildChips = []struct{ key, label, tip string }{
	{"best", "chip.best", "chip.best.tip"},
	{"h100", "chip.h100", "chip.h100.tip"},
	{"b200", "chip.b200", "chip.b200.tip"},
	{"eu", "chip.eu", "chip.eu.tip"},
}
var buildDelays = []struct {
	days  model.Day
	label string
}{{0, "start.now"}, {91, "start.3mo"}, {182, "start.6mo"}, {365, "start.1yr"}}

func defaultBuild() buildChoice { return buildChoice{size: 2} }

// statePanel: the selected state's facts and the Build controls.
func (g *Game) statePanel(u *ui, r *rect) {
	if g.selState < 0 {
		heading(u, r, g.tr("state.pick"))
		g.para(u, r, g.tr("state.pick.text"), u.f.normal, colTextDim)
		return
	}
	st := g.sess.Sim().Release().State(g.selState)
	heading(u, r, fmt.Sprintf("%s (%s)", g.stateName(g.selState), st.Code))
	for _, f := range g.stateFacts(g.selState) {
		fact(u, r, f.label, f.value, f.tip)
	}
	r.row(6)
	g.classNote(u, r) // before the controls a teacher may have locked

	heading(u, r, g.tr("build.heading"))
	row := r.row(g.rowH())
	w := row.w / float64(len(buildSizes))
	for i, n := range buildSizes {
		if u.button(rect{row.x + float64(i)*w, row.y, w - 4, row.h}, compact(int64(n)), g.build.size == i, g.tr("build.size.tip", thousands(int64(n)))) {
			g.build.size = i
		}
	}
	r.row(4)
	row = r.row(g.rowH())
	w = row.w / float64(len(buildChips))
	for i, c := range buildChips {
		if u.button(rect{row.x + float64(i)*w, row.y, w - 4, row.h}, g.tr(c.label), g.build.chip == i, g.tr(c.tip)) {
			g.build.chip = i
		}
	}
	r.row(4)
	row = r.row(g.rowH())
	u.textIn(g.tr("build.start"), row.col(50), u.f.normal, colTextDim, left)
	w = row.w / float64(len(buildDelays))
	for i, d := range buildDelays {
		if u.button(rect{row.x + float64(i)*w, row.y, w - 4, row.h}, g.tr(d.label), g.build.delay == i,
			g.tr("build.start.tip", g.date(g.sess.Day()+d.days))) {
			g.build.delay = i
		}
	}
	r.row(6)
	b := r.row(max(36, g.rowH()))
	if g.sess.Ended() {
		u.disabledButton(b, g.tr("build.button"), g.tr("build.ended"))
	} else if u.button(b, g.tr("build.button"), true, g.tr("build.button.tip")) {
		g.buildHere()
	}
	r.row(8)
	half := r.row(g.rowH())
	left, rightR := half.col(half.w/2-2), half
	rightR.x += 4
	rightR.w -= 4
	if st.Tier == 2 {
		on := false
		for _, c := range g.sess.Sim().Levers().G2G {
			on = on || c == st.Code
		}
		if u.button(left, g.tr("state.g2g"), on, g.tr("state.g2g.tip")) {
			g.Do(model.Command{Op: model.SetG2G{State: model.StateAt(g.selState), On: !on}})
		}
	}
	if u.button(rightR, g.tr("state.invest"), false, g.tr("state.invest.tip")) {
		g.Do(model.Command{Op: model.InvestGrid{State: model.StateAt(g.selState), MW: 500}})
	}
	r.row(8)
	g.candidateButtons(u, r)
	row = r.row(g.rowH())
	pin := row.col(row.w/2 - 2)
	row.col(4)
	if u.button(pin, g.tr("score.pin"), g.scores.has(g.selState), g.tr("score.pin.tip")) {
		g.scores.toggle(g.selState)
	}
	if u.button(row, g.tr("score.open", len(g.scores.pinned)), g.scores.open, g.tr("score.open.tip")) {
		g.scores.open = !g.scores.open
	}
}

// buildHere builds the chosen gigafactory in the selected state, at the
// point clicked on the map (or the state's centre).
func (g *Game) buildHere() {
	if g.selState < 0 {
		g.notify(g.tr("notice.pickstate"))
		return
	}
	lon, lat := g.mv.placeFor(g.selState)
	n := len(g.sess.Sim().Sites()) + 1
	spec := model.SiteSpec{
		Name:  g.tr("build.name", g.stateName(g.selState), n),
		State: model.StateAt(g.selState), Chips: buildSizes[g.build.size], Chip: model.MustGen(buildChips[g.build.chip].key),
		Start: g.sess.Day() + buildDelays[g.build.delay].days,
		Lon:   lon, Lat: lat,
	}
	if g.Do(model.Command{Op: model.BuildSite{Site: spec}}) == nil {
		g.selSite = model.SiteID(n)
	}
}

func (g *Game) removeSelected() {
	if g.selSite == 0 {
		g.notify(g.tr("notice.picksite"))
		return
	}
	if g.Do(model.Command{Op: model.RemoveSite{Site: g.selSite}}) == nil {
		g.selSite = 0
	}
}

// leverPanel: every policy lever. The levers come from their declarations
// (model.Lever): shares under "Money" as steppers, flags and choices under
// "Permits and demand". Each lever's words are "lever.<name>", its tip
// "lever.<name>.tip", and a choice's values "lever.<name>.<value>".
func (g *Game) leverPanel(u *ui, r *rect) {
	lv := g.sess.Sim().Levers()
	g.classNote(u, r)
	heading(u, r, g.tr("levers.money"))
	for _, id := range leversOf(model.LeverShare) {
		d := id.Info()
		v := lv.Get(id)
		if step := u.stepper(r.row(g.rowH()), g.tr("lever."+d.Name), pct(int64(v)), g.tr("lever."+d.Name+".tip")); step != 0 {
			g.Do(model.Command{Op: model.SetLever{Lever: id, Value: min(max(v+int32(step)*50, d.Min), d.Max)}})
		}
	}
	r.row(6)
	heading(u, r, g.tr("levers.permits"))
	for _, id := range leversOf(model.LeverFlag) {
		name := id.Info().Name
		on := lv.Get(id) != 0
		if u.toggle(r.row(g.rowH()), g.tr("lever."+name), on, g.tr("lever."+name+".tip")) {
			g.Do(model.Command{Op: model.SetLever{Lever: id, Value: model.FlagValue(!on)}})
		}
	}
	for _, id := range leversOf(model.LeverChoice) {
		d := id.Info()
		row := r.row(g.rowH())
		label := g.tr("lever." + d.Name)
		u.label(label, row.col(max(120, u.textWidth(label, u.f.normal)+14)), u.f.normal, colText, left)
		w := row.w / float64(len(d.Choices))
		cur := lv.Get(id)
		for i, choice := range d.Choices {
			if u.button(rect{row.x + float64(i)*w, row.y, w - 4, row.h}, g.tr("lever."+d.Name+"."+choice), cur == int32(i), g.tr("lever."+d.Name+".tip")) && cur != int32(i) {
				g.Do(model.Command{Op: model.SetLever{Lever: id, Value: int32(i)}})
			}
		}
	}
	r.row(10)
	heading(u, r, g.tr("levers.export"))
	row := r.row(g.rowH())
	regimes := []struct{ kind, label, tip string }{
		{model.RegimeOpen, "regime.open", "regime.open.tip"},
		{model.RegimeDiffusion, "regime.diffusion", "regime.diffusion.tip"},
		{model.RegimeStrict, "regime.strict", "regime.strict.tip"},
	}
	cur := g.sess.Sim().RegimeKind()
	w := row.w / float64(len(regimes))
	for i, rg := range regimes {
		if u.button(rect{row.x + float64(i)*w, row.y, w - 4, row.h}, g.tr(rg.label), cur == rg.kind, g.tr(rg.tip)) && cur != rg.kind {
			g.Do(model.Command{Op: model.SetRegime{Regime: model.Regime{Kind: rg.kind}}})
		}
	}
	r.row(4)
	g.para(u, r, g.tr("levers.perstate"), u.f.small, colTextDim)
	r.row(10)
	heading(u, r, g.tr("levers.whatif"))
	if u.button(r.row(g.rowH()), g.tr("lever.crunch"), false, g.tr("lever.crunch.tip")) {
		g.Do(model.Command{Op: model.GridCrunch{Share: 200, Days: 90}})
	}
	r.row(10)
	if u.button(r.row(g.rowH()), g.tr("compare.open"), g.compareOpen, g.tr("compare.open.tip")) {
		g.compareOpen = !g.compareOpen
	}
	g.modBaselinePanel(u, r)
	r.row(10)
	g.rangesPanel(u, r)
	r.row(6)
	g.boardButton(u, r.row(g.rowH()))
}

// stateFacts are what the State tab says of member state st today, in the
// page's language: the panel and the text twin (twin.go) show the same.
func (g *Game) stateFacts(stIdx int) []kpi {
	st := g.sess.Sim().Release().State(stIdx)
	out := g.sess.Sim().StateOutcomes()[stIdx]
	capText := g.tr("state.cap.none")
	if out.Cap >= 0 {
		capText = g.tr("state.cap.value", compact(int64(out.CapUsed)/1000), compact(out.Cap/1000))
	}
	return []kpi{
		{g.tr("state.price"), g.tr("state.price.value", decimalMark(float64(st.PriceCentsPerMWh)/100, 1)), g.tr("state.price.tip")},
		{g.tr("state.carbon"), g.tr("state.carbon.value", st.CarbonGPerKWh), g.tr("state.carbon.tip")},
		{g.tr("state.room"), mw(out.GridSpareW), g.tr("state.room.tip")},
		{g.tr("state.queue"), strconv.Itoa(out.GridQueue), g.tr("state.queue.tip")},
		{g.tr("state.cap", st.Tier), capText, g.tr("state.cap.tip")},
		{g.tr("state.waiting"), thousands(int64(out.LicenceWaiting)), g.tr("state.waiting.tip")},
		{g.tr("state.demand"), pct(st.DemandPPM / 1000), g.tr("state.demand.tip")},
		{g.tr("state.chips"), thousands(int64(out.ChipsActive)), g.tr("state.chips.tip")},
	}
}

// sitePanel: the selected site's numbers and its fleet, or the list of
// sites.
func (g *Game) sitePanel(u *ui, r *rect) {
	sites := g.sess.Sim().Sites()
	if g.selSite == 0 || int(g.selSite) > len(sites) {
		heading(u, r, g.tr("site.list"))
		for _, si := range sites {
			b := r.row(max(28, g.rowH()))
			r.row(2)
			label := fmt.Sprintf("%s  ·  %s  ·  %s", si.Spec.Name, compact(int64(si.Spec.Chips)), g.statusName(si.Status))
			if u.rowButton(b, label, u.f.small, g.statusTip(si)) {
				g.selSite = si.ID
			}
		}
		return
	}
	si := sites[g.selSite-1]
	heading(u, r, si.Spec.Name)
	fact(u, r, g.tr("site.status"), g.statusName(si.Status), g.statusTip(si))
	fact(u, r, g.tr("site.chips"), g.tr("site.chips.value", thousands(int64(si.Chips[model.ChipActive])), thousands(int64(si.Spec.Chips))), g.tr("site.chips.tip"))
	fact(u, r, g.tr("site.power"), g.tr("site.power.value", si.DrawW.MW(), si.GrantedW.MW()), g.tr("site.power.tip"))
	fact(u, r, g.tr("site.capex"), euros(si.Capex), g.tr("site.capex.tip"))
	fact(u, r, g.tr("site.revenue"), euros(si.Revenue), g.tr("site.revenue.tip"))
	g.fleet.layout(g, u, r, si)
	r.row(4)
	row := r.row(g.rowH())
	if si.Status != model.SiteRemoved {
		if u.button(row.col(row.w/2-2), g.tr("site.remove"), false, g.tr("site.remove.tip")) {
			g.removeSelected()
			return
		}
		row.col(4)
		if u.button(row, g.tr("site.veu"), veuOn(g.sess.Sim(), si.ID), g.tr("site.veu.tip")) {
			g.Do(model.Command{Op: model.SetVEU{Site: si.ID, On: !veuOn(g.sess.Sim(), si.ID)}})
		}
	}
}

func veuOn(sim *model.Sim, id model.SiteID) bool { return sim.SiteVEU(id) }

func (g *Game) statusTip(si model.SiteInfo) string {
	switch si.Status {
	case model.SiteConstruction:
		return g.tr("status.construction.tip", g.date(si.BuildEnd))
	case model.SiteWaitingGrid:
		if si.PowerReady != model.NoDay {
			return g.tr("status.waitgrid.ready.tip", g.date(si.PowerReady))
		}
		return g.tr("status.waitgrid.tip")
	case model.SiteWaitingChips:
		return g.tr("status.waitchips.tip")
	case model.SiteThrottled:
		return g.tr("status.throttled.tip", thousands(int64(si.Throttled)))
	}
	return g.tr("status.tip")
}

// statusName is a site status in the page's language.
func (g *Game) statusName(st model.SiteStatus) string { return g.cat.Status(st) }

// stateName is a member state's name in the page's language.
func (g *Game) stateName(st int) string { return g.tr("country." + model.StateCode(st)) }

// tabScroll is where a panel tab is scrolled to; another tab starts at
// its top.
type tabScroll struct {
	scroller
	tab int
}

// leversOf lists the levers of a type, in declaration order.
func leversOf(t model.LeverType) []model.LeverID {
	var out []model.LeverID
	for id := range model.NumLevers {
		if id.Info().Type == t {
			out = append(out, id)
		}
	}
	return out
}
