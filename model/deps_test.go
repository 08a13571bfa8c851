package model_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDependencyBoundary keeps the simulation pure: model/ may not depend
// on Ebitengine, syscall/js, the network or process control, on linux or
// in the browser, and its code may not import os, time or global random
// numbers. The model does not import its readers, model/report and
// model/link.
func TestDependencyBoundary(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not available in this environment (cross-target run); the native run checks the boundary")
	}
	// Forbidden anywhere in model's dependency graph.
	forbiddenDeps := map[string]string{
		"github.com/hajimehoshi/ebiten/v2": "drawing belongs in game/",
		"net":                              "the model never talks to a network",
		"net/http":                         "the model never talks to a network",
		"os/exec":                          "the model never runs programs",
		"math/rand":                        "randomness comes from model/rng only",
		"math/rand/v2":                     "randomness comes from model/rng only",
		"crypto/rand":                      "randomness comes from model/rng only",
	}
	// Forbidden as imports of model's own packages and of any non-standard
	// package they use. (On js/wasm the standard library's time package
	// imports syscall/js for the time zone, and fmt, embed and
	// encoding/json import time; that is not the model touching the
	// browser, so the standard library's own imports are exempt.)
	forbiddenImports := map[string]string{
		"syscall/js": "the browser belongs in wasm/",
		"os":         "the model reads no files or environment: its data is embedded",
		"time":       "the model has its own calendar; the clock would break determinism",
		"unsafe":     "the model's state must be plain data",
	}
	// model/link writes scenarios as links and is not part of the
	// simulation. Its CBOR library brings two things the simulation may
	// not have, neither of them the clock or global random numbers: cbor
	// imports time to encode time.Time values (links hold none), and
	// math/big, which imports math/rand for primality tests (links refuse
	// bignums). They are allowed there and nowhere else; link's own code
	// keeps every rule.
	linkAllowed := map[string]bool{
		"math/rand": true,
		"github.com/fxamacker/cbor/v2 imports time": true,
	}
	for _, env := range [][]string{{"GOOS=linux", "GOARCH=amd64"}, {"GOOS=linux", "GOARCH=arm64"}, {"GOOS=js", "GOARCH=wasm"}} {
		list := exec.Command("go", "list", "./...")
		list.Env = append(os.Environ(), env...)
		pkgs, err := list.Output()
		if err != nil {
			t.Fatalf("go list (%v): %v", env, err)
		}
		var sim []string
		for _, p := range strings.Fields(string(pkgs)) {
			if p != "gigasandbox/model/link" {
				sim = append(sim, p)
			}
		}
		for _, set := range []struct {
			pkgs    []string
			allowed map[string]bool
		}{{sim, nil}, {[]string{"gigasandbox/model/link"}, linkAllowed}} {
			args := append([]string{"list", "-deps", "-f", `{{.ImportPath}} {{.Standard}} {{join .Imports " "}}`}, set.pkgs...)
			cmd := exec.Command("go", args...)
			cmd.Env = append(os.Environ(), env...)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("go list -deps (%v): %v", env, err)
			}
			for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				f := strings.Fields(line)
				pkg, standard, imports := f[0], f[1] == "true", f[2:]
				if why, bad := forbiddenDeps[pkg]; bad && !set.allowed[pkg] {
					t.Errorf("model/ depends on %s (%v): %s", pkg, env, why)
				}
				if standard {
					continue
				}
				for _, imp := range imports {
					if why, bad := forbiddenImports[imp]; bad && !set.allowed[pkg+" imports "+imp] {
						t.Errorf("%s imports %s (%v): %s", pkg, imp, env, why)
					}
				}
			}
		}
	}
	// The simulation does not know who reads it: model/report and
	// model/link read the model, never the other way round.
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "gigasandbox/model/report" || p == "gigasandbox/model/link" {
			t.Errorf("model depends on %s: reporting and links read the model, the model does not call them", p)
		}
	}
	// No transcendental functions in the tick: they differ between amd64
	// and wasm (platform.md). Tables and integer arithmetic instead.
	// (model/report turns integer results into display ratios after the
	// tick, in floating point; it is not checked here.)
	banned := regexp.MustCompile(`math\.(Exp|Log|Log1p|Log2|Log10|Pow|Sqrt|Sin|Cos|Tan|Expm1)\(|float(32|64)\(`)
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if banned.MatchString(line) {
				t.Errorf("%s:%d uses floating point in the model: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}
