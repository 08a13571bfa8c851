package assets_test

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"testing"

	"gigasandbox/assets"
)

// protocolOrder is the EU protocol order of the 27 member states.
var protocolOrder = []string{
	"BE", "BG", "CZ", "DK", "DE", "EE", "IE", "EL", "ES", "FR", "HR", "IT", "CY", "LV",
	"LT", "LU", "HU", "MT", "NL", "AT", "PL", "PT", "RO", "SI", "SK", "FI", "SE",
}

// spareFactor100 is the documented per-state factor (× 100) applied to 3% of
// peak load in spare_mw; states not listed use 100.
var spareFactor100 = map[string]int64{
	"IE": 25, "NL": 40, "DE": 40, "DK": 25, "FI": 160, "SE": 130,
}

// leadDays is the documented grid-connection lead time; states not listed use 730.
var leadDays = map[string]int32{
	"DE": 1461, "IE": 1826, "NL": 1461, "DK": 1461, "FI": 365, "SE": 548, "MT": 1096, "CY": 1096,
}

func mustStates(t testing.TB) []assets.State {
	t.Helper()
	states, err := assets.States()
	if err != nil {
		t.Fatalf("States: %v", err)
	}
	return states
}

func TestStatesProtocolOrder(t *testing.T) {
	states := mustStates(t)
	if len(states) != 27 {
		t.Fatalf("got %d states, want 27", len(states))
	}
	var codes []string
	seen := map[string]bool{}
	for _, s := range states {
		if seen[s.Code] {
			t.Errorf("duplicate code %s", s.Code)
		}
		seen[s.Code] = true
		codes = append(codes, s.Code)
	}
	if !slices.Equal(codes, protocolOrder) {
		t.Errorf("codes = %v\nwant    %v", codes, protocolOrder)
	}
	if !seen["EL"] {
		t.Error("Greece must be present as EL")
	}
	if seen["GR"] {
		t.Error("GR must not be used; Greece is EL")
	}
}

func TestStatesFieldRanges(t *testing.T) {
	fields := []struct {
		name     string
		get      func(assets.State) int64
		min, max int64
	}{
		{"tier", func(s assets.State) int64 { return int64(s.Tier) }, 1, 2},
		{"price_cents_per_mwh", func(s assets.State) int64 { return s.PriceCentsPerMWh }, 5_000, 50_000},
		{"carbon_g_per_kwh", func(s assets.State) int64 { return s.CarbonGPerKWh }, 10, 1_000},
		{"peak_mw", func(s assets.State) int64 { return s.PeakMW }, 300, 120_000},
		{"spare_mw", func(s assets.State) int64 { return s.SpareMW }, 0, 10_000},
		{"lead_days", func(s assets.State) int64 { return int64(s.LeadDays) }, 90, 3_650},
		{"demand_ppm", func(s assets.State) int64 { return s.DemandPPM }, 1, 400_000},
		{"ai_firms_permille", func(s assets.State) int64 { return s.AIFirmsPermille }, 0, 1_000},
		{"renewables_permille", func(s assets.State) int64 { return s.RenewablesPermille }, 0, 1_000},
		{"population_k", func(s assets.State) int64 { return s.PopulationK }, 100, 100_000},
	}
	states := mustStates(t)
	for _, f := range fields {
		t.Run(f.name, func(t *testing.T) {
			for _, s := range states {
				if v := f.get(s); v < f.min || v > f.max {
					t.Errorf("%s: %s = %d, want in [%d, %d]", s.Code, f.name, v, f.min, f.max)
				}
			}
		})
	}
	for _, s := range states {
		if s.Name == "" {
			t.Errorf("%s: empty name", s.Code)
		}
		if s.SpareMW > s.PeakMW {
			t.Errorf("%s: spare_mw %d exceeds peak_mw %d", s.Code, s.SpareMW, s.PeakMW)
		}
	}
}

func TestDemandSumsToOneMillion(t *testing.T) {
	var sum int64
	for _, s := range mustStates(t) {
		sum += s.DemandPPM
	}
	if sum != 1_000_000 {
		t.Errorf("demand_ppm sums to %d, want 1000000", sum)
	}
}

func TestTier1States(t *testing.T) {
	want := []string{"BE", "DE", "DK", "ES", "FI", "FR", "IE", "IT", "NL", "SE"}
	var got []string
	for _, s := range mustStates(t) {
		if s.Tier == 1 {
			got = append(got, s.Code)
		}
	}
	sort.Strings(got)
	if !slices.Equal(got, want) {
		t.Errorf("Tier 1 states = %v, want %v", got, want)
	}
}

// A ~100,000-GPU gigafactory needs ~150 MW; the small island grids cannot
// supply that without new capacity. This is a documented constraint.
func TestIslandsCannotHostGigafactory(t *testing.T) {
	for _, s := range mustStates(t) {
		if (s.Code == "MT" || s.Code == "CY") && s.SpareMW >= 150 {
			t.Errorf("%s: spare_mw %d, want below 150", s.Code, s.SpareMW)
		}
	}
}

// largestRemainder splits total in proportion to weights: floors first, then
// one unit each to the largest remainders, ties to the earlier index.
func largestRemainder(weights []int64, total int64) []int64 {
	var sum int64
	for _, w := range weights {
		sum += w
	}
	out := make([]int64, len(weights))
	rem := make([]int64, len(weights))
	var given int64
	for i, w := range weights {
		out[i] = total * w / sum
		rem[i] = total * w % sum
		given += out[i]
	}
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rem[order[a]] > rem[order[b]] })
	for k := int64(0); k < total-given; k++ {
		out[order[k]]++
	}
	return out
}

func TestDemandPPMMatchesFormula(t *testing.T) {
	states := mustStates(t)
	weights := make([]int64, len(states))
	for i, s := range states {
		weights[i] = s.PopulationK * s.AIFirmsPermille
	}
	want := largestRemainder(weights, 1_000_000)
	for i, s := range states {
		if s.DemandPPM != want[i] {
			t.Errorf("%s: demand_ppm = %d, formula gives %d", s.Code, s.DemandPPM, want[i])
		}
	}
}

func TestSpareMWMatchesFormula(t *testing.T) {
	for _, s := range mustStates(t) {
		f, ok := spareFactor100[s.Code]
		if !ok {
			f = 100
		}
		// round_half_up(peak × 3% × f100/100)
		want := (s.PeakMW*3*f + 5_000) / 10_000
		if s.SpareMW != want {
			t.Errorf("%s: spare_mw = %d, formula gives %d (peak %d, factor %d/100)", s.Code, s.SpareMW, want, s.PeakMW, f)
		}
	}
}

func TestLeadDaysMatchDocumented(t *testing.T) {
	for _, s := range mustStates(t) {
		want, ok := leadDays[s.Code]
		if !ok {
			want = 730
		}
		if s.LeadDays != want {
			t.Errorf("%s: lead_days = %d, want %d", s.Code, s.LeadDays, want)
		}
	}
}

// Every column must be documented in the comment block as "# <column> - ...".
func TestEveryColumnDocumented(t *testing.T) {
	raw := string(assets.StatesCSV())
	for _, c := range assets.Columns() {
		if !strings.Contains(raw, "\n# "+c+" - ") {
			t.Errorf("column %s has no '# %s - ' comment", c, c)
		}
	}
}

func TestStatesReturnsFreshSlice(t *testing.T) {
	a := mustStates(t)
	a[0].Code = "XX"
	a[0].DemandPPM = 0
	b := mustStates(t)
	if b[0].Code != "BE" || b[0].DemandPPM == 0 {
		t.Errorf("States shares memory between calls: got %+v", b[0])
	}
	raw := assets.StatesCSV()
	raw[0] = 'X'
	if assets.StatesCSV()[0] == 'X' {
		t.Error("StatesCSV returns the embedded data itself, not a copy")
	}
}

// table splits the real file into comment lines, header and rows.
func table(t testing.TB) (comments []string, header []string, rows [][]string) {
	t.Helper()
	for _, line := range strings.Split(strings.TrimRight(string(assets.StatesCSV()), "\n"), "\n") {
		switch {
		case strings.HasPrefix(line, "#"):
			comments = append(comments, line)
		case header == nil:
			header = strings.Split(line, ",")
		default:
			rows = append(rows, strings.Split(line, ","))
		}
	}
	return comments, header, rows
}

func join(comments, header []string, rows [][]string) string {
	var b strings.Builder
	for _, c := range comments {
		b.WriteString(c + "\n")
	}
	b.WriteString(strings.Join(header, ",") + "\n")
	for _, r := range rows {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	return b.String()
}

func col(header []string, name string) int {
	i := slices.Index(header, name)
	if i < 0 {
		panic("no column " + name)
	}
	return i
}

func TestParseStatesRealFile(t *testing.T) {
	c, h, r := table(t)
	got, err := assets.ParseStates(strings.NewReader(join(c, h, r)))
	if err != nil {
		t.Fatalf("ParseStates(real file) = %v", err)
	}
	want := mustStates(t)
	if !slices.Equal(got, want) {
		t.Errorf("ParseStates of the re-joined file differs from States()")
	}
}

func TestParseStatesErrors(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(h []string, r [][]string) ([]string, [][]string)
		want   string
	}{
		{"missing column", func(h []string, r [][]string) ([]string, [][]string) {
			i := col(h, "carbon_g_per_kwh")
			h = slices.Delete(slices.Clone(h), i, i+1)
			for k := range r {
				r[k] = slices.Delete(r[k], i, i+1)
			}
			return h, r
		}, `missing column "carbon_g_per_kwh"`},
		{"unknown column", func(h []string, r [][]string) ([]string, [][]string) {
			h[col(h, "name")] = "nom"
			return h, r
		}, `unknown column "nom"`},
		{"duplicate column", func(h []string, r [][]string) ([]string, [][]string) {
			h[col(h, "name")] = "code"
			return h, r
		}, `duplicate column "code"`},
		{"duplicate code", func(h []string, r [][]string) ([]string, [][]string) {
			r[3][col(h, "code")] = "BE" // DK -> BE
			return h, r
		}, "row 4 (BE): duplicate code BE (first at row 1)"},
		{"bad integer", func(h []string, r [][]string) ([]string, [][]string) {
			r[4][col(h, "price_cents_per_mwh")] = "226.4"
			return h, r
		}, `row 5 (DE): price_cents_per_mwh "226.4" is not an integer`},
		{"out of range", func(h []string, r [][]string) ([]string, [][]string) {
			r[4][col(h, "price_cents_per_mwh")] = "0"
			return h, r
		}, "states.csv: row 5 (DE): price_cents_per_mwh 0 out of range [5000, 50000]"},
		{"tier 3", func(h []string, r [][]string) ([]string, [][]string) {
			r[0][col(h, "tier")] = "3"
			return h, r
		}, "row 1 (BE): tier 3 out of range [1, 2]"},
		{"lower-case code", func(h []string, r [][]string) ([]string, [][]string) {
			r[7][col(h, "code")] = "el"
			return h, r
		}, `row 8: code "el" is not two upper-case letters`},
		{"three-letter code", func(h []string, r [][]string) ([]string, [][]string) {
			r[7][col(h, "code")] = "GRC"
			return h, r
		}, `row 8: code "GRC" is not two upper-case letters`},
		{"wrong column count", func(h []string, r [][]string) ([]string, [][]string) {
			r[2] = r[2][:len(r[2])-1]
			return h, r
		}, "row 3: 11 fields, want 12"},
		{"26 states", func(h []string, r [][]string) ([]string, [][]string) {
			return h, r[:26]
		}, "26 states, want 27"},
		{"28 states", func(h []string, r [][]string) ([]string, [][]string) {
			extra := slices.Clone(r[0])
			extra[col(h, "code")] = "XX"
			return h, append(r, extra)
		}, "more than 27 states"},
		{"demand sum", func(h []string, r [][]string) ([]string, [][]string) {
			r[0][col(h, "demand_ppm")] = "51138"
			return h, r
		}, "demand_ppm sums to 999999, want 1000000"},
		{"empty name", func(h []string, r [][]string) ([]string, [][]string) {
			r[1][col(h, "name")] = ""
			return h, r
		}, "row 2 (BG): name is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, h, r := table(t)
			h, r = tc.mutate(h, r)
			_, err := assets.ParseStates(strings.NewReader(join(c, h, r)))
			if err == nil {
				t.Fatalf("ParseStates succeeded, want error containing %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %q\nwant it to contain %q", err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "states.csv: ") {
				t.Errorf("error %q does not start with \"states.csv: \"", err)
			}
		})
	}
}

func TestParseStatesEmpty(t *testing.T) {
	for _, in := range []string{"", "# only a comment\n"} {
		if _, err := assets.ParseStates(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "no header row") {
			t.Errorf("ParseStates(%q) error = %v, want 'no header row'", in, err)
		}
	}
}

func FuzzParseStates(f *testing.F) {
	file := assets.StatesCSV()
	f.Add(file)
	f.Add([]byte{})
	f.Add(bytes.Replace(file, []byte(",22640,"), []byte(",22.64,"), 1))
	f.Add(bytes.Replace(file, []byte("\nSE,"), []byte("\nBE,"), 1))
	f.Add(bytes.Replace(file, []byte(",population_k\n"), []byte("\n"), 1))
	f.Add(bytes.Replace(file, []byte("\nBE,Belgium,"), []byte("\nBE,\"Bel\"gium,"), 1))
	if i := bytes.LastIndex(file[:len(file)-1], []byte("\n")); i > 0 {
		f.Add(file[:i+1]) // last row removed
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		states, err := assets.ParseStates(bytes.NewReader(data))
		if err != nil {
			if states != nil {
				t.Errorf("non-nil states with error %v", err)
			}
			return
		}
		if len(states) != 27 {
			t.Fatalf("parsed %d states, want 27", len(states))
		}
		var sum int64
		seen := map[string]bool{}
		for _, s := range states {
			if seen[s.Code] {
				t.Errorf("duplicate code %s accepted", s.Code)
			}
			seen[s.Code] = true
			sum += s.DemandPPM
		}
		if sum != 1_000_000 {
			t.Errorf("demand sums to %d", sum)
		}
	})
}
