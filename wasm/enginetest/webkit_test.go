//go:build !js

package enginetest

import (
	"gigasandbox/wasm/internal/pagetest"

	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// TestWebKit is the page in WebKit, the engine of every browser on an
// iPhone or iPad: WebKitGTK's MiniBrowser in a window on Xvfb, driven by
// WebKitWebDriver. WebKitGTK turns a W3C touch action into mouse events,
// so this test clicks.
func TestWebKit(t *testing.T) {
	require(t, lookPath("Xvfb") != "", "Xvfb", "sudo apt-get install -y xvfb")
	driverPath, browser := lookPath("WebKitWebDriver"), miniBrowser()
	require(t, driverPath != "" && exists(browser), "WebKitWebDriver and WebKitGTK's MiniBrowser", "sudo apt-get install -y webkit2gtk-driver")
	url := serveSite(t)
	wd := startWebDriver(t, driverPath, startXvfb(t))
	s := wd.newSession(t, browser)
	checkPage(t, "WebKitGTK "+s.version, s, url, false, webKitGTKPlayFloor)
}

// miniBrowser is WebKitGTK's MiniBrowser: $GIGASIM_MINIBROWSER, or where
// Debian's webkit2gtk-driver puts it for this machine's architecture; ""
// if there is none.
func miniBrowser() string {
	if p := os.Getenv("GIGASIM_MINIBROWSER"); p != "" {
		return p
	}
	for _, pattern := range []string{
		"/usr/lib/*/webkit2gtk-4.1/MiniBrowser",
		"/usr/lib/*/webkitgtk-6.0/MiniBrowser",
		"/usr/lib/*/webkit2gtk-4.0/MiniBrowser",
	} {
		if m, _ := filepath.Glob(pattern); len(m) > 0 {
			return m[0]
		}
	}
	return ""
}

// webDriver is a W3C WebDriver server (WebKitWebDriver) that the test
// started.
type webDriver struct {
	base   string // http://127.0.0.1:PORT
	client *http.Client
}

// startWebDriver starts WebKitWebDriver on a free port with its browsers on
// display, and waits until it is ready; it stops when the test ends.
func startWebDriver(t *testing.T, path, display string) *webDriver {
	t.Helper()
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, "--host=127.0.0.1", "--port="+strconv.Itoa(port))
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // stop ends its browsers too
	var log pagetest.SyncBuffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	t.Cleanup(func() {
		stop(cmd, 5*time.Second)
		if t.Failed() && log.Len() > 0 {
			t.Logf("WebKitWebDriver's output:\n%s", log.String())
		}
	})
	wd := &webDriver{
		base:   "http://127.0.0.1:" + strconv.Itoa(port),
		client: &http.Client{Timeout: 2 * time.Minute, Transport: &http.Transport{Proxy: nil}},
	}
	for deadline := time.Now().Add(30 * time.Second); ; {
		var st struct {
			Ready bool `json:"ready"`
		}
		if err := wd.do("GET", "/status", nil, &st); err == nil && st.Ready {
			return wd
		} else if time.Now().After(deadline) {
			t.Fatalf("WebKitWebDriver was not ready within 30 s (%v):\n%s", err, log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// freePort returns a TCP port that was free a moment ago.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// do sends a WebDriver command and decodes the "value" of its answer into v
// (nil: drop); an error answer becomes an error naming the command.
func (w *webDriver) do(method, path string, body, v any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, w.base+path, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	resp, err := w.client.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	var answer struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return fmt.Errorf("%s %s: %s, and the answer is not JSON: %w", method, path, resp.Status, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct{ Error, Message string }
		json.Unmarshal(answer.Value, &e)
		return fmt.Errorf("%s %s: %s: %s", method, path, e.Error, e.Message)
	}
	if v == nil {
		return nil
	}
	return json.Unmarshal(answer.Value, v)
}

// session is one MiniBrowser window: the driver of TestWebKit.
type session struct {
	wd      *webDriver
	path    string // /session/ID
	version string // WebKitGTK's
}

// newSession opens a MiniBrowser window whose viewport is the tests' size;
// it closes when the test ends.
func (w *webDriver) newSession(t *testing.T, browser string) *session {
	t.Helper()
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"webkitgtk:browserOptions": map[string]any{"binary": browser, "args": []string{"--automation"}},
	}}}
	var created struct {
		SessionID    string `json:"sessionId"`
		Capabilities struct {
			BrowserVersion string `json:"browserVersion"`
		} `json:"capabilities"`
	}
	if err := w.do("POST", "/session", caps, &created); err != nil {
		t.Fatalf("starting %s: %v", browser, err)
	}
	s := &session{wd: w, path: "/session/" + created.SessionID, version: created.Capabilities.BrowserVersion}
	t.Cleanup(func() { w.do("DELETE", s.path, nil, nil) })
	// the window's size includes MiniBrowser's own bars: measure them
	var chrome [2]float64
	if err := s.eval("[outerWidth - innerWidth, outerHeight - innerHeight]", &chrome); err != nil {
		t.Fatal(err)
	}
	rect := map[string]any{"width": viewportW + int(chrome[0]), "height": viewportH + int(chrome[1])}
	if err := w.do("POST", s.path+"/window/rect", rect, nil); err != nil {
		t.Fatal(err)
	}
	return s
}

// problemHook records console errors and uncaught exceptions from the
// moment it runs (WebDriver classic cannot read the console).
const problemHook = `if (!window.__enginetestProblems) {
  const problems = window.__enginetestProblems = [];
  const error = console.error;
  console.error = function (...args) { problems.push("console.error: " + args.join(" ")); return error.apply(this, args); };
  addEventListener("error", (e) => problems.push("uncaught: " + e.message + " at " + e.filename + ":" + e.lineno));
  addEventListener("unhandledrejection", (e) => problems.push("unhandled rejection: " + e.reason));
}`

func (s *session) open(url string) error {
	if err := s.wd.do("POST", s.path+"/url", map[string]string{"url": url}, nil); err != nil {
		return err
	}
	return s.wd.do("POST", s.path+"/execute/sync", map[string]any{"script": problemHook, "args": []any{}}, nil)
}

func (s *session) eval(expr string, v any) error {
	var js *string
	if err := s.wd.do("POST", s.path+"/execute/sync", map[string]any{"script": "return " + jsonOf(expr), "args": []any{}}, &js); err != nil {
		return err
	}
	if js == nil || v == nil {
		return nil
	}
	return json.Unmarshal([]byte(*js), v)
}

func (s *session) click(x, y float64) error { return s.pointer("mouse", x, y) }
func (s *session) tap(x, y float64) error   { return s.pointer("touch", x, y) }

// pointer moves a pointer of this kind to (x, y), presses it, and releases
// it three animation frames later, as a finger or a mouse button is held:
// the page reads its input once a frame, and a press that began and ended
// between two frames could be lost. (The pointer stays down between the two
// action commands: WebDriver keeps a session's input state.)
func (s *session) pointer(kind string, x, y float64) error {
	source := func(actions ...any) map[string]any {
		return map[string]any{"actions": []any{map[string]any{
			"type": "pointer", "id": kind, "parameters": map[string]string{"pointerType": kind}, "actions": actions,
		}}}
	}
	down := source(
		map[string]any{"type": "pointerMove", "duration": 0, "origin": "viewport", "x": int(math.Round(x)), "y": int(math.Round(y))},
		map[string]any{"type": "pointerDown", "button": 0},
	)
	if err := s.wd.do("POST", s.path+"/actions", down, nil); err != nil {
		return err
	}
	if err := s.eval(pagetest.FramesJS(3), nil); err != nil {
		return err
	}
	return s.wd.do("POST", s.path+"/actions", source(map[string]any{"type": "pointerUp", "button": 0}), nil)
}

func (s *session) screenshot() ([]byte, error) {
	var b64 string
	if err := s.wd.do("GET", s.path+"/screenshot", nil, &b64); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(b64)
}

func (s *session) problems() ([]string, error) {
	var p []string
	err := s.eval("window.__enginetestProblems || []", &p)
	return p, err
}
