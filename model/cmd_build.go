package model

import (
	"errors"
	"fmt"
)

// BuildSite builds a new site: construction starts on Site.Start.
type BuildSite struct {
	Site SiteSpec
}

func (BuildSite) Kind() Kind { return KindBuild }

func buildFromWire(w *wireCommand) (Op, error) {
	if w.Build == nil {
		return nil, errors.New(`"build" is missing`)
	}
	return BuildSite{Site: *w.Build}, nil
}

func (o BuildSite) toWire(w *wireCommand) {
	w.Kind = KindBuild.String()
	sp := o.Site
	w.Build = &sp
}

func (o BuildSite) validate(day Day, days int32) error {
	if o.Site.Existing {
		return errors.New("build: a new site cannot be an existing system")
	}
	return validateSite(&o.Site, day, days, nil)
}

func (o BuildSite) check(r *rules, c *Command) *CommandError {
	if len(r.sites) >= MaxSites {
		e := refuse(c, RefusedSites, fmt.Errorf("already %d sites, the most a scenario may hold", MaxSites))
		e.Limit = MaxSites
		return e
	}
	if r.chips+int64(o.Site.Chips) > MaxTotalChips {
		e := refuse(c, RefusedChips, fmt.Errorf("%d more chips would pass the %d a scenario may hold (%d so far)", o.Site.Chips, MaxTotalChips, r.chips))
		e.Limit = MaxTotalChips
		return e
	}
	return nil
}

func (o BuildSite) note(r *rules) { r.addSite(&o.Site) }

func (o BuildSite) run(s *Sim) { _ = s.addSite(o.Site) }
