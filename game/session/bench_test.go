package session_test

import (
	"fmt"
	"testing"

	"gigasandbox/game/session"
	"gigasandbox/model"
)

// BenchmarkDo is what an edit costs the page before its projection: the
// check of the whole scenario it makes (model.Scenario.Validate and the
// link's length) and Apply, with the edits a long lesson leaves behind.
func BenchmarkDo(b *testing.B) {
	for _, edits := range []int{0, 100, 400} {
		b.Run(fmt.Sprintf("edits=%d", edits), func(b *testing.B) {
			s, err := session.NewPreset("baseline")
			if err != nil {
				b.Fatal(err)
			}
			for i := range edits {
				if _, err := s.Do(model.Command{Op: model.SetLever{Lever: model.LeverVoucherShare, Value: int32(i%10) * 100}}); err != nil {
					b.Fatal(err)
				}
				if i%4 == 0 {
					s.Step(1)
				}
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := s.Do(model.Command{Op: model.SetLever{Lever: model.LeverPPAShare, Value: int32(i%10) * 100}}); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if err := s.Undo(); err != nil { // keeps the scenario's size
					b.Fatal(err)
				}
				b.StartTimer()
				i++
			}
		})
	}
}
