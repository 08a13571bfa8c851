package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"

	"gigasandbox/model"
	"gigasandbox/model/ensemble"
	"gigasandbox/model/report"
)

const sweepUsage = "Usage: gigasim sweep [--preset NAME | --scenario FILE.json | --link LINK] [--runs N] [--workers K] [--json] [--tornado]"

// cmdSweep runs a scenario's ensemble: the assumptions drawn within their
// ranges, N runs on every core, and prints each chart series' P10, median
// and P90 at the horizon.
func cmdSweep(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sweep", flag.ContinueOnError)
	fs.SetOutput(stderr)
	preset := fs.String("preset", "", "sweep a preset scenario")
	file := fs.String("scenario", "", "sweep a scenario file")
	linkText := fs.String("link", "", "sweep the scenario of this link")
	runs := fs.Int("runs", ensemble.DefaultRuns, fmt.Sprintf("runs in the ensemble, %d to %d", ensemble.MinRuns, ensemble.MaxRuns))
	workers := fs.Int("workers", runtime.NumCPU(), "runs at once (every core by default)")
	asJSON := fs.Bool("json", false, "print the bands of every series on every sampled day as JSON")
	tornado := fs.Bool("tornado", false, "also run each assumption at the ends of its range and list, for the headline outcomes, the five that move each most")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fmt.Fprintln(stdout, sweepUsage)
			fs.PrintDefaults()
			return err
		}
		return bad("sweep: %v", err)
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
	r, err := openChosen(*preset, *file, *linkText, false)
	if err != nil {
		return err
	}
	sc := r.Scenario
	// A guided preset's goals are judged in every run.
	goals, _, _ := report.Goals(*preset)
	bar := newProgress(stderr, *runs)
	var mu sync.Mutex
	res, err := ensemble.Run(context.Background(), sc, ensemble.Config{Runs: *runs, Workers: *workers, Goals: goals, Progress: func(done, _ int) {
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
		return fmt.Errorf("sweep: %w", err)
	}
	if *asJSON {
		return writeSweepJSON(stdout, sc, res)
	}
	writeSweep(stdout, sc, res)
	if !*tornado {
		return nil
	}
	bar = newProgress(stderr, 1+2*len(ensemble.Varied(&sc)))
	ts, err := ensemble.Sensitivity(context.Background(), sc, *workers, func(done, _ int) {
		if bar != nil {
			_ = bar.Set(done)
		}
	})
	if bar != nil {
		_ = bar.Finish()
		fmt.Fprintln(stderr)
	}
	if err != nil {
		return fmt.Errorf("sweep: %w", err)
	}
	writeTornado(stdout, ts)
	return nil
}

// tornadoOutcomes are the headline outcomes whose tornado sweep --tornado
// prints.
var tornadoOutcomes = []string{"chips_active", "served_pct", "fund_left", "emissions_run", "startups_active", "grid_queue"}

// writeTornado lists, for each headline outcome, the five assumptions that
// move it most from the low end of their range to the high end.
func writeTornado(w io.Writer, ts []ensemble.Tornado) {
	fmt.Fprintln(w, "\nWhat moves each outcome most (each assumption from the low to the high end of its range, the others as they are):")
	for _, t := range ts {
		if !slices.Contains(tornadoOutcomes, t.Key) {
			continue
		}
		label := compareLabels[t.Key]
		fmt.Fprintf(w, "  %s: %s %s at the scenario's own figures\n", label, figure(t.Central, t.Unit), unitNames[t.Unit])
		for _, sw := range t.Swings[:min(5, len(t.Swings))] {
			if sw.Size() == 0 {
				break
			}
			fmt.Fprintf(w, "    %-30s %14s to %-14s\n", sw.Param.Info().Key, figure(sw.Low, t.Unit), figure(sw.High, t.Unit))
		}
	}
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

func writeSweep(w io.Writer, sc model.Scenario, res *ensemble.Result) {
	varied := ensemble.Varied(&sc)
	name := sc.Name
	if name == "" {
		name = "the scenario"
	}
	last := len(res.Days) - 1
	fmt.Fprintf(w, "Ensemble of %s: %d runs, %d of %d assumptions drawn within their ranges (gigasim assumptions --ranges)\n",
		name, len(res.Draws), len(varied), model.NumParams)
	fmt.Fprintf(w, "At the horizon, %s:\n", res.Days[last])
	fmt.Fprintf(w, "  %-18s %14s %14s %14s  %s\n", "series", "P10", "median", "P90", "unit")
	for m, metric := range ensemble.Metrics {
		b := res.Band(m)
		u := sweepUnits[metric.Unit]
		f := func(v int64) string { return group(int64(float64(v)/u.div + 0.5*sign(v))) }
		fmt.Fprintf(w, "  %-18s %14s %14s %14s  %s\n", metric.Key, f(b.P10[last]), f(b.P50[last]), f(b.P90[last]), u.unit)
	}
	for _, o := range res.Odds() {
		fmt.Fprintf(w, "  goal %-24s met in %3d%% of runs (%d of %d)\n", o.Goal.ID, o.Met*100/o.Runs, o.Met, o.Runs)
	}
	fmt.Fprintf(w, "digest %016x\n", res.Digest())
}

func sign(v int64) float64 {
	if v < 0 {
		return -1
	}
	return 1
}

func writeSweepJSON(w io.Writer, sc model.Scenario, res *ensemble.Result) error {
	type band struct {
		Key  string  `json:"key"`
		Unit string  `json:"unit"`
		P10  []int64 `json:"p10"`
		P50  []int64 `json:"p50"`
		P90  []int64 `json:"p90"`
	}
	out := struct {
		Runs   int         `json:"runs"`
		Varied []string    `json:"varied"`
		Days   []model.Day `json:"days"`
		Bands  []band      `json:"bands"`
		Digest string      `json:"digest"`
	}{Runs: len(res.Draws), Days: res.Days, Digest: fmt.Sprintf("%016x", res.Digest())}
	for _, p := range ensemble.Varied(&sc) {
		out.Varied = append(out.Varied, p.Info().Key)
	}
	for m, metric := range ensemble.Metrics {
		b := res.Band(m)
		out.Bands = append(out.Bands, band{metric.Key, metric.Unit, b.P10, b.P50, b.P90})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(out)
}
