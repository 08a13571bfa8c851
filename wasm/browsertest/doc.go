// Package browsertest holds the browser tests of the Gigafactory Sandbox
// page: they build the site with package gigasandbox/internal/site, serve it,
// drive Debian's headless Chromium (/usr/bin/chromium, or $GIGASIM_CHROMIUM)
// with chromedp, and fail on any console error, uncaught exception or
// Content-Security-Policy violation.
//
// The tests are plain `go test` tests, so `go test ./...` runs them; when
// Chromium is missing they fail and say how to install it
// (apt-get install -y chromium). `go test -short` skips them. Screenshots go
// to $GIGASIM_ARTEFACTS, or to gigasim-browsertest in the temporary directory.
//
// The package has no code outside its tests: the harness (startBrowser,
// openPage, evalJS, waitJS, screenshot, ...) is in harness_test.go, for
// game-specific tests to build on.
package browsertest
