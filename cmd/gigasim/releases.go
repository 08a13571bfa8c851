package main

import (
	"fmt"
	"io"

	"gigasandbox/model"
)

// cmdReleases lists the releases of figures this sandbox has, newest last.
func cmdReleases(args []string, stdout io.Writer) error {
	if len(args) > 0 {
		return bad("releases takes no argument")
	}
	newest := model.NewestRelease()
	for _, r := range model.Releases() {
		mark := ""
		if r == newest {
			mark = "  (newest: what a scenario that names no release runs on)"
		}
		fmt.Fprintf(stdout, "%-10s %s, checked %s%s\n", r.Name, r.About, r.Checked, mark)
	}
	return nil
}

// cmdDiffRelease lists every figure that differs between two releases,
// with both values and both sources (the older one's where it had one).
func cmdDiffRelease(args []string, stdout io.Writer) error {
	if len(args) != 2 {
		return bad("diff-release takes two releases: gigasim diff-release OLD NEW (gigasim releases lists them)")
	}
	a, err := model.ReleaseByName(args[0])
	if err != nil {
		return bad("diff-release: %v", err)
	}
	b, err := model.ReleaseByName(args[1])
	if err != nil {
		return bad("diff-release: %v", err)
	}
	changes := model.Diff(a, b)
	fmt.Fprintf(stdout, "Figures that differ from release %s (%s) to %s (%s):\n", a.Name, a.About, b.Name, b.About)
	for _, c := range changes {
		fmt.Fprintf(stdout, "\n%s: %s → %s\n", c.What, c.From, c.To)
		if c.FromSource != "" && c.FromSource != c.Source {
			fmt.Fprintf(stdout, "    %s: %s\n", a.Name, c.FromSource)
		}
		if c.Source != "" {
			fmt.Fprintf(stdout, "    %s: %s\n", b.Name, c.Source)
		}
	}
	fmt.Fprintf(stdout, "\n%d figures differ between %s and %s. Sources [S..] are in docs/sources.md, [R..] in docs/research/2026-12/sources.md.\n", len(changes), a.Name, b.Name)
	return nil
}

// noteRelease says on stderr which release a scenario that names none runs
// on: the newest, which a later version of the sandbox may change (name it
// in the file to keep the run).
func noteRelease(stderr io.Writer, sc *model.Scenario) {
	if sc.Release != "" {
		return
	}
	r := model.NewestRelease()
	fmt.Fprintf(stderr, "gigasim: the scenario names no release, so it runs on the newest, %s (%s); add \"release\": %q to keep this run when newer figures come\n", r.Name, r.About, r.Name)
}
