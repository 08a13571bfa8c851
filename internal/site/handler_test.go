package site

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// testSite assembles a site from fake files, without a go build.
func testSite(t *testing.T) (*Site, []byte) {
	t.Helper()
	// Compressible, like a real wasm, and starting with the magic number.
	wasm := append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("gigafactory "), 5000)...)
	static := map[string][]byte{
		"index.html":   []byte("<!doctype html><title>Gigafactory Sandbox</title>" + string(bytes.Repeat([]byte("<p>x</p>"), 100))),
		"boot.js":      bytes.Repeat([]byte("console.log(1);\n"), 100),
		"boot.css":     []byte("body{}"),
		"wasm_exec.js": bytes.Repeat([]byte("// go\n"), 100),
		"favicon.svg":  favicon,
	}
	s, err := assemble(wasm, static, "go1.26.8", nil)
	if err != nil {
		t.Fatalf("assemble: %v", err)
	}
	return s, wasm
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("gzip.NewReader: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("gunzip: %v", err)
	}
	return out
}

func TestServeHTTP(t *testing.T) {
	s, wasm := testSite(t)
	wasmPath := "/" + s.Manifest.Wasm
	const year = "public, max-age=31536000, immutable"
	tests := []struct {
		name, method, path, acceptEncoding string
		wantStatus                         int
		wantType, wantCache, wantEncoding  string
		wantBody                           []byte // decoded; nil: do not check
	}{
		{"wasm gzip", "GET", wasmPath, "gzip, deflate, br, zstd", 200, "application/wasm", year, "gzip", wasm},
		{"wasm raw", "GET", wasmPath, "", 200, "application/wasm", year, "", wasm},
		{"wasm gzip refused", "GET", wasmPath, "gzip;q=0, br", 200, "application/wasm", year, "", wasm},
		{"wasm star", "GET", wasmPath, "*", 200, "application/wasm", year, "gzip", wasm},
		{"wasm identity", "GET", wasmPath, "identity", 200, "application/wasm", year, "", wasm},
		{"wasm HEAD", "HEAD", wasmPath, "gzip", 200, "application/wasm", year, "gzip", nil},
		{"root is index.html", "GET", "/", "gzip", 200, "text/html; charset=utf-8", "no-cache", "gzip", s.Bytes("index.html")},
		{"index.html", "GET", "/index.html", "", 200, "text/html; charset=utf-8", "no-cache", "", s.Bytes("index.html")},
		{"boot.js", "GET", "/boot.js", "gzip", 200, "text/javascript; charset=utf-8", "no-cache", "gzip", s.Bytes("boot.js")},
		{"wasm_exec.js", "GET", "/wasm_exec.js", "", 200, "text/javascript; charset=utf-8", "no-cache", "", s.Bytes("wasm_exec.js")},
		{"manifest", "GET", "/manifest.json", "", 200, "application/json", "no-cache", "", s.Bytes("manifest.json")},
		{"tiny css not compressed", "GET", "/boot.css", "gzip", 200, "text/css; charset=utf-8", "no-cache", "", []byte("body{}")},
		{"favicon", "GET", "/favicon.svg", "", 200, "image/svg+xml", "no-cache", "", favicon},
		{"service worker", "GET", "/sw.js", "gzip", 200, "text/javascript; charset=utf-8", "no-cache", "gzip", s.Bytes("sw.js")},
		{"unknown file", "GET", "/gigasim.0000.wasm", "gzip", 404, "", "", "", nil},
		{"no directory listing", "GET", "/wasm/", "", 404, "", "", "", nil},
		{"POST", "POST", "/", "", 405, "", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			if tt.acceptEncoding != "" {
				req.Header.Set("Accept-Encoding", tt.acceptEncoding)
			}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			res := rec.Result()
			if res.StatusCode != tt.wantStatus {
				t.Fatalf("%s %s: status %d, want %d", tt.method, tt.path, res.StatusCode, tt.wantStatus)
			}
			if tt.wantStatus != 200 {
				return
			}
			h := res.Header
			for _, c := range []struct{ key, got, want string }{
				{"Content-Type", h.Get("Content-Type"), tt.wantType},
				{"Cache-Control", h.Get("Cache-Control"), tt.wantCache},
				{"Content-Encoding", h.Get("Content-Encoding"), tt.wantEncoding},
				{"X-Content-Type-Options", h.Get("X-Content-Type-Options"), "nosniff"},
			} {
				if c.got != c.want {
					t.Errorf("%s %s (Accept-Encoding %q): %s = %q, want %q", tt.method, tt.path, tt.acceptEncoding, c.key, c.got, c.want)
				}
			}
			if f := s.file(tt.path[1:]); f != nil && f.gz != nil && h.Get("Vary") != "Accept-Encoding" {
				t.Errorf("%s: Vary = %q, want Accept-Encoding", tt.path, h.Get("Vary"))
			}
			if h.Get("ETag") == "" {
				t.Errorf("%s: no ETag", tt.path)
			}
			body := rec.Body.Bytes()
			if n, _ := strconv.Atoi(h.Get("Content-Length")); tt.method == "GET" && n != len(body) {
				t.Errorf("%s: Content-Length %s, body %d bytes", tt.path, h.Get("Content-Length"), len(body))
			}
			if tt.method == "HEAD" {
				if len(body) != 0 {
					t.Errorf("HEAD %s: %d bytes of body", tt.path, len(body))
				}
				return
			}
			if tt.wantEncoding == "gzip" {
				if len(body) >= len(tt.wantBody) {
					t.Errorf("%s: gzip body %d bytes, not smaller than %d raw", tt.path, len(body), len(tt.wantBody))
				}
				body = gunzip(t, body)
			}
			if !bytes.Equal(body, tt.wantBody) {
				t.Errorf("%s: body (%d bytes) differs from the file (%d bytes)", tt.path, len(body), len(tt.wantBody))
			}
		})
	}
}

func TestServeHTTPNotModified(t *testing.T) {
	s, _ := testSite(t)
	for _, enc := range []string{"", "gzip"} {
		get := func(inm string) *http.Response {
			req := httptest.NewRequest("GET", "/boot.js", nil)
			req.Header.Set("Accept-Encoding", enc)
			if inm != "" {
				req.Header.Set("If-None-Match", inm)
			}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			return rec.Result()
		}
		tag := get("").Header.Get("ETag")
		if res := get(tag); res.StatusCode != http.StatusNotModified {
			t.Errorf("Accept-Encoding %q, If-None-Match %s: status %d, want 304", enc, tag, res.StatusCode)
		}
		if res := get(`"other", W/` + tag); res.StatusCode != http.StatusNotModified {
			t.Errorf("Accept-Encoding %q, If-None-Match with a weak %s in a list: status %d, want 304", enc, tag, res.StatusCode)
		}
		if res := get(`"stale"`); res.StatusCode != http.StatusOK {
			t.Errorf("Accept-Encoding %q, stale If-None-Match: status %d, want 200", enc, res.StatusCode)
		}
	}
	raw, gz := s.files["boot.js"].etag, s.files["boot.js"].etag+"-gz"
	if raw == gz {
		t.Errorf("the raw and gzip variants share the ETag %s", raw)
	}
}

func TestManifest(t *testing.T) {
	s, wasm := testSite(t)
	var m Manifest
	if err := json.Unmarshal(s.Bytes(ManifestName), &m); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	if m != s.Manifest {
		t.Errorf("manifest.json = %+v, want %+v", m, s.Manifest)
	}
	if m.Size != int64(len(wasm)) {
		t.Errorf("manifest size = %d, want %d (the uncompressed wasm)", m.Size, len(wasm))
	}
	if got := s.Bytes(m.Wasm); !bytes.Equal(got, wasm) {
		t.Errorf("site file %s is not the wasm", m.Wasm)
	}
	if gz := s.files[m.Wasm].gz; int64(len(gz)) != m.GzipSize || !bytes.Equal(gunzip(t, gz), wasm) {
		t.Errorf("gzip of the wasm: %d bytes, manifest says %d, or it does not decompress to the wasm", len(gz), m.GzipSize)
	}
	// The name follows the content.
	other, err := assemble(append(wasm, 0), map[string][]byte{"index.html": nil, "boot.js": nil, "wasm_exec.js": nil}, "go1.26.8", nil)
	if err != nil {
		t.Fatal(err)
	}
	if other.Manifest.Wasm == m.Wasm {
		t.Errorf("two different programs got the same file name %s", m.Wasm)
	}
}

func TestAssembleRejects(t *testing.T) {
	static := map[string][]byte{"index.html": nil, "boot.js": nil, "wasm_exec.js": nil}
	if _, err := assemble([]byte("\x7fELF"), static, "go", nil); err == nil {
		t.Error("assemble(ELF) succeeded, want an error: not WebAssembly")
	}
	delete(static, "boot.js")
	if _, err := assemble([]byte("\x00asm"), static, "go", nil); err == nil {
		t.Error("assemble without boot.js succeeded, want an error")
	}
}

func TestAcceptsGzip(t *testing.T) {
	tests := []struct {
		header []string
		want   bool
	}{
		{nil, false},
		{[]string{""}, false},
		{[]string{"gzip"}, true},
		{[]string{"GZIP"}, true},
		{[]string{"x-gzip"}, true},
		{[]string{"gzip, deflate, br, zstd"}, true},
		{[]string{"br;q=1.0, gzip;q=0.8, *;q=0.1"}, true},
		{[]string{"gzip;q=0"}, false},
		{[]string{"gzip; q=0.000"}, false},
		{[]string{"gzip;q=0.001"}, true},
		{[]string{"identity"}, false},
		{[]string{"br"}, false},
		{[]string{"*"}, true},
		{[]string{"*;q=0"}, false},
		{[]string{"*, gzip;q=0"}, false},
		{[]string{"gzip;q=0, *"}, false},
		{[]string{"deflate", "gzip"}, true},
	}
	for _, tt := range tests {
		if got := acceptsGzip(tt.header); got != tt.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}

// TestWorker checks sw.js: the template with the build written in, once,
// naming every other file of the site; served as a script with a CSP of
// its own, which no other file has.
func TestWorker(t *testing.T) {
	s, _ := testSite(t)
	sw := string(s.Bytes(WorkerName))
	if strings.Contains(sw, buildMark) {
		t.Errorf("sw.js still holds %s", buildMark)
	}
	if !strings.HasPrefix(sw, "// sw.js, the service worker") {
		t.Errorf("sw.js does not start as its template:\n%.200s", sw)
	}
	files := slices.DeleteFunc(s.Files(), func(name string) bool { return name == WorkerName })
	want, err := json.Marshal(map[string]any{"build": s.Manifest.Build, "wasm": s.Manifest.Wasm, "files": files})
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	_, rest, _ := strings.Cut(sw, "const BUILD = ")
	line, _, _ := strings.Cut(rest, ";\n")
	if err := json.Unmarshal([]byte(line), &got); err != nil {
		t.Fatalf("sw.js: const BUILD = %s: %v", line, err)
	}
	if g, _ := json.Marshal(got); !bytes.Equal(g, want) {
		t.Errorf("sw.js: const BUILD = %s, want %s", g, want)
	}
	if !slices.Contains(files, ManifestName) || !slices.Contains(files, s.Manifest.Wasm) || !slices.Contains(files, "index.html") {
		t.Errorf("sw.js keeps %q: the page, manifest.json or the wasm is missing", files)
	}
	for _, name := range s.Files() {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest("GET", "/"+name, nil))
		want := ""
		if name == WorkerName {
			want = "default-src 'none'; connect-src 'self'"
		}
		if got := rec.Result().Header.Get("Content-Security-Policy"); got != want {
			t.Errorf("GET /%s: Content-Security-Policy %q, want %q", name, got, want)
		}
	}
}

// TestBuildHash checks that Manifest.Build, and with it sw.js, changes
// with any file of the page, and only then.
func TestBuildHash(t *testing.T) {
	base, wasm := testSite(t)
	static := func() map[string][]byte {
		m := map[string][]byte{}
		for _, name := range []string{"index.html", "boot.js", "boot.css", "wasm_exec.js", "favicon.svg"} {
			m[name] = base.Bytes(name)
		}
		return m
	}
	tests := []struct {
		name   string
		wasm   []byte
		change func(map[string][]byte)
		same   bool
	}{
		{"the same files", wasm, func(map[string][]byte) {}, true},
		{"another Go release, same files", wasm, func(map[string][]byte) {}, true},
		{"another wasm", append(slices.Clip(wasm), 0), func(map[string][]byte) {}, false},
		{"another index.html", wasm, func(m map[string][]byte) { m["index.html"] = append(m["index.html"], ' ') }, false},
		{"another boot.js", wasm, func(m map[string][]byte) { m["boot.js"] = []byte("//") }, false},
		{"another boot.css", wasm, func(m map[string][]byte) { m["boot.css"] = nil }, false},
		{"a file more", wasm, func(m map[string][]byte) { m["robots.txt"] = nil }, false},
		{"a file renamed", wasm, func(m map[string][]byte) { m["icon.svg"] = m["favicon.svg"]; delete(m, "favicon.svg") }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := static()
			tt.change(m)
			goVersion := "go1.26.8"
			if strings.HasPrefix(tt.name, "another Go") {
				goVersion = "go1.26.9"
			}
			s, err := assemble(tt.wasm, m, goVersion, nil)
			if err != nil {
				t.Fatal(err)
			}
			if same := s.Manifest.Build == base.Manifest.Build; same != tt.same {
				t.Errorf("build %s, first %s: same = %v, want %v", s.Manifest.Build, base.Manifest.Build, same, tt.same)
			}
			if same := bytes.Equal(s.Bytes(WorkerName), base.Bytes(WorkerName)); same != tt.same {
				t.Errorf("sw.js the same = %v, want %v: a new build must be a new worker", same, tt.same)
			}
		})
	}
}

// TestEnsembleWasm: the ranges' worker program is served content-hashed
// and immutable, named in the manifest, and kept for offline use; a file
// that is not WebAssembly is refused.
func TestEnsembleWasm(t *testing.T) {
	wasm := append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("gigafactory "), 500)...)
	ens := append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("ensemble "), 500)...)
	static := map[string][]byte{"index.html": nil, "boot.js": nil, "wasm_exec.js": nil, "ensemble.js": []byte("importScripts('wasm_exec.js');"), ensembleKey: ens}
	s, err := assemble(wasm, static, "go1.26.8", nil)
	if err != nil {
		t.Fatal(err)
	}
	name := s.Manifest.Ensemble
	if !strings.HasPrefix(name, "ensemble.") || !strings.HasSuffix(name, ".wasm") || !bytes.Equal(s.Bytes(name), ens) {
		t.Fatalf("manifest's ensemble %q, served %d bytes", name, len(s.Bytes(name)))
	}
	if f := s.file(name); f == nil || !strings.Contains(f.cache, "immutable") {
		t.Errorf("%s is not cached as immutable", name)
	}
	if s.Bytes(ensembleKey) != nil {
		t.Errorf("%s is served under its build name", ensembleKey)
	}
	if !bytes.Contains(s.Bytes(WorkerName), []byte(name)) || !bytes.Contains(s.Bytes(ManifestName), []byte(`"ensemble": "`+name)) {
		t.Error("the service worker or the manifest does not name the ensemble's wasm")
	}
	static[ensembleKey] = []byte("\x7fELF")
	if _, err := assemble(wasm, static, "go1.26.8", nil); err == nil || !strings.Contains(err.Error(), "ensemble") {
		t.Errorf("an ensemble that is not WebAssembly: %v", err)
	}
}
