package model

// Read-only accessors for the page: small questions the screen asks every
// frame, answered without copying the whole state.

// RegimeKind is the export-control regime in force ("open",
// "diffusion-2025", "strict" or "custom").
func (s *Sim) RegimeKind() string { return s.reg.kind }

// SiteVEU reports whether site id is a validated end user (licensed outside
// its state's cap). It is false for a site that does not exist.
func (s *Sim) SiteVEU(id SiteID) bool {
	if id < 1 || int(id) > len(s.sites) {
		return false
	}
	return s.sites[id-1].veu
}

// NumMessages is how many messages the run has produced so far.
func (s *Sim) NumMessages() int { return len(s.messages) }

// MessagesFrom returns the messages from index i on, oldest first. The
// slice is shared: read it, do not change it.
func (s *Sim) MessagesFrom(i int) []Message {
	if i < 0 || i > len(s.messages) {
		return nil
	}
	return s.messages[i:]
}

// SiteName is the name of the site the message is about ("" if none).
func (m Message) SiteName() string { return m.site }

// AppendChipStates appends the state of every chip of site id, in chip
// order, to dst and returns it: the fleet view paints one pixel per entry.
// It reads the fleet once, without a call per chip.
func (s *Sim) AppendChipStates(dst []ChipState, id SiteID) []ChipState {
	idx := uint16(id - 1)
	for i := range s.chips {
		if s.chips[i].site == idx {
			dst = append(dst, s.chips[i].state)
		}
	}
	return dst
}

// Views for model/report, which words nothing but needs the run's figures.

// Name is the scenario's name, without copying the scenario.
func (s *Sim) Name() string { return s.sc.Name }

// StartupsAtStart is the AI companies in the EU on day 0, in thousandths.
func (s *Sim) StartupsAtStart() int64 { return s.dem.startups0 }

// GenFigures is what one chip of a generation is in this run, with the
// run's assumptions.
type GenFigures struct {
	H100e     MilliH100e // its compute, as export caps count it
	FacilityW Watts      // its power with the site's share: chip W × server overhead × PUE
}

// GenFigures returns the figures of generation g in this run.
func (s *Sim) GenFigures(g Gen) GenFigures {
	f := &s.gens[g]
	return GenFigures{H100e: f.h100e, FacilityW: f.facilityW}
}

// BestGen is the generation a site choosing the best chip orders on day d.
func (s *Sim) BestGen(d Day) Gen { return s.orderGen(&site{choice: GenBest}, d) }

// StateIndex finds a member state by its code: its index in States.
func StateIndex(code string) (int, error) { return stateIndex(code) }

// CheckSite checks a site as a build command would on any day of the
// longest run: its name, state, size, chip and position.
func CheckSite(sp SiteSpec) error { return validateSite(&sp, 0, MaxDays, nil) }

// StateView is what the run holds about a member state on the current day:
// its grid, its export licences and its AI sector.
type StateView struct {
	GridSpare   Watts    // spare capacity for large new loads, with grid investment that is ready
	GridGranted Watts    // connections granted to sites
	GridQueue   int      // sites waiting for a connection
	GridQueueW  Watts    // what they ask for
	Crunch      Permille // share cut by a grid crunch in force

	Cap       int64      // this cap period's cap in thousandths of an H100e; -1 for none
	CapUsed   MilliH100e // licensed against this period's cap
	CapPeriod [2]int     // first and last year of the cap period
	G2G       bool       // a government-to-government agreement holds

	Startups       int64 // AI companies in the state, thousandths
	Relocated      int64 // relocated from the state so far, thousandths
	ChipsActive    int32 // chips running in the state's sites
	LicenceWaiting int32 // chips waiting for an export licence there
}

// StateView returns member state st's view (index as in States) on the
// current day. The cap counter of a new period counts from 0 even before
// the first licence step of that period has reset it.
func (s *Sim) StateView(st int) StateView {
	g := &s.grid[st]
	v := StateView{GridSpare: g.spare, GridGranted: g.granted, GridQueue: len(g.queue), Crunch: g.crunch,
		Cap: s.capFor(st), G2G: s.g2g[st],
		Startups: s.dem.startups[st], Relocated: s.dem.moved[st]}
	for _, idx := range g.queue {
		v.GridQueueW += s.sites[idx].requestW
	}
	p := capPeriod(s.day)
	v.CapPeriod = [2]int{2025 + 3*p, 2027 + 3*p}
	if e := &s.export[st]; e.period == p {
		v.CapUsed = e.used
	}
	for i := range s.sites {
		if t := &s.sites[i]; t.state == st {
			v.ChipsActive += t.count[ChipActive]
			v.LicenceWaiting += t.count[ChipLicence]
		}
	}
	return v
}

// Release is the release of figures the run rests on.
func (s *Sim) Release() *Release { return s.rel }
