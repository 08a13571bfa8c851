package report

import (
	"fmt"

	"gigasandbox/model"
)

// Outcomes are the headline results of a run up to its current day, in
// plain units, as the runner's --json prints them and the page shows them.
type Outcomes struct {
	Scenario  string `json:"scenario"`
	Days      int32  `json:"days"` // days simulated
	LastDay   string `json:"last_day"`
	StateHash string `json:"state_hash"`

	Chips          ChipCounts       `json:"chips"`
	ActiveByState  map[string]int32 `json:"chips_active_by_state"`
	ChipsThrottled int64            `json:"chips_throttled"`

	PowerDrawnMW     int64 `json:"power_drawn_mw"`
	PowerCurtailedMW int64 `json:"power_curtailed_mw"`
	GridGrantedMW    int64 `json:"grid_granted_mw"`
	GridQueueSites   int32 `json:"grid_queue_sites"`
	EnergyGWh        int64 `json:"energy_gwh"`
	EmissionsKt      int64 `json:"emissions_kt_co2e"`

	Money MoneyOutcomes `json:"money_eur"`

	// Over the last 365 days simulated (or fewer at the start).
	LastYear YearOutcomes `json:"last_year"`

	StartupsStart     int64 `json:"startups_start"`
	StartupsActive    int64 `json:"startups_active"`
	StartupsRelocated int64 `json:"startups_relocated"`

	Sites    []SiteOutcome `json:"sites"`
	Messages int           `json:"messages"`
}

// ChipCounts are chips by state.
type ChipCounts struct {
	Ordered     int64 `json:"ordered_total"`
	AtSupplier  int64 `json:"at_supplier"`
	Licence     int64 `json:"awaiting_licence"`
	Transit     int64 `json:"in_transit"`
	Installing  int64 `json:"installing"`
	Active      int64 `json:"active"`
	Repair      int64 `json:"in_repair"`
	Retired     int64 `json:"retired"`
	ActiveH100e int64 `json:"active_h100e"`
}

// MoneyOutcomes is the ledger in whole euros.
type MoneyOutcomes struct {
	FundStart       int64 `json:"fund_start"`
	FundLeft        int64 `json:"fund_left"`
	EUCapex         int64 `json:"eu_capex"`
	HostCapex       int64 `json:"host_capex"`
	PrivateCapex    int64 `json:"private_capex"`
	UnfundedEU      int64 `json:"unfunded_eu_share"`
	Chips           int64 `json:"chips_and_network"`
	Buildings       int64 `json:"buildings"`
	GridConnections int64 `json:"grid_connections"`
	GridInvestment  int64 `json:"grid_investment"`
	Electricity     int64 `json:"electricity"`
	Maintenance     int64 `json:"maintenance"`
	CustomerRevenue int64 `json:"customer_revenue"`
	Vouchers        int64 `json:"vouchers"`
	OperatorCash    int64 `json:"operator_result"`
}

// YearOutcomes are flows over the last year of the run.
type YearOutcomes struct {
	From             string  `json:"from"`
	DemandH100eHours int64   `json:"demand_h100e_hours"`
	ServedH100eHours int64   `json:"served_h100e_hours"`
	LeakedH100eHours int64   `json:"leaked_h100e_hours"`
	ServedShare      float64 `json:"served_share"`
	StartupShare     float64 `json:"startup_served_share"`
	Utilisation      float64 `json:"utilisation"`
	EnergyGWh        int64   `json:"energy_gwh"`
	EmissionsKt      int64   `json:"emissions_kt_co2e"`
}

// SiteOutcome is one site at the end of the run.
type SiteOutcome struct {
	ID                model.SiteID `json:"id"`
	Name              string       `json:"name"`
	State             string       `json:"state"`
	Status            string       `json:"status"`
	Target            int32        `json:"chips_target"`
	Active            int32        `json:"chips_active"`
	Throttled         int32        `json:"chips_throttled"`
	PowerMW           int64        `json:"power_mw"`
	GrantedMW         int64        `json:"granted_mw"`
	PowerReady        string       `json:"power_ready,omitempty"`
	CapexEUR          int64        `json:"capex_eur"`
	OpexEUR           int64        `json:"opex_eur"`
	RevenueEUR        int64        `json:"revenue_eur"`
	ComputeH100eHours int64        `json:"compute_h100e_hours"`
}

// ratio is a/b as a float rounded to 3 decimals, computed from integers so
// that it prints the same everywhere.
func ratio(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a*1000/b) / 1000
}

// OutcomesOf summarises the run so far: the outcomes of its last simulated day
// and of the days before.
func OutcomesOf(s *model.Sim) Outcomes {
	history := s.History()
	o := Outcomes{Scenario: s.Name(), Days: int32(s.Day()), StateHash: fmt.Sprintf("%016x", s.StateHash()), Messages: s.NumMessages()}
	if s.Day() > 0 {
		o.LastDay = (s.Day() - 1).String()
	}
	t := s.Today()
	o.Chips = ChipCounts{
		Ordered: int64(s.NumChips()), AtSupplier: t.Chips[model.ChipOrdered], Licence: t.Chips[model.ChipLicence], Transit: t.Chips[model.ChipTransit],
		Installing: t.Chips[model.ChipInstalling], Active: t.Chips[model.ChipActive], Repair: t.Chips[model.ChipRepair], Retired: t.Chips[model.ChipRetired],
	}
	o.ActiveByState = map[string]int32{}
	var gens [model.NumGens]model.MilliH100e
	for g := range gens {
		gens[g] = s.GenFigures(model.Gen(g)).H100e
	}
	var h100e model.MilliH100e
	for _, st := range s.Sites() {
		for g := range st.ActiveByGen {
			h100e += model.MilliH100e(st.ActiveByGen[g]) * gens[g]
		}
		if st.Chips[model.ChipActive] > 0 {
			o.ActiveByState[st.Spec.State.Code()] += st.Chips[model.ChipActive]
		}
		so := SiteOutcome{ID: st.ID, Name: st.Spec.Name, State: st.Spec.State.Code(), Status: st.Status.String(), Target: st.Spec.Chips,
			Active: st.Chips[model.ChipActive], Throttled: st.Throttled, PowerMW: st.DrawW.MW(), GrantedMW: st.GrantedW.MW(),
			CapexEUR: st.Capex.Euros(), OpexEUR: st.Opex.Euros(), RevenueEUR: st.Revenue.Euros(), ComputeH100eHours: int64(st.ComputeDone) / 1000}
		if st.PowerReady != model.NoDay && st.BuildEnd != model.NoDay {
			so.PowerReady = max(st.PowerReady, st.BuildEnd).String()
		}
		o.Sites = append(o.Sites, so)
	}
	o.Chips.ActiveH100e = int64(h100e) / 1000
	o.ChipsThrottled = t.ChipsThrottled
	o.PowerDrawnMW = t.PowerDrawn.MW()
	o.PowerCurtailedMW = t.PowerCurtailed.MW()
	o.GridGrantedMW = t.GridGranted.MW()
	o.GridQueueSites = t.GridQueueSites
	var energy model.KWh
	var em model.GramsCO2
	for i := range history {
		energy += history[i].Energy
		em += history[i].Emissions
	}
	o.EnergyGWh = int64(energy) / 1000000
	o.EmissionsKt = int64(em) / 1000000000
	l := s.Ledger()
	o.Money = MoneyOutcomes{
		FundStart: l.FundStart.Euros(), FundLeft: l.FundLeft.Euros(), EUCapex: l.EUCapex.Euros(), HostCapex: l.HostCapex.Euros(),
		PrivateCapex: l.PrivateCapex.Euros(), UnfundedEU: l.Unfunded.Euros(), Chips: l.Chips.Euros(), Buildings: l.Buildings.Euros(),
		GridConnections: l.GridConn.Euros(), GridInvestment: l.GridInvest.Euros(), Electricity: l.Electricity.Euros(),
		Maintenance: l.Maintenance.Euros(), CustomerRevenue: l.CustomerRevenue.Euros(), Vouchers: l.Vouchers.Euros(), OperatorCash: l.OperatorCash.Euros(),
	}
	o.LastYear = lastYear(history)
	o.StartupsStart = s.StartupsAtStart() / 1000
	o.StartupsActive = t.StartupsActive / 1000
	o.StartupsRelocated = t.StartupsMoved / 1000
	return o
}

// lastYear sums the flows of the last 365 simulated days.
func lastYear(history []model.DayStats) YearOutcomes {
	var y YearOutcomes
	from := max(0, len(history)-365)
	if from < len(history) {
		y.From = history[from].Day.String()
	}
	var dem, served, leaked, sd, ss, capa int64
	var energy model.KWh
	var em model.GramsCO2
	for _, d := range history[from:] {
		dem += int64(d.Demand)
		served += int64(d.Served)
		leaked += int64(d.Leaked)
		sd += int64(d.StartupDemand)
		ss += int64(d.StartupServed)
		capa += int64(d.ComputeCapacity)
		energy += d.Energy
		em += d.Emissions
	}
	y.DemandH100eHours = dem / 1000
	y.ServedH100eHours = served / 1000
	y.LeakedH100eHours = leaked / 1000
	y.ServedShare = ratio(served, dem)
	y.StartupShare = ratio(ss, sd)
	y.Utilisation = ratio(served, capa)
	y.EnergyGWh = int64(energy) / 1000000
	y.EmissionsKt = int64(em) / 1000000000
	return y
}
