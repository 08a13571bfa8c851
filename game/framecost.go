package game

import (
	"sync"

	"github.com/hajimehoshi/ebiten/v2"
)

// lineBatchVertices is the most vertices a lineBatch holds before it draws
// (its indices are uint16: see lineBatch.polylineIn).
const lineBatchVertices = 1 << 16

// reserve gives the batch room for a full batch at once. The map's
// borders (33,000 segments, four vertices each) fill it more than twice
// over on every repaint at a new size; grown by append from nothing, the
// first render spent 70% of its outline time in growslice (a Chrome trace
// of the boot on a phone-class CPU, docs/performance.md, "Phone-class
// speed"). The batch keeps its room between repaints either way.
func (b *lineBatch) reserve() {
	if cap(b.vs) < lineBatchVertices {
		b.vs = append(make([]ebiten.Vertex, 0, lineBatchVertices), b.vs...)
	}
	if n := lineBatchVertices / 4 * 6; cap(b.is) < n {
		b.is = append(make([]uint16, 0, n), b.is...)
	}
}

// wraps remembers how text was wrapped, by text, face and width. The
// layout runs twice a frame (the update pass and the draw pass) and
// wraps the same texts every time (the goals' box on the map wraps
// every goal in every pass, folded or not): on a phone-class CPU that
// was 3% of the page's thread while playing. Faces are per game and per
// scale, so a key never meets another font; the memory is dropped when it
// holds wrapsMax texts (banners and toasts come and go).
var wraps struct {
	sync.Mutex
	m map[wrapKey][]string
}

type wrapKey struct {
	s    string
	f    face
	w, k float64
}

const wrapsMax = 512

// wrapW is wrapWords, remembered: the lines returned are shared, do not
// change them.
func (u *ui) wrapW(s string, f face, w float64) []string {
	key := wrapKey{s, f, w, u.k}
	wraps.Lock()
	lines, ok := wraps.m[key]
	wraps.Unlock()
	if ok {
		return lines
	}
	lines = u.wrapWords(s, f, w)
	wraps.Lock()
	if wraps.m == nil || len(wraps.m) >= wrapsMax {
		wraps.m = make(map[wrapKey][]string)
	}
	wraps.m[key] = lines
	wraps.Unlock()
	return lines
}
