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
	// Start is the date of a run's day 0 ("2026-01-01"). Every release so
	// far starts its runs on 1 January 2026, the epoch of Day: what has
	// happened since is in the release's figures (the systems running or
	// coming into service, the chips on sale and from when), so that a
	// scenario's dates mean the same days in every release.
	Start  string
	params [NumParams]paramFigure
	states [NumStates]assets.State
	// stateSources gives the source of each state figure this release
	// changed ("DE price_cents_per_mwh"); the others are states.csv's.
	stateSources map[string]string
	// gens is how many generations the release knows (the first gens of
	// Gen); a scenario on it may use no other.
	gens Gen
	// catalogue is the chip catalogue by generation, nil in a release whose
	// generations are priced and powered from the assumptions alone (see
	// figures).
	catalogue []catalogueEntry
	// priceSteps change a state's power price for data centres from a day.
	priceSteps []priceStep
	// renewableRules make sites in a state buy renewable power for all
	// their load from a day, whatever the ppa_share lever says.
	renewableRules []renewableRule
	// laterExisting allows an existing system (built outside the InvestAI
	// fund, such as a EuroHPC AI Factory) to come into service after day 0.
	laterExisting bool
	// presets turns a preset as first written (assets/presets) into the
	// release's version of it; nil keeps it as it is.
	presets func(name string, sc *Scenario)
	// systems lists, for Diff, the systems the release's presets add.
	systems []figureRow
}

// catalogueEntry is a chip generation in a release's catalogue: from when
// it can be ordered and delivered, its price with what it includes, its
// power with the server's or rack's share, and its compute.
type catalogueEntry struct {
	orderFrom Day        // first day it can be ordered (noDay: always)
	priceUSD  int64      // all-in price per GPU in 2026, dollars (0: from the assumptions)
	chipW     Watts      // the chip's own power
	systemW   Watts      // IT load per chip: system power ÷ chips (0: chip × server_overhead)
	h100e     MilliH100e // dense FP8 over H100's (0: from the assumptions)
	source    string
}

// priceStep adds to a state's power price for data centres from a day on.
type priceStep struct {
	state       int
	from        Day
	centsPerMWh int64
	source      string
}

// renewableRule makes a state's sites cover all their load with renewable
// power bought at the PPA premium from a day on.
type renewableRule struct {
	state  int
	from   Day
	source string
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
var releases = []*Release{release202611(), release202612()}

// release202611 is the first release: the figures fixed in November 2026
// (model/params.go's table and assets/states.csv).
func release202611() *Release {
	r := &Release{Name: "2026-11", About: "data as of November 2026", Checked: "2026-11-20", Start: "2026-01-01", states: memberStates, gens: numGens202611}
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
	// FromSource is the older release's source for it ("" where it had
	// none).
	FromSource string
}

// Diff lists every figure that differs from a to b.
func Diff(a, b *Release) []Change {
	var out []Change
	for p := range NumParams {
		fa, fb := &a.params[p], &b.params[p]
		if fa.Default != fb.Default || fa.Source != fb.Source {
			out = append(out, Change{What: "param " + paramInfo[p].Key, From: p.Format(fa.Default), To: p.Format(fb.Default), Source: fb.Source, FromSource: fa.Source})
		}
	}
	for st := range NumStates {
		for _, c := range assets.StateFigures() {
			va, vb := c.Get(&a.states[st]), c.Get(&b.states[st])
			if va != vb {
				key := a.states[st].Code + " " + c.Name
				out = append(out, Change{What: "state " + key, From: fmt.Sprint(va), To: fmt.Sprint(vb), Source: b.stateSource(key), FromSource: a.stateSource(key)})
			}
		}
	}
	ca, cb := a.chipRows(), b.chipRows()
	for g := range NumGens {
		for i := range cb[g] {
			ra, rb := ca[g][i], cb[g][i]
			if ra.value != rb.value {
				out = append(out, Change{What: "chip " + Gen(g).String() + " " + rb.what, From: ra.value, To: rb.value, Source: rb.source, FromSource: ra.source})
			}
		}
	}
	ra, rb := a.ruleRows(), b.ruleRows()
	for _, r := range rb {
		from := "none"
		for _, o := range ra {
			if o.what == r.what {
				from = o.value
			}
		}
		if from != r.value {
			out = append(out, Change{What: "rule " + r.what, From: from, To: r.value, Source: r.source})
		}
	}
	for _, r := range ra {
		if !slices.ContainsFunc(rb, func(n figureRow) bool { return n.what == r.what }) {
			out = append(out, Change{What: "rule " + r.what, From: r.value, To: "none", FromSource: r.source})
		}
	}
	if a.Start != b.Start {
		out = append(out, Change{What: "start", From: a.Start, To: b.Start, Source: "the release"})
	}
	return out
}

// stateSource is where the release's figure key ("DE lead_days") comes
// from: its own source where it changed the figure, else states.csv.
func (r *Release) stateSource(key string) string {
	if s, ok := r.stateSources[key]; ok {
		return s
	}
	return "assets/states.csv"
}

// figureRow is one figure of a release as text, for Diff.
type figureRow struct{ what, value, source string }

// chipRows are the release's chip catalogue as figures, by generation and
// in the same order for every release: what a generation does not have in
// a release reads "none".
func (r *Release) chipRows() [NumGens][]figureRow {
	var out [NumGens][]figureRow
	for g := range NumGens {
		rows := []figureRow{{"order_from", "none", ""}, {"price_usd", "none", ""}, {"chip_w", "none", ""}, {"system_w", "none", ""}, {"h100e", "none", ""}}
		switch {
		case r.catalogue != nil && g < r.gens:
			c := &r.catalogue[g]
			if c.orderFrom == noDay {
				rows[0].value = "always"
			} else {
				rows[0].value = c.orderFrom.String()
			}
			if c.priceUSD > 0 {
				rows[1].value = fmt.Sprint(c.priceUSD)
			} else {
				rows[1].value = "assumption"
			}
			rows[2].value, rows[3].value, rows[4].value = "assumption", "chip_w × server_overhead", "assumption"
			if c.chipW > 0 {
				rows[2].value = fmt.Sprint(c.chipW)
			}
			if c.systemW > 0 {
				rows[3].value = fmt.Sprint(c.systemW)
			}
			if c.h100e > 0 {
				rows[4].value = FormatDecimal(int64(c.h100e), 1000)
			}
			for i := range rows {
				rows[i].source = c.source
			}
		case g < r.gens:
			in := genInfo[g]
			rows[0].value, rows[1].value, rows[2].value, rows[3].value, rows[4].value = "always", "assumption", "assumption", "chip_w × server_overhead", "assumption"
			if !in.Orderable {
				rows[0].value, rows[1].value = "existing systems only", "none"
				rows[2].value, rows[4].value = fmt.Sprint(in.watts), FormatDecimal(int64(in.h100e), 1000)
			}
			for i := range rows {
				rows[i].source = in.source
			}
		}
		out[g] = rows
	}
	return out
}

// ruleRows are the release's rules that change over time, as figures.
func (r *Release) ruleRows() []figureRow {
	var out []figureRow
	for _, p := range r.priceSteps {
		out = append(out, figureRow{"price_step " + StateCode(p.state) + " from " + p.from.String(), fmt.Sprintf("+%s €/MWh", FormatDecimal(p.centsPerMWh, 100)), p.source})
	}
	for _, p := range r.renewableRules {
		out = append(out, figureRow{"renewable_supply " + StateCode(p.state) + " from " + p.from.String(), "100% of the load", p.source})
	}
	out = append(out, r.systems...)
	if r.laterExisting {
		out = append(out, figureRow{"existing_systems", "may come into service after day 0", "EuroHPC AI Factories [R34][R42][R45]"})
	}
	return out
}

// State is the release's figures for the member state with index i.
func (r *Release) State(i int) assets.State { return r.states[i] }

// checkChip refuses a chip choice the release does not know (a
// generation added by a later release).
func (r *Release) checkChip(g Gen) error {
	if g != GenBest && g >= r.gens {
		return fmt.Errorf("chip %q is not in release %s's catalogue (a later release has it): name that release", g.String(), r.Name)
	}
	return nil
}

// checkCommand refuses a command that builds a site with a chip the
// release does not know.
func (r *Release) checkCommand(c *Command) error {
	if b, ok := c.Op.(BuildSite); ok {
		return r.checkChip(b.Site.Chip)
	}
	return nil
}

// Gens is how many generations the release knows: the first Gens of Gen.
func (r *Release) Gens() Gen { return r.gens }
