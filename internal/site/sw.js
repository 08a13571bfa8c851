// sw.js, the service worker of the Gigafactory Sandbox: once the page has
// been opened, it opens again without a network, with any link (a link is
// the address's #fragment, which never leaves the browser). boot.js
// registers it after the first frame.
//
// internal/site writes the build into BUILD with every build ({build, wasm,
// files}: Manifest.Build, the content-hashed wasm, and every file of the
// page but this one), so a new build is a new worker: the browser installs
// it the next time the page loads with a network, and it replaces the old
// build's cache.
//
//   install   fetch every file of the build into the cache
//             "gigasim <scope> <build>"; if manifest.json names another build
//             (the host is being updated), fail: the next load tries again
//   activate  delete this scope's caches of other builds, take over the
//             open pages
//   fetch     the page and its files: from the network, and from the cache
//             when the network fails or keeps them waiting (networkFirst);
//             the wasm, whose name changes with its
//             content, from the cache first. Anything else is left to the
//             browser.
"use strict";

const BUILD = __BUILD__;

const scope = self.registration.scope; // ends in "/"
const prefix = `gigasim ${scope} `; // copies at other paths of the origin keep their caches
const cacheName = prefix + BUILD.build;

// The page is cached under the scope's own address: static hosts may
// redirect index.html there (Go's http.FileServer does).
const address = (name) => new URL(name === "index.html" ? "./" : name, scope).href;

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(prefix) && name !== cacheName) {
        await caches.delete(name);
      }
    }
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || !req.url.startsWith(scope)) {
    return;
  }
  const name = new URL(req.url).pathname.slice(new URL(scope).pathname.length);
  if (req.mode === "navigate") {
    if (name === "" || name === "index.html") { // with any query; the fragment is not sent
      event.respondWith(networkFirst(req, address("index.html")));
    }
  } else if (name === BUILD.wasm) {
    event.respondWith(cacheFirst(req, address(name)));
  } else if (BUILD.files.includes(name)) {
    event.respondWith(networkFirst(req, address(name)));
  }
});

async function precache() {
  try {
    const responses = await Promise.all(BUILD.files.map(async (name) => {
      // Revalidated, but for the wasm: the browser's HTTP cache may still
      // hold an older build's page, but not an older wasm under this name.
      const resp = await fetch(address(name), { cache: name === BUILD.wasm ? "default" : "no-cache" });
      if (!resp.ok) {
        throw new Error(`${name}: HTTP ${resp.status}`);
      }
      if (resp.redirected) {
        // A redirected response may not answer a navigation: keep its content only.
        return new Response(await resp.blob(), { status: resp.status, statusText: resp.statusText, headers: resp.headers });
      }
      return resp;
    }));
    const manifest = await responses[BUILD.files.indexOf("manifest.json")].clone().json();
    if (manifest.build !== BUILD.build) {
      throw new Error(`manifest.json is of build ${manifest.build}, this worker of ${BUILD.build}: the site is being updated`);
    }
    const cache = await caches.open(cacheName);
    await Promise.all(responses.map((resp, i) => cache.put(address(BUILD.files[i]), resp)));
  } catch (err) {
    await caches.delete(cacheName); // no half-filled cache
    throw err;
  }
}

// A school's Wi-Fi that drops often leaves a request hanging rather than
// failing it. So a page file waits WAIT_MS for the network before its
// cached copy answers; and once the network has failed or kept a file
// waiting, the cache answers at once for DOWN_MS (the page's other files
// would wait in vain too).
const WAIT_MS = 3000;
const DOWN_MS = 30000;
let downUntil = 0;

async function networkFirst(req, key) {
  const cached = await caches.match(key, { cacheName });
  if (cached && Date.now() < downUntil) {
    return cached;
  }
  const network = fetch(req);
  network.catch(() => {}); // answered from the cache: its failure is no error
  let timer;
  const waited = new Promise((resolve) => { timer = setTimeout(resolve, WAIT_MS); });
  try {
    const resp = await (cached ? Promise.race([network, waited]) : network);
    if (resp) {
      return resp;
    }
    downUntil = Date.now() + DOWN_MS; // the network kept us waiting
    return cached;
  } catch (err) {
    downUntil = Date.now() + DOWN_MS;
    if (cached) {
      return cached;
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

async function cacheFirst(req, key) {
  return (await caches.match(key, { cacheName })) ?? fetch(req);
}
