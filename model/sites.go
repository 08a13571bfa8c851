package model

// stepSites starts construction on sites whose start day has come and
// marks finished buildings. A site asks for its grid connection the day
// construction starts.
func (s *Sim) stepSites(d Day) {
	for idx := range s.sites {
		t := &s.sites[idx]
		if t.removed || t.started || t.spec.Start != d {
			continue
		}
		t.started = true
		build := Day(s.params[ParamBuildDays])
		if s.levers.FastTrack {
			build -= build * Day(s.params[ParamFastTrackCut]) / 1000
		}
		t.buildEnd = d + build
		g := s.orderGen(t, d)
		if s.rel.catalogue != nil {
			// In a release whose generations go on sale by date, the
			// site asks for the power of the chips it will order when
			// its building nears its end (stepOrders), not of today's.
			g = s.orderGen(t, max(d, t.buildEnd-Day(s.params[ParamOrderLeadDays])))
		}
		t.requestW = Watts(t.spec.Chips) * s.gens[g].facilityW
		itW := Watts(t.spec.Chips) * s.gens[g].itW
		// building cost per watt of critical IT load, in dollars
		cost := usdToCents(int64(itW)*s.params[ParamBuildCostUSDPerW]/100, &s.params)
		s.payCapex(t, cost, &s.ledger.Buildings)
		s.grid[t.state].queue = append(s.grid[t.state].queue, idx)
		t.queued = true
		s.say(d, MsgConstruction, t.id, t.state, int64(t.buildEnd), 0)
	}
}

// orderGen is the generation a site orders on day d.
func (s *Sim) orderGen(t *site, d Day) Gen {
	if t.choice != GenBest {
		return t.choice
	}
	best := GenH100
	for _, g := range []Gen{GenH100, GenB200, GenEU, GenGB200, GenGB300, GenVR200} {
		if g >= s.rel.gens {
			break // release 2026-11 knows the first three only
		}
		f := &s.gens[g]
		if f.firstDay > d || f.supplyPerMon <= 0 {
			continue
		}
		// with a catalogue, of two with the same compute the newer one,
		// which the vendor now ships (GB300 over GB200)
		newer := s.rel.catalogue != nil && f.h100e == s.gens[best].h100e && f.firstDay > s.gens[best].firstDay
		if f.h100e > s.gens[best].h100e || newer {
			best = g
		}
	}
	return best
}

// payCapex pays a capital cost of site t: the EU share from the fund while
// it lasts, the host share, and private investors for the rest (including
// any EU share the fund can no longer pay).
func (s *Sim) payCapex(t *site, cost EuroCents, category *EuroCents) {
	l := &s.ledger
	eu := cost * EuroCents(s.levers.EUShare) / 1000
	host := cost * EuroCents(s.levers.HostShare) / 1000
	if eu > l.FundLeft {
		l.Unfunded += eu - l.FundLeft
		eu = l.FundLeft
		if !s.fundMsg {
			s.fundMsg = true
			s.say(s.day, MsgFundExhausted, t.id, t.state, 0, 0)
		}
	}
	l.FundLeft -= eu
	l.EUCapex += eu
	l.HostCapex += host
	l.PrivateCapex += cost - eu - host
	*category += cost
	t.capex += cost
}

// stepOrders places chip orders: a site orders up to its target once its
// power is in sight (order_lead_days before the later of the building's end
// and the grid connection), and orders replacements for retired chips.
func (s *Sim) stepOrders(d Day) {
	lead := Day(s.params[ParamOrderLeadDays])
	for idx := range s.sites {
		t := &s.sites[idx]
		if t.removed || !t.started || !t.replace || t.live >= t.spec.Chips || t.grantDay == noDay {
			continue
		}
		if d < max(t.buildEnd, t.connReady)-lead {
			continue
		}
		s.order(idx, t.spec.Chips-t.live, d)
	}
}

// order buys n chips for site idx and queues them at the supplier.
func (s *Sim) order(idx int, n int32, d Day) {
	t := &s.sites[idx]
	g := s.orderGen(t, d)
	first := int32(len(s.chips))
	if int(first+n) <= cap(s.chips) { // the fleet is sized for the run: no zeroing first
		s.chips = s.chips[:first+n]
	} else {
		s.chips = append(s.chips, make([]chip, n)...)
	}
	fill(s.chips[first:], chip{state: ChipOrdered, gen: g, site: uint16(idx), until: noDay, born: noDay})
	t.live += n
	t.count[ChipOrdered] += n
	s.supply[g].push(chipRange{first, n})
	s.payCapex(t, EuroCents(n)*s.chipPrice(g, d), &s.ledger.Chips)
	s.today.Ordered += int64(n)
}

// chipPrice is the price of one chip of generation g (with networking) on
// day d: the 2026 price falling by chip_price_decline each year.
func (s *Sim) chipPrice(g Gen, d Day) EuroCents {
	p := s.gens[g].price2026
	for y := StartYear; y < d.Year(); y++ {
		p -= p * EuroCents(s.params[ParamChipPriceDecline]) / 1000
	}
	return p
}

// supplyQueue is the supplier's order book for one generation, first come
// first served.
type supplyQueue struct {
	orders []chipRange
	head   int
	credit int64 // deliveries owed, in thousandths of a chip
}

func (q *supplyQueue) push(r chipRange) {
	if q.head > 0 && q.head == len(q.orders) {
		q.orders, q.head = q.orders[:0], 0
	}
	q.orders = append(q.orders, r)
}

// stepSupply delivers each generation's daily supply, first come first
// served, into the licence queue of each chip's member state.
func (s *Sim) stepSupply(d Day) {
	for g := Gen(0); g < NumGens; g++ {
		q := &s.supply[g]
		f := &s.gens[g]
		if q.head == len(q.orders) {
			q.credit = 0
			continue
		}
		if d < f.firstDay {
			continue
		}
		q.credit += s.monthlySupply(g, d) * 12 * 1000 / 365
		for q.head < len(q.orders) && q.credit >= 1000 {
			r := &q.orders[q.head]
			if s.chips[r.first].state != ChipOrdered {
				q.head++ // its site was removed: the order is cancelled
				continue
			}
			k := min(int64(r.n), q.credit/1000)
			q.credit -= k * 1000
			s.deliver(chipRange{r.first, int32(k)})
			r.first += int32(k)
			r.n -= int32(k)
			if r.n == 0 {
				q.head++
			}
		}
	}
}

// monthlySupply is generation g's supply per month on day d: the first
// year's figure growing by supply_growth a year (H100 supply is flat).
func (s *Sim) monthlySupply(g Gen, d Day) int64 {
	f := &s.gens[g]
	m := f.supplyPerMon
	if g == GenH100 {
		return m
	}
	from := StartYear
	if f.firstDay != noDay {
		from = f.firstDay.Year()
	}
	for y := from; y < d.Year(); y++ {
		m += m * s.params[ParamSupplyGrowth] / 1000
		if m > 1<<40 {
			break
		}
	}
	return m
}

// deliver hands produced chips to the export-licence queue of their state.
// The chips of r are part of one order, so of one site. Chips of removed
// sites have already retired and are skipped.
func (s *Sim) deliver(r chipRange) {
	c := &s.chips[r.first]
	if c.state != ChipOrdered {
		return
	}
	t := &s.sites[c.site]
	// r is part of one order (supplyQueue holds orders), whose chips are
	// identical records until they are delivered.
	v := *c
	v.state = ChipLicence
	fill(s.chips[r.first:][:r.n], v)
	t.count[ChipOrdered] -= r.n
	t.count[ChipLicence] += r.n
	s.export[t.state].enqueue(r)
	s.today.Delivered += int64(r.n)
}

func (e *exportState) enqueue(r chipRange) {
	if n := len(e.queue); n > 0 {
		last := &e.queue[n-1]
		if last.first+last.n == r.first {
			last.n += r.n
			return
		}
	}
	e.queue = append(e.queue, r)
}

// removeSite retires every chip of the site, cancels its grid request and
// releases its connection. Money already spent stays spent.
func (s *Sim) removeSite(idx int) {
	t := &s.sites[idx]
	for i := range s.chips {
		c := &s.chips[i]
		if int(c.site) != idx || c.state == ChipRetired {
			continue
		}
		c.until = noDay
		s.setState(int32(i), ChipRetired)
	}
	t.live = 0
	t.staged = t.staged[:0]
	g := &s.grid[t.state]
	if t.queued {
		for k, v := range g.queue {
			if v == idx {
				g.queue = append(g.queue[:k], g.queue[k+1:]...)
				break
			}
		}
		t.queued = false
	}
	if !t.spec.Existing {
		g.granted -= t.granted
	}
	t.granted = 0
	// it runs nothing from now (stepPower would say so only tomorrow)
	t.powered = [NumGens]int32{}
	t.throttled, t.drawW, t.capacity, t.served = 0, 0, 0, 0
	t.removed = true
	t.energised = false
	t.status = SiteRemoved
}
