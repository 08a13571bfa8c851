//go:build !js

package browsertest

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	xdraw "golang.org/x/image/draw"

	"gigasandbox/game"
	"gigasandbox/game/i18n"
	"gigasandbox/game/layoutcheck"
)

// viewStates are the page states the viewport test lays out at each
// screen: what a student sees first, a state picked, the levers, and the
// share sheet with its QR code.
var viewStates = []struct{ name, js string }{
	{"start", ""},
	{"state", "window.gigasim.select('FR')"},
	{"levers", "window.gigasim.select('', 'levers')"},
	{"share", "window.gigasim.select('', 'share')"},
	{"charts", "window.gigasim.runTo(700); window.gigasim.select('', 'charts')"}, // a phone's sheet of charts
}

// TestEveryViewport opens the page at each of the devices' screens
// (phones, tablets, laptops, desktops, a 4K projector), in each language,
// resizing and turning one page from screen to screen, and checks the widgets as the browser laid them out: none overlaps
// another, every text fits its box and the screen, and on phones and
// tablets every target is at least 44×44 CSS pixels. It saves a
// screenshot per screen; with GIGASIM_SCREENSHOTS=docs/screenshots it
// writes them there too, at CSS-pixel size.
func TestEveryViewport(t *testing.T) {
	s := buildSite(t, "./wasm")
	p := startBrowser(t).newPage().emulate(devices[0]).navigate(serve(t, s) + "#preset=baseline")
	p.waitGame()
	for _, d := range devices {
		// one page, resized and rotated from screen to screen as a window
		// or a phone would be
		p.emulate(d)
		p.waitJS("window.gigasim.layout().w === "+strconv.FormatInt(d.W, 10)+" && window.gigasim.layout().h === "+strconv.FormatInt(d.H, 10),
			bootTimeout, "the page laid out at "+d.Name)
		laid := evalJS[game.LayoutReport](p, "window.gigasim.layout()")
		if laid.Touch != d.Touch {
			t.Errorf("%s: the %s layout is for touch: %v, want %v", d.Name, laid.Form, laid.Touch, d.Touch)
		}
		for _, vs := range viewStates {
			// every language in the state's panel, where the longest
			// labels are (TestLayoutFits in game/ lays out every state in
			// every language at these screens without a browser)
			langs := []string{"en"}
			if vs.name == "state" {
				langs = []string{"fr", "de", "en"}
			}
			for _, lang := range langs {
				evalJS[any](p, "window.gigasim.setLang('"+lang+"')")
				evalJS[any](p, "window.gigasim.select('', 'none')") // close what the last state opened
				if vs.js != "" {
					evalJS[any](p, vs.js)
				}
				p.framesPass(2) // laid out in an update, reported after it
				laid := evalJS[game.LayoutReport](p, "window.gigasim.layout()")
				if len(laid.Widgets) < 10 {
					t.Fatalf("%s, %s, %s: only %d widgets laid out", d.Name, lang, vs.name, len(laid.Widgets))
				}
				if problems := layoutcheck.Check(laid.Widgets, laid.W, laid.H, laid.Touch); len(problems) > 0 {
					t.Errorf("%s, %s, %s, %s layout: %d problems:\n  %s", d.Name, lang, vs.name, laid.Form, len(problems), strings.Join(problems, "\n  "))
				}
				if lang == "en" && (vs.name == "state" || (vs.name == "charts" && laid.Form == "phone")) {
					saveViewport(t, p, d, vs.name)
				}
			}
		}
	}
}

// TestRotateKeepsTheRun turns a phone from portrait to landscape and back
// in the middle of a run, with a state picked and the levers open: the
// run, the selection and the open sheet stay as they were.
func TestRotateKeepsTheRun(t *testing.T) {
	s := buildSite(t, "./wasm")
	portrait := devices[1] // 390×844
	landscape := device{Name: "phone-844x390", W: portrait.H, H: portrait.W, DPR: portrait.DPR, Touch: true}
	p := startBrowser(t).newPage().emulate(portrait).navigate(serve(t, s) + "#preset=baseline")
	p.waitGame()
	evalJS[status](p, "window.gigasim.runTo(400)")
	evalJS[any](p, "window.gigasim.select('PL')")
	evalJS[any](p, "window.gigasim.select('', 'levers')")
	p.framesPass(2)
	before := gameStatus(p)
	leversOpen := `window.gigasim.layout().widgets.some(w => w.label === "Fast-track permitting")`
	if !evalJS[bool](p, leversOpen) {
		t.Fatalf("the levers sheet is not open before turning the phone")
	}
	for _, d := range []device{landscape, portrait} {
		p.emulate(d)
		p.waitJS("window.gigasim.layout().w === "+strconv.FormatInt(d.W, 10), bootTimeout, "the page laid out at "+d.Name)
		p.framesPass(2)
		after := gameStatus(p)
		if after.Day != before.Day || after.StateHash != before.StateHash {
			t.Errorf("%s: the run is at day %d (%s), was at %d (%s)", d.Name, after.Day, after.StateHash, before.Day, before.StateHash)
		}
		if sel := evalJS[string](p, "window.gigasim.status().selected"); sel != "PL" {
			t.Errorf("%s: %q is selected, was PL", d.Name, sel)
		}
		if !evalJS[bool](p, leversOpen) {
			t.Errorf("%s: the levers sheet closed when the phone turned", d.Name)
		}
	}
}

// saveViewport saves a screenshot of the page as viewport-<device>-<state>.png
// among the test's artefacts, and in $GIGASIM_SCREENSHOTS at CSS-pixel size.
func saveViewport(t *testing.T, p *page, d device, state string) {
	t.Helper()
	name := "viewport-" + d.Name + "-" + state
	img := p.screenshot(name)
	dir := os.Getenv("GIGASIM_SCREENSHOTS")
	if dir == "" || img == nil {
		return
	}
	small := image.NewRGBA(image.Rect(0, 0, int(d.W), int(d.H)))
	xdraw.CatmullRom.Scale(small, small.Bounds(), img, img.Bounds(), xdraw.Src, nil)
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(f, small); err != nil {
		t.Fatal(err)
	}
	t.Logf("saved %s (%d×%d CSS pixels, %s)", f.Name(), d.W, d.H, strconv.FormatFloat(d.DPR, 'g', -1, 64)+"× in the browser")
}

// screenshotLangs are the languages whose pictures docs/screenshots keeps:
// long words (German, Finnish, Hungarian) and other scripts (Greek,
// Bulgarian).
var screenshotLangs = []string{"de", "fi", "hu", "el", "bg"}

// TestEveryLanguageOnScreen switches one page through all the languages
// it speaks, on a phone and on a laptop, with a state's panel (the longest
// labels) and the levers open, and checks the widgets as the browser laid
// them out; the document's lang attribute follows. Pictures of the
// languages with long words or other scripts are saved (and with
// GIGASIM_SCREENSHOTS=docs/screenshots, written there).
func TestEveryLanguageOnScreen(t *testing.T) {
	s := buildSite(t, "./wasm")
	p := startBrowser(t).newPage().emulate(devices[1]).navigate(serve(t, s) + "#preset=baseline")
	p.waitGame()
	var laptop device
	for _, d := range devices {
		if d.Name == "laptop-1280x720" {
			laptop = d
		}
	}
	for _, d := range []device{devices[1], laptop} {
		p.emulate(d)
		p.waitJS("window.gigasim.layout().w === "+strconv.FormatInt(d.W, 10), bootTimeout, "the page laid out at "+d.Name)
		for _, lang := range i18n.Langs {
			evalJS[any](p, "window.gigasim.setLang('"+lang+"')")
			for _, view := range []string{"window.gigasim.select('FR')", "window.gigasim.select('', 'levers')"} {
				evalJS[any](p, "window.gigasim.select('', 'none')")
				evalJS[any](p, view)
				p.framesPass(2)
				laid := evalJS[game.LayoutReport](p, "window.gigasim.layout()")
				if problems := layoutcheck.Check(laid.Widgets, laid.W, laid.H, laid.Touch); len(problems) > 0 {
					t.Errorf("%s, %s, %s: %d problems:\n  %s", d.Name, lang, view, len(problems), strings.Join(problems, "\n  "))
				}
			}
			p.waitJS("document.documentElement.lang === '"+lang+"'", 5*time.Second, "<html lang> to follow the page to "+lang)
			if slices.Contains(screenshotLangs, lang) {
				evalJS[any](p, "window.gigasim.select('', 'none')")
				evalJS[any](p, "window.gigasim.select('FR')")
				p.framesPass(2)
				saveViewport(t, p, d, "lang-"+lang)
			}
		}
	}
}
