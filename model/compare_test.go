package model_test

import (
	"testing"

	"gigasandbox/model"
)

func horizonOutcomes(t testing.TB, name string) model.Outcomes {
	t.Helper()
	return runPolicy(t, name).Outcomes()
}

// TestCompareBaselineWithDiffusion: the table lists both runs' headline
// outcomes at the horizon and B − A, with the figures Outcomes reports.
func TestCompareBaselineWithDiffusion(t *testing.T) {
	a, b := horizonOutcomes(t, "baseline"), horizonOutcomes(t, "diffusion-2025")
	rows := model.Compare(a, b)
	get := map[string]model.CompareRow{}
	for _, r := range rows {
		if _, dup := get[r.Key]; dup {
			t.Errorf("row %s twice", r.Key)
		}
		get[r.Key] = r
		if r.Diff != r.B-r.A {
			t.Errorf("row %s: diff %d, want %d − %d", r.Key, r.Diff, r.B, r.A)
		}
		if r.Label == "" || r.Unit == "" || r.Scale < 1 || r.Better < -1 || r.Better > 1 {
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
	if r := get["served_pct"]; r.Format(r.A) != "19.2" {
		t.Errorf("baseline served share formats as %q, want 19.2", r.Format(r.A))
	}
	if r := get["fund_left"]; r.Format(r.A) != "15.6" || r.Format(-1449) != "-1.4" {
		t.Errorf("fund left formats as %q and -1,449 as %q, want 15.6 and -1.4", r.Format(r.A), r.Format(-1449))
	}
}

// TestCompareSame: a run compared with itself differs by nothing; the rows
// are the same whatever the runs.
func TestCompareSame(t *testing.T) {
	a := horizonOutcomes(t, "selection-round")
	same := model.Compare(a, a)
	other := model.Compare(a, model.Outcomes{})
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
