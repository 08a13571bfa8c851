package model

// Read-only accessors for the page: small questions the screen asks every
// frame, answered without copying the whole state.

// RegimeKind is the export-control regime in force ("open",
// "diffusion-2025", "strict" or "custom").
func (s *Sim) RegimeKind() string { return s.reg.kind }

// SiteVEU reports whether site id is a validated end user (licensed outside
// its state's cap). It is false for a site that does not exist.
func (s *Sim) SiteVEU(id SiteID) bool {
	if id < 1 || int(id) > len(s.sites) {
		return false
	}
	return s.sites[id-1].veu
}

// NumMessages is how many messages the run has produced so far.
func (s *Sim) NumMessages() int { return len(s.messages) }

// MessagesFrom returns the messages from index i on, oldest first. The
// slice is shared: read it, do not change it.
func (s *Sim) MessagesFrom(i int) []Message {
	if i < 0 || i > len(s.messages) {
		return nil
	}
	return s.messages[i:]
}

// SiteName is the name of the site the message is about ("" if none).
func (m Message) SiteName() string { return m.site }

// AppendChipStates appends the state of every chip of site id, in chip
// order, to dst and returns it: the fleet view paints one pixel per entry.
// It reads the fleet once, without a call per chip.
func (s *Sim) AppendChipStates(dst []ChipState, id SiteID) []ChipState {
	idx := uint16(id - 1)
	for i := range s.chips {
		if s.chips[i].site == idx {
			dst = append(dst, s.chips[i].state)
		}
	}
	return dst
}
