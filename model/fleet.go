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
// once), against which the cost of a day is compared.
func (s *Sim) FleetScan() int64 {
	var sum int64
	for i := range s.chips {
		sum += int64(s.chips[i].state)
	}
	return sum
}

// The calendar holds, for each of the next calSize days, the chips whose
// timed state ends that day. A chip's event is live only while its until
// field still names that day, so cancelling an event is setting until.
// Every delay the model schedules is shorter than calSize (validated
// through the parameter ranges: lifetime ≤ 10 years).
const (
	calSize = 4096
	calMask = calSize - 1
)

func (s *Sim) schedule(i int32, day Day) {
	s.chips[i].until = int16(day)
	b := &s.cal[day&calMask]
	*b = append(*b, i)
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
// table is the same on every platform.
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
	u := rng.Uint64(s.seed, rng.StreamFailure, uint64(i), int64(day))
	target, _ := bits.Mul64(s.surv[a], u) // uniform in [0, S(a))
	// The chip fails at the smallest age t > a with S(t) <= target. Most
	// draws outlive the limit: one comparison settles them.
	if s.surv[limit-1] > target {
		return limit
	}
	// Branch-free binary search over (a, limit-1] for that t.
	base, n := a+1, limit-1-a
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

// stepChipEvents runs the events of chips whose timed state ends today.
// Each chip's transition depends only on its own record, its site and draws
// keyed on the chip, so the order within the day does not matter.
func (s *Sim) stepChipEvents(d Day) {
	b := s.cal[d&calMask]
	life := len(s.surv) - 1
	burn := Day(s.params[ParamBurnInDays])
	for _, i := range b {
		c := &s.chips[i]
		if c.until != int16(d) {
			continue // cancelled or rescheduled
		}
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
				t.staged = append(t.staged, i)
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
	s.cal[d&calMask] = b[:0]
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
