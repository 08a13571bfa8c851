//go:build js && wasm

// Command ensworker is a model-only build of the ensemble for a Web Worker:
// no Ebitengine, no page, only model/ensemble. Go's WebAssembly runs on one
// thread, so the page's own ensemble (game/ranges.go) shares its frames
// with the drawing; several workers, each running a shard of the runs on a
// core of its own, are the browser's way to use more cores
// (docs/performance.md measures what they give).
//
// A message to the worker:
//
//	{"scenario": "<scenario file JSON>", "runs": 64, "shard": 0, "shards": 2, "goals": "grid-crunch"}
//
// is answered by {"part": "<the shard's part file, ensemble.WritePart>",
// "ms": <milliseconds running>} or {"error": "..."}; ensemble.Merge joins
// the parts into the one-machine result.
package main

import (
	"bytes"
	"context"
	"syscall/js"
	"time"

	"gigasandbox/model"
	"gigasandbox/model/ensemble"
	"gigasandbox/model/report"
)

func main() {
	js.Global().Set("onmessage", js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := args[0].Get("data")
		go func() { js.Global().Call("postMessage", handle(msg)) }()
		return nil
	}))
	js.Global().Call("postMessage", map[string]any{"ready": true})
	select {}
}

// handle runs the shard a message asks for.
func handle(msg js.Value) map[string]any {
	fail := func(err error) map[string]any { return map[string]any{"error": err.Error()} }
	sc, err := model.ParseScenario([]byte(msg.Get("scenario").String()))
	if err != nil {
		return fail(err)
	}
	var goals []report.Goal
	if name := msg.Get("goals"); name.Type() == js.TypeString {
		goals, _, _ = report.Goals(name.String())
	}
	t0 := time.Now()
	res, err := ensemble.Run(context.Background(), sc, ensemble.Config{Runs: msg.Get("runs").Int(), Goals: goals,
		Shard: msg.Get("shard").Int(), Shards: msg.Get("shards").Int()})
	if err != nil {
		return fail(err)
	}
	ms := time.Since(t0).Milliseconds()
	var buf bytes.Buffer
	if err := res.WritePart(&buf); err != nil {
		return fail(err)
	}
	return map[string]any{"part": buf.String(), "ms": ms}
}
