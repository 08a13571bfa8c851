package model_test

import (
	"testing"

	"gigasandbox/model"
)

// stress is a smaller scenario in which every mechanic fires: sites in
// capped, queued and crunched states, removals, moves, regime switches,
// strict reviews, custom caps, vouchers, grid investment, a fund that runs
// out and chips that age out.
func stress() model.Scenario {
	sc := model.DefaultScenario()
	sc.Name = "stress"
	sc.Seed = 7
	sc.Days = 2600
	sc.Regime = model.Regime{Kind: model.RegimeDiffusion}
	sc.Levers.VoucherShare = 500
	sc.Levers.EUShare = 600
	sc.Levers.HostShare = 100
	sc.Assumptions = map[string]string{"fund_eur_bn": "2", "build_days": "120", "lifetime_years": "4", "failures_per_year": "0.3",
		"tier2_cap_h100e": "3000", "lpp_h100e_per_year": "500", "h100_supply_per_month": "8000"}
	sc.Sites = []model.SiteSpec{
		{Name: "Old", State: model.MustState("IT"), Chips: 3000, Chip: model.GenA100, Start: -1000, Existing: true},
		{Name: "PL capped", State: model.MustState("PL"), Chips: 12000, Chip: model.GenH100, Start: 10},
		{Name: "IE queued", State: model.MustState("IE"), Chips: 20000, Chip: model.GenH100, Start: 20},
		{Name: "DE best", State: model.MustState("DE"), Chips: 8000, Chip: model.GenBest, Start: 30},
		{Name: "FI eu", State: model.MustState("FI"), Chips: 5000, Chip: model.GenEU, Start: 40},
		{Name: "MT tiny grid", State: model.MustState("MT"), Chips: 15000, Chip: model.GenB200, Start: 50},
	}
	sc.Commands = []model.Command{
		{Day: 100, Op: model.BuildSite{Site: model.SiteSpec{Name: "Late", State: model.MustState("ES"), Chips: 6000, Chip: model.GenH100, Start: 200}}},
		{Day: 150, Op: model.MoveSite{Site: 7, Lon: -8000000, Lat: 39000000, State: model.MustState("PT")}},
		{Day: 300, Op: model.SetG2G{State: model.MustState("PL"), On: true}},
		{Day: 400, Op: model.InvestGrid{State: model.MustState("MT"), MW: 300}},
		{Day: 600, Op: model.SetRegime{Regime: model.Regime{Kind: model.RegimeStrict}}},
		{Day: 700, Op: model.SetLever{Lever: model.LeverDemandGrowth, Value: 2}},
		{Day: 800, Op: model.RemoveSite{Site: 3}},
		{Day: 900, Op: model.SetRegime{Regime: model.Regime{Kind: model.RegimeCustom, Caps: map[string]int64{"DE": 2000, "PT": 100}}}},
		{Day: 1000, Op: model.SetVEU{Site: 2, On: true}},
		{Day: 1100, Op: model.SetLever{Lever: model.LeverPreferSameState, Value: 0}},
		{Day: 1200, Op: model.SetRegime{Regime: model.Regime{Kind: model.RegimeOpen}}},
		{Day: 1300, Op: model.GridCrunch{Share: 400, Days: 90}},
		{Day: 1400, Op: model.GridCrunch{State: model.MustState("ES"), Share: 1000, Days: 30}},
		{Day: 1400, Op: model.SetLever{Lever: model.LeverFastTrack, Value: 1}},
		{Day: 1400, Op: model.BuildSite{Site: model.SiteSpec{Name: "Fast", State: model.MustState("SE"), Chips: 4000, Chip: model.GenB200, Start: 1401}}},
		{Day: 1500, Op: model.RemoveSite{Site: 4}}, // a running site: its pending events are cancelled
	}
	return sc
}

// TestInvariantsEveryDay checks the invariants after every day of the
// stress scenario and of every preset, and the calendar every 30 days and
// at the end.
func TestInvariantsEveryDay(t *testing.T) {
	scenarios := []model.Scenario{stress()}
	for _, name := range model.PresetNames() {
		sc, err := model.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		scenarios = append(scenarios, sc)
	}
	for _, sc := range scenarios {
		t.Run(sc.Name, func(t *testing.T) {
			sim := mustNew(t, sc)
			if err := sim.CheckInvariants(); err != nil {
				t.Fatalf("day 0: %v", err)
			}
			for sim.Day() < sim.Horizon() {
				if err := sim.Step(); err != nil {
					t.Fatalf("Step on %s = %v", sim.Day(), err)
				}
				if err := sim.CheckInvariants(); err != nil {
					t.Fatalf("after %s: %v", sim.Day()-1, err)
				}
				if sim.Day()%30 == 0 || sim.Day() == sim.Horizon() {
					if err := sim.CheckCalendar(); err != nil {
						t.Fatalf("after %s: %v", sim.Day()-1, err)
					}
				}
			}
		})
	}
}

// TestStressReachesEveryMechanic guards the stress scenario itself: if a
// change stops a mechanic from firing, the invariants above would pass
// without testing it.
func TestStressReachesEveryMechanic(t *testing.T) {
	sim := mustNew(t, stress())
	seen := map[model.SiteStatus]bool{}
	var maxLicence, maxThrottled, failures, retirements, denials int64
	fundExhausted := false
	for sim.Day() < sim.Horizon() {
		step(t, sim, 1)
		d := sim.Today()
		for _, s := range sim.Sites() {
			seen[s.Status] = true
		}
		maxLicence = max(maxLicence, d.LicenceWaiting)
		maxThrottled = max(maxThrottled, d.ChipsThrottled)
		failures += d.Failures
		retirements += d.Retirements
		denials += d.Denials
		fundExhausted = fundExhausted || d.Ledger.FundLeft == 0
	}
	for _, st := range []model.SiteStatus{model.SiteConstruction, model.SiteWaitingGrid, model.SiteWaitingChips, model.SiteOperating, model.SiteThrottled, model.SiteRemoved, model.SiteClosed} {
		if !seen[st] {
			t.Errorf("no site was ever %s", st)
		}
	}
	for name, v := range map[string]int64{"chips waiting for a licence": maxLicence, "throttled chips": maxThrottled, "failures": failures, "retirements": retirements, "licence denials": denials} {
		if v == 0 {
			t.Errorf("stress scenario never had %s", name)
		}
	}
	if !fundExhausted {
		t.Error("stress scenario never exhausted the fund")
	}
}
