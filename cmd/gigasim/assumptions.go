package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"gigasandbox/model"
)

// cmdAssumptions lists the assumptions: by default each with its default
// and source; --ranges adds each one's plausible range and the reason for
// each end; --unsourced lists the assumptions (U) whose range cites no
// source: what is left to pin down.
func cmdAssumptions(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("assumptions", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	ranges := fs.Bool("ranges", false, "show each assumption's plausible range and why")
	unsourced := fs.Bool("unsourced", false, "list the assumptions whose range rests on judgement alone")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(stdout, "Usage: gigasim assumptions [--ranges | --unsourced]")
			return err
		}
		return bad("assumptions: %v", err)
	}
	if fs.NArg() > 0 || (*ranges && *unsourced) {
		return bad("assumptions: give at most one of --ranges and --unsourced, and no argument")
	}
	listed := 0
	for p := model.Param(0); p < model.NumParams; p++ {
		in, r := p.Info(), p.Range()
		u := ""
		if in.Uncertain {
			u = " (U)"
		}
		switch {
		case *unsourced:
			if !in.Uncertain || len(r.Sources) > 0 {
				continue
			}
			fallthrough
		case *ranges:
			fmt.Fprintf(stdout, "%-30s %12s %-16s %s%s\n", in.Key, p.Format(in.Default), in.Unit, in.Label, u)
			if r.Fixed() {
				fmt.Fprintf(stdout, "    fixed: %s\n", r.WhyLow)
			} else {
				fmt.Fprintf(stdout, "    %s to %s, %s\n", p.Format(r.Low), p.Format(r.High), r.Dist)
				fmt.Fprintf(stdout, "    low:  %s\n    high: %s\n", r.WhyLow, r.WhyHigh)
			}
			if len(r.Sources) > 0 {
				fmt.Fprintf(stdout, "    sources: %s (docs/sources.md)\n", strings.Join(r.Sources, " "))
			}
		default:
			fmt.Fprintf(stdout, "%-30s %12s %-16s %s — %s, %s%s\n", in.Key, p.Format(in.Default), in.Unit, in.Label, in.Source, in.Year, u)
		}
		listed++
	}
	if *unsourced {
		fmt.Fprintf(stdout, "%d assumptions have a range that rests on judgement alone; every other has a source or a sourced range.\n", listed)
	}
	return nil
}
