package game

import (
	"fmt"

	"gigasandbox/model"
	"gigasandbox/model/report"
)

// Twin is the page as text, in the page's language: what the canvas shows
// that a screen reader, a keyboard or a reader zoomed to 200% needs — the
// date and whether time runs, the headline numbers, the goals and their
// verdicts, the selected state, and the messages on screen. The browser
// keeps a twin of it in the DOM (wasm/twin.go).
type Twin struct {
	Lang     string     `json:"lang"`
	Title    string     `json:"title"`
	Date     string     `json:"date"`
	Time     string     `json:"time"` // "Playing: Year/s" or "Paused"
	Headline []TwinItem `json:"headline"`
	Goals    []TwinItem `json:"goals"`
	State    []TwinItem `json:"state"` // the selected state's facts; empty when none is selected
	// StateName names the selected state ("" when none).
	StateName string   `json:"stateName"`
	Messages  []string `json:"messages"` // the toasts on screen, newest last
	// Headings are the twin's section headings and its own name ("Text
	// view"), in the page's language.
	Headings TwinHeadings `json:"headings"`
}

// TwinItem is one labelled value.
type TwinItem struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// TwinHeadings are the words of the twin's frame.
type TwinHeadings struct {
	View, Headline, Goals, State, Messages string
}

// Twin is the page as text now.
func (g *Game) Twin() Twin {
	t := Twin{Lang: g.cat.Lang, Title: g.tr("app.title") + " — " + g.presetLabel(g.sess.Name()), Date: g.sess.Day().String()}
	t.Time = g.tr("twin.paused")
	if g.time.playing {
		t.Time = g.tr("twin.playing", g.tr(speeds[g.time.speed].label))
	}
	for _, k := range g.kpis() {
		t.Headline = append(t.Headline, TwinItem{k.label, k.value})
	}
	if gd := g.guide(); gd.ok {
		var proj *model.Sim // as goalsBox: the projection once it is whole
		if p := g.sess.Projection(); p.Done() && p.Err() == nil {
			proj = p.Sim()
		}
		st := report.EvaluateGoals(gd.goals, g.sess.Sim(), proj)
		for _, s := range st {
			t.Goals = append(t.Goals, TwinItem{g.trOr("goal."+g.sess.Name()+"."+s.Goal.ID, s.Goal.Text), g.tr(verdictKeys[s.Verdict])})
		}
	}
	if g.selState >= 0 {
		t.StateName = fmt.Sprintf("%s (%s)", g.stateName(g.selState), g.sess.Sim().Release().State(g.selState).Code)
		for _, f := range g.stateFacts(g.selState) {
			t.State = append(t.State, TwinItem{f.label, f.value})
		}
	}
	for _, m := range g.log.toasts {
		t.Messages = append(t.Messages, m.text)
	}
	t.Headings = TwinHeadings{View: g.tr("twin.view"), Headline: g.tr("twin.headline"), Goals: g.tr("twin.goals"),
		State: g.tr("twin.state"), Messages: g.tr("twin.messages")}
	return t
}
