package model

import (
	"fmt"
	"slices"
	"strings"

	"gigasandbox/assets"
)

// Release is a dated, named set of the figures a run rests on: every
// assumption's default with its source, and the member states' table. A
// scenario names the release it runs on (Scenario.Release; none means the
// newest), so that when figures are brought up to date an old link or file
// still gives, bit for bit, the run its sender saw. Releases are embedded
// and never change once published; a new one is a new entry.
type Release struct {
	Name  string // "2026-11"
	About string // "data as of November 2026", for people
	// Checked is the day its figures were last checked against their
	// sources.
	Checked string
	params  [NumParams]paramFigure
	states  [NumStates]assets.State
}

// paramFigure is an assumption's default in a release and where it comes
// from.
type paramFigure struct {
	Default   int64
	Source    string
	Year      string
	Uncertain bool
}

// releases are the embedded releases, oldest first.
var releases = []*Release{release202611()}

// release202611 is the first release: the figures fixed in November 2026
// (model/params.go's table and assets/states.csv).
func release202611() *Release {
	r := &Release{Name: "2026-11", About: "data as of November 2026", Checked: "2026-11-20", states: memberStates}
	for p := range NumParams {
		in := &paramInfo[p]
		r.params[p] = paramFigure{Default: in.Default, Source: in.Source, Year: in.Year, Uncertain: in.Uncertain}
	}
	return r
}

// Releases lists the embedded releases, oldest first.
func Releases() []*Release { return slices.Clone(releases) }

// NewestRelease is the release a scenario that names none runs on.
func NewestRelease() *Release { return releases[len(releases)-1] }

// ReleaseByName finds an embedded release.
func ReleaseByName(name string) (*Release, error) {
	for _, r := range releases {
		if r.Name == name {
			return r, nil
		}
	}
	names := make([]string, len(releases))
	for i, r := range releases {
		names[i] = r.Name
	}
	return nil, fmt.Errorf("release %q is not one this sandbox has (it has %s): a newer version may have made it", name, strings.Join(names, ", "))
}

// ReleaseOf is the release sc runs on: the one it names, or the newest.
func ReleaseOf(sc *Scenario) (*Release, error) {
	if sc.Release == "" {
		return NewestRelease(), nil
	}
	return ReleaseByName(sc.Release)
}

// Default is the assumption's default in the release, in stored units.
func (r *Release) Default(p Param) int64 { return r.params[p].Default }

// Param describes the assumption as the release has it: the declaration
// with the release's default and source.
func (r *Release) Param(p Param) ParamInfo {
	in := paramInfo[p]
	f := &r.params[p]
	in.Default, in.Source, in.Year, in.Uncertain = f.Default, f.Source, f.Year, f.Uncertain
	return in
}

// Change is one figure that differs between two releases.
type Change struct {
	What     string // "param pue", "state DE price_cents_per_mwh"
	From, To string // the values, as written
	Source   string // the newer release's source for it
}

// Diff lists every figure that differs from a to b.
func Diff(a, b *Release) []Change {
	var out []Change
	for p := range NumParams {
		fa, fb := &a.params[p], &b.params[p]
		if fa.Default != fb.Default || fa.Source != fb.Source {
			out = append(out, Change{What: "param " + paramInfo[p].Key, From: p.Format(fa.Default), To: p.Format(fb.Default), Source: fb.Source})
		}
	}
	for st := range NumStates {
		for _, c := range assets.StateFigures() {
			va, vb := c.Get(&a.states[st]), c.Get(&b.states[st])
			if va != vb {
				out = append(out, Change{What: "state " + a.states[st].Code + " " + c.Name, From: fmt.Sprint(va), To: fmt.Sprint(vb), Source: "assets/states.csv"})
			}
		}
	}
	return out
}

// State is the release's figures for the member state with index i.
func (r *Release) State(i int) assets.State { return r.states[i] }
