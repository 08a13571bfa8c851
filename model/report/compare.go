package report

import "math"

// CompareRow is one headline outcome of two runs side by side: the
// comparison table the page shows at the horizon and `gigasim compare`
// prints.
type CompareRow struct {
	Key  string // stable, for the page's catalogs and the command line's labels: "chips_active"
	Unit Unit
	A    int64
	B    int64
	Diff int64 // B − A
	// Better is +1 when more is better, -1 when less is, 0 when neither:
	// for colouring the difference.
	Better int
}

// permille turns one of Outcomes' display ratios, which are whole
// thousandths written as float64, back into thousandths exactly.
func permille(f float64) int64 { return int64(math.Round(f * 1000)) }

// Compare lists the headline outcomes of two runs and their difference,
// B − A: normally A is the baseline and B the scenario, both at their
// horizon (OutcomesOf after the last day). The rows, their order and
// units are the same for any two runs.
func Compare(a, b Outcomes) []CompareRow {
	type row struct {
		key    string
		unit   Unit
		better int
		get    func(o *Outcomes) int64
	}
	const m = 1000000
	rows := []row{
		{"chips_active", Chips, +1, func(o *Outcomes) int64 { return o.Chips.Active }},
		{"compute_h100e", H100e, +1, func(o *Outcomes) int64 { return o.Chips.ActiveH100e }},
		{"chips_licence", Chips, -1, func(o *Outcomes) int64 { return o.Chips.Licence }},
		{"power_mw", MW, 0, func(o *Outcomes) int64 { return o.PowerDrawnMW }},
		{"grid_queue", Sites, -1, func(o *Outcomes) int64 { return int64(o.GridQueueSites) }},
		{"served_pct", Permille, +1, func(o *Outcomes) int64 { return permille(o.LastYear.ServedShare) }},
		{"startup_served_pct", Permille, +1, func(o *Outcomes) int64 { return permille(o.LastYear.StartupShare) }},
		{"utilisation_pct", Permille, 0, func(o *Outcomes) int64 { return permille(o.LastYear.Utilisation) }},
		{"leaked", MillionH100eHours, -1, func(o *Outcomes) int64 { return o.LastYear.LeakedH100eHours / m }},
		{"emissions_year", KtCO2e, -1, func(o *Outcomes) int64 { return o.LastYear.EmissionsKt }},
		{"emissions_run", KtCO2e, -1, func(o *Outcomes) int64 { return o.EmissionsKt }},
		{"energy_run", GWh, 0, func(o *Outcomes) int64 { return o.EnergyGWh }},
		{"capex", EuroMillions, 0, func(o *Outcomes) int64 {
			return (o.Money.Chips + o.Money.Buildings + o.Money.GridConnections) / m
		}},
		{"eu_capex", EuroMillions, 0, func(o *Outcomes) int64 { return o.Money.EUCapex / m }},
		{"vouchers", EuroMillions, 0, func(o *Outcomes) int64 { return o.Money.Vouchers / m }},
		{"fund_left", EuroMillions, +1, func(o *Outcomes) int64 { return o.Money.FundLeft / m }},
		{"unfunded", EuroMillions, -1, func(o *Outcomes) int64 { return o.Money.UnfundedEU / m }},
		{"host_capex", EuroMillions, 0, func(o *Outcomes) int64 { return o.Money.HostCapex / m }},
		{"electricity", EuroMillions, -1, func(o *Outcomes) int64 { return o.Money.Electricity / m }},
		{"operator_result", EuroMillions, +1, func(o *Outcomes) int64 { return o.Money.OperatorCash / m }},
		{"startups_active", Companies, +1, func(o *Outcomes) int64 { return o.StartupsActive }},
		{"startups_relocated", Companies, -1, func(o *Outcomes) int64 { return o.StartupsRelocated }},
	}
	out := make([]CompareRow, len(rows))
	for i, r := range rows {
		va, vb := r.get(&a), r.get(&b)
		out[i] = CompareRow{Key: r.key, Unit: r.unit, A: va, B: vb, Diff: vb - va, Better: r.better}
	}
	return out
}
