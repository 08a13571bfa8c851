package ensemble

import (
	"slices"
	"testing"

	"gigasandbox/model"
)

// TestQuantile: a draw stays in its range, grows with its probability,
// and falls in its own stratum: the i-th of n strata of a uniform range
// holds its i-th n-th, and a triangular range is split at its mode by the
// share of probability below it.
func TestQuantile(t *testing.T) {
	tests := []struct {
		name string
		r    model.Range
		mode int64
	}{
		{"uniform", model.Range{Low: 100, High: 1100, Dist: model.DistUniform}, 600},
		{"triangular", model.Range{Low: 0, High: 1000, Dist: model.DistTriangular}, 250},
		{"triangular, mode at low", model.Range{Low: 5, High: 90, Dist: model.DistTriangular}, 5},
		{"triangular, mode at high", model.Range{Low: -500, High: 5000, Dist: model.DistTriangular}, 5000},
		{"fixed", model.Range{Low: 7, High: 7, Dist: model.DistUniform}, 7},
	}
	const n = 64
	for _, tt := range tests {
		prev := tt.r.Low
		below := 0
		for s := uint64(0); s < n; s++ {
			for _, u := range []uint64{0, 1 << 31, 1<<32 - 1} {
				v := quantile(tt.r, tt.mode, s, u, n)
				if v < tt.r.Low || v > tt.r.High || v < prev {
					t.Fatalf("%s: quantile(stratum %d, u %d) = %d after %d, outside [%d, %d] or falling", tt.name, s, u, v, prev, tt.r.Low, tt.r.High)
				}
				prev = v
				if u == 1<<31 && v < tt.mode {
					below++
				}
			}
			if tt.r.Dist == model.DistUniform && tt.r.High > tt.r.Low {
				w := tt.r.High - tt.r.Low
				lo, hi := tt.r.Low+w*int64(s)/n, tt.r.Low+w*int64(s+1)/n
				if v := quantile(tt.r, tt.mode, s, 1<<31, n); v < lo || v > hi {
					t.Errorf("%s: stratum %d gave %d, want %d to %d", tt.name, s, v, lo, hi)
				}
			}
		}
		if tt.r.Dist == model.DistTriangular {
			want := n * int(tt.mode-tt.r.Low) / int(tt.r.High-tt.r.Low) // strata whose middle lies below the mode
			if below < want-1 || below > want+1 {
				t.Errorf("%s: %d of %d strata below the mode, want about %d", tt.name, below, n, want)
			}
		}
	}
}

func TestIsqrt(t *testing.T) {
	for _, v := range []uint64{0, 1, 2, 3, 4, 15, 16, 17, 1 << 40, 1<<62 + 12345, 1<<64 - 1} {
		r := isqrt(v)
		if hi, lo := mul(r, r); hi > 0 || lo > v {
			t.Errorf("isqrt(%d) = %d: too big", v, r)
		}
		if hi, lo := mul(r+1, r+1); hi == 0 && lo <= v {
			t.Errorf("isqrt(%d) = %d: too small", v, r)
		}
	}
}

func mul(a, b uint64) (uint64, uint64) { return mulFull(a, b) }

// TestRangesFitTheArithmetic: the draws multiply a range's width by the
// mode's distance to an end in 64 bits.
func TestRangesFitTheArithmetic(t *testing.T) {
	for p := range model.NumParams {
		r := p.Range()
		w := uint64(r.High - r.Low)
		if hi, _ := mulFull(w, w); hi != 0 {
			t.Errorf("%s: range %d to %d is too wide for the draws' arithmetic", p.Info().Key, r.Low, r.High)
		}
	}
}

// TestDraws: an ensemble's draws are valid scenarios, the same for the same
// scenario, one per stratum of every varied assumption, with the user's
// own figures held and the demand shares summing to 1.
func TestDraws(t *testing.T) {
	sc, err := model.Preset("baseline")
	if err != nil {
		t.Fatal(err)
	}
	sc.Assumptions = map[string]string{"pue": "1.3"}
	const n = 32
	a, err := Draws(sc, n)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Draws(sc, n)
	varied := Varied(&sc)
	if len(varied) < 30 {
		t.Fatalf("only %d assumptions varied", len(varied))
	}
	seeds := map[uint64]bool{}
	for i := range a {
		if err := a[i].Validate(); err != nil {
			t.Fatalf("draw %d: %v", i, err)
		}
		if a[i].Assumptions["pue"] != "1.3" {
			t.Errorf("draw %d: pue %s, want the scenario's 1.3 held", i, a[i].Assumptions["pue"])
		}
		seeds[a[i].Seed] = true
		for k, v := range a[i].Assumptions {
			if b[i].Assumptions[k] != v {
				t.Fatalf("two ensembles of one scenario differ: draw %d %s = %s and %s", i, k, v, b[i].Assumptions[k])
			}
		}
	}
	if len(seeds) != n {
		t.Errorf("%d seeds for %d runs", len(seeds), n)
	}
	for _, p := range varied {
		if p == model.ParamStartupShare || p == model.ParamResearchShare || p == model.ParamIndustryShare || p == model.ParamPublicShare {
			continue // renormalised: no longer one per stratum
		}
		r := p.Range()
		if r.Dist != model.DistUniform {
			continue
		}
		vs := make([]int64, 0, n)
		for i := range a {
			v, _ := model.ParseDecimal(a[i].Assumptions[p.Info().Key], p.Info().Scale)
			vs = append(vs, v-r.Low)
		}
		slices.Sort(vs)
		w := r.High - r.Low
		for i, v := range vs { // the i-th smallest lies in the i-th n-th of the range
			if lo, hi := int64(i)*w/n, (int64(i+1)*w+n-1)/n; v < lo || v > hi {
				t.Errorf("%s: the %d-th smallest draw is low+%d, want low+%d to low+%d: one draw per stratum", p.Info().Key, i, v, lo, hi)
			}
		}
	}
	other := sc
	other.Seed++
	c, _ := Draws(other, n)
	if c[0].Seed == a[0].Seed {
		t.Error("another scenario drew the same seeds")
	}
	if _, err := Draws(sc, MinRuns-1); err == nil {
		t.Errorf("Draws(%d runs) accepted", MinRuns-1)
	}
}

// TestKeyIgnoresRelease: a link pins the release that a scenario file may
// leave to the newest; both draw alike, so that a link opens with the
// file's bands (in the page, another browser and gigasim sweep --link).
func TestKeyIgnoresRelease(t *testing.T) {
	sc, err := model.Preset("grid-crunch")
	if err != nil {
		t.Fatal(err)
	}
	open, pinned := sc, sc
	open.Release, pinned.Release = "", "2026-11"
	a, _ := Key(&open)
	b, _ := Key(&pinned)
	if a != b {
		t.Errorf("the key with no release %x, pinned to 2026-11 %x", a, b)
	}
	other := sc
	other.Seed++
	if c, _ := Key(&other); c == a {
		t.Error("another seed, the same key")
	}
}
