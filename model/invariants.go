package model

import "fmt"

// CheckInvariants recomputes what the simulation keeps incrementally and
// compares: every chip ordered is in exactly one state and the per-site
// counters agree with the chips; money in equals money out plus balance;
// no site draws more power than its connection grants; no state grants more
// than its capacity. It walks the whole fleet, so tests call it, not the
// tick.
func (s *Sim) CheckInvariants() error {
	counts := make([][NumChipStates]int32, len(s.sites))
	active := make([][NumGens]int32, len(s.sites))
	for i := range s.chips {
		c := &s.chips[i]
		if c.state >= NumChipStates || c.gen >= NumGens || int(c.site) >= len(s.sites) {
			return fmt.Errorf("chip %d: state %d, gen %d, site %d out of range", i, c.state, c.gen, c.site)
		}
		counts[c.site][c.state]++
		if c.state == ChipActive {
			active[c.site][c.gen]++
		}
		timed := c.state == ChipTransit || c.state == ChipActive || c.state == ChipRepair
		if timed && (c.until == noDay || Day(c.until) < s.day) {
			return fmt.Errorf("chip %d: %s with no pending event (until %d, day %d)", i, c.state, c.until, s.day)
		}
	}
	var total int64
	var capex, opex, revenue EuroCents
	for i := range s.sites {
		t := &s.sites[i]
		var live int32
		for k := ChipState(0); k < NumChipStates; k++ {
			if counts[i][k] != t.count[k] {
				return fmt.Errorf("site %d: %d chips %s, counter says %d", t.id, counts[i][k], k, t.count[k])
			}
			total += int64(t.count[k])
			if k != ChipRetired {
				live += t.count[k]
			}
		}
		if live != t.live {
			return fmt.Errorf("site %d: %d chips not retired, counter says %d", t.id, live, t.live)
		}
		if active[i] != t.active {
			return fmt.Errorf("site %d: active by generation %v, counter says %v", t.id, active[i], t.active)
		}
		if t.drawW > t.granted {
			return fmt.Errorf("site %d: draws %d W, granted %d W", t.id, t.drawW, t.granted)
		}
		if t.drawW < 0 || t.throttled < 0 {
			return fmt.Errorf("site %d: negative draw %d or throttled %d", t.id, t.drawW, t.throttled)
		}
		capex += t.capex
		opex += t.opex
		revenue += t.revenue
	}
	if total != int64(len(s.chips)) {
		return fmt.Errorf("%d chips counted in states, %d ordered", total, len(s.chips))
	}
	for st := range s.grid {
		if s.grid[st].granted > s.grid[st].spare && s.grid[st].granted > 0 {
			// Investments only add capacity and crunches only throttle, so
			// grants can never pass capacity.
			return fmt.Errorf("%s: granted %d W of %d W capacity", StateCode(st), s.grid[st].granted, s.grid[st].spare)
		}
	}
	l := &s.ledger
	if err := l.Balanced(); err != nil {
		return fmt.Errorf("ledger: %w", err)
	}
	if capex != l.Chips+l.Buildings+l.GridConn {
		return fmt.Errorf("ledger: sites' capex %d != chips + buildings + grid %d", capex, l.Chips+l.Buildings+l.GridConn)
	}
	if revenue-opex != l.OperatorCash {
		return fmt.Errorf("ledger: sites' revenue %d - opex %d != operator cash %d", revenue, opex, l.OperatorCash)
	}
	if l.FundLeft < 0 {
		return fmt.Errorf("ledger: fund is negative (%d)", l.FundLeft)
	}
	return nil
}

// CheckCalendar checks that every chip with a pending event (until set)
// has exactly one calendar entry, on that day, and that the chips of an
// entry are alike: running an event reads only its first chip. An active
// chip due to retire is covered by its batch's retirement sweep instead
// (a sweep's chips are of one site, generation and birthday). It walks
// the fleet and every pending event (in scattered order), so tests call
// it, and less often than CheckInvariants.
func (s *Sim) CheckCalendar() error {
	seen := make([]uint64, (len(s.chips)+63)/64)
	var listed int64
	for day := s.day; day < s.day+calSize; day++ {
		b := s.cal.list(day)
		for k := b.head; k >= 0; k = s.cal.next(b, k) {
			for _, r := range s.cal.entries(b, k) {
				if r.n < 0 { // a retirement sweep: its active chips due that day
					h := &s.chips[r.first]
					for i := r.first; i < r.first-r.n; i++ {
						c := &s.chips[i]
						if c.site != h.site || c.gen != h.gen || c.born != h.born {
							return fmt.Errorf("calendar: chip %d (site %d, gen %d, born %d) in the sweep of chip %d (site %d, gen %d, born %d) on day %d",
								i, c.site, c.gen, c.born, r.first, h.site, h.gen, h.born, day)
						}
						if Day(c.until) != day || c.state != ChipActive {
							continue
						}
						if seen[i/64]&(1<<(i%64)) != 0 {
							return fmt.Errorf("calendar: chip %d filed twice", i)
						}
						seen[i/64] |= 1 << (i % 64)
						listed++
					}
					continue
				}
				if Day(s.chips[r.first].until) != day {
					continue // cancelled: its site was removed
				}
				for i := r.first; i < r.first+r.n; i++ {
					c, h := &s.chips[i], &s.chips[r.first]
					if Day(c.until) != day || !c.alike(h) {
						return fmt.Errorf("calendar: chip %d (%s, site %d, gen %d, born %d, until %d) filed on day %d with chip %d (%s, site %d, gen %d, born %d)",
							i, c.state, c.site, c.gen, c.born, c.until, day, r.first, h.state, h.site, h.gen, h.born)
					}
					if seen[i/64]&(1<<(i%64)) != 0 {
						return fmt.Errorf("calendar: chip %d filed twice", i)
					}
					seen[i/64] |= 1 << (i % 64)
					listed++
				}
			}
		}
	}
	var pending int64
	for i := range s.chips {
		if s.chips[i].until != noDay {
			pending++
		}
	}
	if pending != listed {
		return fmt.Errorf("calendar: %d chips have a pending event, %d are filed", pending, listed)
	}
	return nil
}
