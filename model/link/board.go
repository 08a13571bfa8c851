package link

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fxamacker/cbor/v2"

	"gigasandbox/model"
)

// A board is a class's scenarios in one link: the teams' names and their
// links, so that a teacher can put every team's run side by side and send
// or reopen the lot. Its fragment is "b=" and a payload in base64url
// without padding. The payload is CBOR in Core Deterministic Encoding:
//
//	{0: board version (1), 1: title (text, left out when empty),
//	 2: [team, ...]}
//	team = {0: name (text), 1: the team's link payload (bytes),
//	        2: goal set (text), 3: locked (array of text),
//	        4: hidden (array of text)}   (2 to 4 left out when empty)
//
// A team's payload is the payload of the team's own link, byte for byte:
// the board holds the links it was given, of whatever link version, and
// a team's run reproduces its link exactly (the same state hash). Board
// code goes through Decode and Encode only, never a link version's
// internals. The rules for hostile input are a link's: the length is
// capped before anything is decoded; the decoder limits nesting and sizes
// and refuses duplicate keys, indefinite lengths, tags and unknown keys; a
// payload decodes only if it is the one EncodeBoard writes for its board
// (canonical); each team's link must decode without error; no input makes
// DecodeBoard panic.

// BoardPrefix starts every board link's fragment.
const BoardPrefix = "b="

// BoardVersion is the board format this package writes and reads.
const BoardVersion = 1

// Limits of a board. A class has four to eight teams; twelve leaves room.
const (
	MaxTeams     = 12
	MaxTeamName  = 32 // characters
	MaxTitle     = 80 // characters
	MaxBoardLen  = 4 * MaxLen
	boardNesting = 4 // envelope, teams, team, locked
)

// Team is one team on a board.
type Team struct {
	Name string
	// Link is the team's link as Canonical writes it ("s=..."): Decode
	// gives its scenario and day.
	Link  string
	Class Class
}

// Fragment is the team's link with its class parameters: what opens the
// team's run in the page.
func (t Team) Fragment() string { return t.Link + t.Class.Params() }

// Board is a class's teams, in the order the teacher added them.
type Board struct {
	Title string
	Teams []Team
}

type boardEnvelope struct {
	Version uint64      `cbor:"0,keyasint"`
	Title   string      `cbor:"1,keyasint,omitempty"`
	Teams   []boardTeam `cbor:"2,keyasint"`
}

type boardTeam struct {
	Name    string   `cbor:"0,keyasint"`
	Payload []byte   `cbor:"1,keyasint"`
	Goals   string   `cbor:"2,keyasint,omitempty"`
	Locked  []string `cbor:"3,keyasint,omitempty"`
	Hidden  []string `cbor:"4,keyasint,omitempty"`
}

var boardDecMode = mustDecMode(cbor.DecOptions{
	DupMapKey:         cbor.DupMapKeyEnforcedAPF,
	IndefLength:       cbor.IndefLengthForbidden,
	TagsMd:            cbor.TagsForbidden,
	MaxNestedLevels:   boardNesting,
	MaxArrayElements:  64,
	MaxMapPairs:       16,
	ExtraReturnErrors: cbor.ExtraDecErrorUnknownField,
	UTF8:              cbor.UTF8RejectInvalid,
	NaN:               cbor.NaNDecodeForbidden,
	Inf:               cbor.InfDecodeForbidden,
})

// EncodeBoard writes a board as a link's fragment, "b=...", without the
// '#'. Each team needs a name (MaxTeamName characters at most, no control
// characters, none twice) and a link that Decode opens without error;
// teams keep their order.
func EncodeBoard(b Board) (string, error) {
	env := boardEnvelope{Version: BoardVersion, Title: b.Title, Teams: make([]boardTeam, len(b.Teams))}
	for i, t := range b.Teams {
		canon, err := Canonical(t.Link)
		if err != nil {
			return "", fmt.Errorf("board: team %d (%s): %w", i+1, clip(t.Name), err)
		}
		payload, _ := payloadOf(canon)
		env.Teams[i] = boardTeam{Name: t.Name, Payload: payload, Goals: t.Class.Goals, Locked: t.Class.Locked, Hidden: t.Class.Hidden}
	}
	if err := checkBoard(&env); err != nil {
		return "", err
	}
	data, err := encMode.Marshal(env)
	if err != nil {
		return "", fmt.Errorf("board: %w", err)
	}
	frag := BoardPrefix + b64.EncodeToString(data)
	if len(frag) > MaxBoardLen {
		return "", fmt.Errorf("board: %d characters, more than the %d a board link may have: make two boards: %w", len(frag), MaxBoardLen, ErrTooLong)
	}
	return frag, nil
}

// IsBoard reports whether a link's text names a board: its fragment starts
// with "b=". It decodes nothing.
func IsBoard(s string) bool {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[i+1:]
	}
	return strings.HasPrefix(s, BoardPrefix)
}

// DecodeBoard reads a board link: a whole URL, its fragment with or
// without the '#', with the page's "&lang=xx" after it or not. Errors are
// one line and start with "board: "; one about a team names it, by place
// and name. A board of a newer version wraps model.ErrNewerVersion.
func DecodeBoard(s string) (Board, error) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[i+1:]
	}
	// The cap comes first: nothing longer is looked at.
	if len(s) > MaxBoardLen+len("&lang=xx") {
		return Board{}, fmt.Errorf("board: %d characters, more than the %d a board link may have", len(s), MaxBoardLen)
	}
	if rest, lang, ok := strings.Cut(s, "&lang="); ok && len(lang) == 2 {
		s = rest
	}
	if len(s) > MaxBoardLen {
		return Board{}, fmt.Errorf("board: %d characters, more than the %d a board link may have", len(s), MaxBoardLen)
	}
	if !strings.HasPrefix(s, BoardPrefix) {
		return Board{}, fmt.Errorf("board: no board in it: want a link whose fragment starts with #%s", BoardPrefix)
	}
	body := s[len(BoardPrefix):]
	if body == "" {
		return Board{}, errors.New("board: the board after #" + BoardPrefix + " is empty")
	}
	for i := 0; i < len(body); i++ {
		c := body[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' {
			continue
		}
		what := "a non-ASCII character"
		if c < utf8.RuneSelf {
			what = fmt.Sprintf("%q", rune(c))
		}
		return Board{}, fmt.Errorf("board: character %d (%s) is not base64url: the link was cut or changed", len(BoardPrefix)+i+1, what)
	}
	data, err := b64.DecodeString(body)
	if err != nil {
		return Board{}, errors.New("board: the text after #" + BoardPrefix + " is not whole base64url: the link was cut or changed")
	}
	var probe struct {
		Version *uint64 `cbor:"0,keyasint"`
	}
	if err := probeMode.Unmarshal(data, &probe); err != nil {
		var te *cbor.UnmarshalTypeError
		if errors.As(err, &te) && te.StructFieldName == "" {
			return Board{}, fmt.Errorf("board: not a board: it holds a %s, not a map", cborType(te.CBORType))
		}
		if errors.As(err, &te) {
			return Board{}, errors.New("board: version: want an unsigned integer")
		}
		return Board{}, fmt.Errorf("board: damaged: %s", cborMessage(err))
	}
	switch {
	case probe.Version == nil:
		return Board{}, errors.New("board: version is missing")
	case *probe.Version == 0:
		return Board{}, fmt.Errorf("board: version 0: want 1 to %d", BoardVersion)
	case *probe.Version > BoardVersion:
		return Board{}, fmt.Errorf("board: version %d: %w", *probe.Version, model.ErrNewerVersion)
	}
	var env boardEnvelope
	if err := boardDecMode.Unmarshal(data, &env); err != nil {
		var (
			te *cbor.UnmarshalTypeError
			ue *cbor.UnknownFieldError
		)
		switch {
		case errors.As(err, &ue):
			return Board{}, errors.New("board: a key this version does not know: the link is damaged or was made by another program")
		case errors.As(err, &te):
			return Board{}, fmt.Errorf("board: a %s where there should be something else", cborType(te.CBORType))
		}
		return Board{}, fmt.Errorf("board: damaged: %s", cborMessage(err))
	}
	// One spelling: the bytes must be those EncodeBoard writes.
	again, err := encMode.Marshal(env)
	if err != nil || !bytes.Equal(again, data) {
		return Board{}, errors.New("board: not in canonical form (key order, number sizes or an empty field written out): the link was changed or made by another program")
	}
	if err := checkBoard(&env); err != nil {
		return Board{}, err
	}
	b := Board{Title: env.Title, Teams: make([]Team, len(env.Teams))}
	for i, t := range env.Teams {
		b.Teams[i] = Team{Name: t.Name, Link: Prefix + b64.EncodeToString(t.Payload), Class: Class{Goals: t.Goals, Locked: t.Locked, Hidden: t.Hidden}}
	}
	return b, nil
}

// checkBoard checks what a board's CBOR cannot: the title, the teams'
// number, names and classes, and that each team's link opens.
func checkBoard(env *boardEnvelope) error {
	if err := checkName("title", env.Title, MaxTitle, true); err != nil {
		return err
	}
	switch n := len(env.Teams); {
	case n == 0:
		return errors.New("board: no teams: add at least one team's link")
	case n > MaxTeams:
		return fmt.Errorf("board: %d teams, more than the %d a board may have: make two boards", n, MaxTeams)
	}
	for i, t := range env.Teams {
		where := fmt.Sprintf("board: team %d", i+1)
		if err := checkName(where[len("board: "):]+": name", t.Name, MaxTeamName, false); err != nil {
			return err
		}
		where += " (" + t.Name + ")"
		for _, u := range env.Teams[:i] {
			if u.Name == t.Name {
				return fmt.Errorf("%s: the name is taken by another team: give each team its own", where)
			}
		}
		c := Class{Goals: t.Goals, Locked: t.Locked, Hidden: t.Hidden}
		if err := c.check(); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if len(t.Payload) == 0 {
			return fmt.Errorf("%s: the link is empty", where)
		}
		if _, _, err := Decode(Prefix + b64.EncodeToString(t.Payload)); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
	}
	return nil
}

// checkName checks a title or a team's name: at most max characters, no
// control characters, no spaces at its ends, empty only if allowed.
func checkName(what, s string, max int, empty bool) error {
	switch {
	case s == "" && !empty:
		return fmt.Errorf("board: %s is empty: name every team", what)
	case !utf8.ValidString(s):
		return fmt.Errorf("board: %s is not UTF-8 text", what)
	case utf8.RuneCountInString(s) > max:
		return fmt.Errorf("board: %s has %d characters, more than %d", what, utf8.RuneCountInString(s), max)
	case strings.TrimSpace(s) != s:
		return fmt.Errorf("board: %s starts or ends with a space", what)
	}
	for _, r := range s {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return fmt.Errorf("board: %s holds a control character", what)
		}
	}
	return nil
}
