//go:build js && wasm

// Command wasm is the sandbox's browser entry. It opens the scenario the
// page's address names, sets up window.gigasim (the automation API that
// tests and course pages use) and runs the game on Ebitengine's canvas.
//
// window.gigasim:
//
//	status()            {scenario, day, date, horizon, stateHash, sites, chipsActive,
//	                     fundLeftEUR, edits, playing, speed, lang, fps, tps, seeking, projected,
//	                     frames, updateMs, drawMs, updateMaxMs, drawMaxMs, drawnShare, memory,
//	                     banner, goals, pinned, selected, mapZoom, tip}
//	memory()            collect garbage, then {liveMB, heapMB, allocatedMB, gcCycles}
//	runTo(day)          simulate (or rewind) to a day at once; returns status()
//	play(), pause()     start and stop time
//	redraw()            draw the whole page in the next frame, not only what changed
//	setSpeed(i)         0 = a day, 1 = a week, 2 = a month, 3 = a year per second
//	statePoint(code)    {x, y} in CSS pixels of a member state on the map, or null
//	sitePoint(id)       {x, y} of a site on the map, or null
//	widget(label)       {x, y, w, h} of the button (etc.) with this label: centre and size
//	select(code)        select a member state (as a click would)
//	link()              the shareable address of this run at this day
//	open(fragment)      open a link's fragment (s=..., a board's b=...) or preset=NAME as the page would; "" or the error
//	setLang(code)       "en", "fr" or "de"
//	scenario()          the current scenario, with the user's edits, as JSON
//	command(json)       apply a model command (docs/scenario.md) today; "" or the error
//	loadPreset(name)    open a preset; "" or the error
//	board()             the class board: {open, link, teams} (board.go)
//	boardAdd(link, name) put a team's link on the board; "" or the error
//	boardOpen(on)       open or close the board
//	ranges()            the ensemble behind the bands: {on, runs, done, err, days, bands, odds, digest}
//	setRanges(on, runs[, inPage])  turn the bands on or off, with an ensemble of runs (16 to 1024; 0 keeps
//	                    it); inPage: run it in the page's own thread from now on, not its worker; "" or the error
package main

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"

	"gigasandbox/game"
	"gigasandbox/game/i18n"
	"gigasandbox/game/session"
	"gigasandbox/internal/open"
	"gigasandbox/model"
	"gigasandbox/model/link"
)

func main() {
	start := openFromAddress()
	g := game.New(start.sess)
	switch {
	case start.lang != "":
		g.SetLang(start.lang)
	case browserLang() != "":
		g.SetLang(browserLang())
	}
	setDocumentLang(g.Lang())
	applyStart(g, start)
	switch {
	case start.mend != nil:
		g.OfferWithout(start.mend.name, start.mend.sc, start.mend.day, start.mend.err)
	case start.badLink != nil:
		g.NotifyBadLink(start.badLink)
	case start.restored:
		g.NotifyRestored()
	case start.link:
		g.OfferNewestRelease() // a link on an older release of figures: offer the newest beside it
	}
	g.SetPlatform(game.Platform{Save: download, Copy: copyText, BaseURL: baseURL, PartialPresent: partialPresent, Ask: ask,
		Ensemble: newEnsembleWorker})
	if start.day > 0 {
		g.SeekTo(start.day)
	}
	_ = g.SetRanges(start.bands > 0, start.bands) // the link's bands, checked by open.Link
	installAPI(g)
	installBoard(g)
	keepAddress(g)
	keepTwin(g)
	keepCharKeys(g)
	followContrast(g)
	ebiten.SetWindowTitle("Gigafactory Sandbox")
	if !hasWebGL2() {
		// Without WebGL 2 the canvas cannot start (and Ebitengine, asked
		// to, fails beyond recovery); the model and the text view need
		// none of it.
		textOnly(g, "no WebGL 2 context")
		select {}
	}
	if err := ebiten.RunGame(&page{Game: g}); err != nil {
		fail("The sandbox stopped", err.Error())
	}
}

// storageKey is where the page keeps the current run between visits.
const storageKey = "gigasim.current"

// start is what the page opens with.
type start struct {
	sess  *session.Session
	day   model.Day
	lang  string
	bands int // the ensemble's size if the link shows the bands, else 0

	badLink  error // why the address could not be opened (the baseline is shown)
	restored bool  // the run was restored from this browser's storage
	link     bool  // the run is a link's (#s=...), not a preset's
	// mend, for a link with a command that cannot run on its day, is that
	// link's scenario: the page offers to open it without the command.
	mend *mend
	// class, board and frag are the link's class, the board of a board
	// link, and the link (board.go, applyStart).
	class link.Class
	board *link.Board
	frag  string
}

type mend struct {
	name string
	sc   model.Scenario
	day  model.Day
	err  *model.CommandError
}

// openFromAddress opens the run the address names: a link (#s=...), a
// preset (#preset=NAME), or, with no fragment, the run saved in this
// browser, else the baseline. A bad address never stops the page: it opens
// the baseline and says why.
func openFromAddress() start {
	frag := strings.TrimPrefix(js.Global().Get("location").Get("hash").String(), "#")
	restored := false
	if frag == "" {
		if saved := storageGet(storageKey); saved != "" {
			frag, restored = saved, true
		}
	}
	st, err := openFragment(frag)
	if err != nil {
		if restored {
			storageSet(storageKey, "")
		}
		mend, lang := st.mend, st.lang // the banner speaks the link's language
		st = baselineStart()
		st.badLink, st.mend, st.lang = err, mend, lang
	}
	st.restored = restored && err == nil
	return st
}

// openFragment opens a fragment as package open reads a link: "s=<link>"
// or "preset=NAME", each with an optional "&lang=xx".
func openFragment(frag string) (start, error) {
	st := baselineStart()
	if frag == "" {
		return st, nil
	}
	if link.IsBoard(frag) {
		return openBoardFragment(frag)
	}
	r, err := open.Link(frag)
	st.lang = r.Lang
	st.class, st.frag = r.Class, frag
	var ce *model.CommandError
	if errors.As(err, &ce) {
		st.mend = &mend{name: r.Name, sc: r.Scenario, day: r.Day, err: ce}
	}
	if err != nil {
		return st, err
	}
	s, err := session.New(r.Name, r.Scenario)
	if err != nil {
		return st, err
	}
	st.sess, st.day, st.bands = s, r.Day, r.Bands
	st.link = strings.HasPrefix(frag, "s=")
	return st, nil
}

func baselineStart() start {
	s, err := session.NewPreset(open.DefaultPreset)
	if err != nil {
		panic(err) // the embedded presets are tested; this cannot happen
	}
	return start{sess: s}
}

// keepAddress keeps the address bar and this browser's storage on the
// current run, once a second and after edits, without adding history
// entries: a reload or a crash loses nothing, and the address is always a
// link to what is on screen. Once a second is often enough: on a
// phone-class CPU each write (the link encoded, history.replaceState and
// localStorage) costs about 25 ms, a dropped frame. When the page is
// hidden or left (another tab, the app switcher, closing it) it is written
// at once, so the last second played is not lost either.
func keepAddress(g *game.Game) {
	last := ""
	sync := func() {
		frag, err := g.AddressFragment() // the run's link, or the open board's
		if err != nil || frag == last {
			return
		}
		last = frag
		js.Global().Get("history").Call("replaceState", js.Null(), "", "#"+frag)
		setDocumentLang(g.Lang())
		storageSet(storageKey, frag)
	}
	g.OnChange = func(model.Scenario) { sync() }
	tick := js.FuncOf(func(js.Value, []js.Value) any { sync(); return nil })
	js.Global().Call("setInterval", tick, 1000)
	js.Global().Call("addEventListener", "pagehide", tick)
	js.Global().Get("document").Call("addEventListener", "visibilitychange", tick)
}

// partialPresent asks boot.js whether the canvas keeps its pixels and the
// fill under the page's copy is dropped (boot.js, noBlackFillUnderTheCopy).
// It is asked every frame (boot.js may stop dropping fills at any frame):
// window.gigasimBoot is looked up once.
func partialPresent() bool {
	if !bootObject.Truthy() {
		bootObject = js.Global().Get("gigasimBoot")
	}
	return bootObject.Truthy() && bootObject.Get("partialPresent").Truthy()
}

var bootObject js.Value

func baseURL() string {
	loc := js.Global().Get("location")
	return loc.Get("origin").String() + loc.Get("pathname").String()
}

// followContrast gives the page the high-contrast theme while the browser
// asks for more contrast (prefers-contrast: more, or forced colours such
// as Windows' contrast themes), and follows a change.
func followContrast(g *game.Game) {
	mm := js.Global().Get("matchMedia")
	if mm.Type() != js.TypeFunction {
		return
	}
	queries := []js.Value{
		js.Global().Call("matchMedia", "(prefers-contrast: more)"),
		js.Global().Call("matchMedia", "(forced-colors: active)"),
	}
	apply := func() {
		on := false
		for _, q := range queries {
			on = on || q.Get("matches").Bool()
		}
		g.SetHighContrast(on)
	}
	apply()
	for _, q := range queries {
		q.Call("addEventListener", "change", js.FuncOf(func(js.Value, []js.Value) any { apply(); return nil }))
	}
}

// rootFontScale is the browser's default text size over the usual 16 px
// (1.5 for Chromium's "very large"): the size of CSS's "medium", which
// the reader's setting sets whatever the page's own styles say.
func rootFontScale() float64 {
	doc := js.Global().Get("document")
	probe := doc.Call("createElement", "span")
	probe.Get("style").Set("fontSize", "medium")
	doc.Get("body").Call("appendChild", probe)
	px := js.Global().Call("parseFloat", js.Global().Call("getComputedStyle", probe).Get("fontSize")).Float()
	probe.Call("remove")
	if px != px || px <= 0 { // NaN: no computed size
		return 1
	}
	return px / 16
}

// charKeysKey is where this browser remembers that its user turned the
// single character key shortcuts off (WCAG 2.1.4): a choice of the person,
// not of the scenario, so not in the link.
const charKeysKey = "gigasim.charkeys"

// keepCharKeys applies the remembered choice and remembers a change.
func keepCharKeys(g *game.Game) {
	if storageGet(charKeysKey) == "off" {
		g.SetCharKeys(false)
	}
	on := g.CharKeys()
	g.SetTextScale(rootFontScale())
	js.Global().Call("setInterval", js.FuncOf(func(js.Value, []js.Value) any {
		g.SetTextScale(rootFontScale()) // the reader may change the browser's text size at any time
		if now := g.CharKeys(); now != on {
			on = now
			storageSet(charKeysKey, map[bool]string{true: "on", false: "off"}[on])
		}
		return nil
	}), 1000)
}

// storageGet and storageSet use localStorage, which a browser may refuse
// (private mode, policies): then the page works without it.
func storageGet(key string) (v string) {
	defer func() {
		if recover() != nil {
			v = ""
		}
	}()
	ls := js.Global().Get("localStorage")
	if !ls.Truthy() {
		return ""
	}
	item := ls.Call("getItem", key)
	if item.IsNull() || item.IsUndefined() {
		return ""
	}
	return item.String()
}

func storageSet(key, value string) {
	defer func() { _ = recover() }()
	ls := js.Global().Get("localStorage")
	if !ls.Truthy() {
		return
	}
	if value == "" {
		ls.Call("removeItem", key)
		return
	}
	ls.Call("setItem", key, value)
}

// hasWebGL2 reports whether this browser gives a canvas a WebGL 2 context,
// which Ebitengine draws with. The probe's context is released at once.
func hasWebGL2() bool {
	c := js.Global().Get("document").Call("createElement", "canvas")
	c.Set("width", 1)
	c.Set("height", 1)
	ctx := c.Call("getContext", "webgl2")
	if ctx.IsNull() || ctx.IsUndefined() {
		return false
	}
	if lose := ctx.Call("getExtension", "WEBGL_lose_context"); lose.Truthy() {
		lose.Call("loseContext")
	}
	return true
}

// textOnly runs the sandbox as its text view alone, for a browser in
// which the canvas could not start (no WebGL 2: an old graphics card, a
// blocked driver, a locked-down profile): the game's update pass runs on a
// timer, the text view is shown with the reason, and the boot script is
// told the page is ready.
func textOnly(g *game.Game, why string) {
	js.Global().Get("console").Call("warn", "gigasim: the canvas cannot start ("+why+"); opening the text view")
	doc := js.Global().Get("document")
	canvases := doc.Call("getElementsByTagName", "canvas")
	for i := range canvases.Length() {
		canvases.Index(i).Get("style").Set("display", "none")
	}
	g.UpdateWithoutScreen()
	showTextOnly(g)
	js.Global().Call("setInterval", js.FuncOf(func(js.Value, []js.Value) any {
		g.UpdateWithoutScreen()
		return nil
	}), 50)
	if boot := js.Global().Get("gigasimBoot"); boot.Truthy() && boot.Get("ready").Truthy() {
		boot.Call("ready")
	}
}

// fail shows the boot script's error screen.
func fail(title, details string) {
	if boot := js.Global().Get("gigasimBoot"); boot.Truthy() && boot.Get("fail").Truthy() {
		boot.Call("fail", title, details)
		return
	}
	js.Global().Get("console").Call("error", "gigasim: "+title+": "+details)
}

// page tells the boot script when the first frame is on screen.
type page struct {
	*game.Game
	shown bool
}

func (p *page) Draw(screen *ebiten.Image) {
	p.Game.Draw(screen)
	if !p.shown {
		p.shown = true
		if boot := js.Global().Get("gigasimBoot"); boot.Truthy() {
			boot.Call("ready")
		}
	}
}

// installAPI sets window.gigasim. The functions run on the browser's event
// loop between frames, when the game is not in the middle of an update.
func installAPI(g *game.Game) {
	api := js.Global().Get("Object").New()
	fn := func(name string, f func(args []js.Value) any) {
		api.Set(name, js.FuncOf(func(this js.Value, args []js.Value) any { return f(args) }))
	}
	status := func() any { return toJS(g.Status()) }
	fn("status", func([]js.Value) any { return status() })
	fn("memory", func([]js.Value) any { return toJS(game.CollectedMemory()) })
	fn("runTo", func(a []js.Value) any {
		if len(a) < 1 || a[0].Type() != js.TypeNumber {
			return errorValue("runTo(day): day must be a number")
		}
		if err := g.RunTo(model.Day(a[0].Int())); err != nil {
			return errorValue(err.Error())
		}
		return status()
	})
	fn("play", func([]js.Value) any { g.Play(); return nil })
	fn("pause", func([]js.Value) any { g.Pause(); return nil })
	fn("redraw", func([]js.Value) any { g.Redraw(); return nil })
	fn("setSpeed", func(a []js.Value) any {
		if len(a) > 0 && a[0].Type() == js.TypeNumber {
			g.SetSpeed(a[0].Int())
		}
		return nil
	})
	point := func(x, y float64, ok bool) any {
		if !ok {
			return js.Null()
		}
		return map[string]any{"x": x, "y": y}
	}
	fn("statePoint", func(a []js.Value) any {
		if len(a) < 1 {
			return js.Null()
		}
		return point(g.StatePoint(a[0].String()))
	})
	fn("sitePoint", func(a []js.Value) any {
		if len(a) < 1 || a[0].Type() != js.TypeNumber {
			return js.Null()
		}
		return point(g.SitePoint(model.SiteID(a[0].Int())))
	})
	fn("widget", func(a []js.Value) any {
		if len(a) < 1 {
			return js.Null()
		}
		x, y, w, h, ok := g.Widget(a[0].String())
		if !ok {
			return js.Null()
		}
		return map[string]any{"x": x, "y": y, "w": w, "h": h}
	})
	fn("open", func(a []js.Value) any {
		if len(a) < 1 {
			return "open(fragment): give a fragment such as s=... or preset=NAME"
		}
		st, err := openFragment(strings.TrimPrefix(a[0].String(), "#"))
		if st.lang != "" {
			g.SetLang(st.lang)
		}
		if err != nil {
			g.Load(baselineStart().sess)
			if st.mend != nil {
				g.OfferWithout(st.mend.name, st.mend.sc, st.mend.day, st.mend.err)
			} else {
				g.NotifyBadLink(err)
			}
			return err.Error()
		}
		g.Load(st.sess)
		applyStart(g, st)
		if st.day > 0 {
			g.SeekTo(st.day)
		}
		_ = g.SetRanges(st.bands > 0, st.bands)
		if st.link {
			g.OfferNewestRelease()
		}
		return ""
	})
	fn("link", func([]js.Value) any {
		l, err := g.Link()
		if err != nil {
			return errorValue(err.Error())
		}
		return l
	})
	fn("setLang", func(a []js.Value) any {
		if len(a) > 0 {
			g.SetLang(a[0].String())
		}
		return nil
	})
	fn("select", func(a []js.Value) any {
		if len(a) > 1 {
			g.Select(a[0].String(), 0, a[1].String())
		} else if len(a) > 0 {
			g.Select(a[0].String(), 0, "")
		}
		return nil
	})
	fn("layout", func([]js.Value) any { return toJS(g.LaidOut()) })
	fn("ranges", func([]js.Value) any { return toJS(g.RangesNow()) })
	fn("setRanges", func(a []js.Value) any {
		if len(a) < 1 || a[0].Type() != js.TypeBoolean {
			return "setRanges(on, runs): give true or false, and optionally the runs, 16 to 1024"
		}
		runs := 0
		if len(a) > 1 && a[1].Type() == js.TypeNumber {
			runs = a[1].Int()
		}
		if len(a) > 2 && a[2].Truthy() {
			g.RangesInPage() // for measuring the page's own thread against the worker
		}
		if err := g.SetRanges(a[0].Bool(), runs); err != nil {
			return err.Error()
		}
		return ""
	})
	fn("twin", func([]js.Value) any { return toJS(g.Twin()) })
	fn("scenario", func([]js.Value) any {
		b, err := g.Session().Scenario().MarshalIndent()
		if err != nil {
			return errorValue(err.Error())
		}
		return string(b)
	})
	fn("command", func(a []js.Value) any {
		if len(a) < 1 {
			return "command(json): give a command as JSON"
		}
		var c model.Command
		if err := json.Unmarshal([]byte(a[0].String()), &c); err != nil {
			return "command: " + err.Error()
		}
		if err := g.Do(c); err != nil {
			return err.Error()
		}
		return ""
	})
	fn("loadPreset", func(a []js.Value) any {
		if len(a) < 1 {
			return "loadPreset(name): give a preset name"
		}
		s, err := session.NewPreset(a[0].String())
		if err != nil {
			return err.Error()
		}
		g.Load(s)
		return ""
	})
	js.Global().Set("gigasim", api)
}

// toJS converts a struct to a plain JS object through its JSON form.
func toJS(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return errorValue(err.Error())
	}
	return js.Global().Get("JSON").Call("parse", string(b))
}

func errorValue(msg string) any { return map[string]any{"error": msg} }

// download offers data as a file: a Blob behind a temporary link.
func download(name, mime string, data []byte) (string, error) {
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	blob := js.Global().Get("Blob").New([]any{arr}, map[string]any{"type": mime})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	a := js.Global().Get("document").Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Call("click")
	var revoke js.Func
	revoke = js.FuncOf(func(js.Value, []js.Value) any {
		js.Global().Get("URL").Call("revokeObjectURL", url)
		revoke.Release()
		return nil
	})
	js.Global().Call("setTimeout", revoke, 10000)
	return name, nil
}

// copyText puts text on the clipboard (asynchronously: the browser may
// refuse, and then says so in the console).
func copyText(text string) error {
	clip := js.Global().Get("navigator").Get("clipboard")
	if !clip.Truthy() {
		return errors.New("this browser gives no clipboard here: select the link and copy it")
	}
	clip.Call("writeText", text)
	return nil
}

// browserLang is the first of the browser's preferred languages that the
// page speaks ("de" for "de-AT"), or "": a first visit follows it unless
// the link names a language.
func browserLang() string {
	langs := js.Global().Get("navigator").Get("languages")
	if langs.IsUndefined() || langs.IsNull() {
		return ""
	}
	for i := range langs.Length() {
		code, _, _ := strings.Cut(strings.ToLower(langs.Index(i).String()), "-")
		if slices.Contains(i18n.Langs, code) {
			return code
		}
	}
	return ""
}

// setDocumentLang keeps <html lang> on the page's language, for screen
// readers, hyphenation and the browser's translation offer.
func setDocumentLang(lang string) {
	el := js.Global().Get("document").Get("documentElement")
	if el.Get("lang").String() != lang {
		el.Set("lang", lang)
	}
}
