package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"gigasandbox/model"
	"gigasandbox/model/link"
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
	var outs [2]model.Outcomes
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
		outs[i] = sim.Outcomes()
		sides[i] = compared{Name: outs[i].Scenario, From: arg, LastDay: outs[i].LastDay, StateHash: outs[i].StateHash}
	}
	rows := model.Compare(outs[0], outs[1])
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			A    compared           `json:"a"`
			B    compared           `json:"b"`
			Rows []model.CompareRow `json:"rows"`
		}{sides[0], sides[1], rows})
	}
	writeCompare(stdout, sides, rows)
	return nil
}

// loadComparand reads one side of a comparison: a link, a scenario file or
// a preset name.
func loadComparand(arg string) (model.Scenario, error) {
	switch {
	case strings.Contains(arg, "#s=") || strings.HasPrefix(arg, "s="):
		sc, _, err := link.Decode(arg)
		if err != nil {
			return sc, bad("%v", err)
		}
		return sc, nil
	case strings.HasSuffix(arg, ".json") || strings.ContainsAny(arg, `/\`):
		return loadScenario(arg)
	}
	sc, err := model.Preset(arg)
	if err != nil {
		return sc, bad("compare: %v; or give a scenario file (.json) or a link", err)
	}
	return sc, nil
}

// writeCompare prints the comparison as an aligned table.
func writeCompare(w io.Writer, sides [2]compared, rows []model.CompareRow) {
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
		diff := r.Format(r.Diff)
		if r.Diff > 0 {
			diff = "+" + diff
		}
		fmt.Fprintf(w, "%-*s  %-*s  %*s  %*s  %*s\n", labelW, r.Label, unitW, r.Unit, numW, r.Format(r.A), numW, r.Format(r.B), numW, diff)
	}
	fmt.Fprintln(w, "\n\"Last year\" is each run's last 365 days. Differences are taken before rounding.")
	fmt.Fprintln(w, "This explores the consequences of its assumptions; it is not a forecast.")
}
