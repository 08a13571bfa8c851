package model

// SetVEU makes a site a validated end user, outside its state's chip cap,
// or stops it being one.
type SetVEU struct {
	Site SiteID
	On   bool
}

func (SetVEU) Kind() Kind { return KindVEU }

func veuFromWire(w *wireCommand) (Op, error) {
	id, err := siteFromWire(w)
	return SetVEU{Site: id, On: w.On}, err
}

func (o SetVEU) toWire(w *wireCommand) { w.Kind, w.Site, w.On = KindVEU.String(), o.Site, o.On }

func (o SetVEU) validate(Day, int32) error { return validateSiteID(o.Site) }

func (o SetVEU) check(r *rules, c *Command) *CommandError { return checkSite(r, c, o.Site) }

func (o SetVEU) note(*rules) {}

func (o SetVEU) run(s *Sim) { s.sites[o.Site-1].veu = o.On }
