package report_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gigasandbox/assets"
	"gigasandbox/model"
	"gigasandbox/model/report"
)

// guided are the presets that must have goals.
var guided = []string{"baseline", "diffusion-2025", "grid-crunch", "startup-boom", "eu-chips", "selection-round"}

// sentenceEnd matches the end of a sentence.
var sentenceEnd = regexp.MustCompile(`[.?!] `)

// guidedPreset returns a guided preset's scenario: from model.Preset, or
// for a preset file not yet listed in assets.PresetNames (the selection
// round, while links cannot name it), from the file itself.
func guidedPreset(t testing.TB, name string) model.Scenario {
	t.Helper()
	if sc, err := model.Preset(name); err == nil {
		return sc
	}
	data, err := os.ReadFile(filepath.Join("..", "assets", "presets", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := model.ParseScenario(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return sc
}

// mustGoals returns a preset's goals and fails the test if it has none.
func mustGoals(t testing.TB, name string) []report.Goal {
	t.Helper()
	goals, _, ok := report.Goals(name)
	if !ok {
		t.Fatalf("Goals(%q): no goals", name)
	}
	return goals
}

// runPolicy runs a preset with the user's commands (made on the days they
// carry, before the preset's own commands of the same day, as the page
// merges them) to its horizon.
func runPolicy(t testing.TB, name string, edits ...model.Command) *model.Sim {
	t.Helper()
	sc := guidedPreset(t, name)
	all := slices.Clone(edits)
	for _, c := range sc.Commands {
		i := len(all)
		for i > 0 && all[i-1].Day > c.Day {
			i--
		}
		all = slices.Insert(all, i, c)
	}
	sc.Commands = all
	sim := mustNew(t, sc)
	step(t, sim, int(sim.Horizon()))
	return sim
}

func lever(name, value string) model.Command {
	id, ok := model.LeverByName(name)
	if !ok {
		panic("no lever " + name)
	}
	v, err := id.Parse(value)
	if err != nil {
		panic(err)
	}
	return model.Command{Op: model.SetLever{Lever: id, Value: v}}
}

// move sends site id to a state before construction starts (day 0).
func move(id model.SiteID, state string, lon, lat model.Degrees) model.Command {
	return model.Command{Op: model.MoveSite{Site: id, Lon: lon, Lat: lat, State: model.MustState(state)}}
}

func buildAt(day model.Day, state string, chips int32, chip string) model.Command {
	return model.Command{Day: day, Op: model.BuildSite{Site: model.SiteSpec{
		Name: "Class site " + state, State: model.MustState(state), Chips: chips, Chip: model.MustGen(chip), Start: day, Lon: 4850000, Lat: 45750000}}}
}

// candidates builds the selection round's candidates in the given states
// on day.
func candidates(t testing.TB, day model.Day, states ...string) []model.Command {
	t.Helper()
	var out []model.Command
	for _, st := range states {
		found := false
		for _, c := range report.Candidates("selection-round") {
			if c.State == st {
				out = append(out, c.Command(day))
				found = true
			}
		}
		if !found {
			t.Fatalf("no candidate in %s", st)
		}
	}
	return out
}

// verdicts is the goals' verdicts at the end of a run, in goal order, by id.
func verdicts(t testing.TB, name string, sim *model.Sim) map[string]report.GoalVerdict {
	t.Helper()
	out := map[string]report.GoalVerdict{}
	for _, st := range report.EvaluateGoals(mustGoals(t, name), sim, nil) {
		out[st.Goal.ID] = st.Verdict
	}
	return out
}

// TestGoalsFiles: every guided preset has a story and two to four goals, and
// every goals file belongs to a preset.
func TestGoalsFiles(t *testing.T) {
	for _, name := range guided {
		t.Run(name, func(t *testing.T) {
			goals, story, ok := report.Goals(name)
			if !ok {
				t.Fatalf("Goals(%q) not ok", name)
			}
			if n := len(goals); n < 2 || n > 4 {
				t.Errorf("%d goals, want 2 to 4", n)
			}
			if n := len(sentenceEnd.FindAllString(story+" ", -1)); n < 2 || n > 4 || !strings.HasSuffix(story, ".") {
				t.Errorf("story has %d sentences, want 2 to 4 ending with a full stop: %q", n, story)
			}
			sc := guidedPreset(t, name)
			for _, g := range goals {
				if g.By != report.AtHorizon && (g.By < 1 || g.By > model.Day(sc.Days)) {
					t.Errorf("goal %s: by %s is outside the preset's run", g.ID, g.By)
				}
				if _, ok := g.MetricOf(); !ok {
					t.Errorf("goal %s: unknown metric %q", g.ID, g.Metric)
				}
			}
		})
	}
	for _, f := range assets.GoalFiles() {
		if !slices.Contains(assets.PresetFiles(), f) {
			t.Errorf("goals/%s.json belongs to no preset", f)
		}
	}
	if _, _, ok := report.Goals("nope"); ok {
		t.Error(`Goals("nope") is ok, want no goals`)
	}
	if len(report.Candidates("baseline")) != 0 {
		t.Error("baseline has candidates, want none")
	}
}

// TestGoalsAsSet: each preset run as it is, without any edit, meets and
// misses the goals its story says.
func TestGoalsAsSet(t *testing.T) {
	M, X := report.GoalMet, report.GoalMissed
	tests := []struct {
		preset string
		want   map[string]report.GoalVerdict
	}{
		{"baseline", map[string]report.GoalVerdict{"chips-2030": X, "emissions": X, "fund": M, "startups": X}},
		{"diffusion-2025", map[string]report.GoalVerdict{"licences-2030": X, "chips-2029": X, "poland": M}},
		{"grid-crunch", map[string]report.GoalVerdict{"curtailed-2030": X, "served-2029": X, "fund": M}},
		{"startup-boom", map[string]report.GoalVerdict{"startups": X, "startups-served-2029": X, "fund": M}},
		{"eu-chips", map[string]report.GoalVerdict{"compute-2030": X, "compute": X, "emissions": M}},
		{"selection-round", map[string]report.GoalVerdict{"fund": M, "chips-2029": X, "served-2033": X, "emissions": M}},
	}
	for _, tt := range tests {
		t.Run(tt.preset, func(t *testing.T) {
			got := verdicts(t, tt.preset, runPolicy(t, tt.preset))
			for id, want := range tt.want {
				if got[id] != want {
					t.Errorf("goal %s = %v, want %v", id, got[id], want)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("%d goals judged, want %d", len(got), len(tt.want))
			}
		})
	}
}

// TestGoalsReachable: the policy each story names meets every goal, and a
// plausible wrong move misses one, so the goals are the class's to win or
// lose.
func TestGoalsReachable(t *testing.T) {
	// Paris-region and Swedish coordinates for moved sites.
	const frLon, frLat, seLon, seLat = 2350000, 48850000, 17000000, 62000000
	M, X := report.GoalMet, report.GoalMissed
	tests := []struct {
		name   string
		preset string
		edits  []model.Command
		want   map[string]report.GoalVerdict // goals not listed must be met
	}{
		{"baseline: move Rhein-Main to France, 40% PPA, 5% vouchers", "baseline",
			[]model.Command{move(5, "FR", frLon, frLat), lever("ppa_share", "0.4"), lever("voucher_share", "0.05")}, nil},
		{"baseline: a fifth B200 gigafactory costs the fund", "baseline",
			[]model.Command{buildAt(0, "FR", 100000, "best")}, map[string]report.GoalVerdict{"chips-2030": M, "emissions": X, "fund": X, "startups": M}},
		{"diffusion-2025: agreement with Poland", "diffusion-2025",
			[]model.Command{{Op: model.SetG2G{State: model.MustState("PL"), On: true}}}, nil},
		{"diffusion-2025: Mazovia a validated end user", "diffusion-2025",
			[]model.Command{{Op: model.SetVEU{Site: 7, On: true}}}, nil},
		{"diffusion-2025: moving Mazovia to France loses Poland", "diffusion-2025",
			[]model.Command{move(7, "FR", frLon, frLat)}, map[string]report.GoalVerdict{"poland": X}},
		{"grid-crunch: move Rhein-Main to Sweden", "grid-crunch",
			[]model.Command{move(5, "SE", seLon, seLat)}, nil},
		{"grid-crunch: grid investment does not help in a crunch", "grid-crunch",
			[]model.Command{{Op: model.InvestGrid{State: model.MustState("DE"), MW: 500}}}, map[string]report.GoalVerdict{"curtailed-2030": X, "served-2029": X}},
		{"startup-boom: one more B200 site, vouchers at a quarter", "startup-boom",
			[]model.Command{buildAt(0, "FR", 100000, "best"), lever("voucher_share", "0.25")}, nil},
		{"startup-boom: one more site with full vouchers empties the fund", "startup-boom",
			[]model.Command{buildAt(0, "FR", 100000, "best")}, map[string]report.GoalVerdict{"fund": X}},
		{"eu-chips: a 50,000-chip B200 site in France", "eu-chips",
			[]model.Command{buildAt(0, "FR", 50000, "b200")}, nil},
		{"eu-chips: the same site in Germany", "eu-chips",
			[]model.Command{buildAt(0, "DE", 50000, "b200")}, map[string]report.GoalVerdict{"compute-2030": X, "emissions": X}},
		{"selection-round: five clean, quick sites", "selection-round",
			candidates(t, 0, "FR", "ES", "FI", "SE", "PT"), nil},
		{"selection-round: five clean sites, chosen after six weeks", "selection-round",
			candidates(t, 45, "FR", "ES", "FI", "SE", "PT"), nil},
		{"selection-round: four sites serve too little", "selection-round",
			candidates(t, 0, "FR", "ES", "FI", "SE"), map[string]report.GoalVerdict{"served-2033": X}},
		{"selection-round: six sites overrun the fund", "selection-round",
			candidates(t, 0, "FR", "ES", "FI", "SE", "PT", "IT"), map[string]report.GoalVerdict{"fund": X, "emissions": X}},
		{"selection-round: the big markets", "selection-round",
			candidates(t, 0, "DE", "FR", "ES", "IT"), map[string]report.GoalVerdict{"chips-2029": X, "served-2033": X, "emissions": X}},
		{"selection-round: host states pay part, six sites fit", "selection-round",
			append([]model.Command{lever("eu_share", "0.25"), lever("host_share", "0.083")}, candidates(t, 0, "FR", "ES", "FI", "SE", "PT", "IT")...),
			map[string]report.GoalVerdict{"emissions": X}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sim := runPolicy(t, tt.preset, tt.edits...)
			if err := sim.CheckInvariants(); err != nil {
				t.Fatal(err)
			}
			for _, st := range report.EvaluateGoals(mustGoals(t, tt.preset), sim, nil) {
				want, ok := tt.want[st.Goal.ID]
				if !ok {
					want = report.GoalMet
				}
				if st.Verdict != want {
					t.Errorf("goal %s (%s) = %v at %d, want %v", st.Goal.ID, st.Goal.Text, st.Verdict, st.Value, want)
				}
			}
		})
	}
}

// TestEvaluateGoalsOverTime: before a goal's day the projection decides (on
// track or at risk), a monotone metric can decide early, and without a
// projection the verdict is unknown; after the day, met or missed.
func TestEvaluateGoalsOverTime(t *testing.T) {
	sc, err := model.Preset("baseline")
	if err != nil {
		t.Fatal(err)
	}
	proj := mustNew(t, sc)
	step(t, proj, int(proj.Horizon()))
	half := mustNew(t, sc) // a projection still on its way
	step(t, half, 1000)

	d2030 := model.DayOf(2030, 1, 1)
	goals := []report.Goal{
		{ID: "chips", Metric: "chips_active", Cmp: ">=", Target: 400000, By: d2030},               // missed in 2029-12-31
		{ID: "chips-low", Metric: "chips_active", Cmp: ">=", Target: 300000, By: d2030},           // met
		{ID: "relocated", Metric: "startups_relocated", Cmp: "<=", Target: 300000, By: d2030},     // 300 companies: passed in 2027
		{ID: "relocated-end", Metric: "startups_relocated", Cmp: ">=", Target: 100000, By: d2030}, // 100 companies: reached early
		{ID: "fund", Metric: "fund_left_eur_bn", Cmp: ">=", Target: 19500, By: report.AtHorizon},  // €19.5 bn: gone in 2026
		{ID: "poland", Metric: "chips_active", State: "PL", Cmp: ">=", Target: 90000, By: report.AtHorizon},
		{ID: "bad-metric", Metric: "happiness", Cmp: ">=", Target: 1, By: report.AtHorizon},
		{ID: "bad-state", Metric: "served_pct", State: "PL", Cmp: ">=", Target: 1, By: report.AtHorizon},
	}
	type want struct {
		v         report.GoalVerdict
		projected bool
	}
	U, T, R, M, X := report.GoalUnknown, report.GoalOnTrack, report.GoalAtRisk, report.GoalMet, report.GoalMissed
	tests := []struct {
		name string
		day  int        // live run's day
		proj *model.Sim // projection
		want []want
	}{
		{"day 0, full projection", 0, proj, []want{{R, true}, {T, true}, {R, true}, {T, true}, {R, true}, {T, true}, {U, false}, {U, false}}},
		{"day 0, no projection", 0, nil, []want{{U, false}, {U, false}, {U, false}, {U, false}, {U, false}, {U, false}, {U, false}, {U, false}}},
		{"day 100, half projection", 100, half, []want{{U, false}, {U, false}, {U, false}, {U, false}, {U, false}, {U, false}, {U, false}, {U, false}}},
		{"day 200, half projection", 200, half, []want{{U, false}, {U, false}, {U, false}, {M, false}, {X, false}, {U, false}, {U, false}, {U, false}}},
		{"day 800, full projection", 800, proj, []want{{R, true}, {T, true}, {X, false}, {M, false}, {X, false}, {T, true}, {U, false}, {U, false}}},
		{"after 2030, no projection", int(d2030) + 10, nil, []want{{X, false}, {M, false}, {X, false}, {M, false}, {X, false}, {U, false}, {U, false}, {U, false}}},
		{"the end", int(proj.Horizon()), nil, []want{{X, false}, {M, false}, {X, false}, {M, false}, {X, false}, {M, false}, {U, false}, {U, false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			live := mustNew(t, sc)
			step(t, live, tt.day)
			got := report.EvaluateGoals(goals, live, tt.proj)
			if len(got) != len(goals) {
				t.Fatalf("%d statuses, want %d", len(got), len(goals))
			}
			for i, st := range got {
				if st.Verdict != tt.want[i].v || st.Projected != tt.want[i].projected {
					t.Errorf("goal %s = %v (projected %v, value %d on %s), want %v (projected %v)",
						goals[i].ID, st.Verdict, st.Projected, st.Value, st.Day, tt.want[i].v, tt.want[i].projected)
				}
			}
		})
	}
	// At the horizon, the verdicts from the finished run equal those the
	// full projection gave at day 0 (on track → met, at risk → missed),
	// except for goals decided early by a monotone metric.
	atStart := report.EvaluateGoals(goals[:2], mustNew(t, sc), proj)
	atEnd := report.EvaluateGoals(goals[:2], proj, nil)
	for i := range atStart {
		final := map[report.GoalVerdict]report.GoalVerdict{T: M, R: X}[atStart[i].Verdict]
		if atEnd[i].Verdict != final || atEnd[i].Value != atStart[i].Value {
			t.Errorf("goal %s: projected %v (%d), finished %v (%d)", goals[i].ID, atStart[i].Verdict, atStart[i].Value, atEnd[i].Verdict, atEnd[i].Value)
		}
	}
	if got := report.EvaluateGoals(goals[:1], nil, proj); got[0].Verdict != U {
		t.Errorf("EvaluateGoals(nil live) = %v, want unknown", got[0].Verdict)
	}
}

// TestGoalMetrics checks each metric against the day's outcomes computed
// another way.
func TestGoalMetrics(t *testing.T) {
	sim := runPolicy(t, "baseline")
	h := sim.History()
	last := len(h) - 1
	o := report.OutcomesOf(sim)
	var lastYear int64 // grams over the last 365 days
	for _, d := range h[len(h)-365:] {
		lastYear += int64(d.Emissions)
	}
	byID := func(key, state string) int64 {
		t.Helper()
		g := report.Goal{ID: key, Metric: key, State: state, Cmp: ">=", By: report.AtHorizon}
		st := report.EvaluateGoals([]report.Goal{g}, sim, nil)[0]
		if st.Verdict != report.GoalMet && st.Verdict != report.GoalMissed || st.Day != model.Day(last) {
			t.Fatalf("%s: %v on %s, want a final verdict on the last day", key, st.Verdict, st.Day)
		}
		return st.Value
	}
	tests := []struct {
		key, state string
		want       int64
	}{
		{"chips_active", "", o.Chips.Active},
		{"chips_active", "PL", int64(o.ActiveByState["PL"])},
		{"compute_h100e", "", o.Chips.ActiveH100e}, // no chip idle at the end
		{"served_pct", "", int64(o.LastYear.ServedShare*1000 + 0.5)},
		{"startup_served_pct", "", int64(o.LastYear.StartupShare*1000 + 0.5)},
		{"fund_left_eur_bn", "", o.Money.FundLeft / 1000000},
		{"unfunded_eur_bn", "", 0},
		{"emissions_kt_per_year", "", lastYear / 1000000},
		{"startups_active", "", h[last].StartupsActive},
		{"startups_relocated", "", h[last].StartupsMoved},
		{"licence_waiting", "", o.Chips.Licence},
		{"grid_queue_sites", "", int64(o.GridQueueSites)},
		{"power_curtailed_mw", "", int64(h[last].PowerCurtailed) / 1000},
		{"chips_throttled", "", o.ChipsThrottled},
	}
	if lastYear/1000000000 != o.LastYear.EmissionsKt {
		t.Fatalf("last year's emissions %d t, outcomes say %d kt", lastYear/1000000, o.LastYear.EmissionsKt)
	}
	for _, tt := range tests {
		if got := byID(tt.key, tt.state); got != tt.want {
			t.Errorf("metric %s %s = %d, want %d", tt.key, tt.state, got, tt.want)
		}
	}
	var keys []string
	for _, m := range report.GoalMetrics() {
		keys = append(keys, m.Key)
		if m.Unit >= report.NumUnits || m.Source == "" {
			t.Errorf("metric %s is not fully described: %+v", m.Key, m)
		}
	}
	for _, tt := range tests {
		if !slices.Contains(keys, tt.key) {
			t.Errorf("metric %s not listed", tt.key)
		}
	}
	if len(keys) != 13 {
		t.Errorf("%d metrics, the test checks 13: add the new one to it", len(keys))
	}
}

// TestGoalMetricUnits: a goals file writes a target in the metric's whole
// unit, so a metric's unit is part of the goals files' format.
func TestGoalMetricUnits(t *testing.T) {
	tests := []struct {
		key   string
		unit  report.Unit
		scale int64
	}{
		{"chips_active", report.Chips, 1},
		{"served_pct", report.Permille, 10},
		{"fund_left_eur_bn", report.EuroMillions, 1000},
		{"emissions_kt_per_year", report.TonnesCO2e, 1000},
		{"startups_relocated", report.MilliCompanies, 1000},
		{"power_curtailed_mw", report.KW, 1000},
	}
	for _, tt := range tests {
		m, ok := report.Goal{Metric: tt.key}.MetricOf()
		if !ok || m.Unit != tt.unit || m.Unit.Scale() != tt.scale {
			t.Errorf("metric %s: unit %d scale %d, want %d and %d", tt.key, m.Unit, m.Unit.Scale(), tt.unit, tt.scale)
		}
	}
}

func TestGoalVerdictString(t *testing.T) {
	for v, want := range map[report.GoalVerdict]string{
		report.GoalUnknown: "unknown", report.GoalOnTrack: "on track", report.GoalAtRisk: "at risk",
		report.GoalMet: "met", report.GoalMissed: "missed", 9: "GoalVerdict(9)",
	} {
		if got := v.String(); got != want {
			t.Errorf("GoalVerdict(%d).String() = %q, want %q", v, got, want)
		}
	}
}

func TestParseGoals(t *testing.T) {
	goal := func(fields string) string {
		return `{"preset": "p", "story": "One. Two.", "goals": [
			{"id": "a", "text": "A", "metric": "chips_active", "cmp": ">=", "target": 1, "by": "horizon"},
			{` + fields + `}]}`
	}
	ok := goal(`"id": "b", "text": "B", "metric": "served_pct", "cmp": "<=", "target": "62.5", "by": "2030-01-01"`)
	set, err := report.ParseGoals("p", []byte(ok))
	if err != nil {
		t.Fatalf("ParseGoals(good) = %v", err)
	}
	if g := set.Goals[1]; g.Target != 625 || g.By != model.DayOf(2030, 1, 1) || g.Cmp != "<=" {
		t.Errorf("goal b = %+v, want target 625 (thousandths) by 2030-01-01", g)
	}
	if set.Goals[0].By != report.AtHorizon {
		t.Errorf("goal a by %s, want AtHorizon", set.Goals[0].By)
	}
	tests := []struct {
		name, name2, text, want string
	}{
		{"wrong preset", "q", ok, `preset "p", want "q"`},
		{"malformed", "p", `{"preset": "p",`, "goals p"},
		{"unknown field", "p", goal(`"id": "b", "text": "B", "metric": "served_pct", "cmp": "<=", "target": 1, "by": "horizon", "colour": 1`), `unknown field "colour"`},
		{"unknown metric", "p", goal(`"id": "b", "text": "B", "metric": "joy", "cmp": "<=", "target": 1, "by": "horizon"`), `unknown metric "joy"`},
		{"bad cmp", "p", goal(`"id": "b", "text": "B", "metric": "served_pct", "cmp": "<", "target": 1, "by": "horizon"`), `cmp "<"`},
		{"too precise", "p", goal(`"id": "b", "text": "B", "metric": "served_pct", "cmp": "<=", "target": "62.55", "by": "horizon"`), "more decimals"},
		{"bad date", "p", goal(`"id": "b", "text": "B", "metric": "served_pct", "cmp": "<=", "target": 1, "by": "2030-02-30"`), "does not exist"},
		{"before the start", "p", goal(`"id": "b", "text": "B", "metric": "served_pct", "cmp": "<=", "target": 1, "by": "2026-01-01"`), "outside"},
		{"state on an EU metric", "p", goal(`"id": "b", "text": "B", "metric": "served_pct", "state": "PL", "cmp": "<=", "target": 1, "by": "horizon"`), "cannot name a state"},
		{"Greece as GR", "p", goal(`"id": "b", "text": "B", "metric": "chips_active", "state": "GR", "cmp": "<=", "target": 1, "by": "horizon"`), "EL"},
		{"same id", "p", goal(`"id": "a", "text": "B", "metric": "served_pct", "cmp": "<=", "target": 1, "by": "horizon"`), `id "a" used twice`},
		{"no text", "p", goal(`"id": "b", "metric": "served_pct", "cmp": "<=", "target": 1, "by": "horizon"`), "text"},
		{"one goal", "p", `{"preset": "p", "story": "S.", "goals": [{"id": "a", "text": "A", "metric": "chips_active", "cmp": ">=", "target": 1, "by": "horizon"}]}`, "1 goals, want 2 to 4"},
		{"no story", "p", strings.Replace(ok, "One. Two.", "", 1), "story"},
		{"bad candidate", "p", strings.Replace(ok, `]}`, `], "candidates": [{"name": "X", "state": "XX", "chips": 1, "chip": "best", "lon": 1, "lat": 1, "note": "n"}]}`, 1), `candidate 1: unknown member state "XX"`},
		{"candidate without note", "p", strings.Replace(ok, `]}`, `], "candidates": [{"name": "X", "state": "FR", "chips": 1, "chip": "best", "lon": 1, "lat": 1}]}`, 1), "candidate 1: note"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := report.ParseGoals(tt.name2, []byte(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseGoals = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestCandidates: the selection round offers about eight candidates in
// different member states, each a valid build command the page can send.
func TestCandidates(t *testing.T) {
	cs := report.Candidates("selection-round")
	if len(cs) < 7 || len(cs) > 9 {
		t.Fatalf("%d candidates, want about eight", len(cs))
	}
	seen := map[string]bool{}
	sc := guidedPreset(t, "selection-round")
	sim := mustNew(t, sc)
	step(t, sim, 10)
	for i, c := range cs {
		if seen[c.State] {
			t.Errorf("candidate %s: a second candidate in %s", c.Name, c.State)
		}
		seen[c.State] = true
		cmd := c.Command(sim.Day())
		if err := sim.Apply(cmd); err != nil {
			t.Errorf("Apply(%s's build) = %v", c.Name, err)
			continue
		}
		got := sim.Sites()[len(sc.Sites)+i]
		if got.Spec.Name != c.Name || got.Spec.State.Code() != c.State || got.Spec.Start != sim.Day() || got.Spec.Chips != c.Chips {
			t.Errorf("candidate %s built as %+v", c.Name, got.Spec)
		}
	}
	for _, s := range sc.Sites {
		if !s.Existing {
			t.Errorf("selection-round starts with site %s built: want only the existing EuroHPC systems", s.Name)
		}
	}
}
