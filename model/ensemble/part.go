package ensemble

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"gigasandbox/model"
	"gigasandbox/model/report"
)

// partFormat names the file of a shard's runs (WritePart).
const partFormat = "gigasim-ensemble-part"

// partVersion is the layout of that file; ReadPart refuses another.
const partVersion = 1

// partFile is a result's held runs as a file: what one machine of a
// sharded sweep writes and Merge joins.
type partFile struct {
	Format   string          `json:"format"`
	Version  int             `json:"version"`
	Scenario json.RawMessage `json:"scenario"`
	Runs     int             `json:"runs"`
	Varied   []string        `json:"varied"`
	Goals    []partGoal      `json:"goals,omitempty"`
	Days     []model.Day     `json:"days"`
	Metrics  []string        `json:"metrics"`
	Headline []string        `json:"headline"`
	Held     []partRun       `json:"held"`
}

type partGoal struct {
	ID     string    `json:"id"`
	Text   string    `json:"text"`
	Metric string    `json:"metric"`
	State  string    `json:"state,omitempty"`
	Cmp    string    `json:"cmp"`
	Target int64     `json:"target"`
	By     model.Day `json:"by"`
}

type partRun struct {
	Run      int       `json:"run"`
	Values   [][]int64 `json:"values"`   // [metric][sample]
	Outcomes []int64   `json:"outcomes"` // [headline]
	Verdicts []string  `json:"verdicts,omitempty"`
}

// WritePart writes the runs r holds, with what Merge needs to check that
// parts belong together: the scenario, the size, the assumptions drawn and
// the goals.
func (r *Result) WritePart(w io.Writer) error {
	sc, err := r.Scenario.MarshalIndent()
	if err != nil {
		return err
	}
	f := partFile{Format: partFormat, Version: partVersion, Scenario: sc, Runs: r.Runs(), Days: r.Days}
	for _, p := range r.Varied {
		f.Varied = append(f.Varied, p.Info().Key)
	}
	for _, g := range r.Goals {
		f.Goals = append(f.Goals, partGoal(g))
	}
	for _, m := range Metrics {
		f.Metrics = append(f.Metrics, m.Key)
	}
	for _, row := range r.Headline {
		f.Headline = append(f.Headline, row.Key)
	}
	for i, v := range r.values {
		if v == nil {
			continue
		}
		run := partRun{Run: i, Values: v, Outcomes: r.outcomes[i]}
		for _, vd := range r.verdicts[i] {
			run.Verdicts = append(run.Verdicts, vd.String())
		}
		f.Held = append(f.Held, run)
	}
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// ReadPart reads a file WritePart wrote. It checks the file's shape against
// this program's ensembles (the same metrics, sample days and outcomes) and
// redraws the scenario's ensemble, so that a part from another version of
// the program or another scenario is refused with the reason.
func ReadPart(rd io.Reader) (*Result, error) {
	dec := json.NewDecoder(rd)
	dec.DisallowUnknownFields()
	var f partFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not a part of an ensemble (gigasim sweep --shard writes one): %w", err)
	}
	if f.Format != partFormat {
		return nil, fmt.Errorf("format %q: want %q (gigasim sweep --shard writes it)", f.Format, partFormat)
	}
	if f.Version != partVersion {
		return nil, fmt.Errorf("version %d: this gigasim reads version %d; run every part and the merge with one version", f.Version, partVersion)
	}
	sc, err := model.ParseScenario(f.Scenario)
	if err != nil {
		return nil, fmt.Errorf("its scenario: %w", err)
	}
	var vary []model.Param
	for _, key := range f.Varied {
		p, ok := model.ParamByKey(key)
		if !ok {
			return nil, fmt.Errorf("varied: %q is no assumption of this gigasim", key)
		}
		vary = append(vary, p)
	}
	if vary == nil {
		vary = []model.Param{}
	}
	draws, varied, err := DrawsVaried(sc, f.Runs, vary)
	if err != nil {
		return nil, err
	}
	if !slices.Equal(varied, vary) {
		return nil, errors.New("its varied assumptions are not those this gigasim draws for its scenario")
	}
	var goals []report.Goal
	for _, g := range f.Goals {
		goals = append(goals, report.Goal(g))
	}
	r := newResult(sc, draws, varied, goals)
	if !slices.Equal(f.Days, r.Days) {
		return nil, errors.New("its sample days differ from this gigasim's for its scenario")
	}
	var metrics, headline []string
	for _, m := range Metrics {
		metrics = append(metrics, m.Key)
	}
	for _, row := range r.Headline {
		headline = append(headline, row.Key)
	}
	if !slices.Equal(f.Metrics, metrics) || !slices.Equal(f.Headline, headline) {
		return nil, errors.New("its outcomes differ from this gigasim's: run every part and the merge with one version")
	}
	for _, run := range f.Held {
		if err := r.addRun(run); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// verdictByName is the verdict whose String is s.
func verdictByName(s string) (report.GoalVerdict, bool) {
	for v := report.GoalUnknown; v <= report.GoalMissed; v++ {
		if v.String() == s {
			return v, true
		}
	}
	return 0, false
}

// Merge joins parts of one ensemble (the shards of a sweep, in any order)
// into the result one machine would have given. The parts must be of the
// same scenario, size, assumptions and goals, and hold every run once.
func Merge(parts []*Result) (*Result, error) {
	if len(parts) == 0 {
		return nil, errors.New("no parts to merge")
	}
	first := parts[0]
	key, err := keyText(first)
	if err != nil {
		return nil, err
	}
	out := newResult(first.Scenario, first.Draws, first.Varied, first.Goals)
	from := make([]int, first.Runs()) // which part gave each run, +1
	for pi, p := range parts {
		k, err := keyText(p)
		if err != nil {
			return nil, err
		}
		switch {
		case k != key:
			return nil, fmt.Errorf("part %d is of another scenario than part 1", pi+1)
		case p.Runs() != first.Runs():
			return nil, fmt.Errorf("part %d is of %d runs, part 1 of %d", pi+1, p.Runs(), first.Runs())
		case !slices.Equal(p.Varied, first.Varied):
			return nil, fmt.Errorf("part %d draws other assumptions than part 1 (--vary)", pi+1)
		case !slices.Equal(p.Goals, first.Goals):
			return nil, fmt.Errorf("part %d judges other goals than part 1", pi+1)
		}
		for i, v := range p.values {
			if v == nil {
				continue
			}
			if from[i] != 0 {
				return nil, fmt.Errorf("run %d is in part %d and part %d: give each shard once", i, from[i], pi+1)
			}
			from[i] = pi + 1
			out.values[i], out.outcomes[i], out.verdicts[i] = v, p.outcomes[i], p.verdicts[i]
		}
	}
	var missing []string
	for i, f := range from {
		if f == 0 {
			missing = append(missing, strconv.Itoa(i))
		}
	}
	if len(missing) > 0 {
		if len(missing) > 5 {
			missing = append(missing[:5], "…")
		}
		return nil, fmt.Errorf("%d of %d runs are in no part (runs %s): merge every shard of the sweep", len(from)-out.Held(), len(from), strings.Join(missing, ", "))
	}
	return out, nil
}

// keyText is what tells a result's scenario apart: its file.
func keyText(r *Result) (string, error) {
	b, err := r.Scenario.MarshalIndent()
	return string(b), err
}

// Empty is the result of sc's ensemble with none of its runs yet: what a
// page fills in with AddRunJSON as another thread (a Web Worker) finishes
// the runs. Only cfg's Runs, Goals and Vary count.
func Empty(sc model.Scenario, cfg Config) (*Result, error) {
	draws, varied, err := DrawsVaried(sc, cfg.runs(), cfg.Vary)
	if err != nil {
		return nil, err
	}
	return newResult(sc, draws, varied, cfg.Goals), nil
}

// RunJSON is run i as one line of JSON, for AddRunJSON on another thread;
// an error if the result does not hold it.
func (r *Result) RunJSON(i int) ([]byte, error) {
	if i < 0 || i >= len(r.values) || r.values[i] == nil {
		return nil, fmt.Errorf("ensemble: run %d is not held", i)
	}
	run := partRun{Run: i, Values: r.values[i], Outcomes: r.outcomes[i]}
	for _, vd := range r.verdicts[i] {
		run.Verdicts = append(run.Verdicts, vd.String())
	}
	return json.Marshal(run)
}

// AddRunJSON adds a run that RunJSON wrote from the same ensemble (the
// same scenario, size and goals). It refuses a run it holds already, or
// one of another shape, with the reason.
func (r *Result) AddRunJSON(b []byte) error {
	var run partRun
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&run); err != nil {
		return fmt.Errorf("ensemble: not a run: %w", err)
	}
	return r.addRun(run)
}

// addRun checks a run read from outside and holds it.
func (r *Result) addRun(run partRun) error {
	n := len(r.values)
	if run.Run < 0 || run.Run >= n {
		return fmt.Errorf("run %d of %d", run.Run, n)
	}
	if r.values[run.Run] != nil {
		return fmt.Errorf("run %d twice", run.Run)
	}
	if len(run.Values) != len(Metrics) || len(run.Outcomes) != len(r.Headline) || len(run.Verdicts) != len(r.Goals) {
		return fmt.Errorf("run %d: %d metrics, %d outcomes and %d verdicts; want %d, %d and %d",
			run.Run, len(run.Values), len(run.Outcomes), len(run.Verdicts), len(Metrics), len(r.Headline), len(r.Goals))
	}
	for m, v := range run.Values {
		if len(v) != len(r.Days) {
			return fmt.Errorf("run %d: %s has %d values for %d sample days", run.Run, Metrics[m].Key, len(v), len(r.Days))
		}
	}
	verdicts := make([]report.GoalVerdict, len(run.Verdicts))
	for g, s := range run.Verdicts {
		v, ok := verdictByName(s)
		if !ok {
			return fmt.Errorf("run %d: verdict %q", run.Run, s)
		}
		verdicts[g] = v
	}
	r.values[run.Run], r.outcomes[run.Run], r.verdicts[run.Run] = run.Values, run.Outcomes, verdicts
	return nil
}

// runMagic starts a run in RunBinary's form.
const runMagic = "GSR1"

// RunBinary is run i in a compact binary form, for AddRunBinary on
// another thread: decoding it costs a page far less than JSON (a Web
// Worker's runs arrive while the page draws). Little-endian: "GSR1", the
// run (uint32), the metrics (uint16), the sample days (uint32), the
// outcomes (uint16) and the verdicts (uint16), then each metric's values,
// the outcomes (int64 each) and the verdicts (a byte each).
func (r *Result) RunBinary(i int) ([]byte, error) {
	if i < 0 || i >= len(r.values) || r.values[i] == nil {
		return nil, fmt.Errorf("ensemble: run %d is not held", i)
	}
	b := make([]byte, 0, 16+8*(len(Metrics)*len(r.Days)+len(r.Headline))+len(r.Goals))
	b = append(b, runMagic...)
	b = binary.LittleEndian.AppendUint32(b, uint32(i))
	b = binary.LittleEndian.AppendUint16(b, uint16(len(r.values[i])))
	b = binary.LittleEndian.AppendUint32(b, uint32(len(r.Days)))
	b = binary.LittleEndian.AppendUint16(b, uint16(len(r.outcomes[i])))
	b = binary.LittleEndian.AppendUint16(b, uint16(len(r.verdicts[i])))
	for _, series := range r.values[i] {
		for _, v := range series {
			b = binary.LittleEndian.AppendUint64(b, uint64(v))
		}
	}
	for _, v := range r.outcomes[i] {
		b = binary.LittleEndian.AppendUint64(b, uint64(v))
	}
	for _, v := range r.verdicts[i] {
		b = append(b, byte(v))
	}
	return b, nil
}

// AddRunBinary adds a run that RunBinary wrote from the same ensemble; it
// refuses one of another shape, or held already, with the reason.
func (r *Result) AddRunBinary(b []byte) error {
	const head = 18 // the magic and the five counts
	if len(b) < head || string(b[:4]) != runMagic {
		return errors.New("ensemble: not a run (RunBinary writes one)")
	}
	le := binary.LittleEndian
	i, nm, ns, no, nv := int(le.Uint32(b[4:])), int(le.Uint16(b[8:])), int(le.Uint32(b[10:])), int(le.Uint16(b[14:])), int(le.Uint16(b[16:]))
	body := b[head:]
	if nm != len(Metrics) || ns != len(r.Days) || no != len(r.Headline) || nv != len(r.Goals) {
		return fmt.Errorf("ensemble: run %d has %d metrics on %d days, %d outcomes and %d verdicts; want %d, %d, %d and %d",
			i, nm, ns, no, nv, len(Metrics), len(r.Days), len(r.Headline), len(r.Goals))
	}
	if want := 8*(nm*ns+no) + nv; len(body) != want {
		return fmt.Errorf("ensemble: run %d is %d bytes, want %d", i, len(body), want)
	}
	run := partRun{Run: i, Values: make([][]int64, nm), Outcomes: make([]int64, no), Verdicts: make([]string, nv)}
	for m := range run.Values {
		run.Values[m] = make([]int64, ns)
		for s := range run.Values[m] {
			run.Values[m][s] = int64(le.Uint64(body))
			body = body[8:]
		}
	}
	for k := range run.Outcomes {
		run.Outcomes[k] = int64(le.Uint64(body))
		body = body[8:]
	}
	for g := range run.Verdicts {
		if body[g] > byte(report.GoalMissed) {
			return fmt.Errorf("ensemble: run %d: verdict %d", i, body[g])
		}
		run.Verdicts[g] = report.GoalVerdict(body[g]).String()
	}
	return r.addRun(run)
}
