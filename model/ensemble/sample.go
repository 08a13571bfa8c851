package ensemble

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"slices"

	"gigasandbox/model"
	"gigasandbox/model/rng"
)

// Runs an ensemble may have.
const (
	DefaultRuns = 64
	MinRuns     = 16
	MaxRuns     = 1024
)

// Stream names of the ensemble's draws (model/rng): apart from the
// simulation's own streams, which each run keeps.
const (
	streamOrder rng.Stream = 101 // the Latin hypercube's permutations
	streamPoint rng.Stream = 102 // where in its stratum a draw falls
	streamSeed  rng.Stream = 103 // each run's simulation seed
)

// Varied lists the assumptions an ensemble of sc draws: those with a range
// that sc does not set itself (a user's own figure is held). The four
// demand shares move together: all of them, or none if sc sets any.
func Varied(sc *model.Scenario) []model.Param {
	setShare := false
	for _, p := range shareParams {
		_, set := sc.Assumptions[p.Info().Key]
		setShare = setShare || set
	}
	var out []model.Param
	for p := range model.NumParams {
		if _, set := sc.Assumptions[p.Info().Key]; set || p.Range().Fixed() {
			continue
		}
		if setShare && slices.Contains(shareParams, p) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// shareParams are the demand shares, which must sum to 1.
var shareParams = []model.Param{model.ParamStartupShare, model.ParamResearchShare, model.ParamIndustryShare, model.ParamPublicShare}

// Key is the seed of an ensemble: a digest of the scenario, so that the
// same scenario gives the same draws on every machine and every link of it
// the same bands. The release is left out: a link pins the release that a
// preset or a file leaves to the newest, and the two must draw alike (the
// release still decides each run's figures).
func Key(sc *model.Scenario) (uint64, error) {
	canon := *sc
	canon.Release = ""
	b, err := canon.MarshalIndent()
	if err != nil {
		return 0, err
	}
	sum := sum256(b)
	return binary.LittleEndian.Uint64(sum[:8]), nil
}

// Draws returns the n scenarios of sc's ensemble: each assumption of
// Varied drawn by Latin hypercube sampling within its range (every run in
// its own n-th of each range, the strata shuffled per assumption), and each
// run with its own simulation seed, all from a generator keyed on sc.
func Draws(sc model.Scenario, n int) ([]model.Scenario, error) {
	d, _, err := DrawsVaried(sc, n, nil)
	return d, err
}

// DrawsVaried is Draws with only the assumptions of vary drawn (all of
// Varied if vary is nil), the others held at the scenario's figures. An
// assumption's draws are the same whichever others vary, as they come from
// its own stream; naming one demand share varies all four, which move
// together. It returns the assumptions drawn, in Varied's order.
func DrawsVaried(sc model.Scenario, n int, vary []model.Param) ([]model.Scenario, []model.Param, error) {
	if n < MinRuns || n > MaxRuns {
		return nil, nil, fmt.Errorf("ensemble: %d runs: want %d to %d", n, MinRuns, MaxRuns)
	}
	if err := sc.Validate(); err != nil {
		return nil, nil, err
	}
	key, err := Key(&sc)
	if err != nil {
		return nil, nil, err
	}
	varied, err := chooseVaried(&sc, vary)
	if err != nil {
		return nil, nil, err
	}
	vals := make([][model.NumParams]int64, n)
	for _, p := range varied {
		order := permutation(rng.NewKey(key, streamOrder), uint64(p), n)
		point := rng.NewKey(key, streamPoint)
		for i := range n {
			u := point.Uint64(uint64(p), int64(i)) >> 32 // where in the stratum, in 2^-32
			vals[i][p] = quantile(p.Range(), p.Info().Default, uint64(order[i]), u, uint64(n))
		}
	}
	out := make([]model.Scenario, n)
	seeds := rng.NewKey(key, streamSeed)
	for i := range n {
		d := sc
		d.Seed = seeds.Uint64(uint64(i), 0)
		d.Assumptions = make(map[string]string, len(sc.Assumptions)+len(varied))
		for k, v := range sc.Assumptions {
			d.Assumptions[k] = v
		}
		if slices.Contains(varied, model.ParamStartupShare) {
			normaliseShares(&vals[i])
		}
		for _, p := range varied {
			d.Assumptions[p.Info().Key] = p.Format(vals[i][p])
		}
		out[i] = d
	}
	return out, varied, nil
}

// chooseVaried is Varied(sc) narrowed to vary (all of it if vary is nil),
// with the four demand shares together. It refuses an assumption that
// Varied does not hold, saying why.
func chooseVaried(sc *model.Scenario, vary []model.Param) ([]model.Param, error) {
	all := Varied(sc)
	if vary == nil {
		return all, nil
	}
	want := [model.NumParams]bool{}
	for _, p := range vary {
		if p < 0 || p >= model.NumParams {
			return nil, fmt.Errorf("ensemble: no assumption %d", p)
		}
		if !slices.Contains(all, p) {
			key := p.Info().Key
			if p.Range().Fixed() {
				return nil, fmt.Errorf("ensemble: %s has no range to draw from: it is fixed (gigasim assumptions --ranges says why)", key)
			}
			return nil, fmt.Errorf("ensemble: %s is set by the scenario, which holds it: remove it from the scenario's assumptions to vary it", key)
		}
		want[p] = true
		if slices.Contains(shareParams, p) {
			for _, q := range shareParams {
				want[q] = true
			}
		}
	}
	var out []model.Param
	for _, p := range all {
		if want[p] {
			out = append(out, p)
		}
	}
	return out, nil
}

// permutation is a shuffle of 0..n-1 for one assumption (Fisher–Yates
// with the ensemble's draws).
func permutation(k rng.Key, unit uint64, n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := int(k.Uint64(unit, int64(i)) % uint64(i+1))
		p[i], p[j] = p[j], p[i]
	}
	return p
}

// quantile is the value of the range r (mode m for a triangular one) at the
// probability (stratum + u/2^32) / n, in whole stored units, in integer
// arithmetic alone so that every platform gives the same value.
func quantile(r model.Range, m int64, stratum, u, n uint64) int64 {
	// x = X / D, with X < D = n·2^32
	X, D := stratum<<32|u, n<<32
	w := uint64(r.High - r.Low)
	if w == 0 {
		return r.Low
	}
	if r.Dist == model.DistUniform {
		return r.Low + int64(mulDiv(X, w, D))
	}
	a, b := uint64(m-r.Low), uint64(r.High-m) // the mode's distances to the ends
	// The CDF reaches a/w at the mode: below it, v = low + sqrt(x·w·a);
	// above, v = high − sqrt((1−x)·w·b).
	if hi1, lo1 := bits.Mul64(X, w); cmp128(hi1, lo1, D, a) < 0 {
		return r.Low + int64(isqrt(mulDiv(X, w*a, D)))
	}
	return r.High - int64(isqrt(mulDiv(D-X, w*b, D)))
}

// mulDiv is a·b/c rounded down, with a 128-bit product; the result must fit
// 64 bits (a < c).
func mulDiv(a, b, c uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	q, _ := bits.Div64(hi, lo, c)
	return q
}

// cmp128 compares hi:lo with c·d.
func cmp128(hi, lo, c, d uint64) int {
	h2, l2 := bits.Mul64(c, d)
	switch {
	case hi != h2:
		return cmpU(hi, h2)
	default:
		return cmpU(lo, l2)
	}
}

func cmpU(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// isqrt is ⌊√v⌋.
func isqrt(v uint64) uint64 {
	if v < 2 {
		return v
	}
	x := uint64(1) << ((bits.Len64(v) + 1) / 2) // ≥ √v
	for {
		y := (x + v/x) / 2
		if y >= x {
			return x
		}
		x = y
	}
}

// normaliseShares scales the drawn demand shares to sum to 1 (1,000
// thousandths), giving what rounding leaves to the largest.
func normaliseShares(v *[model.NumParams]int64) {
	var sum int64
	for _, p := range shareParams {
		sum += v[p]
	}
	var total int64
	largest := shareParams[0]
	for _, p := range shareParams {
		v[p] = v[p] * 1000 / sum
		total += v[p]
		if v[p] > v[largest] {
			largest = p
		}
	}
	v[largest] += 1000 - total
}

// mulFull is the 128-bit product of a and b.
func mulFull(a, b uint64) (hi, lo uint64) { return bits.Mul64(a, b) }
