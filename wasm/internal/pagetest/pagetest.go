// Package pagetest holds what the tests of the page share, whichever
// browser they drive (wasm/browsertest drives Chromium, wasm/enginetest
// Firefox and WebKit): the JavaScript that waits for
// the page's frames, the reading of a screenshot, and a buffer for a
// process's output.
package pagetest

import (
	"bytes"
	"fmt"
	"image"
	"sync"
)

// FramesJS is a promise that resolves to true once the browser has shown
// n animation frames: the page updates once a frame, so input sent before
// has been seen.
func FramesJS(n int) string {
	return fmt.Sprintf(`new Promise((done) => { let n = %d; const f = () => (--n <= 0 ? done(true) : requestAnimationFrame(f)); requestAnimationFrame(f); })`, n)
}

// IdleJS is a promise that resolves to whether the page drew no frame
// (window.gigasim.status().frames stayed the same) over ten animation
// frames.
const IdleJS = `new Promise((done) => {
  const f0 = window.gigasim.status().frames; let n = 10;
  const f = () => (--n > 0 ? requestAnimationFrame(f) : done(window.gigasim.status().frames === f0));
  requestAnimationFrame(f);
})`

// DistinctColours counts the colours of a screenshot (every third pixel
// of every third row), to tell a drawn page from a blank one.
func DistinctColours(img image.Image) int {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[r>>8<<16|g>>8<<8|bl>>8] = true
		}
	}
	return len(seen)
}

// SyncBuffer is a bytes.Buffer safe for a writer and a reader goroutine:
// a process's output read while it runs.
type SyncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Len is how many bytes have been written.
func (b *SyncBuffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}
