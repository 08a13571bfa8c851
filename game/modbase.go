package game

import (
	"maps"
	"slices"
	"strings"
	"time"

	"gigasandbox/game/session"
	"gigasandbox/model"
	"gigasandbox/model/report"
)

// A modified baseline: the baseline preset run with the assumptions the
// user changed (the Assumptions sheet), so that the difference between it
// and the scenario is the policies' alone, and between it and the plain
// baseline the assumptions'. While it is on and an assumption is changed,
// the charts' grey line is the modified baseline and the comparison shows
// both differences (issue 14, item 6; En-ROADS users ask for it).
type modBaseline struct {
	on   bool
	proj *session.Projection
	// key is the changed assumptions proj runs with ("k=v;…", sorted).
	key string
}

// assumptionsKey writes a set of assumptions in one string, sorted.
func assumptionsKey(a map[string]string) string {
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(a)) {
		b.WriteString(k + "=" + a[k] + ";")
	}
	return b.String()
}

// followsAssumptions reports whether the grey baseline is the modified
// one: the switch is on and the user changed an assumption.
func (g *Game) followsAssumptions() bool {
	return g.modBase.on && len(g.sess.Assumptions()) > 0
}

// SetModifiedBaseline turns the modified baseline on or off.
func (g *Game) SetModifiedBaseline(on bool) { g.modBase.on = on }

// modBaselineWork starts the modified baseline when the changed
// assumptions change and advances it a day at a time within the frame's
// budget, after the plain baseline (project's hook).
func (g *Game) modBaselineWork(start time.Time, budget time.Duration) {
	if !g.followsAssumptions() || g.baseline == nil || !g.baseline.Done() {
		return
	}
	a := g.sess.Assumptions()
	m := &g.modBase
	if key := assumptionsKey(a); m.proj == nil || key != m.key {
		sc, err := model.Preset("baseline")
		if err != nil {
			return
		}
		sc.Assumptions = a
		m.proj, m.key = m.proj.Restart(sc), key
	}
	g.time.projClock.run(start, budget, func() bool { return !m.proj.Done() }, func() error {
		m.proj.Advance(1)
		return nil
	})
}

// modBaselineDone reports whether the modified baseline, when the charts
// follow it, has reached the horizon.
func (g *Game) modBaselineDone() bool {
	m := &g.modBase
	return !g.followsAssumptions() || (m.proj != nil && m.key == assumptionsKey(g.sess.Assumptions()) && m.proj.Done())
}

// modBaselineSim is the modified baseline's run so far, or nil when the
// charts do not follow it (or it has not started).
func (g *Game) modBaselineSim() *model.Sim {
	if !g.followsAssumptions() || g.modBase.key != assumptionsKey(g.sess.Assumptions()) {
		return nil
	}
	return g.modBase.proj.Sim()
}

// baselineLabel is the grey line's name in the charts' legend.
func (g *Game) baselineLabel() string {
	if g.followsAssumptions() {
		return g.tr("chart.baseline.mod")
	}
	return g.tr("chart.baseline")
}

// showBaseline reports whether the charts draw the grey baseline: not
// under the baseline preset itself, unless it follows changed assumptions.
func (g *Game) showBaseline() bool {
	return g.sess.Name() != "baseline" || g.followsAssumptions()
}

// modBaselinePanel is the switch in the Levers tab.
func (g *Game) modBaselinePanel(u *ui, r *rect) {
	if u.toggle(r.row(g.rowH()), g.tr("baseline.follow"), g.modBase.on, g.tr("baseline.follow.tip")) {
		g.modBase.on = !g.modBase.on
	}
}

// compareModified is the comparison with a modified baseline: each
// headline outcome in the baseline, the baseline with the user's
// assumptions and this scenario, then the difference the assumptions make
// (the second less the first) and the policies (the third less the
// second).
func (g *Game) compareModified(u *ui, body rect, scenario *model.Sim) {
	if !g.modBaselineDone() {
		u.text(g.tr("compare.wait"), body.x, body.y+8, u.f.normal, colTextDim, left)
		return
	}
	base, mod := report.OutcomesOf(g.baseline.Sim()), report.OutcomesOf(g.modBase.proj.Sim())
	byAssumptions := report.Compare(base, mod)
	byPolicies := report.Compare(mod, report.OutcomesOf(scenario))
	c := u.beginScroll(&g.compareScroll, body)
	heads := [2][]string{
		{g.tr("chart.baseline"), g.tr("compare.modbase"), g.tr("compare.this")},
		{"", g.tr("compare.diff.assumptions"), g.tr("compare.diff.policies")},
	}
	colW := c.w / 3
	for _, hs := range heads {
		// each heading wrapped in its column, right-aligned: in bold, or
		// where a word is too long for a phone's column, small and broken
		// after its hyphens
		f := u.f.bold
		wrapped := func(f face) (lines [][]string, n int, fits bool) {
			lines, n, fits = make([][]string, len(hs)), 1, true
			for i, t := range hs {
				if f == u.f.small {
					t = strings.ReplaceAll(t, "-", "- ")
				}
				lines[i] = u.wrapW(t, f, colW-8)
				n = max(n, len(lines[i]))
				for _, l := range lines[i] {
					fits = fits && u.textWidth(l, f) <= colW-8
				}
			}
			return lines, n, fits
		}
		lines, n, fits := wrapped(f)
		if !fits {
			f = u.f.small
			lines, n, _ = wrapped(f)
		}
		lh := u.textHeight(f) + 4
		hdr := c.row(float64(n)*lh + 4)
		for i, ls := range lines {
			for k, l := range ls {
				if l != "" {
					u.label(strings.TrimSpace(l), rect{hdr.x + float64(i)*colW, hdr.y + float64(k)*lh, colW, lh}, f, colText, right)
				}
			}
		}
	}
	for j, a := range byAssumptions {
		p := byPolicies[j]
		label := g.tr("compare."+a.Key) + " (" + g.unitName(a.Unit) + ")"
		lines := u.wrapW(label, u.f.small, c.w-12)
		line := c.row(float64(len(lines)+2)*17 + 6)
		if j%2 == 0 {
			u.fill(line, colBackground)
		}
		for k, l := range lines {
			u.label(l, rect{line.x, line.y + 3 + float64(k)*17, line.w, 17}, u.f.small, colText, left)
		}
		vy := line.y + 3 + float64(len(lines))*17
		for row, vals := range [2][]string{
			{figure(a.A, a.Unit, true), figure(a.B, a.Unit, true), figure(p.B, p.Unit, true)},
			{"", signed(a.Diff, a.Unit), signed(p.Diff, p.Unit)},
		} {
			for i, v := range vals {
				if v != "" {
					u.label(v, rect{line.x + float64(i)*colW, vy + float64(row)*17, colW, 17}, u.f.small, colText, right)
				}
			}
		}
	}
	u.endScroll(&g.compareScroll, body, c)
}
