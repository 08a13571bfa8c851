// Command sandbox runs the Gigafactory Sandbox as a desktop window, the same
// game as the browser page. It needs no cgo: Ebitengine loads X11 and OpenGL
// through purego.
//
//	go run ./cmd/sandbox [-preset NAME | -scenario FILE.json]
//	go run ./cmd/sandbox -shot page.png [-days N] [-select PL] [-size 1280x720]
//
// With -shot it runs the scenario to day N, draws the page, saves a
// screenshot and exits: how docs/screenshots are made, and a smoke test
// under xvfb-run.
package main

import (
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"runtime/pprof"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"gigasandbox/game"
	"gigasandbox/game/session"
	"gigasandbox/internal/open"
	"gigasandbox/model"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "sandbox:", err)
		os.Exit(2)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("sandbox", flag.ContinueOnError)
	preset := fs.String("preset", "baseline", "preset scenario to open (see `gigasim presets`)")
	file := fs.String("scenario", "", "scenario file to open instead of a preset")
	shot := fs.String("shot", "", "save a screenshot to this PNG file and exit")
	days := fs.Int("days", 0, "with -shot: simulate this many days first")
	sel := fs.String("select", "", "with -shot: select this member state (code) first")
	site := fs.Int("site", 0, "with -shot: select this site and show its fleet")
	tab := fs.String("tab", "", "with -shot: open this panel tab (state, levers, site, log)")
	size := fs.String("size", "1280x720", "window size, WxH")
	lang := fs.String("lang", "en", "language of the page: en, fr or de")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file")
	measure := fs.Duration("measure", 0, "play at the fastest speed for this long, print frames per second and exit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var w, h int
	if _, err := fmt.Sscanf(*size, "%dx%d", &w, &h); err != nil || w < 320 || h < 240 {
		return fmt.Errorf("-size %q: want WIDTHxHEIGHT, at least 320x240", *size)
	}
	sess, err := openRun(*preset, *file)
	if err != nil {
		return err
	}
	g := game.New(sess)
	g.SetLang(*lang)
	g.SetPlatform(game.Platform{Save: func(name, _ string, data []byte) (string, error) {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return "", err
		}
		abs, err := filepath.Abs(name)
		if err != nil {
			return name, nil
		}
		return abs, nil
	}})
	ebiten.SetWindowTitle("Gigafactory Sandbox — " + sess.Name())
	ebiten.SetWindowSize(w, h)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	if *measure > 0 {
		g.Select(*sel, model.SiteID(*site), *tab)
		m := &meter{Game: g, d: *measure}
		if err := ebiten.RunGame(m); err != nil && !errors.Is(err, game.ErrQuit) {
			return err
		}
		fmt.Printf("%.1f frames/s, %.1f updates/s over %s; reached %s\n", float64(m.frames)/m.d.Seconds(), float64(m.updates)/m.d.Seconds(), m.d, sess.Day())
		return nil
	}
	if *shot == "" {
		if err := ebiten.RunGame(g); err != nil && !errors.Is(err, game.ErrQuit) {
			return err
		}
		return nil
	}
	if err := g.RunTo(model.Day(*days)); err != nil {
		return err
	}
	g.Select(*sel, model.SiteID(*site), *tab)
	s := &shooter{Game: g, path: *shot}
	if err := ebiten.RunGame(s); err != nil && !errors.Is(err, game.ErrQuit) {
		return err
	}
	return s.err
}

// openRun opens the file if one is given, else the preset.
func openRun(preset, file string) (*session.Session, error) {
	var r open.Run
	var err error
	if file != "" {
		r, err = open.File(file)
	} else {
		r, err = open.Preset(preset)
	}
	if err != nil {
		return nil, err
	}
	return session.New(r.Name, r.Scenario)
}

// shooter draws a few frames (fonts and caches settle), saves the screen
// and quits.
type shooter struct {
	*game.Game
	path   string
	frames int
	done   bool
	err    error
}

func (s *shooter) Update() error {
	if s.done {
		return game.ErrQuit
	}
	return s.Game.Update()
}

func (s *shooter) Draw(screen *ebiten.Image) {
	s.Game.Draw(screen)
	s.frames++
	if s.frames < 10 || !s.Settled() || s.done {
		return
	}
	b := screen.Bounds()
	img := image.NewRGBA(b)
	screen.ReadPixels(img.Pix)
	f, err := os.Create(s.path)
	if err == nil {
		err = png.Encode(f, img)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	s.err, s.done = err, true
}

// meter plays at the fastest speed and counts frames and updates.
type meter struct {
	*game.Game
	d               time.Duration
	start           time.Time
	frames, updates int
}

func (m *meter) Update() error {
	if m.start.IsZero() {
		m.start = time.Now()
		m.SetSpeed(3)
		m.Play()
	}
	if time.Since(m.start) > m.d {
		return game.ErrQuit
	}
	m.updates++
	return m.Game.Update()
}

func (m *meter) Draw(screen *ebiten.Image) {
	m.Game.Draw(screen)
	m.frames++
}
