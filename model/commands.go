package model

import "fmt"

// siteFor finds the site a command names.
func (s *Sim) siteFor(id SiteID) (*site, error) {
	if len(s.sites) == 0 {
		return nil, fmt.Errorf("site %d does not exist (there are no sites yet)", id)
	}
	if id < 1 || int(id) > len(s.sites) {
		return nil, fmt.Errorf("site %d does not exist (sites are 1 to %d)", id, len(s.sites))
	}
	t := &s.sites[id-1]
	if t.removed {
		return nil, fmt.Errorf("site %d (%s) was removed", id, t.spec.Name)
	}
	return t, nil
}

// check validates a command against the simulation's current state. It
// changes nothing.
func (s *Sim) check(c *Command) error {
	switch c.Kind {
	case CmdBuild:
		if len(s.sites) >= MaxSites {
			return fmt.Errorf("already %d sites, the most a scenario may hold", MaxSites)
		}
		var total int64
		for i := range s.sites {
			total += int64(s.sites[i].spec.Chips)
		}
		if total+int64(c.Build.Chips) > MaxTotalChips {
			return fmt.Errorf("%d more chips would pass the %d a scenario may hold", c.Build.Chips, MaxTotalChips)
		}
	case CmdLever:
		v, _ := parseLever(c.Lever, c.Value)
		eu, host := s.levers.EUShare, s.levers.HostShare
		switch c.Lever {
		case "eu_share":
			eu = *v.share
		case "host_share":
			host = *v.share
		}
		if eu+host > 1000 {
			return fmt.Errorf("eu_share %s + host_share %s would be more than 1: lower the other first", FormatDecimal(int64(eu), 1000), FormatDecimal(int64(host), 1000))
		}
	case CmdRemove:
		_, err := s.siteFor(c.Site)
		return err
	case CmdMove:
		t, err := s.siteFor(c.Site)
		if err != nil {
			return err
		}
		if c.State != "" && c.State != t.spec.State && t.started {
			return fmt.Errorf("site %d (%s) has started building in %s: it can move within %s only", c.Site, t.spec.Name, t.spec.State, t.spec.State)
		}
	case CmdVEU:
		_, err := s.siteFor(c.Site)
		return err
	}
	return nil
}

// execute carries out a command that check has passed.
func (s *Sim) execute(c *Command) {
	switch c.Kind {
	case CmdBuild:
		_ = s.addSite(*c.Build)
	case CmdRemove:
		s.removeSite(int(c.Site - 1))
		s.say(s.day, MsgRemoved, c.Site, s.sites[c.Site-1].state, 0, 0)
	case CmdMove:
		t := &s.sites[c.Site-1]
		t.spec.Lon, t.spec.Lat = c.Lon, c.Lat
		if c.State != "" {
			t.spec.State = c.State
			t.state, _ = stateIndex(c.State)
		}
	case CmdLever:
		v, _ := parseLever(c.Lever, c.Value)
		switch c.Lever {
		case "eu_share":
			s.levers.EUShare = *v.share
		case "host_share":
			s.levers.HostShare = *v.share
		case "voucher_share":
			s.levers.VoucherShare = *v.share
		case "ppa_share":
			s.levers.PPAShare = *v.share
		case "fast_track":
			s.levers.FastTrack = *v.flag
		case "prefer_same_state":
			s.levers.PreferSameState = *v.flag
		case "demand_growth":
			s.levers.DemandGrowth = v.text
			s.dem.setGrowth(s)
		}
	case CmdRegime:
		s.reg, _ = compileRegime(*c.Regime)
		s.say(s.day, MsgRegime, 0, -1, 0, 0)
	case CmdG2G:
		st, _ := stateIndex(c.State)
		s.g2g[st] = c.On
	case CmdVEU:
		s.sites[c.Site-1].veu = c.On
	case CmdInvestGrid:
		st, _ := stateIndex(c.State)
		w := Watts(c.MW) * 1000000
		cost := EuroCents(c.MW * 1000 * s.params[ParamGridInvestEURPerKW] * 100)
		s.ledger.GridInvest += cost
		g := &s.grid[st]
		g.investments = append(g.investments, gridInvestment{ready: s.day + Day(s.params[ParamGridInvestDays]), w: w})
	case CmdGridCrunch:
		for st := range s.grid {
			if c.State != "" && StateCode(st) != c.State {
				continue
			}
			s.grid[st].crunch = Permille(c.Share)
			s.grid[st].crunchEnd = s.day + Day(c.Days)
			s.say(s.day, MsgCrunch, 0, st, int64(c.Share), int64(s.day+Day(c.Days)))
		}
	}
}
