package ensemble

import (
	"context"
	"encoding/binary"
	"fmt"
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
// SampleEvery days, its headline outcomes at the horizon and its goals'
// verdicts. A result may hold only some of its runs (a shard, or a Job
// still filling in): bands and odds are then those of the runs it holds.
type Result struct {
	Scenario model.Scenario
	Draws    []model.Scenario
	Varied   []model.Param // the assumptions drawn
	Days     []model.Day   // the sample days
	Goals    []report.Goal
	// Headline are the keys and units of the headline outcomes
	// (report.Compare's rows), in its order.
	Headline []report.CompareRow
	// values[run][metric][sample], nil for a run not held
	values [][][]int64
	// outcomes[run][headline]
	outcomes [][]int64
	// verdicts[run][goal]
	verdicts [][]report.GoalVerdict
}

// newResult is an empty result for the draws of sc.
func newResult(sc model.Scenario, draws []model.Scenario, varied []model.Param, goals []report.Goal) *Result {
	n := len(draws)
	return &Result{Scenario: sc, Draws: draws, Varied: varied, Days: sampleDays(sc.Days), Goals: goals, Headline: headlineRows(),
		values: make([][][]int64, n), outcomes: make([][]int64, n), verdicts: make([][]report.GoalVerdict, n)}
}

// headlineRows are report.Compare's rows, for their keys and units.
func headlineRows() []report.CompareRow {
	rows := report.Compare(report.Outcomes{}, report.Outcomes{})
	for i := range rows {
		rows[i].A, rows[i].B, rows[i].Diff = 0, 0, 0
	}
	return rows
}

// Runs is the size of the ensemble.
func (r *Result) Runs() int { return len(r.Draws) }

// Held is how many of its runs the result holds.
func (r *Result) Held() int {
	n := 0
	for _, v := range r.values {
		if v != nil {
			n++
		}
	}
	return n
}

// Odds is how often a goal is met over an ensemble's runs.
type Odds struct {
	Goal      report.Goal
	Met, Runs int
	// Undecided counts runs in which the goal could not be judged (a
	// metric or state the run does not know).
	Undecided int
}

// Percent is the share of runs in which the goal is met, in whole per
// cent rounded down (the page's "met in 72% of runs"); 0 with no runs.
func (o Odds) Percent() int {
	if o.Runs == 0 {
		return 0
	}
	return o.Met * 100 / o.Runs
}

// Odds gives each of Config.Goals how often it was met in the runs held.
func (r *Result) Odds() []Odds {
	out := make([]Odds, len(r.Goals))
	for g := range r.Goals {
		out[g] = Odds{Goal: r.Goals[g]}
		for i := range r.verdicts {
			if r.values[i] == nil {
				continue
			}
			out[g].Runs++
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
	// Vary, if set, are the assumptions to draw (a subset of Varied); the
	// others keep the scenario's figures. Nil draws every one of Varied.
	Vary []model.Param
	// Shard and Shards, if Shards > 1, run only the Shard-th (from 0) of
	// Shards equal parts of the runs: Merge joins the parts into the
	// result of one machine.
	Shard, Shards int
}

// runs is the ensemble's size.
func (c Config) runs() int {
	if c.Runs == 0 {
		return DefaultRuns
	}
	return c.Runs
}

// span is the runs [from, to) of the config's shard of n runs.
func (c Config) span(n int) (from, to int, err error) {
	if c.Shards <= 1 {
		if c.Shard != 0 {
			return 0, 0, fmt.Errorf("ensemble: shard %d of %d: want shard 0", c.Shard, c.Shards)
		}
		return 0, n, nil
	}
	if c.Shards > n || c.Shard < 0 || c.Shard >= c.Shards {
		return 0, 0, fmt.Errorf("ensemble: shard %d of %d of %d runs: want 0 ≤ shard < shards ≤ runs", c.Shard, c.Shards, n)
	}
	return c.Shard * n / c.Shards, (c.Shard + 1) * n / c.Shards, nil
}

// Run runs the ensemble of sc to the horizon. Runs are independent and
// each is a pure function of its draw, so the result does not depend on
// the number of workers.
func Run(ctx context.Context, sc model.Scenario, cfg Config) (*Result, error) {
	n := cfg.runs()
	from, to, err := cfg.span(n)
	if err != nil {
		return nil, err
	}
	draws, varied, err := DrawsVaried(sc, n, cfg.Vary)
	if err != nil {
		return nil, err
	}
	res := newResult(sc, draws, varied, cfg.Goals)
	spare := make([]*model.Sim, max(1, cfg.Workers))
	err = forEach(ctx, to-from, cfg.Workers, cfg.Progress, func(w, i int) error {
		sim, err := runOne(draws[from+i], spare[w])
		if err != nil {
			return err
		}
		res.keep(from+i, sim)
		spare[w] = sim
		return nil
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

// runOne runs one draw to its horizon, in the memory of a finished run
// (model.NewFrom), which is not to be read again.
func runOne(sc model.Scenario, spare *model.Sim) (*model.Sim, error) {
	sim, err := model.NewFrom(sc, spare)
	if err != nil {
		return nil, err
	}
	for sim.Day() < sim.Horizon() {
		if err := sim.Step(); err != nil {
			return nil, err
		}
	}
	return sim, nil
}

// keep records run i, run to its horizon: its metrics on the sample days,
// its headline outcomes and its goals' verdicts. Runs may be kept from
// several goroutines at once, each its own i.
func (r *Result) keep(i int, sim *model.Sim) {
	hist := sim.History()
	vals := make([][]int64, len(Metrics))
	for m, metric := range Metrics {
		vals[m] = make([]int64, len(r.Days))
		for s, d := range r.Days {
			vals[m][s] = metric.Of(&hist[d])
		}
	}
	o := report.OutcomesOf(sim)
	rows := report.Compare(o, o)
	outs := make([]int64, len(rows))
	for k, row := range rows {
		outs[k] = row.A
	}
	var verdicts []report.GoalVerdict
	for _, st := range report.EvaluateGoals(r.Goals, sim, sim) {
		verdicts = append(verdicts, st.Verdict)
	}
	r.values[i], r.outcomes[i], r.verdicts[i] = vals, outs, verdicts
}

// Band is a metric's spread over the runs on each sample day: the 10th,
// 50th and 90th percentiles (nearest rank).
type Band struct {
	P10, P50, P90 []int64
}

// Band gives the spread of metric m (an index into Metrics) over the runs
// held; a band of no days if the result holds no run.
func (r *Result) Band(m int) Band {
	held := r.Held()
	if held == 0 {
		return Band{}
	}
	b := Band{make([]int64, len(r.Days)), make([]int64, len(r.Days)), make([]int64, len(r.Days))}
	col := make([]int64, 0, held)
	for s := range r.Days {
		col = col[:0]
		for _, run := range r.values {
			if run != nil {
				col = append(col, run[m][s])
			}
		}
		b.P10[s], b.P50[s], b.P90[s] = percentiles(col)
	}
	return b
}

// percentiles sorts col and gives its P10, median and P90.
func percentiles(col []int64) (p10, p50, p90 int64) {
	slices.Sort(col)
	n := len(col)
	return col[rank(10, n)], col[rank(50, n)], col[rank(90, n)]
}

// Spread is a headline outcome's P10, median and P90 at the horizon over
// the runs held.
type Spread struct {
	Key           string
	Unit          report.Unit
	P10, P50, P90 int64
}

// Outcomes gives each headline outcome's spread (report.Compare's rows, in
// its order); nil if the result holds no run.
func (r *Result) Outcomes() []Spread {
	if r.Held() == 0 {
		return nil
	}
	out := make([]Spread, len(r.Headline))
	col := make([]int64, 0, len(r.outcomes))
	for k, row := range r.Headline {
		col = col[:0]
		for i, o := range r.outcomes {
			if r.values[i] != nil {
				col = append(col, o[k])
			}
		}
		out[k] = Spread{Key: row.Key, Unit: row.Unit}
		out[k].P10, out[k].P50, out[k].P90 = percentiles(col)
	}
	return out
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
