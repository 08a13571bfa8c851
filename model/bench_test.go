package model_test

import (
	"fmt"
	"runtime"
	"testing"

	"gigasandbox/model"
)

// steadyScenario spreads n chips over ten sites in seven states with room on
// their grids, under the 2025 diffusion rule (Poland capped but a validated
// end user), with vouchers, demand growth and every failure mechanic on.
// Sites are built fast so that warm-up is short.
func steadyScenario(n int32) model.Scenario {
	sc := model.DefaultScenario()
	sc.Name = fmt.Sprintf("steady-%d", n)
	sc.Days = model.MaxDays
	sc.Regime = model.Regime{Kind: model.RegimeDiffusion}
	sc.Levers.VoucherShare = 200
	sc.Levers.PPAShare = 300
	sc.Assumptions = map[string]string{"build_days": "30", "order_lead_days": "1000", "h100_supply_per_month": "500000"}
	states := []string{"FR", "FR", "FR", "IT", "IT", "ES", "ES", "SE", "FI", "PL"}
	for i, st := range states {
		sc.Sites = append(sc.Sites, model.SiteSpec{Name: fmt.Sprintf("Site %d", i+1), State: model.MustState(st), Chips: n / int32(len(states)), Chip: model.GenH100, VEU: st == "PL"})
	}
	return sc
}

// warmSteady returns a simulation whose chips are all installed and running.
func warmSteady(b testing.TB, n int32) *model.Sim {
	sim, err := model.New(steadyScenario(n))
	if err != nil {
		b.Fatal(err)
	}
	if err := sim.RunTo(1000); err != nil {
		b.Fatal(err)
	}
	if a := sim.Today().Chips[model.ChipActive]; a < int64(n)*95/100 {
		b.Fatalf("warm-up left %d of %d chips active", a, n)
	}
	return sim
}

// TestStepAllocates checks that a steady-state day allocates nothing: the
// calendar reuses its chunks and the history was sized for the run.
func TestStepAllocates(t *testing.T) {
	sim := warmSteady(t, 100000)
	if a := testing.AllocsPerRun(500, func() {
		if err := sim.Step(); err != nil {
			t.Fatal(err)
		}
	}); a != 0 {
		t.Errorf("Step allocates %v times a day, want 0", a)
	}
}

// TestBuildingMidRunSizesTheFleet checks that a site built during a run
// (as the page does, through Apply) makes room for its chips at once:
// playing on to the horizon, through the site's orders and the
// replacements of its retired chips, allocates next to nothing. Grown as
// the chips were ordered, the fleet was copied four times over the run
// (47 MB with three sites of 200,000 chips), and in the browser each copy
// and the collection after it cost the page several frames.
func TestBuildingMidRunSizesTheFleet(t *testing.T) {
	for _, day := range []model.Day{0, 700} {
		t.Run(day.String(), func(t *testing.T) {
			sc, err := model.Preset("baseline")
			if err != nil {
				t.Fatal(err)
			}
			sim := mustNew(t, sc)
			if err := sim.RunTo(day); err != nil {
				t.Fatal(err)
			}
			for _, st := range []string{"SE", "FR", "ES"} {
				c := model.Command{Day: day, Op: model.BuildSite{Site: model.SiteSpec{Name: "Big " + st, State: model.MustState(st), Chips: 200000, Chip: model.GenH100, Start: day}}}
				if err := sim.Apply(c); err != nil {
					t.Fatal(err)
				}
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			if err := sim.RunTo(sim.Horizon()); err != nil {
				t.Fatal(err)
			}
			runtime.ReadMemStats(&after)
			if got := after.TotalAlloc - before.TotalAlloc; got > 1<<20 {
				t.Errorf("playing to the horizon after building on %s allocated %d bytes, want under 1 MiB", day, got)
			}
		})
	}
}

// BenchmarkStep measures one steady-state day: every chip installed, chips
// failing, being repaired, demand served, money booked. floor=1M is the
// yardstick: reading every chip record of the same 1M-chip fleet once
// (FleetScan). A day touches only the chips whose state changes, so it may
// cost less than the floor.
func BenchmarkStep(b *testing.B) {
	for _, n := range []int32{100000, 1000000} {
		b.Run(fmt.Sprintf("chips=%s", size(n)), func(b *testing.B) {
			sim := warmSteady(b, n)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if sim.Day() >= 2000 { // stay before the retirement wave
					b.StopTimer()
					sim = warmSteady(b, n)
					b.StartTimer()
				}
				if err := sim.Step(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("floor=1M", func(b *testing.B) {
		sim := warmSteady(b, 1000000)
		b.ReportAllocs()
		b.ResetTimer()
		var sum int64
		for i := 0; i < b.N; i++ {
			sum += sim.FleetScan()
		}
		if sum == 0 {
			b.Fatal("FleetScan read nothing")
		}
	})
}

// BenchmarkRun measures a whole horizon: New and every day to the end. It
// also reports the heap the finished simulation holds (HeapInuse after a
// collection, less what was in use before New) per chip of the scenario
// (heap-B/chip) and per chip ever ordered (heap-B/ordered).
func BenchmarkRun(b *testing.B) {
	baseline, err := model.Preset("baseline")
	if err != nil {
		b.Fatal(err)
	}
	million := steadyScenario(1000000)
	million.Days = 3652
	for _, bm := range []struct {
		name string
		sc   model.Scenario
	}{{"preset=baseline", baseline}, {"chips=1M", million}} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			var heap0 uint64
			for i := 0; i < b.N; i++ {
				last := i == b.N-1
				if last {
					b.StopTimer()
					heap0 = heapInuse()
					b.StartTimer()
				}
				sim, err := model.New(bm.sc)
				if err != nil {
					b.Fatal(err)
				}
				if err := sim.RunTo(sim.Horizon()); err != nil {
					b.Fatal(err)
				}
				if last {
					b.StopTimer()
					heap := float64(heapInuse() - heap0)
					b.ReportMetric(heap/float64(scenarioChips(bm.sc)), "heap-B/chip")
					b.ReportMetric(heap/float64(sim.NumChips()), "heap-B/ordered")
					runtime.KeepAlive(sim)
				}
			}
		})
	}
}

// BenchmarkStateHash measures hashing the whole state (every chip).
func BenchmarkStateHash(b *testing.B) {
	sim := warmSteady(b, 1000000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = sim.StateHash()
	}
}

// heapInuse collects garbage and returns the bytes of heap spans in use.
func heapInuse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}

// scenarioChips is the number of chips the scenario's sites hold.
func scenarioChips(sc model.Scenario) int64 {
	var n int64
	for _, sp := range sc.Sites {
		n += int64(sp.Chips)
	}
	return n
}

func size(n int32) string {
	if n%1000000 == 0 {
		return fmt.Sprintf("%dM", n/1000000)
	}
	return fmt.Sprintf("%dk", n/1000)
}
