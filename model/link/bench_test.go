package link_test

import (
	"testing"

	"gigasandbox/model"
	"gigasandbox/model/link"
)

func benchScenarios(b *testing.B) []struct {
	name string
	sc   model.Scenario
} {
	return []struct {
		name string
		sc   model.Scenario
	}{
		{"preset", preset(b, "baseline")},
		{"sites=10,levers=10", withEdits(preset(b, "baseline"), tenBuilds, tenLevers)},
		{"everything", everything(b)},
	}
}

func BenchmarkEncode(b *testing.B) {
	for _, bb := range benchScenarios(b) {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := link.Encode(bb.sc, 400); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecode(b *testing.B) {
	for _, bb := range benchScenarios(b) {
		s, err := link.Encode(bb.sc, 400)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := link.Decode(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
