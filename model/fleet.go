package model

import "math/bits"

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
// once), against which the cost of a day is compared.
func (s *Sim) FleetScan() int64 {
	var sum int64
	for i := range s.chips {
		sum += int64(s.chips[i].state)
	}
	return sum
}

// The calendar holds, for each of the next calSize days, the chips whose
// timed state ends that day, in the order they were scheduled (the order
// matters: chips whose licence review ends join their state's licence queue
// in that order). Chips scheduled one after another for the same day with
// consecutive IDs (a shipment, a batch starting burn-in) share one entry, a
// chipRange. A chip's event is live only while its until field still names
// that day, so cancelling an event is setting until. Every delay the model
// schedules is at least one day and shorter than calSize (validated through
// the parameter ranges: lifetime ≤ 10 years), so a day's list never grows
// while it is being run.
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
	days [calSize]calDay
	pool []chipRange // chunk c is pool[c*chunkSize:][:chunkSize]
	free int32       // first free chunk (linked through their last slot), -1 if none
}

// calDay is one day's list: its first and last chunk (-1 if empty), the
// number of entries in the last one (chunkEntries when there is none, so
// that the first add takes a chunk) and the chip after its last entry's
// range (-1 if empty), so that add can tell whether a chip extends the last
// entry without reading the pool.
type calDay struct {
	head, tail, n, end int32
}

var emptyDay = calDay{head: -1, tail: -1, n: chunkEntries, end: -1}

// init empties the calendar, with room for about chips pending entries.
func (c *calendar) init(chips int64) {
	for i := range c.days {
		c.days[i] = emptyDay
	}
	chunks := chips/chunkEntries + min(chips, calSize) + 1
	c.pool = make([]chipRange, 0, chunks*chunkSize)
	c.free = -1
}

// add appends chips first..first+n-1 to the list of day.
func (c *calendar) add(first, n int32, day Day) {
	b := &c.days[day&calMask]
	if b.end == first {
		c.pool[b.tail*chunkSize+b.n-1].n += n
		b.end += n
		return
	}
	b.end = first + n
	if b.n == chunkEntries { // the last chunk is full, or there is none
		k := c.chunk()
		if b.head < 0 {
			b.head = k
		} else {
			c.pool[b.tail*chunkSize+chunkEntries].first = k
		}
		b.tail, b.n = k, 0
	}
	c.pool[b.tail*chunkSize+b.n] = chipRange{first, n}
	b.n++
}

// chunk takes a chunk from the free list, or grows the pool by one.
func (c *calendar) chunk() int32 {
	if k := c.free; k >= 0 {
		c.free = c.pool[k*chunkSize+chunkEntries].first
		return k
	}
	k := int32(len(c.pool) / chunkSize)
	c.pool = append(c.pool, make([]chipRange, chunkSize)...)
	return k
}

// take detaches day's list and returns it. Run it with entries and next,
// then give its chunks back with release.
func (c *calendar) take(day Day) calDay {
	b := c.days[day&calMask]
	c.days[day&calMask] = emptyDay
	return b
}

// entries returns the entries in chunk k of list b.
func (c *calendar) entries(b calDay, k int32) []chipRange {
	if k == b.tail {
		return c.pool[k*chunkSize:][:b.n]
	}
	return c.pool[k*chunkSize:][:chunkEntries]
}

// next returns the chunk after k in list b, -1 after the last.
func (c *calendar) next(b calDay, k int32) int32 {
	if k == b.tail {
		return -1
	}
	return c.pool[k*chunkSize+chunkEntries].first
}

// release puts the chunks of a taken list on the free list.
func (c *calendar) release(b calDay) {
	if b.head < 0 {
		return
	}
	c.pool[b.tail*chunkSize+chunkEntries].first = c.free
	c.free = b.head
}

// schedule files chip i's next event for day.
func (s *Sim) schedule(i int32, day Day) {
	s.chips[i].until = int16(day)
	s.cal.add(i, 1, day)
}

// scheduleRange files the next event of chips first..first+n-1 for day.
func (s *Sim) scheduleRange(first, n int32, day Day) {
	for i := first; i < first+n; i++ {
		s.chips[i].until = int16(day)
	}
	s.cal.add(first, n, day)
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
}

// buildGuide divides the range of the survival table, S(0) down to
// S(life), into equal slices of 2^guideShift and records for each slice k
// the first age whose S falls in slice k or below (S(0)-S(t) >= k <<
// guideShift). With about as many slices as ages, the age at which a draw
// falls is found with a look-up and a search over one or two ages.
func (s *Sim) buildGuide() {
	life := len(s.surv) - 1
	span := s.surv[0] - s.surv[life]
	shift := uint(0)
	for span>>shift >= uint64(life+1) {
		shift++
	}
	s.guideShift = shift
	slices := int(span>>shift) + 1
	s.guide = make([]int32, slices+1)
	t := 0
	for k := range s.guide {
		for t <= life && (s.surv[0]-s.surv[t])>>shift < uint64(k) {
			t++
		}
		s.guide[k] = int32(t)
	}
}

// lifetime is a chip's service life in days.
func (s *Sim) lifetime() int { return int(s.params[ParamLifetimeYears] * 36525 / 10000) }

// failureAge draws the age (in days) at which chip i, healthy at age a,
// next fails, looking no further than age limit: it returns limit if the
// chip does not fail before then. The draw is keyed on the chip and the
// day, so it does not depend on update order.
func (s *Sim) failureAge(i int32, a, limit int, day Day) int {
	if a >= limit {
		return limit
	}
	u := s.failKey.Uint64(uint64(i), int64(day))
	// target is uniform in [0, S(a)). S(0) is 2^62, so at age 0 (every
	// chip's burn-in) it is u>>2 exactly, without a 128-bit product.
	target := u >> 2
	if a > 0 {
		target, _ = bits.Mul64(s.surv[a], u)
	}
	// The chip fails at the smallest age t > a with S(t) <= target. Most
	// draws outlive the limit: one comparison settles them.
	if s.surv[limit-1] > target {
		return limit
	}
	// Otherwise S(limit-1) <= target < S(a). Every age before
	// guide[k] has S above target and the age guide[k+1] (if within the
	// table) has S below it, where k is target's slice; and every age up
	// to a has S above target. So t is in [max(guide[k], a+1),
	// min(guide[k+1], limit-1)]: a binary search (branch-free) over a range
	// of one or two ages, the same t as a search of the whole table.
	k := (s.surv[0] - target) >> s.guideShift
	lo := max(int(s.guide[k]), a+1)
	hi := min(int(s.guide[k+1]), limit-1)
	base, n := lo, hi-lo+1
	for n > 1 {
		half := n >> 1
		if s.surv[base+half-1] > target {
			base += half
		}
		n -= half
	}
	return base
}

// scheduleFromAge schedules an active chip's next event, a failure or its
// retirement, drawn from age a onwards. Draws happen on day s.day.
func (s *Sim) scheduleFromAge(i int32, a int) {
	c := &s.chips[i]
	t := s.failureAge(i, a, len(s.surv)-1, s.day)
	day := Day(c.born) + Day(t)
	if day <= s.day {
		day = s.day + 1
	}
	s.schedule(i, day)
}

// startBurnIn puts a delivered chip into burn-in on day d.
func (s *Sim) startBurnIn(i int32, d Day) {
	c := &s.chips[i]
	c.born = int16(d)
	burn := int(s.params[ParamBurnInDays])
	t := s.failureAge(i, 0, burn, d)
	if t < burn {
		s.schedule(i, d+Day(t))
		return
	}
	s.schedule(i, d+Day(burn))
}

// stepChipEvents runs the events of chips whose timed state ends today, in
// the order they were scheduled.
//
// It works in batches: first it collects the next chips whose event is
// live, then it runs them. Events are scattered over the fleet, and the
// collecting loop is short enough for the processor to fetch many chip
// records at once instead of waiting for one cache miss per event. The
// result is the same as running each event as it is found: no chip has two
// live entries in a day's list, and an event changes only its own chip.
func (s *Sim) stepChipEvents(d Day) {
	list := s.cal.take(d)
	var due [256]int32
	n := 0
	for k := list.head; k >= 0; k = s.cal.next(list, k) {
		for _, r := range s.cal.entries(list, k) {
			for i := r.first; i < r.first+r.n; i++ {
				if s.chips[i].until != int16(d) {
					continue // cancelled
				}
				due[n] = i
				n++
				if n == len(due) {
					s.runEvents(due[:], d)
					n = 0
				}
			}
		}
	}
	s.runEvents(due[:n], d)
	s.cal.release(list)
}

// runEvents moves each chip of due, whose timed state ends on day d, on to
// its next state. Each chip's transition depends only on its own record,
// its site and draws keyed on the chip.
func (s *Sim) runEvents(due []int32, d Day) {
	life := len(s.surv) - 1
	burn := Day(s.params[ParamBurnInDays])
	for _, i := range due {
		c := &s.chips[i]
		c.until = noDay
		switch c.state {
		case ChipLicence:
			s.licenceDecision(i, d)
		case ChipTransit:
			t := &s.sites[c.site]
			s.setState(i, ChipInstalling)
			if t.energised {
				s.startBurnIn(i, d)
			} else {
				t.stage(i)
			}
		case ChipInstalling:
			if d-Day(c.born) >= burn {
				s.setState(i, ChipActive)
				s.scheduleFromAge(i, int(d-Day(c.born)))
			} else {
				s.fail(i, d)
			}
		case ChipActive:
			if int(d-Day(c.born)) >= life {
				s.retire(i)
			} else {
				s.fail(i, d)
			}
		case ChipRepair:
			if int(d-Day(c.born)) >= life {
				s.retire(i)
				break
			}
			s.setState(i, ChipActive)
			s.scheduleFromAge(i, int(d-Day(c.born)))
		}
	}
}

// stage keeps delivered chip i until the site has power.
func (t *site) stage(i int32) {
	if n := len(t.staged); n > 0 {
		if last := &t.staged[n-1]; last.first+last.n == i {
			last.n++
			return
		}
	}
	t.staged = append(t.staged, chipRange{i, 1})
}

// stagedChips is the number of chips waiting for the site's power.
func (t *site) stagedChips() int64 {
	var n int64
	for _, r := range t.staged {
		n += int64(r.n)
	}
	return n
}

// fail sends chip i to repair and pays for the repair.
func (s *Sim) fail(i int32, d Day) {
	s.setState(i, ChipRepair)
	s.schedule(i, d+Day(s.params[ParamRepairDays]))
	t := &s.sites[s.chips[i].site]
	cost := EuroCents(s.params[ParamRepairCostEUR]) * 100
	t.opex += cost
	s.ledger.Maintenance += cost
	s.ledger.OperatorCash -= cost
	s.today.Failures++
}

// retire takes chip i out of service for good.
func (s *Sim) retire(i int32) {
	c := &s.chips[i]
	c.until = noDay
	s.setState(i, ChipRetired)
	s.sites[c.site].live--
	s.today.Retirements++
}
