package ensemble

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"gigasandbox/model"
	"gigasandbox/model/report"
)

// smallScenario is grid-crunch cut to two years: quick enough to run
// many ensembles of it in one test.
func smallScenario(t testing.TB) model.Scenario {
	t.Helper()
	sc, err := model.Preset("grid-crunch")
	if err != nil {
		t.Fatal(err)
	}
	sc.Days = 2 * 365
	var cmds []model.Command
	for _, c := range sc.Commands {
		if c.Day < model.Day(sc.Days) {
			cmds = append(cmds, c)
		}
	}
	sc.Commands = cmds
	return sc
}

// sameResult fails unless a and b hold the same runs with the same values,
// outcomes and verdicts.
func sameResult(t *testing.T, what string, a, b *Result) {
	t.Helper()
	if a.Held() != b.Held() || a.Digest() != b.Digest() {
		t.Fatalf("%s: %d runs, digest %016x; want %d, %016x", what, b.Held(), b.Digest(), a.Held(), a.Digest())
	}
	for i := range a.values {
		for k := range a.outcomes[i] {
			if a.outcomes[i][k] != b.outcomes[i][k] {
				t.Fatalf("%s: run %d outcome %s: %d, want %d", what, i, a.Headline[k].Key, b.outcomes[i][k], a.outcomes[i][k])
			}
		}
		for g := range a.verdicts[i] {
			if a.verdicts[i][g] != b.verdicts[i][g] {
				t.Fatalf("%s: run %d goal %d: %s, want %s", what, i, g, b.verdicts[i][g], a.verdicts[i][g])
			}
		}
	}
}

// TestJobEqualsRun: a job advanced in slices of any size, and restarted
// after an edit in the memory of the last, gives Run's result bit for bit,
// and its partial results fill in run by run with ordered bands.
func TestJobEqualsRun(t *testing.T) {
	sc := smallScenario(t)
	goals, _, _ := report.Goals("grid-crunch")
	cfg := Config{Runs: MinRuns, Goals: goals}
	want, err := Run(context.Background(), sc, Config{Runs: MinRuns, Workers: 2, Goals: goals})
	if err != nil {
		t.Fatal(err)
	}
	// an edited scenario's job, dropped half way, lends its memory
	edited := sc
	edited.Assumptions = map[string]string{"pue": "1.25"}
	var old *Job
	old = old.Restart(edited, cfg)
	old.Advance(1000)
	for _, slice := range []int{1, 37, 365, 100000} {
		j := old.Restart(sc, cfg)
		old = nil
		if done, of := j.Progress(); done != 0 || of != MinRuns {
			t.Fatalf("a new job's progress is %d of %d", done, of)
		}
		last := -1
		for !j.Advance(slice) {
			done, _ := j.Progress()
			if done < last {
				t.Fatalf("slice %d: progress went back from %d to %d", slice, last, done)
			}
			if last = done; done > 0 {
				r := j.Result()
				if r.Held() != done {
					t.Fatalf("slice %d: %d runs held, progress says %d", slice, r.Held(), done)
				}
				b := r.Band(0)
				for s := range b.P10 {
					if b.P10[s] > b.P50[s] || b.P50[s] > b.P90[s] {
						t.Fatalf("slice %d: partial band out of order", slice)
					}
				}
				if odds := r.Odds(); odds[0].Runs != done {
					t.Fatalf("slice %d: odds over %d runs, %d done", slice, odds[0].Runs, done)
				}
			}
		}
		if j.Err() != nil {
			t.Fatal(j.Err())
		}
		sameResult(t, fmt.Sprintf("job in slices of %d", slice), want, j.Result())
		old = j
	}
}

// TestJobErrors: a job of a bad config stops at once with the reason.
func TestJobErrors(t *testing.T) {
	sc := smallScenario(t)
	for _, tt := range []struct {
		cfg  Config
		want string
	}{
		{Config{Runs: 8}, "8 runs: want 16 to 1024"},
		{Config{Runs: 16, Shard: 3, Shards: 2}, "shard 3 of 2"},
		{Config{Runs: 16, Vary: []model.Param{model.NumParams}}, "no assumption"},
	} {
		j := NewJob(sc, tt.cfg)
		if !j.Advance(1) || j.Err() == nil || !strings.Contains(j.Err().Error(), tt.want) {
			t.Errorf("job of %+v: err %v, want %q", tt.cfg, j.Err(), tt.want)
		}
	}
}

// TestShardsMerge: the shards of an ensemble, written and read back as
// files and merged in any order, are the one-machine result; merging a
// shard twice, leaving one out or mixing ensembles is refused.
func TestShardsMerge(t *testing.T) {
	sc := smallScenario(t)
	goals, _, _ := report.Goals("grid-crunch")
	whole, err := Run(context.Background(), sc, Config{Runs: 20, Workers: 2, Goals: goals})
	if err != nil {
		t.Fatal(err)
	}
	var parts []*Result
	for i := 2; i >= 0; i-- { // out of order
		p, err := Run(context.Background(), sc, Config{Runs: 20, Workers: 2, Goals: goals, Shard: i, Shards: 3})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := p.WritePart(&buf); err != nil {
			t.Fatal(err)
		}
		back, err := ReadPart(&buf)
		if err != nil {
			t.Fatal(err)
		}
		sameResult(t, "shard read back", p, back)
		parts = append(parts, back)
	}
	merged, err := Merge(parts)
	if err != nil {
		t.Fatal(err)
	}
	sameResult(t, "merged shards", whole, merged)
	if a, b := whole.Outcomes(), merged.Outcomes(); len(a) == 0 || a[0] != b[0] {
		t.Errorf("outcomes %v, merged %v", a, b)
	}
	other := sc
	other.Seed++
	alien, err := Run(context.Background(), other, Config{Runs: 20, Goals: goals, Shard: 0, Shards: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		parts []*Result
		want  string
	}{
		{parts[:2], "runs are in no part"},
		{append(parts[:3:3], parts[0]), "give each shard once"},
		{[]*Result{parts[0], parts[1], alien}, "another scenario"},
		{nil, "no parts"},
	} {
		if _, err := Merge(tt.parts); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("merge of %d parts: %v, want %q", len(tt.parts), err, tt.want)
		}
	}
}

// TestVary: drawing a subset of the assumptions holds the others at the
// scenario's figures and draws the subset as the whole ensemble does; a
// demand share brings the other three; a fixed or set assumption is
// refused with the reason.
func TestVary(t *testing.T) {
	sc := smallScenario(t)
	all, _, err := DrawsVaried(sc, MinRuns, nil)
	if err != nil {
		t.Fatal(err)
	}
	pue, _ := model.ParamByKey("pue")
	some, varied, err := DrawsVaried(sc, MinRuns, []model.Param{pue, model.ParamStartupShare})
	if err != nil {
		t.Fatal(err)
	}
	if len(varied) != 5 {
		t.Fatalf("varied %v: want pue and the four demand shares", varied)
	}
	for i := range some {
		if some[i].Assumptions["pue"] != all[i].Assumptions["pue"] || some[i].Seed != all[i].Seed {
			t.Fatalf("run %d: pue %s, seed %d; the whole ensemble draws %s, %d", i, some[i].Assumptions["pue"], some[i].Seed, all[i].Assumptions["pue"], all[i].Seed)
		}
		if len(some[i].Assumptions) != 5 {
			t.Fatalf("run %d sets %d assumptions, want 5", i, len(some[i].Assumptions))
		}
	}
	set := sc
	set.Assumptions = map[string]string{"pue": "1.2"}
	if _, _, err := DrawsVaried(set, MinRuns, []model.Param{pue}); err == nil || !strings.Contains(err.Error(), "set by the scenario") {
		t.Errorf("varying an assumption the scenario sets: %v", err)
	}
	for p := range model.NumParams {
		if p.Range().Fixed() {
			if _, _, err := DrawsVaried(sc, MinRuns, []model.Param{p}); err == nil || !strings.Contains(err.Error(), "fixed") {
				t.Errorf("varying fixed %s: %v", p.Info().Key, err)
			}
			break
		}
	}
}

// FuzzReadPart: a part file from outside is read or refused, never
// panics, and what is read writes back to a file that reads the same.
func FuzzReadPart(f *testing.F) {
	sc := smallScenario(f)
	sc.Days = 30
	sc.Commands, sc.Sites = nil, nil
	r, err := Run(context.Background(), sc, Config{Runs: MinRuns, Shard: 1, Shards: 4})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WritePart(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"gigasim-ensemble-part","version":1}`))
	f.Add([]byte(`{"format":"x"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ReadPart(bytes.NewReader(data))
		if err != nil {
			return
		}
		var out bytes.Buffer
		if err := r.WritePart(&out); err != nil {
			t.Fatal(err)
		}
		back, err := ReadPart(&out)
		if err != nil {
			t.Fatalf("a part read back fails: %v", err)
		}
		if back.Held() != r.Held() || back.Digest() != r.Digest() {
			t.Fatal("a part read back differs")
		}
	})
}

// TestRunJSON: runs written one at a time by one thread (a Web Worker's
// job) and added to an empty result on another, in any order, give the
// job's result; a run twice, from another ensemble or malformed is refused.
func TestRunJSON(t *testing.T) {
	sc := smallScenario(t)
	goals, _, _ := report.Goals("grid-crunch")
	cfg := Config{Runs: MinRuns, Goals: goals}
	j := NewJob(sc, cfg)
	for !j.Advance(1 << 20) {
	}
	want := j.Result()
	got, err := Empty(sc, cfg)
	if err != nil {
		t.Fatal(err)
	}
	var lines [][]byte
	for i := MinRuns - 1; i >= 0; i-- {
		b, err := want.RunJSON(i)
		if err != nil {
			t.Fatal(err)
		}
		if err := got.AddRunJSON(b); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, b)
	}
	sameResult(t, "runs added one at a time", want, got)
	// the same in binary
	bin, err := Empty(sc, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i := range MinRuns {
		b, err := want.RunBinary(i)
		if err != nil {
			t.Fatal(err)
		}
		if err := bin.AddRunBinary(b); err != nil {
			t.Fatal(err)
		}
	}
	sameResult(t, "runs added in binary", want, bin)
	b0, _ := want.RunBinary(0)
	if err := bin.AddRunBinary(b0); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a binary run twice: %v", err)
	}
	if err := bin.AddRunBinary(b0[:len(b0)-1]); err == nil {
		t.Error("a binary run cut short was added")
	}
	if err := got.AddRunJSON(lines[0]); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a run twice: %v", err)
	}
	other, _ := Empty(sc, Config{Runs: MinRuns})
	if err := other.AddRunJSON(lines[0]); err == nil || !strings.Contains(err.Error(), "verdicts") {
		t.Errorf("a run judged on goals into a result without: %v", err)
	}
	if err := other.AddRunJSON([]byte(`{"run": 1, "nope": 2}`)); err == nil {
		t.Error("a malformed run was added")
	}
	if _, err := want.RunJSON(MinRuns); err == nil {
		t.Error("RunJSON of a run past the end")
	}
}

// FuzzAddRunJSON: a run from outside is added or refused, never panics.
func FuzzAddRunJSON(f *testing.F) {
	sc := smallScenario(f)
	sc.Days, sc.Commands, sc.Sites = 30, nil, nil
	r, err := Run(context.Background(), sc, Config{Runs: MinRuns})
	if err != nil {
		f.Fatal(err)
	}
	b, _ := r.RunJSON(3)
	f.Add(b)
	f.Add([]byte(`{"run":0,"values":[],"outcomes":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := Empty(sc, Config{Runs: MinRuns})
		if err != nil {
			t.Fatal(err)
		}
		if e.AddRunJSON(data) == nil && e.Held() != 1 {
			t.Fatalf("a run added, %d held", e.Held())
		}
	})
}

// FuzzAddRunBinary: a binary run from outside is added or refused, never
// panics.
func FuzzAddRunBinary(f *testing.F) {
	sc := smallScenario(f)
	sc.Days, sc.Commands, sc.Sites = 30, nil, nil
	r, err := Run(context.Background(), sc, Config{Runs: MinRuns})
	if err != nil {
		f.Fatal(err)
	}
	b, _ := r.RunBinary(3)
	f.Add(b)
	f.Add([]byte("GSR1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := Empty(sc, Config{Runs: MinRuns})
		if err != nil {
			t.Fatal(err)
		}
		if e.AddRunBinary(data) == nil && e.Held() != 1 {
			t.Fatalf("a run added, %d held", e.Held())
		}
	})
}
