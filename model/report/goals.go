package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"gigasandbox/assets"
	"gigasandbox/model"
)

// GoalSet is a guided scenario: a preset with a short story and two to
// four goals that a class tries to reach with the levers
// (docs/classroom.md), read from the preset's goals file and checked.
//
// # The goals file
//
// Each guided preset NAME has assets/goals/NAME.json:
//
//	{
//	  "preset": "baseline",
//	  "story": "Two to four plain sentences for a class.",
//	  "goals": [
//	    {"id": "chips-2030", "text": "400,000 chips running on 1 January 2030",
//	     "metric": "chips_active", "cmp": ">=", "target": 400000, "by": "2030-01-01"},
//	    {"id": "emissions", "text": "Emissions below 1,000 kt CO2e a year at the end",
//	     "metric": "emissions_kt_per_year", "cmp": "<=", "target": 1000, "by": "horizon"}
//	  ],
//	  "candidates": []
//	}
//
// "metric" is a key of GoalMetrics; "state" (optional, only for metrics
// that allow it) narrows it to one member state; "target" is written in the
// whole unit of the metric's Unit (a decimal: "60" for 60%, "2.5" for €2.5 bn);
// "by" is a date or "horizon". A goal dated D is judged on the outcomes of
// the day before D (at the start of D); a goal "by horizon" on the run's
// last day.
//
// # Candidates (the selection round)
//
// The selection-round preset has no gigafactories: its goals file lists
// "candidates", the sites a class chooses from, as the 2025 call for
// expressions of interest did. A candidate is not in the scenario until the
// class builds it: the page offers "Build candidate" for each and sends
// Candidate.Command(the session's day), an ordinary build command whose
// construction starts the day the class decides, so a link or a
// scenario file carries the choice like any other edit, and a candidate can
// be built once, several times, or not at all. The candidates' names,
// places and sizes are illustrative, not the real proposals.
type GoalSet struct {
	Preset     string
	Story      string
	Goals      []Goal
	Candidates []Candidate
}

// AtHorizon, as Goal.By, judges a goal on the run's last day.
const AtHorizon model.Day = model.MaxDays

// Goal is one target of a guided scenario: a metric of the run's outcomes
// compared with a target on a day.
type Goal struct {
	ID     string    // short and stable, for the page's catalogs: "chips-2030"
	Text   string    // one line in English for the page
	Metric string    // a key of GoalMetrics
	State  string    // a member-state code for per-state metrics; "" for the EU
	Cmp    string    // ">=" or "<="
	Target int64     // in the metric's unit (a goals file writes it in the whole unit: Unit.Scale)
	By     model.Day // judged on the outcomes of day By-1; AtHorizon: the last day of the run
}

// Candidate is a site a class may build in the selection round.
type Candidate struct {
	Name  string        `json:"name"`
	State string        `json:"state"`
	Chips int32         `json:"chips"`
	Chip  string        `json:"chip"`
	Lon   model.Degrees `json:"lon"`
	Lat   model.Degrees `json:"lat"`
	Note  string        `json:"note"` // one line: what speaks for or against it
}

// Command is the build command that puts the candidate in the run,
// starting construction on day.
// The goals file's candidates are checked when it is read, so the site is
// always one.
func (c Candidate) Command(day model.Day) model.Command {
	sp, _ := c.Site(day)
	return model.Command{Day: day, Op: model.BuildSite{Site: sp}}
}

// Site is the candidate as a site whose construction starts on day, or why
// its state or chip is none.
func (c Candidate) Site(day model.Day) (model.SiteSpec, error) {
	sp := model.SiteSpec{Name: c.Name, Chips: c.Chips, Start: day, Lon: c.Lon, Lat: c.Lat}
	var err error
	if sp.State, err = model.ParseState(c.State); err != nil {
		return sp, err
	}
	sp.Chip, err = model.ParseGen(c.Chip)
	return sp, err
}

// GoalMetric describes a quantity a goal can be set on.
type GoalMetric struct {
	Key  string
	Unit Unit // a goals file writes its target in the unit's whole unit
	// Monotone is +1 for a metric that never falls during a run, -1 for one
	// that never rises, 0 otherwise. A monotone metric can decide a goal
	// before its day: relocated startups cannot come back.
	Monotone int
	PerState bool // a goal may name a member state
	// Source says where the quantity comes from in the model.
	Source string
	value  func(s *model.Sim, j, st int) int64
}

// yearWindow sums f over the 365 days up to and including day j (fewer at
// the start of a run).
func yearWindow(s *model.Sim, j int, f func(d *model.DayStats) (int64, int64)) (a, b int64) {
	history := s.History()
	for k := max(0, j-364); k <= j; k++ {
		x, y := f(&history[k])
		a += x
		b += y
	}
	return a, b
}

func sharePermille(served, demand int64) int64 {
	if demand <= 0 {
		return 1000
	}
	return mulDiv(served, 1000, demand)
}

var goalMetrics = []GoalMetric{
	{Key: "chips_active", Unit: Chips, PerState: true,
		Source: "active chips at the end of the day (in the state, if one is named)",
		value: func(s *model.Sim, j, st int) int64 {
			if st >= 0 {
				return int64(s.ActiveByState()[j][st])
			}
			return s.History()[j].Chips[model.ChipActive]
		}},
	{Key: "compute_h100e", Unit: H100e,
		Source: "powered chips weighted by H100-equivalents: sellable compute ÷ (24 h × max_utilisation)",
		value: func(s *model.Sim, j, _ int) int64 {
			return int64(s.History()[j].ComputeCapacity) / (24 * s.Params()[model.ParamMaxUtilisation])
		}},
	{Key: "served_pct", Unit: Permille,
		Source: "compute served ÷ demand over the 365 days up to the day",
		value: func(s *model.Sim, j, _ int) int64 {
			return sharePermille(yearWindow(s, j, func(d *model.DayStats) (int64, int64) { return int64(d.Served), int64(d.Demand) }))
		}},
	{Key: "startup_served_pct", Unit: Permille,
		Source: "startup compute served ÷ startup demand over the 365 days up to the day",
		value: func(s *model.Sim, j, _ int) int64 {
			return sharePermille(yearWindow(s, j, func(d *model.DayStats) (int64, int64) { return int64(d.StartupServed), int64(d.StartupDemand) }))
		}},
	{Key: "fund_left_eur_bn", Unit: EuroMillions, Monotone: -1,
		Source: "the ledger's fund balance, in € m rounded down",
		value:  func(s *model.Sim, j, _ int) int64 { return int64(s.History()[j].Ledger.FundLeft) / 100000000 }},
	{Key: "unfunded_eur_bn", Unit: EuroMillions, Monotone: +1,
		Source: "capital cost the EU share should have paid after the fund ran dry, in € m rounded up (any shortfall counts)",
		value: func(s *model.Sim, j, _ int) int64 {
			return (int64(s.History()[j].Ledger.Unfunded) + 99999999) / 100000000
		}},
	{Key: "emissions_kt_per_year", Unit: TonnesCO2e,
		Source: "energy × grid carbon intensity × (1 − ppa_share), over the 365 days up to the day, in tonnes",
		value: func(s *model.Sim, j, _ int) int64 {
			e, _ := yearWindow(s, j, func(d *model.DayStats) (int64, int64) { return int64(d.Emissions), 0 })
			return e / 1000000
		}},
	{Key: "startups_active", Unit: MilliCompanies,
		Source: "startups active, in thousandths of a company",
		value:  func(s *model.Sim, j, _ int) int64 { return s.History()[j].StartupsActive }},
	{Key: "startups_relocated", Unit: MilliCompanies, Monotone: +1,
		Source: "startups relocated since the start, in thousandths of a company",
		value:  func(s *model.Sim, j, _ int) int64 { return s.History()[j].StartupsMoved }},
	{Key: "licence_waiting", Unit: Chips,
		Source: "chips delivered and not yet licensed at the end of the day",
		value:  func(s *model.Sim, j, _ int) int64 { return s.History()[j].LicenceWaiting }},
	{Key: "grid_queue_sites", Unit: Sites,
		Source: "sites in a state's connection queue at the end of the day",
		value:  func(s *model.Sim, j, _ int) int64 { return int64(s.History()[j].GridQueueSites) }},
	{Key: "power_curtailed_mw", Unit: KW,
		Source: "what the throttled chips would draw, in kW",
		value:  func(s *model.Sim, j, _ int) int64 { return int64(s.History()[j].PowerCurtailed) / 1000 }},
	{Key: "chips_throttled", Unit: Chips,
		Source: "active chips not powered at the end of the day",
		value:  func(s *model.Sim, j, _ int) int64 { return s.History()[j].ChipsThrottled }},
}

// GoalMetrics lists the quantities a goal can be set on.
func GoalMetrics() []GoalMetric { return append([]GoalMetric(nil), goalMetrics...) }

// MetricOf returns the metric a goal measures.
func (g Goal) MetricOf() (GoalMetric, bool) {
	for _, m := range goalMetrics {
		if m.Key == g.Metric {
			return m, true
		}
	}
	return GoalMetric{}, false
}

// judgeDay is the index of the day whose outcomes decide the goal in a run
// of the given horizon.
func (g Goal) judgeDay(horizon model.Day) int { return int(min(g.By, horizon)) - 1 }

// reached reports whether value v meets the goal.
func (g Goal) reached(v int64) bool {
	if g.Cmp == "<=" {
		return v <= g.Target
	}
	return v >= g.Target
}

// GoalVerdict is where a goal stands.
type GoalVerdict uint8

// Verdicts. Met and missed are final; on track and at risk are what the
// projection says.
const (
	GoalUnknown GoalVerdict = iota // no projection reaches the goal's day yet
	GoalOnTrack                    // the projection meets it
	GoalAtRisk                     // the projection misses it
	GoalMet                        // decided: met
	GoalMissed                     // decided: missed
)

var goalVerdictNames = [...]string{"unknown", "on track", "at risk", "met", "missed"}

func (v GoalVerdict) String() string {
	if int(v) < len(goalVerdictNames) {
		return goalVerdictNames[v]
	}
	return fmt.Sprintf("GoalVerdict(%d)", uint8(v))
}

// GoalStatus is a goal's verdict and the value behind it.
type GoalStatus struct {
	Goal    Goal
	Verdict GoalVerdict
	// Value is the metric on Day, in stored units: at the goal's day when
	// the verdict is met or missed from a finished day or on track / at
	// risk; the live run's latest value when a monotone metric decided
	// early or the verdict is unknown. Day is NoDay when there is no value.
	Value int64
	Day   model.Day
	// Projected is set when Value comes from the projection.
	Projected bool
}

// EvaluateGoals judges each goal against a live run and its projection: the
// same scenario run to its horizon (session.Projection).
//
//   - Once the live run has simulated the goal's day, the goal is met or
//     missed by its value on that day.
//   - Before, a goal on a monotone metric is already met or missed if the
//     live run's latest value decides it for good (relocated startups never
//     come back, the fund never refills).
//   - Otherwise the projection decides: on track if its value on the goal's
//     day meets the target, at risk if not.
//   - If the projection is nil, failed before the goal's day or has not got
//     there yet, the verdict is unknown, with the live run's latest value.
//     The page recomputes the projection after every edit, a slice at a
//     time; it may keep the previous verdicts on screen until the
//     projection has caught up.
//
// The caller must pass the projection of the live run's own scenario: it is
// not checked. Goals with an unknown metric or state are unknown. Integers
// only; the result is the same on every platform.
func EvaluateGoals(goals []Goal, live *model.Sim, projection *model.Sim) []GoalStatus {
	out := make([]GoalStatus, len(goals))
	for i, g := range goals {
		out[i] = GoalStatus{Goal: g, Verdict: GoalUnknown, Day: model.NoDay}
		m, ok := g.MetricOf()
		st := -1
		if ok && g.State != "" {
			var err error
			st, err = model.StateIndex(g.State)
			ok = err == nil && m.PerState
		}
		if !ok || live == nil {
			continue
		}
		j := g.judgeDay(live.Horizon())
		last := len(live.History()) - 1
		if j < 0 {
			continue
		}
		if last >= j {
			v := m.value(live, j, st)
			out[i].Value, out[i].Day = v, model.Day(j)
			out[i].Verdict = GoalMissed
			if g.reached(v) {
				out[i].Verdict = GoalMet
			}
			continue
		}
		if last >= 0 {
			v := m.value(live, last, st)
			out[i].Value, out[i].Day = v, model.Day(last)
			// A monotone metric past the target in its own direction stays
			// there: the goal is decided.
			grows := m.Monotone > 0
			falls := m.Monotone < 0
			switch {
			case g.reached(v) && (g.Cmp == ">=" && grows || g.Cmp == "<=" && falls):
				out[i].Verdict = GoalMet
				continue
			case !g.reached(v) && (g.Cmp == "<=" && grows || g.Cmp == ">=" && falls):
				out[i].Verdict = GoalMissed
				continue
			}
		}
		if projection != nil && len(projection.History()) > j {
			v := m.value(projection, j, st)
			out[i].Value, out[i].Day, out[i].Projected = v, model.Day(j), true
			out[i].Verdict = GoalAtRisk
			if g.reached(v) {
				out[i].Verdict = GoalOnTrack
			}
		}
	}
	return out
}

// goalFile is the JSON form of assets/goals/NAME.json.
type goalFile struct {
	Preset     string      `json:"preset"`
	Story      string      `json:"story"`
	Goals      []goalJSON  `json:"goals"`
	Candidates []Candidate `json:"candidates,omitempty"`
}

type goalJSON struct {
	ID     string          `json:"id"`
	Text   string          `json:"text"`
	Metric string          `json:"metric"`
	State  string          `json:"state,omitempty"`
	Cmp    string          `json:"cmp"`
	Target json.RawMessage `json:"target"`
	By     string          `json:"by"`
}

// Goals returns the goals and the story of a guided preset. ok is false
// for a preset without goals (or, which the tests rule out, a goals file
// that does not parse).
func Goals(name string) (goals []Goal, story string, ok bool) {
	f, err := loadGoals(name)
	if err != nil {
		return nil, "", false
	}
	return f.Goals, f.Story, true
}

// Candidates returns the candidate sites of a guided preset (the selection
// round), in the order the page offers them; nil if it has none.
func Candidates(name string) []Candidate {
	f, err := loadGoals(name)
	if err != nil {
		return nil
	}
	return f.Candidates
}

// loadGoals reads and checks the goals file of a preset.
func loadGoals(name string) (GoalSet, error) {
	data, err := assets.GoalsFile(name)
	if err != nil {
		return GoalSet{}, err
	}
	return ParseGoals(name, data)
}

// Limits on a goals file.
const (
	MinGoals       = 2
	MaxGoals       = 4
	maxGoalText    = 120
	maxStory       = 800
	maxCandidates  = 12
	maxGoalIDBytes = 40
)

// ParseGoals reads a goals file for the named preset (the format is in
// this file's comment): unknown fields are rejected, every goal is checked.
// Goals and Candidates read the embedded files with it.
func ParseGoals(name string, data []byte) (GoalSet, error) {
	var f goalFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return GoalSet{}, fmt.Errorf("goals %s: %w", name, model.JSONError(data, err))
	}
	if dec.More() {
		return GoalSet{}, fmt.Errorf("goals %s: extra data after the JSON object", name)
	}
	if f.Preset != name {
		return GoalSet{}, fmt.Errorf("goals %s: preset %q, want %q", name, f.Preset, name)
	}
	if strings.TrimSpace(f.Story) == "" || len(f.Story) > maxStory {
		return GoalSet{}, fmt.Errorf("goals %s: story must hold 1 to %d bytes", name, maxStory)
	}
	if len(f.Goals) < MinGoals || len(f.Goals) > MaxGoals {
		return GoalSet{}, fmt.Errorf("goals %s: %d goals, want %d to %d", name, len(f.Goals), MinGoals, MaxGoals)
	}
	out := GoalSet{Preset: name, Story: f.Story}
	seen := map[string]bool{}
	for i, gj := range f.Goals {
		g, err := gj.goal()
		if err != nil {
			return GoalSet{}, fmt.Errorf("goals %s: goal %d: %w", name, i+1, err)
		}
		if seen[g.ID] {
			return GoalSet{}, fmt.Errorf("goals %s: goal %d: id %q used twice", name, i+1, g.ID)
		}
		seen[g.ID] = true
		out.Goals = append(out.Goals, g)
	}
	if len(f.Candidates) > maxCandidates {
		return GoalSet{}, fmt.Errorf("goals %s: %d candidates, more than %d", name, len(f.Candidates), maxCandidates)
	}
	for i, c := range f.Candidates {
		if c.Note == "" || len(c.Note) > maxGoalText {
			return GoalSet{}, fmt.Errorf("goals %s: candidate %d: note must hold 1 to %d bytes", name, i+1, maxGoalText)
		}
		sp, err := c.Site(0)
		if err == nil {
			err = model.CheckSite(sp)
		}
		if err != nil {
			return GoalSet{}, fmt.Errorf("goals %s: candidate %d: %w", name, i+1, err)
		}
	}
	out.Candidates = f.Candidates
	return out, nil
}

// goal checks one goal of a file and converts it.
func (gj goalJSON) goal() (Goal, error) {
	g := Goal{ID: gj.ID, Text: gj.Text, Metric: gj.Metric, State: gj.State, Cmp: gj.Cmp}
	if g.ID == "" || len(g.ID) > maxGoalIDBytes || strings.ContainsAny(g.ID, " \t\n") {
		return g, fmt.Errorf("id %q: want 1 to %d bytes without spaces", g.ID, maxGoalIDBytes)
	}
	if g.Text == "" || len(g.Text) > maxGoalText {
		return g, fmt.Errorf("%s: text must hold 1 to %d bytes", g.ID, maxGoalText)
	}
	m, ok := g.MetricOf()
	if !ok {
		keys := make([]string, len(goalMetrics))
		for i, m := range goalMetrics {
			keys[i] = m.Key
		}
		return g, fmt.Errorf("%s: unknown metric %q (want one of %s)", g.ID, g.Metric, strings.Join(keys, ", "))
	}
	if g.State != "" {
		if !m.PerState {
			return g, fmt.Errorf("%s: metric %s is for the whole EU: it cannot name a state", g.ID, g.Metric)
		}
		if _, err := model.StateIndex(g.State); err != nil {
			return g, fmt.Errorf("%s: %w", g.ID, err)
		}
	}
	if g.Cmp != ">=" && g.Cmp != "<=" {
		return g, fmt.Errorf(`%s: cmp %q: want ">=" or "<="`, g.ID, g.Cmp)
	}
	raw := strings.Trim(strings.TrimSpace(string(gj.Target)), `"`)
	t, err := model.ParseDecimal(raw, m.Unit.Scale())
	if err != nil {
		return g, fmt.Errorf("%s: target: %w", g.ID, err)
	}
	g.Target = t
	switch gj.By {
	case "horizon":
		g.By = AtHorizon
	default:
		d, err := model.ParseDay(gj.By)
		if err != nil {
			return g, fmt.Errorf(`%s: by: %w (or "horizon")`, g.ID, err)
		}
		if d < 1 || d >= model.MaxDays {
			return g, fmt.Errorf("%s: by %s is outside the runs the model can make (%s to %s)", g.ID, gj.By, model.Day(1), model.Day(model.MaxDays-1))
		}
		g.By = d
	}
	return g, nil
}
