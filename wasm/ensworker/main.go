//go:build js && wasm

// Command ensworker is a model-only build of the ensemble for a Web Worker:
// no Ebitengine, no page, only model/ensemble (4.6 MB of wasm against the
// page's 19). Go's WebAssembly runs on one thread, so the page's own
// ensemble (game/ranges.go) shares its frames with the drawing; in a
// worker it has a core of its own (docs/performance.md).
//
// wasm/ensemble.js starts it and passes it what the page posts. Two kinds
// of message:
//
//	{"job": 7, "scenario": "<scenario file JSON>", "runs": 64, "goals": "grid-crunch"}
//
// runs that ensemble and posts each run as it finishes, {"job": 7, "run":
// <Uint8Array: ensemble.Result.RunBinary>}, then {"job": 7, "done": true}, or {"job": 7,
// "error": "..."}; a later job replaces it at once (the page edited the
// scenario). And
//
//	{"scenario": "...", "runs": 64, "shard": 0, "shards": 2, "goals": "..."}
//
// runs one shard of an ensemble and answers {"part": "<ensemble.WritePart>",
// "ms": <milliseconds running>} or {"error": "..."}: ensemble.Merge joins the
// parts into the one-machine result (wasm/browsertest TestEnsembleInWorkers).
package main

import (
	"bytes"
	"context"
	"sync"
	"syscall/js"
	"time"

	"gigasandbox/model"
	"gigasandbox/model/ensemble"
	"gigasandbox/model/report"
)

// slice is the work between looks at the messages: a run's days, about
// 80 ms; each look lets the event loop in (a timer's few milliseconds).
const slice = 4000

// inbox holds the messages that arrived while the program worked: the
// event loop hands them over only while it sleeps, and a callback must not
// block.
type inbox struct {
	mu   sync.Mutex
	msgs []js.Value
	wake chan struct{}
}

func (b *inbox) put(m js.Value) {
	b.mu.Lock()
	b.msgs = append(b.msgs, m)
	b.mu.Unlock()
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

func (b *inbox) take() []js.Value {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.msgs
	b.msgs = nil
	return out
}

func main() {
	box := &inbox{wake: make(chan struct{}, 1)}
	js.Global().Set("onmessage", js.FuncOf(func(_ js.Value, args []js.Value) any {
		box.put(args[0].Get("data"))
		return nil
	}))
	// what the page posted before this program ran
	if q := js.Global().Get("gigasimQueue"); q.Type() == js.TypeObject {
		for i := range q.Length() {
			box.put(q.Index(i))
		}
	}
	js.Global().Call("postMessage", map[string]any{"ready": true})
	var cur *job
	var mem *ensemble.Job
	for {
		for _, m := range box.take() {
			if j := start(m, &mem); j != nil || m.Get("job").Type() == js.TypeNumber {
				cur = j // a later job replaces the one under way
			}
		}
		if cur == nil {
			<-box.wake
			continue
		}
		if cur.step() {
			cur = nil
		}
		time.Sleep(time.Millisecond) // let the next message in
	}
}

// job is the streaming ensemble the page asked for last.
type job struct {
	id   int
	j    *ensemble.Job
	sent int // runs posted
}

// start handles a message: a shard is run and answered at once; a job is
// returned to be run a slice at a time, in the memory of the last (mem).
func start(msg js.Value, mem **ensemble.Job) *job {
	if msg.Get("job").Type() != js.TypeNumber {
		js.Global().Call("postMessage", shard(msg))
		return nil
	}
	id := msg.Get("job").Int()
	sc, err := model.ParseScenario([]byte(msg.Get("scenario").String()))
	if err != nil {
		js.Global().Call("postMessage", map[string]any{"job": id, "error": err.Error()})
		return nil
	}
	goals, _, _ := report.Goals(msg.Get("goals").String())
	*mem = (*mem).Restart(sc, ensemble.Config{Runs: msg.Get("runs").Int(), Goals: goals})
	return &job{id: id, j: *mem}
}

// step advances the job a slice and posts the runs it finished; it reports
// whether the job is over.
func (jb *job) step() bool {
	done := jb.j.Advance(slice)
	if err := jb.j.Err(); err != nil {
		js.Global().Call("postMessage", map[string]any{"job": jb.id, "error": err.Error()})
		return true
	}
	finished, _ := jb.j.Progress()
	for ; jb.sent < finished; jb.sent++ {
		b, err := jb.j.Result().RunBinary(jb.sent)
		if err != nil {
			js.Global().Call("postMessage", map[string]any{"job": jb.id, "error": err.Error()})
			return true
		}
		arr := js.Global().Get("Uint8Array").New(len(b))
		js.CopyBytesToJS(arr, b)
		js.Global().Call("postMessage", map[string]any{"job": jb.id, "run": arr})
	}
	if done {
		js.Global().Call("postMessage", map[string]any{"job": jb.id, "done": true})
	}
	return done
}

// shard runs the shard a message asks for.
func shard(msg js.Value) map[string]any {
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
