package game

import (
	"fmt"
	"testing"
)

// BenchmarkPhoneFrame measures the Go side of a frame on a phone (390×844
// CSS pixels, at 2× and 3×) while the baseline plays at a year a second
// at 30 frames a second (12 days a frame): the input pass (the layout
// without a screen, as Update runs it), the days, and the draw pass (the
// layout into the display list and the sketches that find what changed).
// It leaves out what needs a browser: the replay's draw calls, Ebitengine's
// WebGL calls through syscall/js and their flush. Natively a frame takes
// about 0.3 ms; in the page on a phone-class CPU (4× throttled) the Go time
// per frame was 9–14 ms (docs/performance.md, "Phone-class speed"), most of
// it in what is left out here: profile the page with GIGASIM_PHONE_TRACE.
func BenchmarkPhoneFrame(b *testing.B) {
	for _, k := range []float64{2, 3} {
		b.Run(fmt.Sprintf("k=%g", k), func(b *testing.B) {
			g := newTestGame(b, "baseline")
			g.u.k, g.u.f = k, newFonts(k)
			g.w, g.h = 390, 844
			g.u.mx, g.u.my = -1, -1
			settle(b, g)
			g.frame()
			damageFrame(g)
			share := 0.0
			for b.Loop() {
				if g.sess.Ended() {
					b.StopTimer()
					if err := g.RunTo(0); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				g.frame()
				if _, err := g.sess.Step(12); err != nil {
					b.Fatal(err)
				}
				share += damageFrame(g)
			}
			b.ReportMetric(100*share/float64(b.N), "%drawn/frame")
		})
	}
}
