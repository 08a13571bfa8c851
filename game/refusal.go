package game

import (
	"errors"
	"slices"
	"time"

	"gigasandbox/game/session"
	"gigasandbox/model"
	"gigasandbox/model/link"
)

// explain turns an error from the session or the model into a sentence in
// the page's language that says what to do. Refusals are typed
// (model.CommandError, session.LaterError); the model's English text is
// shown only for what a page cannot cause (a malformed command from the
// automation API).
func (g *Game) explain(err error) string {
	var later *session.LaterError
	var ce *model.CommandError
	switch {
	case errors.As(err, &later):
		c := later.Later.Command
		return g.tr("refuse.later", g.date(c.Day), g.commandName(&c), g.refusal(later.Later))
	case errors.As(err, &ce):
		return g.refusal(ce)
	case errors.Is(err, session.ErrEnded):
		return g.tr("refuse.ended")
	case errors.Is(err, link.ErrTooLong):
		return g.tr("refuse.toolong", link.MaxLen)
	}
	return g.tr("refuse.other", err.Error())
}

// refusal says why a command cannot run.
func (g *Game) refusal(e *model.CommandError) string {
	site := e.SiteName
	switch e.Refusal {
	case model.RefusedNoSite:
		return g.tr("refuse.nosite", int(e.Site))
	case model.RefusedRemoved:
		return g.tr("refuse.removed", site)
	case model.RefusedStarted:
		return g.tr("refuse.started", site, g.tr("country."+e.State))
	case model.RefusedSites:
		return g.tr("refuse.sites", e.Limit)
	case model.RefusedChips:
		return g.tr("refuse.chips", thousands(e.Limit))
	case model.RefusedShares:
		return g.tr("refuse.shares")
	}
	return g.tr("refuse.invalid", e.Err.Error())
}

// commandKeys name the kinds of command, for "the scenario has ... on DAY".
var commandKeys = map[model.Kind]string{
	model.KindBuild: "command.build", model.KindRemove: "command.remove", model.KindMove: "command.move",
	model.KindLever: "command.lever", model.KindRegime: "command.regime", model.KindG2G: "command.g2g",
	model.KindVEU: "command.veu", model.KindInvestGrid: "command.investgrid", model.KindGridCrunch: "command.gridcrunch",
}

// commandName names a kind of command in the page's language.
func (g *Game) commandName(c *model.Command) string {
	if key, ok := commandKeys[c.Kind()]; ok {
		return g.tr(key)
	}
	return c.KindName()
}

// notifyErr shows an error as a sentence in the page's language.
func (g *Game) notifyErr(err error) { g.notify(g.explain(err)) }

// OfferWithout says that a scenario opened from elsewhere has a command
// that cannot run on its day — which one and why — and offers to open the
// scenario without it (and, while another cannot run either, again). Until
// the user accepts, the page shows what it showed before.
func (g *Game) OfferWithout(name string, sc model.Scenario, day model.Day, ce *model.CommandError) {
	msg := g.tr("notice.badcommand", ce.Index+1, g.commandName(&ce.Command), g.date(ce.Command.Day), g.refusal(ce))
	g.offer(msg, g.tr("notice.dropcommand"), func() {
		sc.Commands = slices.Delete(slices.Clone(sc.Commands), ce.Index, ce.Index+1)
		err := sc.Validate()
		var next *model.CommandError
		if errors.As(err, &next) && next.Index >= 0 {
			g.OfferWithout(name, sc, day, next)
			return
		}
		if err != nil {
			g.notifyErr(err)
			return
		}
		sess, err := session.New(name, sc)
		if err != nil {
			g.notifyErr(err)
			return
		}
		g.Load(sess)
		g.SeekTo(day)
	})
}

// offer shows a notice with a button that does something about it; the
// notice stays until the button or the notice is clicked.
func (g *Game) offer(msg, button string, action func()) {
	g.banner.show(msg, time.Hour, button, action)
}
