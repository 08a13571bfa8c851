// Package session is one user's run in the page: the scenario they loaded,
// the edits they made, the simulation at the day they are looking at, and
// undo. It turns every user action into a day-stamped model command — the
// same commands a scenario file or a link carries — so a run in the page can
// be replayed exactly anywhere.
//
// It does not import Ebitengine, so it is tested natively and under Node.
package session

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"gigasandbox/model"
	"gigasandbox/model/link"
)

// Session holds a scenario, the user's edits to it and a simulation of the
// two at some day. The zero value is not usable: call New.
type Session struct {
	name  string         // preset or scenario name, for the title bar
	base  model.Scenario // as loaded, with its own commands (a preset's events, a link's edits)
	edits []model.Command
	sim   *model.Sim

	undo, redo []snapshot

	proj  *Projection // the current scenario run to its horizon, a slice at a time
	shown *Projection // the newest complete projection (see Shown)
	spare *Projection // a complete projection no longer shown: the next one's memory (see ReleaseSpare)

	snapshotBefore snapshot // set by restore
}

// snapshot is what undo restores: the user's edits and assumptions.
type snapshot struct {
	edits       []model.Command
	assumptions map[string]string
}

func (s *Session) snapshot() snapshot {
	return snapshot{edits: slices.Clone(s.edits), assumptions: maps.Clone(s.base.Assumptions)}
}

// MaxUndo is how many edits can be undone.
const MaxUndo = 100

// New starts a session on the scenario at day 0.
func New(name string, sc model.Scenario) (*Session, error) {
	sim, err := model.New(sc)
	if err != nil {
		return nil, err
	}
	s := &Session{name: name, base: sc, sim: sim}
	s.reproject()
	return s, nil
}

// Projection is the current scenario run (or being run) to its horizon.
// It starts again after every edit, undo and redo; advance it with
// Projection().Advance in slices.
func (s *Session) Projection() *Projection { return s.proj }

// Shown is the projection to draw: the current scenario's once it is
// complete, until then the newest complete one (of the scenario before the
// latest edits). So the charts show a whole future throughout and change
// once an edit's projection is done, not in every frame while it runs. Nil
// until the first projection is done.
func (s *Session) Shown() *Projection {
	if s.proj.Done() && s.shown != s.proj {
		s.spare, s.shown = s.shown, s.proj
	}
	return s.shown
}

// ReleaseSpare lets the run kept for the next projection's memory go. Kept
// while the user edits, it saves allocating a run per edit (with a lever
// pulled twice a second on the baseline, about 80 MB in 10 s instead of 300,
// and fewer late frames); kept for good, it is a third run of the scenario
// in memory (22 MB with a million chips). The page calls this once edits
// have stopped for a moment.
func (s *Session) ReleaseSpare() { s.spare = nil }

// HasSpare reports whether a run is kept for the next projection's memory.
func (s *Session) HasSpare() bool { return s.spare != nil }

// reproject starts the current scenario's projection, in the memory of a
// projection that is not shown.
func (s *Session) reproject() {
	mem := s.proj
	if mem == s.shown {
		mem, s.spare = s.spare, nil
	}
	s.proj = mem.Restart(s.Scenario())
}

// NewPreset starts a session on a named preset.
func NewPreset(name string) (*Session, error) {
	sc, err := model.Preset(name)
	if err != nil {
		return nil, err
	}
	return New(name, sc)
}

// Name is the name of the loaded preset or scenario.
func (s *Session) Name() string { return s.name }

// Sim is the simulation at the current day. Read it; change it only through
// the session.
func (s *Session) Sim() *model.Sim { return s.sim }

// Day is the day the next step simulates; Day() == Horizon() when the run
// has ended.
func (s *Session) Day() model.Day { return s.sim.Day() }

// Horizon is the number of days in the run.
func (s *Session) Horizon() model.Day { return s.sim.Horizon() }

// Ended reports whether the run has reached its horizon.
func (s *Session) Ended() bool { return s.sim.Day() >= s.sim.Horizon() }

// Edits returns the user's edits, in the order they take effect.
func (s *Session) Edits() []model.Command { return slices.Clone(s.edits) }

// Scenario returns the scenario with the user's edits merged in: what a link
// or a file must carry to replay this run.
func (s *Session) Scenario() model.Scenario {
	return merge(s.base, s.edits)
}

// merge puts the user's edits among the scenario's own commands in the order
// the simulation runs them: by day, and on the same day after the
// scenario's own (those run when the run arrives at their day, and an edit
// is made after that; see model.Sim.Apply), in the order they were made.
func merge(base model.Scenario, edits []model.Command) model.Scenario {
	sc := base
	sc.Sites = slices.Clone(base.Sites)
	sc.Commands = make([]model.Command, 0, len(base.Commands)+len(edits))
	i, j := 0, 0
	for i < len(base.Commands) || j < len(edits) {
		if j < len(edits) && (i == len(base.Commands) || edits[j].Day < base.Commands[i].Day) {
			sc.Commands = append(sc.Commands, edits[j])
			j++
			continue
		}
		sc.Commands = append(sc.Commands, base.Commands[i])
		i++
	}
	return sc
}

// future is what runs after day in the scenario with these edits: its
// commands stamped with later days.
func (s *Session) future(edits []model.Command, day model.Day) []model.Command {
	cmds := merge(s.base, edits).Commands
	i := 0
	for i < len(cmds) && cmds[i].Day <= day {
		i++
	}
	return cmds[i:]
}

// accept checks that the scenario with these assumptions and edits is one
// a replay accepts: every field, every limit, every command able to run on
// its day (model.Scenario.Validate), and short enough for a link, so that
// the address bar can always hold it. The page never records anything
// else. An edit's own refusal is a *model.CommandError; a refusal because
// of a command still to come is a *LaterError.
func (s *Session) accept(assumptions map[string]string, edits []model.Command, edit int) error {
	base := s.base
	base.Assumptions = assumptions
	sc := merge(base, edits)
	if err := sc.Validate(); err != nil {
		var ce *model.CommandError
		if edit >= 0 && errors.As(err, &ce) && ce.Index > s.placeOf(edits, edit) {
			return &LaterError{Later: ce}
		}
		if ce != nil {
			ce.Index = -1
		}
		return err
	}
	if _, err := link.Encode(sc, model.Day(sc.Days)); err != nil {
		return err
	}
	return nil
}

// placeOf is the index of edits[i] among the merged scenario's commands:
// it comes after the scenario's own commands up to its day, and after the
// edits before it.
func (s *Session) placeOf(edits []model.Command, i int) int {
	n := i
	for _, c := range s.base.Commands {
		if c.Day <= edits[i].Day {
			n++
		}
	}
	return n
}

// LaterError refuses an edit that a command still to come could not follow:
// a removal of a site the scenario moves later, a co-funding share that a
// later lever change would take over 1 with the other.
type LaterError struct {
	// Later is the command still to come and why it would fail.
	Later *model.CommandError
}

func (e *LaterError) Error() string {
	return fmt.Sprintf("the scenario's %s on %s could not run after this: %v", e.Later.Command.KindName(), e.Later.Command.Day, e.Later.Err)
}

func (e *LaterError) Unwrap() error { return e.Later }

// ErrEnded is returned for an edit made after the last day of the run.
var ErrEnded = errors.New("the run has ended: rewind or reset to change it")

// Result says what an edit did besides its own effect.
type Result struct {
	// Dropped counts the user's later edits removed because the user changed
	// an earlier day after rewinding (they belonged to the old timeline).
	Dropped int
}

// Do stamps the command with the current day, checks the scenario it makes
// (accept) and applies it: after the day's commands already run, so it is
// the last of its day in the scenario too. If the user rewound and then
// edits, their edits after today are dropped first: they were made on a
// timeline that no longer exists. Undo restores them. A refused edit
// changes nothing.
func (s *Session) Do(c model.Command) (Result, error) {
	if s.Ended() {
		return Result{}, ErrEnded
	}
	c.Day = s.sim.Day()
	keep := 0
	for keep < len(s.edits) && s.edits[keep].Day <= c.Day {
		keep++
	}
	edits := append(slices.Clone(s.edits[:keep]), c)
	if err := s.accept(s.base.Assumptions, edits, keep); err != nil {
		return Result{}, err
	}
	res := Result{Dropped: len(s.edits) - keep}
	if res.Dropped > 0 { // they are all still to come: unschedule them
		if err := s.sim.Reschedule(s.future(s.edits[:keep], c.Day)); err != nil {
			return Result{}, err
		}
	}
	if err := s.sim.Apply(c); err != nil { // accept has checked it: this does not happen
		if res.Dropped > 0 {
			err = errors.Join(err, s.sim.Reschedule(s.future(s.edits, c.Day)))
		}
		return Result{}, err
	}
	s.pushUndo()
	s.edits = edits
	s.reproject()
	return res, nil
}

func (s *Session) pushUndo() {
	s.undo = append(s.undo, s.snapshot())
	if len(s.undo) > MaxUndo {
		s.undo = slices.Delete(s.undo, 0, 1)
	}
	s.redo = nil
}

// CanUndo and CanRedo report whether there is an edit to undo or redo.
func (s *Session) CanUndo() bool { return len(s.undo) > 0 }

// CanRedo reports whether an undone edit can be redone.
func (s *Session) CanRedo() bool { return len(s.redo) > 0 }

// Undo takes back the last edit and replays the run to the current day.
func (s *Session) Undo() error { return s.travel(&s.undo, &s.redo, "nothing to undo") }

// Redo applies again the last edit undone.
func (s *Session) Redo() error { return s.travel(&s.redo, &s.undo, "nothing to redo") }

// travel restores the last snapshot of from (the undo or the redo stack)
// and keeps what it replaced on to, the other one.
func (s *Session) travel(from, to *[]snapshot, empty string) error {
	if len(*from) == 0 {
		return errors.New(empty)
	}
	if err := s.restore((*from)[len(*from)-1]); err != nil {
		return err
	}
	*to = append(*to, s.snapshotBefore)
	*from = (*from)[:len(*from)-1]
	return nil
}

// restore makes snap the session's edits and assumptions, replaying the
// run to the current day; snapshotBefore keeps what was there.
func (s *Session) restore(snap snapshot) error {
	if err := s.accept(snap.assumptions, snap.edits, -1); err != nil {
		return err
	}
	before := s.snapshot()
	base := s.base
	s.base.Assumptions = snap.assumptions
	if err := s.rebuild(snap.edits, s.sim.Day()); err != nil {
		s.base = base
		return err
	}
	s.snapshotBefore = before
	s.edits = slices.Clone(snap.edits)
	s.reproject()
	return nil
}

// Assumptions are the scenario's changed assumptions (parameter key →
// decimal value); the rest are the defaults of model.DefaultParams.
func (s *Session) Assumptions() map[string]string { return maps.Clone(s.base.Assumptions) }

// SetAssumption changes an assumption ("" restores the default). An
// assumption holds from the first day, so the run replays to today.
func (s *Session) SetAssumption(key, value string) error {
	next := s.snapshot()
	if next.assumptions == nil {
		next.assumptions = map[string]string{}
	}
	if value == "" {
		delete(next.assumptions, key)
	} else {
		next.assumptions[key] = value
	}
	if len(next.assumptions) == 0 {
		next.assumptions = nil
	}
	if err := s.restore(next); err != nil {
		return err
	}
	s.undo = append(s.undo, s.snapshotBefore)
	if len(s.undo) > MaxUndo {
		s.undo = slices.Delete(s.undo, 0, 1)
	}
	s.redo = nil
	return nil
}

// rebuild replaces the simulation by a fresh one of base+edits run to day.
// s.sim is changed only on success.
func (s *Session) rebuild(edits []model.Command, day model.Day) error {
	sim, err := model.New(merge(s.base, edits))
	if err != nil {
		return fmt.Errorf("replaying the scenario: %w", err)
	}
	if err := sim.RunTo(day); err != nil {
		return fmt.Errorf("replaying the scenario: %w", err)
	}
	s.sim = sim
	return nil
}

// Step simulates up to n days, stopping at the horizon. It returns how many
// days it simulated.
func (s *Session) Step(n int) (int, error) {
	done := 0
	for done < n && !s.Ended() {
		if err := s.sim.Step(); err != nil {
			return done, err
		}
		done++
	}
	return done, nil
}

// Reset goes back to day 0 of the same scenario; the user's edits stay and
// replay on their days.
func (s *Session) Reset() error {
	return s.rebuild(s.edits, 0)
}

// Seek moves the run to day d: forward by stepping, backward by replaying
// from day 0. Long seeks should be split (see Step) to keep frames flowing.
func (s *Session) Seek(d model.Day) error {
	if d < 0 {
		d = 0
	}
	if d > s.Horizon() {
		d = s.Horizon()
	}
	if d < s.sim.Day() {
		return s.rebuild(s.edits, d)
	}
	_, err := s.Step(int(d - s.sim.Day()))
	return err
}
