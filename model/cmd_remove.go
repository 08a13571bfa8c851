package model

// RemoveSite removes a site, retiring its chips.
type RemoveSite struct {
	Site SiteID
}

func (RemoveSite) Kind() Kind { return KindRemove }

func removeFromWire(w *wireCommand) (Op, error) {
	id, err := siteFromWire(w)
	return RemoveSite{Site: id}, err
}

func (o RemoveSite) toWire(w *wireCommand) { w.Kind, w.Site = KindRemove.String(), o.Site }

func (o RemoveSite) validate(Day, int32) error { return validateSiteID(o.Site) }

func (o RemoveSite) check(r *rules, c *Command) *CommandError { return checkSite(r, c, o.Site) }

func (o RemoveSite) note(r *rules) { r.sites[o.Site-1].removed = true }

func (o RemoveSite) run(s *Sim) {
	s.removeSite(int(o.Site - 1))
	s.say(s.day, MsgRemoved, o.Site, s.sites[o.Site-1].state, 0, 0)
}
