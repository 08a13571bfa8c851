// Package link turns a scenario and the day being viewed into a short text
// for the fragment of a URL, and back: "send me the link" is how a run
// travels from one screen to another.
//
// A link's fragment is "s=" followed by the payload in base64url without
// padding. The payload is CBOR in Core Deterministic Encoding: a map whose
// key 0 is the link's schema version (every version keeps that), then the
// version's own keys. Version 1 writes a scenario as the difference from
// one of six frozen base scenarios (the default scenario and the five
// presets as they were when version 1 was made), with sites and commands as
// small arrays of integers; docs/scenario.md ("Links") has the key table
// and the rules.
//
// Links are exact: Decode(Encode(sc, day)) gives back sc in its canonical
// form (see Encode) and day, so the run reaches the same StateHash on every
// computer. They are canonical: a payload decodes only if Encode would write
// those very bytes again, so a link and its scenario determine each other.
// And they are hostile-input safe: the length is capped before anything is
// decoded, the CBOR decoder limits nesting, array and map sizes, refuses
// duplicate keys, indefinite lengths, tags and unknown keys, and every value
// is checked (by model.Scenario.Validate in the end) before it is used. No
// input makes Decode panic.
//
// Version 3 also records the release of figures the scenario runs on
// (model.Release); a link of version 1 or 2 runs on release 2026-11, the
// only one there was when it was made. Old versions are never reused or
// changed: a link made by version 1 is decoded by the version 1 decoder
// for ever, and migrated to the current scenario. A link from a newer version is refused with an error wrapping
// model.ErrNewerVersion.
package link

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"gigasandbox/model"
)

// Version is the link schema version this package writes. It reads every
// version up to this one.
const Version = len(versionBases) - 1

// MaxLen is the most characters a link's fragment (the part after '#',
// "s=" included) may have. Encode refuses scenarios that need more (save
// them as a file instead) and Decode refuses longer input before decoding
// anything.
const MaxLen = 8192

// ErrTooLong is wrapped by Encode's error for a scenario that needs more
// than MaxLen characters.
var ErrTooLong = errors.New("too long for a link")

// Prefix starts every link's fragment.
const Prefix = "s="

// b64 is base64url without padding; Strict refuses payloads whose unused
// trailing bits are not zero, so every payload has one spelling.
var b64 = base64.RawURLEncoding.Strict()

// Encode writes the scenario and the day being viewed (0 to sc.Days) as a
// link's fragment: "s=" and the payload, without the '#'.
//
// The scenario must be valid (model.Scenario.Validate). Encode keeps what
// the run depends on, exactly; it does not keep spellings a scenario file
// allows for the same value, so the scenario Decode gives back is sc in
// canonical form: version set to model.SchemaVersion; decimals written the
// shortest way ("0.30" becomes "0.3", assumption "1.250" becomes "1.25");
// a lever's true/false as "true" or "false"; each command with only the
// fields its kind uses; empty lists and maps as nil. A scenario loaded from
// a file, a preset or the page is already canonical after one round trip.
func Encode(sc model.Scenario, day model.Day) (string, error) {
	if err := sc.Validate(); err != nil {
		return "", fmt.Errorf("link: %w", err)
	}
	payload, err := encodeV1(Version, sc, day)
	if err != nil {
		return "", err
	}
	frag := Prefix + b64.EncodeToString(payload)
	if len(frag) > MaxLen {
		return "", fmt.Errorf("link: the scenario needs %d characters, more than the %d a link may have: share it as a scenario file: %w", len(frag), MaxLen, ErrTooLong)
	}
	return frag, nil
}

// Decode reads a link: a whole URL ("https://host/#s=..."), its fragment
// with or without the '#' ("#s=...", "s=..."), surrounded by spaces or not,
// and with the page's "&lang=xx" after it or not (the language is not part
// of the run).
// It returns the scenario, valid and canonical, and the day being viewed.
// Errors are one line, start with "link: " and name the field at fault; a
// link from a newer version wraps model.ErrNewerVersion.
//
// A link whose only fault is a command that cannot run on its day (a
// remove of a site removed already, more chips than a scenario may hold:
// model.Scenario.CheckCommands) gives its scenario and day as well, with an
// error wrapping the *model.CommandError, so that the page can say which
// command it is and offer to open the scenario without it.
func Decode(s string) (model.Scenario, model.Day, error) {
	payload, err := payloadOf(s)
	if err != nil {
		return model.Scenario{}, 0, err
	}
	version, err := probeVersion(payload)
	if err != nil {
		return model.Scenario{}, 0, err
	}
	// Every version so far has version 1's format; they differ in the
	// base scenarios they may use. A version with another format gets its
	// own decoder here, and its older versions keep theirs.
	return decodeV1(int(version), payload)
}

// Canonical returns the fragment of a link, "s=...", as Encode writes it:
// the URL and the '#' removed. It does not decode the payload.
func Canonical(s string) (string, error) {
	payload, err := payloadOf(s)
	if err != nil {
		return "", err
	}
	return Prefix + b64.EncodeToString(payload), nil
}

// payloadOf finds the fragment, checks its length and alphabet and decodes
// the base64.
func payloadOf(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[i+1:]
	}
	// The cap comes first: nothing longer is looked at.
	if len(s) > MaxLen+len("&lang=xx") {
		return nil, fmt.Errorf("link: %d characters, more than the %d a link may have", len(s), MaxLen)
	}
	// The page adds the language it was shared in ("&lang=fr"): not part
	// of the run.
	if rest, lang, ok := strings.Cut(s, "&lang="); ok && len(lang) == 2 {
		s = rest
	}
	if len(s) > MaxLen {
		return nil, fmt.Errorf("link: %d characters, more than the %d a link may have", len(s), MaxLen)
	}
	if s == "" {
		return nil, errors.New("link: empty: want a link whose fragment starts with #" + Prefix)
	}
	if !strings.HasPrefix(s, Prefix) {
		return nil, fmt.Errorf("link: no scenario in it: want a link whose fragment starts with #%s", Prefix)
	}
	s = s[len(Prefix):]
	if s == "" {
		return nil, errors.New("link: the scenario after #" + Prefix + " is empty")
	}
	// base64 decoders skip line breaks; a link has none, so that a link
	// has exactly one spelling.
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' {
			continue
		}
		what := "a non-ASCII character"
		if c < utf8.RuneSelf {
			what = fmt.Sprintf("%q", rune(c))
		}
		return nil, fmt.Errorf("link: character %d (%s) is not base64url: the link was cut or changed", len(Prefix)+i+1, what)
	}
	payload, err := b64.DecodeString(s)
	if err != nil {
		return nil, errors.New("link: the text after #" + Prefix + " is not whole base64url: the link was cut or changed")
	}
	return payload, nil
}
