package ensemble

import (
	"context"
	"encoding/binary"
	"hash/fnv"
	"slices"

	"gigasandbox/model"
	"gigasandbox/model/report"
)

// Metric is a day's outcome an ensemble gives bands for: what the page's
// charts draw, for the whole EU, in the model's stored units.
type Metric struct {
	Key  string
	Unit string
	Of   func(d *model.DayStats) int64
}

// Metrics are the charts' series.
var Metrics = []Metric{
	{"chips_active", "chips", func(d *model.DayStats) int64 { return d.Chips[model.ChipActive] }},
	{"power_drawn", "W", func(d *model.DayStats) int64 { return int64(d.PowerDrawn) }},
	{"grid_granted", "W", func(d *model.DayStats) int64 { return int64(d.GridGranted) }},
	{"power_curtailed", "W", func(d *model.DayStats) int64 { return int64(d.PowerCurtailed) }},
	{"fund_left", "euro cents", func(d *model.DayStats) int64 { return int64(d.Ledger.FundLeft) }},
	{"eu_capex", "euro cents", func(d *model.DayStats) int64 { return int64(d.Ledger.EUCapex) }},
	{"vouchers", "euro cents", func(d *model.DayStats) int64 { return int64(d.Ledger.Vouchers) }},
	{"served", "milli-H100e-hours a day", func(d *model.DayStats) int64 { return int64(d.Served) }},
	{"leaked", "milli-H100e-hours a day", func(d *model.DayStats) int64 { return int64(d.Leaked) }},
	{"startups_active", "thousandths of a company", func(d *model.DayStats) int64 { return d.StartupsActive }},
	{"startups_moved", "thousandths of a company", func(d *model.DayStats) int64 { return d.StartupsMoved }},
	{"emissions", "g CO2e a day", func(d *model.DayStats) int64 { return int64(d.Emissions) }},
}

// SampleEvery is how often, in days, an ensemble keeps its runs' metrics
// (and on the horizon's last day).
const SampleEvery = 7

// Result is an ensemble's runs, kept as each run's metrics every
// SampleEvery days.
type Result struct {
	Draws []model.Scenario
	Days  []model.Day // the sample days
	Goals []report.Goal
	// values[run][metric][sample]
	values [][][]int64
	// verdicts[run][goal]
	verdicts [][]report.GoalVerdict
}

// Odds is how often a goal is met over an ensemble's runs.
type Odds struct {
	Goal      report.Goal
	Met, Runs int
	// Undecided counts runs in which the goal could not be judged (a
	// metric or state the run does not know).
	Undecided int
}

// Odds gives each of Config.Goals how often it was met.
func (r *Result) Odds() []Odds {
	out := make([]Odds, len(r.Goals))
	for g := range r.Goals {
		out[g] = Odds{Goal: r.Goals[g], Runs: len(r.verdicts)}
		for i := range r.verdicts {
			switch r.verdicts[i][g] {
			case report.GoalMet:
				out[g].Met++
			case report.GoalMissed:
			default:
				out[g].Undecided++
			}
		}
	}
	return out
}

// Config says how to run an ensemble.
type Config struct {
	Runs    int // DefaultRuns if 0
	Workers int // goroutines; 1 if 0
	// Progress, if set, is called after each run with how many are done
	// and of how many (one call at a time).
	Progress func(done, of int)
	// Goals, if set, are judged on each run at its horizon: Result.Odds.
	Goals []report.Goal
}

// Run runs the ensemble of sc to the horizon. Runs are independent and
// each is a pure function of its draw, so the result does not depend on
// the number of workers.
func Run(ctx context.Context, sc model.Scenario, cfg Config) (*Result, error) {
	n := cfg.Runs
	if n == 0 {
		n = DefaultRuns
	}
	draws, err := Draws(sc, n)
	if err != nil {
		return nil, err
	}
	res := &Result{Draws: draws, Days: sampleDays(sc.Days), Goals: cfg.Goals, values: make([][][]int64, n), verdicts: make([][]report.GoalVerdict, n)}
	spare := make([]*model.Sim, max(1, cfg.Workers))
	err = forEach(ctx, n, cfg.Workers, cfg.Progress, func(w, i int) error {
		var err error
		res.values[i], res.verdicts[i], spare[w], err = runOne(draws[i], res.Days, cfg.Goals, spare[w])
		return err
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// sampleDays are the days a result keeps: every SampleEvery days from day
// 0, and the last day.
func sampleDays(days int32) []model.Day {
	var out []model.Day
	for d := model.Day(0); d < model.Day(days); d += SampleEvery {
		out = append(out, d)
	}
	if last := model.Day(days - 1); out[len(out)-1] != last {
		out = append(out, last)
	}
	return out
}

// runOne runs one draw to its horizon, in the memory of the worker's last
// run (model.NewFrom), and keeps its metrics on the sample days and the
// goals' verdicts. It returns the run, whose memory the next may take.
func runOne(sc model.Scenario, days []model.Day, goals []report.Goal, spare *model.Sim) ([][]int64, []report.GoalVerdict, *model.Sim, error) {
	sim, err := model.NewFrom(sc, spare)
	if err != nil {
		return nil, nil, nil, err
	}
	for sim.Day() < sim.Horizon() {
		if err := sim.Step(); err != nil {
			return nil, nil, nil, err
		}
	}
	hist := sim.History()
	out := make([][]int64, len(Metrics))
	for m, metric := range Metrics {
		out[m] = make([]int64, len(days))
		for s, d := range days {
			out[m][s] = metric.Of(&hist[d])
		}
	}
	var verdicts []report.GoalVerdict
	for _, st := range report.EvaluateGoals(goals, sim, sim) {
		verdicts = append(verdicts, st.Verdict)
	}
	return out, verdicts, sim, nil
}

// Band is a metric's spread over the runs on each sample day: the 10th,
// 50th and 90th percentiles (nearest rank).
type Band struct {
	P10, P50, P90 []int64
}

// Band gives the spread of metric m (an index into Metrics).
func (r *Result) Band(m int) Band {
	n := len(r.values)
	b := Band{make([]int64, len(r.Days)), make([]int64, len(r.Days)), make([]int64, len(r.Days))}
	col := make([]int64, n)
	for s := range r.Days {
		for i := range n {
			col[i] = r.values[i][m][s]
		}
		slices.Sort(col)
		b.P10[s], b.P50[s], b.P90[s] = col[rank(10, n)], col[rank(50, n)], col[rank(90, n)]
	}
	return b
}

// rank is the index of the p-th percentile of n sorted values, by the
// nearest-rank method.
func rank(p, n int) int { return max(0, (p*n+99)/100-1) }

// Digest is a hash of every run's every kept value: the same scenario and
// number of runs give the same digest on every platform (a golden).
func (r *Result) Digest() uint64 {
	h := fnv.New64a()
	var b [8]byte
	for _, run := range r.values {
		for _, series := range run {
			for _, v := range series {
				binary.LittleEndian.PutUint64(b[:], uint64(v))
				h.Write(b[:])
			}
		}
	}
	return h.Sum64()
}
