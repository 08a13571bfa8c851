package model

import "fmt"

// MoveSite moves a site to a new position; to another state only before
// its construction starts. State is NoState for a move that keeps the
// site's state.
type MoveSite struct {
	Site     SiteID
	Lon, Lat Degrees
	State    StateID
}

func (MoveSite) Kind() Kind { return KindMove }

func moveFromWire(w *wireCommand) (Op, error) {
	id, err := siteFromWire(w)
	if err != nil {
		return nil, err
	}
	o := MoveSite{Site: id, Lon: w.Lon, Lat: w.Lat, State: NoState}
	if err := validateLat(o.Lat); err != nil {
		return nil, err
	}
	if w.State != "" {
		if o.State, err = ParseState(w.State); err != nil {
			return nil, err
		}
	}
	return o, nil
}

func (o MoveSite) toWire(w *wireCommand) {
	w.Kind, w.Site, w.Lon, w.Lat = KindMove.String(), o.Site, o.Lon, o.Lat
	if o.State != NoState {
		w.State = o.State.Code()
	}
}

func (o MoveSite) validate(Day, int32) error {
	if err := validateSiteID(o.Site); err != nil {
		return err
	}
	if o.Lon < -180000000 || o.Lon > 180000000 {
		return fmt.Errorf("lon out of range [-180, 180]")
	}
	if err := validateLat(o.Lat); err != nil {
		return err
	}
	return o.State.validate(true)
}

func (o MoveSite) check(r *rules, c *Command) *CommandError {
	if e := checkSite(r, c, o.Site); e != nil {
		return e
	}
	// A site starts building during its start day, after the commands of
	// that day: from the next day on it has started.
	t := &r.sites[o.Site-1]
	if o.State != NoState && o.State != t.state && (t.existing || t.start < c.Day) {
		e := refuse(c, RefusedStarted, fmt.Errorf("site %d (%s) has started building in %s: it can move within %s only", o.Site, t.name, t.state.Code(), t.state.Code()))
		e.Site, e.SiteName, e.State = o.Site, t.name, t.state.Code()
		return e
	}
	return nil
}

func (o MoveSite) note(r *rules) {
	if o.State != NoState {
		r.sites[o.Site-1].state = o.State
	}
}

func (o MoveSite) run(s *Sim) {
	t := &s.sites[o.Site-1]
	t.spec.Lon, t.spec.Lat = o.Lon, o.Lat
	if o.State != NoState {
		t.spec.State = o.State
		t.state = o.State.Index()
	}
}
