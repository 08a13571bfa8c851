package report

import (
	"math"
	"math/bits"

	"gigasandbox/assets"
	"gigasandbox/model"
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
	Index int       // in model.States(); -1 if the state asked for does not exist
	Code  string    // "PL"
	Name  string    // "Poland"
	Day   model.Day // the day the figures are for: the next day the run simulates

	// The site scored.
	Chips     int32            // ScorecardChips
	Chip      model.Gen        // what a "best" site would order today
	SiteH100e model.MilliH100e // its compute, which export caps count
	FacilityW model.Watts      // its power with every chip running (chip W × server overhead × PUE)

	// Power and carbon.
	PriceCentsPerMWh int64           // the state's industrial price plus the PPA premium on the PPA share
	PowerBill        model.EuroCents // FacilityW × 8,760 h × price: a year of power
	CarbonGPerKWh    int64           // grid carbon intensity
	PPAShare         model.Permille  // the lever in force: that share counts as zero-carbon
	Emissions        model.GramsCO2  // a year at FacilityW, after the PPA share

	// Grid.
	GridSpare   model.Watts    // spare capacity for large new loads, with grid investment that is ready
	GridGranted model.Watts    // connections granted to new sites
	GridRoom    model.Watts    // GridSpare − GridGranted
	GridQueue   int            // sites waiting for a connection
	GridQueueW  model.Watts    // what they ask for
	Crunch      model.Permille // share cut by a grid crunch in force; no connection is granted meanwhile
	Fits        bool           // a site asking today would be connected today: no crunch, room for the queue and it
	LeadDays    int32          // connection works after the grant

	// Export controls.
	Tier      int              // 1 or 2 under the January 2025 rule
	Regime    string           // the regime in force
	Cap       int64            // this period's cap in thousandths of an H100e; -1 for none
	CapUsed   model.MilliH100e // licensed against the cap this period
	CapLeft   int64            // Cap − CapUsed; -1 for no cap
	CapPeriod [2]int           // first and last year of the cap period
	G2G       bool             // a government-to-government agreement holds (doubles a 2025-rule cap)

	// Demand and the state's AI sector.
	DemandPPM          int64    // the state's share of EU AI demand, parts per million
	Neighbours         []string // member states with a land border, protocol order
	NeighbourDemandPPM int64    // their share of EU AI demand together
	Startups           int64    // AI companies in the state now, thousandths
	Relocated          int64    // relocated from the state so far, thousandths
	ChipsActive        int32    // chips running in the state now
	LicenceWaiting     int32    // chips waiting for an export licence in the state now
}

// states is the member states' static data, in the model's order.
var states = model.States()

// neighbourIdx is the land-neighbour table (assets/neighbours.csv) by
// state index. A broken table, which the assets tests rule out, leaves it
// empty rather than stopping the page.
var neighbourIdx = loadNeighbours()

func loadNeighbours() [model.NumStates][]int {
	var out [model.NumStates][]int
	table, err := assets.Neighbours()
	if err != nil {
		return out
	}
	for i := range states {
		for _, code := range table[states[i].Code] {
			if j, err := model.StateIndex(code); err == nil {
				out[i] = append(out[i], j)
			}
		}
	}
	return out
}

// Scorecard returns the scorecard of the member state with index state
// (as in model.States) on the simulation's current day. An index out of
// range gives a StateScore with Index -1 and nothing else.
func Scorecard(sim *model.Sim, state int) StateScore {
	if sim == nil || state < 0 || state >= model.NumStates {
		return StateScore{Index: -1}
	}
	rel := sim.Release()
	ms := rel.State(state)
	sc := StateScore{Index: state, Code: ms.Code, Name: ms.Name, Day: sim.Day(), Chips: ScorecardChips}

	// The site: what a "best" site ordering today would get, as the model
	// chooses it.
	sc.Chip = sim.BestGen(sc.Day)
	f := sim.GenFigures(sc.Chip)
	sc.SiteH100e = model.MilliH100e(sc.Chips) * f.H100e
	sc.FacilityW = model.Watts(sc.Chips) * f.FacilityW

	// Power and carbon, with the running-cost step's own price and
	// emission rules (model/demand.go stepRunningCost), over 8,760 hours.
	sc.PPAShare = model.Permille(sim.Levers().PPAShare)
	premium := sim.Params()[model.ParamPPAPremiumEURPerMWh] * 10 // cents per MWh
	sc.PriceCentsPerMWh = ms.PriceCentsPerMWh + premium*int64(sc.PPAShare)/1000
	wh := int64(sc.FacilityW) * HoursPerYear
	sc.PowerBill = model.EuroCents(mulDiv(wh, max(sc.PriceCentsPerMWh, 0), 1000000))
	sc.CarbonGPerKWh = ms.CarbonGPerKWh
	sc.Emissions = model.GramsCO2(mulDiv(wh/1000*ms.CarbonGPerKWh, 1000-int64(sc.PPAShare), 1000))

	v := sim.StateView(state)

	// Grid.
	sc.GridSpare, sc.GridGranted = v.GridSpare, v.GridGranted
	sc.GridRoom = v.GridSpare - v.GridGranted
	sc.GridQueue, sc.GridQueueW = v.GridQueue, v.GridQueueW
	sc.Crunch = v.Crunch
	sc.Fits = v.Crunch == 0 && sc.GridQueueW+sc.FacilityW <= sc.GridRoom
	sc.LeadDays = ms.LeadDays

	// Export controls, for the cap period of the current day.
	sc.Tier = ms.Tier
	sc.Regime = sim.RegimeKind()
	sc.G2G = v.G2G
	sc.CapPeriod = v.CapPeriod
	sc.Cap, sc.CapUsed = v.Cap, v.CapUsed
	sc.CapLeft = -1
	if sc.Cap >= 0 {
		sc.CapLeft = max(sc.Cap-int64(sc.CapUsed), 0)
	}

	// Demand.
	sc.DemandPPM = ms.DemandPPM
	for _, j := range neighbourIdx[state] {
		nb := rel.State(j)
		sc.Neighbours = append(sc.Neighbours, nb.Code)
		sc.NeighbourDemandPPM += nb.DemandPPM
	}
	sc.Startups, sc.Relocated = v.Startups, v.Relocated
	sc.ChipsActive, sc.LicenceWaiting = v.ChipsActive, v.LicenceWaiting
	return sc
}

// ScoreRow is one line of a scorecard: a figure, its unit and its source.
// Side by side, the page shows the same rows for up to four states.
type ScoreRow struct {
	Key   string // stable, for the page's catalogs: "power_bill"
	Value int64  // in Unit
	Unit  Unit
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
	return []ScoreRow{
		{Key: "site_power", Value: int64(sc.FacilityW) / 1000, Unit: KW, Source: srcSitePower},
		{Key: "price", Value: sc.PriceCentsPerMWh, Unit: CentsPerMWh,
			Better: -1, Source: srcPrice, Uncertain: true},
		{Key: "power_bill", Value: int64(sc.PowerBill) / 100000, Unit: EuroThousands,
			Better: -1, Source: srcBill, Uncertain: true},
		{Key: "carbon", Value: sc.CarbonGPerKWh, Unit: GramsCO2ePerKWh,
			Better: -1, Source: srcCarbon},
		{Key: "emissions", Value: int64(sc.Emissions) / 1000000, Unit: TonnesCO2e,
			Better: -1, Source: srcEmissions},
		{Key: "grid_room", Value: int64(sc.GridRoom) / 1000, Unit: KW,
			Better: +1, Source: srcGrid, Uncertain: true},
		{Key: "grid_queue", Value: int64(sc.GridQueue), Unit: Sites,
			Better: -1, Source: srcQueue},
		{Key: "grid_queue_mw", Value: int64(sc.GridQueueW) / 1000, Unit: KW,
			Better: -1, Source: srcQueue},
		{Key: "fits", Value: b2i(sc.Fits), Unit: YesNo,
			Better: +1, Source: srcGrid, Uncertain: true},
		{Key: "lead_days", Value: int64(sc.LeadDays), Unit: Days,
			Better: -1, Source: srcLead, Uncertain: true},
		{Key: "tier", Value: int64(sc.Tier), Unit: Tier,
			Better: -1, Source: srcTier},
		{Key: "site_h100e", Value: int64(sc.SiteH100e) / 1000, Unit: H100e,
			Source: srcSiteH100e, Uncertain: sc.Chip != model.GenH100},
		{Key: "cap", Value: max(sc.Cap, 0) / 1000, Unit: H100e,
			None: sc.Cap < 0, Better: +1, Source: srcCap},
		{Key: "cap_left", Value: max(sc.CapLeft, 0) / 1000, Unit: H100e,
			None: sc.CapLeft < 0, Better: +1, Source: srcCap},
		{Key: "g2g", Value: b2i(sc.G2G), Unit: YesNo,
			Better: +1, Source: srcCap},
		{Key: "demand", Value: sc.DemandPPM / 100, Unit: BasisPoints,
			Better: +1, Source: srcDemand, Uncertain: true},
		{Key: "neighbour_demand", Value: sc.NeighbourDemandPPM / 100, Unit: BasisPoints,
			Better: +1, Source: srcNeighbour, Uncertain: true},
		{Key: "startups", Value: sc.Startups / 1000, Unit: Companies,
			Better: +1, Source: srcStartups, Uncertain: true},
		{Key: "chips_active", Value: int64(sc.ChipsActive), Unit: Chips,
			Source: srcChips},
	}
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// mulDiv returns a*b/c rounded towards zero, for a, b ≥ 0 and c > 0, with
// a 128-bit intermediate: the model's own (model/units.go), for the
// scorecard's figures to be the tick's.
func mulDiv(a, b, c int64) int64 {
	if a <= 0 || b <= 0 || c <= 0 {
		return 0
	}
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	if hi >= uint64(c) {
		return math.MaxInt64
	}
	q, _ := bits.Div64(hi, lo, uint64(c))
	return int64(min(q, math.MaxInt64))
}
