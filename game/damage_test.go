package game

import (
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
)

// damageFrame runs the draw pass without a screen: the page's display list
// is sketched and compared with the frame before, as drawFrame does, but
// nothing is drawn. It returns the share of the screen that would be drawn.
func damageFrame(g *Game) float64 {
	u := &g.u
	u.dst = ebiten.NewImage(1, 1) // drawing() is true; nothing is drawn on it
	u.keyNext, u.tip = 0, ""
	g.layout(u)
	u.drawTip(g.w, g.h)
	screen := image.Rect(0, 0, int(g.w*u.k), int(g.h*u.k))
	px := 0
	for _, r := range u.dmg.changed(screen) {
		px += r.Dx() * r.Dy()
	}
	u.dmg.done()
	u.dst = nil
	return float64(px) / float64(screen.Dx()*screen.Dy())
}

// settle runs updates until the projections (the scenario's and the
// baseline's) reach the horizon, as the page does once it has drawn its
// first frames (they wait for them: firstFrames).
func settle(t testing.TB, g *Game) {
	t.Helper()
	g.frames = max(g.frames, firstFrames)
	for i := 0; !g.Settled(); i++ {
		if i == 100_000 {
			t.Fatal("the projections did not reach the horizon in 100,000 updates")
		}
		g.Update()
	}
}

func TestPlayingRedrawsLittle(t *testing.T) {
	g := newTestGame(t, "baseline")
	g.u.mx, g.u.my = -1, -1
	settle(t, g)
	if got := damageFrame(g); got != 1 {
		t.Errorf("the first frame draws %.2f of the screen, want all of it", got)
	}
	if got := damageFrame(g); got != 0 {
		t.Errorf("a frame in which nothing changed draws %.2f of the screen, want nothing", got)
	}
	sum := 0.0
	const frames = 120
	for range frames {
		if _, err := g.sess.Step(6); err != nil {
			t.Fatal(err)
		}
		sum += damageFrame(g)
	}
	// the date, the headline numbers, the legends and the charts' newest
	// columns: measured 4% of the screen a frame
	if avg := sum / frames; avg > 0.15 {
		t.Errorf("playing at 6 days a frame draws %.0f%% of the screen a frame, want under 15%%", 100*avg)
	}
}

// TestBoxesCoverWhatIsDrawn checks the boxes that decide where a command
// draws, against what the command is: a box that is too small would leave
// stale pixels on screen.
func TestBoxesCoverWhatIsDrawn(t *testing.T) {
	g := newTestGame(t, "baseline")
	u := &g.u
	u.dst = ebiten.NewImage(1, 1)
	defer func() { u.dst = nil; u.dmg.done() }()
	u.fill(rect{10, 20, 30, 40}, colPanel)
	u.stroke(rect{10, 20, 30, 40}, 2, colBorder)
	u.line(100, 5, 50, 60, 3, colBorder)
	u.circle(200, 200, 10, colBorder)
	u.ring(300, 300, 10, 4, colBorder)
	u.text("Gigafactory", 400, 100, u.f.big, colText, left)
	u.polyline([]float32{0, 0, 10, 50, 20, 5}, 100, 100, false, 4, colBorder)
	want := []image.Rectangle{
		image.Rect(10, 20, 40, 60),
		image.Rect(9, 19, 41, 61),  // the line's width straddles the edge
		image.Rect(48, 3, 102, 62), // the segment and its width
		image.Rect(190, 190, 210, 210),
		image.Rect(286, 286, 314, 314),
		image.Rect(400, 100, 400+int(u.f.big.width("Gigafactory")), 100+int(u.f.big.height)),
		image.Rect(98, 98, 122, 152),
	}
	for i, c := range u.dmg.list {
		if !want[i].In(c.box) {
			t.Errorf("command %d (op %d): box %v does not hold %v", i, c.op, c.box, want[i])
		}
		if c.box.Dx() > want[i].Dx()+int(u.f.big.height) || c.box.Dy() > want[i].Dy()+int(u.f.big.height) {
			t.Errorf("command %d (op %d): box %v is much larger than %v", i, c.op, c.box, want[i])
		}
	}
}

// BenchmarkDrawPass measures the Go side of a frame while the baseline
// plays at a year a second: the page's layout into the display list, and
// the sketches that find what changed (the replay's draw calls are not
// included: they need a GPU).
func BenchmarkDrawPass(b *testing.B) {
	g := newTestGame(b, "baseline")
	g.u.mx, g.u.my = -1, -1
	settle(b, g)
	damageFrame(g)
	share := 0.0
	for b.Loop() {
		if g.sess.Ended() {
			b.StopTimer()
			g.RunTo(0)
			b.StartTimer()
		}
		if _, err := g.sess.Step(6); err != nil {
			b.Fatal(err)
		}
		share += damageFrame(g)
	}
	b.ReportMetric(100*share/float64(b.N), "%drawn/frame")
}

// TestDisplayListKeptInDamage: outside damage.go (and tests) no file
// reaches into the display list; they draw with the ui's primitives and ask
// it for a full redraw or the share drawn (ui.redrawAll, ui.drawnShare).
func TestDisplayListKeptInDamage(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f == "damage.go" || strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, ".dmg") {
				t.Errorf("%s:%d reaches into the display list: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}
