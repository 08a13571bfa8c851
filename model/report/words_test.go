package report_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNoWords keeps report to numbers with units: its code writes no text
// for people. Words and number formats belong to the page (translated) and
// to the command line. Two calls are allowed: the state hash in hex and
// the fallback name of an unknown verdict. (Errors are words, but for a
// goals file's author, not for a reader of a run.)
func TestNoWords(t *testing.T) {
	printing := regexp.MustCompile(`fmt\.(Sprint|Sprintf|Sprintln|Fprint|Fprintf|Fprintln|Print|Printf|Println|Appendf)\(|strings\.Builder|\.Format\(`)
	allowed := []string{`fmt.Sprintf("%016x", s.StateHash())`, `fmt.Sprintf("GoalVerdict(%d)", uint8(v))`}
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
	lines:
		for i, line := range strings.Split(string(b), "\n") {
			if !printing.MatchString(line) {
				continue
			}
			for _, a := range allowed {
				if strings.Contains(line, a) {
					continue lines
				}
			}
			t.Errorf("%s:%d formats text for people: %s (write the figure and its Unit; the page and cmd/gigasim word it)", f, i+1, strings.TrimSpace(line))
		}
	}
}
