//go:build !js

package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"gigasandbox/model"
	"gigasandbox/model/ensemble"
	"gigasandbox/model/report"
)

// workerJS starts the model-only ensemble program in a Web Worker.
const workerJS = `importScripts('wasm_exec.js');
const go = new Go();
WebAssembly.instantiateStreaming(fetch('ensworker.wasm'), go.importObject).then(r => go.run(r.instance));
`

// runShardsJS defines window.__runShards(scenario, runs, shards, goals):
// one Web Worker a shard, each running its part of the ensemble; it
// resolves to the parts' files, each worker's time running and the wall
// time from the workers' start (their wasm compiled) to the last part.
const runShardsJS = `window.__runShards = (scenario, runs, shards, goals) => new Promise((resolve, reject) => {
  const t0 = performance.now(), parts = [], ms = [];
  let left = shards;
  // the page's CSP wants Trusted Types for a worker's URL (see TestEnsembleInWorkers)
  const url = window.trustedTypes ?
    (window.__ensPolicy ||= trustedTypes.createPolicy('gigasim-ensemble', {createScriptURL: u => u})).createScriptURL('/ensworker/worker.js') :
    '/ensworker/worker.js';
  for (let i = 0; i < shards; i++) {
    const w = new Worker(url);
    w.onerror = e => reject(String(e.message));
    w.onmessage = e => {
      const d = e.data;
      if (d.ready) { w.postMessage({scenario, runs, shard: i, shards, goals}); return; }
      w.terminate();
      if (d.error) { reject(d.error); return; }
      parts[i] = d.part; ms[i] = d.ms;
      if (--left === 0) resolve({parts, ms, wallMs: performance.now() - t0});
    };
  }
})`

// shardsResult is what __runShards resolves to.
type shardsResult struct {
	Parts  []string  `json:"parts"`
	Ms     []float64 `json:"ms"`
	WallMs float64   `json:"wallMs"`
}

// buildWorker compiles wasm/ensworker and returns a handler serving it
// with its worker script and wasm_exec.js, and the wasm's size.
func buildWorker(t *testing.T) (http.Handler, int64) {
	t.Helper()
	dir := t.TempDir()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "ensworker.wasm"), "./wasm/ensworker")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building wasm/ensworker: %v\n%s", err, out)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	wasmExec, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"worker.js": []byte(workerJS), "wasm_exec.js": wasmExec} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fi, err := os.Stat(filepath.Join(dir, "ensworker.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	return http.StripPrefix("/ensworker/", http.FileServer(http.Dir(dir))), fi.Size()
}

// runShards runs an ensemble in shards Web Workers from page p, merges
// their parts and returns the result with the timings.
func runShards(t *testing.T, p *page, sc model.Scenario, runs, shards int, goals string) (*ensemble.Result, shardsResult) {
	t.Helper()
	b, err := sc.MarshalIndent()
	if err != nil {
		t.Fatal(err)
	}
	evalJS[any](p, runShardsJS)
	r := evalJS[shardsResult](p, fmt.Sprintf("window.__runShards(%s, %d, %d, %s)", jsString(string(b)), runs, shards, jsString(goals)))
	var parts []*ensemble.Result
	for i, s := range r.Parts {
		part, err := ensemble.ReadPart(strings.NewReader(s))
		if err != nil {
			t.Fatalf("worker %d's part: %v", i, err)
		}
		parts = append(parts, part)
	}
	res, err := ensemble.Merge(parts)
	if err != nil {
		t.Fatal(err)
	}
	return res, r
}

// TestEnsembleInWorkers: the ensemble split in shards over Web Workers
// running the model-only build (wasm/ensworker) beside the page merges
// into model/ensemble's native result, goal odds included. With
// GIGASIM_MEASURE_FPS=1 it also measures a 64-run baseline ensemble in one
// and two workers, the page paused and playing meanwhile, for
// docs/performance.md.
func TestEnsembleInWorkers(t *testing.T) {
	workers, size := buildWorker(t)
	s := buildSite(t, "./wasm")
	mux := http.NewServeMux()
	mux.Handle("/ensworker/", workers)
	mux.Handle("/", s)
	// The page's CSP allows one Trusted Types policy, the service worker's;
	// a page that started ensemble workers would name a second one there
	// (internal/site's TestPageCSP pins the CSP). This experiment adds it.
	index := strings.Replace(string(s.Bytes("index.html")), "trusted-types gigasim-worker", "trusted-types gigasim-worker gigasim-ensemble", 1)
	if !strings.Contains(index, "gigasim-ensemble") {
		t.Fatal("index.html's CSP names no trusted-types policy gigasim-worker")
	}
	mux.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write([]byte(index))
	})
	p := startBrowser(t).newPage().addInitScript(rafCounter).addInitScript(frameGaps).navigate(serve(t, mux))
	p.waitGame()
	t.Logf("wasm/ensworker: %d bytes (the page's: %d)", size, s.Manifest.Size)

	sc, err := model.Preset("grid-crunch")
	if err != nil {
		t.Fatal(err)
	}
	goals, _, _ := report.Goals("grid-crunch")
	got, _ := runShards(t, p, sc, ensemble.MinRuns, 2, "grid-crunch")
	want, err := ensemble.Run(context.Background(), sc, ensemble.Config{Runs: ensemble.MinRuns, Workers: 2, Goals: goals})
	if err != nil {
		t.Fatal(err)
	}
	if got.Digest() != want.Digest() {
		t.Fatalf("two workers' merged ensemble: digest %016x, model/ensemble's %016x", got.Digest(), want.Digest())
	}
	for i, o := range want.Odds() {
		if g := got.Odds()[i]; g.Met != o.Met || g.Runs != o.Runs {
			t.Errorf("goal %s: the workers' %d of %d, model/ensemble's %d of %d", o.Goal.ID, g.Met, g.Runs, o.Met, o.Runs)
		}
	}
	if os.Getenv("GIGASIM_MEASURE_FPS") == "" {
		return
	}
	base, err := model.Preset("baseline")
	if err != nil {
		t.Fatal(err)
	}
	p.waitJS("window.gigasim.status().projected", time.Minute, "the projections")
	for _, playing := range []bool{false, true} {
		for _, shards := range []int{1, 2} {
			evalJS[any](p, "window.gigasim.pause()")
			evalJS[status](p, "window.gigasim.runTo(0)")
			what := "paused"
			if playing {
				what = "playing at a year a second"
				evalJS[any](p, "window.gigasim.setSpeed(3)")
				evalJS[any](p, "window.gigasim.play()")
			}
			time.Sleep(time.Second)
			evalJS[any](p, "Object.assign(window.__gaps, {late: 0, longestMs: 0, last: 0})")
			f0, st0, t0 := evalJS[float64](p, "window.__frames"), gameStatus(p), time.Now()
			res, r := runShards(t, p, base, 64, shards, "")
			secs := time.Since(t0).Seconds()
			f1, st1 := evalJS[float64](p, "window.__frames"), gameStatus(p)
			g := evalJS[gaps](p, "window.__gaps")
			t.Logf("%d worker(s), the page %s: 64 runs of the baseline in %.1f s from the workers' start (each worker running %v ms; digest %016x); the page meanwhile %.1f browser frames/s, %.1f drawn, %d gaps over 25 ms, the longest %.0f ms",
				shards, what, r.WallMs/1000, r.Ms, res.Digest(), (f1-f0)/secs, float64(st1.Frames-st0.Frames)/secs, g.Late, g.LongestMs)
		}
	}
}
