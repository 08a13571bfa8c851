package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"gigasandbox/internal/open"
	"gigasandbox/model"
	"gigasandbox/model/report"
)

const compareUsage = "Usage: gigasim compare A B [--json]\n" +
	"A and B are preset names, scenario files (.json) or links; both run to their horizon.\n"

// compared is one side of a comparison, as --json prints it.
type compared struct {
	Name      string `json:"name"`
	From      string `json:"from"` // the argument: a preset name, a file or a link
	LastDay   string `json:"last_day"`
	StateHash string `json:"state_hash"`
}

// cmdCompare runs two scenarios to their horizons and prints their headline
// outcomes side by side with the difference B − A: the table the page
// shows at the horizon.
func cmdCompare(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "print the table as one JSON object")
	// Flags may come before, between or after the two scenarios.
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, compareUsage)
				return err
			}
			return bad("compare: %v", err)
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(pos) != 2 {
		return bad("compare takes two scenarios (preset names, scenario files or links), got %d", len(pos))
	}
	var sides [2]compared
	var outs [2]report.Outcomes
	for i, arg := range pos {
		sc, err := loadComparand(arg)
		if err != nil {
			return err
		}
		sim, err := model.New(sc)
		if err != nil {
			return bad("%s: %v", arg, err)
		}
		if err := sim.RunTo(sim.Horizon()); err != nil {
			return bad("%s: %v", arg, err)
		}
		outs[i] = report.OutcomesOf(sim)
		sides[i] = compared{Name: outs[i].Scenario, From: arg, LastDay: outs[i].LastDay, StateHash: outs[i].StateHash}
	}
	rows := compareRows(report.Compare(outs[0], outs[1]))
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			A    compared     `json:"a"`
			B    compared     `json:"b"`
			Rows []compareRow `json:"rows"`
		}{sides[0], sides[1], rows})
	}
	writeCompare(stdout, sides, rows)
	return nil
}

// loadComparand reads one side of a comparison: a link, a scenario file or
// a preset name.
func loadComparand(arg string) (model.Scenario, error) {
	r, err := open.Named(arg)
	if err == nil {
		return r.Scenario, nil
	}
	if strings.HasSuffix(arg, ".json") || strings.ContainsAny(arg, `/\`) || strings.Contains(arg, "s=") {
		return r.Scenario, bad("%v", err)
	}
	return r.Scenario, bad("compare: %v; or give a scenario file (.json) or a link", err)
}

// compareRow is a row of report.Compare as the command line prints it,
// with its English label and unit (the JSON keeps the fields the table
// has always had).
type compareRow struct {
	Key   string `json:"key"`
	Label string `json:"label"` // in English
	Unit  string `json:"unit"`  // the whole unit, in English
	// Scale units of the report make one Unit: 10 for a share in
	// thousandths shown in percent, 1000 for € m shown in € bn, 1 otherwise.
	Scale  int64 `json:"scale"`
	A      int64 `json:"a"`
	B      int64 `json:"b"`
	Diff   int64 `json:"diff"` // B − A
	Better int   `json:"better"`
	unit   report.Unit
}

// compareLabels are the comparison's rows in English, by key. The page
// has its own, translated, in game/i18n ("compare.KEY").
var compareLabels = map[string]string{
	"chips_active":       "Chips running",
	"compute_h100e":      "Compute running",
	"chips_licence":      "Chips waiting for an export licence",
	"power_mw":           "Power drawn",
	"grid_queue":         "Sites waiting for a grid connection",
	"served_pct":         "EU demand served in the EU, last year",
	"startup_served_pct": "Startups' demand served, last year",
	"utilisation_pct":    "Sellable compute used, last year",
	"leaked":             "Demand leaked to non-EU clouds, last year",
	"emissions_year":     "Emissions, last year",
	"emissions_run":      "Emissions over the run",
	"energy_run":         "Energy over the run",
	"capex":              "Capital cost",
	"eu_capex":           "Paid from the InvestAI fund",
	"vouchers":           "Startup vouchers from the fund",
	"fund_left":          "InvestAI fund left",
	"unfunded":           "EU share the fund could not pay",
	"host_capex":         "Paid by host states",
	"electricity":        "Electricity bill over the run",
	"operator_result":    "Operators' result over the run",
	"startups_active":    "AI companies in the EU",
	"startups_relocated": "AI companies relocated",
}

// compareRows words report's rows for the command line. A row without a
// label here shows its key.
func compareRows(rows []report.CompareRow) []compareRow {
	out := make([]compareRow, len(rows))
	for i, r := range rows {
		label, ok := compareLabels[r.Key]
		if !ok {
			label = r.Key
		}
		out[i] = compareRow{Key: r.Key, Label: label, Unit: unitNames[r.Unit], Scale: r.Unit.Scale(),
			A: r.A, B: r.B, Diff: r.Diff, Better: r.Better, unit: r.Unit}
	}
	return out
}

// writeCompare prints the comparison as an aligned table.
func writeCompare(w io.Writer, sides [2]compared, rows []compareRow) {
	fmt.Fprintln(w, "Gigafactory Sandbox — compare at the horizon")
	nameW := max(utf8.RuneCountInString(sides[0].Name), utf8.RuneCountInString(sides[1].Name))
	for i, s := range sides {
		fmt.Fprintf(w, "%c  %-*s  %s to %s, state hash %s\n", 'A'+i, nameW, s.Name, model.Day(0), s.LastDay, s.StateHash)
	}
	labelW, unitW := 0, 0
	for _, r := range rows {
		labelW = max(labelW, utf8.RuneCountInString(r.Label))
		unitW = max(unitW, utf8.RuneCountInString(r.Unit))
	}
	const numW = 14
	fmt.Fprintf(w, "\n%-*s  %-*s  %*s  %*s  %*s\n", labelW, "", unitW, "unit", numW, "A", numW, "B", numW, "B − A")
	for _, r := range rows {
		diff := figure(r.Diff, r.unit)
		if r.Diff > 0 {
			diff = "+" + diff
		}
		fmt.Fprintf(w, "%-*s  %-*s  %*s  %*s  %*s\n", labelW, r.Label, unitW, r.Unit, numW, figure(r.A, r.unit), numW, figure(r.B, r.unit), numW, diff)
	}
	fmt.Fprintln(w, "\n\"Last year\" is each run's last 365 days. Differences are taken before rounding.")
	fmt.Fprintln(w, "This explores the consequences of its assumptions; it is not a forecast.")
}
