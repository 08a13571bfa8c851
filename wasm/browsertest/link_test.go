//go:build !js

package browsertest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

type linkStatus struct {
	status
	Scenario string `json:"scenario"`
	Seeking  bool   `json:"seeking"`
	Banner   string `json:"banner"`
}

func linkStatusOf(p *page) linkStatus { return evalJS[linkStatus](p, "window.gigasim.status()") }

// TestLinkOpensTheSameRun: a link made in one browser opens in another
// browser, and in the CLI, at the same state hash on the same day.
func TestLinkOpensTheSameRun(t *testing.T) {
	s := buildSite(t, "./wasm")
	url := serve(t, s)
	a := openPage(t, url)
	a.waitGame()
	for _, cmd := range []string{
		`{"kind":"build","build":{"name":"Linked","state":"SE","chips":50000,"chip":"b200","start":"2026-01-01","lon":"18","lat":"60"}}`,
		`{"kind":"lever","lever":"voucher_share","value":"0.25"}`,
	} {
		if msg := evalJS[string](a, "window.gigasim.command("+jsString(cmd)+")"); msg != "" {
			t.Fatalf("command %s: %s", cmd, msg)
		}
	}
	sent := evalJS[linkStatus](a, "window.gigasim.runTo(45)")
	addr := evalJS[string](a, "window.gigasim.link()")
	if !strings.HasPrefix(addr, url) || !strings.Contains(addr, "#s=") {
		t.Fatalf("link() = %q, want %s#s=...", addr, url)
	}
	// the address bar follows the run
	a.waitJS("location.hash.startsWith('#s=')", 5*time.Second, "the address bar to hold the current run")
	t.Logf("link of %d characters: %s", len(addr), addr)

	b := startBrowser(t).newPage().navigate(addr)
	b.waitReady(bootTimeout)
	b.waitJS("window.gigasim && window.gigasim.status().day === 45 && !window.gigasim.status().seeking", 30*time.Second, "the linked run at day 45")
	got := linkStatusOf(b)
	if got.StateHash != sent.StateHash || got.Edits != 0 || got.Sites != sent.Sites {
		t.Fatalf("the link opened at hash %s with %d sites; the sender had %s with %d sites", got.StateHash, got.Sites, sent.StateHash, sent.Sites)
	}
	// The page starts on a preset of release 2026-11, so the link names
	// it, and the page offers the newest release beside it; nothing else.
	if got.Banner != "" && !strings.Contains(got.Banner, "A newer release exists") {
		t.Fatalf("a good link showed a banner: %q", got.Banner)
	}
	b.screenshot("opened")

	out, err := exec.Command("go", "run", "gigasandbox/cmd/gigasim", "run", "--link", addr, "--days", "45", "--hash").CombinedOutput()
	if err != nil {
		t.Fatalf("gigasim run --link: %v\n%s", err, out)
	}
	if h := strings.TrimSpace(string(out)); h != sent.StateHash {
		t.Fatalf("gigasim run --link --days 45 --hash printed %s, the page %s", h, sent.StateHash)
	}
}

// TestBadLinks: the page survives every malformed link of the corpus with
// a banner and a working default scenario — on boot and when opened later.
func TestBadLinks(t *testing.T) {
	files, err := filepath.Glob("../../testdata/links/bad/*.link")
	if err != nil || len(files) == 0 {
		t.Fatalf("no malformed links in testdata/links/bad: %v", err)
	}
	s := buildSite(t, "./wasm")
	url := serve(t, s)

	// on boot: a bad link in the address
	first, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	p := openPage(t, url+"#"+strings.TrimSpace(string(first)))
	p.waitGame()
	st := linkStatusOf(p)
	if st.Banner == "" || st.Scenario != "baseline" || st.Day != 0 {
		t.Fatalf("booting on %s: banner %q, scenario %q, day %d; want a banner and the baseline at day 0", filepath.Base(files[0]), st.Banner, st.Scenario, st.Day)
	}
	p.screenshot("bad-link-banner")

	// every other malformed link, opened as the page opens a link
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		frag := strings.TrimSpace(string(b))
		msg := evalJS[string](p, "window.gigasim.open("+jsString(frag)+")")
		st := linkStatusOf(p)
		if frag == "" { // no link at all: the default scenario, nothing to complain about
			if msg != "" || st.Scenario != "baseline" {
				t.Errorf("%s: error %q, scenario %q", filepath.Base(f), msg, st.Scenario)
			}
			continue
		}
		if msg == "" || st.Banner == "" || st.Scenario != "baseline" || st.Day != 0 {
			t.Errorf("%s: error %q, banner %q, scenario %q, day %d", filepath.Base(f), msg, st.Banner, st.Scenario, st.Day)
		}
	}
	// and the page still works: a good command applies, and the page draws it
	before := linkStatusOf(p).Frames
	if msg := evalJS[string](p, `window.gigasim.command('{"kind":"lever","lever":"ppa_share","value":"0.5"}')`); msg != "" {
		t.Fatalf("a good command after the bad links: %s", msg)
	}
	p.waitJS("window.gigasim.status().frames > "+strconv.FormatInt(before, 10), 10*time.Second, "a frame drawn after the bad links")
	t.Logf("%d malformed links: each gave a banner and the baseline", len(files))
}

// TestLinkWithACommandThatCannotRun: a link whose command cannot run on
// its day (here, a removal of a site that does not exist) opens the
// baseline with a banner that names the command, in the page's language,
// and a button that opens the link without it.
func TestLinkWithACommandThatCannotRun(t *testing.T) {
	b, err := os.ReadFile("../../testdata/links/bad/remove-missing-site.link")
	if err != nil {
		t.Fatal(err)
	}
	s := buildSite(t, "./wasm")
	p := openPage(t, serve(t, s)+"#"+strings.TrimSpace(string(b))+"&lang=fr")
	p.waitGame()
	st := linkStatusOf(p)
	for _, part := range []string{"n° 1", "une suppression le 01/01/2026", "Le site 99 n'existe pas"} {
		if !strings.Contains(st.Banner, part) {
			t.Errorf("banner %q, want it to contain %q", st.Banner, part)
		}
	}
	if st.Scenario != "baseline" {
		t.Errorf("the page shows %q before the user chooses, want the baseline", st.Scenario)
	}
	p.screenshot("bad-command-offer")
	pressWidget(t, p, "Ouvrir le lien sans elle")
	p.waitJS(`window.gigasim.status().scenario === "link"`, 10*time.Second, "the link opened without its command")
	if st := linkStatusOf(p); st.Banner != "" || st.Day != 0 {
		t.Errorf("after dropping the command: banner %q, day %d; want no banner, day 0", st.Banner, st.Day)
	}
	if sc := evalJS[string](p, "window.gigasim.scenario()"); strings.Contains(sc, `"commands"`) {
		t.Errorf("the link opened with its command still in it:\n%s", sc)
	}
}
