package game

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"gigasandbox/game/session"
	"gigasandbox/model"
)

// Reasons a field of Game is not in the frame signature.
const (
	whyDrawing     = "the screen of the draw pass under way, nil between frames"
	whyFonts       = "the fonts, made for k (in the signature)"
	whyInput       = "this update's input, which is drawn anyway (checkChanged), or what a gesture under way did with it"
	whyLaidOut     = "set by each layout pass from what the signature holds"
	whyRecorded    = "where the last pass put the widgets, for the automation API and the layout checks"
	whyDisplayList = "the display list: it records the pixels, it does not decide them"
	whyClock       = "clocks and the time owed to them: the run's day (in the signature) is what shows"
	whyCache       = "a cache of what the signature holds (the map's picture, the fleet's chips, the QR code, the preset's goals)"
	whyWheelQuiet  = "counts updates up to wheelSettle: the map draws from moving() (in the signature)"
	whyScratch     = "scratch buffers"
	whyToasts      = "the messages already made toasts: the toasts are in the signature"
	whyBanner      = "when the banner goes and what its button does: the banner and the button's label are in the signature"
	whyPlatform    = "the page's functions, given once before the first frame"
	whyBookkeeping = "the signature's own bookkeeping; the first three frames are drawn anyway"
	whyMeasured    = "measurements for Status"
)

// notPicture are the parts of Game that the frame signature leaves out,
// each with the reason the pixels do not depend on it beyond what the
// signature holds. A key names a field by its path from Game, or by its
// struct type's name and its own ("scroller.content"), and covers
// everything in it.
var notPicture = map[string]string{
	"u.dst":              whyDrawing,
	"u.f":                whyFonts,
	"u.click":            whyInput,
	"u.release":          whyInput,
	"u.used":             whyInput,
	"u.enter":            whyInput,
	"u.press":            whyInput,
	"u.wheel":            whyInput,
	"u.dragDY":           whyInput,
	"u.fingerX":          whyInput,
	"u.fingerY":          whyInput,
	"touch.rec":          whyInput,
	"touch.frame":        whyInput,
	"touch.wheel":        whyInput,
	"touch.mouseX":       whyInput,
	"touch.mouseY":       whyInput,
	"touch.buf":          whyInput,
	"touch.pts":          whyInput,
	"mv.panning":         whyInput,
	"mv.panX":            whyInput,
	"mv.panY":            whyInput,
	"mv.finger":          whyInput,
	"mv.fingerSite":      whyInput,
	"mv.click":           whyInput,
	"mv.clickState":      whyInput,
	"mv.dragX":           whyInput,
	"mv.dragY":           whyInput,
	"mv.dragMoved":       whyInput,
	"u.covered":          whyLaidOut,
	"u.inOverlay":        whyLaidOut,
	"u.layer":            whyLaidOut,
	"u.clipR":            whyLaidOut,
	"u.clipBox":          whyLaidOut,
	"u.keyNext":          whyLaidOut,
	"u.controls":         whyLaidOut,
	"u.nextControls":     whyLaidOut,
	"u.names":            whyLaidOut,
	"u.group":            whyLaidOut,
	"u.focusKey":         whyLaidOut,
	"textScaleSet":       whyLaidOut,
	"u.ringAt":           whyLaidOut,
	"u.tip":              whyLaidOut,
	"u.tipAt":            whyLaidOut,
	"u.fingerTip":        whyLaidOut,
	"u.touch":            whyLaidOut,
	"mv.mapTransform":    whyLaidOut,
	"mv.area":            whyLaidOut,
	"mv.inner":           whyLaidOut,
	"mv.base":            whyLaidOut,
	"mv.controls":        whyLaidOut,
	"mv.controlsBottom":  whyLaidOut,
	"overflow":           whyLaidOut,
	"menuAt":             whyLaidOut,
	"goalsAutoFolded":    whyLaidOut,
	"scroller.content":   whyLaidOut,
	"panelScroll.tab":    whyLaidOut,
	"lastSel":            whyLaidOut,
	"u.seen":             whyRecorded,
	"u.next":             whyRecorded,
	"u.placed":           whyRecorded,
	"u.placing":          whyRecorded,
	"u.dmg":              whyDisplayList,
	"time.carry":         whyClock,
	"time.lastTick":      whyClock,
	"time.runClock":      whyClock,
	"time.projClock":     whyClock,
	"ranges.clock":       whyClock,
	"modBase.key":        whyCache,
	"ranges.local":       whyCache,
	"ranges.worker":      whyPlatform,
	"ranges.workerTried": whyPlatform,
	"ranges.jobs":        whyCache,
	"ranges.proj":        whyCache,
	"ranges.bands":       whyCache,
	"ranges.bandsHeld":   whyCache,
	"ranges.bandQuota":   whyCache,
	"ranges.bandsJob":    whyCache,
	"ranges.tornadoProj": whyCache,
	"lastEdit":           whyClock,
	"now":                whyClock,
	"mv.m":               whyCache,
	"mv.img":             whyCache,
	"mv.key":             whyCache,
	"mv.ok":              whyCache,
	"mv.version":         whyCache,
	"mv.rings":           whyCache,
	"mv.context":         whyCache,
	"mv.lines":           whyCache,
	"mv.land":            whyCache,
	"mv.raster":          whyCache,
	"mv.vals":            whyCache,
	"mv.outcomesDay":     whyCache,
	"mv.outcomesCache":   whyCache,
	"mv.outcomesSim":     whyCache,
	"mv.wheelQuiet":      whyWheelQuiet,
	"charts":             whyScratch,
	"fleet":              whyCache,
	"log.seen":           whyToasts,
	"banner.ends":        whyBanner,
	"banner.span":        whyBanner,
	"banner.action":      whyBanner,
	"share.qrFor":        whyCache,
	"share.qr":           whyCache,
	"platform":           whyPlatform,
	"OnChange":           whyPlatform,
	"guideCache":         whyCache,
	"frames":             whyBookkeeping,
	"needsDraw":          whyBookkeeping,
	"lastSig":            whyBookkeeping,
	"updateTime":         whyMeasured,
	"drawTime":           whyMeasured,
}

// signatureMutators change the fields that a generic change would break
// (a zero session cannot say its day).
var signatureMutators = map[string]func(t *testing.T, g *Game){
	"sess": func(t *testing.T, g *Game) {
		s, err := session.NewPreset("baseline")
		if err != nil {
			t.Fatal(err)
		}
		g.sess = s
	},
	"baseline": func(t *testing.T, g *Game) {
		sc, err := model.Preset("baseline")
		if err != nil {
			t.Fatal(err)
		}
		g.baseline = session.NewProjection(sc)
		g.baseline.Advance(1)
	},
	"newest": func(t *testing.T, g *Game) {
		g.compareWithNewest() // the test game runs on an older release than the newest
		g.newest.Advance(1)
	},
	"ranges.job": func(t *testing.T, g *Game) {
		g.ranges.job = &remoteRun{job: 1}
	},
}

// field is one leaf of Game: a value the test can change.
type field struct {
	path  string
	index []int
}

// gameLeaves lists Game's fields, into the structs of this package, down
// to values the test can change, leaving out notPicture's.
func gameLeaves() []field {
	var out []field
	var walk func(t reflect.Type, path string, index []int)
	walk = func(t reflect.Type, path string, index []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			p := f.Name
			if path != "" {
				p = path + "." + f.Name
			}
			if _, ok := notPicture[p]; ok {
				continue
			}
			if _, ok := notPicture[t.Name()+"."+f.Name]; ok {
				continue
			}
			ix := append(index[:len(index):len(index)], i)
			if _, ok := signatureMutators[p]; !ok && f.Type.Kind() == reflect.Struct && f.Type.PkgPath() == t.PkgPath() {
				walk(f.Type, p, ix)
				continue
			}
			out = append(out, field{p, ix})
		}
	}
	walk(reflect.TypeFor[Game](), "", nil)
	return out
}

// change changes v (settable) to another value, or says it cannot.
func change(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(v.Uint() + 1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(v.Float() + 1)
	case reflect.String:
		v.SetString(v.String() + "x")
	case reflect.Slice:
		v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem())))
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
	case reflect.Array:
		return v.Len() > 0 && change(v.Index(0))
	case reflect.Struct:
		changed := false
		for i := range v.NumField() {
			changed = change(settable(v.Field(i))) || changed
		}
		return changed
	default:
		return false
	}
	return true
}

// settable makes a field of an addressable struct settable, exported or
// not.
func settable(v reflect.Value) reflect.Value {
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// signatureAfter is the signature of a fresh game after change of f, or
// why there is none.
func signatureAfter(t *testing.T, f field) (before, after frameSig, err error) {
	g := newTestGame(t, "baseline")
	before = g.signature()
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panics: %v", r)
		}
	}()
	if m, ok := signatureMutators[f.path]; ok {
		m(t, g)
	} else if !change(settable(reflect.ValueOf(g).Elem().FieldByIndex(f.index))) {
		return before, before, fmt.Errorf("the test cannot change a %v", reflect.ValueOf(g).Elem().FieldByIndex(f.index).Type())
	}
	return before, g.signature(), nil
}

// TestSignatureCoversGame changes each field of Game, one at a time, and
// checks that the frame signature changes: a field that the page draws
// from but the signature left out would leave a stale screen until the
// next input. A field that does not decide pixels goes in notPicture, with
// the reason.
func TestSignatureCoversGame(t *testing.T) {
	var missed []string
	for _, f := range gameLeaves() {
		before, after, err := signatureAfter(t, f)
		switch {
		case err != nil:
			missed = append(missed, f.path+" ("+err.Error()+")")
		case before == after:
			missed = append(missed, f.path)
		}
	}
	if len(missed) > 0 {
		t.Errorf("changing these fields of Game leaves the frame signature as it was; add each to signature() (redraw.go) or, with the reason, to notPicture:\n\t%s", strings.Join(missed, "\n\t"))
	}
}

// TestNotPictureNamesFields: every notPicture entry names a field, so that
// a renamed field is not left out by a stale entry.
func TestNotPictureNamesFields(t *testing.T) {
	for p := range notPicture {
		if !fieldExists(reflect.TypeFor[Game](), strings.Split(p, ".")) && !typeFieldExists(reflect.TypeFor[Game](), p, map[reflect.Type]bool{}) {
			t.Errorf("notPicture names %q, which is no field of Game", p)
		}
	}
}

func fieldExists(t reflect.Type, path []string) bool {
	for _, name := range path {
		if t.Kind() != reflect.Struct {
			return false
		}
		f, ok := t.FieldByName(name)
		if !ok {
			return false
		}
		t = f.Type
	}
	return true
}

// typeFieldExists reports whether key, "type.field", names a field of a
// struct type reached from t.
func typeFieldExists(t reflect.Type, key string, seen map[reflect.Type]bool) bool {
	if t.Kind() != reflect.Struct || seen[t] {
		return false
	}
	seen[t] = true
	for i := range t.NumField() {
		f := t.Field(i)
		if t.Name()+"."+f.Name == key || typeFieldExists(f.Type, key, seen) {
			return true
		}
	}
	return false
}

// TestIdlePageDrawsNothing: once the projections are done and nothing
// moves, updates leave the signature as it is and no frame is drawn, in
// each form of the page.
func TestIdlePageDrawsNothing(t *testing.T) {
	for _, size := range [][2]float64{{1280, 720}, {820, 1180}, {390, 844}} {
		t.Run(fmt.Sprintf("%vx%v", size[0], size[1]), func(t *testing.T) {
			g := newTestGame(t, "baseline")
			g.w, g.h = size[0], size[1]
			g.u.mx, g.u.my = 200, 300 // over the map
			settle(t, g)
			g.frames = 10
			for range 3 { // the layout of the new size settles
				g.Update()
				damageFrame(g)
			}
			g.needsDraw = false
			for i := range 60 {
				g.Update()
				if g.needsDraw {
					t.Fatalf("update %d of an idle page: the signature changed (%+v)", i, g.lastSig)
				}
			}
		})
	}
}

// BenchmarkSignature measures what every update pays to decide whether to
// draw: the frame signature, built and compared.
func BenchmarkSignature(b *testing.B) {
	g := newTestGame(b, "baseline")
	b.ReportAllocs()
	for b.Loop() {
		g.checkChanged()
	}
}
