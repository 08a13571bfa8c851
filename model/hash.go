package model

import "encoding/binary"

// hasher folds 64-bit words into a state hash (FNV-1a over words, with a
// final avalanche). It is the same on every platform: integers only, no
// map order, no pointers.
type hasher uint64

func newHasher() hasher { return 0xcbf29ce484222325 }

func (h *hasher) word(v uint64) {
	*h = hasher((uint64(*h) ^ v) * 0x100000001b3)
}

func (h *hasher) int(v int64) { h.word(uint64(v)) }

func (h *hasher) str(s string) {
	h.int(int64(len(s)))
	var b [8]byte
	for len(s) > 0 {
		n := copy(b[:], s)
		for i := n; i < 8; i++ {
			b[i] = 0
		}
		h.word(binary.LittleEndian.Uint64(b[:]))
		s = s[n:]
	}
}

func (h *hasher) sum() uint64 {
	z := uint64(*h)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// StateHash returns a hash of the whole simulation state: every chip, site,
// queue, counter and the ledger. Two runs agree bit for bit exactly when
// their hashes agree (up to collisions), so golden files and links compare
// hashes.
func (s *Sim) StateHash() uint64 {
	h := newHasher()
	h.int(int64(s.day))
	h.word(s.seed)
	for _, v := range s.params {
		h.int(v)
	}
	l := &s.levers
	h.int(int64(l.EUShare))
	h.int(int64(l.HostShare))
	h.int(int64(l.VoucherShare))
	h.int(int64(l.PPAShare))
	h.int(b2i(l.FastTrack))
	h.int(b2i(l.PreferSameState))
	h.str(l.DemandGrowth)
	for st := range s.g2g {
		h.int(b2i(s.g2g[st]))
	}
	h.str(s.reg.kind)
	for _, c := range s.reg.caps {
		h.int(c)
	}
	h.int(int64(len(s.chips)))
	for _, c := range s.chips {
		h.word(uint64(c.state) | uint64(c.gen)<<8 | uint64(c.site)<<16 | uint64(uint16(c.until))<<32 | uint64(uint16(c.born))<<48)
	}
	for i := range s.sites {
		t := &s.sites[i]
		h.int(int64(t.id))
		h.int(int64(t.state))
		h.int(int64(t.spec.Lon))
		h.int(int64(t.spec.Lat))
		h.int(int64(t.status))
		h.int(int64(t.buildEnd))
		h.int(int64(t.requestW))
		h.int(int64(t.granted))
		h.int(int64(t.grantDay))
		h.int(int64(t.connReady))
		h.int(b2i(t.energised) | b2i(t.removed)<<1 | b2i(t.started)<<2 | b2i(t.queued)<<3 | b2i(t.veu)<<4)
		h.int(int64(t.live))
		h.int(t.stagedChips())
		h.int(int64(t.lppYear))
		h.int(int64(t.lppUsed))
		h.int(int64(t.capex))
		h.int(int64(t.opex))
		h.int(int64(t.revenue))
		h.int(int64(t.energy))
		h.int(int64(t.emissions))
		h.int(int64(t.computeDone))
	}
	for st := range s.grid {
		g := &s.grid[st]
		h.int(int64(g.spare))
		h.int(int64(g.granted))
		h.int(int64(len(g.queue)))
		for _, v := range g.queue {
			h.int(int64(v))
		}
		h.int(int64(g.crunch))
		h.int(int64(g.crunchEnd))
		for _, inv := range g.investments {
			h.int(int64(inv.ready))
			h.int(int64(inv.w))
		}
		e := &s.export[st]
		h.int(int64(len(e.queue)))
		for _, r := range e.queue {
			h.int(int64(r.first))
			h.int(int64(r.n))
		}
		h.int(int64(e.period))
		h.int(int64(e.used))
		h.int(s.dem.startups[st])
		h.int(s.dem.moved[st])
	}
	for g := range s.rel.gens { // a release hashes only the generations it knows
		q := &s.supply[g]
		h.int(q.credit)
		for _, r := range q.orders[q.head:] {
			h.int(int64(r.first))
			h.int(int64(r.n))
		}
	}
	lg := &s.ledger
	for _, v := range []EuroCents{lg.FundStart, lg.FundLeft, lg.EUCapex, lg.HostCapex, lg.PrivateCapex, lg.Unfunded, lg.Chips, lg.Buildings,
		lg.GridConn, lg.GridInvest, lg.Electricity, lg.Maintenance, lg.CustomerRevenue, lg.Vouchers, lg.OperatorCash} {
		h.int(int64(v))
	}
	h.int(s.dem.index0)
	h.int(s.dem.index1)
	h.int(int64(s.dem.price))
	h.int(int64(len(s.messages)))
	return h.sum()
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
