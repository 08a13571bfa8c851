package model

import (
	"errors"
	"fmt"
	"slices"

	"gigasandbox/model/rng"
)

// SiteStatus is where a site is in its life cycle.
type SiteStatus uint8

// Site statuses, in life-cycle order.
const (
	SitePlanned      SiteStatus = iota // before construction starts
	SiteConstruction                   // being built
	SiteWaitingGrid                    // built, waiting for its grid connection
	SiteWaitingChips                   // energised, chips still arriving
	SiteOperating                      // energised, (nearly) all chips installed
	SiteThrottled                      // energised, some chips idle for lack of power
	SiteRemoved                        // removed by the user
	SiteClosed                         // an existing system whose chips have all retired
	NumSiteStatus
)

var siteStatusNames = [NumSiteStatus]string{"planned", "under construction", "waiting for grid", "waiting for chips", "operating", "throttled", "removed", "closed"}

func (s SiteStatus) String() string {
	if s < NumSiteStatus {
		return siteStatusNames[s]
	}
	return fmt.Sprintf("SiteStatus(%d)", uint8(s))
}

// site is one gigafactory or AI factory.
type site struct {
	spec     SiteSpec
	id       SiteID
	state    int // member-state index
	choice   Gen
	replace  bool // order new chips when chips retire
	veu      bool
	status   SiteStatus
	removed  bool
	started  bool
	buildEnd Day
	// grid connection
	requestW  Watts
	granted   Watts
	queued    bool
	grantDay  Day
	connReady Day
	energised bool
	// the fleet at this site
	live    int32 // chips ordered and not retired
	count   [NumChipStates]int32
	active  [NumGens]int32
	staged  []chipRange // delivered chips waiting for power, in arrival order
	lppYear int
	lppUsed MilliH100e
	// today
	powered   [NumGens]int32
	throttled int32
	drawW     Watts
	capacity  MilliH100eHours
	served    MilliH100eHours
	// cumulative
	capex, opex, revenue EuroCents
	energy               KWh
	emissions            GramsCO2
	computeDone          MilliH100eHours
	msgQueued            bool
}

// gridState is one member state's grid for large new loads.
type gridState struct {
	spare       Watts // capacity for large new loads, including matured investment
	granted     Watts // granted to new sites (existing systems are outside spare)
	queue       []int // site indices waiting for a connection, in request order
	crunch      Permille
	crunchEnd   Day
	investments []gridInvestment
}

type gridInvestment struct {
	ready Day
	w     Watts
}

// exportState is one member state's position under the export regime.
type exportState struct {
	queue  []chipRange // chips waiting for a licence, in arrival order
	period int         // cap period the counter belongs to
	used   MilliH100e  // counted against the cap in this period
	g2g    bool
	msgCap int // period in which "cap reached" was last said (+1; 0 = never)
}

type chipRange struct {
	first int32
	n     int32
}

// regime is a compiled Regime.
type regime struct {
	kind string
	caps [NumStates]int64 // custom caps in H100e; -1 = unlimited
}

// Sim is a running scenario. Build one with New, change it only with Apply,
// advance it with Step; everything else reads.
type Sim struct {
	sc       Scenario // as given, plus the commands applied since
	seed     uint64
	params   Params
	rel      *Release // the figures the run rests on
	gens     [NumGens]genFigures
	effOrder [NumGens]Gen // generations by compute per watt, best first
	levers   Levers
	g2g      [NumStates]bool
	reg      regime

	day     Day
	nextCmd int   // index of the next scenario command to apply
	rules   rules // what decides whether a command can run (rules.go)

	chips []chip
	cal   calendar
	surv  []uint64 // survival table by age in days (Q62)
	// outlive is, by age, the draws below which a chip outlives its service
	// life (see buildSurvival)
	outlive []uint64
	guide   []uint16 // first age in each slice of the survival table's range
	// guideShift is log2 of the width of a guide slice.
	guideShift uint
	failKey    rng.Key // the failure stream, mixed once

	sites  []site
	grid   [NumStates]gridState
	export [NumStates]exportState
	supply [NumGens]supplyQueue

	ledger Ledger
	dem    demandState

	today    DayStats
	history  []DayStats
	byState  [][NumStates]int32 // active chips by state, per day
	messages []Message
	fundMsg  bool
}

// Ledger is the money of the whole run, cumulative, in euro cents. It
// balances: what came in equals what went out plus what is left (see
// Balanced).
type Ledger struct {
	FundStart EuroCents // InvestAI capital
	FundLeft  EuroCents
	// who paid the capital cost
	EUCapex      EuroCents // from the fund
	HostCapex    EuroCents // from host states
	PrivateCapex EuroCents // from private investors, including EU shares the fund could not pay
	Unfunded     EuroCents // EU shares the fund could not pay (included in PrivateCapex)
	// capital cost by category
	Chips     EuroCents // chips and networking
	Buildings EuroCents
	GridConn  EuroCents
	// grid investment by host states
	GridInvest EuroCents
	// running the sites
	Electricity     EuroCents
	Maintenance     EuroCents
	CustomerRevenue EuroCents // paid by compute users
	Vouchers        EuroCents // paid by the fund for startups
	OperatorCash    EuroCents // operators' revenue minus running costs
}

// Balanced reports an error if money in differs from money out plus
// balance, for the fund, the operators or the whole.
func (l *Ledger) Balanced() error {
	if l.FundStart != l.EUCapex+l.Vouchers+l.FundLeft {
		return fmt.Errorf("fund: start %d != EU capex %d + vouchers %d + left %d", l.FundStart, l.EUCapex, l.Vouchers, l.FundLeft)
	}
	if l.CustomerRevenue+l.Vouchers != l.Electricity+l.Maintenance+l.OperatorCash {
		return fmt.Errorf("operators: revenue %d + vouchers %d != electricity %d + maintenance %d + cash %d",
			l.CustomerRevenue, l.Vouchers, l.Electricity, l.Maintenance, l.OperatorCash)
	}
	if l.Unfunded > l.PrivateCapex {
		return fmt.Errorf("capex: unfunded EU share %d is more than private capex %d", l.Unfunded, l.PrivateCapex)
	}
	if l.EUCapex+l.HostCapex+l.PrivateCapex != l.Chips+l.Buildings+l.GridConn {
		return fmt.Errorf("capex: paid %d != spent %d", l.EUCapex+l.HostCapex+l.PrivateCapex, l.Chips+l.Buildings+l.GridConn)
	}
	extIn := l.FundStart + l.HostCapex + l.PrivateCapex + l.CustomerRevenue + l.GridInvest
	extOut := l.Chips + l.Buildings + l.GridConn + l.GridInvest + l.Electricity + l.Maintenance
	if extIn != extOut+l.FundLeft+l.OperatorCash {
		return fmt.Errorf("total: in %d != out %d + fund left %d + operator cash %d", extIn, extOut, l.FundLeft, l.OperatorCash)
	}
	return nil
}

// New builds a simulation of the scenario at day 0. The scenario is
// validated first; the error names what is wrong.
func New(sc Scenario) (*Sim, error) { return NewFrom(sc, nil) }

// NewFrom is New that takes over the largest memory of old, a simulation
// the caller will not use again: its fleet, calendar and history. A page
// that projects the whole horizon after every edit then allocates next to
// nothing per edit instead of tens of megabytes (in WebAssembly, fresh
// memory and the collections it brings on cost frames). old is left
// empty; it may be nil. The run is the same bits either way: every record
// is written before it is read.
func NewFrom(sc Scenario, old *Sim) (*Sim, error) {
	var spare Sim
	if old != nil {
		spare = Sim{chips: old.chips, history: old.history, byState: old.byState}
		spare.cal.pool = old.cal.pool
		*old = Sim{}
	}
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	s := &Sim{sc: sc, seed: sc.Seed}
	s.sc.Commands = append([]Command(nil), sc.Commands...)
	s.sc.Sites = append([]SiteSpec(nil), sc.Sites...)
	var err error
	if s.rel, err = ReleaseOf(&sc); err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	if s.params, err = parseAssumptions(s.rel, sc.Assumptions); err != nil {
		return nil, fmt.Errorf("scenario: %w", err)
	}
	s.gens = figures(s.rel, &s.params)
	s.effOrder = efficiencyOrder(&s.gens)
	s.reg, _ = compileRegime(sc.Regime)
	s.rules = newRules(&s.sc)
	s.levers = sc.Levers
	s.levers.G2G = nil
	for _, code := range sc.Levers.G2G {
		i, _ := stateIndex(code)
		s.g2g[i] = true
	}
	s.buildSurvival()
	s.failKey = rng.NewKey(s.seed, rng.StreamFailure)
	for i := range s.rel.states {
		s.grid[i].spare = Watts(s.rel.states[i].SpareMW) * 1000000
		s.grid[i].crunchEnd = noDay
	}
	s.ledger.FundStart = EuroCents(s.params[ParamFundEURbn]) * 10000000000 // tenths of a € bn (€100 m) → cents
	s.ledger.FundLeft = s.ledger.FundStart
	s.dem.init(s)

	// Size the fleet for every chip the run will order, so that it does
	// not grow by copying (Apply does the same for a site built mid-run).
	var chips, ordered int64
	add := func(sp *SiteSpec) {
		chips += int64(sp.Chips)
		ordered += s.fleetNeed(sp, sc.Days)
	}
	for i := range sc.Sites {
		add(&sc.Sites[i])
	}
	for _, c := range sc.Commands {
		if b, ok := c.Op.(BuildSite); ok {
			add(&b.Site)
		}
	}
	s.chips = reuse(spare.chips, int(min(ordered, MaxTotalChips)))
	s.cal.init(chips, spare.cal.pool)
	s.history = reuse(spare.history, int(sc.Days))
	s.byState = reuse(spare.byState, int(sc.Days))
	for i := range sc.Sites {
		if err := s.addSite(sc.Sites[i]); err != nil {
			return nil, fmt.Errorf("scenario: site %d: %w", i+1, err)
		}
	}
	if err := s.applyDue(); err != nil {
		return nil, err
	}
	return s, nil
}

// fleetNeed is how many chip records site sp takes in a run of days more
// days: its chips once for an existing system; for a new site, once for
// each service life that can begin within those days, as its chips are
// replaced each time they retire. (A fleet that needs more grows as it
// goes: TestBuildingMidRunSizesTheFleet checks that big sites do not.)
func (s *Sim) fleetNeed(sp *SiteSpec, days int32) int64 {
	if sp.Existing {
		return int64(sp.Chips)
	}
	life := s.lifetime()
	return int64(sp.Chips) * ((int64(days) + int64(life) - 1) / int64(life))
}

// reserveFleet makes room for n more chip records than already planned:
// in one copy now rather than in several as the chips are ordered (in
// WebAssembly each copy of a million-chip fleet, and the collection it
// brings on, cost the page several frames). Up to MaxTotalChips records: a
// bigger fleet grows as it goes.
func (s *Sim) reserveFleet(n int64) {
	if want := min(int64(cap(s.chips))+n, MaxTotalChips); want > int64(cap(s.chips)) {
		s.chips = append(make([]chip, 0, want), s.chips...)
	}
}

// reuse returns old emptied if it holds n elements, else a new slice with
// room for n.
func reuse[T any](old []T, n int) []T {
	if cap(old) >= n {
		return old[:0]
	}
	return make([]T, 0, n)
}

// Day returns the day the next Step will simulate.
func (s *Sim) Day() Day { return s.day }

// Horizon returns the number of days of a full run.
func (s *Sim) Horizon() Day { return Day(s.sc.Days) }

// Scenario returns the scenario with every command applied so far, so that
// the run can be replayed exactly.
func (s *Sim) Scenario() Scenario {
	sc := s.sc
	sc.Sites = append([]SiteSpec(nil), s.sc.Sites...)
	sc.Commands = append([]Command(nil), s.sc.Commands...)
	return sc
}

// Params returns the assumptions in force.
func (s *Sim) Params() Params { return s.params }

// Levers returns the policy levers in force.
func (s *Sim) Levers() Levers {
	l := s.levers
	for i := range s.g2g {
		if s.g2g[i] {
			l.G2G = append(l.G2G, StateCode(i))
		}
	}
	return l
}

// Reschedule replaces the commands still to run, those stamped after
// today, with later: each stamped after today, in day order, valid, and
// able to run on its day after the commands before it (the same check as
// Scenario.Validate). The run so far, and today's commands, are unchanged.
// A session drops the edits of an old future this way when the user
// rewinds and edits, rather than replaying the run from day 0. (The fleet
// stays sized for any builds dropped.)
func (s *Sim) Reschedule(later []Command) error {
	r := s.rules.clone()
	prev := s.day + 1
	for i := range later {
		c := &later[i]
		if c.Day < prev || c.Day >= Day(s.sc.Days) {
			return fmt.Errorf("reschedule: command %d, %s on %s: commands must come after %s, within the run, in day order", i+1, c.KindName(), c.Day, s.day)
		}
		prev = c.Day
		if err := c.validate(s.sc.Days); err != nil {
			return fmt.Errorf("reschedule: command %d: %w", i+1, err)
		}
		if e := r.check(c); e != nil {
			return fmt.Errorf("reschedule: command %d: %w", i+1, e)
		}
		r.apply(c)
	}
	s.sc.Commands = append(s.sc.Commands[:s.nextCmd:s.nextCmd], later...)
	return nil
}

// ErrWrongDay is returned by Apply for a command stamped with another day
// than the simulation's.
var ErrWrongDay = errors.New("command is stamped with another day than the simulation's")

// Apply validates a command completely and then carries it out. It is the
// only way to change a running simulation; the page, links and replays all
// use it. A command must carry the current day, and takes effect at once,
// after the commands of the day already run (the scenario's own, and those
// applied before it). Applied commands are added to Scenario().Commands in
// the order they ran, so that a replay of Scenario() runs them the same
// way. A refusal is a *CommandError.
func (s *Sim) Apply(c Command) error {
	if err := s.apply(c); err != nil {
		return err
	}
	if b, ok := c.Op.(BuildSite); ok { // New did not plan for this site's chips
		s.reserveFleet(s.fleetNeed(&b.Site, s.sc.Days-int32(s.day)))
	}
	s.sc.Commands = slices.Insert(s.sc.Commands, s.nextCmd, c)
	s.nextCmd++
	return nil
}

func (s *Sim) apply(c Command) error {
	if c.Day != s.day {
		return fmt.Errorf("%s command for %s on %s: %w", c.KindName(), c.Day, s.day, ErrWrongDay)
	}
	if c.Day >= Day(s.sc.Days) {
		return fmt.Errorf("%s command for %s: the run ends on %s", c.KindName(), c.Day, Day(s.sc.Days-1))
	}
	if err := c.validate(s.sc.Days); err != nil {
		return errInvalid(&c, err)
	}
	if err := s.rel.checkCommand(&c); err != nil {
		return errInvalid(&c, err)
	}
	if e := s.rules.check(&c); e != nil {
		return e
	}
	s.execute(&c)
	return nil
}

// applyDue applies the scenario's commands stamped with today. They run
// when the run arrives at their day, before the day is simulated: New runs
// day 0's, Step ends with the next day's. So the state at day d, what
// StateHash and a page paused at day d show, includes day d's commands,
// and a command applied live on day d comes after them.
func (s *Sim) applyDue() error {
	for s.nextCmd < len(s.sc.Commands) && s.sc.Commands[s.nextCmd].Day == s.day {
		if err := s.apply(s.sc.Commands[s.nextCmd]); err != nil {
			return fmt.Errorf("scenario: command %d: %w", s.nextCmd+1, err)
		}
		s.nextCmd++
	}
	return nil
}

// Step simulates one day, in the order documented in doc.go, and then
// applies the commands stamped with the next day (see applyDue).
func (s *Sim) Step() error {
	if s.day >= MaxDays {
		return fmt.Errorf("step: day %d is past the longest run the model supports", s.day)
	}
	d := s.day
	s.today = DayStats{Day: d}
	s.stepPolicy(d)      // 1. grid crunches that end, investments that mature
	s.stepSites(d)       // 2. construction starts and ends
	s.stepGrid(d)        // 3. grid queues, energising
	s.stepOrders(d)      // 4. chip orders and their capital cost
	s.stepSupply(d)      // 5. supplier deliveries into the licence queues
	s.stepLicences(d)    // 6. export licences
	s.stepChipEvents(d)  // 7. chips whose timed state ends today
	s.stepPower(d)       // 8. power, throttling, compute capacity
	s.stepDemand(d)      // 9. demand, service, revenue, vouchers, startups
	s.stepRunningCost(d) // 10. electricity, maintenance, emissions
	s.record(d)          // 11. the day's outcomes
	s.day++
	return s.applyDue()
}

// RunTo steps until Day() == day (or the horizon, whichever is first).
func (s *Sim) RunTo(day Day) error {
	if day > Day(s.sc.Days) {
		day = Day(s.sc.Days)
	}
	for s.day < day {
		if err := s.Step(); err != nil {
			return err
		}
	}
	return nil
}

// addSite creates a site from a validated spec.
func (s *Sim) addSite(sp SiteSpec) error {
	st, g := sp.State.Index(), sp.Chip
	idx := len(s.sites)
	s.sites = append(s.sites, site{
		spec: sp, id: SiteID(idx + 1), state: st, choice: g, veu: sp.VEU,
		replace: !sp.Existing, grantDay: noDay, connReady: noDay, buildEnd: noDay, lppYear: -1,
	})
	t := &s.sites[idx]
	if !sp.Existing {
		return nil
	}
	if sp.Start > 0 {
		return s.addLaterSystem(idx)
	}
	// An existing system: built, connected and running at day 0, paid for
	// before the run. Its grid connection is outside the spare capacity.
	t.started, t.energised = true, true
	t.buildEnd, t.grantDay, t.connReady = sp.Start, sp.Start, sp.Start
	t.requestW = Watts(sp.Chips) * s.gens[g].facilityW
	t.granted = t.requestW
	first := int32(len(s.chips))
	for i := int32(0); i < sp.Chips; i++ {
		s.chips = append(s.chips, chip{state: ChipActive, gen: g, site: uint16(idx), until: noDay, born: int16(sp.Start)})
	}
	t.live = sp.Chips
	t.count[ChipActive] = sp.Chips
	t.active[g] = sp.Chips
	s.scheduleActive(first, sp.Chips) // drawn on day 0, from the age they have then
	if retire := Day(sp.Start) + Day(len(s.surv)-1); retire > s.day {
		s.fileSweep(retire, first, sp.Chips) // scheduleActive filed none that retire then
	}
	t.status = SiteOperating
	return nil
}

// addLaterSystem adds an existing system that comes into service on its
// start day, after day 0 (a EuroHPC AI Factory, in releases that have
// them): built and paid for outside the run, with its own grid connection
// outside the spare capacity. Its chips wait on site for the day it is
// energised, then burn in as any delivered chip does.
func (s *Sim) addLaterSystem(idx int) error {
	t := &s.sites[idx]
	sp := &t.spec
	g := sp.Chip
	t.started = true
	t.buildEnd, t.grantDay, t.connReady = sp.Start, sp.Start, sp.Start
	t.requestW = Watts(sp.Chips) * s.gens[g].facilityW
	t.granted = t.requestW
	first := int32(len(s.chips))
	for i := int32(0); i < sp.Chips; i++ {
		s.chips = append(s.chips, chip{state: ChipInstalling, gen: g, site: uint16(idx), until: noDay, born: noDay})
	}
	t.live = sp.Chips
	t.count[ChipInstalling] = sp.Chips
	s.stage(t, first, sp.Chips)
	t.status = SiteConstruction
	return nil
}
