package rng_test

import (
	"testing"

	"gigasandbox/model/rng"
)

// TestRegress pins the generator's output. These values are part of every
// golden run and every shared link: never change them. A failure here means
// the generator changed, which breaks every saved scenario.
func TestRegress(t *testing.T) {
	tests := []struct {
		seed   uint64
		stream rng.Stream
		unit   uint64
		day    int64
		want   uint64
	}{
		{0, 0, 0, 0, 0x1957a7604e215178},
		{1, rng.StreamFailure, 0, 0, 0xe99de6414e625b},
		{1, rng.StreamFailure, 1, 0, 0x19cc24fd48102d83},
		{1, rng.StreamFailure, 0, 1, 0x4cfbc5594c44810f},
		{42, rng.StreamLicence, 123456, 3650, 0x6bf7f4f0f32ba423},
		{^uint64(0), rng.StreamFailure, 999999, -1400, 0x3901f08b79db9611},
	}
	for _, tt := range tests {
		if got := rng.Uint64(tt.seed, tt.stream, tt.unit, tt.day); got != tt.want {
			t.Errorf("Uint64(%d, %d, %d, %d) = %#x, want %#x", tt.seed, tt.stream, tt.unit, tt.day, got, tt.want)
		}
		if got := rng.NewKey(tt.seed, tt.stream).Uint64(tt.unit, tt.day); got != tt.want {
			t.Errorf("NewKey(%d, %d).Uint64(%d, %d) = %#x, want %#x", tt.seed, tt.stream, tt.unit, tt.day, got, tt.want)
		}
	}
}

// TestUniform checks that Below hits its probability within sampling error
// and that neighbouring keys are not correlated.
func TestUniform(t *testing.T) {
	const n = 200000
	for _, p := range []uint32{1 << 28, 1 << 31, 3 << 30} {
		hits := 0
		for i := uint64(0); i < n; i++ {
			if rng.Below(7, rng.StreamFailure, i, int64(i%97), p) {
				hits++
			}
		}
		want := float64(n) * float64(p) / (1 << 32)
		sd := 5 * sqrt(want*(1-float64(p)/(1<<32)))
		if d := float64(hits) - want; d > sd || d < -sd {
			t.Errorf("Below(p=%d) hit %d of %d, want %.0f ± %.0f", p, hits, n, want, sd)
		}
	}
	same := 0
	for i := uint64(0); i < n; i++ {
		a := rng.Uint64(7, rng.StreamFailure, i, 10) >> 63
		b := rng.Uint64(7, rng.StreamFailure, i+1, 10) >> 63
		if a == b {
			same++
		}
	}
	if same < n/2-2500 || same > n/2+2500 {
		t.Errorf("neighbouring units agree on the top bit %d of %d times, want about %d", same, n, n/2)
	}
}

func BenchmarkKeyUint64(b *testing.B) {
	b.ReportAllocs()
	var sink uint64
	k := rng.NewKey(1, rng.StreamFailure)
	i := uint64(0)
	for b.Loop() {
		sink += k.Uint64(i, 100)
		i++
	}
	_ = sink
}

func sqrt(x float64) float64 {
	r := x
	for i := 0; i < 50; i++ {
		r = (r + x/r) / 2
	}
	return r
}

func BenchmarkUint64(b *testing.B) {
	b.ReportAllocs()
	var sink uint64
	i := uint64(0)
	for b.Loop() {
		sink += rng.Uint64(1, rng.StreamFailure, i, 100)
		i++
	}
	_ = sink
}

// TestDayKey checks that a DayKey draws what its Key draws for the same unit
// and day.
func TestDayKey(t *testing.T) {
	for _, seed := range []uint64{0, 1, 42, 1 << 63} {
		for _, st := range []rng.Stream{rng.StreamFailure, rng.StreamLicence} {
			k := rng.NewKey(seed, st)
			for _, day := range []int64{0, 1, 365, 3651, -1} {
				dk := k.Day(day)
				for unit := uint64(0); unit < 1000; unit += 7 {
					if got, want := dk.Uint64(unit), k.Uint64(unit, day); got != want {
						t.Fatalf("seed %d stream %d day %d unit %d: DayKey %#x, Key %#x", seed, st, day, unit, got, want)
					}
				}
			}
		}
	}
}
