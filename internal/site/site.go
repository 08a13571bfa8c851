// Package site builds and serves the Gigafactory Sandbox web page: it compiles
// the browser program (./wasm) to WebAssembly, puts it beside index.html, the
// boot script and the matching wasm_exec.js, and either serves the result
// (with precompressed gzip and cache headers) or writes it out as plain files
// for any static web host. cmd/serve is a thin wrapper around [Run]; the
// browser tests use [Build] directly.
//
// The page finds the program through manifest.json, written with every build:
//
//	{"wasm":"gigasim.<hash>.wasm","size":<bytes uncompressed>,...}
//
// The wasm file name carries a hash of its content, so it can be cached for a
// year; index.html, manifest.json and the small scripts are revalidated on
// every load.
//
// Every build also writes a service worker, sw.js (the template of the same
// name in this package, with the build written in): the page registers it
// once it runs, and from then on it opens without a network, from a cache
// named after the build's hash (Manifest.Build). A new build is a new sw.js,
// which the browser installs the next time the page loads with a network.
package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// DefaultPackage is the browser program, relative to the module root.
const DefaultPackage = "./wasm"

// EnsemblePackage is the model-only program that runs the ranges'
// ensemble in a Web Worker beside the page (wasm/ensemble.js starts it),
// built with DefaultPackage.
const EnsemblePackage = "./wasm/ensworker"

// ensembleKey names the ensemble's wasm among assemble's static files; the
// site serves it content-hashed, as Manifest.Ensemble.
const ensembleKey = "ensemble.wasm"

// ManifestName is the file that tells the page which wasm to load.
const ManifestName = "manifest.json"

// WorkerName is the service worker that keeps the page working offline.
const WorkerName = "sw.js"

// sources are the hand-written files of the page: site name, then path
// relative to the module root. favicon.svg and the template of sw.js are
// embedded in this package (cmd/serve picks up a change to them when restarted).
var sources = [][2]string{
	{"index.html", "index.html"},
	{"boot.js", "wasm/boot.js"},
	{"boot.css", "wasm/boot.css"},
	{"ensemble.js", "wasm/ensemble.js"},
}

//go:embed favicon.svg
var favicon []byte

// workerTemplate is sw.js before the build is written in, at buildMark.
//
//go:embed sw.js
var workerTemplate []byte

const buildMark = "__BUILD__"

// Config says what to build.
type Config struct {
	// Root is the module root: the directory of go.mod, index.html and wasm/.
	Root string
	// Package is the program to compile, relative to Root. Empty means
	// DefaultPackage.
	Package string
	// Go is the go command. Empty means [GoCommand].
	Go string
}

func (c Config) pkg() string {
	if c.Package == "" {
		return DefaultPackage
	}
	return c.Package
}

func (c Config) goCmd() string {
	if c.Go == "" {
		return GoCommand()
	}
	return c.Go
}

// Manifest describes one build. The page reads it to find the wasm file and
// to know its size for the progress bar (Content-Length, when the file is
// sent compressed, is the compressed size).
type Manifest struct {
	Wasm string `json:"wasm"` // file name, with a content hash
	// Ensemble is the model-only wasm of the ranges' Web Worker (file
	// name, with a content hash); "" in a build without it.
	Ensemble string `json:"ensemble,omitempty"`
	Size     int64  `json:"size"`     // bytes, uncompressed
	GzipSize int64  `json:"gzipSize"` // bytes of Wasm+".gz"
	SHA256   string `json:"sha256"`   // of the uncompressed file, hex
	Go       string `json:"go"`       // the Go release that built it and whose wasm_exec.js is served
	// Build names the whole build: a hash of every file's name and content
	// hash (its ETag), the wasm's and the page's, but not manifest.json's
	// or sw.js's, which follow from them. The service worker's cache is
	// named after it, and the page says it was updated when it changes.
	Build string `json:"build"`
}

// Site is one build of the page, held in memory, ready to serve or export.
type Site struct {
	Manifest Manifest
	files    map[string]*file // by name, as in the URL path without the leading slash
	// BuildTime is how long the go build took; Compress how long gzip took.
	BuildTime, CompressTime time.Duration
}

// file is one file of the site with its precomputed variants.
type file struct {
	name        string
	contentType string
	cache       string // Cache-Control
	csp         string // Content-Security-Policy, if any
	raw, gz     []byte // gz is nil when compression does not pay
	etag        string // of raw; the gzip variant adds "-gz"
}

// BuildError is a failed go build; Output is what the compiler printed.
type BuildError struct {
	Package string
	Err     error
	Output  string
}

func (e *BuildError) Error() string {
	return fmt.Sprintf("building %s for js/wasm: %v\n%s", e.Package, e.Err, strings.TrimRight(e.Output, "\n"))
}

func (e *BuildError) Unwrap() error { return e.Err }

// GoCommand returns the go command of the toolchain that runs this program
// (so that `go run ./cmd/serve` builds the wasm with the same Go), or "go"
// from PATH when that toolchain is not on disk.
func GoCommand() string {
	exe := "go"
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	// runtime.GOROOT is deprecated because it may not be the go command's
	// GOROOT; here that is the point: it is the toolchain that runs us.
	if root := runtime.GOROOT(); root != "" {
		p := filepath.Join(root, "bin", exe)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return "go"
}

// FindRoot returns the root of the module that contains dir, as the go
// command sees it.
func FindRoot(ctx context.Context, goCmd, dir string) (string, error) {
	if goCmd == "" {
		goCmd = GoCommand()
	}
	cmd := exec.CommandContext(ctx, goCmd, "env", "GOMOD")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", fmt.Errorf("%s is not inside a Go module; run from the gigasandbox repository", dir)
	}
	return filepath.Dir(gomod), nil
}

// Build compiles the program for js/wasm and assembles the site in memory.
func Build(ctx context.Context, cfg Config) (*Site, error) {
	return build(ctx, cfg, nil)
}

// build is Build that reuses prev's compressed wasm when the wasm is unchanged.
func build(ctx context.Context, cfg Config, prev *Site) (*Site, error) {
	goCmd := cfg.goCmd()
	tmp, err := os.MkdirTemp("", "gigasim-build-")
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	defer os.RemoveAll(tmp)

	out := filepath.Join(tmp, "main.wasm")
	// -trimpath keeps paths of this machine out of the binary; -s -w drop the
	// symbol table and DWARF (about 2% smaller, panics still name functions).
	cmd := exec.CommandContext(ctx, goCmd, "build", "-trimpath", "-ldflags=-s -w", "-o", out, cfg.pkg())
	cmd.Dir = cfg.Root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	start := time.Now()
	if output, err := cmd.CombinedOutput(); err != nil {
		return nil, &BuildError{Package: cfg.pkg(), Err: err, Output: string(output)}
	}
	buildTime := time.Since(start)
	wasm, err := os.ReadFile(out)
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}

	goroot, goVersion, err := goEnv(ctx, goCmd, cfg.Root)
	if err != nil {
		return nil, err
	}
	// wasm_exec.js must come from the Go that built the wasm: the import
	// object changes between releases.
	wasmExec, err := os.ReadFile(filepath.Join(goroot, "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return nil, fmt.Errorf("site: wasm_exec.js of %s: %w", goVersion, err)
	}

	static := map[string][]byte{"wasm_exec.js": wasmExec, "favicon.svg": favicon}
	if cfg.pkg() == DefaultPackage {
		ens := filepath.Join(tmp, "ensemble.wasm")
		cmd := exec.CommandContext(ctx, goCmd, "build", "-trimpath", "-ldflags=-s -w", "-o", ens, EnsemblePackage)
		cmd.Dir = cfg.Root
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		if output, err := cmd.CombinedOutput(); err != nil {
			return nil, &BuildError{Package: EnsemblePackage, Err: err, Output: string(output)}
		}
		if static[ensembleKey], err = os.ReadFile(ens); err != nil {
			return nil, fmt.Errorf("site: %w", err)
		}
		buildTime = time.Since(start)
	}
	for _, s := range sources {
		b, err := os.ReadFile(filepath.Join(cfg.Root, filepath.FromSlash(s[1])))
		if err != nil {
			return nil, fmt.Errorf("site: %w", err)
		}
		static[s[0]] = b
	}
	s, err := assemble(wasm, static, goVersion, prev)
	if err != nil {
		return nil, err
	}
	s.BuildTime = buildTime
	return s, nil
}

// goEnv returns GOROOT and GOVERSION of the go command.
func goEnv(ctx context.Context, goCmd, dir string) (goroot, version string, err error) {
	cmd := exec.CommandContext(ctx, goCmd, "env", "GOROOT", "GOVERSION")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return "", "", fmt.Errorf("site: go env GOROOT GOVERSION: %w", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		return "", "", fmt.Errorf("site: go env GOROOT GOVERSION printed %q", out)
	}
	return strings.TrimSpace(lines[0]), strings.TrimSpace(lines[1]), nil
}

// wasmMagic starts every WebAssembly module.
var wasmMagic = []byte("\x00asm")

// assemble puts a site together from the compiled program and the page's
// static files (index.html, boot.js, boot.css, favicon.svg, wasm_exec.js).
// prev, if not nil, lends its gzip of an identical wasm.
func assemble(wasm []byte, static map[string][]byte, goVersion string, prev *Site) (*Site, error) {
	if !bytes.HasPrefix(wasm, wasmMagic) {
		return nil, errors.New("site: the compiled program is not a WebAssembly module")
	}
	sum := sha256.Sum256(wasm)
	hash := hex.EncodeToString(sum[:])
	s := &Site{
		Manifest: Manifest{
			Wasm:   "gigasim." + hash[:16] + ".wasm",
			Size:   int64(len(wasm)),
			SHA256: hash,
			Go:     goVersion,
		},
		files: make(map[string]*file),
	}

	start := time.Now()
	wf := newFile(s.Manifest.Wasm, wasm, "public, max-age=31536000, immutable")
	if old := prev.file(s.Manifest.Wasm); old != nil && bytes.Equal(old.raw, wasm) {
		wf.gz = old.gz
	} else {
		wf.gz = gzipBest(wasm)
	}
	s.CompressTime = time.Since(start)
	s.Manifest.GzipSize = int64(len(wf.gz))
	s.files[wf.name] = wf

	for name, b := range static {
		if name == ensembleKey {
			if !bytes.HasPrefix(b, wasmMagic) {
				return nil, errors.New("site: the ensemble's program is not a WebAssembly module")
			}
			sum := sha256.Sum256(b)
			s.Manifest.Ensemble = "ensemble." + hex.EncodeToString(sum[:])[:16] + ".wasm"
			f := newFile(s.Manifest.Ensemble, b, "public, max-age=31536000, immutable")
			if old := prev.file(s.Manifest.Ensemble); old != nil && bytes.Equal(old.raw, b) {
				f.gz = old.gz
			} else {
				f.gz = gzipBest(b)
			}
			s.files[f.name] = f
			continue
		}
		s.files[name] = newStaticFile(name, b)
	}
	for _, name := range []string{"index.html", "boot.js", "wasm_exec.js"} {
		if s.files[name] == nil {
			return nil, fmt.Errorf("site: %s is missing", name)
		}
	}
	s.Manifest.Build = buildHash(s.files)
	man, err := json.MarshalIndent(s.Manifest, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	s.files[ManifestName] = newStaticFile(ManifestName, append(man, '\n'))
	sw, err := worker(s.Manifest, s.Files())
	if err != nil {
		return nil, err
	}
	s.files[WorkerName] = newStaticFile(WorkerName, sw)
	// The worker fetches the page's files from its own origin, and does
	// nothing else. (From a static host it runs without this header: it is
	// the same file.)
	s.files[WorkerName].csp = "default-src 'none'; connect-src 'self'"
	return s, nil
}

// newStaticFile is a file that is not content-hashed, so the browser
// revalidates it on each load (a 304 when nothing changed).
func newStaticFile(name string, b []byte) *file {
	f := newFile(name, b, "no-cache")
	if gz := gzipBest(b); len(gz) < len(b) {
		f.gz = gz
	}
	return f
}

// buildHash is Manifest.Build: a hash of the names and content hashes of
// files, in name order.
func buildHash(files map[string]*file) string {
	h := sha256.New()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(h, "%s %s\n", name, files[name].etag)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// worker returns sw.js for a build whose files (the names in the URL path,
// manifest.json among them) it keeps for offline use.
func worker(m Manifest, files []string) ([]byte, error) {
	if bytes.Count(workerTemplate, []byte(buildMark)) != 1 {
		return nil, fmt.Errorf("site: sw.js should hold %s once", buildMark)
	}
	b, err := json.Marshal(struct {
		Build string   `json:"build"`
		Wasm  string   `json:"wasm"`
		Files []string `json:"files"`
	}{m.Build, m.Wasm, files})
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	return bytes.Replace(workerTemplate, []byte(buildMark), b, 1), nil
}

func newFile(name string, raw []byte, cache string) *file {
	sum := sha256.Sum256(raw)
	return &file{
		name:        name,
		contentType: contentType(name),
		cache:       cache,
		raw:         raw,
		etag:        hex.EncodeToString(sum[:8]),
	}
}

func (s *Site) file(name string) *file {
	if s == nil {
		return nil
	}
	return s.files[name]
}

// contentType is by extension; Go's own table is right for these too, but
// spelling them out keeps the answer independent of the host's mime.types.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".json":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".wasm":
		return "application/wasm"
	}
	return "application/octet-stream"
}

func gzipBest(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // the level is valid
	zw.Write(b)                                              // a bytes.Buffer does not fail
	zw.Close()
	return buf.Bytes()
}

// Files returns the names of the site's files, sorted.
func (s *Site) Files() []string {
	names := make([]string, 0, len(s.files))
	for name := range s.files {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// Bytes returns the uncompressed content of a file of the site, or nil.
func (s *Site) Bytes(name string) []byte {
	if f := s.file(name); f != nil {
		return f.raw
	}
	return nil
}

// ServeHTTP serves the site: / is index.html; every file is sent gzipped
// when the client accepts gzip and it pays, with Vary: Accept-Encoding,
// Content-Length, a strong ETag (answering If-None-Match with 304), and
// Cache-Control (a year for the content-hashed wasm, no-cache for the rest).
// Anything else is 404.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/")
	if name == "" {
		name = "index.html"
	}
	f := s.file(name)
	if f == nil {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", f.cache)
	h.Set("X-Content-Type-Options", "nosniff")
	if f.csp != "" {
		h.Set("Content-Security-Policy", f.csp)
	}
	body, etag := f.raw, f.etag
	if f.gz != nil {
		h.Add("Vary", "Accept-Encoding")
		if acceptsGzip(r.Header.Values("Accept-Encoding")) {
			h.Set("Content-Encoding", "gzip")
			body, etag = f.gz, f.etag+"-gz"
		}
	}
	tag := `"` + etag + `"`
	h.Set("ETag", tag)
	if etagMatch(r.Header.Get("If-None-Match"), tag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	// Not http.ServeContent: it leaves out Content-Length when the body is
	// encoded, and byte ranges of a page's files are of no use.
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// etagMatch reports whether an If-None-Match header matches tag (weak
// comparison, as RFC 9110 asks for If-None-Match).
func etagMatch(header, tag string) bool {
	for t := range strings.SplitSeq(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == tag {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether Accept-Encoding values allow gzip: listed with
// a q above 0, or covered by "*" with a q above 0 and not listed.
func acceptsGzip(values []string) bool {
	star := false
	for _, v := range values {
		for part := range strings.SplitSeq(v, ",") {
			coding, params, _ := strings.Cut(part, ";")
			coding = strings.ToLower(strings.TrimSpace(coding))
			if coding != "gzip" && coding != "x-gzip" && coding != "*" {
				continue
			}
			ok := qAboveZero(params)
			if coding == "*" {
				star = ok
				continue
			}
			return ok
		}
	}
	return star
}

// qAboveZero parses the parameters after a coding (";q=0.5") and reports
// whether the quality is above zero; no q means 1.
func qAboveZero(params string) bool {
	for p := range strings.SplitSeq(params, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if strings.EqualFold(strings.TrimSpace(k), "q") {
			v = strings.TrimSpace(v)
			return strings.Trim(v, "0.") != "" // "0", "0.0", "0.000" are zero
		}
	}
	return true
}

// Export writes the site to dir as plain files for a static web host: every
// file, plus the wasm's .gz twin for hosts that serve precompressed files
// (nginx gzip_static, Caddy precompressed). Old gigasim.*.wasm files in dir
// are removed. sw.js and index.html are written last, so a host serving dir
// while it is written never points at a file that is not there yet, and a
// browser that sees the new worker finds the files it names.
func (s *Site) Export(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	old, _ := filepath.Glob(filepath.Join(dir, "gigasim.*.wasm*"))
	wasm := s.files[s.Manifest.Wasm]
	write := func(name string, b []byte) error {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	}
	if err := write(wasm.name, wasm.raw); err != nil {
		return err
	}
	if err := write(wasm.name+".gz", wasm.gz); err != nil {
		return err
	}
	for _, name := range s.Files() {
		if name != wasm.name && name != WorkerName && name != "index.html" {
			if err := write(name, s.files[name].raw); err != nil {
				return err
			}
		}
	}
	for _, name := range []string{WorkerName, "index.html"} {
		if err := write(name, s.files[name].raw); err != nil {
			return err
		}
	}
	for _, p := range old {
		if base := filepath.Base(p); base != wasm.name && base != wasm.name+".gz" {
			if err := os.Remove(p); err != nil {
				return fmt.Errorf("export: removing an old build: %w", err)
			}
		}
	}
	return nil
}
