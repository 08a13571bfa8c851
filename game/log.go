package game

import (
	"time"

	"gigasandbox/model"
)

// messageLog shows why things happen: the model's messages as a log (the
// Log tab) and the important ones as toasts over the map.
type messageLog struct {
	seen   int // messages already turned into toasts
	toasts []toast
	scroll int
}

type toast struct {
	date  string // the message's day, as the page writes dates
	text  string
	until time.Time
}

// toastKinds are the messages worth interrupting the user for.
var toastKinds = map[model.MsgKind]bool{
	model.MsgGridQueued: true, model.MsgCapReached: true, model.MsgFundExhausted: true,
	model.MsgCrunch: true, model.MsgEnergised: true, model.MsgGridReady: true,
}

const maxToasts = 4

func (l *messageLog) reset() {
	l.seen = -1 // catch up silently on the next update
	l.toasts = nil
	l.scroll = 0
}

// update turns new messages into toasts.
func (l *messageLog) update(g *Game) {
	sim := g.sess.Sim()
	if l.seen < 0 || l.seen > sim.NumMessages() {
		l.seen = sim.NumMessages()
	}
	now := g.now()
	for _, m := range sim.MessagesFrom(l.seen) {
		if toastKinds[m.Kind] {
			l.toasts = append(l.toasts, toast{date: g.date(m.Day), text: g.msgText(m), until: now.Add(5 * time.Second)})
		}
	}
	l.seen = sim.NumMessages()
	for len(l.toasts) > maxToasts || (len(l.toasts) > 0 && now.After(l.toasts[0].until)) {
		l.toasts = l.toasts[1:]
	}
}

// drawToasts stacks the toasts in the top right of r.
func (l *messageLog) drawToasts(u *ui, r rect) {
	y := r.y + 44
	w := min(370, r.w-16)
	for i := len(l.toasts) - 1; i >= 0; i-- {
		t := l.toasts[i]
		lines := u.wrapW(t.text, u.f.normal, w-20)
		h := 24 + float64(len(lines))*17
		b := rect{r.x + r.w - w - 10, y, w, h}
		if y+h > r.y+r.h {
			break // no room left on the map
		}
		u.place("toast", b, rect{}, false)
		u.fill(b, colTip)
		u.stroke(b, 1, colFocus)
		u.text(t.date, b.x+10, b.y+5, u.f.small, colTextDim, left)
		for j, s := range lines {
			u.text(s, b.x+10, b.y+20+float64(j)*17, u.f.normal, colText, left)
		}
		if u.clicked(b) {
			l.toasts = append(l.toasts[:i], l.toasts[i+1:]...)
			return
		}
		y += h + 6
	}
}

// layout draws the log, newest first, in the panel.
// layout draws the log, newest first, in the panel: the newest
// maxLogShown messages.
func (l *messageLog) layout(g *Game, u *ui, r *rect) {
	heading(u, r, g.tr("log.heading"))
	msgs := g.sess.Sim().MessagesFrom(0)
	if len(msgs) == 0 {
		g.para(u, r, g.tr("log.empty"), u.f.normal, colTextDim)
		return
	}
	for i := len(msgs) - 1; i >= max(0, len(msgs)-maxLogShown); i-- {
		m := msgs[i]
		u.label(g.date(m.Day), r.row(17), u.f.small, colTextDim, left)
		g.para(u, r, g.msgText(m), u.f.small, colText)
		r.row(5)
	}
}

// maxLogShown is how many messages the log lists: enough to scroll back
// through a year, few enough to lay out every frame.
const maxLogShown = 60

// msgText is a model message in the page's language (i18n.Catalog.Message).
func (g *Game) msgText(m model.Message) string { return g.cat.Message(m) }
