//go:build !js

package browsertest

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"gigasandbox/internal/site"
	"gigasandbox/wasm/internal/pagetest"
)

// The harness. A test builds a site, serves it, opens it and checks it:
//
//	s := buildSite(t, "./wasm")             // built once per test binary
//	p := openPage(t, serve(t, s))           // fresh Chromium, 1280×720
//	st := p.waitReady(time.Minute)          // gigasimBoot.ready() was called
//	day := evalJS[int](p, "window.gigasim.status().day")
//	p.click(640, 360)
//	p.waitJS("window.gigasim.status().sites > 0", 5*time.Second, "a site was built")
//	p.screenshot("after-build")
//
// Every console error, uncaught exception and CSP violation on a page fails
// the test when it ends, unless the test called p.expectProblems().

// viewport is the size of every page, in CSS pixels.
const viewportW, viewportH = 1280, 720

// chromiumPath is the browser the tests drive.
func chromiumPath() string {
	if p := os.Getenv("GIGASIM_CHROMIUM"); p != "" {
		return p
	}
	return "/usr/bin/chromium"
}

var (
	rootOnce sync.Once
	root     string
	rootErr  error

	sitesMu sync.Mutex
	sites   = map[string]*builtSite{}
)

type builtSite struct {
	once sync.Once
	site *site.Site
	err  error
}

// buildSite compiles the program pkg (relative to the module root, e.g.
// "./wasm") into a site, once per test binary. Like startBrowser, it skips
// or fails the test first if there is no browser to run it in.
func buildSite(t *testing.T, pkg string) *site.Site {
	t.Helper()
	requireBrowser(t)
	rootOnce.Do(func() { root, rootErr = site.FindRoot(context.Background(), "", ".") })
	if rootErr != nil {
		t.Fatal(rootErr)
	}
	sitesMu.Lock()
	b := sites[pkg]
	if b == nil {
		b = &builtSite{}
		sites[pkg] = b
	}
	sitesMu.Unlock()
	b.once.Do(func() {
		start := time.Now()
		b.site, b.err = site.Build(context.Background(), site.Config{Root: root, Package: pkg})
		if b.err == nil {
			m := b.site.Manifest
			t.Logf("built %s in %v: %d bytes, %d gzipped", pkg, time.Since(start).Round(time.Millisecond), m.Size, m.GzipSize)
		}
	})
	if b.err != nil {
		t.Fatalf("building %s: %v", pkg, b.err)
	}
	return b.site
}

// serve serves h until the test ends and returns its base URL (ending in /).
func serve(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// exportSite writes s to a fresh directory, as for a static web host.
func exportSite(t *testing.T, s *site.Site) string {
	t.Helper()
	dir := t.TempDir()
	if err := s.Export(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// requireBrowser skips the test under -short and fails it, saying how to
// install Chromium, when there is none; it returns Chromium's path.
func requireBrowser(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: skipped with -short")
	}
	path := chromiumPath()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the browser tests need Chromium at %s (%v).\n"+
			"Install it with: sudo apt-get install -y chromium\n"+
			"or set GIGASIM_CHROMIUM to a Chrome or Chromium binary; go test -short skips these tests.", path, err)
	}
	return path
}

// browser is one Chromium with a fresh profile, closed when the test ends.
type browser struct {
	t   *testing.T
	ctx context.Context
}

// startBrowser starts Chromium with the flags of shared/platform.md. It
// fails the test, saying how to install Chromium, when there is none.
func startBrowser(t *testing.T) *browser {
	t.Helper()
	path := requireBrowser(t)
	profile := t.TempDir() // removed after the browser has exited: cleanups run last-in first-out
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		// Not chromedp.Headless: it adds --hide-scrollbars, which would hide
		// the scrollbars the tests check for.
		chromedp.Flag("headless", true),
		chromedp.Flag("enable-unsafe-swiftshader", true), // WebGL2 without a GPU
		chromedp.NoSandbox,                               // we run as root
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(profile),
	}
	// GIGASIM_CHROMIUM_FLAGS adds flags ("name" or "name=value", space
	// separated), for experiments such as measuring the frame rate.
	for _, f := range strings.Fields(os.Getenv("GIGASIM_CHROMIUM_FLAGS")) {
		name, value, ok := strings.Cut(strings.TrimLeft(f, "-"), "=")
		if ok {
			opts = append(opts, chromedp.Flag(name, value))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc() // waits for Chromium to exit
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return &browser{t: t, ctx: ctx}
}

// page is one tab: its console, its problems and its screenshots.
type page struct {
	t   *testing.T
	ctx context.Context

	mu       sync.Mutex
	console  []string // every message, logged if the test fails
	problems []string // console errors, uncaught exceptions, CSP violations
	expected bool     // expectProblems was called
	markers  map[string]chan struct{}
}

// cspHook reports each Content-Security-Policy (and Trusted Types) violation
// as a console error. The browser runs it before the page's own scripts, and
// it is not subject to the page's CSP.
const cspHook = `document.addEventListener("securitypolicyviolation", (e) => {
  console.error("CSP violation: " + e.effectiveDirective + " blocked " + (e.blockedURI || "inline code") +
    " at " + e.sourceFile + ":" + e.lineNumber + (e.sample ? " (" + e.sample + ")" : ""));
});`

// newPage opens a tab at about:blank with the test viewport, recording its
// console. Call addInitScript, then navigate.
func (b *browser) newPage() *page {
	t := b.t
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx) // a new tab
	p := &page{t: t, ctx: ctx, markers: map[string]chan struct{}{}}
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		t.Fatalf("opening a tab: %v", err)
	}
	messages := chromedp.Console(ctx) // subscribed now: nothing of the page is lost
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			p.record(m)
		}
	}()
	t.Cleanup(func() {
		defer cancel()
		p.sync()
		p.mu.Lock()
		problems, console, expected := p.problems, p.console, p.expected
		p.mu.Unlock()
		if len(problems) > 0 && !expected {
			t.Errorf("the page had %d console errors, exceptions or CSP violations:\n  %s", len(problems), strings.Join(problems, "\n  "))
		}
		if t.Failed() {
			p.screenshot("at-failure")
			t.Logf("console of the page:\n  %s", strings.Join(console, "\n  "))
		}
	})
	p.addInitScript(cspHook)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(viewportW, viewportH)); err != nil {
		t.Fatalf("setting the viewport: %v", err)
	}
	return p
}

// openPage starts a browser and opens url in it.
func openPage(t *testing.T, url string) *page {
	t.Helper()
	return startBrowser(t).newPage().navigate(url)
}

// addInitScript runs js in every document the tab loads from now on, before
// the page's scripts and outside its CSP.
func (p *page) addInitScript(js string) *page {
	p.t.Helper()
	if _, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: js}); err != nil {
		p.t.Fatalf("adding an init script: %v", err)
	}
	return p
}

// navigate loads url and waits for its load event.
func (p *page) navigate(url string) *page {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.Navigate(url)); err != nil {
		p.t.Fatalf("navigating to %s: %v", url, err)
	}
	return p
}

func (p *page) record(m chromedp.ConsoleMessage) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if ch, ok := p.markers[m.Text]; ok && m.Type == chromedp.ConsoleDebug {
		close(ch)
		delete(p.markers, m.Text)
		return
	}
	line := m.String()
	if m.URL != "" {
		line += fmt.Sprintf(" (%s:%d)", m.URL, m.Line+1)
	}
	p.console = append(p.console, line)
	if m.IsException() || m.Type == chromedp.ConsoleError || m.Type == "assert" {
		p.problems = append(p.problems, line)
	}
}

// sync waits until every console message written so far has been recorded.
func (p *page) sync() {
	marker := fmt.Sprintf("browsertest-sync-%d", time.Now().UnixNano())
	ch := make(chan struct{})
	p.mu.Lock()
	p.markers[marker] = ch
	p.mu.Unlock()
	ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
	defer cancel()
	if chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf("console.debug(%q)", marker))) != nil {
		return
	}
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

// expectProblems tells the page not to fail the test on console errors (for
// tests of the error screens).
func (p *page) expectProblems() {
	p.mu.Lock()
	p.expected = true
	p.mu.Unlock()
}

// problemsSoFar returns the console errors, exceptions and CSP violations.
func (p *page) problemsSoFar() []string {
	p.sync()
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.problems...)
}

// evalJS evaluates expr in the page (awaiting a promise) and decodes the
// result into T; it fails the test on an exception.
func evalJS[T any](p *page, expr string) T {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// waitJS polls expr every 50 ms until it is truthy, and fails the test
// after timeout, naming what was awaited.
func (p *page) waitJS(expr string, timeout time.Duration, what string) {
	p.t.Helper()
	if err := p.poll(expr, timeout); err != nil {
		p.t.Fatalf("waiting for %s (%s): %v", what, expr, err)
	}
}

func (p *page) poll(expr string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		ok, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool]("Boolean("+expr+")"))
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("still false after %v", timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// bootState is window.gigasimBoot, as boot.js keeps it.
type bootState struct {
	Phase        string             `json:"phase"`
	FirstFrameMs *float64           `json:"firstFrameMs"`
	Marks        map[string]float64 `json:"marks"`
	BytesLoaded  int64              `json:"bytesLoaded"`
	BytesTotal   int64              `json:"bytesTotal"`
	Error        *string            `json:"error"`
	ExitCode     *int               `json:"exitCode"`
	// From the page, not from gigasimBoot: the error screen.
	ErrorTitle   string `json:"errorTitle"`
	ErrorDetails string `json:"errorDetails"`
}

const bootStateJS = `(() => {
  const b = window.gigasimBoot;
  if (!b) return null;
  return {phase: b.phase, firstFrameMs: b.firstFrameMs, marks: b.marks, bytesLoaded: b.bytesLoaded,
    bytesTotal: b.bytesTotal, error: b.error, exitCode: b.exitCode,
    errorTitle: document.getElementById("boot-error-title").textContent,
    errorDetails: document.getElementById("boot-error-details").textContent};
})()`

// boot returns the state of the boot script.
func (p *page) boot() bootState {
	p.t.Helper()
	if !evalJS[bool](p, "typeof window.gigasimBoot === 'object'") {
		p.t.Fatalf("window.gigasimBoot is not defined: boot.js did not run")
	}
	return evalJS[bootState](p, bootStateJS)
}

// waitReady waits until the program has called gigasimBoot.ready() and
// returns the boot state; it fails the test if the page shows an error
// instead or nothing happens within timeout.
func (p *page) waitReady(timeout time.Duration) bootState {
	p.t.Helper()
	expr := "window.gigasimBoot && (gigasimBoot.firstFrameMs !== null || gigasimBoot.error !== null)"
	err := p.poll(expr, timeout)
	st := p.boot()
	switch {
	case st.Error != nil:
		p.t.Fatalf("the page shows an error instead of the game: %s: %s\n%s", st.ErrorTitle, *st.Error, st.ErrorDetails)
	case err != nil:
		p.t.Fatalf("gigasimBoot.ready() was not called within %v (phase %q, %d of %d bytes of wasm loaded): %v",
			timeout, st.Phase, st.BytesLoaded, st.BytesTotal, err)
	}
	return st
}

// waitError waits until the page shows its error screen and returns the
// boot state. It calls expectProblems: the failure that the test provoked
// usually logs an error too.
func (p *page) waitError(timeout time.Duration) bootState {
	p.t.Helper()
	p.expectProblems()
	if err := p.poll("window.gigasimBoot && gigasimBoot.error !== null", timeout); err != nil {
		st := p.boot()
		p.t.Fatalf("no error screen within %v (phase %q): %v", timeout, st.Phase, err)
	}
	return p.boot()
}

// click clicks at (x, y) in CSS pixels of the viewport.
func (p *page) click(x, y float64) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.MouseClickXY(x, y)); err != nil {
		p.t.Fatalf("clicking at (%v, %v): %v", x, y, err)
	}
}

// move moves the mouse to (x, y) in CSS pixels of the viewport.
func (p *page) move(x, y float64) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y)); err != nil {
		p.t.Fatalf("moving the mouse to (%v, %v): %v", x, y, err)
	}
}

// framesPass waits until the browser has shown n animation frames: the
// page updates once a frame, so input sent before has been seen.
func (p *page) framesPass(n int) {
	p.t.Helper()
	evalJS[bool](p, pagetest.FramesJS(n))
}

// waitIdle waits until the page draws no more frames: its frame count
// stays the same over ten animation frames.
func (p *page) waitIdle(timeout time.Duration) {
	p.t.Helper()
	for deadline := time.Now().Add(timeout); !evalJS[bool](p, pagetest.IdleJS); {
		if time.Now().After(deadline) {
			p.t.Fatalf("the page still draws frames after %v", timeout)
		}
	}
}

// screenshot saves the viewport as <artefacts>/<test>-<name>.png, logs the
// path and returns the image.
func (p *page) screenshot(name string) image.Image {
	p.t.Helper()
	b, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Errorf("screenshot %s: %v", name, err)
		return nil
	}
	dir := artefactDir(p.t)
	file := filepath.Join(dir, strings.NewReplacer("/", "_", " ", "_").Replace(p.t.Name())+"-"+name+".png")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		p.t.Errorf("screenshot %s: %v", name, err)
	} else {
		p.t.Logf("screenshot: %s", file)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		p.t.Errorf("screenshot %s: %v", name, err)
		return nil
	}
	return img
}

// artefactDir is $GIGASIM_ARTEFACTS, or gigasim-browsertest in the
// temporary directory (overwritten by each run).
func artefactDir(t *testing.T) string {
	dir := os.Getenv("GIGASIM_ARTEFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "gigasim-browsertest")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// near reports whether two colours differ by at most tol in each channel.
func near(a, b color.Color, tol int) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) bool { return abs(int(x>>8)-int(y>>8)) <= tol }
	return d(ar, br) && d(ag, bg) && d(ab, bb)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// canvasBox is where the page's canvas is and how big the document is.
type canvasBox struct {
	Canvases     int     `json:"canvases"`
	X            float64 `json:"x"`
	Y            float64 `json:"y"`
	W            float64 `json:"w"`
	H            float64 `json:"h"`
	InnerW       float64 `json:"innerW"`
	InnerH       float64 `json:"innerH"`
	ScrollW      float64 `json:"scrollW"`
	ScrollH      float64 `json:"scrollH"`
	BufferW      int     `json:"bufferW"` // the canvas's drawing buffer
	BufferH      int     `json:"bufferH"`
	LoadingShown bool    `json:"loadingShown"`
	ErrorShown   bool    `json:"errorShown"`
}

const canvasBoxJS = `(() => {
  const shown = (id) => document.getElementById(id).getClientRects().length > 0;
  const cs = document.querySelectorAll("canvas");
  const r = cs.length ? cs[0].getBoundingClientRect() : {x: 0, y: 0, width: 0, height: 0};
  const d = document.documentElement;
  return {canvases: cs.length, x: r.x, y: r.y, w: r.width, h: r.height,
    innerW: innerWidth, innerH: innerHeight, scrollW: d.scrollWidth, scrollH: d.scrollHeight,
    bufferW: cs.length ? cs[0].width : 0, bufferH: cs.length ? cs[0].height : 0,
    loadingShown: shown("boot"), errorShown: shown("boot-error")};
})()`

// checkScreens fails the test unless the loading and error screens are gone.
func (p *page) checkScreens() {
	p.t.Helper()
	b := evalJS[canvasBox](p, canvasBoxJS)
	if b.LoadingShown {
		p.t.Error("the loading screen is still shown after ready()")
	}
	if b.ErrorShown {
		p.t.Error("the error screen is shown")
	}
}

// checkCanvasFills fails the test unless there is one canvas covering the
// whole viewport, with a drawing buffer of the same size, and no scrolling.
func (p *page) checkCanvasFills() {
	p.t.Helper()
	b := evalJS[canvasBox](p, canvasBoxJS)
	if b.Canvases != 1 {
		p.t.Fatalf("%d canvases on the page, want 1 (Ebitengine's)", b.Canvases)
	}
	if b.InnerW != viewportW || b.InnerH != viewportH {
		p.t.Errorf("viewport %v×%v, want %d×%d", b.InnerW, b.InnerH, viewportW, viewportH)
	}
	if b.X != 0 || b.Y != 0 || b.W != b.InnerW || b.H != b.InnerH {
		p.t.Errorf("canvas at (%v, %v) size %v×%v, want (0, 0) %v×%v: it should fill the window", b.X, b.Y, b.W, b.H, b.InnerW, b.InnerH)
	}
	if b.BufferW != int(b.InnerW) || b.BufferH != int(b.InnerH) {
		p.t.Errorf("canvas drawing buffer %d×%d, want %v×%v (device pixel ratio 1)", b.BufferW, b.BufferH, b.InnerW, b.InnerH)
	}
	if b.ScrollW > b.InnerW || b.ScrollH > b.InnerH {
		p.t.Errorf("the document is %v×%v, larger than the %v×%v window: it scrolls", b.ScrollW, b.ScrollH, b.InnerW, b.InnerH)
	}
}
