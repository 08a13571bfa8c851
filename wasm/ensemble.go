//go:build js && wasm

package main

import (
	"sync"
	"syscall/js"

	"gigasandbox/game"
	"gigasandbox/model"
)

// ensembleWorker is the ranges' Web Worker (boot.js's ensembleWorker:
// wasm/ensemble.js running wasm/ensworker), as the game's EnsembleWorker.
// Its messages arrive between frames and wait for the game's next update.
type ensembleWorker struct {
	w     js.Value
	funcs []js.Func
	mu    sync.Mutex
	inbox []game.WorkerMessage
}

// newEnsembleWorker starts the worker; nil if the page has none (an old
// boot.js, no workers here), and the game runs the ensemble itself.
func newEnsembleWorker() game.EnsembleWorker {
	boot := js.Global().Get("gigasimBoot")
	if boot.Type() != js.TypeObject || boot.Get("ensembleWorker").Type() != js.TypeFunction {
		return nil
	}
	w := boot.Call("ensembleWorker")
	if w.Type() != js.TypeObject {
		return nil
	}
	ew := &ensembleWorker{w: w}
	onMessage := js.FuncOf(func(_ js.Value, args []js.Value) any {
		d := args[0].Get("data")
		m := game.WorkerMessage{Job: -1}
		if j := d.Get("job"); j.Type() == js.TypeNumber {
			m.Job = j.Int()
		}
		switch {
		case d.Get("ready").Truthy():
			return nil
		case d.Get("error").Type() == js.TypeString:
			m.Err = d.Get("error").String()
		case d.Get("run").InstanceOf(js.Global().Get("Uint8Array")):
			m.Run = make([]byte, d.Get("run").Length())
			js.CopyBytesToGo(m.Run, d.Get("run"))
		case d.Get("done").Truthy():
			m.Done = true
		default:
			return nil
		}
		ew.put(m)
		return nil
	})
	onError := js.FuncOf(func(_ js.Value, args []js.Value) any {
		msg := "the ensemble's worker failed"
		if len(args) > 0 && args[0].Get("message").Type() == js.TypeString {
			msg += ": " + args[0].Get("message").String()
		}
		ew.put(game.WorkerMessage{Job: -1, Err: msg})
		return nil
	})
	ew.funcs = []js.Func{onMessage, onError}
	w.Set("onmessage", onMessage)
	w.Set("onerror", onError)
	return ew
}

func (ew *ensembleWorker) put(m game.WorkerMessage) {
	ew.mu.Lock()
	ew.inbox = append(ew.inbox, m)
	ew.mu.Unlock()
}

// Start posts the job: the scenario as its file, which the worker parses.
func (ew *ensembleWorker) Start(job int, sc model.Scenario, runs int, goals string) error {
	b, err := sc.MarshalIndent()
	if err != nil {
		return err
	}
	ew.w.Call("postMessage", map[string]any{"job": job, "scenario": string(b), "runs": runs, "goals": goals})
	return nil
}

// Received hands over what came since the last call.
func (ew *ensembleWorker) Received() []game.WorkerMessage {
	ew.mu.Lock()
	defer ew.mu.Unlock()
	out := ew.inbox
	ew.inbox = nil
	return out
}
