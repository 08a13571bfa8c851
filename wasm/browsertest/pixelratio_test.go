//go:build !js

package browsertest

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// pixelRatio is gigasimBoot.pixelRatio with the canvas's drawing buffer.
type pixelRatio struct {
	Device  float64 `json:"device"`
	Used    float64 `json:"used"`
	BufferW int     `json:"bufferW"`
	BufferH int     `json:"bufferH"`
}

const pixelRatioJS = `(() => { const c = document.querySelector("canvas"), r = gigasimBoot.pixelRatio;
  return {device: r.device, used: r.used, bufferW: c.width, bufferH: c.height}; })()`

// TestPixelRatio checks that a touch screen denser than 2× renders at 2×
// (boot.js, capPixelRatio) and that a screen with a fine pointer renders at
// its own ratio, whatever it is; and that on the capped phone a tap still
// lands on the state under the finger (Ebitengine maps touches back with
// the ratio it rendered at).
func TestPixelRatio(t *testing.T) {
	s := buildSite(t, "./wasm")
	url := serve(t, s)
	tests := []struct {
		d    device
		used float64
	}{
		{device{"phone-390x844", 390, 844, 3, true}, 2},
		{device{"laptop-hidpi-1024x640", 1024, 640, 3, false}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.d.Name, func(t *testing.T) {
			p := startBrowser(t).newPage()
			p.emulate(tc.d).navigate(url)
			p.waitGame()
			got := evalJS[pixelRatio](p, pixelRatioJS)
			want := pixelRatio{Device: tc.d.DPR, Used: tc.used, BufferW: int(float64(tc.d.W) * tc.used), BufferH: int(float64(tc.d.H) * tc.used)}
			if got != want {
				t.Errorf("%s: got %+v, want %+v", tc.d.Name, got, want)
			}
			if !tc.d.Touch || tc.d.DPR <= tc.used {
				return
			}
			at := evalJS[*point](p, `window.gigasim.statePoint("FR")`)
			if at == nil {
				t.Fatal("statePoint(FR) = null")
			}
			for _, typ := range []input.DispatchTouchEventType{input.DispatchTouchEventTypeTouchStart, input.DispatchTouchEventTypeTouchEnd} {
				pts := []*input.TouchPoint{}
				if typ == input.DispatchTouchEventTypeTouchStart {
					pts = append(pts, &input.TouchPoint{X: at.X, Y: at.Y})
				}
				if _, err := chromedp.Call(p.ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: pts}); err != nil {
					t.Fatalf("touch %s: %v", typ, err)
				}
				p.framesPass(2)
			}
			p.waitJS(`window.gigasim.status().selected === "FR"`, 10*time.Second,
				fmt.Sprintf("a tap at (%.0f, %.0f), France's point, to select France", at.X, at.Y))
		})
	}
}
