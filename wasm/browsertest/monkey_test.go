//go:build !js

// The monkey test (issue 11): the page's run always equals the run its
// link replays, whatever a restless user clicks.
//
// TestMonkey opens the real page once per seed and does a random sequence
// of what a user can do (clicks on buttons, states and sites, drags of
// sites, keys, touch taps, waits, and the automation API's runTo, play,
// pause and setLang), drawn from a PCG seeded by the seed. Every few
// actions and at the end it checks the run: it pauses the page, reads
// status(), scenario() and link() in one evaluation, and replays the
// scenario in Go as `gigasim run --scenario FILE --days DAY --hash` does.
// The scenario must parse, the hash must be the page's, the link must
// decode to the same run, the page must keep drawing, and it must log no
// error. A failing seed prints its whole action log and writes the page's
// scenario to the artefact directory ($GIGASIM_ARTEFACTS, or
// gigasim-browsertest in the temporary directory).
//
// Replay a seed (or several, comma-separated):
//
//	GIGASIM_MONKEY_SEED=1234 go test -count=1 ./wasm/browsertest -run TestMonkey -v
//
// A failure prints this command with the number of actions and of actions
// between checks (GIGASIM_MONKEY_ACTIONS, GIGASIM_MONKEY_EVERY) it ran
// with: a check pauses the page, so the checks are part of the run. The
// actions depend on the seed alone, but what an action does depends on the
// page at the time (a key pressed while playing lands on some day), so a
// replay comes close to the run it repeats, not always to the same bits;
// GIGASIM_MONKEY_EVERY=1 checks after every action, to find the first one
// that breaks the run.
//
// The long version runs new seeds (from the clock, each logged) until the
// duration has passed, then says how many seeds and actions ran and which
// seeds failed:
//
//	GIGASIM_MONKEY=10m go test -count=1 -timeout 0 ./wasm/browsertest -run TestMonkey -v
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"gigasandbox/game/i18n"
	"gigasandbox/game/session"
	"gigasandbox/model"
	"gigasandbox/model/link"
	"gigasandbox/wasm/internal/pagetest"
)

// The default run: a few fixed seeds, sized so that all of them, page
// loads included, take under a minute on a two-core machine.
var monkeySeeds = []uint64{1, 2, 3}

const (
	monkeyActions = 39 // per seed, by default
	monkeyEvery   = 13 // actions between two checks, by default
	// monkeyTimeout bounds each call into the page: a page that does not
	// answer within it is reported as unresponsive, not left to hang.
	monkeyTimeout = 30 * time.Second
)

// TestMonkey runs the monkey on each seed (see the top of this file).
func TestMonkey(t *testing.T) {
	s := buildSite(t, "./wasm")
	url := serve(t, s)
	actions := envInt(t, "GIGASIM_MONKEY_ACTIONS", monkeyActions)
	every := envInt(t, "GIGASIM_MONKEY_EVERY", monkeyEvery)

	seeds := monkeySeeds
	if v := os.Getenv("GIGASIM_MONKEY_SEED"); v != "" {
		seeds = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
			if err != nil {
				t.Fatalf("GIGASIM_MONKEY_SEED=%q: want seeds, comma-separated: %v", v, err)
			}
			seeds = append(seeds, n)
		}
	}
	began := time.Now()
	firstSeed := uint64(began.UnixNano()) // of the long run
	var long time.Duration
	if v := os.Getenv("GIGASIM_MONKEY"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("GIGASIM_MONKEY=%q: want a duration such as 10m: %v", v, err)
		}
		long = d
	}

	// The seeds, one after the other: each in a fresh tab of a Chromium
	// shared with the seeds before it (a browser starts in 2–3 s); after a
	// failed seed, in a new Chromium, in case the page took it down.
	next := func(i int) (uint64, bool) {
		if long > 0 {
			return firstSeed + uint64(i), time.Since(began) < long
		}
		if i < len(seeds) {
			return seeds[i], true
		}
		return 0, false
	}
	var ran, done int
	var failed []string
	for more := true; more; {
		more = false
		t.Run("chromium", func(t *testing.T) {
			b := startBrowser(t)
			for {
				seed, ok := next(ran)
				if !ok {
					return
				}
				ran++
				passed := t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
					done += runMonkey(t, b.tabFor(t, url), seed, actions, every)
				})
				if !passed {
					failed = append(failed, strconv.FormatUint(seed, 10))
					_, more = next(ran)
					return
				}
			}
		})
	}
	t.Logf("%d seeds, %d actions in %v; %d seeds failed %v", ran, done, time.Since(began).Round(time.Second), len(failed), failed)
}

// tabFor opens the page in a new tab of b that belongs to the test t:
// its console errors fail t, and it closes when t ends. The address names
// the baseline, so that the page does not restore the run an earlier tab
// left in the browser's storage.
func (b *browser) tabFor(t *testing.T, url string) *page {
	t.Helper()
	p := (&browser{t: t, ctx: b.ctx}).newPage().navigate(url + "#preset=baseline")
	p.waitGame()
	return p
}

// envInt reads a positive integer from the environment, or gives def.
func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: want a positive integer", name, v)
	}
	return n
}

// monkey is one seed's run: the page, the random source and the log of
// what was done.
type monkey struct {
	t    *testing.T
	p    *page
	seed uint64
	rng  *rand.Rand
	log  []string // one line per action, and one per check passed
	// actions is how many actions were done, every how many between checks
	actions, every int
	// problems is how many console errors the page had at the last look,
	// to say after which action a new one came.
	problems int
	failed   bool      // a check failed: the run stops there
	start    time.Time // when the page was ready
}

// runMonkey does the seed's actions on the page, checking the run every
// few actions and at the end. It returns how many actions it did.
func runMonkey(t *testing.T, p *page, seed uint64, actions, every int) int {
	m := &monkey{t: t, p: p, seed: seed, rng: rand.New(rand.NewPCG(seed, 0x6d6f6e6b6579)), every: every, start: time.Now()}
	defer m.report()
	for i := 1; i <= actions && !m.failed; i++ {
		a := m.pick()
		m.actions = i
		what := a.do(m)
		m.log = append(m.log, fmt.Sprintf("%3d %-11s %s", i, a.name, what))
		m.newProblems()
		if i%every == 0 || i == actions {
			m.check()
		}
	}
	return m.actions
}

// report prints the seed and the whole action log when the seed failed
// (also on t.Fatal, as it is deferred).
func (m *monkey) report() {
	if !m.t.Failed() {
		m.t.Logf("seed %d: %d actions in %v, every check passed", m.seed, m.actions, time.Since(m.start).Round(time.Millisecond))
		return
	}
	m.t.Errorf("seed %d failed after %d actions; replay it with\n  GIGASIM_MONKEY_SEED=%d GIGASIM_MONKEY_ACTIONS=%d GIGASIM_MONKEY_EVERY=%d go test -count=1 ./wasm/browsertest -run TestMonkey -v\nthe actions:\n%s",
		m.seed, m.actions, m.seed, m.actions, m.every, strings.Join(m.log, "\n"))
}

// fail records a failed check: it names the seed and the action during or
// after which it failed, and stops the run (what follows a broken run says
// nothing new).
func (m *monkey) fail(format string, args ...any) {
	m.t.Helper()
	m.t.Errorf("seed %d, at action %d: %s", m.seed, m.actions, fmt.Sprintf(format, args...))
	m.failed = true
}

// action is one kind of thing a user does. do performs it and says what
// it did, for the log.
type action struct {
	name   string
	weight int
	do     func(m *monkey) string
}

// actionKinds are weighted so that many edits happen (builds, drags, lever
// pulls, removals, undo and redo, rewinds followed by edits), with enough
// of everything else in between to reach odd states.
var actionKinds = []action{
	{"build", 12, (*monkey).build},
	{"build spree", 3, (*monkey).buildSpree},
	{"lever", 12, (*monkey).lever},
	{"drag", 10, (*monkey).drag},
	{"remove", 6, (*monkey).remove},
	{"undo/redo", 8, (*monkey).undoRedo},
	{"rewind+edit", 8, (*monkey).rewindEdit},
	{"widget", 14, (*monkey).widget},
	{"key", 12, (*monkey).key},
	{"state", 5, (*monkey).clickState},
	{"site", 5, (*monkey).clickSite},
	{"click", 4, (*monkey).clickAnywhere},
	{"touch", 4, (*monkey).touchTap},
	{"step", 4, (*monkey).step},
	{"play", 4, (*monkey).playAWhile},
	{"runTo", 5, (*monkey).runTo},
	{"wait", 4, (*monkey).wait},
	{"lang", 2, (*monkey).lang},
}

// pick draws an action by weight.
func (m *monkey) pick() action {
	total := 0
	for _, a := range actionKinds {
		total += a.weight
	}
	n := m.rng.IntN(total)
	for _, a := range actionKinds {
		if n < a.weight {
			return a
		}
		n -= a.weight
	}
	panic("unreachable")
}

// --- the actions ---

// build selects a state on the map, sometimes chooses a size, a chip or a
// start, and presses Build (the button or the B key).
func (m *monkey) build() string {
	what := m.clickState()
	m.frames(2)
	for _, group := range [][]string{sizeLabels, chipLabels, startLabels} {
		if m.rng.IntN(3) == 0 {
			what += "; " + m.pressOneOf(group)
			m.frames(2)
		}
	}
	if m.rng.IntN(3) == 0 {
		return what + "; " + m.press("b")
	}
	return what + "; " + m.pressOneOf(labels("build.button"))
}

// buildSpree selects a state, often the largest size, and hammers B three
// to twelve times: enough builds to reach the limits of a scenario (200
// sites, 4,000,000 chips) within a run.
func (m *monkey) buildSpree() string {
	what := m.clickState()
	m.frames(2)
	if m.rng.IntN(3) > 0 {
		what += "; " + m.pressOneOf([]string{"200.0k", "200,0k"})
		m.frames(2)
	}
	n := 3 + m.rng.IntN(10)
	for range n {
		m.press("b")
	}
	return fmt.Sprintf("%s; key b ×%d", what, n)
}

// lever opens the Levers tab and pulls one to three levers in a row on the
// same day (steppers, toggles, demand growth, export regime, grid crunch),
// or, in the State tab, a state's G2G agreement or grid investment.
func (m *monkey) lever() string {
	var what string
	group := leverLabels
	if m.rng.IntN(4) == 0 {
		what = m.clickState()
		group = stateEditLabels
	} else if m.rng.IntN(2) == 0 {
		what = m.press("p")
	} else {
		what = m.pressOneOf(labels("tab.levers"))
	}
	m.frames(2)
	for range 1 + m.rng.IntN(3) {
		what += "; " + m.pressOneOf(group)
		m.frames(1 + m.rng.IntN(2))
	}
	return what
}

// drag presses the mouse on a site, moves it in a few steps and releases
// it over a state (or anywhere on the map); sometimes a key is pressed
// while the button is held, as a restless user would.
func (m *monkey) drag() string {
	sites := m.sitePoints()
	if len(sites) == 0 {
		return "no site to drag"
	}
	id := 1 + m.rng.IntN(len(sites))
	from := sites[id-1]
	to := m.mapPoint()
	m.mouse(input.DispatchMouseEventTypeMousePressed, from)
	m.frames(2) // the press must reach an update with the cursor on the site
	steps := 2 + m.rng.IntN(4)
	what := fmt.Sprintf("site %d from (%.0f,%.0f) to (%.0f,%.0f) in %d moves", id, from.X, from.Y, to.X, to.Y, steps)
	for i := 1; i <= steps; i++ {
		f := float64(i) / float64(steps)
		m.mouse(input.DispatchMouseEventTypeMouseMoved, point{from.X + (to.X-from.X)*f, from.Y + (to.Y-from.Y)*f})
		m.frames(1)
		if i == 1 && m.rng.IntN(6) == 0 {
			what += ", " + m.press(m.oneOf([]string{kb.Delete, "z+ctrl", kb.Home, " ", "."}))
		}
	}
	m.mouse(input.DispatchMouseEventTypeMouseReleased, to)
	m.frames(2)
	return what
}

// remove selects a site and removes it (the Delete key, Backspace or the
// Remove button).
func (m *monkey) remove() string {
	what := m.clickSite()
	m.frames(2)
	switch m.rng.IntN(3) {
	case 0:
		return what + "; " + m.press(kb.Delete)
	case 1:
		return what + "; " + m.press(kb.Backspace)
	}
	return what + "; " + m.pressOneOf(labels("site.remove"))
}

// undoRedo presses undo or redo one to three times, by key or button.
func (m *monkey) undoRedo() string {
	var did []string
	for range 1 + m.rng.IntN(3) {
		switch m.rng.IntN(6) {
		case 0, 1:
			did = append(did, m.press("z+ctrl"))
		case 2:
			did = append(did, m.press("y+ctrl"))
		case 3:
			did = append(did, m.press("z+ctrl+shift"))
		case 4:
			did = append(did, m.pressOneOf(labels("bar.undo")))
		default:
			did = append(did, m.pressOneOf(labels("bar.redo")))
		}
		m.frames(1 + m.rng.IntN(3))
	}
	return strings.Join(did, "; ")
}

// rewindEdit goes back in time (Home, the |◄ button, or runTo an earlier
// day) and edits on that day at once: a lever, a build, a drag or a
// removal.
func (m *monkey) rewindEdit() string {
	var what string
	switch m.rng.IntN(3) {
	case 0:
		what = m.press(kb.Home)
	case 1:
		what = m.pressOneOf([]string{"|◄"})
	default:
		day := m.day()
		what = m.runToDay(m.rng.IntN(day + 1))
	}
	m.frames(1 + m.rng.IntN(2))
	switch m.rng.IntN(4) {
	case 0:
		return what + "; then " + m.build()
	case 1:
		return what + "; then " + m.drag()
	case 2:
		return what + "; then " + m.remove()
	}
	return what + "; then " + m.lever()
}

// widget presses one of the page's buttons that is on screen now.
func (m *monkey) widget() string { return m.pressOneOf(allLabels) }

// key presses one of the keyboard shortcuts (the help sheet's list, and
// the keys around them).
func (m *monkey) key() string { return m.press(m.oneOf(monkeyKeys)) }

// clickState clicks a member state on the map, near its label.
func (m *monkey) clickState() string {
	code := m.oneOf(stateCodes())
	pt, err := monkeyEval[*point](m, "window.gigasim.statePoint("+jsString(code)+")")
	if err != nil || pt == nil {
		return fmt.Sprintf("state %s not on the map (%v)", code, err)
	}
	at := point{pt.X + float64(m.rng.IntN(9)-4), pt.Y + float64(m.rng.IntN(9)-4)}
	m.clickAt(at)
	return fmt.Sprintf("click state %s at (%.0f,%.0f)", code, at.X, at.Y)
}

// clickSite clicks a site on the map (a removed one's place too).
func (m *monkey) clickSite() string {
	sites := m.sitePoints()
	if len(sites) == 0 {
		return "no site to click"
	}
	id := 1 + m.rng.IntN(len(sites))
	m.clickAt(sites[id-1])
	return fmt.Sprintf("click site %d at (%.0f,%.0f)", id, sites[id-1].X, sites[id-1].Y)
}

// clickAnywhere clicks a random point: the map, the panel, the bar or
// anywhere.
func (m *monkey) clickAnywhere() string {
	at := m.anyPoint()
	m.clickAt(at)
	return fmt.Sprintf("click at (%.0f,%.0f)", at.X, at.Y)
}

// touchTap taps the screen with a finger: on a state, a site or anywhere.
func (m *monkey) touchTap() string {
	at := m.anyPoint()
	if m.rng.IntN(2) == 0 {
		if sites := m.sitePoints(); len(sites) > 0 && m.rng.IntN(2) == 0 {
			at = sites[m.rng.IntN(len(sites))]
		} else if pt, err := monkeyEval[*point](m, "window.gigasim.statePoint("+jsString(m.oneOf(stateCodes()))+")"); err == nil && pt != nil {
			at = *pt
		}
	}
	m.touch(input.DispatchTouchEventTypeTouchStart, []*input.TouchPoint{{X: at.X, Y: at.Y}})
	m.frames(1 + m.rng.IntN(2))
	m.touch(input.DispatchTouchEventTypeTouchEnd, []*input.TouchPoint{})
	m.frames(1)
	return fmt.Sprintf("tap at (%.0f,%.0f)", at.X, at.Y)
}

// step steps one to five days: the . or → key, or the +1d button.
func (m *monkey) step() string {
	var did []string
	for range 1 + m.rng.IntN(5) {
		if m.rng.IntN(3) == 0 {
			did = append(did, m.pressOneOf([]string{"+1d"}))
		} else {
			did = append(did, m.press(m.oneOf([]string{".", kb.ArrowRight})))
		}
	}
	return strings.Join(did, "; ")
}

// playAWhile plays for a few frames (Space, the ► button or play()) and
// pauses again (the same ways), sometimes at another speed first.
func (m *monkey) playAWhile() string {
	what := ""
	if m.rng.IntN(2) == 0 {
		what = m.press(m.oneOf([]string{"1", "2", "3", "4"})) + "; "
	}
	n := 5 + m.rng.IntN(40)
	switch m.rng.IntN(3) {
	case 0:
		what += m.press(" ")
	case 1:
		what += m.pressOneOf([]string{"►"})
	default:
		what += m.api("play()")
	}
	m.frames(n)
	what += fmt.Sprintf("; %d frames; ", n)
	switch m.rng.IntN(3) {
	case 0:
		what += m.press(" ")
	case 1:
		what += m.pressOneOf([]string{"||"})
	default:
		what += m.api("pause()")
	}
	return what
}

// runTo jumps to a random day with the automation API, more often back
// than forward.
func (m *monkey) runTo() string {
	day := m.day()
	if m.rng.IntN(3) > 0 {
		return m.runToDay(m.rng.IntN(day + 1))
	}
	return m.runToDay(m.rng.IntN(3653))
}

// wait lets one to thirty frames pass.
func (m *monkey) wait() string {
	n := 1 + m.rng.IntN(30)
	m.frames(n)
	return fmt.Sprintf("%d frames", n)
}

// lang switches the language with setLang (English more often, so that
// most buttons keep their English labels).
func (m *monkey) lang() string {
	return m.api("setLang(" + jsString(m.oneOf([]string{"en", "en", "fr", "de"})) + ")")
}

// --- what the actions are made of ---

// monkeyKeys are the keys a user presses: a kb rune for the special keys,
// "z+ctrl" for a chord.
var monkeyKeys = []string{
	" ", ".", kb.ArrowRight, kb.Home, kb.End, "b", kb.Delete, kb.Backspace,
	"z+ctrl", "z+ctrl+shift", "y+ctrl", "1", "2", "3", "4", "l", "[", "]",
	kb.Escape, kb.Tab, kb.Enter, "h", "a", "e", "c", "v", "s", "p", "f", "m",
}

// keyNames name the special keys in the log.
var keyNames = map[string]string{
	" ": "Space", kb.ArrowRight: "ArrowRight", kb.Home: "Home", kb.End: "End", kb.Delete: "Delete",
	kb.Backspace: "Backspace", kb.Escape: "Escape", kb.Tab: "Tab", kb.Enter: "Enter",
}

// press presses a key: "b", kb.Home, or a chord such as "z+ctrl+shift".
// It returns what it did, for the log.
func (m *monkey) press(k string) string {
	parts := strings.Split(k, "+")
	key, mods := parts[0], parts[1:]
	var modifiers int64
	var down []*input.DispatchKeyEventParams
	for _, mod := range mods {
		r := map[string]string{"ctrl": kb.Control, "shift": kb.Shift}[mod]
		ev := kb.Encode([]rune(r)[0])
		down = append(down, ev[0])
		modifiers |= map[string]int64{"ctrl": int64(kb.ModifierCtrl), "shift": int64(kb.ModifierShift)}[mod]
	}
	// modifiers down, the key down and up, a frame for the page to see
	// both together, modifiers up
	for _, ev := range down {
		ev.Modifiers = modifiers
		m.dispatchKey(ev)
	}
	for _, ev := range kb.Encode([]rune(key)[0]) {
		if ev.Type == kb.KeyChar && modifiers&int64(kb.ModifierCtrl) != 0 {
			continue // Ctrl+Z types nothing
		}
		ev.Modifiers |= modifiers
		m.dispatchKey(ev)
	}
	if len(down) > 0 {
		m.frames(1)
		for i := len(down) - 1; i >= 0; i-- {
			up := *down[i]
			up.Type = kb.KeyUp
			m.dispatchKey(&up)
		}
	}
	m.frames(1)
	name := keyNames[key]
	if name == "" {
		name = key
	}
	for i := len(mods) - 1; i >= 0; i-- {
		name = map[string]string{"ctrl": "Ctrl", "shift": "Shift"}[mods[i]] + "+" + name
	}
	return "key " + name
}

// pressOneOf clicks the centre of one of the buttons with these labels
// that the page laid out in its last frame, chosen at random; if none is
// on screen, it clicks anywhere instead (as a user missing it would).
func (m *monkey) pressOneOf(labels []string) string {
	js := `(() => { const out = []; for (const l of ` + jsArray(labels) + `) {
  const w = window.gigasim.widget(l); if (w) out.push({label: l, x: w.x, y: w.y}); } return out; })()`
	type found struct {
		Label string  `json:"label"`
		X     float64 `json:"x"`
		Y     float64 `json:"y"`
	}
	on, err := monkeyEval[[]found](m, js)
	if err != nil || len(on) == 0 {
		at := m.anyPoint()
		m.clickAt(at)
		return fmt.Sprintf("none of %d buttons on screen (%s…): click at (%.0f,%.0f)", len(labels), labels[0], at.X, at.Y)
	}
	w := on[m.rng.IntN(len(on))]
	m.clickAt(point{w.X, w.Y})
	return fmt.Sprintf("press %q at (%.0f,%.0f)", w.Label, w.X, w.Y)
}

// api calls a function of the automation API (play(), setLang('fr')).
func (m *monkey) api(call string) string {
	if _, err := monkeyEval[any](m, "window.gigasim."+call); err != nil {
		m.fail("unresponsive: %s: %v", call, err)
	}
	return call
}

// runToDay jumps to day with the automation API; the log says if the page
// refused.
func (m *monkey) runToDay(day int) string {
	call := fmt.Sprintf("runTo(%d)", day)
	refused, err := monkeyEval[string](m, `((r) => r && r.error ? r.error : "")(window.gigasim.`+call+`)`)
	switch {
	case err != nil:
		m.fail("unresponsive: %s: %v", call, err)
	case refused != "":
		call += ": " + refused
	}
	return call
}

// day is the page's current day.
func (m *monkey) day() int {
	d, _ := monkeyEval[int](m, "window.gigasim.status().day")
	return d
}

// sitePoints are where the page draws its sites, by id (removed ones too:
// sitePoint still places them).
func (m *monkey) sitePoints() []point {
	pts, _ := monkeyEval[[]point](m, `(() => { const out = [];
  for (let id = 1; ; id++) { const p = window.gigasim.sitePoint(id); if (!p) return out; out.push({X: p.x, Y: p.y}); } })()`)
	return pts
}

// mapPoint is where a drag ends: near a state's label, or anywhere on the
// map (the sea, a non-EU country: no move).
func (m *monkey) mapPoint() point {
	if m.rng.IntN(5) > 0 {
		if pt, err := monkeyEval[*point](m, "window.gigasim.statePoint("+jsString(m.oneOf(stateCodes()))+")"); err == nil && pt != nil {
			return point{pt.X + float64(m.rng.IntN(11)-5), pt.Y + float64(m.rng.IntN(11)-5)}
		}
	}
	return point{float64(m.rng.IntN(552)), 96 + float64(m.rng.IntN(viewportH-96))}
}

// anyPoint is a random point of the screen, most often on the map or in
// the panel (see layout.go: at 1280×720 the map is x < 552, y > 96, the
// panel x > 932, the bar y < 46).
func (m *monkey) anyPoint() point {
	switch m.rng.IntN(5) {
	case 0, 1:
		return point{float64(m.rng.IntN(552)), 96 + float64(m.rng.IntN(viewportH-96))}
	case 2:
		return point{932 + float64(m.rng.IntN(viewportW-932)), 46 + float64(m.rng.IntN(viewportH-46))}
	case 3:
		return point{float64(m.rng.IntN(viewportW)), float64(m.rng.IntN(46))}
	}
	return point{float64(m.rng.IntN(viewportW)), float64(m.rng.IntN(viewportH))}
}

func (m *monkey) oneOf(s []string) string { return s[m.rng.IntN(len(s))] }

// --- input, with a deadline on each call into the browser ---

// clickAt clicks with the left button, then lets a frame pass so that the
// page has seen the click before the next action looks at it.
func (m *monkey) clickAt(at point) {
	m.mouse(input.DispatchMouseEventTypeMousePressed, at)
	m.mouse(input.DispatchMouseEventTypeMouseReleased, at)
	m.frames(1)
}

func (m *monkey) mouse(typ input.DispatchMouseEventType, at point) {
	ev := input.DispatchMouseEventParams{Type: typ, X: at.X, Y: at.Y, Buttons: 1} // the left button held
	switch typ {
	case input.DispatchMouseEventTypeMousePressed:
		ev.Button, ev.ClickCount = input.MouseButtonLeft, 1
	case input.DispatchMouseEventTypeMouseReleased:
		ev.Button, ev.ClickCount, ev.Buttons = input.MouseButtonLeft, 1, 0
	}
	m.cdp("mouse "+string(typ), func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, input.DispatchMouseEvent, ev)
		return err
	})
}

func (m *monkey) touch(typ input.DispatchTouchEventType, points []*input.TouchPoint) {
	m.cdp("touch "+string(typ), func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, input.DispatchTouchEvent, input.DispatchTouchEventParams{Type: typ, TouchPoints: points})
		return err
	})
}

func (m *monkey) dispatchKey(ev *input.DispatchKeyEventParams) {
	m.cdp("key "+ev.Key, func(ctx context.Context) error {
		_, err := chromedp.Call(ctx, input.DispatchKeyEvent, *ev)
		return err
	})
}

// frames waits until n animation frames have passed: the page updates
// once per frame, so the input sent before has been seen.
func (m *monkey) frames(n int) {
	js := pagetest.FramesJS(n)
	if _, err := monkeyEval[bool](m, js); err != nil {
		m.fail("unresponsive: %d frames did not pass: %v", n, err)
	}
}

// cdp runs one call into the browser with a deadline; a failure is the
// page not answering, which fails the seed (and stops the test, with the
// log, as the page is gone).
func (m *monkey) cdp(what string, call func(ctx context.Context) error) {
	if m.failed {
		return
	}
	ctx, cancel := context.WithTimeout(m.p.ctx, monkeyTimeout)
	defer cancel()
	if err := call(ctx); err != nil {
		m.fail("unresponsive: %s: %v", what, err)
	}
}

// monkeyEval evaluates expr in the page with a deadline (awaiting a
// promise).
func monkeyEval[T any](m *monkey, expr string) (T, error) {
	if m.failed {
		var zero T
		return zero, fmt.Errorf("the seed has already failed")
	}
	ctx, cancel := context.WithTimeout(m.p.ctx, monkeyTimeout)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// --- the checks ---

// newProblems fails the seed when the page has logged a console error,
// exception or CSP violation since the last look, naming the action
// (the harness also lists them when the test ends).
func (m *monkey) newProblems() {
	if m.failed {
		return
	}
	probs := m.p.problemsSoFar()
	if len(probs) > m.problems {
		m.fail("console error during or just after this action:\n  %s", strings.Join(probs[m.problems:], "\n  "))
	}
	m.problems = len(probs)
}

// pageRun is what the page says about its run, read in one evaluation so
// that no frame runs between its parts.
type pageRun struct {
	status               monkeyStatus
	scenario             string // scenario(), or "" and scenarioErr
	link                 string // link(), or "" and linkErr
	scenarioErr, linkErr string
}

// monkeyStatus is the part of status() the checks read.
type monkeyStatus struct {
	linkStatus
	Horizon int    `json:"horizon"`
	Lang    string `json:"lang"`
}

const readRunJS = `(() => {
  const g = window.gigasim, sc = g.scenario(), l = g.link();
  const err = (v) => typeof v === "string" ? "" : (v && v.error) || String(v);
  return JSON.stringify([g.status(), typeof sc === "string" ? sc : "", err(sc), typeof l === "string" ? l : "", err(l)]);
})()`

// readRun pauses the page, waits until it is neither playing nor seeking,
// lets two frames pass with no input, and reads the run. It fails the
// seed (and returns false) if the page does not come to rest.
func (m *monkey) readRun() (pageRun, bool) {
	m.frames(2) // input sent last is seen before the pause, not after
	m.api("pause()")
	for deadline := time.Now().Add(monkeyTimeout); !m.failed; {
		s, err := monkeyEval[string](m, readRunJS)
		if err != nil {
			m.fail("unresponsive: reading status(), scenario() and link(): %v", err)
			break
		}
		var parts [5]json.RawMessage
		var r pageRun
		if err := json.Unmarshal([]byte(s), &parts); err != nil {
			m.fail("reading the run: %v\n%s", err, s)
			break
		}
		if err := json.Unmarshal(parts[0], &r.status); err != nil {
			m.fail("reading status(): %v\n%s", err, parts[0])
			break
		}
		for i, dst := range []*string{&r.scenario, &r.scenarioErr, &r.link, &r.linkErr} {
			if err := json.Unmarshal(parts[i+1], dst); err != nil {
				m.fail("reading the run: %v", err)
			}
		}
		if !r.status.Playing && !r.status.Seeking {
			return r, !m.failed
		}
		if time.Now().After(deadline) {
			m.fail("unresponsive: still playing %v or seeking %v %v after pause()", r.status.Playing, r.status.Seeking, monkeyTimeout)
			break
		}
		m.frames(5)
	}
	return pageRun{}, false
}

// check pauses the page and compares its run with the replay of its
// scenario and of its link, then checks that it still draws.
func (m *monkey) check() {
	if m.failed {
		return
	}
	r, ok := m.readRun()
	if !ok {
		return
	}
	st := r.status
	if bad := compareRun(r); len(bad) > 0 {
		file := m.saveScenario(r.scenario)
		later := m.dayLater(st)
		m.fail("mismatch (day %d, %s, %d sites, %d edits, lang %s, banner %q):\n  %s\n%s\nthe page's scenario: %s (go run ./cmd/gigasim run --scenario %s --days %d --hash)",
			st.Day, st.Date, st.Sites, st.Edits, st.Lang, st.Banner, strings.Join(bad, "\n  "), later, file, file, st.Day)
		return
	}
	m.log = append(m.log, fmt.Sprintf("    check      day %d (%s): hash %s, %d sites, %d edits: page, scenario and link agree", st.Day, st.Date, st.StateHash, st.Sites, st.Edits))
	m.checkDraws()
}

// compareRun replays the page's scenario and its link in Go and says
// where they differ from the page.
func compareRun(r pageRun) []string {
	st := r.status
	var bad []string
	var sc model.Scenario
	parsed := false
	if r.scenarioErr != "" {
		bad = append(bad, "scenario() failed: "+r.scenarioErr)
	} else if s, err := model.ParseScenario([]byte(r.scenario)); err != nil {
		bad = append(bad, fmt.Sprintf("the page's scenario does not parse (gigasim run --scenario would refuse it): %v", err))
	} else {
		sc, parsed = s, true
		h, err := runHash(sc, st.Day)
		switch {
		case err != nil:
			bad = append(bad, fmt.Sprintf("replaying the page's scenario to day %d: %v", st.Day, err))
		case h != st.StateHash:
			bad = append(bad, fmt.Sprintf("day %d: the page's state hash is %s, the replay of its scenario gives %s", st.Day, st.StateHash, h))
		}
	}
	return append(bad, checkLink(r, sc, parsed)...)
}

// dayLater runs the page one day on (runTo) and compares again: it tells
// a run that differs only on the day of its last edits (the page and the
// replay disagree on whether that day's commands have run yet) from one
// that has diverged for good. It moves the page, so it runs only once a
// check has failed.
func (m *monkey) dayLater(st monkeyStatus) string {
	if st.Day >= st.Horizon {
		return "(the run is at its horizon: no day later to compare)"
	}
	if _, err := monkeyEval[any](m, fmt.Sprintf("window.gigasim.runTo(%d)", st.Day+1)); err != nil {
		return fmt.Sprintf("runTo(%d) failed: %v", st.Day+1, err)
	}
	r, ok := m.readRun()
	if !ok {
		return "(the page did not come to rest a day later)"
	}
	if bad := compareRun(r); len(bad) > 0 {
		return fmt.Sprintf("a day later (runTo(%d)) they still differ:\n  %s", st.Day+1, strings.Join(bad, "\n  "))
	}
	return fmt.Sprintf("a day later (runTo(%d)) the page and the replays agree again: they differ only on the day of the edits", st.Day+1)
}

// checkLink decodes link() as `gigasim run --link` does and replays it
// to the day it shows: the same day, the same hash; and, when the page's
// scenario parsed, the link is the one that scenario encodes to.
func checkLink(r pageRun, sc model.Scenario, parsed bool) []string {
	st := r.status
	if r.linkErr != "" {
		return []string{"link() failed: " + r.linkErr}
	}
	_, frag, ok := strings.Cut(r.link, "#")
	if !ok {
		return []string{fmt.Sprintf("link() = %q has no fragment", r.link)}
	}
	var s string
	for _, part := range strings.Split(frag, "&") {
		if strings.HasPrefix(part, "s=") {
			s = part
		} else if !strings.HasPrefix(part, "lang=") {
			return []string{fmt.Sprintf("link() = %q has an unknown part %q", r.link, part)}
		}
	}
	lsc, lday, err := link.Decode(s)
	if err != nil {
		return []string{fmt.Sprintf("link() does not decode: %v", err)}
	}
	var bad []string
	if int(lday) != st.Day {
		bad = append(bad, fmt.Sprintf("link() shows day %d, the page day %d", lday, st.Day))
	}
	if h, err := runHash(lsc, int(lday)); err != nil {
		bad = append(bad, fmt.Sprintf("replaying link() to day %d: %v", lday, err))
	} else if h != st.StateHash {
		bad = append(bad, fmt.Sprintf("day %d: the page's state hash is %s, the replay of its link gives %s", lday, st.StateHash, h))
	}
	if parsed {
		if want, err := link.Encode(sc, model.Day(st.Day)); err != nil {
			bad = append(bad, fmt.Sprintf("the page's scenario does not encode as a link: %v", err))
		} else if want != s {
			bad = append(bad, "link() differs from the link of scenario() (the JSON and the link do not carry the same scenario)")
		}
	}
	return bad
}

// checkDraws asks for a whole redraw and waits for the frame: the page's
// loop still runs (status().frames counts drawn frames; an idle page
// draws none, so a frame must be asked for).
func (m *monkey) checkDraws() {
	f, err := monkeyEval[int64](m, "window.gigasim.status().frames")
	if err != nil {
		m.fail("unresponsive: status(): %v", err)
		return
	}
	if _, err := monkeyEval[any](m, "window.gigasim.redraw()"); err != nil {
		m.fail("unresponsive: redraw(): %v", err)
		return
	}
	ctx, cancel := context.WithTimeout(m.p.ctx, 10*time.Second)
	defer cancel()
	expr := fmt.Sprintf(`new Promise((done) => { const f = () => window.gigasim.status().frames > %d ? done(true) : requestAnimationFrame(f); f(); })`, f)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr, chromedp.EvalAwaitPromise)); err != nil {
		m.fail("unresponsive: no frame drawn within 10 s of redraw() (frames stay at %d): %v", f, err)
	}
}

// saveScenario writes the page's scenario to the artefact directory, to
// replay with gigasim run, and returns the file's path.
func (m *monkey) saveScenario(sc string) string {
	file := filepath.Join(artefactDir(m.t), fmt.Sprintf("monkey-seed-%d-action-%d.json", m.seed, m.actions))
	if err := os.WriteFile(file, []byte(sc), 0o644); err != nil {
		m.t.Errorf("saving the scenario: %v", err)
	}
	return file
}

// runHash runs a scenario to day and hashes its state, as
// `gigasim run --scenario FILE --days DAY --hash` does (cmd/gigasim/run.go:
// model.New, a step a day up to DAY, the hash as %016x).
func runHash(sc model.Scenario, day int) (string, error) {
	if day < 0 || day > int(sc.Days) {
		return "", fmt.Errorf("day %d is outside the scenario's %d days", day, sc.Days)
	}
	sim, err := model.New(sc)
	if err != nil {
		return "", err
	}
	if err := sim.RunTo(model.Day(day)); err != nil {
		return "", err
	}
	return session.HashOf(sim), nil
}

// --- labels of the page's buttons ---

// labels gives the text of catalog keys in every language the page
// speaks: window.gigasim.widget matches a label exactly, in the page's
// language.
func labels(keys ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, lang := range i18n.Langs {
		c := i18n.Get(lang)
		for _, k := range keys {
			if l := c.T(k); !seen[l] {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	return out
}

// steppers gives the labels of the − and + buttons of the lever steppers.
func steppers(keys ...string) []string {
	var out []string
	for _, l := range labels(keys...) {
		out = append(out, l+" −", l+" +")
	}
	return out
}

var (
	// the Build controls (game/panel.go, statePanel); the sizes are
	// written as compact() does, with either decimal mark
	sizeLabels  = []string{"25.0k", "50.0k", "100.0k", "200.0k", "25,0k", "50,0k", "100,0k", "200,0k"}
	chipLabels  = labels("chip.best", "chip.h100", "chip.b200", "chip.eu")
	startLabels = labels("start.now", "start.3mo", "start.6mo", "start.1yr")
	// the levers (game/panel.go, leverPanel)
	leverLabels = append(steppers("lever.eu_share", "lever.host_share", "lever.voucher_share", "lever.ppa_share"),
		labels("lever.fast_track", "lever.prefer_same_state", "growth.slow", "growth.base", "growth.boom",
			"regime.open", "regime.diffusion", "regime.strict", "lever.crunch")...)
	// a state's own edits in the State tab
	stateEditLabels = labels("state.g2g", "state.invest", "build.button")
	// every button the monkey may press at random: the bar, the tabs, the
	// panels, the map's layers, the sheets (not the clipboard and the
	// downloads), the preset menu
	allLabels = func() []string {
		out := []string{"|◄", "►", "||", "+1d", "►|", "?", "EN", "FR", "DE", " −", " +"}
		out = append(out, labels("speed.day", "speed.week", "speed.month", "speed.year", "bar.undo", "bar.redo",
			"bar.share", "bar.assumptions", "tab.state", "tab.levers", "tab.site", "tab.log",
			"build.button", "state.g2g", "state.invest", "score.pin", "compare.open", "site.remove", "site.veu",
			"layer.price", "layer.carbon", "layer.room", "layer.tier", "layer.demand", "assume.close", "assume.reset")...)
		for _, lang := range i18n.Langs {
			c := i18n.Get(lang)
			for n := range 5 {
				out = append(out, c.T("score.open", n))
			}
			for _, name := range model.PresetNames() {
				out = append(out, c.T("preset."+name), c.T("preset."+name)+" ▼")
			}
		}
		out = append(out, sizeLabels...)
		out = append(out, chipLabels...)
		out = append(out, startLabels...)
		return append(out, leverLabels...)
	}()
)

// stateCodes are the member states' codes.
func stateCodes() []string {
	var out []string
	for _, s := range model.States() {
		out = append(out, s.Code)
	}
	return out
}

// jsArray writes strings as a JavaScript array literal.
func jsArray(s []string) string {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // strings always marshal
	}
	return string(b)
}
