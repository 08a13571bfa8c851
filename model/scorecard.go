package model

import (
	"fmt"

	"gigasandbox/assets"
)

// ScorecardChips is the size of the gigafactory a scorecard prices: about
// 100,000 chips [S1][S5].
const ScorecardChips = 100000

// HoursPerYear is the year a scorecard's annual figures count: 365 × 24 h.
const HoursPerYear = 8760

// StateScore says why a gigafactory in a member state is a good or a bad
// idea today: what a site of ScorecardChips chips of the best chip on sale
// would pay for power and emit, whether the grid has room for it and how
// soon, what the export rules let in, and how much AI demand is near. It
// is a snapshot of the simulation on Day; Rows lists the same figures with
// their units and sources, in the order the page shows them.
type StateScore struct {
	Index int    // in States(); -1 if the state asked for does not exist
	Code  string // "PL"
	Name  string // "Poland"
	Day   Day    // the day the figures are for: the next day the run simulates

	// The site scored.
	Chips     int32      // ScorecardChips
	Chip      Gen        // what a "best" site would order today
	SiteH100e MilliH100e // its compute, which export caps count
	FacilityW Watts      // its power with every chip running (chip W × server overhead × PUE)

	// Power and carbon.
	PriceCentsPerMWh int64     // the state's industrial price plus the PPA premium on the PPA share
	PowerBill        EuroCents // FacilityW × 8,760 h × price: a year of power
	CarbonGPerKWh    int64     // grid carbon intensity
	PPAShare         Permille  // the lever in force: that share counts as zero-carbon
	Emissions        GramsCO2  // a year at FacilityW, after the PPA share

	// Grid.
	GridSpare   Watts    // spare capacity for large new loads, with grid investment that is ready
	GridGranted Watts    // connections granted to new sites
	GridRoom    Watts    // GridSpare − GridGranted
	GridQueue   int      // sites waiting for a connection
	GridQueueW  Watts    // what they ask for
	Crunch      Permille // share cut by a grid crunch in force; no connection is granted meanwhile
	Fits        bool     // a site asking today would be connected today: no crunch, room for the queue and it
	LeadDays    int32    // connection works after the grant

	// Export controls.
	Tier      int        // 1 or 2 under the January 2025 rule
	Regime    string     // the regime in force
	Cap       int64      // this period's cap in thousandths of an H100e; -1 for none
	CapUsed   MilliH100e // licensed against the cap this period
	CapLeft   int64      // Cap − CapUsed; -1 for no cap
	CapPeriod [2]int     // first and last year of the cap period
	G2G       bool       // a government-to-government agreement holds (doubles a 2025-rule cap)

	// Demand and the state's AI sector.
	DemandPPM          int64    // the state's share of EU AI demand, parts per million
	Neighbours         []string // member states with a land border, protocol order
	NeighbourDemandPPM int64    // their share of EU AI demand together
	Startups           int64    // AI companies in the state now, thousandths
	Relocated          int64    // relocated from the state so far, thousandths
	ChipsActive        int32    // chips running in the state now
	LicenceWaiting     int32    // chips waiting for an export licence in the state now
}

// neighbourIdx is the land-neighbour table (assets/neighbours.csv) by
// state index. A broken table, which the assets tests rule out, leaves it
// empty rather than stopping the page.
var neighbourIdx = loadNeighbours()

func loadNeighbours() [NumStates][]int {
	var out [NumStates][]int
	table, err := assets.Neighbours()
	if err != nil {
		return out
	}
	for i := range memberStates {
		for _, code := range table[memberStates[i].Code] {
			if j, err := stateIndex(code); err == nil {
				out[i] = append(out[i], j)
			}
		}
	}
	return out
}

// Scorecard returns the scorecard of the member state with index state
// (as in States) on the simulation's current day. An index out of range
// gives a StateScore with Index -1 and nothing else.
func Scorecard(sim *Sim, state int) StateScore {
	if sim == nil || state < 0 || state >= NumStates {
		return StateScore{Index: -1}
	}
	s := sim
	ms := &memberStates[state]
	sc := StateScore{Index: state, Code: ms.Code, Name: ms.Name, Day: s.day, Chips: ScorecardChips}

	// The site: what a "best" site ordering today would get, as the model
	// chooses it (sites.go orderGen).
	sc.Chip = s.orderGen(&site{choice: GenBest}, s.day)
	f := &s.gens[sc.Chip]
	sc.SiteH100e = MilliH100e(sc.Chips) * f.h100e
	sc.FacilityW = Watts(sc.Chips) * f.facilityW

	// Power and carbon, with the running-cost step's own price and
	// emission rules (demand.go stepRunningCost), over 8,760 hours.
	sc.PPAShare = Permille(s.levers.PPAShare)
	premium := s.params[ParamPPAPremiumEURPerMWh] * 10 // cents per MWh
	sc.PriceCentsPerMWh = ms.PriceCentsPerMWh + premium*int64(sc.PPAShare)/1000
	wh := int64(sc.FacilityW) * HoursPerYear
	sc.PowerBill = EuroCents(mulDiv(wh, max(sc.PriceCentsPerMWh, 0), 1000000))
	sc.CarbonGPerKWh = ms.CarbonGPerKWh
	sc.Emissions = GramsCO2(mulDiv(wh/1000*ms.CarbonGPerKWh, 1000-int64(sc.PPAShare), 1000))

	// Grid.
	g := &s.grid[state]
	sc.GridSpare, sc.GridGranted = g.spare, g.granted
	sc.GridRoom = g.spare - g.granted
	sc.GridQueue = len(g.queue)
	for _, idx := range g.queue {
		sc.GridQueueW += s.sites[idx].requestW
	}
	sc.Crunch = g.crunch
	sc.Fits = g.crunch == 0 && sc.GridQueueW+sc.FacilityW <= sc.GridRoom
	sc.LeadDays = ms.LeadDays

	// Export controls, for the cap period of the current day (the counter
	// is reset at the first licence step of a new period).
	sc.Tier = ms.Tier
	sc.Regime = s.reg.kind
	sc.G2G = s.g2g[state]
	p := capPeriod(s.day)
	sc.CapPeriod = [2]int{2025 + 3*p, 2027 + 3*p}
	sc.Cap = s.capFor(state)
	if e := &s.export[state]; e.period == p {
		sc.CapUsed = e.used
	}
	sc.CapLeft = -1
	if sc.Cap >= 0 {
		sc.CapLeft = max(sc.Cap-int64(sc.CapUsed), 0)
	}

	// Demand.
	sc.DemandPPM = ms.DemandPPM
	for _, j := range neighbourIdx[state] {
		sc.Neighbours = append(sc.Neighbours, memberStates[j].Code)
		sc.NeighbourDemandPPM += memberStates[j].DemandPPM
	}
	sc.Startups = s.dem.startups[state]
	sc.Relocated = s.dem.moved[state]
	for i := range s.sites {
		if t := &s.sites[i]; t.state == state {
			sc.ChipsActive += t.count[ChipActive]
			sc.LicenceWaiting += t.count[ChipLicence]
		}
	}
	return sc
}

// ScoreRow is one line of a scorecard: a figure, its unit and its source.
// Side by side, the page shows the same rows for up to four states.
type ScoreRow struct {
	Key   string // stable, for the page's catalogs: "power_bill"
	Label string // in English
	// Value in stored units; Scale stored units make one Unit ("€ m" with
	// Scale 1000 means Value is in € thousands).
	Value int64
	Scale int64
	Unit  string
	// None is set when the figure does not apply (no export cap under the
	// regime in force); Value is then 0.
	None bool
	// Better is +1 when more is better for a gigafactory, -1 when less is,
	// 0 when neither: for colouring a side-by-side comparison.
	Better int
	// Source names where the figure comes from, with the keys of
	// shared/domain (for example [S42]) and (D) for a derived figure;
	// Uncertain marks an (U) input.
	Source    string
	Uncertain bool
}

// Format writes the row's value for a person, in English: "€433.1 m",
// "218.4 MW", "19.7%", "none", "yes".
func (r ScoreRow) Format() string {
	switch {
	case r.None:
		return "none"
	case r.Unit == "yes/no":
		if r.Value != 0 {
			return "yes"
		}
		return "no"
	case r.Unit == "tier":
		return fmt.Sprintf("Tier %d", r.Value)
	}
	num := groupThousands(r.Value)
	if r.Scale > 1 {
		v := roundDiv(r.Value, r.Scale/10) // tenths of the unit
		sign := ""
		if v < 0 {
			sign, v = "-", -v
		}
		num = fmt.Sprintf("%s%s.%d", sign, groupThousands(v/10), v%10)
	}
	switch r.Unit {
	case "%":
		return num + "%"
	case "€ m":
		return "€" + num + " m"
	}
	return num + " " + r.Unit
}

// Sources of the scorecard's figures.
const (
	srcPrice     = "Eurostat nrg_pc_205 2025-S2, band IC, excl. VAT [S42]; plus ppa_share × ppa_premium_eur_per_mwh"
	srcSitePower = "chips × chip W × server_overhead × pue: [S25][S26] chip power, DGX H100 [S28] (D), PUE [S30][S31]"
	srcBill      = "site power × 8,760 h × price (D)"
	srcCarbon    = "Ember 2024, lifecycle, via co2.js [S43]"
	srcEmissions = "site power × 8,760 h × carbon intensity × (1 − ppa_share) (D)"
	srcGrid      = "states.csv spare_mw: 3% of peak load × a per-state factor (D, U), plus grid investment, less connections granted"
	srcQueue     = "the model's grid queue, first come first served"
	srcLead      = "states.csv lead_days: 2 years by default, DE/NL/DK 4, IE 5, FI 1, SE 1.5, MT/CY 3 [S40] (D, U)"
	srcTier      = "January 2025 AI-diffusion rule, 90 FR 4544 [S17]; tiers [S18]; rescinded May 2025 [S21]"
	srcCap       = "tier2_cap_h100e: 790 m TPP ≈ 49,901 H100e per 3 years [S19], doubled by a G2G agreement; or the custom regime's cap"
	srcSiteH100e = "chips × H100-equivalents per chip (B200 2.5 H100e by TPP (D, U))"
	srcDemand    = "states.csv demand_ppm: population [states:S4] × share of firms using AI [states:S17], normalised (D, U)"
	srcNeighbour = "land borders among member states, Natural Earth 1:10m (assets/neighbours.csv), × demand_ppm (D)"
	srcStartups  = "startups_2026: 5,933 EU AI companies, JRC AI Watch [states:S21] (U), spread by demand_ppm, then the run"
	srcChips     = "the run: chips active in the state's sites"
)

// Rows lists the scorecard's figures in display order, each with its unit
// and source. Every state's scorecard has the same rows in the same order.
func (sc StateScore) Rows() []ScoreRow {
	gen := sc.Chip.Info().Name
	rows := []ScoreRow{
		{Key: "site_power", Label: fmt.Sprintf("Power of a %s-chip %s site", groupThousands(int64(sc.Chips)), gen),
			Value: int64(sc.FacilityW) / 1000, Scale: 1000, Unit: "MW", Source: srcSitePower},
		{Key: "price", Label: "Industrial electricity price", Value: sc.PriceCentsPerMWh, Scale: 100, Unit: "€/MWh",
			Better: -1, Source: srcPrice, Uncertain: true},
		{Key: "power_bill", Label: "Power bill of the site, a year", Value: int64(sc.PowerBill) / 100000, Scale: 1000, Unit: "€ m",
			Better: -1, Source: srcBill, Uncertain: true},
		{Key: "carbon", Label: "Grid carbon intensity", Value: sc.CarbonGPerKWh, Scale: 1, Unit: "g CO2e/kWh",
			Better: -1, Source: srcCarbon},
		{Key: "emissions", Label: "Emissions of the site, a year", Value: int64(sc.Emissions) / 1000000, Scale: 1000, Unit: "kt CO2e",
			Better: -1, Source: srcEmissions},
		{Key: "grid_room", Label: "Grid room for large loads now", Value: int64(sc.GridRoom) / 1000, Scale: 1000, Unit: "MW",
			Better: +1, Source: srcGrid, Uncertain: true},
		{Key: "grid_queue", Label: "Sites waiting for a connection", Value: int64(sc.GridQueue), Scale: 1, Unit: "sites",
			Better: -1, Source: srcQueue},
		{Key: "grid_queue_mw", Label: "Power they wait for", Value: int64(sc.GridQueueW) / 1000, Scale: 1000, Unit: "MW",
			Better: -1, Source: srcQueue},
		{Key: "fits", Label: "The site would be connected at once", Value: b2i(sc.Fits), Scale: 1, Unit: "yes/no",
			Better: +1, Source: srcGrid, Uncertain: true},
		{Key: "lead_days", Label: "Connection works after the grant", Value: int64(sc.LeadDays), Scale: 1, Unit: "days",
			Better: -1, Source: srcLead, Uncertain: true},
		{Key: "tier", Label: "Export-control tier (2025 rule)", Value: int64(sc.Tier), Scale: 1, Unit: "tier",
			Better: -1, Source: srcTier},
		{Key: "site_h100e", Label: "Compute of the site, as export caps count it", Value: int64(sc.SiteH100e) / 1000, Scale: 1, Unit: "H100e",
			Source: srcSiteH100e, Uncertain: sc.Chip != GenH100},
		{Key: "cap", Label: fmt.Sprintf("Export cap %d–%d", sc.CapPeriod[0], sc.CapPeriod[1]), Value: max(sc.Cap, 0) / 1000, Scale: 1, Unit: "H100e",
			None: sc.Cap < 0, Better: +1, Source: srcCap},
		{Key: "cap_left", Label: "Export cap left", Value: max(sc.CapLeft, 0) / 1000, Scale: 1, Unit: "H100e",
			None: sc.CapLeft < 0, Better: +1, Source: srcCap},
		{Key: "g2g", Label: "Government-to-government agreement", Value: b2i(sc.G2G), Scale: 1, Unit: "yes/no",
			Better: +1, Source: srcCap},
		{Key: "demand", Label: "Share of EU AI demand", Value: sc.DemandPPM / 100, Scale: 100, Unit: "%",
			Better: +1, Source: srcDemand, Uncertain: true},
		{Key: "neighbour_demand", Label: "Share of EU AI demand in land neighbours", Value: sc.NeighbourDemandPPM / 100, Scale: 100, Unit: "%",
			Better: +1, Source: srcNeighbour, Uncertain: true},
		{Key: "startups", Label: "AI companies in the state now", Value: sc.Startups / 1000, Scale: 1, Unit: "companies",
			Better: +1, Source: srcStartups, Uncertain: true},
		{Key: "chips_active", Label: "Chips running in the state now", Value: int64(sc.ChipsActive), Scale: 1, Unit: "chips",
			Source: srcChips},
	}
	return rows
}
