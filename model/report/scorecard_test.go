package report_test

import (
	"slices"
	"testing"

	"gigasandbox/model"
	"gigasandbox/model/report"
)

func stateIdx(t testing.TB, code string) int {
	t.Helper()
	for i, s := range model.States() {
		if s.Code == code {
			return i
		}
	}
	t.Fatalf("no state %s", code)
	return -1
}

func presetSim(t testing.TB, name string, days int) *model.Sim {
	t.Helper()
	sim := mustNew(t, guidedPreset(t, name))
	step(t, sim, days)
	return sim
}

// TestScorecardGermanyByHand compares Germany's scorecard with the hand
// computation of docs/model.md: facility power × 8,760 h × €226.4/MWh.
func TestScorecardGermanyByHand(t *testing.T) {
	tests := []struct {
		name        string
		assumptions map[string]string
		chip        model.Gen
		facilityW   int64 // per chip: chip W × 1.82 × 1.2, whole watts
		billEUR     int64 // facilityW × 100,000 × 8,760 h × €226.40/MWh
		emissionsT  int64 // facilityW × 100,000 × 8,760 h × 342 g/kWh
	}{
		// The best chip on sale from day 0 is the B200 (2.5 H100e, 1,000 W).
		{"best chip: B200", nil, model.GenB200, 2184, 433144857, 654308},
		// Without B200 supply the best chip is the H100: the validation
		// table's €302.6 m a year, there at the 152.6 MW average draw with
		// chips in repair, here at 152.8 MW with every chip running.
		{"best chip: H100", map[string]string{"b200_supply_per_month": "0"}, model.GenH100, 1528, 303042739, 457776},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := model.DefaultScenario()
			sc.Release = "2026-11" // the figures of docs/model.md's hand computation
			sc.Assumptions = tt.assumptions
			sim := mustNew(t, sc)
			got := report.Scorecard(sim, stateIdx(t, "DE"))
			if got.Code != "DE" || got.Name != "Germany" || got.Chips != 100000 || got.Chip != tt.chip {
				t.Fatalf("Scorecard(DE) = %s %s, %d %v chips; want DE Germany, 100000 %v", got.Code, got.Name, got.Chips, got.Chip, tt.chip)
			}
			if want := model.Watts(tt.facilityW * 100000); got.FacilityW != want {
				t.Errorf("FacilityW = %d, want %d", got.FacilityW, want)
			}
			mwh := tt.facilityW * 100000 * 8760 / 1000000
			if byHand := mwh * 22640 / 100; byHand != tt.billEUR {
				t.Fatalf("hand computation %d, table says %d", byHand, tt.billEUR)
			}
			if euros := int64(got.PowerBill) / 100; euros != tt.billEUR {
				t.Errorf("PowerBill = €%d, want €%d (%d MWh × €226.40)", euros, tt.billEUR, mwh)
			}
			if got.PriceCentsPerMWh != 22640 || got.CarbonGPerKWh != 342 {
				t.Errorf("price %d c/MWh, carbon %d g/kWh; want 22640 and 342", got.PriceCentsPerMWh, got.CarbonGPerKWh)
			}
			if tonnes := int64(got.Emissions) / 1000000; tonnes != tt.emissionsT {
				t.Errorf("Emissions = %d t, want %d (%d MWh × 342 kg/MWh)", tonnes, tt.emissionsT, mwh)
			}
			if tt.chip == model.GenH100 {
				// docs/model.md validation: €302.6 m at the average draw, ± 0.5%.
				if bill := int64(got.PowerBill) / 100; bill < 301087000 || bill > 304113000 {
					t.Errorf("H100 bill €%d, not within 0.5%% of the validation table's €302.6 m", bill)
				}
			}
		})
	}
}

// TestScorecardPPA: the PPA share cuts emissions; its premium raises the price.
func TestScorecardPPA(t *testing.T) {
	sc := model.DefaultScenario()
	sc.Release = "2026-11" // Poland's figures of that release
	sc.Levers.PPAShare = 400
	sc.Assumptions = map[string]string{"ppa_premium_eur_per_mwh": "10"}
	got := report.Scorecard(mustNew(t, sc), stateIdx(t, "PL"))
	if want := int64(19150 + 1000*400/1000); got.PriceCentsPerMWh != want {
		t.Errorf("price with 40%% PPA at €10/MWh premium = %d c/MWh, want %d", got.PriceCentsPerMWh, want)
	}
	// 218.4 MW × 8,760 h × 615 g/kWh × 60%
	if want := int64(1913184) * 615 * 600 / 1000 / 1000; int64(got.Emissions)/1000000 != want {
		t.Errorf("Emissions = %d t, want %d", int64(got.Emissions)/1000000, want)
	}
}

// TestScorecardGridAndExport follows a state's grid room, queue, crunch and
// export cap through preset runs.
func TestScorecardGridAndExport(t *testing.T) {
	const mw = 1000000
	t.Run("room shrinks when a site is connected", func(t *testing.T) {
		de := stateIdx(t, "DE")
		before := report.Scorecard(presetSim(t, "baseline", 10), de)
		if before.GridRoom != 1055*mw || before.GridQueue != 0 || !before.Fits || before.LeadDays != 1461 {
			t.Errorf("DE on day 10: room %d W, queue %d, fits %v, lead %d; want 1,055 MW, 0, true, 1461", before.GridRoom, before.GridQueue, before.Fits, before.LeadDays)
		}
		after := report.Scorecard(presetSim(t, "baseline", 200), de)
		if want := model.Watts(1055*mw - 100000*1528); after.GridRoom != want || after.GridGranted != 100000*1528 {
			t.Errorf("DE after Rhein-Main's grant: room %d W, granted %d W; want %d and 152.8 MW", after.GridRoom, after.GridGranted, want)
		}
	})
	t.Run("Malta has no room for a gigafactory", func(t *testing.T) {
		got := report.Scorecard(presetSim(t, "baseline", 0), stateIdx(t, "MT"))
		if got.Fits || got.GridRoom != 20*mw {
			t.Errorf("Malta: fits %v, room %d W; want false, 20 MW", got.Fits, got.GridRoom)
		}
	})
	t.Run("a queue and a crunch block a connection", func(t *testing.T) {
		// Three 100,000-chip H100 sites in Czechia (342 MW): the third waits.
		sc := model.DefaultScenario()
		sc.Sites = []model.SiteSpec{
			{Name: "A", State: model.MustState("CZ"), Chips: 100000, Chip: model.GenH100},
			{Name: "B", State: model.MustState("CZ"), Chips: 100000, Chip: model.GenH100},
			{Name: "C", State: model.MustState("CZ"), Chips: 100000, Chip: model.GenH100},
		}
		sim := mustNew(t, sc)
		step(t, sim, 2)
		got := report.Scorecard(sim, stateIdx(t, "CZ"))
		if got.GridQueue != 1 || got.GridQueueW != 100000*1528 || got.Fits {
			t.Errorf("Czechia: queue %d (%d W), fits %v; want 1 site of 152.8 MW, false", got.GridQueue, got.GridQueueW, got.Fits)
		}
		crunch := presetSim(t, "grid-crunch", int(model.DayOf(2028, 11, 5)))
		fi := report.Scorecard(crunch, stateIdx(t, "FI"))
		if fi.Crunch != 300 || fi.Fits {
			t.Errorf("Finland in the crunch: crunch %d‰, fits %v; want 300, false", fi.Crunch, fi.Fits)
		}
	})
	t.Run("Poland's cap under the 2025 rule", func(t *testing.T) {
		pl := stateIdx(t, "PL")
		open := report.Scorecard(presetSim(t, "baseline", 10), pl)
		if open.Tier != 2 || open.Cap != -1 || open.CapLeft != -1 || open.Regime != "open" {
			t.Errorf("Poland, open regime: tier %d cap %d left %d regime %s; want 2, -1, -1, open", open.Tier, open.Cap, open.CapLeft, open.Regime)
		}
		sim := presetSim(t, "diffusion-2025", int(model.DayOf(2028, 12, 1)))
		got := report.Scorecard(sim, pl)
		if got.Cap != 49901000 || got.CapPeriod != [2]int{2028, 2030} || got.CapUsed == 0 || got.CapLeft != got.Cap-int64(got.CapUsed) {
			t.Errorf("Poland 2028: cap %d used %d left %d period %v; want 49,901 H100e for 2028–2030, some used", got.Cap, got.CapUsed, got.CapLeft, got.CapPeriod)
		}
		if got.LicenceWaiting == 0 || got.G2G {
			t.Errorf("Poland 2028: %d chips waiting, g2g %v; want some waiting, no agreement", got.LicenceWaiting, got.G2G)
		}
		if err := sim.Apply(model.Command{Day: sim.Day(), Op: model.SetG2G{State: model.MustState("PL"), On: true}}); err != nil {
			t.Fatal(err)
		}
		if g := report.Scorecard(sim, pl); !g.G2G || g.Cap != 2*49901000 {
			t.Errorf("Poland with an agreement: g2g %v cap %d; want true, 99,802 H100e", g.G2G, g.Cap)
		}
		if de := report.Scorecard(sim, stateIdx(t, "DE")); de.Tier != 1 || de.Cap != -1 {
			t.Errorf("Germany under the 2025 rule: tier %d cap %d; want 1, none", de.Tier, de.Cap)
		}
	})
}

// TestScorecardDemand: a state's share of EU demand, its neighbours' and
// its startups.
func TestScorecardDemand(t *testing.T) {
	sim := presetSim(t, "baseline", 0)
	states := model.States()
	ppm := map[string]int64{}
	for _, s := range states {
		ppm[s.Code] = s.DemandPPM
	}
	de := report.Scorecard(sim, stateIdx(t, "DE"))
	want := []string{"BE", "CZ", "DK", "FR", "LU", "NL", "AT", "PL"}
	if !slices.Equal(de.Neighbours, want) {
		t.Errorf("Germany's neighbours %v, want %v", de.Neighbours, want)
	}
	var sum int64
	for _, c := range want {
		sum += ppm[c]
	}
	if de.NeighbourDemandPPM != sum || de.DemandPPM != ppm["DE"] {
		t.Errorf("Germany: demand %d ppm, neighbours %d ppm; want %d and %d", de.DemandPPM, de.NeighbourDemandPPM, ppm["DE"], sum)
	}
	if want := 5933 * 1000 * ppm["DE"] / 1000000; de.Startups != want {
		t.Errorf("Germany's startups at the start = %d thousandths, want %d", de.Startups, want)
	}
	if de.ChipsActive != 24000 {
		t.Errorf("Germany's chips at the start = %d, want JUPITER's 24,000", de.ChipsActive)
	}
	if ie := report.Scorecard(sim, stateIdx(t, "IE")); len(ie.Neighbours) != 0 || ie.NeighbourDemandPPM != 0 {
		t.Errorf("Ireland has land neighbours %v in the EU, want none", ie.Neighbours)
	}
}

// TestScorecardRows: every state's rows have the same keys in the same
// order, each with a unit and a source; bad input gives an empty score.
func TestScorecardRows(t *testing.T) {
	sim := presetSim(t, "diffusion-2025", 900)
	var keys []string
	for i := range model.States() {
		rows := report.Scorecard(sim, i).Rows()
		var k []string
		for _, r := range rows {
			k = append(k, r.Key)
			if r.Unit >= report.NumUnits || r.Source == "" {
				t.Errorf("state %d row %s is not fully described: %+v", i, r.Key, r)
			}
		}
		if keys == nil {
			keys = k
		} else if !slices.Equal(k, keys) {
			t.Errorf("state %d has rows %v, state 0 %v", i, k, keys)
		}
	}
	seen := map[string]bool{}
	for _, k := range keys {
		if seen[k] {
			t.Errorf("row %s twice", k)
		}
		seen[k] = true
	}
	for _, bad := range []int{-1, model.NumStates} {
		if got := report.Scorecard(sim, bad); got.Index != -1 || got.Code != "" || got.Rows() == nil {
			t.Errorf("Scorecard(%d) = index %d code %q, want -1 and empty", bad, got.Index, got.Code)
		}
	}
	if got := report.Scorecard(nil, 0); got.Index != -1 {
		t.Errorf("Scorecard(nil) index %d, want -1", got.Index)
	}
	// The figures in their units (game's tests check how the page writes
	// them: "218.4 MW", "€366.4 m", "3.8%").
	pl := report.Scorecard(sim, stateIdx(t, "PL"))
	type fig struct {
		v int64
		u report.Unit
	}
	got := map[string]fig{}
	for _, r := range pl.Rows() {
		got[r.Key] = fig{r.Value, r.Unit}
	}
	for key, want := range map[string]fig{
		"price": {19150, report.CentsPerMWh}, "carbon": {615, report.GramsCO2ePerKWh},
		"tier": {2, report.Tier}, "cap": {49901, report.H100e}, "g2g": {0, report.YesNo}, "site_h100e": {250000, report.H100e},
	} {
		if got[key] != want {
			t.Errorf("Poland's %s = %+v, want %+v", key, got[key], want)
		}
	}
	if f := got["site_power"]; f.u != report.KW || (f.v+50)/100 != 2184 {
		t.Errorf("Poland's site power = %+v, want 218.4 MW in kW", f)
	}
	if f := got["power_bill"]; f.u != report.EuroThousands || (f.v+50)/100 != 3664 {
		t.Errorf("Poland's power bill = %+v, want €366.4 m in € thousands", f)
	}
	if f := got["demand"]; f.u != report.BasisPoints || (f.v+5)/10 != 38 {
		t.Errorf("Poland's demand share = %+v, want 3.8%% in basis points", f)
	}
	for _, r := range report.Scorecard(presetSim(t, "baseline", 0), stateIdx(t, "PL")).Rows() {
		if (r.Key == "cap" || r.Key == "cap_left") && (!r.None || r.Value != 0) {
			t.Errorf("Poland's %s under the open regime = %+v, want none", r.Key, r)
		}
	}
}
