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
)

const tornadoUsage = "Usage: gigasim tornado [--preset NAME | --scenario FILE.json | --link LINK] [--top N] [--all] [--workers K] [--json]"

// cmdTornado prints the sensitivity table: for each headline outcome, the
// swing from each assumption's low end to its high end with the others as
// the scenario has them, largest first. The page's tornado charts draw
// the same figures.
func cmdTornado(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tornado", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	preset := fs.String("preset", "", "the preset scenario")
	file := fs.String("scenario", "", "a scenario file")
	linkText := fs.String("link", "", "the scenario of this link")
	top := fs.Int("top", 10, "the assumptions listed for each outcome, largest swing first (0: all)")
	all := fs.Bool("all", false, "every headline outcome, not only the six the page draws")
	workers := fs.Int("workers", runtime.NumCPU(), "runs at once (every core by default)")
	asJSON := fs.Bool("json", false, "print every swing of every headline outcome as JSON, in stored units")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fmt.Fprintln(stdout, tornadoUsage)
			fs.PrintDefaults()
			return err
		}
		return bad("tornado: %v (gigasim tornado --help lists the flags)", err)
	}
	if fs.NArg() > 0 {
		return bad("tornado: unexpected argument %q", fs.Arg(0))
	}
	if *top < 0 {
		return bad("tornado: --top %d: want 0 (all) or more", *top)
	}
	if *workers < 1 {
		return bad("tornado: --workers %d: want at least 1", *workers)
	}
	if (*file != "" && (*preset != "" || *linkText != "")) || (*preset != "" && *linkText != "") {
		return bad("tornado: give one of --preset, --scenario and --link, not two")
	}
	r, err := openChosen(*preset, *file, *linkText, false)
	if err != nil {
		return err
	}
	ts, err := sensitivity(r.Scenario, *workers, stderr)
	if err != nil {
		return err
	}
	if !*all {
		ts = slices.DeleteFunc(ts, func(t ensemble.Tornado) bool { return !slices.Contains(ensemble.TornadoOutcomes, t.Key) })
	}
	if *asJSON {
		return writeTornadoJSON(stdout, ts)
	}
	name := r.Scenario.Name
	if name == "" {
		name = "the scenario"
	}
	fmt.Fprintf(stdout, "What moves each outcome of %s most: each assumption from the low to the high end of its range, the others as the scenario has them.\n\n", name)
	writeTornado(stdout, ts, *top)
	return nil
}

// sensitivity runs the scenario's sensitivity analysis on workers cores,
// with a progress bar on a terminal.
func sensitivity(sc model.Scenario, workers int, stderr io.Writer) ([]ensemble.Tornado, error) {
	bar := newProgress(stderr, 1+2*len(ensemble.Varied(&sc)))
	var mu sync.Mutex
	ts, err := ensemble.Sensitivity(context.Background(), sc, workers, func(done, _ int) {
		if bar != nil {
			mu.Lock()
			_ = bar.Set(done)
			mu.Unlock()
		}
	})
	if bar != nil {
		_ = bar.Finish()
		fmt.Fprintln(stderr)
	}
	if err != nil {
		return nil, bad("tornado: %v", err)
	}
	return ts, nil
}

// writeTornado lists, for each outcome, the top assumptions that move it
// (all if top is 0), with the outcome at the low and the high end of each
// and the swing between; assumptions that move it not at all are left out.
func writeTornado(w io.Writer, ts []ensemble.Tornado, top int) {
	for i, t := range ts {
		if i > 0 {
			fmt.Fprintln(w)
		}
		label, ok := compareLabels[t.Key]
		if !ok {
			label = t.Key
		}
		fmt.Fprintf(w, "%s (%s): %s at the scenario's own figures\n", label, unitNames[t.Unit], figure(t.Central, t.Unit))
		fmt.Fprintf(w, "  %-32s %12s %12s %12s\n", "assumption", "at low", "at high", "swing")
		n := 0
		for _, sw := range t.Swings {
			if sw.Size() == 0 || (top > 0 && n == top) {
				break
			}
			fmt.Fprintf(w, "  %-32s %12s %12s %12s\n", sw.Param.Info().Key, figure(sw.Low, t.Unit), figure(sw.High, t.Unit), figure(sw.High-sw.Low, t.Unit))
			n++
		}
		if n == 0 {
			fmt.Fprintln(w, "  no assumption moves it")
		}
	}
}

func writeTornadoJSON(w io.Writer, ts []ensemble.Tornado) error {
	type swing struct {
		Assumption string `json:"assumption"`
		Low        int64  `json:"low"`
		High       int64  `json:"high"`
	}
	type tornado struct {
		Key     string  `json:"key"`
		Unit    string  `json:"unit"`
		Scale   int64   `json:"scale"`
		Central int64   `json:"central"`
		Swings  []swing `json:"swings"`
	}
	out := []tornado{}
	for _, t := range ts {
		o := tornado{Key: t.Key, Unit: unitNames[t.Unit], Scale: t.Unit.Scale(), Central: t.Central, Swings: []swing{}}
		for _, sw := range t.Swings {
			o.Swings = append(o.Swings, swing{sw.Param.Info().Key, sw.Low, sw.High})
		}
		out = append(out, o)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(out)
}
