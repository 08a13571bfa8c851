package report_test

import (
	"testing"

	"gigasandbox/model/report"
)

func horizonOutcomes(t testing.TB, name string) report.Outcomes {
	t.Helper()
	return report.OutcomesOf(runPolicy(t, name))
}

// TestCompareBaselineWithDiffusion: the table lists both runs' headline
// outcomes at the horizon and B − A, with the figures Outcomes reports.
func TestCompareBaselineWithDiffusion(t *testing.T) {
	a, b := horizonOutcomes(t, "baseline"), horizonOutcomes(t, "diffusion-2025")
	rows := report.Compare(a, b)
	get := map[string]report.CompareRow{}
	for _, r := range rows {
		if _, dup := get[r.Key]; dup {
			t.Errorf("row %s twice", r.Key)
		}
		get[r.Key] = r
		if r.Diff != r.B-r.A {
			t.Errorf("row %s: diff %d, want %d − %d", r.Key, r.Diff, r.B, r.A)
		}
		if r.Unit >= report.NumUnits || r.Better < -1 || r.Better > 1 {
			t.Errorf("row %s is not fully described: %+v", r.Key, r)
		}
	}
	tests := []struct {
		key  string
		a, b int64
	}{
		{"chips_active", a.Chips.Active, b.Chips.Active},
		{"compute_h100e", a.Chips.ActiveH100e, b.Chips.ActiveH100e},
		{"served_pct", int64(a.LastYear.ServedShare*1000 + 0.5), int64(b.LastYear.ServedShare*1000 + 0.5)},
		{"emissions_run", a.EmissionsKt, b.EmissionsKt},
		{"fund_left", a.Money.FundLeft / 1000000, b.Money.FundLeft / 1000000},
		{"startups_relocated", a.StartupsRelocated, b.StartupsRelocated},
	}
	for _, tt := range tests {
		r, ok := get[tt.key]
		if !ok {
			t.Errorf("no row %s", tt.key)
			continue
		}
		if r.A != tt.a || r.B != tt.b {
			t.Errorf("row %s = %d, %d; want %d, %d", tt.key, r.A, r.B, tt.a, tt.b)
		}
	}
	// The 2025 rule holds back Poland's chips: less energy, fewer emissions
	// over the run, the fund a little fuller.
	if r := get["emissions_run"]; r.Diff >= 0 {
		t.Errorf("emissions over the run %+d kt under the 2025 rule, want fewer", r.Diff)
	}
	// The units say how to read the figures: the share in thousandths, the
	// fund in € m (cmd/gigasim and the page write 19.2% and €15.6 bn).
	if r := get["served_pct"]; r.Unit != report.Permille || r.A != 192 {
		t.Errorf("baseline served share = %d in unit %d, want 192 permille", r.A, r.Unit)
	}
	if r := get["fund_left"]; r.Unit != report.EuroMillions || (r.A+50)/100 != 156 {
		t.Errorf("fund left = %d in unit %d, want € 15,550 m to 15,649 m", r.A, r.Unit)
	}
}

// TestCompareSame: a run compared with itself differs by nothing; the rows
// are the same whatever the runs.
func TestCompareSame(t *testing.T) {
	a := horizonOutcomes(t, "selection-round")
	same := report.Compare(a, a)
	other := report.Compare(a, report.Outcomes{})
	if len(same) != len(other) || len(same) < 15 {
		t.Fatalf("%d and %d rows, want the same number, at least 15", len(same), len(other))
	}
	for i, r := range same {
		if r.Diff != 0 {
			t.Errorf("row %s: diff %d comparing a run with itself", r.Key, r.Diff)
		}
		if other[i].Key != r.Key {
			t.Errorf("row %d is %s in one table, %s in the other", i, r.Key, other[i].Key)
		}
	}
}
