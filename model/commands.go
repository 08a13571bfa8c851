package model

// execute carries out a command that check has passed.
func (s *Sim) execute(c *Command) {
	s.rules.apply(c)
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
