package link_test

import (
	"encoding/base64"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"

	"gigasandbox/model"
	"gigasandbox/model/link"
)

var updateBoards = flag.Bool("update-boards", false, "rewrite testdata/boards from the tables in board_test.go")

// boardsDir holds a good board (six teams) and the malformed boards: the
// page's browser tests and the fuzz test read them.
var boardsDir = filepath.Join("..", "..", "testdata", "boards")

// sixTeams are six teams' runs as a class makes them: presets with the
// levers and sites a team changes, one with a teacher's class.
func sixTeams(t testing.TB) []struct {
	name  string
	sc    model.Scenario
	day   model.Day
	class link.Class
} {
	t.Helper()
	gc := preset(t, "grid-crunch")
	return []struct {
		name  string
		sc    model.Scenario
		day   model.Day
		class link.Class
	}{
		{"Red", preset(t, "baseline"), 0, link.Class{}},
		{"Blue", withEdits(preset(t, "baseline"), tenBuilds[:2], tenLevers[:3]), 400, link.Class{}},
		{"Green", withEdits(preset(t, "diffusion-2025"), tenBuilds[4:5], nil), 3652, link.Class{}},
		{"Équipe jaune", withEdits(gc, nil, tenLevers[4:6]), 10, link.Class{Goals: "grid-crunch", Locked: []string{"eu_share", "regime", "sites"}, Hidden: []string{"pue"}}},
		{"Zespół 5", preset(t, "eu-chips"), 0, link.Class{Goals: "eu-chips"}},
		{"Ομάδα 6", withEdits(preset(t, "startup-boom"), tenBuilds[8:9], tenLevers[7:8]), 1, link.Class{}},
	}
}

// savedBoard is testdata/boards/six-teams.link, decoded.
func savedBoard(t testing.TB) (link.Board, error) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(boardsDir, "six-teams.link"))
	if err != nil {
		return link.Board{}, err
	}
	return link.DecodeBoard(string(b))
}

func sixTeamBoard(t testing.TB) link.Board {
	t.Helper()
	b := link.Board{Title: "Class 3B, debrief"}
	for _, tt := range sixTeams(t) {
		l, err := link.Encode(tt.sc, tt.day)
		if err != nil {
			t.Fatalf("Encode(%s) = %v", tt.name, err)
		}
		b.Teams = append(b.Teams, link.Team{Name: tt.name, Link: "https://example.eu/sandbox/#" + l + "&lang=fr", Class: tt.class})
	}
	return b
}

// TestBoardRoundTrip: a board decodes to its teams, each with its own link
// exactly (the same scenario, day and state hash as the link alone), and
// re-encodes to the same text.
func TestBoardRoundTrip(t *testing.T) {
	b := sixTeamBoard(t)
	frag, err := link.EncodeBoard(b)
	if err != nil {
		t.Fatalf("EncodeBoard = %v", err)
	}
	if !strings.HasPrefix(frag, link.BoardPrefix) || !link.IsBoard("https://x/#"+frag) || link.IsBoard(b.Teams[0].Link) {
		t.Fatalf("EncodeBoard = %.20q…, want it to start with %q and IsBoard to tell it from a link", frag, link.BoardPrefix)
	}
	for _, form := range []string{frag, "#" + frag, "https://example.eu/#" + frag + "&lang=de", " " + frag + "\n"} {
		got, err := link.DecodeBoard(form)
		if err != nil {
			t.Fatalf("DecodeBoard(%.30q…) = %v", form, err)
		}
		if got.Title != b.Title || len(got.Teams) != len(b.Teams) {
			t.Fatalf("DecodeBoard = %q with %d teams, want %q with %d", got.Title, len(got.Teams), b.Title, len(b.Teams))
		}
		for i, team := range got.Teams {
			want := b.Teams[i]
			canon, _ := link.Canonical(want.Link)
			if team.Name != want.Name || team.Link != canon || team.Class.Params() != want.Class.Params() {
				t.Errorf("team %d = %q %.20q %q, want %q %.20q %q", i, team.Name, team.Link, team.Class.Params(), want.Name, canon, want.Class.Params())
			}
			sc, day, err := link.Decode(team.Link)
			if err != nil {
				t.Fatalf("team %d: Decode = %v", i, err)
			}
			wsc, wday, _ := link.Decode(want.Link)
			if day != wday || hashAt(t, sc, day) != hashAt(t, wsc, wday) {
				t.Errorf("team %s: day %d hash %x, want day %d hash %x", team.Name, day, hashAt(t, sc, day), wday, hashAt(t, wsc, wday))
			}
		}
		again, err := link.EncodeBoard(got)
		if err != nil || again != frag {
			t.Errorf("EncodeBoard(DecodeBoard(b)) = %.30q…, %v; want the same board link", again, err)
		}
	}
	// The board saved when board links began (its teams' links of link
	// version 2) opens for ever: the same teams, the same runs. It is
	// written once, never rewritten: -update-boards only creates it.
	path := filepath.Join(boardsDir, "six-teams.link")
	if _, err := os.Stat(path); err != nil && *updateBoards {
		if err := os.WriteFile(path, []byte(frag), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	saved, err := savedBoard(t)
	if err != nil {
		t.Fatalf("testdata/boards/six-teams.link: %v", err)
	}
	if saved.Title != b.Title || len(saved.Teams) != len(b.Teams) {
		t.Fatalf("the saved board: %q with %d teams, want %q with %d", saved.Title, len(saved.Teams), b.Title, len(b.Teams))
	}
	for i, team := range saved.Teams {
		sc, day, err := link.Decode(team.Link)
		if err != nil {
			t.Fatalf("saved team %d: %v", i, err)
		}
		wsc, wday, _ := link.Decode(b.Teams[i].Link)
		if team.Name != b.Teams[i].Name || team.Class.Params() != b.Teams[i].Class.Params() || day != wday || hashAt(t, sc, day) != hashAt(t, wsc, wday) {
			t.Errorf("saved team %d: %q %q day %d, want %q %q day %d at the same state hash", i, team.Name, team.Class.Params(), day, b.Teams[i].Name, b.Teams[i].Class.Params(), wday)
		}
	}
	if len(frag) > 3000 {
		t.Errorf("six teams' board is %d characters: want it short enough for a QR code (3,000)", len(frag))
	}
}

// TestEncodeBoardErrors: what a board may not hold is refused when it is
// made, with a sentence saying what to do.
func TestEncodeBoardErrors(t *testing.T) {
	good := sixTeamBoard(t).Teams[0]
	team := func(name string) link.Team { t := good; t.Name = name; return t }
	many := make([]link.Team, link.MaxTeams+1)
	for i := range many {
		many[i] = team(strings.Repeat("x", i+1))
	}
	tests := []struct {
		name string
		b    link.Board
		want string
	}{
		{"no teams", link.Board{}, "no teams"},
		{"too many", link.Board{Teams: many}, "13 teams, more than the 12"},
		{"no name", link.Board{Teams: []link.Team{team("")}}, "team 1: name is empty"},
		{"long name", link.Board{Teams: []link.Team{team(strings.Repeat("é", 33))}}, "33 characters, more than 32"},
		{"spaces", link.Board{Teams: []link.Team{team(" Red")}}, "starts or ends with a space"},
		{"control", link.Board{Teams: []link.Team{team("Re\x07d")}}, "control character"},
		{"same name", link.Board{Teams: []link.Team{team("Red"), team("Red")}}, "team 2 (Red): the name is taken"},
		{"long title", link.Board{Title: strings.Repeat("t", 81), Teams: []link.Team{good}}, "title has 81 characters"},
		{"bad link", link.Board{Teams: []link.Team{{Name: "Red", Link: "#s=!!"}}}, "team 1 (Red): link: character"},
		{"not a link", link.Board{Teams: []link.Team{{Name: "Red", Link: "preset=baseline"}}}, "team 1 (Red): link: no scenario in it"},
		{"unknown goals", link.Board{Teams: []link.Team{{Name: "Red", Link: good.Link, Class: link.Class{Goals: "nope"}}}}, `no goal set "nope"`},
		{"unknown lock", link.Board{Teams: []link.Team{{Name: "Red", Link: good.Link, Class: link.Class{Locked: []string{"nope"}}}}}, `"nope" is no lever`},
		{"locks out of order", link.Board{Teams: []link.Team{{Name: "Red", Link: good.Link, Class: link.Class{Locked: []string{"sites", "eu_share"}}}}}, "out of order"},
		{"unknown hide", link.Board{Teams: []link.Team{{Name: "Red", Link: good.Link, Class: link.Class{Hidden: []string{"nope"}}}}}, `"nope" is no assumption`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := link.EncodeBoard(tt.b)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "board: ") {
				t.Errorf("EncodeBoard = %v, want an error starting \"board: \" containing %q", err, tt.want)
			}
		})
	}
}

// boardFrag makes a board link from any CBOR value (maps with integer
// keys), encoded deterministically.
func boardFrag(t testing.TB, v any) string {
	t.Helper()
	em, _ := cbor.CoreDetEncOptions().EncMode()
	b, err := em.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return link.BoardPrefix + base64.RawURLEncoding.EncodeToString(b)
}

// hexBoard makes a board link from a payload written in hex.
func hexBoard(t testing.TB, hex string) string {
	return link.BoardPrefix + strings.TrimPrefix(frag(t, strings.ReplaceAll(hex, " ", "")), link.Prefix)
}

// badBoards are malformed boards, by name, and a part of their error.
func badBoards(t testing.TB) []struct{ name, link, want string } {
	good, err := savedBoard(t) // its links' bytes never change
	if err != nil {
		t.Fatal(err)
	}
	payload := func(i int) []byte {
		canon, _ := link.Canonical(good.Teams[i].Link)
		p, _ := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(canon, link.Prefix))
		return p
	}
	team := func(name string, p []byte) map[int]any { return map[int]any{0: name, 1: p} }
	board := func(teams ...any) map[int]any { return map[int]any{0: 1, 2: teams} }
	goodFrag, _ := link.EncodeBoard(good) // the saved board's own text
	newerLink := frag(t, "a1001863")
	newerPayload, _ := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(newerLink, link.Prefix))
	return []struct{ name, link, want string }{
		{"empty", "#b=", "board: the board after #b= is empty"},
		{"not-a-board", "#preset=baseline", "no board in it"},
		{"too-long", "#b=" + strings.Repeat("A", link.MaxBoardLen), "more than the 32768 a board link may have"},
		{"space-inside", "#b=oQAB oQAB", `(' ') is not base64url`},
		{"cut", goodFrag[:2+(len(goodFrag)-2)/2/4*4], "was the link cut?"},
		{"not-a-map", hexBoard(t, "01"), "not a board: it holds a positive integer, not a map"},
		{"no-version", hexBoard(t, "a1 01 60"), "version is missing"},
		{"version-0", hexBoard(t, "a1 00 00"), "version 0: want 1 to 1"},
		{"newer-version", hexBoard(t, "a1 00 02"), "version 2: scenario was made by a newer version"},
		{"unknown-key", boardFrag(t, map[int]any{0: 1, 2: []any{team("Red", payload(0))}, 9: 1}), "a key this version does not know"},
		{"unknown-team-key", boardFrag(t, board(map[int]any{0: "Red", 1: payload(0), 7: 1})), "a key this version does not know"},
		{"duplicate-key", hexBoard(t, "a3 00 01 01 60 01 60"), "key 1 appears twice"},
		{"indefinite", hexBoard(t, "a2 00 01 02 9f ff"), "indefinite-length array isn't allowed"},
		{"tag", hexBoard(t, "a2 00 01 01 c1 01"), "CBOR tag isn't allowed"},
		{"too-deep", hexBoard(t, "a2 00 01 02 81 a1 03 81 81 00"), "exceeded max nested level"},
		{"huge-array", hexBoard(t, "a2 00 01 02 9a 7f ff ff ff"), "exceeded max number of elements"},
		{"invalid-utf8", hexBoard(t, "a2 00 01 01 62 c3 28"), "invalid UTF-8"},
		{"teams-not-array", boardFrag(t, map[int]any{0: 1, 2: 5}), "a positive integer where there should be something else"},
		{"no-teams", boardFrag(t, map[int]any{0: 1, 2: []any{}}), "no teams"},
		{"too-many-teams", boardFrag(t, func() map[int]any {
			var ts []any
			for i := range 13 {
				ts = append(ts, team(strings.Repeat("x", i+1), payload(0)))
			}
			return board(ts...)
		}()), "13 teams, more than the 12"},
		{"empty-name", boardFrag(t, board(team("", payload(0)))), "team 1: name is empty"},
		{"name-with-newline", boardFrag(t, board(team("Red\nteam", payload(0)))), "control character"},
		{"same-names", boardFrag(t, board(team("Red", payload(0)), team("Red", payload(1)))), "team 2 (Red): the name is taken"},
		{"empty-payload", boardFrag(t, board(team("Red", []byte{}))), "team 1 (Red): the link is empty"},
		{"bad-payload", boardFrag(t, board(team("Red", []byte{0xa1, 0x00}))), "team 1 (Red): link: damaged: the data ends too soon"},
		{"newer-team-link", boardFrag(t, board(team("Red", newerPayload))), "team 1 (Red): link: version 99"},
		{"unknown-goals", boardFrag(t, board(map[int]any{0: "Red", 1: payload(0), 2: "nope"})), `no goal set "nope"`},
		{"unknown-lock", boardFrag(t, board(map[int]any{0: "Red", 1: payload(0), 3: []string{"nope"}})), `"nope" is no lever`},
		{"locks-twice", boardFrag(t, board(map[int]any{0: "Red", 1: payload(0), 3: []string{"sites", "sites"}})), "twice or out of order"},
		{"unknown-hide", boardFrag(t, board(map[int]any{0: "Red", 1: payload(0), 4: []string{"nope"}})), `"nope" is no assumption`},
		{"empty-title-written", boardFrag(t, map[int]any{0: 1, 1: "", 2: []any{team("Red", payload(0))}}), "not in canonical form"},
		{"empty-locks-written", boardFrag(t, board(map[int]any{0: "Red", 1: payload(0), 3: []string{}})), "not in canonical form"},
		{"long-version-number", hexBoard(t, "a2 18 00 01 02 80"), "not in canonical form"},
	}
}

// TestBadBoards: every malformed board gives one line starting "board: "
// that says what is wrong; testdata/boards/bad holds the same table.
func TestBadBoards(t *testing.T) {
	cases := badBoards(t)
	dir := filepath.Join(boardsDir, "bad")
	if *updateBoards {
		old, _ := filepath.Glob(filepath.Join(dir, "*.link"))
		for _, f := range old {
			os.Remove(f)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		var want strings.Builder
		want.WriteString("# name<TAB>part of the error. Written by\n# go test ./model/link -run TestBadBoards -update-boards from the table in model/link/board_test.go.\n")
		for _, tt := range cases {
			if err := os.WriteFile(filepath.Join(dir, tt.name+".link"), []byte(tt.link), 0o644); err != nil {
				t.Fatal(err)
			}
			want.WriteString(tt.name + "\t" + tt.want + "\n")
		}
		if err := os.WriteFile(filepath.Join(dir, "want.txt"), []byte(want.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var names []string
	for _, tt := range cases {
		names = append(names, tt.name)
		t.Run(tt.name, func(t *testing.T) {
			_, err := link.DecodeBoard(tt.link)
			if err == nil {
				t.Fatalf("DecodeBoard(%.40q) succeeded, want an error containing %q", tt.link, tt.want)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.want) || !strings.HasPrefix(msg, "board: ") || strings.Contains(msg, "\n") {
				t.Errorf("DecodeBoard(%.40q) = %q, want one line starting \"board: \" containing %q", tt.link, msg, tt.want)
			}
			for _, leak := range []string{"Go value", "Go struct", "struct {", "Envelope", "boardTeam", "cbor:"} {
				if strings.Contains(msg, leak) {
					t.Errorf("DecodeBoard = %q: the message shows the program's insides (%q)", msg, leak)
				}
			}
			b, err := os.ReadFile(filepath.Join(dir, tt.name+".link"))
			if err != nil || string(b) != tt.link {
				t.Errorf("testdata/boards/bad/%s.link differs from the table (%v): run with -update-boards", tt.name, err)
			}
		})
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.link"))
	var got []string
	for _, f := range files {
		got = append(got, strings.TrimSuffix(filepath.Base(f), ".link"))
	}
	sort.Strings(got)
	sort.Strings(names)
	if !slices.Equal(got, names) {
		t.Errorf("testdata/boards/bad holds %v, want %v (run with -update-boards)", got, names)
	}
	if _, err := link.DecodeBoard(hexBoard(t, "a1 00 02")); !errors.Is(err, model.ErrNewerVersion) {
		t.Errorf("DecodeBoard(version 2) = %v, want it to wrap model.ErrNewerVersion", err)
	}
}

// FuzzDecodeBoard: no input makes DecodeBoard panic; every error is one
// line starting "board: "; whatever decodes re-encodes to the same board
// link, and each of its teams' links opens. Each input is tried as text
// and as a payload. Seeds: testdata/boards.
func FuzzDecodeBoard(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(boardsDir, "*", "*.link"))
	more, _ := filepath.Glob(filepath.Join(boardsDir, "*.link"))
	for _, file := range append(files, more...) {
		b, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		f.Add(b)
		if p, err := base64.RawURLEncoding.DecodeString(strings.TrimPrefix(strings.TrimSpace(string(b)), "#"+link.BoardPrefix)); err == nil {
			f.Add(p)
		}
	}
	check := func(t *testing.T, s string) {
		b, err := link.DecodeBoard(s)
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, "board: ") || strings.Contains(msg, "\n") {
				t.Fatalf("DecodeBoard(%q) error %q: want one line starting \"board: \"", s, msg)
			}
			return
		}
		again, err := link.EncodeBoard(b)
		if err != nil {
			t.Fatalf("EncodeBoard(DecodeBoard(%q)) = %v", s, err)
		}
		body := strings.TrimSpace(s)
		if i := strings.IndexByte(body, '#'); i >= 0 {
			body = body[i+1:]
		}
		if rest, lang, ok := strings.Cut(body, "&lang="); ok && len(lang) == 2 {
			body = rest
		}
		if again != body {
			t.Fatalf("EncodeBoard(DecodeBoard(%q)) = %q: want the same board link", body, again)
		}
		for _, team := range b.Teams {
			if _, _, err := link.Decode(team.Link); err != nil {
				t.Fatalf("team %q of a board that decoded: Decode = %v", team.Name, err)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		check(t, string(data))
		check(t, link.BoardPrefix+base64.RawURLEncoding.EncodeToString(data))
	})
}

// TestParseClass: a class's parameters are read in any order and written
// in one; unknown names are refused with what there is.
func TestParseClass(t *testing.T) {
	tests := []struct {
		goals, lock, hide string
		want              string // Params(), or the error's part
	}{
		{"", "", "", ""},
		{"grid-crunch", "", "", "&goals=grid-crunch"},
		{"", "sites,eu_share,regime,eu_share", "", "&lock=eu_share,regime,sites"},
		{"eu-chips", "fast_track", "pue", "&goals=eu-chips&lock=fast_track&hide=pue"},
		{"nope", "", "", `goals: no goal set "nope": want one of`},
		{"", "eu_share,nope", "", `lock: "nope" is no lever: want some of eu_share`},
		{"", "", "nope", `hide: "nope" is no assumption`},
	}
	for _, tt := range tests {
		c, err := link.ParseClass(tt.goals, tt.lock, tt.hide)
		got := c.Params()
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, tt.want) || (tt.want == "" && got != "") {
			t.Errorf("ParseClass(%q, %q, %q) = %q, want %q", tt.goals, tt.lock, tt.hide, got, tt.want)
		}
	}
}

// TestClassLocks: a locked lever refuses its own commands and no others.
func TestClassLocks(t *testing.T) {
	c, err := link.ParseClass("", "eu_share,regime,sites", "")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		op   model.Op
		want string
	}{
		{model.SetLever{Lever: model.LeverEUShare, Value: 200}, "eu_share"},
		{model.SetLever{Lever: model.LeverHostShare, Value: 200}, ""},
		{model.SetRegime{}, "regime"},
		{model.RemoveSite{Site: 1}, "sites"},
		{model.MoveSite{Site: 1}, "sites"},
		{model.BuildSite{}, "sites"},
		{model.SetG2G{}, ""},
		{model.InvestGrid{}, ""},
	}
	for _, tt := range tests {
		got, locked := c.Locks(model.Command{Op: tt.op})
		if got != tt.want || locked != (tt.want != "") {
			t.Errorf("Locks(%T) = %q, %v; want %q", tt.op, got, locked, tt.want)
		}
	}
}

// FuzzParseClass: a teacher's class comes from a link's parameters, so
// from anyone: no input makes ParseClass panic, every error is one line
// starting "link: ", and a class it accepts writes parameters that read
// back to the same class.
func FuzzParseClass(f *testing.F) {
	f.Add("grid-crunch", "eu_share,sites", "pue")
	f.Add("", "sites,sites,regime", "")
	f.Add("nope", ",,", "fund_eur_bn,pue,x")
	f.Fuzz(func(t *testing.T, goals, lock, hide string) {
		c, err := link.ParseClass(goals, lock, hide)
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, "link: ") || strings.Contains(msg, "\n") {
				t.Fatalf("ParseClass(%q, %q, %q) error %q: want one line starting \"link: \"", goals, lock, hide, msg)
			}
			return
		}
		var g, l, h string
		for part := range strings.SplitSeq(c.Params(), "&") {
			k, v, _ := strings.Cut(part, "=")
			switch k {
			case "goals":
				g = v
			case "lock":
				l = v
			case "hide":
				h = v
			}
		}
		again, err := link.ParseClass(g, l, h)
		if err != nil || again.Params() != c.Params() {
			t.Fatalf("ParseClass(Params of %q) = %q, %v", c.Params(), again.Params(), err)
		}
	})
}
