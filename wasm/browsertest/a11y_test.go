package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"gigasandbox/game"
	"gigasandbox/game/layoutcheck"
)

// axNode is a node of the page's accessibility tree as a screen reader
// reads it: its role and its name.
type axNode struct{ role, name string }

// axTree reads the page's accessibility tree through the DevTools
// protocol: what a screen reader is given, not what the DOM holds.
func (p *page) axTree() []axNode {
	p.t.Helper()
	res, err := chromedp.Run(p.ctx, func(ctx context.Context, t *chromedp.Target) (accessibility.GetFullAXTreeResult, error) {
		return cdp.Call(ctx, t, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	})
	if err != nil {
		p.t.Fatalf("reading the accessibility tree: %v", err)
	}
	str := func(v *accessibility.Value) string {
		if v == nil {
			return ""
		}
		var s string
		if json.Unmarshal(v.Value, &s) != nil {
			return ""
		}
		return s
	}
	var out []axNode
	for _, n := range res.Nodes {
		if !n.Ignored {
			out = append(out, axNode{str(n.Role), str(n.Name)})
		}
	}
	return out
}

// has reports whether the tree holds a node of this role whose name
// contains name.
func hasNode(tree []axNode, role, name string) bool {
	for _, n := range tree {
		if n.role == role && strings.Contains(n.name, name) {
			return true
		}
	}
	return false
}

// TestScreenReaderPath is what "done" means for a user without sight: in
// the text twin alone, choose a state, build a gigafactory, play, hear
// what happens, and learn whether the goals are met. The accessibility
// tree Chromium gives a screen reader holds the headline numbers, the
// goals and the controls.
func TestScreenReaderPath(t *testing.T) {
	s := buildSite(t, "./wasm")
	p := startBrowser(t).newPage().emulate(devices[7]).navigate(serve(t, s) + "#preset=grid-crunch")
	p.waitGame()
	p.waitJS(`document.querySelector('#twin-state option[value="PL"]') !== null && document.querySelectorAll("#twin-controls button").length > 10`, 10*time.Second, "the twin's state chooser and controls")

	tree := p.axTree()
	for _, want := range []axNode{
		{"combobox", "Member state"},
		{"button", "►"},
		{"StaticText", "InvestAI fund left"},
		{"StaticText", "Chips running"},
		{"heading", "Goals"},
		{"StaticText", "curtailed"}, // a goal of grid-crunch
		{"link", "Text view"},
	} {
		if !hasNode(tree, want.role, want.name) {
			t.Errorf("the accessibility tree has no %s named %q", want.role, want.name)
		}
	}

	sites := evalJS[int](p, "window.gigasim.status().sites")
	evalJS[any](p, `(() => { const s = document.getElementById("twin-state"); s.value = "PL"; s.dispatchEvent(new Event("change")); })()`)
	p.waitJS(`window.gigasim.status().selected === "PL"`, 5*time.Second, "Poland chosen in the twin")
	p.waitJS(`[...document.querySelectorAll("#twin button")].some(b => b.textContent === "Build (B)")`, 5*time.Second, "the twin's Build button")
	evalJS[any](p, `[...document.querySelectorAll("#twin button")].find(b => b.textContent === "Build (B)").click()`)
	p.waitJS(fmt.Sprintf("window.gigasim.status().sites === %d", sites+1), 5*time.Second, "a site built by the twin's Build button")

	evalJS[any](p, `[...document.querySelectorAll("#twin-controls button")].find(b => b.textContent === "►").click()`)
	p.waitJS(`window.gigasim.status().playing`, 5*time.Second, "the twin's play button to start the run")
	p.waitJS(`document.getElementById("twin-live").textContent.length > 0`, 60*time.Second, "an announcement of what happened")

	// the levers, as switches and steppers a screen reader can use
	evalJS[any](p, `[...document.querySelectorAll("#twin-controls button")].find(b => b.textContent === "Levers").click()`)
	p.waitJS(`document.querySelector('#twin-controls button[role="switch"]') !== null`, 5*time.Second, "the levers' switches in the twin")
	if tree := p.axTree(); !hasNode(tree, "switch", "") {
		t.Error("the accessibility tree has no switch for a lever that is on or off")
	}
	p.waitJS(`document.getElementById("twin").textContent.match(/on track|at risk|met|missed/)`, 5*time.Second, "the goals' verdicts in the twin")
}

// TestAxe: axe-core (installed by npm in this folder, injected by the test
// only) finds no violation of the WCAG 2.1 A and AA rules, with the text
// view hidden and shown.
func TestAxe(t *testing.T) {
	src, err := os.ReadFile("node_modules/axe-core/axe.min.js")
	if err != nil {
		t.Fatalf("axe-core is not installed: run `npm ci` in wasm/browsertest (.ci/run does): %v", err)
	}
	s := buildSite(t, "./wasm")
	p := startBrowser(t).newPage().emulate(devices[1]).navigate(serve(t, s) + "#preset=grid-crunch")
	p.waitGame()
	p.waitJS(`document.querySelectorAll("#twin-controls button").length > 3`, 10*time.Second, "the twin's controls")
	evalJS[any](p, string(src)+";0")
	check := func(when string) {
		out := evalJS[string](p, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
			.then(r => JSON.stringify(r.violations.map(v => v.id + ": " + v.help + " (" + v.nodes.map(n => n.target.join(" ")).slice(0, 3).join(", ") + ")")))`)
		var violations []string
		if err := json.Unmarshal([]byte(out), &violations); err != nil {
			t.Fatalf("axe's result %q: %v", out, err)
		}
		for _, v := range violations {
			t.Errorf("%s: %s", when, v)
		}
	}
	check("text view hidden")
	evalJS[any](p, `document.getElementById("twin-open").click()`)
	check("text view shown")
}

// TestHighContrastFollowsTheBrowser: a browser that asks for more contrast
// gets the high-contrast theme, at start and when the wish changes.
func TestHighContrastFollowsTheBrowser(t *testing.T) {
	s := buildSite(t, "./wasm")
	p := startBrowser(t).newPage()
	setMedia := func(value string) {
		t.Helper()
		err := chromedp.Do(p.ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-contrast", Value: value}},
			})
			return chromedp.Void{}, err
		})
		if err != nil {
			t.Fatalf("emulating prefers-contrast: %s: %v", value, err)
		}
	}
	setMedia("more")
	p.navigate(serve(t, s) + "#preset=baseline")
	p.waitGame()
	p.waitJS(`window.gigasim.status().highContrast`, 5*time.Second, "the high-contrast theme")
	setMedia("no-preference")
	p.waitJS(`!window.gigasim.status().highContrast`, 5*time.Second, "the standard theme again")
}

// TestCharKeysRemembered: the single character key shortcuts, turned off
// once, stay off in this browser, and the switch in the help sheet (here
// pressed through the text twin) turns them on again.
func TestCharKeysRemembered(t *testing.T) {
	s := buildSite(t, "./wasm")
	p := startBrowser(t).newPage().addInitScript(`try { localStorage.setItem("gigasim.charkeys", "off") } catch (e) {}`)
	p.navigate(serve(t, s) + "#preset=baseline")
	p.waitGame()
	if evalJS[bool](p, "window.gigasim.status().charKeys") {
		t.Fatal("the shortcuts are on though this browser remembers them off")
	}
	p.waitJS(`[...document.querySelectorAll("#twin-controls button")].some(b => b.textContent === "?")`, 5*time.Second, "the help button in the twin")
	evalJS[any](p, `[...document.querySelectorAll("#twin-controls button")].find(b => b.textContent === "?").click()`)
	p.waitJS(`[...document.querySelectorAll("#twin button[role=switch]")].some(b => b.textContent.startsWith("Single-key shortcuts"))`, 5*time.Second, "the shortcuts' switch in the help sheet")
	evalJS[any](p, `[...document.querySelectorAll("#twin button[role=switch]")].find(b => b.textContent.startsWith("Single-key shortcuts")).click()`)
	p.waitJS(`window.gigasim.status().charKeys && localStorage.getItem("gigasim.charkeys") === "on"`, 5*time.Second, "the shortcuts on, and remembered")
}

// noWebGL makes a page's browser one without WebGL, as an old graphics
// card, a blocked driver or a locked-down profile leaves it: every canvas
// refuses a WebGL context.
const noWebGL = `(() => {
  const get = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    return /webgl/.test(type) ? null : get.call(this, type, ...rest);
  };
})()`

// TestWithoutWebGL: where the canvas cannot start, the page opens as its
// text view, says why, and the whole sandbox works: choose a state, build,
// play, read the goals.
func TestWithoutWebGL(t *testing.T) {
	s := buildSite(t, "./wasm")
	p := startBrowser(t).newPage().addInitScript(noWebGL)
	p.navigate(serve(t, s) + "#preset=grid-crunch")
	p.waitJS(`window.gigasimBoot && window.gigasimBoot.phase === "running"`, bootTimeout, "the page to run without WebGL")
	p.waitJS(`document.getElementById("twin").classList.contains("text-only") && document.getElementById("twin-nocanvas").textContent.includes("WebGL")`, 5*time.Second, "the text view shown, with the reason")
	if got := evalJS[bool](p, `getComputedStyle(document.getElementById("twin")).position === "fixed" && document.getElementById("twin").getBoundingClientRect().width > 600`); !got {
		t.Error("the text view is not shown as the page")
	}
	p.waitJS(`document.querySelectorAll("#twin-controls button").length > 10`, 5*time.Second, "the controls in the text view")
	sites := evalJS[int](p, "window.gigasim.status().sites")
	evalJS[any](p, `(() => { const s = document.getElementById("twin-state"); s.value = "PL"; s.dispatchEvent(new Event("change")); })()`)
	p.waitJS(`[...document.querySelectorAll("#twin button")].some(b => b.textContent === "Build (B)")`, 5*time.Second, "the Build button")
	evalJS[any](p, `[...document.querySelectorAll("#twin button")].find(b => b.textContent === "Build (B)").click()`)
	p.waitJS(fmt.Sprintf("window.gigasim.status().sites === %d", sites+1), 5*time.Second, "a site built without WebGL")
	evalJS[any](p, `[...document.querySelectorAll("#twin-controls button")].find(b => b.textContent === "►").click()`)
	p.waitJS(`window.gigasim.status().day > 30`, 30*time.Second, "the run to play without WebGL")
	p.waitJS(`document.querySelectorAll("#twin table").length === 6 && document.getElementById("twin").textContent.match(/on track|at risk|met|missed/)`, 5*time.Second, "the charts as tables and the goals' verdicts")
}

// TestTextSize200: a reader who sets the browser's text size to 200%
// (32 px) gets a page laid out as for a screen half as wide, its text and
// controls twice as large, nothing overlapping or cut (the layout check),
// and the page checks the setting while it runs. (Chromium's emulated
// setting, Page.setFontSizes, reaches a page already open only when it
// reloads, so the test sets it before the page opens.)
func TestTextSize200(t *testing.T) {
	s := buildSite(t, "./wasm")
	p := startBrowser(t).newPage()
	setSize := func(px int64) {
		t.Helper()
		err := chromedp.Do(p.ctx, func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, tg, cdppage.SetFontSizes, cdppage.SetFontSizesParams{FontSizes: &cdppage.FontSizes{Standard: px}})
			return chromedp.Void{}, err
		})
		if err != nil {
			t.Fatalf("setting the default font size to %d px: %v", px, err)
		}
	}
	setSize(32)
	p.navigate(serve(t, s) + "#preset=baseline")
	p.waitGame()
	p.waitJS(fmt.Sprintf("window.gigasim.status().textScale === 2 && window.gigasim.status().width === %d", viewportW/2), 5*time.Second, "the page laid out for text at 200%")
	p.framesPass(2)
	laid := evalJS[game.LayoutReport](p, "window.gigasim.layout()")
	if problems := layoutcheck.Check(laid.Widgets, laid.W, laid.H, laid.Touch); len(problems) > 0 {
		t.Errorf("text at 200%%, %s layout: %d problems:\n  %s", laid.Form, len(problems), strings.Join(problems, "\n  "))
	}
}
