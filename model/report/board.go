package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"gigasandbox/model"
)

// A board puts several runs side by side — a class's teams, or any runs
// `gigasim compare` is given — each at its horizon: its goals with their
// verdicts and its headline outcomes. The page's board (game/board.go),
// its CSV export and `gigasim compare` read the same BoardRun values, so
// they agree to the digit.

// BoardKeys are the headline outcomes a board shows for every run, as keys
// of Compare's rows: the six numbers the page keeps in sight (chips
// running, power drawn, fund left, demand served, AI companies, emissions),
// at the horizon.
var BoardKeys = []string{"chips_active", "power_mw", "fund_left", "served_pct", "startups_active", "emissions_year"}

// BoardRun is one run on a board, at the end of its simulation.
type BoardRun struct {
	Name      string // the team's name, or the run's
	GoalSet   string // the guided preset whose goals judge the run; "" for none
	LastDay   string
	StateHash string
	// Goals are the goal set's goals judged at the horizon (met or
	// missed); empty without a goal set.
	Goals []GoalStatus
	// Rows are all the headline outcomes of Compare, with A and B the
	// run's own value and Diff 0: Value gives one by key.
	Rows  []CompareRow
	Sites []SiteOutcome
}

// NewBoardRun reads a finished run (simulated to its horizon) for a board,
// judging it on the goals of goalSet ("" for none).
func NewBoardRun(name, goalSet string, sim *model.Sim) BoardRun {
	o := OutcomesOf(sim)
	r := BoardRun{Name: name, GoalSet: goalSet, LastDay: o.LastDay, StateHash: o.StateHash, Rows: Compare(o, o), Sites: o.Sites}
	if goals, _, ok := Goals(goalSet); ok && goalSet != "" {
		r.Goals = EvaluateGoals(goals, sim, sim)
	}
	return r
}

// Value is the run's headline outcome with this key (a Compare row's) and
// its unit; ok is false for an unknown key.
func (r BoardRun) Value(key string) (v int64, u Unit, ok bool) {
	for _, row := range r.Rows {
		if row.Key == key {
			return row.A, row.Unit, true
		}
	}
	return 0, 0, false
}

// BoardGoal is a goal column of a board: a goal of a goal set.
type BoardGoal struct {
	Set string
	Goal
}

// BoardGoals are a board's goal columns: every goal of every run's goal
// set, in the order the runs first name them (runs of one class share one
// set, so a board has two to four).
func BoardGoals(runs []BoardRun) []BoardGoal {
	var out []BoardGoal
	seen := map[string]bool{}
	for _, r := range runs {
		for _, s := range r.Goals {
			id := r.GoalSet + "/" + s.Goal.ID
			if !seen[id] {
				seen[id] = true
				out = append(out, BoardGoal{Set: r.GoalSet, Goal: s.Goal})
			}
		}
	}
	return out
}

// Verdict is the run's status on a goal column; ok is false when the run
// is not judged on that goal (another goal set).
func (r BoardRun) Verdict(g BoardGoal) (GoalStatus, bool) {
	if r.GoalSet != g.Set {
		return GoalStatus{}, false
	}
	for _, s := range r.Goals {
		if s.Goal.ID == g.ID {
			return s, true
		}
	}
	return GoalStatus{}, false
}

// Met counts the run's goals met.
func (r BoardRun) Met() int {
	n := 0
	for _, s := range r.Goals {
		if s.Verdict == GoalMet {
			n++
		}
	}
	return n
}

// csvUnits name a figure's whole unit in a CSV header; counts go without.
var csvUnits = [NumUnits]string{
	KW: "mw", MW: "mw", GWh: "gwh", MillionH100eHours: "m_h100e_hours", Permille: "pct", BasisPoints: "pct",
	EuroThousands: "eur_m", EuroMillions: "eur_bn", CentsPerMWh: "eur_per_mwh", GramsCO2ePerKWh: "g_co2e_per_kwh",
	TonnesCO2e: "kt_co2e", KtCO2e: "kt_co2e", Days: "days",
}

// csvColumn is a headline outcome's CSV header: its key and whole unit
// ("fund_left_eur_bn", "served_pct", "chips_active").
func csvColumn(key string, u Unit) string {
	if c := csvUnits[u]; c != "" && !strings.HasSuffix(key, "_"+c) {
		return key + "_" + c
	}
	return key
}

// WholeUnit writes v, counted in u, in u's whole unit as a plain decimal
// with every digit kept: 612 permille is "61.2", 15552 € m is "15.552",
// -5 kW is "-0.005". For files that spreadsheets read.
func WholeUnit(v int64, u Unit) string {
	scale := u.Scale()
	if scale == 1 {
		return strconv.FormatInt(v, 10)
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	digits := len(strconv.FormatInt(scale, 10)) - 1
	frac := strconv.FormatInt(v%scale, 10)
	return sign + strconv.FormatInt(v/scale, 10) + "." + strings.Repeat("0", digits-len(frac)) + frac
}

// WriteBoardCSV writes a board as CSV, one row per run: its name, goal
// set, last day and state hash, then for each goal column its verdict and
// value (empty for a run not judged on it), then every headline outcome in
// its whole unit. links, if not nil, adds each run's link in a last column.
// The page's board export and `gigasim compare --csv` write these bytes.
func WriteBoardCSV(w io.Writer, runs []BoardRun, links []string) error {
	cw := csv.NewWriter(w)
	goals := BoardGoals(runs)
	head := []string{"team", "goal_set", "last_day", "state_hash"}
	for _, g := range goals {
		m, _ := g.MetricOf()
		head = append(head, "goal:"+g.Set+"/"+g.ID, csvColumn("goal:"+g.Set+"/"+g.ID+"_value", m.Unit))
	}
	if len(runs) > 0 {
		for _, row := range runs[0].Rows {
			head = append(head, csvColumn(row.Key, row.Unit))
		}
	}
	if links != nil {
		head = append(head, "link")
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for i, r := range runs {
		rec := []string{r.Name, r.GoalSet, r.LastDay, r.StateHash}
		for _, g := range goals {
			s, ok := r.Verdict(g)
			if !ok {
				rec = append(rec, "", "")
				continue
			}
			m, _ := s.Goal.MetricOf()
			rec = append(rec, s.Verdict.String(), WholeUnit(s.Value, m.Unit))
		}
		for _, row := range r.Rows {
			rec = append(rec, WholeUnit(row.A, row.Unit))
		}
		if links != nil {
			rec = append(rec, links[i])
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
