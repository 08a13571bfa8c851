// ensemble.js is the Web Worker that runs the ranges' ensemble beside the
// page (docs/performance.md): it loads wasm_exec.js and the model-only
// program wasm/ensworker, whose file the page names in its first message
// ({"wasm": "ensemble.<hash>.wasm"}), and hands it every later message.
// Messages that come before the program runs wait in gigasimQueue, which
// the program reads when it starts.
"use strict";
importScripts("wasm_exec.js");
self.gigasimQueue = [];
self.onmessage = (e) => {
  const d = e.data;
  if (d && typeof d.wasm === "string") {
    const go = new Go();
    WebAssembly.instantiateStreaming(fetch(d.wasm), go.importObject)
      .then((r) => go.run(r.instance))
      .catch((err) => postMessage({ error: "the ensemble's program did not start: " + String(err) }));
    return;
  }
  self.gigasimQueue.push(d);
};
