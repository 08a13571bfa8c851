package link

import (
	"fmt"
	"slices"
	"strings"

	"gigasandbox/assets"
	"gigasandbox/model"
)

// Class is what a teacher's starting link adds to a scenario for a lesson:
// the goal set the class is judged on, the levers it may not change (for a
// "what changed?" exercise, or to keep a debate on one question), and the
// assumptions it does not see. It travels beside the scenario, in the
// fragment's parameters ("s=...&goals=grid-crunch&lock=eu_share,sites"),
// and in every link a student's page writes from it, so the board knows
// each team's goals. It is not part of the run: the state hash is the
// scenario's alone.
type Class struct {
	// Goals is a guided preset's name (assets/goals/NAME.json) whose
	// goals the run is judged on; "" for the scenario's own (a preset's).
	Goals string
	// Locked are the names of locked levers, in Lockables' order.
	Locked []string
	// Hidden are assumption keys (model.ParamByKey), in the model's order
	// of parameters.
	Hidden []string
}

// Lockables are the names a class may lock: the model's levers by their
// file names, then policy commands by kind, then "sites" for building,
// moving and removing sites.
func Lockables() []string {
	out := make([]string, 0, int(model.NumLevers)+len(lockKinds)+1)
	for id := range model.NumLevers {
		out = append(out, id.String())
	}
	for _, k := range lockKinds {
		out = append(out, k.String())
	}
	return append(out, lockSites)
}

// lockKinds are the commands other than levers and sites that a class may
// lock, each by its kind's name.
var lockKinds = []model.Kind{model.KindRegime, model.KindG2G, model.KindVEU, model.KindInvestGrid}

// lockSites locks building, moving and removing sites.
const lockSites = "sites"

// IsZero reports whether the class adds nothing to the scenario.
func (c Class) IsZero() bool { return c.Goals == "" && len(c.Locked) == 0 && len(c.Hidden) == 0 }

// Params writes the class as the fragment's parameters, each with its
// leading '&': "&goals=grid-crunch&lock=eu_share,sites&hide=pue"; "" for
// none.
func (c Class) Params() string {
	var b strings.Builder
	if c.Goals != "" {
		b.WriteString("&goals=" + c.Goals)
	}
	if len(c.Locked) > 0 {
		b.WriteString("&lock=" + strings.Join(c.Locked, ","))
	}
	if len(c.Hidden) > 0 {
		b.WriteString("&hide=" + strings.Join(c.Hidden, ","))
	}
	return b.String()
}

// ParseClass reads the fragment's "goals", "lock" and "hide" parameters
// (lists separated by commas, in any order) and gives the class in
// canonical form. An unknown goal set, lever or assumption is an error
// that lists what there is.
func ParseClass(goals, lock, hide string) (Class, error) {
	c := Class{Goals: goals}
	if lock != "" {
		c.Locked = strings.Split(lock, ",")
	}
	if hide != "" {
		c.Hidden = strings.Split(hide, ",")
	}
	c.Locked, c.Hidden = sortedNames(c.Locked, lockIndex), sortedNames(c.Hidden, hideIndex)
	return c, c.check()
}

// sortedNames returns names in canonical order (unknown ones last, as
// given), without duplicates: check reports the unknown ones.
func sortedNames(names []string, index func(string) int) []string {
	out := slices.Clone(names)
	slices.SortStableFunc(out, func(a, b string) int {
		ia, ib := index(a), index(b)
		if ia < 0 {
			ia = 1 << 30
		}
		if ib < 0 {
			ib = 1 << 30
		}
		return ia - ib
	})
	return slices.Compact(out)
}

func lockIndex(name string) int { return slices.Index(Lockables(), name) }

func hideIndex(key string) int {
	p, ok := model.ParamByKey(key)
	if !ok {
		return -1
	}
	return int(p)
}

// check reports the first thing wrong with a class: an unknown goal set,
// lever or assumption, or names out of their canonical order (which a
// board refuses, as it must have one spelling).
func (c Class) check() error {
	if c.Goals != "" && !slices.Contains(assets.GoalFiles(), c.Goals) {
		return fmt.Errorf("link: goals: no goal set %q: want one of %s", clip(c.Goals), strings.Join(assets.GoalFiles(), ", "))
	}
	for i, name := range c.Locked {
		if lockIndex(name) < 0 {
			return fmt.Errorf("link: lock: %q is no lever: want some of %s", clip(name), strings.Join(Lockables(), ", "))
		}
		if i > 0 && lockIndex(c.Locked[i-1]) >= lockIndex(name) {
			return fmt.Errorf("link: lock: %q twice or out of order: want them in the order %s", name, strings.Join(Lockables(), ", "))
		}
	}
	for i, key := range c.Hidden {
		if hideIndex(key) < 0 {
			return fmt.Errorf("link: hide: %q is no assumption: `gigasim assumptions` lists them", clip(key))
		}
		if i > 0 && hideIndex(c.Hidden[i-1]) >= hideIndex(key) {
			return fmt.Errorf("link: hide: %q twice or out of order: want them in the order `gigasim assumptions` lists", key)
		}
	}
	return nil
}

// clip shortens a name from outside for an error message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// Locks reports whether the class refuses the command, and the locked name
// that refuses it.
func (c Class) Locks(cmd model.Command) (string, bool) {
	var name string
	switch o := cmd.Op.(type) {
	case model.SetLever:
		name = o.Lever.String()
	case model.BuildSite, model.MoveSite, model.RemoveSite:
		name = lockSites
	default:
		if cmd.Op == nil {
			return "", false
		}
		name = cmd.Op.Kind().String()
	}
	if slices.Contains(c.Locked, name) {
		return name, true
	}
	return "", false
}

// LocksName reports whether the named lever (a Lockables name) is locked.
func (c Class) LocksName(name string) bool { return slices.Contains(c.Locked, name) }

// Hides reports whether the assumption with this key is hidden.
func (c Class) Hides(key string) bool { return slices.Contains(c.Hidden, key) }
