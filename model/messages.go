package model

import "fmt"

// MsgKind is what a message is about. Values are stable: the page
// translates messages by kind.
type MsgKind uint8

// Message kinds.
const (
	MsgConstruction  MsgKind = iota // site starts building; N = day it should finish
	MsgGridQueued                   // site waits for grid room; N = watts asked, M = watts free
	MsgGridGranted                  // site granted its connection; N = watts, M = day ready
	MsgEnergised                    // site has power
	MsgCapReached                   // state's export cap reached; N = chips waiting
	MsgFundExhausted                // the InvestAI fund is empty
	MsgCrunch                       // grid crunch; N = share cut (‰), M = day it ends
	MsgCrunchOver                   // grid crunch over
	MsgGridReady                    // grid investment ready; N = watts added
	MsgRegime                       // export regime changed
	MsgRemoved                      // site removed
)

// Message says why something happened, for the log and the toasts.
type Message struct {
	Day   Day
	Kind  MsgKind
	Site  SiteID // 0 if none
	State int    // member-state index, -1 if none
	N, M  int64
	site  string
}

func (s *Sim) say(d Day, k MsgKind, id SiteID, st int, n, m int64) {
	msg := Message{Day: d, Kind: k, Site: id, State: st, N: n, M: m}
	if id > 0 {
		msg.site = s.sites[id-1].spec.Name
	}
	s.messages = append(s.messages, msg)
}

// Messages returns the messages so far, oldest first.
func (s *Sim) Messages() []Message { return append([]Message(nil), s.messages...) }

// Text is the message in English.
func (m Message) Text() string {
	where := ""
	if m.State >= 0 && m.State < NumStates {
		where = memberStates[m.State].Name + ": "
	}
	switch m.Kind {
	case MsgConstruction:
		return fmt.Sprintf("%s%s starts building, ready about %s", where, m.site, Day(m.N))
	case MsgGridQueued:
		return fmt.Sprintf("%sgrid connection for %s queued: needs %d MW, %d MW free for large loads", where, m.site, Watts(m.N).MW(), Watts(m.M).MW())
	case MsgGridGranted:
		return fmt.Sprintf("%s%s granted %d MW of grid connection, ready %s", where, m.site, Watts(m.N).MW(), Day(m.M))
	case MsgEnergised:
		return fmt.Sprintf("%s%s energised: chips can be installed", where, m.site)
	case MsgCapReached:
		return fmt.Sprintf("%sexport cap reached, %d chips waiting for a licence", where, m.N)
	case MsgFundExhausted:
		return "InvestAI fund exhausted: private investors now pay the EU share and vouchers stop"
	case MsgCrunch:
		return fmt.Sprintf("%sgrid crunch: sites may draw %s%% less until %s", where, FormatDecimal(m.N, 10), Day(m.M))
	case MsgCrunchOver:
		return where + "grid crunch over"
	case MsgGridReady:
		return fmt.Sprintf("%sgrid reinforcement ready: %d MW more for large loads", where, Watts(m.N).MW())
	case MsgRegime:
		return "export-control regime changed"
	case MsgRemoved:
		return fmt.Sprintf("%s%s removed; its chips are retired", where, m.site)
	}
	return fmt.Sprintf("message %d", m.Kind)
}
