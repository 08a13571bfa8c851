//go:build !js

package enginetest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"gigasandbox/internal/site"
	"gigasandbox/model"
	"gigasandbox/wasm/internal/pagetest"
)

// The viewport of every page, in CSS pixels: the desktop layout.
const viewportW, viewportH = 1280, 720

// bootTimeout allows for a cold compile of the wasm on a loaded machine.
const bootTimeout = 90 * time.Second

// driver is what a test needs of a browser; each engine speaks its own
// protocol.
type driver interface {
	// open loads url and waits for its load event.
	open(url string) error
	// eval evaluates the JavaScript expression expr in the page, awaits it
	// if it is a promise, and decodes its value as JSON into v (nil: drop).
	eval(expr string, v any) error
	// click clicks with a mouse and tap taps with a finger at (x, y), in
	// CSS pixels of the viewport.
	click(x, y float64) error
	tap(x, y float64) error
	// screenshot is the viewport as PNG.
	screenshot() ([]byte, error)
	// problems returns the console errors and uncaught exceptions of the
	// page so far.
	problems() ([]string, error)
}

// inCI reports whether the tests run in CI, where a missing browser is a
// failure, not a reason to skip.
func inCI() bool {
	v := os.Getenv("CI")
	return v != "" && v != "0" && v != "false"
}

// require skips the test (fails it in CI) when what is missing, saying how
// to install it; it skips under -short.
func require(t *testing.T, ok bool, what, install string) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: skipped with -short")
	}
	if ok {
		return
	}
	msg := fmt.Sprintf("this test needs %s. Install it with: %s (bash .ci/run does)", what, install)
	if inCI() {
		t.Fatal(msg)
	}
	t.Skip(msg + "; skipped outside CI")
}

// lookPath is exec.LookPath, "" when the command is not found.
func lookPath(name string) string {
	p, err := exec.LookPath(name)
	if err != nil {
		return ""
	}
	return p
}

// exists reports whether there is a file at path ("" has none).
func exists(path string) bool {
	_, err := os.Stat(path)
	return path != "" && err == nil
}

var (
	siteOnce sync.Once
	built    *site.Site
	buildErr error
)

// serveSite builds the page (once per test binary) and serves it until the
// test ends; it returns the page's URL.
func serveSite(t *testing.T) string {
	t.Helper()
	siteOnce.Do(func() {
		start := time.Now()
		root, err := site.FindRoot(context.Background(), "", ".")
		if err != nil {
			buildErr = err
			return
		}
		built, buildErr = site.Build(context.Background(), site.Config{Root: root})
		if buildErr == nil {
			t.Logf("built the page in %v: %d bytes of wasm, %d gzipped", time.Since(start).Round(time.Millisecond), built.Manifest.Size, built.Manifest.GzipSize)
		}
	})
	if buildErr != nil {
		t.Fatalf("building the page: %v", buildErr)
	}
	srv := httptest.NewServer(built)
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// startXvfb starts an X server of its own for the test's browser and
// returns its display (":N"); it stops when the test ends.
func startXvfb(t *testing.T) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	// -displayfd: Xvfb chooses a free display and writes its number to fd 3
	// when it is ready for clients.
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", fmt.Sprintf("%dx%dx24", viewportW, viewportH+200), "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		w.Close()
		t.Fatalf("starting Xvfb: %v", err)
	}
	w.Close()
	t.Cleanup(func() { stop(cmd, 5*time.Second) })
	line := make(chan string, 1)
	go func() {
		s, _ := bufio.NewReader(r).ReadString('\n')
		line <- strings.TrimSpace(s)
	}()
	select {
	case n := <-line:
		if n == "" {
			t.Fatalf("Xvfb did not start:\n%s", log.String())
		}
		return ":" + n
	case <-time.After(30 * time.Second):
		t.Fatalf("Xvfb did not start within 30 s:\n%s", log.String())
	}
	return ""
}

// stop ends a process the test started, and every process it started
// (started with Setpgid, it leads its own group): politely, then after
// grace, by force.
func stop(cmd *exec.Cmd, grace time.Duration) {
	if cmd.Process == nil {
		return
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	group := cmd.SysProcAttr != nil && cmd.SysProcAttr.Setpgid
	signal := func(s syscall.Signal) {
		if group {
			syscall.Kill(-cmd.Process.Pid, s)
		} else {
			cmd.Process.Signal(s)
		}
	}
	signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(grace):
		signal(syscall.SIGKILL)
		<-done
	}
}

// status is the part of window.gigasim.status() the tests read.
type status struct {
	Day       int    `json:"day"`
	Date      string `json:"date"`
	StateHash string `json:"stateHash"`
	Sites     int    `json:"sites"`
}

type point struct{ X, Y float64 }

// pageRun is the page's status and scenario, read together.
type pageRun struct {
	Status   status `json:"status"`
	Scenario string `json:"scenario"`
}

// page is a driver with the test's helpers around it.
type page struct {
	t      *testing.T
	d      driver
	engine string
}

// eval evaluates expr and decodes its value into a T; it fails the test on
// an error.
func eval[T any](p *page, expr string) T {
	p.t.Helper()
	var v T
	if err := p.d.eval(expr, &v); err != nil {
		p.t.Fatalf("%s: evaluating %s: %v", p.engine, expr, err)
	}
	return v
}

// waitJS polls expr every 50 ms until it is truthy, and fails the test
// after timeout, naming what was awaited.
func (p *page) waitJS(expr string, timeout time.Duration, what string) {
	p.t.Helper()
	for deadline := time.Now().Add(timeout); !eval[bool](p, "Boolean("+expr+")"); {
		if time.Now().After(deadline) {
			p.t.Fatalf("%s: waiting for %s (%s): still false after %v", p.engine, what, expr, timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitIdle waits until the page draws no more frames: its frame count
// stays the same over ten animation frames.
func (p *page) waitIdle(timeout time.Duration) {
	p.t.Helper()
	for deadline := time.Now().Add(timeout); !eval[bool](p, pagetest.IdleJS); {
		if time.Now().After(deadline) {
			p.t.Fatalf("%s: the page still draws frames after %v", p.engine, timeout)
		}
	}
}

// widget returns the centre of the widget with this label, failing the test
// if the page has none.
func (p *page) widget(label string) point {
	p.t.Helper()
	w := eval[*point](p, "window.gigasim.widget("+jsString(label)+")")
	if w == nil {
		p.t.Fatalf("%s: no widget %q on the page", p.engine, label)
	}
	return *w
}

func (p *page) click(at point) {
	p.t.Helper()
	if err := p.d.click(at.X, at.Y); err != nil {
		p.t.Fatalf("%s: clicking at (%.0f, %.0f): %v", p.engine, at.X, at.Y, err)
	}
}

// screenshot saves the viewport as <artefacts>/<test>-<name>.png, logs the
// path and returns the image (nil, with an error reported, if it failed).
func (p *page) screenshot(name string) image.Image {
	p.t.Helper()
	b, err := p.d.screenshot()
	if err != nil {
		p.t.Errorf("%s: screenshot %s: %v", p.engine, name, err)
		return nil
	}
	dir := os.Getenv("GIGASIM_ARTEFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "gigasim-enginetest")
	}
	file := filepath.Join(dir, p.t.Name()+"-"+name+".png")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		p.t.Errorf("screenshot %s: %v", name, err)
	} else if err := os.WriteFile(file, b, 0o644); err != nil {
		p.t.Errorf("screenshot %s: %v", name, err)
	} else {
		p.t.Logf("screenshot: %s", file)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		p.t.Errorf("%s: screenshot %s: %v", p.engine, name, err)
		return nil
	}
	return img
}

// jsString quotes s as a JavaScript string literal (JSON's quoting is).
func jsString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// frameCounter counts the browser's animation frames (Ebitengine draws at
// most once per animation frame) in window.__enginetestFrames.
const frameCounter = `(() => {
  if (window.__enginetestFrames === undefined) {
    window.__enginetestFrames = 0;
    const tick = () => { window.__enginetestFrames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  }
  return true;
})()`

// frames is a reading of the frame counters.
type frames struct {
	Browser  int64   `json:"browser"`  // animation frames
	Drawn    int64   `json:"drawn"`    // frames the page drew
	Presents int64   `json:"presents"` // frames that changed the canvas
	Now      float64 `json:"now"`      // performance.now(), ms
	Day      int     `json:"day"`
	UpdateMs float64 `json:"updateMs"` // Go time per update and per draw, as status() has them
	DrawMs   float64 `json:"drawMs"`
	FPS      float64 `json:"fps"` // Ebitengine's count of its frames a second
}

// framesJS reads the counters. A frame that changed the canvas is one whose
// black fill boot.js dropped, less those that it then found to change nothing
// and dropped whole (boot.js, noBlackFillUnderTheCopy).
const framesJS = `(() => { const s = window.gigasim.status(), b = window.gigasimBoot;
  return {browser: window.__enginetestFrames, drawn: s.frames, presents: b.canvasFillsSkipped - b.emptyCopiesSkipped,
    now: performance.now(), day: s.day, updateMs: s.updateMs, drawMs: s.drawMs, fps: s.fps}; })()`

// rate is a frame rate measured between two readings.
type rate struct {
	from, to             frames
	secs, browser, drawn float64 // browser: animation frames a second; drawn: the page's
	presents             float64 // frames a second that changed the canvas
}

// measureSpan is how long frames are counted: longer with
// GIGASIM_MEASURE_FPS set, for docs/performance.md.
func measureSpan(short time.Duration) time.Duration {
	if os.Getenv("GIGASIM_MEASURE_FPS") != "" {
		return 10 * time.Second
	}
	return short
}

// frameRate counts frames until span has passed on the page's clock and
// until is true.
func (p *page) frameRate(span time.Duration, until, what string) rate {
	p.t.Helper()
	a := eval[frames](p, framesJS)
	p.waitJS(fmt.Sprintf("(%s) && performance.now() - %f >= %d", until, a.Now, span.Milliseconds()), span+time.Minute, what)
	b := eval[frames](p, framesJS)
	secs := (b.Now - a.Now) / 1000
	return rate{from: a, to: b, secs: secs, browser: float64(b.Browser-a.Browser) / secs, drawn: float64(b.Drawn-a.Drawn) / secs,
		presents: float64(b.Presents-a.Presents) / secs}
}

// gaugeHTML is the least that a page showing a new picture every other
// frame (the sandbox playing a month a second: a day, so a picture, every
// other frame at 60 frames a second) can ask of a browser: a WebGL2 canvas
// of the viewport's size, configured as boot.js configures the sandbox's
// (no antialiasing, pixels kept between frames), one pixel of which changes
// every other animation frame. Its frame rate, measured in the same
// browser just before the page's, is what the engine manages on this
// machine at the moment for any such page: in WebKitGTK without a GPU each
// frame that changes a WebGL canvas costs tens of milliseconds of software
// OpenGL, however little changed (docs/performance.md, "Firefox and WebKit").
const gaugeHTML = `<!doctype html><meta charset="utf-8"><title>gauge</title>
<style>html, body { margin: 0; overflow: hidden } canvas { display: block; width: 100vw; height: 100vh }</style>
<canvas></canvas><script>
const c = document.querySelector("canvas");
c.width = innerWidth * devicePixelRatio; c.height = innerHeight * devicePixelRatio;
const gl = c.getContext("webgl2", {antialias: false, preserveDrawingBuffer: true});
gl.enable(gl.SCISSOR_TEST); gl.scissor(0, 0, 1, 1);
window.__enginetestFrames = 0; window.__gaugeChanges = 0;
const tick = () => {
  if (++window.__enginetestFrames % 2 === 0) {
    gl.clearColor((window.__gaugeChanges++ % 2), 0, 0, 1); gl.clear(gl.COLOR_BUFFER_BIT);
  }
  requestAnimationFrame(tick);
};
requestAnimationFrame(tick);
</script>`

// serveGauge serves gaugeHTML until the test ends and returns its URL.
func serveGauge(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(gaugeHTML))
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// gaugeRate opens the gauge page and returns its animation frames a second
// over span.
func (p *page) gaugeRate(url string, span time.Duration) float64 {
	p.t.Helper()
	if err := p.d.open(url); err != nil {
		p.t.Fatalf("%s: opening the gauge page: %v", p.engine, err)
	}
	p.waitJS("window.__enginetestFrames > 10", time.Minute, "the gauge page's frames")
	const read = "[window.__enginetestFrames, performance.now()]"
	a := eval[[2]float64](p, read)
	p.waitJS(fmt.Sprintf("performance.now() - %f >= %d", a[1], span.Milliseconds()), span+time.Minute, "the gauge page's span")
	b := eval[[2]float64](p, read)
	return (b[0] - a[0]) / ((b[1] - a[1]) / 1000)
}

// Frame rates (browser frames a second) that GIGASIM_MEASURE_FPS=1
// requires, on a quiet machine: a little under the lowest measured there
// (docs/performance.md, "Firefox and WebKit": 57.3–60.9 paused in both
// engines; playing a month a second, 53.5–57.2 in Firefox and 33.5–42.9 in
// WebKitGTK, which composites every frame that changes the canvas in
// software, so that a canvas changing one pixel every other frame runs at
// 55 there, and every frame at 36). The machine's load moves all of them
// by up to 3× (a load average of 6–15 gave 6–21 in WebKitGTK): the test
// logs the load average and the gauge page beside them, and a run of go
// test ./... runs other browsers beside these, so by default the tests only
// log the rates.
const (
	idleFloor          = 55
	firefoxPlayFloor   = 50
	webKitGTKPlayFloor = 30
)

// loadAverage is the machine's load average over the last minute, as
// /proc/loadavg has it ("" where there is none).
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	return strings.Fields(string(b))[0]
}

// checkPage is the test both engines pass: boot, tap (or click) Sweden on
// the map, press Build, play for at least three seconds and 30 days, pause,
// and the page's state hash must be its scenario's, replayed here. It logs
// the frame rate paused and playing; with GIGASIM_MEASURE_FPS set, it
// measures each over ten seconds and fails below idleFloor and the engine's playFloor.
func checkPage(t *testing.T, engine string, d driver, url string, tapState bool, playFloor float64) {
	p := &page{t: t, d: d, engine: engine}
	t.Cleanup(func() {
		if t.Failed() {
			p.screenshot("at-failure")
		}
	})
	gauge := p.gaugeRate(serveGauge(t), measureSpan(2*time.Second))
	t.Logf("%s: the gauge page (a WebGL canvas changing every other frame): %.1f browser frames/s", engine, gauge)
	start := time.Now()
	if err := d.open(url); err != nil {
		t.Fatalf("%s: opening %s: %v", engine, url, err)
	}
	p.waitJS("window.gigasimBoot && (gigasimBoot.firstFrameMs !== null || gigasimBoot.error !== null)", bootTimeout, "the page to boot")
	if msg := eval[*string](p, "window.gigasimBoot.error"); msg != nil {
		t.Fatalf("%s: the page shows an error instead of the game: %s", engine, *msg)
	}
	firstFrame := eval[float64](p, "window.gigasimBoot.firstFrameMs")
	p.waitJS("window.gigasim && window.gigasim.status().frames >= 3", bootTimeout, "the game drawing frames")
	t.Logf("%s: the first frame %.0f ms after navigation (%.1f s after the test opened the page)", engine, firstFrame, time.Since(start).Seconds())
	if vp := eval[[2]float64](p, "[innerWidth, innerHeight]"); vp != [2]float64{viewportW, viewportH} {
		t.Fatalf("%s: the viewport is %v×%v, want %d×%d", engine, vp[0], vp[1], viewportW, viewportH)
	}
	// the page paused, once it has drawn its projections and stopped
	// drawing. The projections first: while they run the page draws a few
	// frames a second that change nothing on screen (in WebKitGTK under load,
	// 4.8 a second of 73 ms of Go each), and ten frames without a draw can
	// come between two of them.
	eval[bool](p, frameCounter)
	p.waitJS("window.gigasim.status().projected", time.Minute, "the projections to finish")
	p.waitIdle(time.Minute)
	idle := p.frameRate(measureSpan(2*time.Second), "true", "the page paused")
	t.Logf("%s: paused, nothing changing: %.1f browser frames/s over %.1f s, %.1f frames/s drawn by the page, %.1f changing the canvas; Go time per update %.2f ms, per draw %.2f ms",
		engine, idle.browser, idle.secs, idle.drawn, idle.presents, idle.to.UpdateMs, idle.to.DrawMs)
	before := eval[status](p, "window.gigasim.status()")
	if before.Day != 0 || before.Sites == 0 {
		t.Fatalf("%s: the baseline should open at day 0 with its sites: %+v", engine, before)
	}

	// Sweden, just below its label (no site is there), then Build
	se := eval[*point](p, `window.gigasim.statePoint("SE")`)
	if se == nil {
		t.Fatalf("%s: statePoint(SE) = null", engine)
	}
	at, how, err := point{se.X, se.Y + 6}, "clicking", error(nil)
	if tapState {
		how, err = "tapping", d.tap(at.X, at.Y)
	} else {
		err = d.click(at.X, at.Y)
	}
	if err != nil {
		t.Fatalf("%s: %s Sweden at (%.0f, %.0f): %v", engine, how, at.X, at.Y, err)
	}
	p.waitJS(`window.gigasim.status().selected === "SE" && window.gigasim.widget("Build (B)") !== null`, 10*time.Second, how+" Sweden to select it and show Build")
	p.click(p.widget("Build (B)"))
	p.waitJS("window.gigasim.status().edits === 1", 10*time.Second, "the Build click to become an edit")
	if got := eval[status](p, "window.gigasim.status()"); got.Sites != before.Sites+1 {
		t.Fatalf("%s: after Build, %d sites, want %d", engine, got.Sites, before.Sites+1)
	}

	// play (at the page's default speed, a month a second), counting frames
	p.click(p.widget("►"))
	p.waitJS("window.gigasim.status().playing", 10*time.Second, "play")
	play := p.frameRate(measureSpan(3*time.Second), "window.gigasim.status().day > 30", "30 days of play")
	t.Logf("%s: playing a month a second for %.1f s (days %d to %d): %.1f browser frames/s (Ebitengine's count %.1f; the gauge %.1f), %.1f frames/s drawn by the page (it draws when something changes: here once a day), %.1f changing the canvas; Go time per update %.2f ms, per draw %.2f ms",
		engine, play.secs, play.from.Day, play.to.Day, play.browser, play.to.FPS, gauge, play.drawn, play.presents, play.to.UpdateMs, play.to.DrawMs)
	t.Logf("%s: the load average over the last minute: %s", engine, loadAverage())
	// The canvas must change only in frames the page drew (boot.js drops
	// Ebitengine's presents that change nothing): a changed canvas costs a
	// composite of the page, tens of milliseconds in WebKitGTK here.
	if changes, drawn := play.to.Presents-play.from.Presents, play.to.Drawn-play.from.Drawn; float64(changes) > 1.05*float64(drawn)+3 {
		t.Errorf("%s: playing, the canvas changed in %d frames, the page drew %d: presents that change nothing reach the canvas", engine, changes, drawn)
	}
	if os.Getenv("GIGASIM_MEASURE_FPS") != "" {
		if idle.browser < idleFloor {
			t.Errorf("%s: paused, %.1f browser frames/s, want at least %d (the gauge page %.1f, load average %s)", engine, idle.browser, idleFloor, gauge, loadAverage())
		}
		if play.browser < playFloor {
			t.Errorf("%s: playing, %.1f browser frames/s, want at least %.0f (the gauge page %.1f, load average %s)", engine, play.browser, playFloor, gauge, loadAverage())
		}
	}
	p.click(p.widget("||"))
	p.waitJS("!window.gigasim.status().playing", 10*time.Second, "pause")

	// the page's run, read in one evaluation so that day and scenario match
	run := eval[pageRun](p, "({status: window.gigasim.status(), scenario: window.gigasim.scenario()})")
	if run.Status.Day <= 30 {
		t.Fatalf("%s: paused on day %d, want after day 30", engine, run.Status.Day)
	}
	if !strings.Contains(run.Scenario, `"state": "SE"`) || !strings.Contains(run.Scenario, `"kind": "build"`) {
		t.Fatalf("%s: the page's scenario has no build in Sweden:\n%s", engine, run.Scenario)
	}
	want, err := replay([]byte(run.Scenario), run.Status.Day)
	if err != nil {
		t.Fatalf("%s: replaying the page's scenario: %v\n%s", engine, err, run.Scenario)
	}
	if run.Status.StateHash != want {
		t.Fatalf("%s: day %d: the page's state hash is %s, its scenario replayed in Go gives %s (gigasim run --hash)", engine, run.Status.Day, run.Status.StateHash, want)
	}
	t.Logf("%s: day %d (%s): the page and the replay agree on state hash %s", engine, run.Status.Day, run.Status.Date, want)

	// The page on screen, drawn and copied to the canvas only where it
	// changed (with boot.js dropping fills and copies that change nothing),
	// must equal the page drawn whole.
	p.waitJS("window.gigasim.status().projected", time.Minute, "the projections to finish")
	p.waitIdle(time.Minute)
	parts := p.screenshot("played")
	if parts != nil {
		if n := pagetest.DistinctColours(parts); n < 50 {
			t.Errorf("%s: the screenshot looks blank: %d colours", engine, n)
		}
	}
	f0 := eval[int64](p, "window.gigasim.status().frames")
	eval[any](p, "window.gigasim.redraw()")
	p.waitJS(fmt.Sprintf("window.gigasim.status().frames > %d", f0), 10*time.Second, "the page drawn whole")
	p.waitIdle(time.Minute)
	skipped := eval[[2]int64](p, "[window.gigasimBoot.canvasFillsSkipped, window.gigasimBoot.emptyCopiesSkipped]")
	t.Logf("%s: boot.js dropped %d black fills and %d copies that changed nothing", engine, skipped[0], skipped[1])
	if whole := p.screenshot("played-whole"); parts != nil && whole != nil {
		if n, at := differentPixels(parts, whole); n > 0 {
			t.Errorf("%s: the page drawn in parts differs from the page drawn whole in %d pixels, first at %v", engine, n, at)
		}
	}
	problems, err := d.problems()
	if err != nil {
		t.Errorf("%s: reading the console: %v", engine, err)
	}
	if len(problems) > 0 {
		t.Errorf("%s: the page had %d console errors or uncaught exceptions:\n  %s", engine, len(problems), strings.Join(problems, "\n  "))
	}
}

// differentPixels counts the pixels where a and b differ, and returns the
// first of them, row by row.
func differentPixels(a, b image.Image) (int, image.Point) {
	n, first := 0, image.Pt(-1, -1)
	if a.Bounds() != b.Bounds() {
		return a.Bounds().Dx() * a.Bounds().Dy(), first
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				if n == 0 {
					first = image.Pt(x, y)
				}
				n++
			}
		}
	}
	return n, first
}

// replay runs a scenario file to day and returns its state hash, as
// `gigasim run --scenario FILE --days DAY --hash` prints it.
func replay(scenario []byte, day int) (string, error) {
	sc, err := model.ParseScenario(scenario)
	if err != nil {
		return "", err
	}
	sim, err := model.New(sc)
	if err != nil {
		return "", err
	}
	if err := sim.RunTo(model.Day(day)); err != nil {
		return "", err
	}
	return fmt.Sprintf("%016x", sim.StateHash()), nil
}

// jsonOf is a JavaScript expression for expr's value (awaited) as JSON, or
// null for undefined: both engines then give values as the page's own
// JSON.stringify writes them.
func jsonOf(expr string) string {
	return "(async () => { const v = await (" + expr + "\n); return v === undefined ? null : JSON.stringify(v); })()"
}
