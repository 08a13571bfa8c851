package model

import (
	"fmt"
	"math/bits"
)

// Demand segments.
const (
	SegStartups = iota
	SegResearch
	SegIndustry
	SegPublic
	NumSegments
)

// demandState follows the growth of demand and the price of compute.
type demandState struct {
	year       int
	index0     int64 // demand index at the start of the year, millionths of 2026's level
	index1     int64 // at the start of next year, at the growth rate in force
	yearStart  Day
	yearLen    Day
	price      EuroCents // per H100e-hour this year, in hundredths of a cent
	startups0  int64     // AI companies at the start, thousandths
	stateShare [NumStates]int64
	startups   [NumStates]int64 // AI companies by state, thousandths
	moved      [NumStates]int64 // relocated so far, thousandths
}

func (dm *demandState) init(s *Sim) {
	dm.year = StartYear
	dm.index0 = 1000000
	dm.yearStart = 0
	dm.yearLen = startOfYear(StartYear+1) - startOfYear(StartYear)
	dm.price = EuroCents(s.params[ParamComputePriceEUR]) * 100
	dm.startups0 = s.params[ParamStartups2026] * 1000
	for st := range s.rel.states {
		dm.stateShare[st] = s.rel.states[st].DemandPPM
		dm.startups[st] = dm.startups0 * s.rel.states[st].DemandPPM / 1000000
	}
	dm.setGrowth(s)
}

// setGrowth recomputes next year's demand index at the growth lever in
// force (called each new year and when the lever moves).
func (dm *demandState) setGrowth(s *Sim) {
	p, _ := growthParam(s.levers.DemandGrowth)
	dm.index1 = dm.index0 + dm.index0*s.params[p]/1000
}

// index is today's demand index: linear within a year between compounded
// yearly values, so a growth rate g gives exactly (1+g) per year with
// integer arithmetic and no Pow.
func (dm *demandState) index(s *Sim, d Day) int64 {
	if y := d.Year(); y != dm.year {
		dm.year = y
		dm.index0 = dm.index1
		dm.yearStart = startOfYear(y)
		dm.yearLen = startOfYear(y+1) - dm.yearStart
		dm.setGrowth(s)
		dm.price -= dm.price * EuroCents(s.params[ParamComputePriceDecline]) / 1000
	}
	return dm.index0 + (dm.index1-dm.index0)*int64(d-dm.yearStart)/int64(dm.yearLen)
}

// stepDemand computes each state's demand by segment, serves it from the
// sites' capacity — each state's own sites first if prefer_same_state,
// then the pool of what is left — and books revenue, vouchers, leakage and
// the growth or relocation of startups.
func (s *Sim) stepDemand(d Day) {
	dm := &s.dem
	idx := dm.index(s, d)
	base := mulDiv(s.params[ParamDemandH100e2026]*1000*24, idx, 1000000) // milli-H100e-hours
	var segTotal [NumSegments]int64
	shares := [NumSegments]int64{s.params[ParamStartupShare], s.params[ParamResearchShare], s.params[ParamIndustryShare], s.params[ParamPublicShare]}
	for k := range segTotal {
		segTotal[k] = mulDiv(base, shares[k], 1000)
	}
	var startupsNow int64
	for st := range dm.startups {
		startupsNow += dm.startups[st]
	}
	if dm.startups0 > 0 {
		segTotal[SegStartups] = mulDiv(segTotal[SegStartups], startupsNow, dm.startups0)
	}

	// demand and local capacity by state
	var dem [NumStates][NumSegments]int64
	var demTot, capState, local [NumStates]int64
	// Each state's demand in a segment is perMillion(segment total, state
	// share). Segment totals are never negative (mulDiv), so where a
	// state's share is not negative and its products with all four totals
	// fit in 64 bits (always, at the model's sizes) the quotients are
	// perMillion's own fast path, computed here rather than through 108
	// calls a day (a call costs ~2.5 ns in WebAssembly).
	segBits := bits.Len64(uint64(max(segTotal[0], segTotal[1], segTotal[2], segTotal[3])))
	for st := range dem {
		share := dm.stateShare[st]
		if share >= 0 && segBits+bits.Len64(uint64(share)) <= 64 {
			for k := range segTotal {
				dem[st][k] = int64(uint64(segTotal[k]) * uint64(share) / 1000000)
				demTot[st] += dem[st][k]
			}
			continue
		}
		for k := range segTotal {
			dem[st][k] = perMillion(segTotal[k], share)
			demTot[st] += dem[st][k]
		}
	}
	for idx := range s.sites {
		t := &s.sites[idx]
		capState[t.state] += int64(t.capacity)
	}
	var poolCap, poolDem int64
	for st := range dem {
		if s.levers.PreferSameState {
			local[st] = min(demTot[st], capState[st])
		}
		poolCap += capState[st] - local[st]
		poolDem += demTot[st] - local[st]
	}
	pooled := min(poolCap, poolDem)

	// each site serves its share of its state's local service, then its
	// share of the pooled service
	var served MilliH100eHours
	for idx := range s.sites {
		t := &s.sites[idx]
		if t.capacity == 0 {
			continue
		}
		c := int64(t.capacity)
		var used int64
		if capState[t.state] > 0 {
			used = mulDiv(c, local[t.state], capState[t.state])
		}
		if poolCap > 0 {
			used += mulDiv(c-used, pooled, poolCap)
		}
		t.served = MilliH100eHours(used)
		t.computeDone += t.served
		served += t.served
	}

	// service by state and segment; startups first while vouchers are paid
	vouchers := s.levers.VoucherShare > 0 && s.ledger.FundLeft > 0
	var startupServed, startupDemand int64
	var servedState [NumStates]int64
	for st := range dem {
		got := local[st]
		if poolDem > 0 {
			got += mulDiv(demTot[st]-local[st], pooled, poolDem)
		}
		servedState[st] = got
		var su int64
		switch {
		case demTot[st] == 0:
		case vouchers:
			su = min(got, dem[st][SegStartups])
		default:
			su = mulDiv(got, dem[st][SegStartups], demTot[st])
		}
		startupServed += su
		startupDemand += dem[st][SegStartups]
		s.stepStartups(st, su, dem[st][SegStartups])
	}

	// revenue at this year's price; the fund pays the voucher share of
	// startups' bills while it has money
	price := dm.price // hundredths of a cent per H100e-hour
	var revenue EuroCents
	for idx := range s.sites {
		t := &s.sites[idx]
		r := EuroCents(mulDiv(int64(t.served), int64(price), 100000))
		t.revenue += r
		revenue += r
	}
	voucher := EuroCents(0)
	if vouchers {
		voucher = EuroCents(mulDiv(mulDiv(startupServed, int64(price), 100000), int64(s.levers.VoucherShare), 1000))
		voucher = min(voucher, revenue, s.ledger.FundLeft)
		if voucher == s.ledger.FundLeft && !s.fundMsg {
			s.fundMsg = true
			s.say(d, MsgFundExhausted, 0, -1, 0, 0)
		}
	}
	s.ledger.FundLeft -= voucher
	s.ledger.Vouchers += voucher
	s.ledger.CustomerRevenue += revenue - voucher
	s.ledger.OperatorCash += revenue

	var total int64
	for st := range demTot {
		total += demTot[st]
	}
	s.today.Demand = MilliH100eHours(total)
	s.today.Served = served
	s.today.Leaked = MilliH100eHours(total) - served
	s.today.StartupDemand = MilliH100eHours(startupDemand)
	s.today.StartupServed = MilliH100eHours(startupServed)
	s.today.Revenue = revenue
	s.today.VouchersPaid = voucher
}

// stepStartups grows the startups of state st whose needs are met and lets
// a share relocate in proportion to the unmet need.
func (s *Sim) stepStartups(st int, served, demand int64) {
	dm := &s.dem
	ratio := int64(1000)
	if demand > 0 {
		ratio = served * 1000 / demand
	}
	if ratio >= s.params[ParamServedThreshold] {
		dm.startups[st] += dm.startups[st] * s.params[ParamStartupGrowth] / 365000
	}
	loss := mulDiv(dm.startups[st], s.params[ParamStartupRelocation]*(1000-ratio), 365000000)
	dm.startups[st] -= loss
	dm.moved[st] += loss
}

// stepRunningCost books electricity, maintenance and emissions for the day.
func (s *Sim) stepRunningCost(d Day) {
	maint := EuroCents(s.params[ParamMaintenanceEURPerChipYear]) * 100
	ppa := int64(s.levers.PPAShare)
	premium := s.params[ParamPPAPremiumEURPerMWh] * 10 // cents per MWh
	for idx := range s.sites {
		t := &s.sites[idx]
		if t.removed {
			continue
		}
		kwh := KWh(int64(t.drawW) * 24 / 1000)
		st := &s.rel.states[t.state]
		ppa := s.ppaShareOf(t.state, d, ppa)
		price := st.PriceCentsPerMWh + s.priceStepOf(t.state, d) + premium*ppa/1000
		elec := EuroCents(int64(kwh) * price / 1000)
		chips := t.count[ChipActive] + t.count[ChipRepair] + t.count[ChipInstalling]
		m := EuroCents(chips) * maint / 365
		em := GramsCO2(int64(kwh) * st.CarbonGPerKWh * (1000 - ppa) / 1000)
		t.opex += elec + m
		t.energy += kwh
		t.emissions += em
		s.ledger.Electricity += elec
		s.ledger.Maintenance += m
		s.ledger.OperatorCash -= elec + m
		s.today.Energy += kwh
		s.today.Emissions += em
		s.today.Electricity += elec
	}
}

// growthParam is the assumption that gives the growth rate a demand_growth
// choice names.
func growthParam(s string) (Param, error) {
	switch s {
	case "slow":
		return ParamGrowthSlow, nil
	case "base":
		return ParamGrowthBase, nil
	case "boom":
		return ParamGrowthBoom, nil
	}
	return 0, fmt.Errorf("demand_growth %q: want slow, base or boom", s)
}

// priceStepOf is what the release's rules add to state st's power price
// for data centres on day d, in cents per MWh (Finland's tax from July
// 2026 in release 2026-12; nothing in 2026-11).
func (s *Sim) priceStepOf(st int, d Day) int64 {
	var add int64
	for _, p := range s.rel.priceSteps {
		if p.state == st && d >= p.from {
			add += p.centsPerMWh
		}
	}
	return add
}

// ppaShareOf is the share of a site's power in state st bought as
// renewable PPAs on day d: the lever's, or all of it where a rule of the
// release requires renewable supply (Germany from 2027 in release 2026-12).
func (s *Sim) ppaShareOf(st int, d Day, lever int64) int64 {
	for _, r := range s.rel.renewableRules {
		if r.state == st && d >= r.from {
			return 1000
		}
	}
	return lever
}
