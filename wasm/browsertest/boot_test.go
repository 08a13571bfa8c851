//go:build !js

package browsertest

import (
	"fmt"
	"image/color"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"gigasandbox/internal/site"
)

// fixture is a small Ebitengine program that keeps the page contract; it
// tests the page apart from the game.
const fixture = "./wasm/browsertest/testdata/fixture"

// fixtureBackground is what the fixture fills its screen with.
var fixtureBackground = color.RGBA{0x1e, 0x3a, 0x5f, 0xff}

// bootTimeout allows for a slow compile of a cold wasm under SwiftShader.
const bootTimeout = 45 * time.Second

// wasmTransfer is what the browser's resource timing says about the wasm.
type wasmTransfer struct {
	Found   bool  `json:"found"`
	Encoded int64 `json:"encoded"`
	Decoded int64 `json:"decoded"`
}

const wasmTransferJS = `(() => {
  const e = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/" + gigasimBoot.manifest.wasm));
  return e ? {found: true, encoded: e.encodedBodySize, decoded: e.decodedBodySize} : {found: false, encoded: 0, decoded: 0};
})()`

// TestBoot loads the page with the fixture, from the dev server (gzip) and
// from an export behind a plain file server (raw), and checks that it comes
// up clean: ready() called, no console errors or CSP violations, the loading
// screen gone, the canvas filling the window and drawn, the whole wasm
// counted by the progress bar.
func TestBoot(t *testing.T) {
	s := buildSite(t, fixture)
	tests := []struct {
		name     string
		handler  func(t *testing.T) http.Handler
		wantGzip bool
	}{
		{"dev server", func(t *testing.T) http.Handler { return s }, true},
		{"static host", func(t *testing.T) http.Handler { return http.FileServer(http.Dir(exportSite(t, s))) }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := openPage(t, serve(t, tt.handler(t)))
			st := p.waitReady(bootTimeout)
			t.Logf("first frame %.0f ms after navigation; phases began at %v", *st.FirstFrameMs, st.Marks)

			if title := evalJS[string](p, "document.title"); title != "Gigafactory Sandbox" {
				t.Errorf("title %q, want Gigafactory Sandbox", title)
			}
			if st.Phase != "running" {
				t.Errorf("phase %q after ready(), want running", st.Phase)
			}
			if st.BytesLoaded != s.Manifest.Size || st.BytesTotal != s.Manifest.Size {
				t.Errorf("progress counted %d of %d bytes, want %d of %d (the uncompressed wasm)",
					st.BytesLoaded, st.BytesTotal, s.Manifest.Size, s.Manifest.Size)
			}
			tr := evalJS[wasmTransfer](p, wasmTransferJS)
			switch {
			case !tr.Found:
				t.Errorf("no resource timing entry for %s", s.Manifest.Wasm)
			case tt.wantGzip && tr.Encoded != s.Manifest.GzipSize:
				t.Errorf("wasm body %d bytes on the wire, want the gzip's %d", tr.Encoded, s.Manifest.GzipSize)
			case !tt.wantGzip && tr.Encoded != s.Manifest.Size:
				t.Errorf("wasm body %d bytes on the wire, want the raw %d", tr.Encoded, s.Manifest.Size)
			}
			p.checkScreens()
			p.checkCanvasFills()

			// The fixture's status() answers through the page contract.
			if fps := evalJS[float64](p, "window.gigasim.status().fps"); fps < 0 {
				t.Errorf("status().fps = %v", fps)
			}
			p.waitJS("window.gigasim.status().frames > 30", 10*time.Second, "30 more frames")
			img := p.screenshot("booted")
			if img != nil {
				b := img.Bounds()
				if b.Dx() != viewportW || b.Dy() != viewportH {
					t.Errorf("screenshot %v, want %d×%d", b, viewportW, viewportH)
				}
				if c := img.At(viewportW/2, viewportH*3/4); !near(c, fixtureBackground, 8) {
					t.Errorf("pixel (%d, %d) = %v, want the fixture's background %v: is the canvas drawn and uncovered?",
						viewportW/2, viewportH*3/4, c, fixtureBackground)
				}
			}
		})
	}
}

// slowWasm serves a site but sends only the first part bytes of the wasm
// until release is closed.
type slowWasm struct {
	site    *site.Site
	part    int
	release chan struct{}
}

// cutWasm serves a site but breaks the connection after the first part
// bytes of the wasm.
type cutWasm struct {
	site *site.Site
	part int
}

func (h cutWasm) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := h.site.Manifest.Wasm
	if r.URL.Path != "/"+name {
		h.site.ServeHTTP(w, r)
		return
	}
	b := h.site.Bytes(name)
	w.Header().Set("Content-Type", "application/wasm")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b[:h.part])
	w.(http.Flusher).Flush()
	panic(http.ErrAbortHandler) // closes the connection, quietly
}

func (h slowWasm) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := h.site.Manifest.Wasm
	if r.URL.Path != "/"+name {
		h.site.ServeHTTP(w, r)
		return
	}
	b := h.site.Bytes(name)
	w.Header().Set("Content-Type", "application/wasm")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b[:h.part])
	w.(http.Flusher).Flush()
	select {
	case <-h.release:
		w.Write(b[h.part:])
	case <-r.Context().Done():
	}
}

// loadingState is what the loading screen shows.
type loadingState struct {
	Shown     bool    `json:"shown"`
	Status    string  `json:"status"`
	Value     float64 `json:"value"`
	Max       float64 `json:"max"`
	ValueText string  `json:"valueText"`
	Bytes     string  `json:"bytes"`
}

const loadingStateJS = `(() => {
  const bar = document.getElementById("boot-progress");
  return {shown: document.getElementById("boot").getClientRects().length > 0,
    status: document.getElementById("boot-status").textContent,
    value: bar.value, max: bar.max, valueText: bar.getAttribute("aria-valuetext") || "",
    bytes: document.getElementById("boot-bytes").textContent};
})()`

// TestLoadingScreen holds the wasm download at 40% and checks what the
// loading screen shows meanwhile, then lets it finish.
func TestLoadingScreen(t *testing.T) {
	s := buildSite(t, fixture)
	h := slowWasm{site: s, part: int(s.Manifest.Size * 2 / 5), release: make(chan struct{})}
	url := serve(t, h)
	var once sync.Once
	release := func() { once.Do(func() { close(h.release) }) }
	t.Cleanup(release) // before the server closes: cleanups run last-in first-out

	p := openPage(t, url)
	p.waitJS(fmt.Sprintf("window.gigasimBoot && gigasimBoot.bytesLoaded >= %d", h.part), 20*time.Second, "the first 40% of the wasm")
	got := evalJS[loadingState](p, loadingStateJS)
	mb := func(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
	want := loadingState{
		Shown:     true,
		Status:    "Downloading the sandbox (" + mb(s.Manifest.Size) + ")…",
		Value:     float64(h.part),
		Max:       float64(s.Manifest.Size),
		ValueText: mb(int64(h.part)) + " of " + mb(s.Manifest.Size),
		Bytes:     mb(int64(h.part)) + " of " + mb(s.Manifest.Size),
	}
	if got != want {
		t.Errorf("loading screen at 40%%:\n got %+v\nwant %+v", got, want)
	}
	p.screenshot("loading")
	release()
	p.waitReady(bootTimeout)
	p.checkScreens()
}

// TestBootErrors provokes each way the start can fail and checks that the
// page says so in words, instead of staying blank or loading for ever.
func TestBootErrors(t *testing.T) {
	s := buildSite(t, fixture)
	exportWith := func(change func(dir string) error) func(t *testing.T) http.Handler {
		return func(t *testing.T) http.Handler {
			dir := exportSite(t, s)
			if err := change(dir); err != nil {
				t.Fatal(err)
			}
			return http.FileServer(http.Dir(dir))
		}
	}
	wasm := s.Manifest.Wasm
	tests := []struct {
		name        string
		handler     func(t *testing.T) http.Handler
		query       string // for the fixture's ?mode=
		initScript  string
		wantTitle   string
		wantText    string
		wantDetails string
	}{
		{
			name: "wasm missing",
			handler: exportWith(func(dir string) error {
				return os.Remove(filepath.Join(dir, wasm))
			}),
			wantTitle: "could not start", wantText: "web server answered with error 404", wantDetails: "HTTP 404",
		},
		{
			name: "wasm damaged",
			handler: exportWith(func(dir string) error {
				return os.WriteFile(filepath.Join(dir, wasm), make([]byte, s.Manifest.Size), 0o644)
			}),
			wantTitle: "could not start", wantText: "damaged", wantDetails: "CompileError",
		},
		{
			name:      "connection lost",
			handler:   func(*testing.T) http.Handler { return cutWasm{site: s, part: int(s.Manifest.Size / 3)} },
			wantTitle: "could not start", wantText: "Check your internet connection", wantDetails: "interrupted",
		},
		{
			name: "manifest missing",
			handler: exportWith(func(dir string) error {
				return os.Remove(filepath.Join(dir, site.ManifestName))
			}),
			wantTitle: "could not start", wantText: "could not be downloaded", wantDetails: "manifest.json: HTTP 404",
		},
		{
			name:       "no WebAssembly",
			initScript: "delete globalThis.WebAssembly;",
			wantTitle:  "cannot run", wantText: "needs WebAssembly", wantDetails: "undefined",
		},
		{
			name:      "program exits",
			query:     "?mode=exit",
			wantTitle: "stopped", wantText: "ended", wantDetails: "exit code 0",
		},
		{
			name:      "panic before the first frame",
			query:     "?mode=panic",
			wantTitle: "stopped", wantText: "internal error", wantDetails: "panic: fixture: panic before the first frame",
		},
		{
			name:      "panic after the first frame",
			query:     "?mode=panic-later",
			wantTitle: "stopped", wantText: "internal error", wantDetails: "panic: fixture: panic-later",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Handler(s)
			if tt.handler != nil {
				h = tt.handler(t)
			}
			url := serve(t, h) + tt.query
			p := startBrowser(t).newPage()
			if tt.initScript != "" {
				p.addInitScript(tt.initScript)
			}
			p.navigate(url)
			st := p.waitError(bootTimeout)
			p.screenshot("error")

			if !strings.Contains(st.ErrorTitle, tt.wantTitle) {
				t.Errorf("error title %q, want it to contain %q", st.ErrorTitle, tt.wantTitle)
			}
			if !strings.Contains(*st.Error, tt.wantText) {
				t.Errorf("error text %q, want it to contain %q", *st.Error, tt.wantText)
			}
			if !strings.Contains(st.ErrorDetails, tt.wantDetails) {
				t.Errorf("error details %q, want them to contain %q", st.ErrorDetails, tt.wantDetails)
			}
			// Readable: the error screen is on top, its text visible.
			b := evalJS[canvasBox](p, canvasBoxJS)
			if !b.ErrorShown || b.LoadingShown {
				t.Errorf("error screen shown %v, loading screen shown %v; want only the error screen", b.ErrorShown, b.LoadingShown)
			}
			if top := evalJS[string](p, "document.elementFromPoint(innerWidth/2, innerHeight/2).closest('#boot-error') ? 'error' : 'other'"); top != "error" {
				t.Error("the error screen is not on top at the centre of the window")
			}
			// Nothing but the expected failure: no CSP violations on the way.
			for _, problem := range p.problemsSoFar() {
				if strings.Contains(problem, "CSP violation") {
					t.Errorf("CSP violation: %s", problem)
				}
			}
		})
	}
}

// TestGame boots the real program, ./wasm. Until wasm/main.go runs the game
// (it sets window.gigasim), only the boot itself is checked.
func TestGame(t *testing.T) {
	s := buildSite(t, "./wasm")
	p := openPage(t, serve(t, s))
	st := p.waitReady(bootTimeout)
	t.Logf("./wasm: %d bytes (%d gzipped); first frame %.0f ms after navigation; phases began at %v",
		s.Manifest.Size, s.Manifest.GzipSize, *st.FirstFrameMs, st.Marks)
	p.checkScreens()
	if !evalJS[bool](p, "typeof window.gigasim === 'object' && typeof window.gigasim.status === 'function'") {
		t.Fatal("wasm/main.go did not set window.gigasim.status")
	}
	p.checkCanvasFills()
	keys := evalJS[[]string](p, "Object.keys(window.gigasim.status())")
	for _, want := range []string{"day", "date", "stateHash", "sites", "chipsActive", "fundLeftEUR", "fps"} {
		if !slices.Contains(keys, want) {
			t.Errorf("window.gigasim.status() has no %q (it has %q)", want, keys)
		}
	}
	p.screenshot("booted")
}

// downloadBudget is the most the page's wasm may weigh on the wire,
// gzipped: what a student's phone downloads on the school's Wi-Fi before
// the first frame (docs/performance.md).
const downloadBudget = 5_000_000

// TestDownloadBudget: the page's wasm stays within its download budget.
func TestDownloadBudget(t *testing.T) {
	s := buildSite(t, "./wasm")
	if m := s.Manifest; m.GzipSize > downloadBudget {
		t.Errorf("the page's wasm is %d bytes gzipped (%d raw), over its budget of %d: find what grew (go list -deps ./wasm)", m.GzipSize, m.Size, downloadBudget)
	}
}
