package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"gigasandbox/model"
	"gigasandbox/model/ensemble"
	"gigasandbox/model/report"
)

const sweepUsage = "Usage: gigasim sweep [--preset NAME | --scenario FILE.json | --link LINK] [--runs N] [--vary NAME,…|all] [--workers K] [--json | --csv FILE | --shard I/N]"

// cmdSweep runs a scenario's ensemble: the assumptions drawn within their
// ranges, N runs on every core, and prints the spread of the headline
// outcomes at the horizon and each goal's odds, the page's figures. With
// --shard it runs one part of the ensemble and writes it for gigasim merge.
func cmdSweep(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sweep", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported once, as one line, by run
	preset := fs.String("preset", "", "sweep a preset scenario")
	file := fs.String("scenario", "", "sweep a scenario file")
	linkText := fs.String("link", "", "sweep the scenario of this link")
	runs := fs.Int("runs", ensemble.DefaultRuns, fmt.Sprintf("runs in the ensemble, %d to %d (a link's own with --link, if it shows bands)", ensemble.MinRuns, ensemble.MaxRuns))
	varyText := fs.String("vary", "all", "the assumptions to draw, by name and comma-separated (gigasim assumptions --ranges), or all; the others keep the scenario's figures")
	workers := fs.Int("workers", runtime.NumCPU(), "runs at once (every core by default)")
	asJSON := fs.Bool("json", false, "print the spreads, the odds and the bands of every series on every sampled day as JSON")
	csvPath := fs.String("csv", "", "write the bands of every series on every sampled day to this CSV file")
	shardText := fs.String("shard", "", "run only part I of N of the runs (1 ≤ I ≤ N) and print it as a part file for gigasim merge")
	tornado := fs.Bool("tornado", false, "also run each assumption at the ends of its range and list what moves each headline outcome most (as gigasim tornado)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fmt.Fprintln(stdout, sweepUsage)
			fs.PrintDefaults()
			return err
		}
		return bad("sweep: %v (gigasim sweep --help lists the flags)", err)
	}
	if fs.NArg() > 0 {
		return bad("sweep: unexpected argument %q", fs.Arg(0))
	}
	if *runs < ensemble.MinRuns || *runs > ensemble.MaxRuns {
		return bad("sweep: --runs %d: want %d to %d", *runs, ensemble.MinRuns, ensemble.MaxRuns)
	}
	if *workers < 1 {
		return bad("sweep: --workers %d: want at least 1", *workers)
	}
	if (*file != "" && (*preset != "" || *linkText != "")) || (*preset != "" && *linkText != "") {
		return bad("sweep: give one of --preset, --scenario and --link, not two")
	}
	outputs := 0
	for _, given := range []bool{*asJSON, *csvPath != "", *shardText != "", *tornado} {
		if given {
			outputs++
		}
	}
	if outputs > 1 {
		return bad("sweep: give at most one of --json, --csv, --shard and --tornado")
	}
	shard, shards, err := parseShard(*shardText, *runs)
	if err != nil {
		return err
	}
	vary, err := parseVary(*varyText)
	if err != nil {
		return err
	}
	r, err := openChosen(*preset, *file, *linkText, false)
	if err != nil {
		return err
	}
	// a link with bands on (&bands=N) gives the page's N unless --runs
	// says otherwise: the same bands as the page
	runsGiven := false
	fs.Visit(func(f *flag.Flag) { runsGiven = runsGiven || f.Name == "runs" })
	if r.Bands != 0 && !runsGiven {
		*runs = r.Bands
		if shard, shards, err = parseShard(*shardText, *runs); err != nil {
			return err
		}
	}
	sc := r.Scenario
	// A guided preset's goals are judged in every run, as the page does.
	goals, _, _ := report.Goals(r.Name)
	of := *runs
	if shards > 1 {
		of = (shard+1)**runs/shards - shard**runs/shards
	}
	bar := newProgress(stderr, of)
	var mu sync.Mutex
	res, err := ensemble.Run(context.Background(), sc, ensemble.Config{Runs: *runs, Workers: *workers, Goals: goals, Vary: vary,
		Shard: shard, Shards: shards, Progress: func(done, _ int) {
			if bar != nil {
				mu.Lock()
				_ = bar.Set(done)
				mu.Unlock()
			}
		}})
	if bar != nil {
		_ = bar.Finish()
		fmt.Fprintln(stderr)
	}
	if err != nil {
		return bad("sweep: %v", err)
	}
	switch {
	case shards > 1:
		return res.WritePart(stdout)
	case *tornado:
		writeSweep(stdout, res)
		ts, err := sensitivity(sc, *workers, stderr)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout)
		writeTornado(stdout, ts, 5)
		return nil
	}
	return writeSweepResult(res, stdout, *asJSON, *csvPath)
}

// writeSweepResult prints a whole ensemble's result as text, as JSON or
// (its bands) into a CSV file: sweep's output, and merge's.
func writeSweepResult(res *ensemble.Result, stdout io.Writer, asJSON bool, csvPath string) error {
	switch {
	case asJSON:
		return writeSweepJSON(stdout, res)
	case csvPath != "":
		f, err := os.Create(csvPath)
		if err != nil {
			return bad("--csv: %v", err)
		}
		if err := writeSweepCSV(f, res); err != nil {
			f.Close()
			return fmt.Errorf("--csv %s: %w", csvPath, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("--csv %s: %w", csvPath, err)
		}
		fmt.Fprintf(stdout, "Wrote the bands of %d series on %d days to %s\n", len(ensemble.Metrics), len(res.Days), csvPath)
		return nil
	}
	writeSweep(stdout, res)
	return nil
}

// parseShard reads --shard's "I/N" into a shard from 0 and a count; "" is
// the whole sweep.
func parseShard(s string, runs int) (shard, shards int, err error) {
	if s == "" {
		return 0, 1, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil {
		return 0, 0, bad("sweep: --shard %q: want I/N, part I of N, as 2/4", s)
	}
	if n < 2 || n > runs || i < 1 || i > n {
		return 0, 0, bad("sweep: --shard %s: want 1 ≤ I ≤ N and 2 ≤ N ≤ %d (the runs)", s, runs)
	}
	return i - 1, n, nil
}

// parseVary reads --vary: "all", or assumptions by name, comma-separated.
func parseVary(s string) ([]model.Param, error) {
	if s == "all" {
		return nil, nil
	}
	var out []model.Param
	for _, name := range strings.Split(s, ",") {
		name = strings.TrimSpace(name)
		p, ok := model.ParamByKey(name)
		if !ok {
			return nil, bad("sweep: --vary: %q is no assumption (gigasim assumptions --ranges lists them; or give all)", name)
		}
		out = append(out, p)
	}
	return out, nil
}

// sweepUnits turn a metric's stored unit into the one people read.
var sweepUnits = map[string]struct {
	unit string
	div  float64
}{
	"chips":                    {"chips", 1},
	"W":                        {"MW", 1e6},
	"euro cents":               {"€ m", 1e8},
	"milli-H100e-hours a day":  {"H100e busy", 24000},
	"thousandths of a company": {"companies", 1000},
	"g CO2e a day":             {"t CO2e a day", 1e6},
}

// writeSweep prints an ensemble for a person: its size, the spread of each
// headline outcome and chart series at the horizon, each goal's odds and
// the digest.
func writeSweep(w io.Writer, res *ensemble.Result) {
	sc := res.Scenario
	name := sc.Name
	if name == "" {
		name = "the scenario"
	}
	last := len(res.Days) - 1
	fmt.Fprintf(w, "Ensemble of %s: %d runs, %d of %d assumptions drawn within their ranges (gigasim assumptions --ranges)\n",
		name, res.Runs(), len(res.Varied), model.NumParams)
	fmt.Fprintln(w, "The spread of outcomes over the assumptions' ranges, not the odds of a forecast.")
	fmt.Fprintf(w, "\nHeadline outcomes at the horizon, %s:\n", res.Days[last])
	fmt.Fprintf(w, "  %-42s %12s %12s %12s  %s\n", "outcome", "P10", "median", "P90", "unit")
	for _, o := range res.Outcomes() {
		fmt.Fprintf(w, "  %-42s %12s %12s %12s  %s\n", compareLabels[o.Key], figure(o.P10, o.Unit), figure(o.P50, o.Unit), figure(o.P90, o.Unit), unitNames[o.Unit])
	}
	fmt.Fprintf(w, "\nChart series on %s:\n", res.Days[last])
	fmt.Fprintf(w, "  %-18s %14s %14s %14s  %s\n", "series", "P10", "median", "P90", "unit")
	for m, metric := range ensemble.Metrics {
		b := res.Band(m)
		u := sweepUnits[metric.Unit]
		f := func(v int64) string { return group(int64(float64(v)/u.div + 0.5*sign(v))) }
		fmt.Fprintf(w, "  %-18s %14s %14s %14s  %s\n", metric.Key, f(b.P10[last]), f(b.P50[last]), f(b.P90[last]), u.unit)
	}
	if odds := res.Odds(); len(odds) > 0 {
		fmt.Fprintln(w, "\nGoals:")
		for _, o := range odds {
			fmt.Fprintf(w, "  goal %-24s met in %3d%% of runs (%d of %d)\n", o.Goal.ID, o.Percent(), o.Met, o.Runs)
		}
	}
	fmt.Fprintf(w, "digest %016x\n", res.Digest())
}

func sign(v int64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

// sweepJSON is sweep --json's output.
type sweepJSON struct {
	Scenario string       `json:"scenario"`
	Runs     int          `json:"runs"`
	Varied   []string     `json:"varied"`
	Outcomes []spreadJSON `json:"outcomes"`
	Odds     []oddsJSON   `json:"odds"`
	Days     []model.Day  `json:"days"`
	Bands    []sweepBand  `json:"bands"`
	Digest   string       `json:"digest"`
	Note     string       `json:"note"`
}

type spreadJSON struct {
	Key   string `json:"key"`
	Unit  string `json:"unit"`
	Scale int64  `json:"scale"` // stored units in one of Unit
	P10   int64  `json:"p10"`
	P50   int64  `json:"p50"`
	P90   int64  `json:"p90"`
}

type oddsJSON struct {
	Goal      string `json:"goal"`
	Met       int    `json:"met"`
	Runs      int    `json:"runs"`
	Undecided int    `json:"undecided"`
	Percent   int    `json:"percent"`
}

type sweepBand struct {
	Key  string  `json:"key"`
	Unit string  `json:"unit"`
	P10  []int64 `json:"p10"`
	P50  []int64 `json:"p50"`
	P90  []int64 `json:"p90"`
}

func writeSweepJSON(w io.Writer, res *ensemble.Result) error {
	out := sweepJSON{Scenario: res.Scenario.Name, Runs: res.Runs(), Days: res.Days, Digest: fmt.Sprintf("%016x", res.Digest()),
		Varied: []string{}, Odds: []oddsJSON{},
		Note: "the spread of outcomes over the assumptions' ranges, not the odds of a forecast"}
	for _, p := range res.Varied {
		out.Varied = append(out.Varied, p.Info().Key)
	}
	for _, o := range res.Outcomes() {
		out.Outcomes = append(out.Outcomes, spreadJSON{o.Key, unitNames[o.Unit], o.Unit.Scale(), o.P10, o.P50, o.P90})
	}
	for _, o := range res.Odds() {
		out.Odds = append(out.Odds, oddsJSON{o.Goal.ID, o.Met, o.Runs, o.Undecided, o.Percent()})
	}
	for m, metric := range ensemble.Metrics {
		b := res.Band(m)
		out.Bands = append(out.Bands, sweepBand{metric.Key, metric.Unit, b.P10, b.P50, b.P90})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(out)
}

// writeSweepCSV writes the bands: a row per sample day, three columns (P10,
// median, P90) per series, in the model's stored units.
func writeSweepCSV(w io.Writer, res *ensemble.Result) error {
	cw := csv.NewWriter(w)
	head := []string{"day"}
	bands := make([]ensemble.Band, len(ensemble.Metrics))
	for m, metric := range ensemble.Metrics {
		head = append(head, metric.Key+"_p10", metric.Key+"_p50", metric.Key+"_p90")
		bands[m] = res.Band(m)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for s, d := range res.Days {
		row := []string{d.String()}
		for _, b := range bands {
			row = append(row, strconv.FormatInt(b.P10[s], 10), strconv.FormatInt(b.P50[s], 10), strconv.FormatInt(b.P90[s], 10))
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
