package link_test

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"gigasandbox/model"
	"gigasandbox/model/link"
)

// FuzzDecodeLink: no input makes Decode panic; every error is one line
// starting "link: "; whatever decodes re-encodes to the same link and
// decodes again to the same scenario, which model.New accepts. Each input
// is tried twice: as the text of a link, and as the payload of one.
func FuzzDecodeLink(f *testing.F) {
	for _, dir := range []string{goldenDir, badDir} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.link"))
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				continue
			}
			f.Add(b)
			text := strings.TrimSpace(string(b))
			if i := strings.Index(text, link.Prefix); i >= 0 {
				if p, err := base64.RawURLEncoding.DecodeString(text[i+len(link.Prefix):]); err == nil {
					f.Add(p)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkLink(t, string(data))
		checkLink(t, link.Prefix+base64.RawURLEncoding.EncodeToString(data))
	})
}

func checkLink(t *testing.T, s string) {
	sc, day, err := link.Decode(s)
	if err != nil {
		if msg := err.Error(); !strings.HasPrefix(msg, "link: ") || strings.Contains(msg, "\n") {
			t.Fatalf("Decode(%q) error %q: want one line starting \"link: \"", s, msg)
		}
		return
	}
	canon, err := link.Canonical(s)
	if err != nil {
		t.Fatalf("Canonical(%q) = %v after Decode succeeded", s, err)
	}
	again, err := link.Encode(sc, day)
	if err != nil {
		t.Fatalf("Encode(Decode(%q)) = %v", s, err)
	}
	if again != canon {
		t.Fatalf("Encode(Decode(%q)) = %q, want the same link", canon, again)
	}
	sc2, day2, err := link.Decode(again)
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
