// firefox.mjs is the Firefox half of TestFirefox (firefox_test.go): it starts
// Firefox with puppeteer-core, which speaks WebDriver BiDi to it, and then
// does what the Go test asks, one JSON request a line on stdin, one JSON
// answer a line on stdout:
//
//	{"op":"open","url":U}          load U and wait for its load event
//	{"op":"eval","expr":E}         -> {"value":V}: E evaluated in the page (a promise awaited)
//	{"op":"click","x":X,"y":Y}     a mouse click at (X, Y), CSS pixels of the viewport
//	{"op":"tap","x":X,"y":Y}       a touch tap there (each held for three frames)
//	{"op":"screenshot"}            -> {"value":"<the viewport as a base64 PNG>"}
//	{"op":"problems"}              -> {"value":[console errors and uncaught exceptions so far]}
//
// Every answer is {} or {"value":...}, or {"error":"..."} when the request
// failed. The first line out is {"version":"Firefox's version"}, once Firefox
// runs. Every console message goes to stderr. Firefox closes when stdin does.
//
// Usage: node firefox.mjs FIREFOX WIDTH HEIGHT (under an X server: headless
// Firefox has no WebGL).
import puppeteer from "puppeteer-core";
import { createInterface } from "node:readline";

const [executablePath, width, height] = process.argv.slice(2);
const viewport = { width: Number(width), height: Number(height) };

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath,
  headless: false,
  defaultViewport: null,
  args: [`--width=${viewport.width}`, `--height=${viewport.height + 100}`],
});
const page = (await browser.pages())[0] ?? (await browser.newPage());
await page.setViewport(viewport);

const problems = [];
page.on("console", (m) => {
  const line = `console.${m.type()}: ${m.text()}`;
  process.stderr.write(line + "\n");
  if (m.type() === "error" || m.type() === "assert") problems.push(line);
});
page.on("pageerror", (e) => {
  const line = `uncaught: ${e && e.stack ? e.stack : e}`;
  process.stderr.write(line + "\n");
  problems.push(line);
});

// frames waits for three animation frames of the page. A press lasts that
// long, as a finger's or a mouse button's does: the page reads its input
// once a frame, and a touch that began and ended between two frames would
// be lost.
const frames = () => page.evaluate(() => new Promise((done) => {
  let n = 3;
  const f = () => (--n <= 0 ? done() : requestAnimationFrame(f));
  requestAnimationFrame(f);
}));

const ops = {
  open: async (r) => void (await page.goto(r.url, { waitUntil: "load" })),
  eval: async (r) => page.evaluate(r.expr),
  click: async (r) => {
    await page.mouse.move(r.x, r.y);
    await page.mouse.down();
    await frames();
    await page.mouse.up();
  },
  tap: async (r) => {
    const touch = await page.touchscreen.touchStart(r.x, r.y);
    await frames();
    await touch.end();
  },
  screenshot: async () => page.screenshot({ encoding: "base64" }),
  problems: async () => problems.slice(),
};

const answer = (a) => process.stdout.write(JSON.stringify(a) + "\n");
answer({ version: await browser.version() });
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  try {
    const r = JSON.parse(line);
    const op = ops[r.op];
    if (!op) throw new Error(`unknown op ${JSON.stringify(r.op)}`);
    const value = await op(r);
    answer(value === undefined ? {} : { value });
  } catch (e) {
    answer({ error: String(e && e.message ? e.message : e) });
  }
}
await browser.close();
