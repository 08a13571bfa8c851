package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"gigasandbox/model"
	"gigasandbox/model/report"
)

// writeJSON prints the outcomes as one JSON object.
func writeJSON(w io.Writer, sim *model.Sim) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(report.OutcomesOf(sim))
}

// group writes n with thousands separators: 1234567 → "1,234,567".
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	out := ""
	for len(s) > 3 {
		out = "," + s[len(s)-3:] + out
		s = s[:len(s)-3]
	}
	out = s + out
	if neg {
		out = "-" + out
	}
	return out
}

// unitNames is how the command line writes report's units, in English.
var unitNames = [report.NumUnits]string{
	report.Chips: "chips", report.H100e: "H100e", report.Sites: "sites", report.Companies: "companies",
	report.MilliCompanies: "companies", report.Days: "days", report.Tier: "tier", report.YesNo: "yes/no",
	report.KW: "MW", report.MW: "MW", report.GWh: "GWh", report.MillionH100eHours: "m H100e-hours",
	report.Permille: "%", report.BasisPoints: "%", report.EuroThousands: "€ m", report.EuroMillions: "€ bn",
	report.CentsPerMWh: "€/MWh", report.GramsCO2ePerKWh: "g CO2e/kWh", report.TonnesCO2e: "kt CO2e", report.KtCO2e: "kt CO2e",
}

// figure writes v, counted in u, as a number of u's whole unit (the unit
// itself is not written): with one decimal, rounded half away from zero,
// when u is a fraction of it ("19.2" for 192 permille, "-1.4" for
// -1,449 € m in € bn); whole and grouped otherwise ("1,234").
func figure(v int64, u report.Unit) string {
	scale := u.Scale()
	if scale <= 1 {
		return group(v)
	}
	t, d := v, scale/10 // t becomes tenths of the whole unit
	if d > 1 {
		if t < 0 {
			t = -((-t + d/2) / d)
		} else {
			t = (t + d/2) / d
		}
	}
	sign := ""
	if t < 0 {
		sign, t = "-", -t
	}
	return sign + group(t/10) + "." + strconv.FormatInt(t%10, 10)
}

// bn writes whole euros as billions with one decimal: "€20.0 bn".
func bn(euros int64) string {
	sign := ""
	if euros < 0 {
		sign, euros = "-", -euros
	}
	tenths := (euros + 50000000) / 100000000
	return fmt.Sprintf("%s€%d.%d bn", sign, tenths/10, tenths%10)
}

func pct(f float64) string { return strconv.FormatFloat(f*100, 'f', 1, 64) + "%" }

// writeSummary prints the outcomes for a person.
func writeSummary(w io.Writer, sc model.Scenario, sim *model.Sim) {
	o := report.OutcomesOf(sim)
	fmt.Fprintf(w, "Gigafactory Sandbox — %s\n", o.Scenario)
	if sc.Description != "" {
		fmt.Fprintf(w, "%s\n", sc.Description)
	}
	if o.Days == 0 {
		fmt.Fprintf(w, "On %s, before the first day is simulated, seed %d. State hash %s.\n", model.Day(0), sc.Seed, o.StateHash)
	} else {
		fmt.Fprintf(w, "Simulated %s to %s (%d days), seed %d. State hash %s.\n", model.Day(0), o.LastDay, o.Days, sc.Seed, o.StateHash)
	}
	rel := sim.Release()
	fmt.Fprintf(w, "Figures: release %s (%s).\n", rel.Name, rel.About)
	fmt.Fprintln(w, "This explores the consequences of its assumptions; it is not a forecast.")

	fmt.Fprintln(w, "\nSites")
	fmt.Fprintf(w, "  %-28s %-5s %-18s %9s %9s %8s %12s\n", "name", "state", "status", "target", "active", "power", "power ready")
	for _, s := range o.Sites {
		ready := s.PowerReady
		if ready == "" {
			ready = "—"
		}
		fmt.Fprintf(w, "  %-28s %-5s %-18s %9s %9s %5d MW %12s\n", s.Name, s.State, s.Status, group(int64(s.Target)), group(int64(s.Active)), s.PowerMW, ready)
	}

	c := o.Chips
	fmt.Fprintln(w, "\nChips")
	fmt.Fprintf(w, "  active %s (%s H100-equivalents), throttled %s, in repair %s\n", group(c.Active), group(c.ActiveH100e), group(o.ChipsThrottled), group(c.Repair))
	fmt.Fprintf(w, "  waiting: at supplier %s, for an export licence %s, in transit %s, installing %s; retired %s\n",
		group(c.AtSupplier), group(c.Licence), group(c.Transit), group(c.Installing), group(c.Retired))

	fmt.Fprintln(w, "\nPower")
	fmt.Fprintf(w, "  drawing %d MW of %d MW granted, %d MW curtailed; %d sites waiting for a grid connection\n",
		o.PowerDrawnMW, o.GridGrantedMW, o.PowerCurtailedMW, o.GridQueueSites)
	fmt.Fprintf(w, "  energy %s GWh, emissions %s kt CO2e over the run\n", group(o.EnergyGWh), group(o.EmissionsKt))

	m := o.Money
	fmt.Fprintln(w, "\nMoney")
	fmt.Fprintf(w, "  InvestAI fund: %s left of %s (capital costs %s, startup vouchers %s)\n", bn(m.FundLeft), bn(m.FundStart), bn(m.EUCapex), bn(m.Vouchers))
	fmt.Fprintf(w, "  capital cost %s: chips and network %s, buildings %s, grid connections %s\n",
		bn(m.Chips+m.Buildings+m.GridConnections), bn(m.Chips), bn(m.Buildings), bn(m.GridConnections))
	fmt.Fprintf(w, "  paid by the EU %s, host states %s, private investors %s", bn(m.EUCapex), bn(m.HostCapex), bn(m.PrivateCapex))
	if m.UnfundedEU > 0 {
		fmt.Fprintf(w, " (of which %s EU share the fund could not pay)", bn(m.UnfundedEU))
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  running: electricity %s, maintenance %s; revenue %s; operators' result %s\n",
		bn(m.Electricity), bn(m.Maintenance), bn(m.CustomerRevenue+m.Vouchers), bn(m.OperatorCash))

	y := o.LastYear
	fmt.Fprintf(w, "\nDemand for AI compute, last year (from %s)\n", y.From)
	fmt.Fprintf(w, "  %s H100-hours needed, %s served in the EU (%s), %s leaked to non-EU clouds\n",
		group(y.DemandH100eHours), group(y.ServedH100eHours), pct(y.ServedShare), group(y.LeakedH100eHours))
	fmt.Fprintf(w, "  startups' needs served %s; EU sites' sellable compute used %s\n", pct(y.StartupShare), pct(y.Utilisation))
	fmt.Fprintf(w, "  AI companies: %s at the start, %s now, %s relocated\n", group(o.StartupsStart), group(o.StartupsActive), group(o.StartupsRelocated))

	msgs := sim.Messages()
	if len(msgs) > 0 {
		fmt.Fprintln(w, "\nWhat happened")
		for _, msg := range msgs {
			fmt.Fprintf(w, "  %s  %s\n", msg.Day, msg.Text())
		}
	}
}
