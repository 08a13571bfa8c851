// boot.js starts the Gigafactory Sandbox. It reads manifest.json (written
// with every build) to find the content-hashed wasm and its size, downloads
// the wasm with a progress bar, compiles it while it downloads, runs it with
// Go's wasm_exec.js, and turns every way of failing into a readable message.
//
// window.gigasimBoot is the contract with the Go program (wasm/main.go):
//   ready()                call once the first frame has been drawn: hides the
//                          loading screen and records firstFrameMs.
//   fail(message[, details])  show a fatal error in words (for failures the
//                          program can explain better than a crash can).
//   ensembleWorker()       a Web Worker running the ranges' ensemble beside the
//                          page (ensemble.js, with the manifest's "ensemble"
//                          wasm), or null where there is none (game/ranges.go)
// and, read-only, for tests and for anyone debugging:
//   phase                  "starting", "manifest", "download", "compile",
//                          "start" (Go running, no frame yet), "running", "error"
//   firstFrameMs           performance.now() at ready(): ms since navigation
//   marks                  performance.now() when each phase began, and
//                          painted: when the first frame was on screen
//   bytesLoaded, bytesTotal  progress of the wasm download (uncompressed bytes)
//   manifest               the parsed manifest.json
//   error                  the message shown, or null
//   exitCode               the Go program's exit code once it has exited
//   output()               the last lines the Go program printed
//   build                  the build running (manifest.json's "build")
//   updatedFrom            the build that ran last time in this browser, when it
//                          was another (the page then says it was updated), or null
//   pixelRatio             {device, used}: the screen's device pixel ratio and
//                          the one the page renders at (see capPixelRatio),
//                          once the Go program starts
//   worker                 the service worker (sw.js) that keeps the page working
//                          offline: null before the first frame, then
//                          "registering", "registered", "unavailable" (no service
//                          workers here: not https, or switched off) or "failed"
//
// Offline: after the first frame, boot.js registers sw.js (written by
// internal/site with every build). From the next load on, the page, the wasm
// and any link open without a network; a new build is picked up by the
// next load with a network, and the page says so in a small notice.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const loading = $("boot");
  const statusText = $("boot-status");
  const bar = $("boot-progress");
  const bytesText = $("boot-bytes");

  const CANNOT_START = "The sandbox could not start";
  const STOPPED = "The sandbox stopped";
  const RELOAD = "Reload the page to start again.";
  // UPDATED is the notice after an update, in the languages of the game
  // (the link's &lang=, as the game reads it), shown for NOTICE_MS.
  const UPDATED = {
    bg: "Обновено до най-новата версия",
    cs: "Aktualizováno na nejnovější verzi",
    da: "Opdateret til den nyeste version",
    de: "Auf die neueste Version aktualisiert",
    el: "Ενημερώθηκε στη νεότερη έκδοση",
    en: "Updated to the newest version",
    es: "Actualizado a la versión más reciente",
    et: "Uuendatud uusimale versioonile",
    fi: "Päivitetty uusimpaan versioon",
    fr: "Mis à jour vers la dernière version",
    ga: "Nuashonraithe go dtí an leagan is déanaí",
    hr: "Ažurirano na najnoviju verziju",
    hu: "Frissítve a legújabb verzióra",
    it: "Aggiornato all'ultima versione",
    lt: "Atnaujinta į naujausią versiją",
    lv: "Atjaunināts uz jaunāko versiju",
    mt: "Aġġornat għall-aħħar verżjoni",
    nl: "Bijgewerkt naar de nieuwste versie",
    pl: "Zaktualizowano do najnowszej wersji",
    pt: "Atualizado para a versão mais recente",
    ro: "Actualizat la cea mai nouă versiune",
    sk: "Aktualizované na najnovšiu verziu",
    sl: "Posodobljeno na najnovejšo različico",
    sv: "Uppdaterad till den senaste versionen",
  };
  const NOTICE_MS = 8000;

  let output = "";
  const OUTPUT_LIMIT = 8000;

  const boot = {
    phase: "starting",
    manifest: null,
    bytesLoaded: 0,
    bytesTotal: 0,
    firstFrameMs: null,
    canvasFillsSkipped: 0,
    emptyCopiesSkipped: 0,
    partialPresent: false,
    marks: {},
    error: null,
    exitCode: null,
    build: null,
    updatedFrom: null,
    worker: null,
    pixelRatio: null,
    ready,
    ensembleWorker,
    fail(message, details) {
      showError(title(), String(message), details === undefined ? "" : String(details));
    },
    output: () => output,
  };
  window.gigasimBoot = boot;

  // BootError is a failure with a message for people; details are for a bug report.
  class BootError extends Error {
    constructor(title, message, details) {
      super(message);
      this.title = title;
      this.details = details;
    }
  }

  // canvasKept: the canvas's context keeps its pixels between frames;
  // fillsDropped: the black fill under the page's copy is dropped. With both
  // (boot.partialPresent), the game copies to the canvas only what changed
  // (game/damage.go, DrawFinalScreen), so the next frame's fill must never
  // be drawn: it would black out the rest.
  let canvasKept = false;
  let fillsDropped = true;
  // pageGL is the page's WebGL context (see singleSampledWebGL), or null.
  let pageGL = null;

  singleSampledWebGL();
  noBlackFillUnderTheCopy();

  window.addEventListener("error", (e) => {
    showError(title(), `Something went wrong in the page. ${RELOAD}`, describe(e.error ?? e.message));
  });
  window.addEventListener("unhandledrejection", (e) => {
    showError(title(), `Something went wrong in the page. ${RELOAD}`, describe(e.reason));
  });
  $("boot-reload").addEventListener("click", () => location.reload());
  // Safari (a Mac's trackpad, iPhones and iPads) sends pinches as its own
  // gesture events, not as the touch and wheel events Ebitengine cancels on
  // its canvas: without this a pinch on the map would zoom the whole page.
  for (const type of ["gesturestart", "gesturechange", "gestureend"]) {
    document.addEventListener(type, (e) => e.preventDefault(), { passive: false });
  }

  start().catch((err) => {
    if (err instanceof BootError) {
      showError(err.title, err.message, err.details);
    } else {
      showError(title(), `Something unexpected went wrong. ${RELOAD}`, describe(err));
    }
  });

  // ensemblePolicy passes ensemble.js, and only it, as a worker's script
  // (the page's CSP wants Trusted Types for script URLs).
  let ensemblePolicy = null;

  // ensembleWorker starts ensemble.js and tells it the model-only wasm of
  // this build; null if the build has none or workers are not allowed.
  function ensembleWorker() {
    const m = boot.manifest;
    if (!m || typeof m.ensemble !== "string" || typeof Worker !== "function") {
      return null;
    }
    try {
      let url = new URL("ensemble.js", document.baseURI).href;
      if (window.trustedTypes) {
        const expected = url;
        ensemblePolicy = ensemblePolicy || trustedTypes.createPolicy("gigasim-ensemble", {
          createScriptURL: (u) => {
            if (u !== expected) {
              throw new TypeError("gigasim-ensemble: not the page's ensemble worker: " + u);
            }
            return u;
          },
        });
        url = ensemblePolicy.createScriptURL(url);
      }
      const w = new Worker(url);
      w.postMessage({ wasm: new URL(m.ensemble, document.baseURI).href });
      return w;
    } catch (err) {
      console.warn("The ranges will run in the page's own thread: no ensemble worker.", describe(err));
      return null;
    }
  }

  async function start() {
    if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
      throw new BootError("This browser cannot run the sandbox",
        "The sandbox needs WebAssembly, which this browser does not have or has switched off. " +
        "Use a recent Chrome, Edge, Firefox or Safari. On a managed computer, ask your IT team " +
        "to allow WebAssembly for this site.", "typeof WebAssembly: " + typeof WebAssembly);
    }
    if (typeof Go !== "function") {
      throw new BootError(CANNOT_START,
        "Part of the page (wasm_exec.js) did not load. Check your internet connection and reload the page.",
        "window.Go is " + typeof Go);
    }
    statusText.hidden = false;
    setPhase("manifest", "Loading…");
    const manifest = await fetchManifest();
    boot.manifest = manifest;
    boot.build = typeof manifest.build === "string" ? manifest.build : null;
    boot.bytesTotal = manifest.size;

    setPhase("download", `Downloading the sandbox (${mb(manifest.size)})…`);
    bar.hidden = false;
    bytesText.hidden = false;
    progress();
    const go = new Go();
    go.exit = (code) => { boot.exitCode = code; };
    captureOutput();
    const instance = await compile(await fetchWasm(manifest), go.importObject);

    setPhase("start", "Starting the simulation…");
    capPixelRatio();
    setTimeout(() => {
      if (boot.phase === "start") {
        statusText.textContent = "Still starting… this can take a minute on a slower computer.";
      }
    }, 15000);
    go.run(instance).then(exited, (err) => {
      showError(title(), `The sandbox hit an internal error. ${RELOAD}`, describe(err));
    });
  }

  // MAX_TOUCH_PIXEL_RATIO is the most device pixels per CSS pixel the page
  // renders at on a touch-first screen (a phone or tablet).
  const MAX_TOUCH_PIXEL_RATIO = 2;

  // capPixelRatio makes a phone at 3× render at 2× (the browser scales the
  // canvas up to the screen), before the Go program starts. Ebitengine
  // (v2.10.4, internal/ui/ui_js.go, Monitor.DeviceScaleFactor) reads
  // window.devicePixelRatio once and keeps it: the canvas's drawing buffer
  // is the window's CSS size times it, and the game lays out and draws
  // text at that scale (game.LayoutF), and maps touches back with it, so
  // all of these agree. At 3× a 390×844 phone has a 1170×2532 canvas,
  // 2.25 times the pixels of 2×, for text that is no easier to read at
  // arm's length: every full-screen pass, the map's rasterising and, in a
  // browser without a GPU, the copy of the canvas to the screen cost 2.25×
  // as much (docs/performance.md, "Phone-class speed"). Screens with a
  // fine pointer (desktops, laptops, whatever their pixel ratio) and
  // touch screens at 2× or less are left as they are.
  // boot.pixelRatio says what was done: {device, used}.
  function capPixelRatio() {
    const device = window.devicePixelRatio;
    boot.pixelRatio = { device, used: device };
    if (!(device > MAX_TOUCH_PIXEL_RATIO) || typeof window.matchMedia !== "function" ||
        !window.matchMedia("(pointer: coarse)").matches) {
      return;
    }
    try {
      Object.defineProperty(window, "devicePixelRatio", {
        configurable: true,
        enumerable: true,
        get: () => MAX_TOUCH_PIXEL_RATIO,
      });
    } catch {
      return; // the browser keeps its own: the page renders at full resolution
    }
    boot.pixelRatio.used = window.devicePixelRatio;
  }

  // singleSampledWebGL makes the page's WebGL canvas single-sampled, and
  // keeping its pixels from one frame to the next (preserveDrawingBuffer),
  // so that the game can copy to it only what changed.
  // Ebitengine asks for a WebGL2 context without saying antialias, and the
  // default is a multisampled canvas. Ebitengine draws the page into its
  // own image and copies it to the canvas pixel for pixel, so multisampling
  // changes no pixel; but without a GPU (SwiftShader, on school laptops and
  // in CI) resolving the samples costs about a quarter of every frame:
  // measured 29 → 40 frames a second for a page that only fills its screen,
  // and 25 → 34 for the sandbox (docs/performance.md).
  function singleSampledWebGL() {
    const proto = window.HTMLCanvasElement && HTMLCanvasElement.prototype;
    if (!proto || typeof proto.getContext !== "function") {
      return;
    }
    const getContext = proto.getContext;
    proto.getContext = function (type, attributes) {
      if (type !== "webgl2" && type !== "webgl") {
        return getContext.call(this, type, attributes);
      }
      // preserveDrawingBuffer: the canvas keeps last frame's pixels, so the
      // page need only copy what changed (see noBlackFillUnderTheCopy)
      attributes = Object.assign({}, attributes, { antialias: false, preserveDrawingBuffer: true });
      const context = getContext.call(this, type, attributes);
      pageGL = context;
      if (context && typeof context.getContextAttributes === "function") {
        const got = context.getContextAttributes();
        canvasKept = Boolean(got && got.preserveDrawingBuffer);
        boot.partialPresent = canvasKept && fillsDropped;
      }
      return context;
    };
  }

  // noBlackFillUnderTheCopy drops a redundant full-screen pass. To
  // present a frame, Ebitengine (v2.10.4, internal/ui/context.go, drawGame)
  // first fills the whole canvas black, then copies its image onto it: two
  // draws on the canvas's own framebuffer, in that order, after the frame's
  // other draws and before the gl.flush that ends the frame. The page paints
  // every pixel opaquely, so the fill changes no pixel; without a GPU it
  // costs as much as a full copy (about 12 ms of SwiftShader time a frame,
  // measured with a Chrome trace; the baseline playing at a year a second
  // went from 47–50 to 56–59 frames a second). So the first draw on the
  // canvas after each flush is dropped. Should a frame ever draw on the
  // canvas only once (an Ebitengine that presents differently), that draw
  // was the picture: dropping stops for good, and so does copying only what
  // changed (boot.partialPresent), so the next frames are whole again.
  // boot.canvasFillsSkipped counts the dropped fills (TestOnlyChangesAreDrawn
  // checks that there are some, and that the page is drawn right).
  //
  // A present that changes nothing is dropped whole as well. Ebitengine
  // presents for four more frames after each frame the page drew, and
  // DrawFinalScreen then copies a single pixel (nothing changed since the
  // last copy). That changes no pixel, but any draw on a WebGL canvas makes
  // the browser composite the page again: in WebKitGTK without a GPU that
  // is 25–29 ms of software OpenGL (llvmpipe) CPU time a frame, and an
  // animation that touches one pixel of its canvas in every frame runs at
  // 21–36 frames a second there (docs/performance.md, "Firefox and
  // WebKit"). So when
  // nothing but the fill and one quad was drawn since the last present (no
  // draw on any other framebuffer, no texture upload: the page's image
  // cannot have changed), that quad is dropped too and the canvas, which
  // keeps its pixels, is left alone. boot.emptyCopiesSkipped counts them.
  function noBlackFillUnderTheCopy() {
    const GL = window.WebGL2RenderingContext;
    if (!GL) {
      fillsDropped = false;
      return;
    }
    let onCanvas = true; // the canvas's own framebuffer (null or undefined) is bound
    let canvasDraws = 0; // since the last flush
    let changed = true; // something was drawn or uploaded since the last present
    for (const name of ["texSubImage2D", "texImage2D"]) {
      const upload = GL.prototype[name];
      GL.prototype[name] = function (...args) {
        changed = true;
        return upload.apply(this, args);
      };
    }
    const bindFramebuffer = GL.prototype.bindFramebuffer;
    GL.prototype.bindFramebuffer = function (target, framebuffer) {
      if (target === this.FRAMEBUFFER || target === this.DRAW_FRAMEBUFFER) {
        onCanvas = framebuffer == null; // Ebitengine passes undefined
      }
      return bindFramebuffer.call(this, target, framebuffer);
    };
    const drawElements = GL.prototype.drawElements;
    GL.prototype.drawElements = function (...args) {
      if (!onCanvas) {
        changed = true;
      } else if (fillsDropped) {
        const n = canvasDraws++;
        if (n === 0) {
          boot.canvasFillsSkipped++;
          return undefined;
        }
        // args[1]: the count of indices; one quad is 6
        if (n === 1 && !changed && boot.partialPresent && args[1] === 6) {
          boot.emptyCopiesSkipped++;
          return undefined;
        }
      }
      return drawElements.apply(this, args);
    };
    const flush = GL.prototype.flush;
    GL.prototype.flush = function () {
      if (canvasDraws === 1 && fillsDropped) {
        // that was no fill: draw everything from now on
        fillsDropped = false;
        boot.partialPresent = false;
        boot.canvasFillsSkipped--;
      }
      if (canvasDraws > 0) {
        changed = false; // presented
      }
      canvasDraws = 0;
      return flush.call(this);
    };
  }

  function ready() {
    if (boot.firstFrameMs !== null) {
      return;
    }
    boot.firstFrameMs = performance.now();
    if (boot.phase === "error") {
      return; // keep the error on screen
    }
    boot.phase = "running";
    boot.marks.running = boot.firstFrameMs;
    loading.setAttribute("aria-busy", "false");
    loading.hidden = true;
    // ready() runs while the frame is being drawn; two animation frames
    // later it has been on screen: marks.painted is when users saw it.
    requestAnimationFrame(() => requestAnimationFrame(() => {
      boot.marks.painted = performance.now();
    }));
    // Once the program has handed the first frame to WebGL (the task that
    // called ready() has ended), have the browser start drawing it. Without
    // this, Chromium's ANGLE records the frame's commands and a software
    // GPU (SwiftShader) runs them only when the frame is composited, after
    // the next animation frame's work: the two then add up instead of
    // running side by side.
    setTimeout(() => {
      if (pageGL && typeof pageGL.flush === "function") {
        pageGL.flush();
      }
    }, 0);
    noticeUpdate();
    registerWorker();
    window.dispatchEvent(new Event("gigasim:ready"));
  }

  // noticeUpdate remembers, for this copy of the page (its directory), the
  // build that ran last in this browser; if that was another, it says for a
  // few seconds that the page was updated.
  function noticeUpdate() {
    if (boot.build === null) {
      return;
    }
    const key = "gigasim build " + new URL(".", document.baseURI).pathname;
    let last;
    try {
      last = localStorage.getItem(key);
      localStorage.setItem(key, boot.build);
    } catch {
      return; // no storage (switched off, or a private window that refuses it)
    }
    if (last === null || last === boot.build) {
      return;
    }
    boot.updatedFrom = last;
    // The link's language, else the browser's first the page speaks, as
    // the game chooses.
    let lang = new URLSearchParams(location.hash.slice(1)).get("lang");
    if (!Object.hasOwn(UPDATED, lang)) {
      lang = (navigator.languages || []).map((l) => l.toLowerCase().split("-")[0]).find((l) => Object.hasOwn(UPDATED, l)) || "en";
    }
    const notice = $("boot-notice");
    notice.textContent = UPDATED[lang];
    notice.lang = lang;
    notice.hidden = false;
    setTimeout(() => { notice.hidden = true; }, NOTICE_MS);
  }

  // registerWorker registers the service worker, sw.js, once the page
  // runs, so that it does not compete with the wasm's download (it fetches
  // the same files, mostly from the browser's cache). Without it the page
  // works as before, online only: a failure is a warning, not an error.
  function registerWorker() {
    const container = navigator.serviceWorker;
    if (!container || !window.isSecureContext) {
      boot.worker = "unavailable";
      return;
    }
    boot.worker = "registering";
    const failed = (err) => {
      boot.worker = "failed";
      console.warn("The sandbox will not work offline: its service worker could not be registered.", describe(err));
    };
    // ready() runs inside the Go program's frame: nothing here may throw.
    try {
      let url = new URL("sw.js", document.baseURI).href;
      if (window.trustedTypes) {
        // The page's CSP requires Trusted Types for script URLs; this
        // policy, the only one it allows, passes exactly this one.
        const expected = url;
        url = trustedTypes.createPolicy("gigasim-worker", {
          createScriptURL: (u) => {
            if (u !== expected) {
              throw new TypeError("gigasim-worker: not the page's service worker: " + u);
            }
            return u;
          },
        }).createScriptURL(url);
      }
      container.register(url).then(() => { boot.worker = "registered"; }, failed);
    } catch (err) {
      failed(err);
    }
  }

  async function fetchManifest() {
    const name = "manifest.json";
    let resp;
    try {
      // Revalidate: it names the current build.
      resp = await fetch(new URL(name, document.baseURI), { cache: "no-cache" });
    } catch (err) {
      throw downloadError(name, describe(err));
    }
    if (!resp.ok) {
      throw httpError(name, resp);
    }
    let m;
    try {
      m = await resp.json();
    } catch (err) {
      throw damaged(`${name}: ${describe(err)}`);
    }
    if (typeof m.wasm !== "string" || !(m.size > 0)) {
      throw damaged(`${name}: no wasm file or size in ${JSON.stringify(m)}`);
    }
    return m;
  }

  // fetchWasm starts the download and returns a Response whose body counts
  // the bytes as the compiler reads them (uncompressed, whatever the
  // Content-Encoding), or the bytes when this browser has no streams.
  async function fetchWasm(m) {
    let resp;
    try {
      resp = await fetch(new URL(m.wasm, document.baseURI));
    } catch (err) {
      throw downloadError(m.wasm, describe(err));
    }
    if (!resp.ok) {
      throw httpError(m.wasm, resp);
    }
    if (!resp.body || typeof TransformStream !== "function") {
      const bytes = await resp.arrayBuffer();
      boot.bytesLoaded = bytes.byteLength;
      progress();
      return bytes;
    }
    const counted = resp.body.pipeThrough(new TransformStream({
      transform(chunk, controller) {
        boot.bytesLoaded += chunk.byteLength;
        progress();
        controller.enqueue(chunk);
      },
      flush() {
        setPhase("compile", "Preparing the simulation…");
      },
    }));
    // A fresh Response with the right type, so instantiateStreaming works
    // even where the host sends .wasm with another Content-Type.
    return new Response(counted, { headers: { "Content-Type": "application/wasm" } });
  }

  async function compile(source, imports) {
    try {
      if (source instanceof Response) {
        if (typeof WebAssembly.instantiateStreaming === "function") {
          return (await WebAssembly.instantiateStreaming(source, imports)).instance;
        }
        source = await source.arrayBuffer();
      }
      return (await WebAssembly.instantiate(source, imports)).instance;
    } catch (err) {
      const what = `${describe(err)}\nreceived ${boot.bytesLoaded} of ${boot.bytesTotal} bytes of ${boot.manifest.wasm}`;
      if (boot.bytesLoaded < boot.bytesTotal) {
        throw downloadError(boot.manifest.wasm, "interrupted: " + what);
      }
      if (/Content Security Policy|unsafe-eval/i.test(String(err))) {
        throw new BootError(CANNOT_START,
          "This browser's security settings do not allow WebAssembly on this page. " +
          "On a managed computer, ask your IT team to allow WebAssembly for this site.", what);
      }
      throw damaged(what);
    }
  }

  function exited() {
    const code = boot.exitCode;
    if (code === 0 || code === null) {
      showError(STOPPED, `The sandbox program ended. ${RELOAD}`, "exit code " + code);
    } else {
      showError(STOPPED,
        `The sandbox hit an internal error and stopped. ${RELOAD} If it happens again, ` +
        "please report it with the technical details below.", "exit code " + code);
    }
  }

  // captureOutput keeps the tail of what the Go program prints (a panic's
  // message and stack) for the error screen. It still goes to the console.
  function captureOutput() {
    const fs = globalThis.fs;
    if (!fs || typeof fs.writeSync !== "function" || fs.writeSync.captured) {
      return;
    }
    const write = fs.writeSync;
    const decoder = new TextDecoder();
    fs.writeSync = function (fd, buf) {
      output = (output + decoder.decode(buf, { stream: true })).slice(-OUTPUT_LIMIT);
      return write.call(this, fd, buf);
    };
    fs.writeSync.captured = true;
  }

  function showError(heading, message, details) {
    if (boot.error !== null) {
      return; // the first error is the cause; later ones follow from it
    }
    boot.error = message;
    boot.phase = "error";
    boot.marks.error = performance.now();
    $("boot-error-title").textContent = heading;
    $("boot-error-text").textContent = message;
    const tail = output.trim();
    $("boot-error-details").textContent = [
      details,
      tail && "Program output:\n" + tail,
      "Browser: " + navigator.userAgent,
    ].filter(Boolean).join("\n\n");
    loading.hidden = true;
    $("boot-error").hidden = false;
    $("boot-reload").focus();
  }

  function title() {
    return boot.phase === "running" ? STOPPED : CANNOT_START;
  }

  function setPhase(phase, text) {
    if (boot.phase === "error") {
      return;
    }
    boot.phase = phase;
    boot.marks[phase] = performance.now();
    statusText.textContent = text;
  }

  // progress moves the bar and the byte count. The status line, a live
  // region, is left alone, so screen readers hear the phases, not every chunk.
  function progress() {
    const total = boot.bytesTotal;
    const n = Math.min(boot.bytesLoaded, total);
    const text = `${mb(n)} of ${mb(total)}`;
    bar.max = total;
    bar.value = n;
    bar.setAttribute("aria-valuetext", text);
    bytesText.textContent = text;
  }

  // downloadError is a failed or interrupted connection.
  function downloadError(what, cause) {
    return new BootError(CANNOT_START,
      "The sandbox could not be downloaded. Check your internet connection and reload the page.",
      `${what}: ${cause}`);
  }

  // httpError is the server refusing a file: not the user's connection's fault.
  function httpError(what, resp) {
    return new BootError(CANNOT_START,
      `The sandbox could not be downloaded (the web server answered with error ${resp.status}). Reload ` +
      "the page; if that does not help, the site may be in the middle of an update: try again in a few minutes.",
      `${what}: HTTP ${resp.status} ${resp.statusText}`);
  }

  function damaged(details) {
    return new BootError(CANNOT_START,
      "The sandbox was downloaded but is damaged or does not match this page. Reload the page; " +
      "if that does not help, the site may be in the middle of an update: try again in a few minutes.",
      details);
  }

  function describe(err) {
    if (err instanceof Error) {
      return err.stack && err.stack.includes(err.message) ? err.stack : `${err.name}: ${err.message}`;
    }
    return String(err);
  }

  function mb(bytes) {
    return (bytes / 1e6).toFixed(1) + " MB";
  }
})();
