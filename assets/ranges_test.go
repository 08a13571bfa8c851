package assets

import (
	"strings"
	"testing"
)

func TestRanges(t *testing.T) {
	rows, err := Ranges()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 50 {
		t.Errorf("%d ranges, want one for every assumption", len(rows))
	}
}

func TestParseRangesRefuses(t *testing.T) {
	const header = "key,low,high,dist,why_low,why_high,sources\n"
	for _, tt := range []struct{ name, csv, want string }{
		{"no header", "", "header"},
		{"wrong header", "key,low,high\n", "header is"},
		{"twice", header + "pue,1,2,uniform,a,b,\npue,1,2,uniform,a,b,\n", "appears twice"},
		{"bad dist", header + "pue,1,2,normal,a,b,\n", `dist "normal"`},
		{"no reason", header + "pue,1,2,uniform,,b,\n", "why_low and why_high"},
		{"bad source", header + "pue,1,2,uniform,a,b,S3\n", `source "S3"`},
		{"short row", header + "pue,1,2\n", "wrong number of fields"},
	} {
		_, err := ParseRanges(strings.NewReader(tt.csv))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: ParseRanges = %v, want an error with %q", tt.name, err, tt.want)
		}
	}
}
