package browsertest

import (
	"github.com/chromedp/chromedp"
)

// device is a screen the page is tried on: its CSS size, its device pixel
// ratio, and whether it is a phone or tablet with touch.
type device struct {
	Name  string
	W, H  int64   // CSS pixels
	DPR   float64 // device pixels per CSS pixel
	Touch bool    // a mobile browser with a touch screen
}

// devices are the viewports the layout tests and screenshots cover: phones
// and tablets in both orientations, laptops, desktops and a 4K projector.
var devices = []device{
	{"phone-360x640", 360, 640, 3, true},
	{"phone-390x844", 390, 844, 3, true},
	{"phone-844x390", 844, 390, 3, true},
	{"phone-412x915", 412, 915, 2.625, true},
	{"tablet-768x1024", 768, 1024, 2, true},
	{"tablet-820x1180", 820, 1180, 2, true},
	{"tablet-1024x768", 1024, 768, 2, true},
	{"laptop-1280x720", 1280, 720, 1, false},
	{"laptop-1366x768", 1366, 768, 1, false},
	{"desktop-1920x1080", 1920, 1080, 1, false},
	{"desktop-2560x1440", 2560, 1440, 1, false},
	{"projector-3840x2160", 3840, 2160, 1, false},
}

// emulate makes the tab's viewport the device's: its size, its pixel
// ratio and, for phones and tablets, a mobile browser with touch. Call it
// before navigate.
func (p *page) emulate(d device) *page {
	p.t.Helper()
	opts := []chromedp.EmulateViewportOption{chromedp.EmulateScale(d.DPR)}
	if d.Touch {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
		if d.W > d.H {
			opts = append(opts, chromedp.EmulateLandscape)
		} else {
			opts = append(opts, chromedp.EmulatePortrait)
		}
	}
	if err := chromedp.Do(p.ctx, chromedp.EmulateViewport(d.W, d.H, opts...)); err != nil {
		p.t.Fatalf("emulating %s: %v", d.Name, err)
	}
	return p
}
