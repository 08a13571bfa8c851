package game

import (
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
