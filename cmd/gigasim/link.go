package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"gigasandbox/internal/open"
	"gigasandbox/model"
	"gigasandbox/model/link"
)

// defaultBase is where `go run ./cmd/serve` serves the page.
const defaultBase = "http://localhost:8080/"

// parseInterspersed parses flags wherever they are among the arguments
// (gigasim link FILE.json --day 400) and returns the other arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// flagHelp prints a subcommand's usage when asked (-h) and otherwise turns
// a flag error into bad input.
func flagHelp(fs *flag.FlagSet, err error, usageLine string, stdout io.Writer) error {
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(stdout)
		fmt.Fprintln(stdout, "Usage: "+usageLine)
		fs.PrintDefaults()
		return err
	}
	return bad("%s: %v", fs.Name(), err)
}

const linkUsage = "gigasim link [FILE.json | --preset NAME] [--day N] [--base URL]"

// cmdLink prints the link of a scenario file or preset.
func cmdLink(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("link", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	day := fs.Int("day", 0, "the day the link shows, 0 to the scenario's horizon")
	base := fs.String("base", defaultBase, "the page's address, put before #s=...; empty prints the fragment alone")
	preset := fs.String("preset", "", "make the link of this preset instead of a file")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return flagHelp(fs, err, linkUsage, stdout)
	}
	var sc model.Scenario
	switch {
	case *preset != "" && len(rest) == 0:
		r, err := open.Preset(*preset)
		if err != nil {
			return bad("%v", err)
		}
		sc = r.Scenario
	case *preset == "" && len(rest) == 1:
		if sc, err = loadScenario(rest[0]); err != nil {
			return err
		}
	default:
		return bad("link takes one scenario file or --preset NAME")
	}
	if *day < 0 || *day > int(sc.Days) {
		return bad("link: --day %d out of range [0, %d] (the scenario's horizon)", *day, sc.Days)
	}
	frag, err := link.Encode(sc, model.Day(*day))
	if err != nil {
		return bad("%v", err)
	}
	fmt.Fprintf(stdout, "%s#%s\n", *base, frag)
	return nil
}

const decodeUsage = "gigasim decode LINK"

// cmdDecode prints a link's scenario as a scenario file, and its day on
// stderr, so that `gigasim decode LINK > file.json` makes a file.
func cmdDecode(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("decode", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return flagHelp(fs, err, decodeUsage, stdout)
	}
	if len(rest) != 1 {
		return bad("decode takes one link")
	}
	r, err := open.Link(rest[0])
	sc, day := r.Scenario, r.Day
	var ce *model.CommandError
	if err != nil && !errors.As(err, &ce) {
		return bad("%v", err)
	}
	b, merr := sc.MarshalIndent()
	if merr != nil {
		return merr
	}
	if _, err := stdout.Write(b); err != nil {
		return err
	}
	if ce != nil { // the scenario is written, for the user to mend
		return bad("%v: remove or change command %d in the scenario above", err, ce.Index+1)
	}
	fmt.Fprintf(stderr, "The link shows day %d (%s); gigasim link FILE.json --day %d makes it again.\n", day, day, day)
	return nil
}
