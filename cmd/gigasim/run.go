package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"gigasandbox/game/i18n"
	"gigasandbox/internal/open"
	"gigasandbox/model"
	"gigasandbox/model/report"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1 // the run itself failed
	exitUsage = 2 // bad input: unknown preset, malformed file, bad flag
)

const usage = `gigasim runs Gigafactory Sandbox scenarios without a screen.

Usage:
  gigasim run [--preset NAME | --scenario FILE.json | --link LINK] [--days N] [--json] [--csv FILE] [--hash] [--lang LANG]
  gigasim link [FILE.json | --preset NAME] [--day N] [--base URL]
                               print a link to the scenario, showing day N
  gigasim decode LINK          print a link's scenario as a scenario file
  gigasim compare RUN RUN... [--json] [--csv FILE] [--lang LANG]
                               goals with verdicts and headline outcomes of two or more
                               runs (presets, files, links, NAME=RUN, or a board link's
                               teams) at their horizon; for two runs, also B − A
  gigasim presets              list the preset scenarios
  gigasim validate FILE.json   check a scenario file
  gigasim assumptions [--ranges | --unsourced]
                               list every assumption with its default and source;
                               --ranges: with its plausible range and why;
                               --unsourced: those whose range rests on judgement alone
  gigasim releases             list the releases of figures, newest last
  gigasim diff-release A B     every figure that differs between releases A and B
  gigasim sweep [--preset NAME | --scenario FILE.json | --link LINK] [--runs N] [--vary NAME,…|all]
                [--workers K] [--json | --csv FILE | --shard I/N]
                               run the scenario's ensemble: its assumptions drawn within
                               their ranges, on every core; the spread of each headline
                               outcome and each goal's odds; --shard: one part, for merge
  gigasim tornado [--preset NAME | --scenario FILE.json | --link LINK] [--top N] [--all] [--json]
                               what moves each headline outcome most: each assumption
                               from the low to the high end of its range
  gigasim merge [--json | --csv FILE] PART.json…
                               join a sharded sweep's parts; prints what sweep prints

run --lang LANG writes the summary and the CSV's column labels in one of
the EU's 24 languages, with its numbers and dates, as the page does.
run --link runs to the day the link shows (to the horizon if it shows
day 0); --days overrides. Scenario files and links are described in
docs/scenario.md.
`

// inputError is bad input from the user: exit status 2.
type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }
func (e inputError) Unwrap() error { return e.err }

func bad(format string, a ...any) error { return inputError{fmt.Errorf(format, a...)} }

func run(args []string, stdout, stderr io.Writer) int {
	err := dispatch(args, stdout, stderr)
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	fmt.Fprintf(stderr, "gigasim: %v\n", err)
	var ie inputError
	if errors.As(err, &ie) {
		return exitUsage
	}
	return exitFail
}

func dispatch(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return bad("no command given (want run, link, decode, compare, presets, validate, assumptions, sweep, tornado, merge, releases or diff-release)")
	}
	switch args[0] {
	case "run":
		return cmdRun(args[1:], stdout, stderr)
	case "link":
		return cmdLink(args[1:], stdout)
	case "decode":
		return cmdDecode(args[1:], stdout, stderr)
	case "compare":
		return cmdCompare(args[1:], stdout)
	case "presets":
		return cmdPresets(stdout)
	case "validate":
		return cmdValidate(args[1:], stdout)
	case "assumptions":
		return cmdAssumptions(args[1:], stdout)
	case "sweep":
		return cmdSweep(args[1:], stdout, stderr)
	case "tornado":
		return cmdTornado(args[1:], stdout, stderr)
	case "merge":
		return cmdMerge(args[1:], stdout)
	case "releases":
		return cmdReleases(args[1:], stdout)
	case "diff-release":
		return cmdDiffRelease(args[1:], stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	return bad("unknown command %q (want run, link, decode, compare, presets, validate, assumptions, sweep, tornado, merge, releases or diff-release)", args[0])
}

func cmdPresets(stdout io.Writer) error {
	for _, name := range model.PresetNames() {
		sc, err := model.Preset(name)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%-16s %s\n", name, sc.Description)
	}
	return nil
}

func cmdValidate(args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return bad("validate takes one scenario file")
	}
	sc, err := loadScenario(args[0])
	if err != nil {
		return err
	}
	// loadScenario has checked every command as the run will meet it;
	// running to the horizon proves it, and is what "valid" promises.
	sim, err := model.New(sc)
	if err != nil {
		return bad("%s: %v", args[0], err)
	}
	if err := sim.RunTo(sim.Horizon()); err != nil {
		return bad("%s: %v", args[0], err)
	}
	fmt.Fprintf(stdout, "%s: valid scenario %q: %d sites, %d commands, %d days\n", args[0], sc.Name, len(sc.Sites), len(sc.Commands), sc.Days)
	return nil
}

// openChosen opens the scenario a command's --preset, --scenario or
// --link flag names (at most one is given), or the default preset; every
// error is bad input.
func openChosen(preset, file, linkText string, linkGiven bool) (open.Run, error) {
	var r open.Run
	var err error
	switch {
	case file != "":
		r, err = open.File(file)
	case linkGiven || linkText != "":
		r, err = open.Link(linkText)
	case preset != "":
		r, err = open.Preset(preset)
	default:
		r, err = open.Preset(open.DefaultPreset)
	}
	if err != nil {
		return r, bad("%v", err)
	}
	return r, nil
}

// loadScenario reads a scenario file; every error is bad input.
func loadScenario(path string) (model.Scenario, error) {
	r, err := open.File(path)
	if err != nil {
		return model.Scenario{}, bad("%v", err)
	}
	return r.Scenario, nil
}

func cmdRun(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported once, as one line, by run
	preset := fs.String("preset", "", "run the named preset (see gigasim presets); the default is baseline")
	file := fs.String("scenario", "", "run the scenario in this JSON file")
	linkText := fs.String("link", "", "run the scenario of this link (a URL or its #s=... fragment), to the day it shows")
	days := fs.Int("days", 0, "simulate this many days instead of the scenario's horizon (or the link's day)")
	asJSON := fs.Bool("json", false, "print the outcomes at the end as one JSON object")
	csvPath := fs.String("csv", "", "write the daily outcomes to this CSV file")
	hashOnly := fs.Bool("hash", false, "print only the state hash at the end")
	lang := fs.String("lang", "", "write the summary and the CSV's column labels in this language (bg, cs, da, de, …, sv), as the page does")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fmt.Fprintln(stdout, "Usage: gigasim run [--preset NAME | --scenario FILE.json | --link LINK] [--days N] [--json] [--csv FILE] [--hash] [--lang LANG]")
			fs.PrintDefaults()
			return err
		}
		return bad("run: %v", err)
	}
	if fs.NArg() > 0 {
		return bad("run: unexpected argument %q", fs.Arg(0))
	}
	cat, err := langFlag("run", *lang)
	if err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	given := 0
	for _, name := range []string{"preset", "scenario", "link"} {
		if set[name] {
			given++
		}
	}
	if given > 1 {
		return bad("run: give one of --preset, --scenario and --link, not two")
	}
	r, err := openChosen(*preset, *file, *linkText, set["link"])
	if err != nil {
		return err
	}
	sc, linkDay := r.Scenario, r.Day
	n := model.Day(sc.Days)
	if linkDay > 0 {
		n = linkDay // what the sender saw
	}
	if set["days"] {
		if *days < 0 || *days > int(sc.Days) {
			return bad("run: --days %d out of range [0, %d] (the scenario's horizon)", *days, sc.Days)
		}
		n = model.Day(*days)
	}
	sim, err := model.New(sc)
	if err != nil {
		return bad("%v", err)
	}
	noteRelease(stderr, &sc)
	bar := newProgress(stderr, int(n))
	for sim.Day() < n {
		if err := sim.Step(); err != nil {
			return bad("%v", err)
		}
		if bar != nil && (sim.Day()%30 == 0 || sim.Day() == n) {
			_ = bar.Set(int(sim.Day()))
		}
	}
	if bar != nil {
		_ = bar.Finish()
		fmt.Fprintln(stderr)
	}
	if *csvPath != "" {
		if err := writeCSVFile(*csvPath, sim, cat); err != nil {
			return err
		}
	}
	switch {
	case *hashOnly:
		fmt.Fprintf(stdout, "%016x\n", sim.StateHash())
	case *asJSON:
		return writeJSON(stdout, sim)
	case cat != nil:
		writeSummaryIn(stdout, cat, sc, sim)
	default:
		writeSummary(stdout, sc, sim)
	}
	return nil
}

// newProgress returns a progress bar on stderr when stderr is a terminal.
func newProgress(stderr io.Writer, days int) *progressbar.ProgressBar {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil
	}
	return progressbar.NewOptions(days,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetDescription("simulating days"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetWidth(40),
		progressbar.OptionClearOnFinish())
}

// writeCSVFile writes the run's daily CSV: with the column names of
// report.CSVHeader, or, given a language's catalog, with its labels and
// separator, as the page's export.
func writeCSVFile(path string, sim *model.Sim, cat *i18n.Catalog) error {
	f, err := os.Create(path)
	if err != nil {
		return bad("--csv: %v", err)
	}
	format := report.CSVFormat{}
	if cat != nil {
		format = cat.CSVFormat()
	}
	if err := report.WriteCSVAs(f, sim, format); err != nil {
		f.Close()
		return fmt.Errorf("--csv %s: %w", path, err)
	}
	return f.Close()
}
