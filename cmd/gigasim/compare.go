package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"gigasandbox/game/i18n"
	"gigasandbox/internal/open"
	"gigasandbox/model"
	"gigasandbox/model/link"
	"gigasandbox/model/report"
)

const compareUsage = "Usage: gigasim compare RUN RUN [RUN...] [--json] [--csv FILE] [--lang LANG]\n" +
	"Each RUN is a preset name, a scenario file (.json), a link, or a board link (#b=..., its teams);\n" +
	"NAME=RUN names a run. All run to their horizon; the table gives each run's goals with their\n" +
	"verdicts and its headline outcomes, and with two runs the difference B − A.\n"

// compared is one run of a comparison, as --json prints it.
type compared struct {
	Name      string `json:"name"`
	From      string `json:"from"` // the argument: a preset name, a file or a link
	GoalSet   string `json:"goal_set,omitempty"`
	LastDay   string `json:"last_day"`
	StateHash string `json:"state_hash"`
}

// comparand is a run to compare before it runs: what an argument names.
type comparand struct {
	name, from, goalSet string
	sc                  model.Scenario
}

// cmdCompare runs two or more scenarios to their horizons and prints the
// board's table: each run's goals with their verdicts, and its headline
// outcomes side by side (with the difference B − A for two runs). The
// page's board and its CSV show the same figures (model/report, board.go).
func cmdCompare(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "print the table as one JSON object")
	csvFile := fs.String("csv", "", "also write the table as CSV, one row per run, to `FILE`")
	lang := fs.String("lang", "", "print the table in this language (bg, cs, da, de, …, sv), with the page's words")
	// Flags may come before, between or after the scenarios.
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
	var cs []comparand
	for _, arg := range pos {
		more, err := loadComparands(arg)
		if err != nil {
			return err
		}
		cs = append(cs, more...)
	}
	if len(cs) < 2 {
		return bad("compare takes two or more scenarios (preset names, scenario files, links or a board link), got %d", len(cs))
	}
	cat, err := langFlag("compare", *lang)
	if err != nil {
		return err
	}
	runs := make([]report.BoardRun, len(cs))
	sides := make([]compared, len(cs))
	links := make([]string, len(cs))
	for i, c := range cs {
		sim, err := model.New(c.sc)
		if err != nil {
			return bad("%s: %v", c.from, err)
		}
		if err := sim.RunTo(sim.Horizon()); err != nil {
			return bad("%s: %v", c.from, err)
		}
		runs[i] = report.NewBoardRun(c.name, c.goalSet, sim)
		sides[i] = compared{Name: c.name, From: c.from, GoalSet: c.goalSet, LastDay: runs[i].LastDay, StateHash: runs[i].StateHash}
		links[i] = c.from
	}
	if *csvFile != "" {
		var b bytes.Buffer
		if err := report.WriteBoardCSV(&b, runs, links); err != nil {
			return err
		}
		if err := os.WriteFile(*csvFile, b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	rows := compareRows(runs)
	goals := goalRows(runs)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		out := struct {
			A     *compared    `json:"a,omitempty"`
			B     *compared    `json:"b,omitempty"`
			Runs  []compared   `json:"runs"`
			Goals []goalRow    `json:"goals"`
			Rows  []compareRow `json:"rows"`
		}{Runs: sides, Goals: goals, Rows: rows}
		if len(sides) == 2 {
			out.A, out.B = &sides[0], &sides[1]
		}
		return enc.Encode(out)
	}
	words := englishWords
	if cat != nil {
		words = catalogWords(cat, sides, goals, rows)
	}
	writeCompare(stdout, sides, goals, rows, words)
	return nil
}

// compareWords are the words and number formats of the comparison's
// table: the command line's English, or a language of the page's
// (--lang). Labels, units and verdicts are set on the rows themselves.
type compareWords struct {
	title, goalsOf, unit, lastYear, differences, notForecast string
	run                                                      func(from, to, hash string) string
	figure                                                   func(v int64, u report.Unit) string
}

var englishWords = compareWords{
	title:       "Gigafactory Sandbox — compare at the horizon",
	goalsOf:     "Goals of %s, at the horizon",
	unit:        "unit",
	lastYear:    "\"Last year\" is each run's last 365 days. Goals are judged on each run's own days.",
	differences: "Differences are taken before rounding.",
	notForecast: "This explores the consequences of its assumptions; it is not a forecast.",
	run: func(from, to, hash string) string {
		return fmt.Sprintf("%s to %s, state hash %s", from, to, hash)
	},
	figure: figure,
}

// catalogWords words the table in cat's language, relabelling the runs,
// the rows, the goals and their verdicts in place.
func catalogWords(cat *i18n.Catalog, sides []compared, goals []goalRow, rows []compareRow) compareWords {
	label := func(name string) string { // a preset's name in the language
		if cat.Knows("preset." + name) {
			return cat.T("preset." + name)
		}
		return name
	}
	for i := range sides {
		sides[i].Name = label(sides[i].Name)
	}
	for i := range rows {
		rows[i].Label = cat.T("compare." + rows[i].Key)
		rows[i].Unit = cat.UnitName(rows[i].unit)
	}
	verdicts := map[string]string{}
	for v := report.GoalVerdict(0); v < report.GoalVerdict(len(verdictKeys)); v++ {
		verdicts[v.String()] = cat.T(verdictKeys[v])
	}
	for i := range goals {
		if k := "goal." + goals[i].Set + "." + goals[i].ID; cat.Knows(k) {
			goals[i].Text = cat.T(k)
		}
		goals[i].Set = label(goals[i].Set)
		for j, v := range goals[i].Verdicts {
			if w, ok := verdicts[v]; ok {
				goals[i].Verdicts[j] = w
			}
		}
	}
	date := func(iso string) string {
		if d, err := model.ParseDay(iso); err == nil {
			return cat.Date(d)
		}
		return iso
	}
	return compareWords{
		title:       cat.T("cli.compare.title"),
		goalsOf:     cat.T("cli.compare.goals"),
		unit:        cat.T("cli.compare.unit"),
		lastYear:    cat.T("cli.compare.lastyear"),
		differences: cat.T("cli.compare.differences"),
		notForecast: cat.T("cli.notforecast"),
		run: func(from, to, hash string) string {
			return cat.T("cli.compare.run", date(from), date(to), hash)
		},
		figure: func(v int64, u report.Unit) string { return cat.Num.Figure(v, u, true) },
	}
}

// verdictKeys name the goal verdicts in the catalogs, by report.GoalVerdict.
var verdictKeys = [...]string{
	report.GoalUnknown: "verdict.unknown", report.GoalOnTrack: "verdict.ontrack", report.GoalAtRisk: "verdict.atrisk",
	report.GoalMet: "verdict.met", report.GoalMissed: "verdict.missed",
}

// loadComparands reads what one argument names: a run (a link, a scenario
// file or a preset name, optionally as NAME=RUN), or a board's teams.
func loadComparands(arg string) ([]comparand, error) {
	name, what := splitName(arg)
	if link.IsBoard(what) {
		b, err := link.DecodeBoard(what)
		if err != nil {
			return nil, bad("%v", err)
		}
		out := make([]comparand, len(b.Teams))
		for i, t := range b.Teams {
			r, err := open.Link(t.Fragment())
			if err != nil {
				return nil, bad("board: team %d (%s): %v", i+1, t.Name, err)
			}
			out[i] = comparand{name: t.Name, from: t.Fragment(), goalSet: goalSetOf(r.Name), sc: r.Scenario}
		}
		return out, nil
	}
	r, err := open.Named(what)
	if err != nil {
		if strings.HasSuffix(what, ".json") || strings.ContainsAny(what, `/\`) || strings.Contains(what, "s=") {
			return nil, bad("%v", err)
		}
		return nil, bad("compare: %v; or give a scenario file (.json) or a link", err)
	}
	if name == "" {
		name = r.Name
	}
	return []comparand{{name: name, from: what, goalSet: goalSetOf(r.Name), sc: r.Scenario}}, nil
}

// splitName reads "NAME=RUN": a name before the first '=' that is not a
// link's key and holds no '#', ':' or path separator. Without one, the
// name is "" and the run is the whole argument.
func splitName(arg string) (name, run string) {
	n, rest, ok := strings.Cut(arg, "=")
	if !ok || n == "" || strings.ContainsAny(n, "#:/\\") {
		return "", arg
	}
	switch n {
	case "s", "b", "preset", "goals", "lock", "hide", "lang":
		return "", arg
	}
	return n, rest
}

// goalSetOf is the goal set a run is judged on: its name's, if a guided
// preset has that name (a preset, a link made from one, or a link with a
// teacher's "&goals="), else none.
func goalSetOf(name string) string {
	if _, _, ok := report.Goals(name); ok {
		return name
	}
	return ""
}

// goalRow is a goal of the runs' goal sets and each run's verdict on it
// ("" for a run judged on another set), as --json prints it.
type goalRow struct {
	Set      string   `json:"set"`
	ID       string   `json:"id"`
	Text     string   `json:"text"`
	Verdicts []string `json:"verdicts"`
}

func goalRows(runs []report.BoardRun) []goalRow {
	out := []goalRow{}
	for _, g := range report.BoardGoals(runs) {
		row := goalRow{Set: g.Set, ID: g.ID, Text: g.Text}
		for _, r := range runs {
			v := ""
			if s, ok := r.Verdict(g); ok {
				v = s.Verdict.String()
			}
			row.Verdicts = append(row.Verdicts, v)
		}
		out = append(out, row)
	}
	return out
}

// compareRow is a headline outcome of the runs as the command line prints
// it, with its English label and unit. For two runs it keeps the fields the
// table has always had: A, B and Diff = B − A.
type compareRow struct {
	Key   string `json:"key"`
	Label string `json:"label"` // in English
	Unit  string `json:"unit"`  // the whole unit, in English
	// Scale units of the report make one Unit: 10 for a share in
	// thousandths shown in percent, 1000 for € m shown in € bn, 1 otherwise.
	Scale  int64   `json:"scale"`
	Values []int64 `json:"values"` // one per run
	A      *int64  `json:"a,omitempty"`
	B      *int64  `json:"b,omitempty"`
	Diff   *int64  `json:"diff,omitempty"` // B − A
	Better int     `json:"better"`
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

// compareRows words the runs' headline outcomes for the command line. A
// row without a label here shows its key.
func compareRows(runs []report.BoardRun) []compareRow {
	out := make([]compareRow, len(runs[0].Rows))
	for i, r := range runs[0].Rows {
		label, ok := compareLabels[r.Key]
		if !ok {
			label = r.Key
		}
		row := compareRow{Key: r.Key, Label: label, Unit: unitNames[r.Unit], Scale: r.Unit.Scale(), Better: r.Better, unit: r.Unit}
		for _, run := range runs {
			row.Values = append(row.Values, run.Rows[i].A)
		}
		if len(runs) == 2 {
			a, b := row.Values[0], row.Values[1]
			d := b - a
			row.A, row.B, row.Diff = &a, &b, &d
		}
		out[i] = row
	}
	return out
}

// runLetter names the i-th run in the table's columns: A to Z, then AA.
func runLetter(i int) string {
	if i < 26 {
		return string(rune('A' + i))
	}
	return runLetter(i/26-1) + string(rune('A'+i%26))
}

// writeCompare prints the comparison as aligned tables: the runs, their
// goals' verdicts, their headline outcomes.
func writeCompare(w io.Writer, sides []compared, goals []goalRow, rows []compareRow, wd compareWords) {
	fmt.Fprintln(w, wd.title)
	nameW := 0
	for _, s := range sides {
		nameW = max(nameW, utf8.RuneCountInString(s.Name))
	}
	for i, s := range sides {
		fmt.Fprintf(w, "%-2s %-*s  %s\n", runLetter(i), nameW, s.Name, wd.run(model.Day(0).String(), s.LastDay, s.StateHash))
	}
	// Columns as wide as their widest figure or verdict ("on track").
	numW := len("on track")
	for _, g := range goals {
		for _, v := range g.Verdicts {
			numW = max(numW, utf8.RuneCountInString(v))
		}
	}
	for _, r := range rows {
		for _, v := range r.Values {
			numW = max(numW, utf8.RuneCountInString(wd.figure(v, r.unit)))
		}
		if r.Diff != nil {
			numW = max(numW, utf8.RuneCountInString(wd.figure(*r.Diff, r.unit))+1)
		}
	}
	labelW, unitW := 0, utf8.RuneCountInString(wd.unit)
	for _, r := range rows {
		labelW = max(labelW, utf8.RuneCountInString(r.Label))
		unitW = max(unitW, utf8.RuneCountInString(r.Unit))
	}
	if len(goals) > 0 {
		set := ""
		for _, g := range goals {
			labelW = max(labelW, min(utf8.RuneCountInString(g.Text), 72))
		}
		for _, g := range goals {
			if g.Set != set {
				set = g.Set
				fmt.Fprintf(w, "\n%s  %-*s", pad(fmt.Sprintf(wd.goalsOf, set), labelW), unitW, "")
				for i := range sides {
					fmt.Fprintf(w, "  %*s", numW, runLetter(i))
				}
				fmt.Fprintln(w)
			}
			text := g.Text
			if utf8.RuneCountInString(text) > 72 {
				text = string([]rune(text)[:71]) + "…"
			}
			fmt.Fprintf(w, "%s  %-*s", pad(text, labelW), unitW, "")
			for _, v := range g.Verdicts {
				if v == "" {
					v = "—"
				}
				fmt.Fprintf(w, "  %s", padLeft(v, numW))
			}
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintf(w, "\n%-*s  %s", labelW, "", pad(wd.unit, unitW))
	for i := range sides {
		fmt.Fprintf(w, "  %*s", numW, runLetter(i))
	}
	if len(sides) == 2 {
		fmt.Fprintf(w, "  %*s", numW, "B − A")
	}
	fmt.Fprintln(w)
	for _, r := range rows {
		fmt.Fprintf(w, "%s  %s", pad(r.Label, labelW), pad(r.Unit, unitW))
		for _, v := range r.Values {
			fmt.Fprintf(w, "  %s", padLeft(wd.figure(v, r.unit), numW))
		}
		if r.Diff != nil {
			diff := wd.figure(*r.Diff, r.unit)
			if *r.Diff > 0 {
				diff = "+" + diff
			}
			fmt.Fprintf(w, "  %s", padLeft(diff, numW))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "\n"+wd.lastYear)
	if len(sides) == 2 {
		fmt.Fprintln(w, wd.differences)
	}
	fmt.Fprintln(w, wd.notForecast)
}

// pad and padLeft fill s with spaces to w characters, at its right or its
// left.
func pad(s string, w int) string {
	return s + strings.Repeat(" ", max(w-utf8.RuneCountInString(s), 0))
}

func padLeft(s string, w int) string {
	return strings.Repeat(" ", max(w-utf8.RuneCountInString(s), 0)) + s
}
