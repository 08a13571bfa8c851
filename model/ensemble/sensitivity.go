package ensemble

import (
	"cmp"
	"context"
	"slices"
	"sync"

	"gigasandbox/model"
	"gigasandbox/model/report"
)

// Swing is what one assumption does to an outcome: the outcome with the
// assumption at the low end of its range and at the high end, the others
// as the scenario has them.
type Swing struct {
	Param     model.Param
	Low, High int64
}

// Size is how far the swing moves the outcome.
func (s Swing) Size() int64 {
	d := s.High - s.Low
	if d < 0 {
		return -d
	}
	return d
}

// Tornado is an outcome's swings from each assumption, largest first: the
// rows of a tornado chart around the scenario's own value.
type Tornado struct {
	Key     string // as report.Compare names it
	Unit    report.Unit
	Central int64
	Swings  []Swing
}

// Sensitivity runs the scenario once as it is and twice for each varied
// assumption (at the low and the high end of its range, the others held),
// on the scenario's own seed, and gives each headline outcome
// (report.Compare's rows) its tornado. Runs are independent: the result
// does not depend on workers.
func Sensitivity(ctx context.Context, sc model.Scenario, workers int, progress func(done, of int)) ([]Tornado, error) {
	scs, varied, err := sensitivityRuns(sc)
	if err != nil {
		return nil, err
	}
	rows := make([][]report.CompareRow, len(scs))
	spare := make([]*model.Sim, max(1, workers))
	err = forEach(ctx, len(scs), workers, progress, func(w, i int) error {
		sim, err := runOne(scs[i], spare[w])
		if err != nil {
			return err
		}
		spare[w] = sim
		rows[i] = headlineOf(sim)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return tornadoes(rows, varied), nil
}

// headlineOf is the headline outcomes of a finished run.
func headlineOf(sim *model.Sim) []report.CompareRow {
	o := report.OutcomesOf(sim)
	return report.Compare(o, o)
}

// sensitivityRuns are the runs of a sensitivity analysis of sc: run 0 is
// the scenario; runs 2i+1 and 2i+2 are assumption i of Varied at the low
// and the high end of its range, the others held.
func sensitivityRuns(sc model.Scenario) ([]model.Scenario, []model.Param, error) {
	if err := sc.Validate(); err != nil {
		return nil, nil, err
	}
	varied := Varied(&sc)
	scs := make([]model.Scenario, 1+2*len(varied))
	scs[0] = sc
	for i, p := range varied {
		r := p.Range()
		for j, v := range []int64{r.Low, r.High} {
			d := sc
			d.Assumptions = make(map[string]string, len(sc.Assumptions)+1)
			for k, v := range sc.Assumptions {
				d.Assumptions[k] = v
			}
			d.Assumptions[p.Info().Key] = p.Format(v)
			if slices.Contains(shareParams, p) {
				sharesAround(&d, p, v)
			}
			scs[1+2*i+j] = d
		}
	}
	return scs, varied, nil
}

// tornadoes turns the headline rows of sensitivityRuns into each
// outcome's tornado, largest swing first.
func tornadoes(rows [][]report.CompareRow, varied []model.Param) []Tornado {
	out := make([]Tornado, len(rows[0]))
	for k, row := range rows[0] {
		t := Tornado{Key: row.Key, Unit: row.Unit, Central: row.A}
		for i, p := range varied {
			t.Swings = append(t.Swings, Swing{Param: p, Low: rows[1+2*i][k].A, High: rows[2+2*i][k].A})
		}
		slices.SortStableFunc(t.Swings, func(a, b Swing) int { return cmp.Compare(b.Size(), a.Size()) })
		out[k] = t
	}
	return out
}

// sharesAround sets one demand share to v and scales the other three so
// that the four still sum to 1.
func sharesAround(sc *model.Scenario, p model.Param, v int64) {
	var vals [model.NumParams]int64
	var rest int64
	for _, q := range shareParams {
		vals[q] = q.Info().Default
		if q != p {
			rest += vals[q]
		}
	}
	left := 1000 - v
	var total int64
	var largest model.Param = -1
	for _, q := range shareParams {
		if q == p {
			continue
		}
		vals[q] = vals[q] * left / rest
		total += vals[q]
		if largest < 0 || vals[q] > vals[largest] {
			largest = q
		}
	}
	vals[largest] += left - total
	for _, q := range shareParams {
		if q != p {
			sc.Assumptions[q.Info().Key] = q.Format(vals[q])
		}
	}
}

// forEach calls fn for 0..n-1 on workers goroutines (w is the worker, 0
// to workers-1, for memory a worker reuses), reporting progress, and
// returns the first error by index.
func forEach(ctx context.Context, n, workers int, progress func(done, of int), fn func(w, i int) error) error {
	workers = max(1, min(workers, n))
	jobs := make(chan int)
	errs := make([]error, n)
	var mu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				errs[i] = fn(w, i)
				if progress != nil {
					mu.Lock()
					done++
					progress(done, n)
					mu.Unlock()
				}
			}
		}()
	}
	var err error
feed:
	for i := range n {
		select {
		case jobs <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err != nil {
		return err
	}
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// TornadoOutcomes are the headline outcomes (report.Compare's keys) whose
// tornado the page draws and gigasim tornado prints: one for each of the
// page's questions (chips, demand, money, carbon, companies, the grid).
var TornadoOutcomes = []string{"chips_active", "served_pct", "fund_left", "emissions_run", "startups_active", "grid_queue"}
