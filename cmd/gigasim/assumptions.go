package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"gigasandbox/model"
)

// cmdAssumptions lists the assumptions of a release (--release, the newest
// by default): by default each with its default and source; --ranges adds
// each one's plausible range and the reason for each end; --unsourced
// lists what is left to pin down: first any assumption with neither a
// published source nor a range (there should be none), then those whose
// default is an assumption (U) and whose range rests on judgement alone.
func cmdAssumptions(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("assumptions", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	ranges := fs.Bool("ranges", false, "show each assumption's plausible range and why")
	unsourced := fs.Bool("unsourced", false, "list the assumptions without a source or a range, then those whose range rests on judgement alone")
	relName := fs.String("release", "", "the release of figures to list (gigasim releases); the newest by default")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, "Usage: gigasim assumptions [--ranges | --unsourced] [--release NAME]")
			return err
		}
		return bad("assumptions: %v", err)
	}
	if fs.NArg() > 0 || (*ranges && *unsourced) {
		return bad("assumptions: give at most one of --ranges and --unsourced, and no argument")
	}
	rel := model.NewestRelease()
	if *relName != "" {
		r, err := model.ReleaseByName(*relName)
		if err != nil {
			return bad("assumptions: %v", err)
		}
		rel = r
	}
	if *unsourced {
		return listUnsourced(stdout, rel)
	}
	fmt.Fprintf(stdout, "Assumptions of release %s (%s):\n", rel.Name, rel.About)
	for p := model.Param(0); p < model.NumParams; p++ {
		in := rel.Param(p)
		u := ""
		if in.Uncertain {
			u = " (U)"
		}
		if *ranges {
			fmt.Fprintf(stdout, "%-30s %12s %-16s %s%s\n", in.Key, p.Format(in.Default), in.Unit, in.Label, u)
			writeRange(stdout, p)
			continue
		}
		fmt.Fprintf(stdout, "%-30s %12s %-16s %s — %s, %s%s\n", in.Key, p.Format(in.Default), in.Unit, in.Label, in.Source, in.Year, u)
	}
	return nil
}

// writeRange writes an assumption's range, or why it is fixed, with the
// reasons for each end and their sources.
func writeRange(w io.Writer, p model.Param) {
	r := p.Range()
	if r.Fixed() {
		fmt.Fprintf(w, "    fixed: %s\n", r.WhyLow)
	} else {
		fmt.Fprintf(w, "    %s to %s, %s\n", p.Format(r.Low), p.Format(r.High), r.Dist)
		fmt.Fprintf(w, "    low:  %s\n    high: %s\n", r.WhyLow, r.WhyHigh)
	}
	if len(r.Sources) > 0 {
		fmt.Fprintf(w, "    sources: %s (docs/sources.md)\n", strings.Join(r.Sources, " "))
	}
}

// hasSource reports whether an assumption's default cites a published
// source: a source id ([S..], [R..]) that is not marked as our assumption.
func hasSource(in model.ParamInfo) bool {
	return !in.Uncertain && strings.Contains(in.Source, "[")
}

// hasRange reports whether an assumption has a range with a reason for
// each end (or a reason why it is fixed).
func hasRange(p model.Param) bool {
	r := p.Range()
	return r.WhyLow != "" && (r.Fixed() || r.WhyHigh != "")
}

// listUnsourced writes the assumptions of rel that have neither a source
// nor a range, then those that rest on judgement alone: a default marked
// (U) whose range cites no source.
func listUnsourced(w io.Writer, rel *model.Release) error {
	var none, judged []model.Param
	for p := model.Param(0); p < model.NumParams; p++ {
		in := rel.Param(p)
		switch {
		case !hasSource(in) && !hasRange(p):
			none = append(none, p)
		case in.Uncertain && len(p.Range().Sources) == 0:
			judged = append(judged, p)
		}
	}
	for _, p := range none {
		in := rel.Param(p)
		fmt.Fprintf(w, "%-30s %12s %-16s %s: no source, no range (U)\n", in.Key, p.Format(in.Default), in.Unit, in.Label)
	}
	for _, p := range judged {
		in := rel.Param(p)
		fmt.Fprintf(w, "%-30s %12s %-16s %s (U)\n", in.Key, p.Format(in.Default), in.Unit, in.Label)
		writeRange(w, p)
	}
	fmt.Fprintf(w, "Release %s (%s): %d assumptions have neither a published source nor a range; %d have a range that rests on judgement alone (above, with its reasons).\n",
		rel.Name, rel.About, len(none), len(judged))
	return nil
}
