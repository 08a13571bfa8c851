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
// with both values and the newer one's source.
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
	for _, c := range changes {
		fmt.Fprintf(stdout, "%-40s %14s → %-14s %s\n", c.What, c.From, c.To, c.Source)
	}
	fmt.Fprintf(stdout, "%d figures differ between %s and %s.\n", len(changes), a.Name, b.Name)
	return nil
}
