package model

import "math"

// CompareRow is one headline outcome of two runs side by side: the
// comparison table the page shows at the horizon and `gigasim compare`
// prints.
type CompareRow struct {
	Key   string `json:"key"`   // stable, for the page's catalogs: "chips_active"
	Label string `json:"label"` // in English
	Unit  string `json:"unit"`  // the display unit
	// Scale stored units make one Unit: the shares are stored in
	// thousandths and shown in percent (Scale 10), money in € m and shown
	// in € bn (Scale 1000); 1 otherwise.
	Scale int64 `json:"scale"`
	A     int64 `json:"a"`
	B     int64 `json:"b"`
	Diff  int64 `json:"diff"` // B − A
	// Better is +1 when more is better, -1 when less is, 0 when neither:
	// for colouring the difference.
	Better int `json:"better"`
}

// Format writes a value of the row in its display unit, in English, with
// thousands separators; one decimal when Scale > 1.
func (r CompareRow) Format(v int64) string {
	if r.Scale <= 1 {
		return groupThousands(v)
	}
	t := roundDiv(v, r.Scale/10)
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	return sign + groupThousands(t/10) + "." + string(rune('0'+t%10))
}

// permille turns one of Outcomes' display ratios, which are whole
// thousandths written as float64, back into thousandths exactly.
func permille(f float64) int64 { return int64(math.Round(f * 1000)) }

// Compare lists the headline outcomes of two runs and their difference,
// B − A: normally A is the baseline and B the scenario, both at their
// horizon (Sim.Outcomes after the last day). The rows, their order and
// units are the same for any two runs.
func Compare(a, b Outcomes) []CompareRow {
	type row struct {
		key, label, unit string
		scale            int64
		better           int
		get              func(o *Outcomes) int64
	}
	const m = 1000000
	rows := []row{
		{"chips_active", "Chips running", "chips", 1, +1, func(o *Outcomes) int64 { return o.Chips.Active }},
		{"compute_h100e", "Compute running", "H100e", 1, +1, func(o *Outcomes) int64 { return o.Chips.ActiveH100e }},
		{"chips_licence", "Chips waiting for an export licence", "chips", 1, -1, func(o *Outcomes) int64 { return o.Chips.Licence }},
		{"power_mw", "Power drawn", "MW", 1, 0, func(o *Outcomes) int64 { return o.PowerDrawnMW }},
		{"grid_queue", "Sites waiting for a grid connection", "sites", 1, -1, func(o *Outcomes) int64 { return int64(o.GridQueueSites) }},
		{"served_pct", "EU demand served in the EU, last year", "%", 10, +1, func(o *Outcomes) int64 { return permille(o.LastYear.ServedShare) }},
		{"startup_served_pct", "Startups' demand served, last year", "%", 10, +1, func(o *Outcomes) int64 { return permille(o.LastYear.StartupShare) }},
		{"utilisation_pct", "Sellable compute used, last year", "%", 10, 0, func(o *Outcomes) int64 { return permille(o.LastYear.Utilisation) }},
		{"leaked", "Demand leaked to non-EU clouds, last year", "m H100e-hours", 1, -1, func(o *Outcomes) int64 { return o.LastYear.LeakedH100eHours / m }},
		{"emissions_year", "Emissions, last year", "kt CO2e", 1, -1, func(o *Outcomes) int64 { return o.LastYear.EmissionsKt }},
		{"emissions_run", "Emissions over the run", "kt CO2e", 1, -1, func(o *Outcomes) int64 { return o.EmissionsKt }},
		{"energy_run", "Energy over the run", "GWh", 1, 0, func(o *Outcomes) int64 { return o.EnergyGWh }},
		{"capex", "Capital cost", "€ bn", 1000, 0, func(o *Outcomes) int64 {
			return (o.Money.Chips + o.Money.Buildings + o.Money.GridConnections) / m
		}},
		{"eu_capex", "Paid from the InvestAI fund", "€ bn", 1000, 0, func(o *Outcomes) int64 { return o.Money.EUCapex / m }},
		{"vouchers", "Startup vouchers from the fund", "€ bn", 1000, 0, func(o *Outcomes) int64 { return o.Money.Vouchers / m }},
		{"fund_left", "InvestAI fund left", "€ bn", 1000, +1, func(o *Outcomes) int64 { return o.Money.FundLeft / m }},
		{"unfunded", "EU share the fund could not pay", "€ bn", 1000, -1, func(o *Outcomes) int64 { return o.Money.UnfundedEU / m }},
		{"host_capex", "Paid by host states", "€ bn", 1000, 0, func(o *Outcomes) int64 { return o.Money.HostCapex / m }},
		{"electricity", "Electricity bill over the run", "€ bn", 1000, -1, func(o *Outcomes) int64 { return o.Money.Electricity / m }},
		{"operator_result", "Operators' result over the run", "€ bn", 1000, +1, func(o *Outcomes) int64 { return o.Money.OperatorCash / m }},
		{"startups_active", "AI companies in the EU", "companies", 1, +1, func(o *Outcomes) int64 { return o.StartupsActive }},
		{"startups_relocated", "AI companies relocated", "companies", 1, -1, func(o *Outcomes) int64 { return o.StartupsRelocated }},
	}
	out := make([]CompareRow, len(rows))
	for i, r := range rows {
		va, vb := r.get(&a), r.get(&b)
		out[i] = CompareRow{Key: r.key, Label: r.label, Unit: r.unit, Scale: r.scale, A: va, B: vb, Diff: vb - va, Better: r.better}
	}
	return out
}
