package link

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gigasandbox/model"
)

// FuzzDecodeLink: no input makes Decode panic; every error is one line
// starting "link: "; whatever decodes re-encodes to the same link (a link
// of an older version, to one of this version) and decodes again to the
// same scenario, which names its release (2026-11 for versions 1 and 2)
// and which model.New accepts. Each input is tried twice: as
// the text of a link, and as the payload of one. Seeds: every link under
// testdata/links (golden and malformed).
func FuzzDecodeLink(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "links", "*", "*.link"))
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			continue
		}
		f.Add(b)
		text := strings.TrimSpace(string(b))
		if i := strings.Index(text, Prefix); i >= 0 {
			if p, err := base64.RawURLEncoding.DecodeString(text[i+len(Prefix):]); err == nil {
				f.Add(p)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkLink(t, string(data))
		checkLink(t, Prefix+base64.RawURLEncoding.EncodeToString(data))
	})
}

func checkLink(t *testing.T, s string) {
	sc, day, err := Decode(s)
	if err != nil {
		if msg := err.Error(); !strings.HasPrefix(msg, "link: ") || strings.Contains(msg, "\n") {
			t.Fatalf("Decode(%q) error %q: want one line starting \"link: \"", s, msg)
		}
		return
	}
	canon, err := Canonical(s)
	if err != nil {
		t.Fatalf("Canonical(%q) = %v after Decode succeeded", s, err)
	}
	again, err := Encode(sc, day)
	if err != nil {
		t.Fatalf("Encode(Decode(%q)) = %v", s, err)
	}
	payload, _ := payloadOf(s)
	v, _ := probeVersion(payload)
	if v == uint64(Version) && again != canon {
		t.Fatalf("Encode(Decode(%q)) = %q, want the same link", canon, again)
	}
	// A link runs on the release it records; one of a version before
	// releases were recorded, on the release there was then.
	if rel, err := model.ReleaseOf(&sc); err != nil || sc.Release != rel.Name || (v < firstReleaseVersion && sc.Release != v1Release) {
		t.Fatalf("Decode(%q) is a version %d link on release %q (%v)", s, v, sc.Release, err)
	}
	sc2, day2, err := Decode(again)
	if err != nil || day2 != day || !reflect.DeepEqual(sc2, sc) {
		t.Fatalf("Decode(Encode(Decode(%q))) = %v, %d, %v: want the same scenario and day %d", s, sc2, day2, err, day)
	}
	var chips int64
	for _, site := range sc.Sites {
		chips += int64(site.Chips)
	}
	if chips > 200000 {
		return // keep each input fast
	}
	if _, err := model.New(sc); err != nil {
		t.Fatalf("model.New(Decode(%q)) = %v", s, err)
	}
}
