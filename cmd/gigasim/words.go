package main

import (
	"fmt"
	"io"
	"strings"

	"gigasandbox/game/i18n"
	"gigasandbox/model"
	"gigasandbox/model/report"
)

// langFlag checks a --lang value: one of the page's 24 languages, or ""
// for the command line's own English.
func langFlag(cmd, lang string) (*i18n.Catalog, error) {
	if lang == "" {
		return nil, nil
	}
	if !i18n.Has(lang) {
		return nil, bad("%s: --lang %q is not one of the languages (%s)", cmd, lang, strings.Join(i18n.Langs, ", "))
	}
	return i18n.Get(lang), nil
}

// writeSummaryIn prints the outcomes for a person in cat's language, with
// the page's words and the language's numbers and dates: the scenario, the
// sites, the headline outcomes (the rows of the page's comparison), and
// why things happened.
func writeSummaryIn(w io.Writer, cat *i18n.Catalog, sc model.Scenario, sim *model.Sim) {
	o := report.OutcomesOf(sim)
	name := sc.Name
	if cat.Knows("preset." + name) {
		name = cat.T("preset." + name)
	}
	fmt.Fprintf(w, "%s — %s\n", cat.T("app.title"), name)
	if cat.Knows("preset."+sc.Name+".desc") && sc.Description != "" {
		fmt.Fprintln(w, cat.T("preset."+sc.Name+".desc"))
	} else if sc.Description != "" {
		fmt.Fprintln(w, sc.Description)
	}
	if o.Days == 0 {
		fmt.Fprintln(w, cat.T("cli.start", cat.Date(0), sc.Seed, o.StateHash))
	} else {
		fmt.Fprintln(w, cat.T("cli.simulated", cat.Date(0), cat.Date(sim.Day()-1), cat.Quantity(int64(o.Days), report.Days, false), sc.Seed, o.StateHash))
	}
	fmt.Fprintln(w, cat.T("cli.release", sim.Release().Name))
	fmt.Fprintln(w, cat.T("cli.notforecast"))

	if len(o.Sites) > 0 {
		fmt.Fprintf(w, "\n%s\n", cat.T("site.list"))
		for _, s := range o.Sites {
			state := s.State
			if st, err := model.ParseState(s.State); err == nil {
				state = cat.StateName(st.Index())
			}
			fmt.Fprintf(w, "  %s (%s): %s; %s %s; %s %s\n", s.Name, state, cat.Status(statusNamed(s.Status)),
				cat.T("site.chips"), cat.T("site.chips.value", cat.Num.Thousands(int64(s.Active)), cat.Num.Thousands(int64(s.Target))),
				cat.T("site.power"), cat.T("site.power.value", s.PowerMW, s.GrantedMW))
		}
	}

	fmt.Fprintf(w, "\n%s\n", cat.T("cli.outcomes"))
	rows := report.Compare(o, o)
	width := 0
	for _, r := range rows {
		width = max(width, len([]rune(cat.T("compare."+r.Key))))
	}
	for _, r := range rows {
		label := cat.T("compare." + r.Key)
		pad := strings.Repeat(" ", width-len([]rune(label)))
		fmt.Fprintf(w, "  %s%s  %s\n", label, pad, cat.Quantity(r.A, r.Unit, true))
	}

	if msgs := sim.Messages(); len(msgs) > 0 {
		fmt.Fprintf(w, "\n%s\n", cat.T("log.heading"))
		for _, m := range msgs {
			fmt.Fprintf(w, "  %s  %s\n", cat.Date(m.Day), cat.Message(m))
		}
	}
}

// statusNamed is the site status whose English name report wrote.
func statusNamed(name string) model.SiteStatus {
	for st := range model.NumSiteStatus {
		if st.String() == name {
			return st
		}
	}
	return model.NumSiteStatus
}
