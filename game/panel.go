package game

import (
	"fmt"
	"strconv"

	"gigasandbox/game/session"
	"gigasandbox/model"
)

var sessionForPreset = session.NewPreset

var tabNames = [numTabs]string{"State", "Levers", "Site", "Log"}
var tabTips = [numTabs]string{
	"The selected member state: why build there, and Build (S)",
	"The policy levers: co-funding, vouchers, PPAs, permitting, export rules (P)",
	"The selected site and its chips, one pixel each (F)",
	"Why things happened, newest first (M)",
}

// panel is the right-hand column: tabs, then the tab's content.
func (g *Game) panel(u *ui, r rect) {
	u.fill(r, colPanel)
	u.line(r.x+0.5, r.y, r.x+0.5, r.y+r.h, 1, colBorder)
	body := r.inset(10)
	tabs := body.row(32)
	body.row(8)
	w := tabs.w / numTabs
	for i := range numTabs {
		b := rect{tabs.x + float64(i)*w, tabs.y, w - 4, tabs.h}
		if u.button(b, tabNames[i], g.tab == i, tabTips[i]) {
			g.tab = i
		}
	}
	switch g.tab {
	case tabState:
		g.statePanel(u, body)
	case tabLevers:
		g.leverPanel(u, body)
	case tabSite:
		g.sitePanel(u, body)
	case tabLog:
		g.log.layout(g, u, body)
	}
}

// heading writes a bold line and returns the rest of r.
func heading(u *ui, r *rect, s string) {
	h := r.row(24)
	u.text(s, h.x, h.y+4, u.f.bold, colText, left)
}

// fact writes "label ........ value" with a tooltip.
func fact(u *ui, r *rect, label, value, tip string) {
	l := r.row(21)
	u.text(label, l.x, l.y+3, u.f.normal, colTextDim, left)
	u.text(value, l.x+l.w, l.y+3, u.f.bold, colText, right)
	u.setTip(l, tip)
}

// buildChoice is what the Build button will build.
type buildChoice struct{ size, chip, delay int }

var buildSizes = []int32{25000, 50000, 100000, 200000}
var buildChips = []struct{ key, label, tip string }{
	{"best", "Best", "The best chip export rules allow on the order day"},
	{"h100", "H100", "NVIDIA H100-class (700 W, export-controlled)"},
	{"b200", "B200", "NVIDIA Blackwell-class (1,000 W, about 2.5 H100s of compute, export-controlled)"},
	{"eu", "EU chip", "A European accelerator: no US licence, less compute per watt"},
}
var buildDelays = []struct {
	days  model.Day
	label string
}{{0, "now"}, {91, "+3 mo"}, {182, "+6 mo"}, {365, "+1 yr"}}

func defaultBuild() buildChoice { return buildChoice{size: 2} }

// statePanel: the selected state's facts and the Build controls.
func (g *Game) statePanel(u *ui, r rect) {
	if g.selState < 0 {
		heading(u, &r, "Pick a member state")
		for _, l := range wrap("Click a state on the map to see its power price, grid room, export tier and AI demand, and to build a gigafactory there. The map's colour shows the layer chosen at its top left (L).", 44) {
			t := r.row(20)
			u.text(l, t.x, t.y, u.f.normal, colTextDim, left)
		}
		return
	}
	st := model.States()[g.selState]
	out := g.sess.Sim().StateOutcomes()[g.selState]
	heading(u, &r, fmt.Sprintf("%s (%s)", st.Name, st.Code))
	fact(u, &r, "Electricity price", fmt.Sprintf("€%s/MWh", model.FormatDecimal(st.PriceCentsPerMWh, 100)),
		"Industrial electricity price, non-household consumers, excluding VAT (Eurostat nrg_pc_205, 2024-S2).")
	fact(u, &r, "Grid carbon", fmt.Sprintf("%d g CO₂/kWh", st.CarbonGPerKWh),
		"Greenhouse-gas intensity of electricity generation (EEA, 2023).")
	fact(u, &r, "Grid room for large loads", mw(out.GridSpareW),
		"Spare capacity for large new loads now, after connections granted and grid investment (assets/states.csv, docs/model.md 'Grid').")
	fact(u, &r, "Connections waiting", strconv.Itoa(out.GridQueue),
		"Sites in this state's grid-connection queue.")
	capText := "none"
	if out.Cap >= 0 {
		capText = fmt.Sprintf("%s of %s", compact(int64(out.CapUsed)/1000), compact(out.Cap/1000))
	}
	fact(u, &r, fmt.Sprintf("Export tier %d, cap used", st.Tier), capText,
		"US export-control tier under the January 2025 AI diffusion rule, and the H100-equivalents licensed against this state's cap in the current period (BIS, 90 FR 4544).")
	fact(u, &r, "Chips waiting for a licence", thousands(int64(out.LicenceWaiting)), "Chips held by the export regime.")
	fact(u, &r, "Share of EU AI demand", pct(st.DemandPPM/1000),
		"This state's share of EU demand for AI compute, from enterprise AI adoption × enterprises (Eurostat isoc_eb_ai 2024).")
	fact(u, &r, "Chips running here", thousands(int64(out.ChipsActive)), "Active chips in this state's sites today.")
	r.row(6)

	heading(u, &r, "Build a gigafactory here")
	row := r.row(30)
	w := row.w / float64(len(buildSizes))
	for i, n := range buildSizes {
		if u.button(rect{row.x + float64(i)*w, row.y, w - 4, row.h}, compact(int64(n)), g.build.size == i, fmt.Sprintf("%s chips", thousands(int64(n)))) {
			g.build.size = i
		}
	}
	r.row(4)
	row = r.row(30)
	w = row.w / float64(len(buildChips))
	for i, c := range buildChips {
		if u.button(rect{row.x + float64(i)*w, row.y, w - 4, row.h}, c.label, g.build.chip == i, c.tip) {
			g.build.chip = i
		}
	}
	r.row(4)
	row = r.row(30)
	u.textIn("Start", row.col(50), u.f.normal, colTextDim, left)
	w = row.w / float64(len(buildDelays))
	for i, d := range buildDelays {
		if u.button(rect{row.x + float64(i)*w, row.y, w - 4, row.h}, d.label, g.build.delay == i,
			"Construction starts "+(g.sess.Day()+d.days).String()) {
			g.build.delay = i
		}
	}
	r.row(6)
	b := r.row(36)
	if g.sess.Ended() {
		u.disabledButton(b, "Build", "The run has ended: go back (Home) to build.")
	} else if u.button(b, "Build (B)", true, "Add this gigafactory to the scenario, from today") {
		g.buildHere()
	}
	r.row(8)
	half := r.row(30)
	left, rightR := half.col(half.w/2-2), half
	rightR.x += 4
	rightR.w -= 4
	if st.Tier == 2 {
		on := false
		for _, c := range g.sess.Sim().Levers().G2G {
			on = on || c == st.Code
		}
		if u.button(left, "G2G agreement", on, "A government-to-government agreement with the US doubles a Tier 2 state's cap (2025 rule).") {
			g.Do(model.Command{Kind: model.CmdG2G, State: st.Code, On: !on})
		}
	}
	if u.button(rightR, "+500 MW grid", false, "The state invests in its grid: 500 MW more room for large loads, ready after the lead time (docs/model.md 'Grid').") {
		g.Do(model.Command{Kind: model.CmdInvestGrid, State: st.Code, MW: 500})
	}
}

// buildHere builds the chosen gigafactory in the selected state, at the
// point clicked on the map (or the state's centre).
func (g *Game) buildHere() {
	if g.selState < 0 {
		g.notify("Pick a member state on the map first, then Build.")
		return
	}
	st := model.States()[g.selState]
	lon, lat := g.mv.placeFor(g.selState)
	n := len(g.sess.Sim().Sites()) + 1
	spec := &model.SiteSpec{
		Name:  fmt.Sprintf("%s gigafactory #%d", st.Name, n),
		State: st.Code, Chips: buildSizes[g.build.size], Chip: buildChips[g.build.chip].key,
		Start: g.sess.Day() + buildDelays[g.build.delay].days,
		Lon:   lon, Lat: lat,
	}
	if g.Do(model.Command{Kind: model.CmdBuild, Build: spec}) == nil {
		g.selSite = model.SiteID(n)
	}
}

func (g *Game) removeSelected() {
	if g.selSite == 0 {
		g.notify("Pick a site on the map first (click its circle), then Delete.")
		return
	}
	if g.Do(model.Command{Kind: model.CmdRemove, Site: g.selSite}) == nil {
		g.selSite = 0
	}
}

// share levers, in the order shown.
var shareLevers = []struct{ key, label, tip string }{
	{"eu_share", "EU share of capex", "Share of a gigafactory's capital cost paid by the InvestAI fund (up to 17% in the 2025 call; the fund is €20bn)."},
	{"host_share", "Host-state share", "Share paid by the host member state; private investors pay the rest."},
	{"voucher_share", "Startup vouchers", "Share of startups' compute bill paid by the fund, while it lasts."},
	{"ppa_share", "Renewable PPAs", "Share of site power bought through renewable power-purchase agreements: cuts emissions, costs a premium."},
}

func leverShare(l model.Levers, key string) model.Share {
	switch key {
	case "eu_share":
		return l.EUShare
	case "host_share":
		return l.HostShare
	case "voucher_share":
		return l.VoucherShare
	}
	return l.PPAShare
}

// leverPanel: every policy lever.
func (g *Game) leverPanel(u *ui, r rect) {
	lv := g.sess.Sim().Levers()
	heading(u, &r, "Money")
	for _, sl := range shareLevers {
		v := leverShare(lv, sl.key)
		if d := u.stepper(r.row(30), sl.label, pct(int64(v)), sl.tip); d != 0 {
			nv := min(max(int64(v)+int64(d)*50, 0), 1000)
			g.Do(model.Command{Kind: model.CmdLever, Lever: sl.key, Value: model.FormatDecimal(nv, 1000)})
		}
	}
	r.row(6)
	heading(u, &r, "Permits and demand")
	if u.toggle(r.row(30), "Fast-track permitting", lv.FastTrack, "Sites that start building from now take less time to build (docs/model.md 'Construction').") {
		g.Do(model.Command{Kind: model.CmdLever, Lever: "fast_track", Value: strconv.FormatBool(!lv.FastTrack)})
	}
	if u.toggle(r.row(30), "Serve demand in the same state first", lv.PreferSameState, "Users buy compute in their own state before others (data-residency preferences).") {
		g.Do(model.Command{Kind: model.CmdLever, Lever: "prefer_same_state", Value: strconv.FormatBool(!lv.PreferSameState)})
	}
	row := r.row(30)
	u.textIn("Demand growth", row.col(120), u.f.normal, colText, left)
	w := row.w / 3
	for i, gr := range []string{"slow", "base", "boom"} {
		if u.button(rect{row.x + float64(i)*w, row.y, w - 4, row.h}, gr, lv.DemandGrowth == gr, "How fast EU demand for AI compute grows (docs/model.md 'Demand').") && lv.DemandGrowth != gr {
			g.Do(model.Command{Kind: model.CmdLever, Lever: "demand_growth", Value: gr})
		}
	}
	r.row(10)
	heading(u, &r, "US export controls")
	row = r.row(30)
	regimes := []struct{ kind, label, tip string }{
		{model.RegimeOpen, "Open", "No caps: licences are granted after the usual review."},
		{model.RegimeDiffusion, "2025 rule", "The January 2025 AI diffusion rule: Tier 2 states capped at about 50,000 H100-equivalents for 2025–27, doubled with a G2G agreement."},
		{model.RegimeStrict, "Strict", "Every state capped and reviews slower: a tighter regime than 2025's."},
	}
	cur := g.sess.Sim().RegimeKind()
	w = row.w / float64(len(regimes))
	for i, rg := range regimes {
		if u.button(rect{row.x + float64(i)*w, row.y, w - 4, row.h}, rg.label, cur == rg.kind, rg.tip) && cur != rg.kind {
			g.Do(model.Command{Kind: model.CmdRegime, Regime: &model.Regime{Kind: rg.kind}})
		}
	}
	r.row(4)
	for _, l := range wrap("Government-to-government agreements and grid investment are per state: pick a state on the map.", 46) {
		t := r.row(18)
		u.text(l, t.x, t.y, u.f.small, colTextDim, left)
	}
	r.row(10)
	heading(u, &r, "What if")
	if u.button(r.row(32), "EU-wide grid crunch: −20% for 90 days", false, "A cold, windless winter: every site may draw 20% less power for 90 days from today.") {
		g.Do(model.Command{Kind: model.CmdGridCrunch, Share: 200, Days: 90})
	}
}

// sitePanel: the selected site's numbers and its fleet, or the list of
// sites.
func (g *Game) sitePanel(u *ui, r rect) {
	sites := g.sess.Sim().Sites()
	if g.selSite == 0 || int(g.selSite) > len(sites) {
		heading(u, &r, "Sites")
		for _, si := range sites {
			if r.h < 30 {
				break
			}
			b := r.row(28)
			r.row(2)
			label := fmt.Sprintf("%s  ·  %s  ·  %s", si.Spec.Name, compact(int64(si.Spec.Chips)), si.Status)
			if u.button(b, "", false, "") {
				g.selSite = si.ID
			}
			u.textIn(label, b, u.f.small, colText, left)
		}
		return
	}
	si := sites[g.selSite-1]
	heading(u, &r, si.Spec.Name)
	fact(u, &r, "Status", si.Status.String(), statusTip(si))
	fact(u, &r, "Chips running", fmt.Sprintf("%s of %s", thousands(int64(si.Chips[model.ChipActive])), thousands(int64(si.Spec.Chips))), "Active chips, of the site's target.")
	fact(u, &r, "Power drawn / granted", fmt.Sprintf("%d / %d MW", si.DrawW.MW(), si.GrantedW.MW()), "Power drawn today against the grid connection granted.")
	fact(u, &r, "Capital cost so far", euros(si.Capex), "Chips, buildings and grid connection paid so far (all payers).")
	fact(u, &r, "Revenue so far", euros(si.Revenue), "Compute sold to users, including vouchers.")
	g.fleet.layout(g, u, &r, si)
	r.row(4)
	row := r.row(30)
	if si.Status != model.SiteRemoved {
		if u.button(row.col(row.w/2-2), "Remove", false, "Remove this site: its chips are retired (Delete)") {
			g.removeSelected()
			return
		}
		row.col(4)
		if u.button(row, "Validated end user", veuOn(g.sess.Sim(), si.ID), "A validated end user is licensed outside its state's export cap (2025 rule).") {
			g.Do(model.Command{Kind: model.CmdVEU, Site: si.ID, On: !veuOn(g.sess.Sim(), si.ID)})
		}
	}
}

func veuOn(sim *model.Sim, id model.SiteID) bool { return sim.SiteVEU(id) }

func statusTip(si model.SiteInfo) string {
	switch si.Status {
	case model.SiteConstruction:
		return "Being built; ready about " + si.BuildEnd.String() + "."
	case model.SiteWaitingGrid:
		if si.PowerReady != model.NoDay {
			return "Built; its grid connection is ready " + si.PowerReady.String() + "."
		}
		return "Built; waiting in the state's grid-connection queue for room."
	case model.SiteWaitingChips:
		return "Energised; chips are still arriving (supply and export licences)."
	case model.SiteThrottled:
		return fmt.Sprintf("%s chips idle for lack of power.", thousands(int64(si.Throttled)))
	}
	return "The site's stage in its life cycle."
}
