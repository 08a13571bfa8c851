//go:build !js

package enginetest

import (
	"gigasandbox/wasm/internal/pagetest"

	"bufio"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFirefox is the page in Firefox ESR, in a window on Xvfb (headless
// Firefox has no WebGL), driven over WebDriver BiDi by puppeteer-core in
// firefox.mjs. It taps the state with a finger and clicks the buttons with
// a mouse.
func TestFirefox(t *testing.T) {
	require(t, lookPath("Xvfb") != "", "Xvfb", "sudo apt-get install -y xvfb")
	browser := firefoxPath()
	require(t, exists(browser), "Firefox", "sudo apt-get install -y firefox-esr")
	node := lookPath("node")
	require(t, node != "", "Node", "sudo apt-get install -y nodejs npm")
	_, err := os.Stat("node_modules/puppeteer-core/package.json")
	require(t, err == nil, "npm's puppeteer-core in wasm/enginetest/node_modules", "cd wasm/enginetest && npm ci")
	url := serveSite(t)
	f := startFirefox(t, node, browser, startXvfb(t))
	checkPage(t, f.version, f, url, true, firefoxPlayFloor)
}

// firefoxPath is $GIGASIM_FIREFOX, or firefox-esr or firefox on the PATH;
// "" if there is none.
func firefoxPath() string {
	if p := os.Getenv("GIGASIM_FIREFOX"); p != "" {
		return p
	}
	for _, name := range []string{"firefox-esr", "firefox"} {
		if p := lookPath(name); p != "" {
			return p
		}
	}
	return ""
}

// firefox is firefox.mjs with its Firefox: the driver of TestFirefox.
type firefox struct {
	in      io.Writer
	answers <-chan []byte        // lines from firefox.mjs; closed when it exits
	log     *pagetest.SyncBuffer // its stderr: the page's console
	version string
}

// startFirefox starts firefox.mjs, which starts Firefox on display, and
// waits until Firefox runs; both stop when the test ends.
func startFirefox(t *testing.T, node, browser, display string) *firefox {
	t.Helper()
	cmd := exec.Command(node, "firefox.mjs", browser, strconv.Itoa(viewportW), strconv.Itoa(viewportH))
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // stop ends Firefox too
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	f := &firefox{in: in, log: &pagetest.SyncBuffer{}}
	cmd.Stderr = f.log
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting firefox.mjs: %v", err)
	}
	answers := make(chan []byte)
	f.answers = answers
	go func() {
		defer close(answers)
		r := bufio.NewReaderSize(out, 1<<20)
		for {
			line, err := r.ReadBytes('\n')
			if len(line) > 0 {
				answers <- line
			}
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		in.Close() // firefox.mjs closes Firefox and exits
		for range answers {
		}
		stop(cmd, 15*time.Second)
		if t.Failed() && f.log.Len() > 0 {
			t.Logf("firefox.mjs's output (the page's console):\n%s", f.log.String())
		}
	})
	var hello struct {
		Version string `json:"version"`
		Error   string `json:"error"`
	}
	select {
	case line, ok := <-answers:
		if !ok {
			t.Fatalf("firefox.mjs exited before Firefox ran:\n%s", f.log.String())
		}
		if err := json.Unmarshal(line, &hello); err != nil || hello.Version == "" {
			t.Fatalf("firefox.mjs began with %q, want its Firefox's version:\n%s", line, f.log.String())
		}
	case <-time.After(90 * time.Second):
		t.Fatalf("Firefox did not start within 90 s:\n%s", f.log.String())
	}
	f.version = strings.Replace(hello.Version, "firefox/", "Firefox ", 1) // puppeteer says firefox/153.8.0
	return f
}

// call sends a request to firefox.mjs and decodes the value of its answer
// into v (nil: drop).
func (f *firefox) call(req map[string]any, v any) error {
	b, err := json.Marshal(req)
	if err != nil {
		return err
	}
	if _, err := f.in.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("firefox.mjs: %w", err)
	}
	select {
	case line, ok := <-f.answers:
		if !ok {
			return errors.New("firefox.mjs exited")
		}
		var a struct {
			Value json.RawMessage `json:"value"`
			Error string          `json:"error"`
		}
		if err := json.Unmarshal(line, &a); err != nil {
			return fmt.Errorf("firefox.mjs answered %q: %w", line, err)
		}
		if a.Error != "" {
			return errors.New(a.Error)
		}
		if v == nil || a.Value == nil {
			return nil
		}
		return json.Unmarshal(a.Value, v)
	case <-time.After(2 * time.Minute):
		return fmt.Errorf("firefox.mjs did not answer %s within 2 minutes", b)
	}
}

func (f *firefox) open(url string) error {
	return f.call(map[string]any{"op": "open", "url": url}, nil)
}

func (f *firefox) eval(expr string, v any) error {
	var js *string
	if err := f.call(map[string]any{"op": "eval", "expr": jsonOf(expr)}, &js); err != nil {
		return err
	}
	if js == nil || v == nil {
		return nil
	}
	return json.Unmarshal([]byte(*js), v)
}

func (f *firefox) click(x, y float64) error {
	return f.call(map[string]any{"op": "click", "x": x, "y": y}, nil)
}

func (f *firefox) tap(x, y float64) error {
	return f.call(map[string]any{"op": "tap", "x": x, "y": y}, nil)
}

func (f *firefox) screenshot() ([]byte, error) {
	var b64 string
	if err := f.call(map[string]any{"op": "screenshot"}, &b64); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(b64)
}

func (f *firefox) problems() ([]string, error) {
	var p []string
	err := f.call(map[string]any{"op": "problems"}, &p)
	return p, err
}
