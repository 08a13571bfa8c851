package model

// stepPolicy ends grid crunches whose time is up and adds grid investments
// that are ready.
func (s *Sim) stepPolicy(d Day) {
	for st := range s.grid {
		g := &s.grid[st]
		if g.crunchEnd != noDay && d >= g.crunchEnd {
			g.crunch, g.crunchEnd = 0, noDay
			s.say(d, MsgCrunchOver, 0, st, 0, 0)
		}
		if len(g.investments) > 0 && g.investments[0].ready <= d {
			k := 0
			for k < len(g.investments) && g.investments[k].ready <= d {
				g.spare += g.investments[k].w
				s.say(d, MsgGridReady, 0, st, int64(g.investments[k].w), 0)
				k++
			}
			g.investments = append(g.investments[:0], g.investments[k:]...)
		}
	}
}

// stepGrid works through each state's connection queue, first come first
// served: the site at the head is granted its connection when the state's
// spare capacity for large loads has room for it (never during a crunch);
// the sites behind it wait. A granted site is energised once its building
// is finished and the connection works (lead_days) are done.
func (s *Sim) stepGrid(d Day) {
	for st := range s.grid {
		g := &s.grid[st]
		for len(g.queue) > 0 && g.crunch == 0 {
			idx := g.queue[0]
			t := &s.sites[idx]
			if t.requestW > g.spare-g.granted {
				if !t.msgQueued {
					t.msgQueued = true
					s.say(d, MsgGridQueued, t.id, st, int64(t.requestW), int64(g.spare-g.granted))
				}
				break
			}
			g.granted += t.requestW
			t.granted = t.requestW
			t.grantDay = d
			t.connReady = d + Day(s.rel.states[st].LeadDays)
			t.queued = false
			g.queue = g.queue[1:]
			kw := int64(t.requestW / 1000)
			s.payCapex(t, EuroCents(kw*s.params[ParamGridConnectionEURPerKW]*100), &s.ledger.GridConn)
			s.say(d, MsgGridGranted, t.id, st, int64(t.requestW), int64(t.connReady))
		}
	}
	for idx := range s.sites {
		t := &s.sites[idx]
		if t.energised || t.removed || t.grantDay == noDay || d < t.buildEnd || d < t.connReady {
			continue
		}
		t.energised = true
		for _, r := range t.staged {
			s.startBurnIn(r.first, r.n, d)
		}
		t.staged = t.staged[:0]
		s.say(d, MsgEnergised, t.id, t.state, 0, 0)
	}
}

// efficiencyOrder sorts the generations by compute per watt, best first
// (ties by generation number): when a site has less power than its chips
// need, the most efficient chips run.
func efficiencyOrder(f *[NumGens]genFigures) [NumGens]Gen {
	var o [NumGens]Gen
	for i := range o {
		o[i] = Gen(i)
	}
	better := func(a, b Gen) bool {
		x := int64(f[a].h100e) * int64(f[b].facilityW)
		y := int64(f[b].h100e) * int64(f[a].facilityW)
		if x != y {
			return x > y
		}
		return a < b
	}
	for i := 1; i < len(o); i++ {
		for j := i; j > 0 && better(o[j], o[j-1]); j-- {
			o[j], o[j-1] = o[j-1], o[j]
		}
	}
	return o
}

// stepPower decides which chips run: a site may draw its granted
// connection, less any crunch in its state; active chips beyond that stay
// idle (throttled). Chips in burn-in are not counted (a short, small load).
func (s *Sim) stepPower(d Day) {
	maxUtil := MilliH100eHours(s.params[ParamMaxUtilisation])
	for idx := range s.sites {
		t := &s.sites[idx]
		t.powered = [NumGens]int32{}
		t.throttled, t.drawW, t.capacity, t.served = 0, 0, 0, 0
		if !t.energised {
			continue
		}
		allowed := t.granted - t.granted*Watts(s.grid[t.state].crunch)/1000
		left := allowed
		var compute MilliH100e
		for _, g := range s.effOrder {
			n := t.active[g]
			if n == 0 {
				continue
			}
			w := s.gens[g].facilityW
			k := int32(min(int64(n), int64(left/w)))
			t.powered[g] = k
			t.throttled += n - k
			left -= Watts(k) * w
			compute += MilliH100e(k) * s.gens[g].h100e
		}
		t.drawW = allowed - left
		t.capacity = MilliH100eHours(compute) * 24 * maxUtil / 1000
	}
}
