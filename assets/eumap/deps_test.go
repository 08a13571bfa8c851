package eumap_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestDependencies keeps the map package usable from the simulation and
// the page alike: no Ebitengine, no browser, no files, no clock, on linux
// and in the browser.
func TestDependencies(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not available here (cross-target run); the native run checks")
	}
	forbiddenDeps := map[string]string{
		"github.com/hajimehoshi/ebiten/v2": "drawing belongs in the game, not in the data",
		"net":                              "the map is embedded; it never talks to a network",
	}
	// Imports forbidden to eumap itself (the standard library's own imports
	// are exempt: on js/wasm, time imports syscall/js for the time zone).
	forbiddenImports := map[string]string{
		"syscall/js": "the browser belongs in wasm/",
		"os":         "the map is embedded with go:embed; no files",
		"time":       "nothing here depends on the clock",
	}
	for _, env := range [][]string{{"GOOS=linux", "GOARCH=amd64"}, {"GOOS=js", "GOARCH=wasm"}} {
		cmd := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}} {{.Standard}} {{join .Imports " "}}`, ".")
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps (%v): %v", env, err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			f := strings.Fields(line)
			pkg, standard, imports := f[0], f[1] == "true", f[2:]
			if why, bad := forbiddenDeps[pkg]; bad {
				t.Errorf("eumap depends on %s (%v): %s", pkg, env, why)
			}
			if standard {
				continue
			}
			for _, imp := range imports {
				if why, bad := forbiddenImports[imp]; bad {
					t.Errorf("%s imports %s (%v): %s", pkg, imp, env, why)
				}
			}
		}
	}
}
