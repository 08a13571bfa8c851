//go:build !js

package browsertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"gigasandbox/internal/site"
)

// host is a web server whose site a test can replace (a new build at the
// same address) and stop (the network is gone).
type host struct {
	srv     *httptest.Server
	handler atomic.Pointer[http.Handler]
	URL     string // ends in /
}

// startHost serves h until stop or the end of the test.
func startHost(t *testing.T, h http.Handler) *host {
	t.Helper()
	hs := &host{}
	hs.handler.Store(&h)
	hs.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		(*hs.handler.Load()).ServeHTTP(w, r)
	}))
	t.Cleanup(hs.srv.Close)
	hs.URL = hs.srv.URL + "/"
	return hs
}

// replace serves h from now on.
func (hs *host) replace(h http.Handler) { hs.handler.Store(&h) }

// stop closes the server and its connections, and checks that nothing
// answers at its address any more.
func (hs *host) stop(t *testing.T) {
	t.Helper()
	hs.srv.Close()
	if res, err := http.Get(hs.URL); err == nil {
		res.Body.Close()
		t.Fatalf("GET %s after stopping the server: %s, want no answer", hs.URL, res.Status)
	}
}

// offlineState is what the page says about its service worker and cache.
type offlineState struct {
	Controlled bool     `json:"controlled"` // a service worker serves the page
	Caches     []string `json:"caches"`     // the origin's cache names
	Cached     []string `json:"cached"`     // the addresses in the first cache
	Worker     string   `json:"worker"`     // gigasimBoot.worker
	Build      string   `json:"build"`      // gigasimBoot.build
	Updated    *string  `json:"updatedFrom"`
	Notice     string   `json:"notice"` // the update notice's text, if shown
	NoticeLang string   `json:"noticeLang"`
}

const offlineStateJS = `(async () => {
  const names = await caches.keys();
  const cached = names.length ? (await (await caches.open(names[0])).keys()).map((r) => r.url).sort() : [];
  const n = document.getElementById("boot-notice");
  const shown = n.getClientRects().length > 0;
  return {controlled: navigator.serviceWorker.controller !== null, caches: names, cached,
    worker: gigasimBoot.worker || "", build: gigasimBoot.build || "", updatedFrom: gigasimBoot.updatedFrom,
    notice: shown ? n.textContent : "", noticeLang: shown ? n.lang : ""};
})()`

func offlineStateOf(p *page) offlineState { return evalJS[offlineState](p, offlineStateJS) }

// cacheName is the cache that sw.js fills for a build served at url.
func cacheName(url string, s *site.Site) string { return "gigasim " + url + " " + s.Manifest.Build }

// cachedAddresses is what that cache should hold: every file of the site
// but the worker itself, the page under the site's own address.
func cachedAddresses(url string, s *site.Site) []string {
	var want []string
	for _, name := range s.Files() {
		switch name {
		case site.WorkerName:
		case "index.html":
			want = append(want, url)
		default:
			want = append(want, url+name)
		}
	}
	slices.Sort(want)
	return want
}

// waitOffline waits until the service worker serves the page, which it
// does once it has cached the whole build, and checks the cache.
func (p *page) waitOffline(url string, s *site.Site) offlineState {
	p.t.Helper()
	p.waitJS("navigator.serviceWorker.controller !== null", 30*time.Second, "the service worker to cache the page and take it over")
	st := offlineStateOf(p)
	if want := []string{cacheName(url, s)}; !slices.Equal(st.Caches, want) {
		p.t.Errorf("caches %q, want %q", st.Caches, want)
	}
	if want := cachedAddresses(url, s); !slices.Equal(st.Cached, want) {
		p.t.Errorf("cached:\n%q\nwant:\n%q", st.Cached, want)
	}
	if st.Worker != "registered" {
		p.t.Errorf("gigasimBoot.worker = %q, want registered", st.Worker)
	}
	return st
}

// waitPromise is waitJS for an expression whose value is a promise: it
// polls every 50 ms until the promise resolves to a truthy value.
func (p *page) waitPromise(expr string, timeout time.Duration, what string) {
	p.t.Helper()
	for deadline := time.Now().Add(timeout); !evalJS[bool](p, "Promise.resolve("+expr+").then(Boolean)"); {
		if time.Now().After(deadline) {
			p.t.Fatalf("waiting for %s (%s): still false after %v", what, expr, timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// orNull is *s, or null.
func orNull(s *string) string {
	if s == nil {
		return "null"
	}
	return *s
}

// reload reloads the tab and waits for the new document's load event.
func (p *page) reload() {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, chromedp.Reload()); err != nil {
		p.t.Fatalf("reloading: %v", err)
	}
}

// hang answers no request: a network that drops without saying so.
type hang struct{}

func (hang) ServeHTTP(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }

// TestOfflineReload opens the sandbox once, from the dev server and from a
// static export behind a plain file server, makes a run, stops the server
// (or keeps every request waiting) and reloads: the page opens from the service worker's cache, at the same
// run, and so does the run's link in a new tab.
func TestOfflineReload(t *testing.T) {
	s := buildSite(t, "./wasm")
	tests := []struct {
		name    string
		handler func(t *testing.T) http.Handler
		hang    bool // the network keeps every request waiting instead of failing
	}{
		{"dev server", func(*testing.T) http.Handler { return s }, false},
		{"static export", func(t *testing.T) http.Handler { return http.FileServer(http.Dir(exportSite(t, s))) }, false},
		{"a network that hangs", func(*testing.T) http.Handler { return s }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := startHost(t, tt.handler(t))
			b := startBrowser(t)
			p := b.newPage().navigate(hs.URL + "#preset=grid-crunch")
			p.waitGame()
			start := time.Now()
			p.waitOffline(hs.URL, s)
			t.Logf("the service worker cached the page %v after the first frame", time.Since(start).Round(time.Millisecond))

			sent := evalJS[linkStatus](p, "window.gigasim.runTo(40)")
			addr := evalJS[string](p, "window.gigasim.link()")
			if !strings.HasPrefix(addr, hs.URL+"#s=") {
				t.Fatalf("link() = %q, want %s#s=...", addr, hs.URL)
			}
			p.waitJS("location.href === "+jsString(addr), 5*time.Second, "the address bar to hold the run")

			if tt.hang {
				hs.replace(hang{})
			} else {
				hs.stop(t)
			}
			opens := []struct {
				how  string
				open func() *page
			}{
				{"reload", func() *page { p.reload(); return p }},
				{"the link in a new tab", func() *page {
					p.navigate("about:blank") // the first tab's game would slow the second's
					return b.newPage().navigate(addr)
				}},
			}
			for _, o := range opens {
				start := time.Now()
				q := o.open()
				q.waitGame()
				q.waitJS("window.gigasim.status().day === 40 && !window.gigasim.status().seeking", 30*time.Second, "the run at day 40")
				got := linkStatusOf(q)
				// (a link on an older release than the newest offers the newest beside it)
				if got.Scenario != sent.Scenario || got.StateHash != sent.StateHash || (got.Banner != "" && !strings.Contains(got.Banner, "A newer release exists")) {
					t.Errorf("offline, %s: scenario %q, state %s, banner %q; want %q, %s, no banner",
						o.how, got.Scenario, got.StateHash, got.Banner, sent.Scenario, sent.StateHash)
				}
				if st := offlineStateOf(q); !st.Controlled || st.Build != s.Manifest.Build || st.Updated != nil {
					t.Errorf("offline, %s: %+v, want the page served by the worker, build %s, no update", o.how, st, s.Manifest.Build)
				}
				t.Logf("offline, %s: the run at day 40 in %v", o.how, time.Since(start).Round(time.Millisecond))
				q.screenshot("offline-" + strings.ReplaceAll(o.how, " ", "-"))
			}
		})
	}
}

// TestOfflineUpdate serves one build, then a new one at the same address:
// the next load runs the new build and says so, in the link's language;
// the new build's cache replaces the old; offline, the new build opens.
func TestOfflineUpdate(t *testing.T) {
	old, cur := buildSite(t, fixture), buildSite(t, "./wasm")
	if old.Manifest.Build == cur.Manifest.Build {
		t.Fatalf("two programs have the same build %s", old.Manifest.Build)
	}
	tests := []struct {
		name, fragment, want, lang string
	}{
		{"English", "", "Updated to the newest version", "en"},
		{"a French link", "#preset=grid-crunch&lang=fr", "Mis à jour vers la dernière version", "fr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := startHost(t, old)
			p := startBrowser(t).newPage().navigate(hs.URL + tt.fragment)
			p.waitReady(bootTimeout)
			if st := p.waitOffline(hs.URL, old); st.Updated != nil || st.Notice != "" {
				t.Errorf("first visit: updated from %s, notice %q; want neither", orNull(st.Updated), st.Notice)
			}

			hs.replace(cur)
			p.reload()
			p.waitGame()
			st := offlineStateOf(p)
			if st.Build != cur.Manifest.Build || st.Updated == nil || *st.Updated != old.Manifest.Build {
				t.Errorf("after the update: build %s, updated from %s; want %s from %s", st.Build, orNull(st.Updated), cur.Manifest.Build, old.Manifest.Build)
			}
			if st.Notice != tt.want || st.NoticeLang != tt.lang {
				t.Errorf("after the update: notice %q (lang %q), want %q (%s)", st.Notice, st.NoticeLang, tt.want, tt.lang)
			}
			p.screenshot("updated")
			p.waitPromise(fmt.Sprintf("caches.keys().then((k) => k.length === 1 && k[0] === %s)", jsString(cacheName(hs.URL, cur))),
				30*time.Second, "the new build's cache to replace the old")
			p.waitOffline(hs.URL, cur)

			hs.stop(t)
			p.reload()
			p.waitGame()
			if st := offlineStateOf(p); st.Build != cur.Manifest.Build || st.Updated != nil || st.Notice != "" {
				t.Errorf("offline after the update: build %s, updated from %s, notice %q; want %s, no update, no notice",
					st.Build, orNull(st.Updated), st.Notice, cur.Manifest.Build)
			}
		})
	}
}
