package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLinkDecodeLink: decode then link gives the same link back, and the
// file decode writes runs like the original.
func TestLinkDecodeLink(t *testing.T) {
	tests := []struct {
		name string
		args []string // gigasim link ARGS
		day  string
	}{
		{"small", []string{small}, "40"},
		{"example file", []string{"../../testdata/scenarios/two-sites.json"}, "730"},
		{"preset", []string{"--preset", "grid-crunch"}, "0"},
		{"preset at the horizon", []string{"--preset", "eu-chips"}, "3652"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"link"}, tt.args...)
			args = append(args, "--day", tt.day)
			l := strings.TrimSuffix(mustRun(t, args...), "\n")
			if !strings.HasPrefix(l, defaultBase+"#s=") || strings.Contains(l, "\n") {
				t.Fatalf("run(%q) = %q, want one line %s#s=...", args, l, defaultBase)
			}
			code, js, stderr := invoke("decode", l)
			if code != exitOK {
				t.Fatalf("decode %s = %d: %s", l, code, stderr)
			}
			if want := "The link shows day " + tt.day + " ("; !strings.HasPrefix(stderr, want) {
				t.Errorf("decode %s stderr = %q, want it to start %q", l, stderr, want)
			}
			file := filepath.Join(t.TempDir(), "decoded.json")
			if err := os.WriteFile(file, []byte(js), 0o644); err != nil {
				t.Fatal(err)
			}
			if again := strings.TrimSuffix(mustRun(t, "link", file, "--day", tt.day), "\n"); again != l {
				t.Errorf("link of the decoded file = %s, want the link again: %s", again, l)
			}
			frag := strings.TrimSuffix(mustRun(t, "link", file, "--day", tt.day, "--base", ""), "\n")
			if want := l[len(defaultBase):]; frag != want {
				t.Errorf("link --base \"\" = %s, want %s", frag, want)
			}
			// The link runs to its day, the decoded file runs the same.
			h := hash(t, "run", "--link", frag)
			n := tt.day
			if n == "0" {
				n = strings.TrimSpace(hash(t, "run", "--scenario", file)) // day 0: the horizon
				if h != n {
					t.Errorf("run --link (day 0) hash %s, want the horizon's %s", h, n)
				}
				return
			}
			if want := hash(t, "run", "--scenario", file, "--days", n); h != want {
				t.Errorf("run --link hash %s, want %s (run --scenario --days %s)", h, want, n)
			}
			if got, want := hash(t, "run", "--link", l, "--days", "10"), hash(t, "run", "--scenario", file, "--days", "10"); got != want {
				t.Errorf("run --link --days 10 hash %s, want %s", got, want)
			}
		})
	}
}

// TestBadLinkCorpus: every malformed link of testdata/links/bad makes
// decode and run --link exit 2 with one line, and never a panic; a link
// that decodes but fails when run makes run --link exit 2.
func TestBadLinkCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "links", "bad")
	want := map[string]string{}
	b, err := os.ReadFile(filepath.Join(dir, "want.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if name, w, ok := strings.Cut(line, "\t"); ok && !strings.HasPrefix(line, "#") {
			want[name] = w
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.link"))
	if len(files) == 0 {
		t.Fatal("no links in testdata/links/bad")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".link")
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			w, ok := want[name]
			if !ok {
				t.Fatalf("want.txt has no line for %s", name)
			}
			w, runFails := strings.CutPrefix(w, "run: ")
			for _, args := range [][]string{{"decode", string(b)}, {"run", "--link", string(b), "--hash"}} {
				code, stdout, stderr := invoke(args...)
				if runFails && args[0] == "decode" {
					if code != exitUsage || !strings.Contains(stdout, `"commands"`) || !strings.Contains(stderr, w) {
						t.Errorf("decode of %s = %d, stdout %q, stderr %q: want the scenario written, for mending, and exit %d with %q", name, code, stdout, stderr, exitUsage, w)
					}
					continue
				}
				if code != exitUsage {
					t.Errorf("%s of %s = %d, want %d", args[0], name, code, exitUsage)
				}
				if stdout != "" {
					t.Errorf("%s of %s wrote to stdout: %q", args[0], name, stdout)
				}
				if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "gigasim: ") || !strings.Contains(stderr, w) {
					t.Errorf("%s of %s: stderr = %q, want one line gigasim: ... containing %q", args[0], name, stderr, w)
				}
			}
		})
	}
}
