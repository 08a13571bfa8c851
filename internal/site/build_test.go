package site_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gigasandbox/internal/site"
)

// root is the module root; the tests build programs under testdata/.
func root(t *testing.T) string {
	t.Helper()
	r, err := site.FindRoot(t.Context(), "", ".")
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func buildHello(t *testing.T) *site.Site {
	t.Helper()
	s, err := site.Build(t.Context(), site.Config{Root: root(t), Package: "./internal/site/testdata/hello"})
	if err != nil {
		t.Fatalf("Build(testdata/hello): %v", err)
	}
	return s
}

func TestBuild(t *testing.T) {
	s := buildHello(t)
	m := s.Manifest
	wasm := s.Bytes(m.Wasm)
	if !bytes.HasPrefix(wasm, []byte("\x00asm")) {
		t.Fatalf("%s is not WebAssembly", m.Wasm)
	}
	if m.Size != int64(len(wasm)) {
		t.Errorf("manifest size %d, wasm %d bytes", m.Size, len(wasm))
	}
	if m.Go != runtime.Version() {
		t.Errorf("built with %s, want the running toolchain %s", m.Go, runtime.Version())
	}
	goroot, err := exec.Command(site.GoCommand(), "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(s.Bytes("wasm_exec.js"), want) {
		t.Errorf("wasm_exec.js is not the one of %s", goroot)
	}
	for name, src := range map[string]string{"index.html": "index.html", "boot.js": "wasm/boot.js", "boot.css": "wasm/boot.css"} {
		want, err := os.ReadFile(filepath.Join(root(t), src))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(s.Bytes(name), want) {
			t.Errorf("%s is not %s", name, src)
		}
	}
	t.Logf("testdata/hello: %d bytes, %d gzipped; go build %v, gzip %v", m.Size, m.GzipSize, s.BuildTime, s.CompressTime)
}

func TestBuildError(t *testing.T) {
	_, err := site.Build(t.Context(), site.Config{Root: root(t), Package: "./internal/site/testdata/broken"})
	var be *site.BuildError
	if !errors.As(err, &be) {
		t.Fatalf("Build(testdata/broken) = %v, want a *BuildError", err)
	}
	if !strings.Contains(be.Output, "undefined: notDefined") {
		t.Errorf("BuildError.Output = %q, want the compiler's message", be.Output)
	}
}

func TestExport(t *testing.T) {
	s := buildHello(t)
	dir := t.TempDir()
	// An earlier export, and a file that is not ours.
	for _, name := range []string{"gigasim.0123456789abcdef.wasm", "gigasim.0123456789abcdef.wasm.gz", "robots.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Export(dir); err != nil {
		t.Fatalf("Export: %v", err)
	}
	w := s.Manifest.Wasm
	want := []string{"boot.css", "boot.js", "ensemble.js", "favicon.svg", "index.html", "manifest.json", w, w + ".gz", "robots.txt", "sw.js", "wasm_exec.js"}
	if e := s.Manifest.Ensemble; e != "" { // the page's own build has the ranges' worker
		want = append(want, e, e+".gz")
	}
	slices.Sort(want)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if !slices.Equal(got, want) {
		t.Errorf("exported files:\n%q\nwant:\n%q", got, want)
	}

	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var m site.Manifest
	if err := json.Unmarshal(read("manifest.json"), &m); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	if m != s.Manifest {
		t.Errorf("manifest.json = %+v, want %+v", m, s.Manifest)
	}
	wasm := read(w)
	if int64(len(wasm)) != m.Size {
		t.Errorf("%s: %d bytes, manifest says %d", w, len(wasm), m.Size)
	}
	gz := read(w + ".gz")
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	if unz, err := io.ReadAll(zr); err != nil || !bytes.Equal(unz, wasm) {
		t.Errorf("%s.gz does not decompress to %s (err %v)", w, w, err)
	}
	if int64(len(gz)) != m.GzipSize {
		t.Errorf("%s.gz: %d bytes, manifest says %d", w, len(gz), m.GzipSize)
	}
	for _, name := range s.Files() {
		if !bytes.Equal(read(name), s.Bytes(name)) {
			t.Errorf("exported %s differs from the site's", name)
		}
	}
}

// TestPageCSP pins the page's Content-Security-Policy (the <meta> in
// index.html, which static hosts keep too): each directive allows what the
// page needs and nothing more, so that loosening one is a change to this
// table, with its reason.
func TestPageCSP(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root(t), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	const meta = `<meta http-equiv="Content-Security-Policy" content="`
	_, rest, ok := strings.Cut(string(b), meta)
	policy, _, ok2 := strings.Cut(rest, `"`)
	if !ok || !ok2 {
		t.Fatalf("index.html has no %s...\">", meta)
	}
	got := map[string]string{}
	for d := range strings.SplitSeq(policy, ";") {
		name, sources, _ := strings.Cut(strings.TrimSpace(d), " ")
		if _, dup := got[name]; dup {
			t.Errorf("directive %s given twice", name)
		}
		got[name] = sources
	}
	want := map[string]string{
		"default-src": "'self'",
		"script-src":  "'self' 'wasm-unsafe-eval'", // wasm_exec.js, boot.js; compiling the wasm
		"style-src":   "'self'",
		"img-src":     "'self'",
		"font-src":    "'self'",
		"connect-src": "'self'", // manifest.json and the wasm
		"worker-src":  "'self'", // sw.js, the service worker that keeps the page working offline; ensemble.js, the ranges' worker
		"object-src":  "'none'",
		"base-uri":    "'none'",
		"form-action": "'none'",
		// Script URLs only through policies; boot.js's two pass sw.js to
		// navigator.serviceWorker.register and ensemble.js to new Worker,
		// each that one URL and nothing else.
		"require-trusted-types-for": "'script'",
		"trusted-types":             "gigasim-worker gigasim-ensemble",
	}
	for name, w := range want {
		if g, ok := got[name]; !ok {
			t.Errorf("CSP: no %s, want %s %s", name, name, w)
		} else if g != w {
			t.Errorf("CSP: %s %s, want %s %s", name, g, name, w)
		}
	}
	for name, g := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("CSP: %s %s is not in the table of what the page needs", name, g)
		}
	}
}

// TestDevRebuilds edits a program in a scratch module and checks that the
// next page load serves the new build, the compiler's error while it does
// not compile, and the old files meanwhile.
func TestDevRebuilds(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module scratch\n\ngo 1.26\n")
	write("index.html", "<!doctype html><title>scratch</title>")
	write("wasm/boot.js", "// boot")
	write("wasm/boot.css", "")
	write("wasm/ensemble.js", "")
	program := func(msg string) string {
		return "package main\n\nfunc main() { println(" + msg + ") }\n"
	}
	write("app/main.go", program(`"one"`))

	var log bytes.Buffer
	dev, err := site.NewDev(t.Context(), site.Config{Root: dir, Package: "./app"}, &log)
	if err != nil {
		t.Fatalf("NewDev: %v", err)
	}
	srv := httptest.NewServer(dev)
	defer srv.Close()
	get := func(path string) (int, string) {
		t.Helper()
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	first := dev.Site().Manifest.Wasm
	if code, _ := get("/"); code != 200 {
		t.Fatalf("GET / = %d, want 200", code)
	}
	if dev.Site().Manifest.Wasm != first {
		t.Errorf("nothing changed, but the page load rebuilt: %s, then %s", first, dev.Site().Manifest.Wasm)
	}

	write("app/main.go", program(`"two, longer"`))
	get("/")
	second := dev.Site().Manifest.Wasm
	if second == first {
		t.Fatalf("after an edit, GET / still serves %s\nlog:\n%s", first, log.String())
	}
	if code, _ := get("/" + second); code != 200 {
		t.Errorf("GET /%s = %d, want 200", second, code)
	}

	write("app/extra.go", "package main\n\nvar _ = notDefined\n") // a new file breaks the build
	code, body := get("/")
	if code != http.StatusInternalServerError || !strings.Contains(body, "undefined: notDefined") {
		t.Errorf("GET / with a compile error = %d %q, want 500 with the compiler's message", code, body)
	}
	if code, _ := get("/" + second); code != 200 {
		t.Errorf("while the build is broken, GET /%s = %d, want 200 (the last good build)", second, code)
	}
	if code, _ := get("/"); code != http.StatusInternalServerError {
		t.Errorf("GET / again, still broken = %d, want 500", code)
	}

	if err := os.Remove(filepath.Join(dir, "app", "extra.go")); err != nil {
		t.Fatal(err)
	}
	if code, _ := get("/"); code != 200 {
		t.Errorf("GET / after the fix = %d, want 200\nlog:\n%s", code, log.String())
	}
}

func TestRunUsageErrors(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string // in the one line on stderr
	}{
		{"no port", []string{"-addr", "localhost"}, 2, `bad -addr "localhost": want host:port`},
		{"not an address", []string{"-addr", "nonsense"}, 2, `bad -addr "nonsense"`},
		{"port too big", []string{"-addr", ":99999"}, 2, `bad -addr ":99999"`},
		{"named port", []string{"-addr", "localhost:http"}, 2, `bad -addr "localhost:http"`},
		{"port taken", []string{"-addr", taken.Addr().String()}, 1, "the port is in use"},
		{"export and addr", []string{"-export", t.TempDir(), "-addr", ":8081"}, 2, "-export writes files and exits"},
		{"stray argument", []string{"serve"}, 2, `unexpected argument "serve"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := site.Run(t.Context(), tt.args, &stdout, &stderr)
			if code != tt.wantCode {
				t.Errorf("Run(%q) = %d, want %d", tt.args, code, tt.wantCode)
			}
			lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "serve: ") || !strings.Contains(lines[0], tt.wantErr) {
				t.Errorf("Run(%q) printed %q, want one line \"serve: ...%s...\"", tt.args, stderr.String(), tt.wantErr)
			}
		})
	}
}

func TestRunHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := site.Run(t.Context(), []string{"-h"}, &stdout, &stderr); code != 0 {
		t.Errorf("Run(-h) = %d, want 0", code)
	}
	for _, want := range []string{"-export DIR", "-addr", "manifest.json"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("usage does not mention %s:\n%s", want, stderr.String())
		}
	}
}

func TestRunExport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := site.Run(t.Context(), []string{"-export", dir, "-pkg", "./internal/site/testdata/hello"}, &stdout, &stderr); code != 0 {
		t.Fatalf("Run(-export) = %d, stderr:\n%s", code, stderr.String())
	}
	for _, name := range []string{"index.html", "manifest.json", "wasm_exec.js", "boot.js", "sw.js"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("export: %v", err)
		}
	}
	if !strings.HasPrefix(stdout.String(), "wrote 10 files to "+dir) {
		t.Errorf("stdout = %q", stdout.String())
	}
}

func TestRunBuildFails(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := site.Run(t.Context(), []string{"-addr", "127.0.0.1:0", "-pkg", "./internal/site/testdata/broken"}, &stdout, &stderr)
	if code != 1 {
		t.Errorf("Run with a broken program = %d, want 1", code)
	}
	first, rest, _ := strings.Cut(stderr.String(), "\n")
	if first != "serve: building ./internal/site/testdata/broken for js/wasm failed (exit status 1):" {
		t.Errorf("first line = %q", first)
	}
	if !strings.Contains(rest, "undefined: notDefined") {
		t.Errorf("the compiler output is missing:\n%s", stderr.String())
	}
}

func TestRunServes(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	// Find a free port, then let Run take it.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	out := &syncBuffer{}
	done := make(chan int)
	go func() {
		done <- site.Run(ctx, []string{"-addr", addr, "-pkg", "./internal/site/testdata/hello"}, out, out)
	}()
	url := "http://" + addr + "/"
	deadline := time.After(time.Minute)
	for !strings.Contains(out.String(), "open "+url) {
		select {
		case code := <-done:
			t.Fatalf("Run returned %d:\n%s", code, out.String())
		case <-deadline:
			t.Fatalf("Run did not print the URL within a minute:\n%s", out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("GET %s = %d %s", url, res.StatusCode, res.Header.Get("Content-Type"))
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("Run after cancel = %d, want 0", code)
	}
}

// syncBuffer is a bytes.Buffer that Run writes to while the test reads it.
// (wasm/internal/pagetest has one for the browser tests, out of reach here.)
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
