package site

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Dev serves the site for a developer: a request for the page (/ or
// /index.html) first checks whether a source of the last build changed (by
// size and modification time) and, if so, rebuilds before answering. A
// failed rebuild answers the page with the compiler output; the other files
// keep coming from the last good build.
type Dev struct {
	ctx context.Context // builds run under it, not under a request
	cfg Config
	log io.Writer

	site atomic.Pointer[Site] // the last good build

	mu     sync.Mutex // held while checking and rebuilding
	watch  []string   // files and directories the last attempt was built from
	stamp  string     // their sizes and times at that attempt
	failed error      // the last attempt's error, nil if it succeeded
}

// NewDev builds the site once and returns a Dev serving it. Progress goes
// to log. A failed first build is an error (a *BuildError when go build
// failed).
func NewDev(ctx context.Context, cfg Config, log io.Writer) (*Dev, error) {
	d := &Dev{ctx: ctx, cfg: cfg, log: log}
	if err := d.rebuild(); err != nil {
		return nil, err
	}
	return d, nil
}

// Site returns the last good build.
func (d *Dev) Site() *Site { return d.site.Load() }

func (d *Dev) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/" || r.URL.Path == "/index.html" {
		if err := d.refresh(); err != nil {
			buildFailedPage(w, err)
			return
		}
	}
	d.Site().ServeHTTP(w, r)
}

// refresh rebuilds if a watched source changed since the last attempt and
// returns the error of the last attempt.
func (d *Dev) refresh() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if stamp(d.watch) == d.stamp {
		return d.failed
	}
	fmt.Fprintf(d.log, "sources changed: rebuilding %s\n", d.cfg.pkg())
	return d.rebuildLocked()
}

func (d *Dev) rebuild() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.rebuildLocked()
}

func (d *Dev) rebuildLocked() error {
	watch, err := watchList(d.ctx, d.cfg)
	if err != nil {
		return err
	}
	// Stamp before building: an edit during the build shows up as a change
	// at the next page load.
	st := stamp(watch)
	start := time.Now()
	s, err := build(d.ctx, d.cfg, d.site.Load())
	if d.ctx.Err() != nil {
		return d.ctx.Err() // shutting down: not a result to remember
	}
	d.watch, d.stamp, d.failed = watch, st, err
	if err != nil {
		fmt.Fprintf(d.log, "build failed: %v\n", err)
		return err
	}
	d.site.Store(s)
	fmt.Fprintf(d.log, "built %s in %.1fs: %s, %s gzipped\n",
		s.Manifest.Wasm, time.Since(start).Seconds(), megabytes(s.Manifest.Size), megabytes(s.Manifest.GzipSize))
	return nil
}

// watchList returns the sources of a build: the page's static files, go.mod
// and go.sum, and for every package of the main module that the program
// imports (for js/wasm), its directory (which changes when a file is added
// or removed) and its Go and embedded files.
func watchList(ctx context.Context, cfg Config) ([]string, error) {
	cmd := exec.CommandContext(ctx, cfg.goCmd(), "list", "-e", "-deps",
		"-json=Dir,GoFiles,CgoFiles,IgnoredGoFiles,EmbedFiles,Module", cfg.pkg())
	cmd.Dir = cfg.Root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("site: go list %s: %v\n%s", cfg.pkg(), err, stderr.String())
	}
	watch := []string{filepath.Join(cfg.Root, "go.mod"), filepath.Join(cfg.Root, "go.sum")}
	for _, s := range sources {
		watch = append(watch, filepath.Join(cfg.Root, filepath.FromSlash(s[1])))
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p struct {
			Dir                                           string
			GoFiles, CgoFiles, IgnoredGoFiles, EmbedFiles []string
			Module                                        *struct{ Main bool }
		}
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			return nil, fmt.Errorf("site: reading go list: %w", err)
		}
		if p.Module == nil || !p.Module.Main {
			continue // the standard library and dependencies change only with go.mod
		}
		watch = append(watch, p.Dir)
		for _, list := range [][]string{p.GoFiles, p.CgoFiles, p.IgnoredGoFiles, p.EmbedFiles} {
			for _, f := range list {
				watch = append(watch, filepath.Join(p.Dir, f))
			}
		}
	}
	return watch, nil
}

// stamp sums up the size and modification time of each path.
func stamp(paths []string) string {
	var b strings.Builder
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			fmt.Fprintf(&b, "%s missing\n", p)
			continue
		}
		fmt.Fprintf(&b, "%s %d %d\n", p, fi.Size(), fi.ModTime().UnixNano())
	}
	return b.String()
}

// buildFailedPage answers a page load with the error of the failed build.
func buildFailedPage(w http.ResponseWriter, err error) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusInternalServerError)
	fmt.Fprintf(w, `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Build failed: Gigafactory Sandbox</title>
<body style="font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem">
<h1>The build failed</h1>
<p>Fix the error and reload this page: it rebuilds when a source changes.</p>
<pre style="white-space:pre-wrap;background:#f4f4f4;padding:1rem">%s</pre>
</body></html>
`, html.EscapeString(err.Error()))
}

func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }
