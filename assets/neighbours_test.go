package assets_test

import (
	"slices"
	"strings"
	"testing"

	"gigasandbox/assets"
	"gigasandbox/assets/eumap"
)

// TestNeighboursFromMap recomputes the table from the map's outlines, as
// neighbours.csv says it was made: two states are neighbours when their
// outlines share a border segment (the map keeps one simplified arc for
// both sides of a border, so a shared border is a run of identical points).
func TestNeighboursFromMap(t *testing.T) {
	got, err := assets.Neighbours()
	if err != nil {
		t.Fatalf("Neighbours: %v", err)
	}
	m := eumap.Load()
	type segment struct{ a, b eumap.Point }
	key := func(p, q eumap.Point) segment {
		if p.X < q.X || (p.X == q.X && p.Y < q.Y) {
			return segment{p, q}
		}
		return segment{q, p}
	}
	owners := map[segment][]int{}
	for i, s := range m.States {
		for _, r := range s.Rings {
			for j := range r {
				k := key(r[j], r[(j+1)%len(r)])
				owners[k] = append(owners[k], i)
			}
		}
	}
	shared := make([][]bool, len(m.States))
	for i := range shared {
		shared[i] = make([]bool, len(m.States))
	}
	for _, o := range owners {
		for _, a := range o {
			for _, b := range o {
				shared[a][b] = shared[a][b] || a != b
			}
		}
	}
	for i, s := range m.States {
		var want []string
		for j := range m.States {
			if shared[i][j] {
				want = append(want, m.States[j].Code)
			}
		}
		if !slices.Equal(got[s.Code], want) {
			t.Errorf("neighbours of %s = %v, the map's outlines give %v", s.Code, got[s.Code], want)
		}
	}
}

// TestNeighboursKnown spot-checks borders everyone knows, and the islands.
func TestNeighboursKnown(t *testing.T) {
	got, err := assets.Neighbours()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		code string
		want []string
	}{
		{"DE", []string{"BE", "CZ", "DK", "FR", "LU", "NL", "AT", "PL"}},
		{"PT", []string{"ES"}},
		{"FI", []string{"SE"}},
		{"IE", []string{}},
		{"CY", []string{}},
		{"MT", []string{}},
	}
	for _, tt := range tests {
		if !slices.Equal(got[tt.code], tt.want) {
			t.Errorf("Neighbours()[%s] = %v, want %v", tt.code, got[tt.code], tt.want)
		}
	}
}

func TestParseNeighboursRejects(t *testing.T) {
	states, err := assets.States()
	if err != nil {
		t.Fatal(err)
	}
	good, err := assets.Neighbours()
	if err != nil {
		t.Fatal(err)
	}
	// table writes the good table with one row replaced.
	table := func(code, row string) string {
		var b strings.Builder
		b.WriteString("# comment\ncode,neighbours\n")
		for _, s := range states {
			if s.Code == code {
				if row != "" {
					b.WriteString(row + "\n")
				}
				continue
			}
			b.WriteString(s.Code + "," + strings.Join(good[s.Code], " ") + "\n")
		}
		return b.String()
	}
	if _, err := assets.ParseNeighbours(strings.NewReader(table("", "")), states); err != nil {
		t.Fatalf("ParseNeighbours(good table) = %v", err)
	}
	tests := []struct {
		name, text, want string
	}{
		{"bad header", "code,borders\n", "header"},
		{"unknown code", table("PT", "PT,ES XX"), `unknown state "XX"`},
		{"itself", table("PT", "PT,ES PT"), "own neighbour"},
		{"out of order", table("DE", "DE,CZ BE DK FR LU NL AT PL"), "out of protocol order"},
		{"not symmetric", table("PT", "PT,"), "ES lists PT but PT does not list ES"},
		{"missing row", table("SE", ""), "rows"},
		{"wrong row order", strings.Replace(table("", ""), "BE,", "XX,", 1), `want "BE"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := assets.ParseNeighbours(strings.NewReader(tt.text), states)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseNeighbours = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}
