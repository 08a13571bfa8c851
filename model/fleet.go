package model

import (
	"math/bits"

	"gigasandbox/model/rng"
)

// chip is one accelerator. The fleet is a flat slice of these 8-byte
// records indexed by chip ID: no per-chip heap objects, and a day touches
// only the chips whose state changes (see the calendar).
type chip struct {
	state ChipState
	gen   Gen
	site  uint16 // index into Sim.sites
	until int16  // day of the chip's next scheduled event, noDay if none
	born  int16  // day burn-in started: the origin of the chip's age
}

// FleetScan reads every chip record once, in ID order, and returns the sum
// of their state numbers. The simulation never needs it: it is the floor
// that BenchmarkStep/floor=1M measures (the cost of touching the whole fleet
// once), against which the cost of a day is compared. It is kept out of
// line so that the floor times the same compiled loop whatever the
// benchmark around it: inlined, its WebAssembly time moved by half with
// unrelated edits to the benchmark file.
//
//go:noinline
func (s *Sim) FleetScan() int64 {
	var sum int64
	for i := range s.chips {
		sum += int64(s.chips[i].state)
	}
	return sum
}

// alike reports whether chips a and b are in the same state, at the same
// site, of the same generation and born the same day: chips that can share
// a calendar entry.
func (a *chip) alike(b *chip) bool {
	return a.state == b.state && a.site == b.site && a.gen == b.gen && a.born == b.born
}

// fill sets every record of cs to v: the chips of a range that become
// alike and due the same day are identical records. Beyond the first, the
// records are copied in blocks that double (copy is memmove), not one at a
// time: a loop iteration costs a br_table dispatch in WebAssembly, and a
// run ranges over thousands of chips.
func fill(cs []chip, v chip) {
	if len(cs) == 0 {
		return
	}
	cs[0] = v
	for k := 1; k < len(cs); k *= 2 {
		copy(cs[k:], cs[:k])
	}
}

// The calendar holds, for each of the next calSize days, the chips whose
// timed state ends that day, in the order they were scheduled (the order
// matters: chips whose licence review ends join their state's licence queue
// in that order). Every delay the model schedules is at least one day and
// shorter than calSize (validated through the parameter ranges: lifetime ≤
// 10 years), so a day's list never grows while it is being run.
//
// An entry is a chipRange: chips with consecutive IDs, scheduled one after
// another for the same day, that are alike (a shipment, a batch in burn-in,
// chips already past their service life that retire together). Nothing changes a chip while
// its event is pending, except removing its site, which clears until (the
// day of its pending event, noDay if none) for all the site's chips. So the
// first chip of an entry tells whether the entry is still due and what all
// its chips are.
//
// An entry with a negative n is a retirement sweep instead: the -n chips
// from first, a batch that started burn-in together (startBurnIn) or an
// existing site's chips (addSite), on the day they reach the end of their
// service life. The sweep retires those of them that are active and due
// that day; they are not filed one by one (see sweepRetire). Filed, they
// would be runs of a chip or two between the chips that fail (about half a
// batch fails before the end of its life), each run an entry to file and to
// run. In the baseline's ten years that was 261,000 entries; the sweeps
// that fall within them are 7, over 354,000 chips read in order.
//
// Each day's list is a chain of fixed-size chunks from one shared pool.
// A chunk freed when its day has run is reused by a later day, so once the
// pool has grown to the most entries ever pending at once, scheduling
// allocates nothing.
const (
	calSize = 4096
	calMask = calSize - 1

	chunkSize    = 32            // chipRange slots per chunk (256 bytes)
	chunkEntries = chunkSize - 1 // entries per chunk; the last slot's first links the next chunk
)

type calendar struct {
	tails [calSize]calTail // where each day's list goes on
	heads [calSize]int32   // each day's first chunk, -1 if none
	pool  []chipRange      // chunk k is pool[k*chunkSize:][:chunkSize]
	free  int32            // first free chunk (linked through their last slot), -1 if none
}

// calTail is where a day's list goes on: the pool index where its next
// entry goes, which is the last chunk's link slot when that chunk is full
// (and -1, a "full" slot too, when there is no chunk); and the chip after
// its last entry (-1 if empty). It is what filing reads and writes, kept
// apart from the lists' heads so that the 4,096 days' tails take 32 KB
// and an element never straddles two cache lines.
type calTail struct {
	slot, end int32
}

// calDay is one day's list, as take returns it: its first chunk (-1 if
// empty) and its tail.
type calDay struct {
	head, slot, end int32
}

var emptyTail = calTail{slot: -1, end: -1}

// init empties the calendar, with room for about chips pending entries,
// in old's memory if it is large enough.
func (c *calendar) init(chips int64, old []chipRange) {
	for i := range c.tails {
		c.tails[i] = emptyTail
		c.heads[i] = -1
	}
	chunks := chips/chunkEntries + min(chips, calSize) + 1
	c.pool = reuse(old, int(chunks*chunkSize))
	c.free = -1
}

// file appends chips first..first+n-1, alike and with until set to day, to
// day's list. They join the last entry if they follow on from it and are
// like its chips.
func (s *Sim) file(day Day, first, n int32) {
	if !s.cal.add(day, first, n) {
		s.fileSlow(day, first, n)
	}
}

// add files like file in the common case, a new entry in a chunk with
// room, and reports whether it did; else file's caller calls fileSlow. It
// is small enough to be inlined where events are filed one chip at a time
// (a call costs ~2.5 ns in WebAssembly).
func (c *calendar) add(day Day, first, n int32) bool {
	b := &c.tails[day&calMask]
	if b.end == first || b.slot&(chunkSize-1) == chunkEntries {
		return false
	}
	c.pool[b.slot] = chipRange{first, n}
	b.slot++
	b.end = first + n
	return true
}

// fileSweep files the retirement sweep of chips first..first+n-1, a burn-in
// batch or an existing site's chips, for day: the end of their service
// life. Nothing joins a sweep (its tail's end is set to -1, no chip).
func (s *Sim) fileSweep(day Day, first, n int32) {
	c := &s.cal
	b := &c.tails[day&calMask]
	if b.slot&(chunkSize-1) == chunkEntries { // the last chunk is full, or there is none
		c.grow(day, b)
	}
	c.pool[b.slot] = chipRange{first, -n}
	b.slot++
	b.end = -1
}

// fileSlow is file when chips first.. follow on from the day's last entry,
// or its last chunk is full (or it has none).
func (s *Sim) fileSlow(day Day, first, n int32) {
	c := &s.cal
	b := &c.tails[day&calMask]
	if b.end == first && s.chips[first-1].alike(&s.chips[first]) {
		c.pool[b.slot-1].n += n
		b.end += n
		return
	}
	if b.slot&(chunkSize-1) == chunkEntries { // the last chunk is full, or there is none
		c.grow(day, b)
	}
	c.pool[b.slot] = chipRange{first, n}
	b.slot++
	b.end = first + n
}

// grow gives day's list, whose tail is b, a new last chunk.
func (c *calendar) grow(day Day, b *calTail) {
	var k int32
	if c.free >= 0 {
		k = c.free
		c.free = c.pool[k*chunkSize+chunkEntries].first
	} else {
		k = int32(len(c.pool) / chunkSize)
		c.pool = append(c.pool, make([]chipRange, chunkSize)...)
	}
	if h := &c.heads[day&calMask]; *h < 0 {
		*h = k
	} else {
		c.pool[b.slot].first = k // the full chunk's link slot
	}
	b.slot = k * chunkSize
}

// list returns day's list without detaching it.
func (c *calendar) list(day Day) calDay {
	t := c.tails[day&calMask]
	return calDay{head: c.heads[day&calMask], slot: t.slot, end: t.end}
}

// take detaches day's list and returns it. Run it with entries and next,
// then give its chunks back with release.
func (c *calendar) take(day Day) calDay {
	b := c.list(day)
	c.tails[day&calMask] = emptyTail
	c.heads[day&calMask] = -1
	return b
}

// entries returns the entries in chunk k of list b.
func (c *calendar) entries(b calDay, k int32) []chipRange {
	if k == b.slot/chunkSize { // the last chunk
		return c.pool[k*chunkSize : b.slot]
	}
	return c.pool[k*chunkSize:][:chunkEntries]
}

// next returns the chunk after k in list b, -1 after the last.
func (c *calendar) next(b calDay, k int32) int32 {
	if k == b.slot/chunkSize {
		return -1
	}
	return c.pool[k*chunkSize+chunkEntries].first
}

// release puts the chunks of a taken list on the free list.
func (c *calendar) release(b calDay) {
	if b.head < 0 {
		return
	}
	c.pool[b.slot/chunkSize*chunkSize+chunkEntries].first = c.free
	c.free = b.head
}

// schedule files chip i's next event for day.
func (s *Sim) schedule(i int32, day Day) {
	s.chips[i].until = int16(day)
	s.file(day, i, 1)
}

// scheduleRange files the next event of chips first..first+n-1 for day,
// a run of alike chips at a time.
func (s *Sim) scheduleRange(first, n int32, day Day) {
	run := first
	for i := first + 1; i < first+n; i++ {
		if !s.chips[i].alike(&s.chips[i-1]) {
			s.fileRun(day, run, i)
			run = i
		}
	}
	s.fileRun(day, run, first+n)
}

func (s *Sim) setState(i int32, to ChipState) {
	c := &s.chips[i]
	t := &s.sites[c.site]
	t.count[c.state]--
	t.count[to]++
	if c.state == ChipActive {
		t.active[c.gen]--
	}
	if to == ChipActive {
		t.active[c.gen]++
	}
	c.state = to
}

// buildSurvival tabulates the probability that a chip survives to each age
// without a failure, in Q62 fixed point, from the daily hazard: the base
// rate, times burn_in_hazard during burn-in, rising by wear_rise_per_year
// for each year past wear_start_years. Integer arithmetic only, so the
// table is the same on every platform. It also builds the guide that
// failureAge uses to search the table.
func (s *Sim) buildSurvival() {
	p := &s.params
	life := s.lifetime()
	s.surv = make([]uint64, life+1)
	base := uint64(p[ParamFailuresPerYear]) << 32 / 365000 // Q32 probability per day
	burn := int(p[ParamBurnInDays])
	wear := int(p[ParamWearStartYears]) * 36525 / 100
	sv := uint64(1) << 62
	for a := 0; a <= life; a++ {
		s.surv[a] = sv
		h := base
		switch {
		case a < burn:
			h = base * uint64(p[ParamBurnInHazard]) / 1000
		case a >= wear:
			h = base * uint64(1000*365+int(p[ParamWearRisePerYear])*(a-wear)) / 365000
		}
		if h >= 1<<32 {
			h = 1<<32 - 1
		}
		hi, lo := bits.Mul64(sv, h)
		sv -= hi<<32 | lo>>32
	}
	s.buildGuide()
	// outlive[a]: a chip healthy at age a outlives its service life if its
	// draw u is below outlive[a]. target = S(a)*u/2^64 < S(life-1) exactly
	// when u < ceil(S(life-1)*2^64/S(a)); this is that bound where it is
	// below 2^64, and 0 (no shortcut: compute target) otherwise.
	s.outlive = make([]uint64, life+1)
	for a := range s.outlive {
		if last := s.surv[life-1]; last > 0 && last < s.surv[a] {
			q, r := bits.Div64(last, 0, s.surv[a])
			if r != 0 {
				q++
			}
			s.outlive[a] = q
		}
	}
}

// buildGuide divides the range of the survival table, S(0) down to
// S(life), into equal slices of 2^guideShift and records for each slice k
// the first age whose S falls in slice k or below (S(0)-S(t) >= k <<
// guideShift), so that searchAge finds the age at which a draw falls with
// a look-up. Slices are made no wider than the smallest daily fall of S,
// so that each holds at most one age, unless that takes more than four
// slices per day of life (only under extreme assumptions; searchAge then
// searches).
func (s *Sim) buildGuide() {
	life := len(s.surv) - 1
	span := s.surv[0] - s.surv[life]
	minFall := span
	for a := 0; a < life; a++ {
		minFall = min(minFall, s.surv[a]-s.surv[a+1])
	}
	shift := uint(0)
	for shift < 63 && (uint64(2)<<shift <= minFall || span>>shift >= uint64(4*(life+1))) {
		shift++
	}
	s.guideShift = shift
	s.guide = make([]uint16, span>>shift+2)
	t := 0
	for k := range s.guide {
		for t <= life && (s.surv[0]-s.surv[t])>>shift < uint64(k) {
			t++
		}
		s.guide[k] = uint16(t)
	}
}

// lifetime is a chip's service life in days.
func (s *Sim) lifetime() int { return int(s.params[ParamLifetimeYears] * 36525 / 10000) }

// Failure draws. A chip healthy at age a draws, on day d, the age at
// which it next fails: with u = rng(failure stream, chip, d), target =
// S(a)*u/2^64 is uniform in [0, S(a)), and the chip fails at the smallest
// age t > a with S(t) <= target (it outlives the window it looks at if
// there is none). The draw is keyed on the chip and the day, so it does not
// depend on update order. Most draws outlive the window, and one
// comparison with S at the window's last age settles them; searchAge finds
// t for the others. startBurnIn (age 0, window burn_in_days) and
// scheduleActive (window up to the end of life) do the draws.

// searchAge returns the smallest age t > a with S(t) <= target, given
// S(limit-1) <= target < S(a).
//
// Every age before guide[k] has S above target and the age guide[k+1] (if
// within the table) has S below it, where k is target's slice; and every
// age up to a has S above target. So t is in [max(guide[k], a+1),
// min(guide[k+1], limit-1)], a range of one or two ages when each slice
// holds at most one age (see buildGuide): then one comparison picks t.
//
// It is small enough to be inlined into the draw loops (a call costs ~2.5
// ns in WebAssembly): S(0) is 2^62 by construction (buildSurvival), a
// constant rather than a load.
func (s *Sim) searchAge(target uint64, a, limit int) int {
	k := (1<<62 - target) >> s.guideShift
	lo := max(int(s.guide[k]), a+1)
	hi := min(int(s.guide[k+1]), limit-1)
	for hi-lo > 1 { // a coarse guide: halve [lo, hi], which holds t
		mid := (lo + hi) >> 1 // ages are small and not negative
		if s.surv[mid] > target {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if s.surv[lo] > target {
		lo = hi
	}
	return lo
}

// scheduleActive files the next event of chips first..first+n-1, active
// and alike, drawn on day s.day: a failure or their retirement. Chips that
// will not fail before the end of life are not filed: their until is set
// to the end of their service life, and the sweep of their batch retires
// them then (see sweepRetire). Chips already past their service life are
// filed to retire the next day.
func (s *Sim) scheduleActive(first, n int32) {
	born := Day(s.chips[first].born)
	a := int(s.day - born)
	life := len(s.surv) - 1
	if a >= life {
		s.fileRun(s.day+1, first, first+n)
		return
	}
	retire := born + Day(life)
	// Every chip's until is set to its retirement first, with one fill
	// (they are alike, so they become identical records); the draws then
	// overwrite it for the chips that fail.
	v := s.chips[first]
	v.until = int16(retire)
	fill(s.chips[first:][:n], v)
	// The draws go a block of chips at a time: the first loop keeps the
	// chips whose draw is at or above outlive[a] (below it, a chip outlives
	// its service life), without a branch on it; the second decides them.
	// About half the chips of a batch fail before the end of life, so a
	// branch per draw would be mispredicted half the time.
	var cand [64]int32
	var draws [64]uint64
	key := s.failKey.Day(int64(s.day))
	outlive, sa, last := s.outlive[a], s.surv[a], s.surv[life-1]
	end := first + n
	for base := first; base < end; base += int32(len(cand)) {
		m := drawBlock(key, base, min(base+int32(len(cand)), end), outlive, &cand, &draws)
		for j, i := range cand[:m] {
			target, _ := bits.Mul64(sa, draws[j])
			if last > target { // when outlive[a] is 0: no shortcut
				continue
			}
			s.fileFailure(i, i, retire, born+Day(s.searchAge(target, a, life)))
		}
	}
}

// drawBlock draws for chips base..end-1 (at most 64) and puts those whose
// draw is at or above bound in cand, with their draws, in order; it
// returns how many. It keeps the chip without a branch (a chip is put
// and the count moves on only if it is kept), and is out of line so that
// the compiler keeps the few values of its loop in registers.
//
//go:noinline
func drawBlock(key rng.DayKey, base, end int32, bound uint64, cand *[64]int32, draws *[64]uint64) int {
	m := 0
	for i := base; i < end; i++ {
		u := key.Uint64(uint64(i))
		cand[m&63], draws[m&63] = i, u // m < 64: the mask spares the bounds check
		inc := 0
		if u >= bound {
			inc = 1
		}
		m += inc
	}
	return m
}

// fileFailure files chips run..i-1, alike chips that do not fail in the
// window drawn and whose until is already runDay (the end of burn-in; in
// scheduleActive, which files no run, run == i), then chip i's failure for
// day: the rare path of the draw loops, out of line so that the loops keep
// their values in registers natively.
func (s *Sim) fileFailure(run, i int32, runDay, day Day) {
	if i > run && !s.cal.add(runDay, run, i-run) {
		s.fileSlow(runDay, run, i-run)
	}
	s.chips[i].until = int16(day)
	if !s.cal.add(day, i, 1) {
		s.fileSlow(day, i, 1)
	}
}

// fileRun files the events of chips first..end-1, alike, for day.
func (s *Sim) fileRun(day Day, first, end int32) {
	if end <= first {
		return
	}
	v := s.chips[first]
	v.until = int16(day)
	fill(s.chips[first:end], v)
	if !s.cal.add(day, first, end-first) {
		s.fileSlow(day, first, end-first)
	}
}

// startBurnIn puts chips first..first+n-1 of one site, installed and
// alike (a transit entry, or a staged range: see stage), into burn-in on
// day d. Chips that will not fail in burn-in end it together on
// d+burn_in_days (runs of them are filed at once, as in scheduleActive);
// the others are filed for the day they fail. At age 0 the draw needs no
// 128-bit product: S(0) is 2^62, so target is u>>2 exactly. The batch's
// retirement sweep is filed for the end of its service life.
func (s *Sim) startBurnIn(first, n int32, d Day) {
	s.fileSweep(d+Day(len(s.surv)-1), first, n)
	burn := int(s.params[ParamBurnInDays])
	end := d + Day(burn)
	sBurn := s.surv[burn-1]
	key := s.failKey.Day(int64(d))
	v := s.chips[first] // the draws overwrite until for the chips that fail
	v.born, v.until = int16(d), int16(end)
	fill(s.chips[first:][:n], v)
	run := first // chips run..i-1 end burn-in together
	for i := first; i < first+n; i++ {
		target := key.Uint64(uint64(i)) >> 2
		if sBurn > target {
			continue
		}
		s.fileFailure(run, i, end, d+Day(s.searchAge(target, 0, burn)))
		run = i + 1
	}
	if run < first+n {
		s.file(end, run, first+n-run)
	}
}

// stepChipEvents runs the events of chips whose timed state ends today, in
// the order they were scheduled.
//
// For each chunk of entries it first reads whether every entry's first
// chip is still due: the single chips (failures, repairs) are scattered
// over the fleet, and reading their records in a short loop lets the
// processor fetch them in parallel rather than wait for one cache miss per
// event. (Running an event changes only its own chips, and no chip has two
// live entries in a day, so what was read stays true.)
func (s *Sim) stepChipEvents(d Day) {
	list := s.cal.take(d)
	life := len(s.surv) - 1
	key := s.failKey.Day(int64(d))
	repairDays := Day(s.params[ParamRepairDays])
	repairCost := EuroCents(s.params[ParamRepairCostEUR]) * 100
	var due [chunkEntries]bool
	for k := list.head; k >= 0; k = s.cal.next(list, k) {
		ents := s.cal.entries(list, k)
		for j, r := range ents {
			due[j] = s.chips[r.first].until == int16(d) // else its site was removed
		}
		for j, r := range ents {
			if r.n < 0 {
				s.sweepRetire(r.first, -r.n, d)
				continue
			}
			if !due[j] {
				continue
			}
			// Failures, the ends of repairs and retirements, the most
			// frequent events, are run here as runEvent would run them
			// (fail, retire and move written out), and a single chip
			// back from repair as scheduleActive would file it: calls
			// less each (a call costs ~2.5 ns in WebAssembly). The
			// first chip's fields are read into locals rather than
			// copying its record (five fields: the compiler would copy
			// it through the stack), and the counters of a failure or
			// a repair change without testing the states they know.
			p := &s.chips[r.first]
			state, gen, born := p.state, p.gen, Day(p.born)
			t := &s.sites[p.site]
			a := int(d - born)
			switch live := a < life; {
			case state == ChipActive && live:
				// fail
				day := d + repairDays
				if r.n == 1 {
					p.state, p.until = ChipRepair, int16(day)
				} else {
					v := *p
					v.state, v.until = ChipRepair, int16(day)
					fill(s.chips[r.first:][:r.n], v)
				}
				t.count[ChipActive] -= r.n
				t.count[ChipRepair] += r.n
				t.active[gen] -= r.n
				if !s.cal.add(day, r.first, r.n) {
					s.fileSlow(day, r.first, r.n)
				}
				cost := repairCost * EuroCents(r.n)
				t.opex += cost
				s.ledger.Maintenance += cost
				s.ledger.OperatorCash -= cost
				s.today.Failures += int64(r.n)
			case state == ChipRepair && live && r.n == 1:
				// The chip's next failure, or its retirement: the
				// draw of scheduleActive. A chip that will not fail
				// again retires with its batch's sweep, at the end of
				// its service life (after today, since it is live).
				day := born + Day(life)
				fails := false
				if u := key.Uint64(uint64(r.first)); u >= s.outlive[a] {
					if target, _ := bits.Mul64(s.surv[a], u); target >= s.surv[life-1] {
						day = born + Day(s.searchAge(target, a, life))
						fails = true
					}
				}
				p.state, p.until = ChipActive, int16(day)
				t.count[ChipRepair]--
				t.count[ChipActive]++
				t.active[gen]++
				if fails && !s.cal.add(day, r.first, 1) {
					s.fileSlow(day, r.first, 1)
				}
			case (state == ChipActive || state == ChipRepair) && !live:
				// retire
				if r.n == 1 {
					p.state, p.until = ChipRetired, noDay
				} else {
					v := *p
					v.state, v.until = ChipRetired, noDay
					fill(s.chips[r.first:][:r.n], v)
				}
				t.count[state] -= r.n
				t.count[ChipRetired] += r.n
				if state == ChipActive {
					t.active[gen] -= r.n
				}
				t.live -= r.n
				s.today.Retirements += int64(r.n)
			case state == ChipRepair && live:
				h := *p
				s.move(r, &h, ChipActive, noDay)
				s.scheduleActive(r.first, r.n)
			default:
				h := *p
				s.runEvent(r, &h, d)
			}
		}
	}
	s.cal.release(list)
}

// sweepRetire runs the retirement sweep of chips first..first+n-1 on day
// d, the end of their service life: a burn-in batch or an existing site's
// chips, so of one site and generation. It retires those that are active
// and due today; the others have failed for good, or are in repair (a chip
// whose repair ends on or after d retires then, through its own entry), or
// their site was removed. Retirements change only counters, so retiring
// them here rather than one run at a time through the day's list changes
// no result. The records are read in order, not scattered.
func (s *Sim) sweepRetire(first, n int32, d Day) {
	cs := s.chips[first:][:n]
	var k int32
	for i := range cs {
		if cs[i].until == int16(d) && cs[i].state == ChipActive {
			cs[i].state, cs[i].until = ChipRetired, noDay
			k++
		}
	}
	if k == 0 {
		return
	}
	t := &s.sites[cs[0].site]
	t.count[ChipActive] -= k
	t.count[ChipRetired] += k
	t.active[cs[0].gen] -= k
	t.live -= k
	s.today.Retirements += int64(k)
}

// runEvent moves the chips of r, whose timed state ends on day d, on to
// their next state. They are alike (as c, the first), so they all go the
// same way, except for the draws, which are each chip's own; the counters
// change once for the whole entry.
func (s *Sim) runEvent(r chipRange, c *chip, d Day) {
	age := int(d - Day(c.born))
	switch c.state {
	case ChipLicence:
		for i := r.first; i < r.first+r.n; i++ {
			s.chips[i].until = noDay
		}
		for i := r.first; i < r.first+r.n; i++ {
			s.licenceDecision(i, d)
		}
	case ChipTransit:
		s.move(r, c, ChipInstalling, noDay)
		t := &s.sites[c.site]
		if t.energised {
			s.startBurnIn(r.first, r.n, d)
		} else {
			s.stage(t, r.first, r.n)
		}
	case ChipInstalling:
		if age >= int(s.params[ParamBurnInDays]) { // burn-in passed
			s.move(r, c, ChipActive, noDay)
			s.scheduleActive(r.first, r.n)
		} else { // failed in burn-in
			s.fail(r, c, d)
		}
	case ChipActive:
		if age >= len(s.surv)-1 {
			s.retire(r, c)
		} else {
			s.fail(r, c, d)
		}
	case ChipRepair:
		if age >= len(s.surv)-1 {
			s.retire(r, c)
		} else {
			s.move(r, c, ChipActive, noDay)
			s.scheduleActive(r.first, r.n)
		}
	}
}

// move puts the chips of r, all like c and due, into state to with their
// next event on day until (noDay: none, or not known yet) and counts them
// there.
func (s *Sim) move(r chipRange, c *chip, to ChipState, until Day) {
	v := *c
	v.state, v.until = to, int16(until)
	fill(s.chips[r.first:][:r.n], v)
	t := &s.sites[c.site]
	t.count[c.state] -= r.n
	t.count[to] += r.n
	if c.state == ChipActive {
		t.active[c.gen] -= r.n
	}
	if to == ChipActive {
		t.active[c.gen] += r.n
	}
}

// stage keeps delivered chips first..first+n-1 of site t, alike, until the
// site has power. A range joins the last one only if its chips are like
// the last one's (not if they are of another generation), so that every
// staged range is alike, as startBurnIn needs.
func (s *Sim) stage(t *site, first, n int32) {
	if k := len(t.staged); k > 0 {
		if last := &t.staged[k-1]; last.first+last.n == first && s.chips[first-1].alike(&s.chips[first]) {
			last.n += n
			return
		}
	}
	t.staged = append(t.staged, chipRange{first, n})
}

// stagedChips is the number of chips waiting for the site's power.
func (t *site) stagedChips() int64 {
	var n int64
	for _, r := range t.staged {
		n += int64(r.n)
	}
	return n
}

// fail sends the chips of r, all like c, to repair on day d and pays for
// the repairs. (stepChipEvents runs it written out.)
func (s *Sim) fail(r chipRange, c *chip, d Day) {
	day := d + Day(s.params[ParamRepairDays])
	s.move(r, c, ChipRepair, day)
	if !s.cal.add(day, r.first, r.n) {
		s.fileSlow(day, r.first, r.n)
	}
	cost := EuroCents(s.params[ParamRepairCostEUR]) * 100 * EuroCents(r.n)
	s.sites[c.site].opex += cost
	s.ledger.Maintenance += cost
	s.ledger.OperatorCash -= cost
	s.today.Failures += int64(r.n)
}

// retire takes the chips of r, all like c, out of service for good.
// (stepChipEvents runs it written out.)
func (s *Sim) retire(r chipRange, c *chip) {
	s.move(r, c, ChipRetired, noDay)
	s.sites[c.site].live -= r.n
	s.today.Retirements += int64(r.n)
}
