// Package enginetest tries the Gigafactory Sandbox page in the browser
// engines other than Chromium that students have: Firefox (many school
// laptops) and WebKit (every browser on an iPhone or iPad). Each test builds
// the site with package gigasandbox/internal/site, serves it, opens it in a real
// browser window on its own Xvfb display and does what a new user does: tap
// or click a member state, press Build, press play, pause. The page's state
// hash must then be that of the page's own scenario replayed in Go, bit for
// bit, and the frame rate while playing is logged (docs/performance.md).
//
//   - TestFirefox drives Debian's firefox-esr with npm's puppeteer-core
//     (pinned in package.json here; `npm ci` in this folder) over WebDriver
//     BiDi, through firefox.mjs. Headful: headless Firefox has no WebGL.
//   - TestWebKit drives Debian's webkit2gtk-driver (WebKitWebDriver and its
//     MiniBrowser) with plain W3C WebDriver over HTTP, spoken here in Go.
//
// The tests are plain `go test` tests. Without Xvfb, a browser or the npm
// folder they skip, saying how to install what is missing; with CI set (as
// .ci/run runs in CI, which installs them) they fail instead. `go test
// -short` skips them. Screenshots go to $GIGASIM_ARTEFACTS, or to
// gigasim-enginetest in the temporary directory.
package enginetest
