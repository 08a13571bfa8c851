package model

import (
	"errors"
	"fmt"
	"sort"

	"gigasandbox/model/rng"
)

// compileRegime checks a Regime and turns it into the form the tick uses.
func compileRegime(r Regime) (regime, error) {
	out := regime{kind: r.Kind}
	for i := range out.caps {
		out.caps[i] = -1
	}
	switch r.Kind {
	case RegimeOpen, RegimeDiffusion, RegimeStrict:
		if len(r.Caps) > 0 {
			return out, fmt.Errorf("caps: only a custom regime has caps")
		}
		return out, nil
	case RegimeCustom:
		codes := make([]string, 0, len(r.Caps))
		for code := range r.Caps {
			codes = append(codes, code)
		}
		sort.Strings(codes)
		for _, code := range codes {
			i, err := stateIndex(code)
			if err != nil {
				return out, fmt.Errorf("caps: %w", err)
			}
			if v := r.Caps[code]; v < 0 || v > 1e9 {
				return out, fmt.Errorf("caps: %s: %d out of range [0, 1000000000] H100e", code, v)
			}
			out.caps[i] = r.Caps[code]
		}
		return out, nil
	case "":
		return out, errors.New(`kind is missing (want open, diffusion-2025, strict or custom)`)
	}
	return out, fmt.Errorf("kind %q: want open, diffusion-2025, strict or custom", r.Kind)
}

// capPeriod numbers the cap periods of the 2025 rule: calendar years
// 2025–2027 are period 0, and the cap repeats every three years after.
func capPeriod(d Day) int { return (d.Year() - 2025) / 3 }

// capFor is state st's cap in thousandths of an H100e for the current
// period, or -1 if it has none.
func (s *Sim) capFor(st int) int64 {
	switch s.reg.kind {
	case RegimeDiffusion:
		if s.rel.states[st].Tier == 1 {
			return -1
		}
		c := s.params[ParamTier2CapH100e] * 1000
		if s.g2g[st] {
			c *= 2
		}
		return c
	case RegimeCustom:
		if s.reg.caps[st] < 0 {
			return -1
		}
		return s.reg.caps[st] * 1000
	}
	return -1
}

// stepLicences decides, state by state, which delivered chips get an
// export licence today. Open: all. Diffusion and custom: chips outside US
// controls and chips for validated end users pass; the rest count against
// the state's cap for the period, then against each site's yearly
// low-processing-performance allowance; what does not fit waits. Strict:
// every controlled chip goes to review (see licenceDecision).
func (s *Sim) stepLicences(d Day) {
	year := d.Year()
	period := capPeriod(d)
	lpp := MilliH100e(s.params[ParamLPPH100ePerYear] * 1000)
	for st := range s.export {
		e := &s.export[st]
		if e.period != period {
			e.period, e.used = period, 0
		}
		if len(e.queue) == 0 {
			continue
		}
		limit := s.capFor(st)
		blocked := 0
		kept := e.queue[:0]
		for _, r := range e.queue {
			c := &s.chips[r.first]
			if c.state != ChipLicence || c.until != noDay {
				// the site was removed, or the range was sent to review
				continue
			}
			t := &s.sites[c.site]
			f := &s.gens[c.gen]
			pass := r.n
			switch {
			case s.reg.kind == RegimeOpen || !genInfo[c.gen].Controlled || t.veu:
			case s.reg.kind == RegimeStrict:
				s.review(r, d)
				continue
			default:
				pass = 0
				if limit < 0 {
					pass = r.n
					break
				}
				if room := (limit - int64(e.used)) / int64(f.h100e); room > 0 {
					pass = int32(min(room, int64(r.n)))
					e.used += MilliH100e(pass) * f.h100e
				}
				if pass < r.n {
					if t.lppYear != year {
						t.lppYear, t.lppUsed = year, 0
					}
					if room := int64(lpp-t.lppUsed) / int64(f.h100e); room > 0 {
						k := int32(min(room, int64(r.n-pass)))
						t.lppUsed += MilliH100e(k) * f.h100e
						pass += k
					}
				}
			}
			s.toTransitRange(r.first, pass, d)
			if pass < r.n {
				kept = append(kept, chipRange{r.first + pass, r.n - pass})
				blocked += int(r.n - pass)
			}
		}
		e.queue = kept
		if blocked > 0 && e.msgCap != period+1 {
			e.msgCap = period + 1
			s.say(d, MsgCapReached, 0, st, int64(blocked), 0)
		}
	}
}

// review starts a strict-regime licence review for each chip of r.
func (s *Sim) review(r chipRange, d Day) {
	s.scheduleRange(r.first, r.n, d+Day(s.params[ParamStrictReviewDays]))
}

// licenceDecision ends the review of chip i. Under the strict regime a
// share is denied and filed again; if the regime has changed since, the
// chip joins its state's queue and the regime in force decides.
func (s *Sim) licenceDecision(i int32, d Day) {
	c := &s.chips[i]
	if s.reg.kind != RegimeStrict {
		s.export[s.sites[c.site].state].enqueue(chipRange{i, 1})
		return
	}
	p := uint32(s.params[ParamStrictDenialShare] << 32 / 1000)
	if rng.Below(s.seed, rng.StreamLicence, uint64(i), int64(d), p) {
		s.schedule(i, d+Day(s.params[ParamStrictReviewDays]))
		s.today.Denials++
		return
	}
	s.toTransit(i, d)
}

func (s *Sim) toTransit(i int32, d Day) {
	s.setState(i, ChipTransit)
	s.schedule(i, d+Day(s.params[ParamTransitDays]))
}

// toTransitRange ships chips first..first+n-1, licensed on day d. A range
// of the licence queue may span two sites' orders, so it is moved and filed
// a run of alike chips at a time.
func (s *Sim) toTransitRange(first, n int32, d Day) {
	day := d + Day(s.params[ParamTransitDays])
	end := first + n
	for run := first; run < end; {
		h := s.chips[run] // a copy: the comparisons read no fleet record twice
		i := run + 1
		for i < end && s.chips[i].alike(&h) {
			i++
		}
		s.move(chipRange{run, i - run}, &h, ChipTransit, day)
		s.file(day, run, i-run)
		run = i
	}
}
