package model

// DayStats are the outcomes of one day, for the whole EU. Flows (Energy,
// Revenue, ...) are the day's; stocks (Chips, Ledger, ...) are at the end of
// the day.
type DayStats struct {
	Day   Day
	Chips [NumChipStates]int64 // all chips by state
	Sites [NumSiteStatus]int32 // sites by status

	Ordered, Delivered, Failures, Retirements, Denials int64 // chips, today

	ChipsThrottled  int64
	ComputeCapacity MilliH100eHours // sellable compute of the running chips
	PowerDrawn      Watts
	PowerCurtailed  Watts // power the throttled chips would draw
	GridGranted     Watts // connections granted to sites
	GridQueueSites  int32
	GridQueueW      Watts
	LicenceWaiting  int64
	Demand          MilliH100eHours
	Served          MilliH100eHours
	Leaked          MilliH100eHours // unserved: goes to non-EU clouds
	StartupDemand   MilliH100eHours
	StartupServed   MilliH100eHours
	StartupsActive  int64 // AI companies in the EU, thousandths
	StartupsMoved   int64 // relocated so far, thousandths
	Energy          KWh
	Emissions       GramsCO2
	Electricity     EuroCents
	Revenue         EuroCents
	VouchersPaid    EuroCents
	Ledger          Ledger
}

// Utilisation is the share of running chip-hours sold, in thousandths.
func (d *DayStats) Utilisation() Permille {
	if d.ComputeCapacity == 0 {
		return 0
	}
	return Permille(int64(d.Served) * 1000 / int64(d.ComputeCapacity))
}

// record finishes the day's outcomes.
func (s *Sim) record(d Day) {
	st := &s.today
	var byState [NumStates]int32
	for idx := range s.sites {
		t := &s.sites[idx]
		t.status = s.siteStatus(t, d)
		st.Sites[t.status]++
		for k := range t.count {
			st.Chips[k] += int64(t.count[k])
		}
		byState[t.state] += t.count[ChipActive]
		st.ChipsThrottled += int64(t.throttled)
		st.ComputeCapacity += t.capacity
		st.PowerDrawn += t.drawW
		st.GridGranted += t.granted
		for _, g := range s.effOrder {
			st.PowerCurtailed += Watts(t.active[g]-t.powered[g]) * s.gens[g].facilityW
		}
		if t.queued {
			st.GridQueueSites++
			st.GridQueueW += t.requestW
		}
	}
	st.LicenceWaiting = st.Chips[ChipLicence]
	for i := range s.export {
		st.StartupsActive += s.dem.startups[i]
		st.StartupsMoved += s.dem.moved[i]
	}
	st.Ledger = s.ledger
	s.history = append(s.history, *st)
	s.byState = append(s.byState, byState)
}

// siteStatus derives a site's status from its state on day d.
func (s *Sim) siteStatus(t *site, d Day) SiteStatus {
	switch {
	case t.removed:
		return SiteRemoved
	case !t.started && !t.spec.Existing:
		return SitePlanned
	case !t.energised && d < t.buildEnd:
		return SiteConstruction
	case !t.energised:
		return SiteWaitingGrid
	case t.live == 0 && !t.replace:
		return SiteClosed
	case t.throttled > 0:
		return SiteThrottled
	}
	running := t.count[ChipActive] + t.count[ChipRepair]
	if t.replace && int64(running)*100 < int64(t.spec.Chips)*95 {
		return SiteWaitingChips
	}
	return SiteOperating
}

// Today returns the outcomes of the last simulated day (zero before the
// first Step).
func (s *Sim) Today() DayStats { return s.today }

// History returns the outcomes of every simulated day, oldest first. The
// slice is shared: read it, do not change it.
func (s *Sim) History() []DayStats { return s.history }

// ActiveByState returns, for every simulated day, the active chips in each
// member state (index as in States). The slice is shared: read only.
func (s *Sim) ActiveByState() [][NumStates]int32 { return s.byState }

// Ledger returns the money of the run so far.
func (s *Sim) Ledger() Ledger { return s.ledger }

// SiteInfo is what the outside sees of a site.
type SiteInfo struct {
	ID          SiteID
	Spec        SiteSpec
	Status      SiteStatus
	BuildEnd    Day // noDay-valued (-32768) until construction starts
	GrantDay    Day
	PowerReady  Day
	Chips       [NumChipStates]int32
	ActiveByGen [NumGens]int32
	Throttled   int32
	RequestW    Watts
	GrantedW    Watts
	DrawW       Watts
	Capacity    MilliH100eHours // today
	Served      MilliH100eHours // today
	Capex       EuroCents
	Opex        EuroCents
	Revenue     EuroCents
	Energy      KWh
	Emissions   GramsCO2
	ComputeDone MilliH100eHours
}

// NoDay is the Day value of a date that has not happened yet.
const NoDay Day = noDay

// Sites returns every site, in ID order (ID = index + 1).
func (s *Sim) Sites() []SiteInfo {
	out := make([]SiteInfo, len(s.sites))
	for i := range s.sites {
		t := &s.sites[i]
		out[i] = SiteInfo{
			ID: t.id, Spec: t.spec, Status: t.status, BuildEnd: t.buildEnd, GrantDay: t.grantDay, PowerReady: t.connReady,
			Chips: t.count, ActiveByGen: t.active, Throttled: t.throttled,
			RequestW: t.requestW, GrantedW: t.granted, DrawW: t.drawW, Capacity: t.capacity, Served: t.served,
			Capex: t.capex, Opex: t.opex, Revenue: t.revenue, Energy: t.energy, Emissions: t.emissions, ComputeDone: t.computeDone,
		}
		out[i].Spec.State = StateAt(t.state)
	}
	return out
}

// ChipsOf calls fn for every chip of site id, in chip order, with its state
// and generation: the fleet view draws one pixel per call.
func (s *Sim) ChipsOf(id SiteID, fn func(state ChipState, gen Gen)) {
	idx := uint16(id - 1)
	for i := range s.chips {
		if s.chips[i].site == idx {
			fn(s.chips[i].state, s.chips[i].gen)
		}
	}
}

// NumChips returns how many chips were ever ordered or existed in the run.
func (s *Sim) NumChips() int { return len(s.chips) }

// StateOutcome is a member state's position at the end of the last day.
type StateOutcome struct {
	Code           string
	ChipsActive    int32
	GridSpareW     Watts
	GridGrantedW   Watts
	GridQueue      int
	CapUsed        MilliH100e // against the export cap this period
	Cap            int64      // in milli-H100e, -1 if none
	LicenceWaiting int32
	Startups       int64 // thousandths
	Relocated      int64 // thousandths
}

// StateOutcomes returns every member state's position, in protocol order.
func (s *Sim) StateOutcomes() []StateOutcome {
	out := make([]StateOutcome, NumStates)
	for st := range out {
		g := &s.grid[st]
		e := &s.export[st]
		out[st] = StateOutcome{Code: StateCode(st), GridSpareW: g.spare, GridGrantedW: g.granted, GridQueue: len(g.queue),
			CapUsed: e.used, Cap: s.capFor(st), Startups: s.dem.startups[st], Relocated: s.dem.moved[st]}
	}
	for i := range s.sites {
		t := &s.sites[i]
		out[t.state].ChipsActive += t.count[ChipActive]
		out[t.state].LicenceWaiting += t.count[ChipLicence]
	}
	return out
}
