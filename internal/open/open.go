// Package open turns what a user names — a preset, a scenario file or a
// link — into the scenario to run, the same way in every program: the
// command-line runner (cmd/gigasim), the desktop app (cmd/sandbox) and the
// browser page (wasm). Its errors say what was wrong and what would be
// right; the programs put them in front of the user as they are.
package open

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"gigasandbox/model"
	"gigasandbox/model/ensemble"
	"gigasandbox/model/link"
)

// DefaultPreset is what a program opens when nothing is named.
const DefaultPreset = "baseline"

// Run is an opened scenario and how to show it.
type Run struct {
	// Name is what the run is called on screen: the preset's name, the
	// scenario's name, or "link" for a link's scenario without one.
	Name     string
	Scenario model.Scenario
	// Day is the day a link shows (what its sender saw); 0 otherwise.
	Day model.Day
	// Lang is the language a link was shared in ("&lang=fr"), or "".
	Lang string
	// Class is what a teacher's starting link adds: the goal set, locked
	// levers and hidden assumptions ("&goals=…&lock=…&hide=…").
	Class link.Class
	// Bands is the size of the ensemble whose bands the link shows
	// ("&bands=64"), 0 if it shows none.
	Bands int
}

// Preset opens a preset scenario by name. An unknown name's error lists
// the presets there are.
func Preset(name string) (Run, error) {
	sc, err := model.Preset(name)
	if err != nil {
		return Run{}, err
	}
	return Run{Name: name, Scenario: sc}, nil
}

// File opens a scenario file (JSON, docs/scenario.md). A file that cannot
// be opened gives the operating system's error, which names the path; a
// file that cannot be read or parsed gives "PATH: " and the reason.
func File(path string) (Run, error) {
	f, err := os.Open(path)
	if err != nil {
		return Run{}, err
	}
	defer f.Close()
	// One byte more than a scenario may have, so that ParseScenario says
	// the file is too long instead of meeting a cut one.
	data, err := io.ReadAll(io.LimitReader(f, model.MaxScenarioBytes+1))
	if err != nil {
		return Run{}, fmt.Errorf("%s: %w", path, err)
	}
	return Bytes(path, data)
}

// Bytes opens the contents of a scenario file; path names it in errors.
func Bytes(path string, data []byte) (Run, error) {
	sc, err := model.ParseScenario(data)
	if err != nil {
		return Run{}, fmt.Errorf("%s: %w", path, err)
	}
	return Run{Name: sc.Name, Scenario: sc}, nil
}

// Link opens what the page's address names: a link (a URL, or its fragment
// "s=..."), or "preset=NAME"; either may carry the page's "&lang=xx" and
// "&bands=N" (the ranges on, an ensemble of N runs, 16 to 1,024). A
// link opens at the day it shows. Text that names neither opens
// DefaultPreset, in its language if it gives one.
//
// A link whose scenario decodes but has a command that cannot run on its
// day gives a *model.CommandError and, with it, the Run it would have
// been, so that the program can offer it without that command.
func Link(text string) (Run, error) {
	frag := strings.TrimSpace(text)
	if i := strings.IndexByte(frag, '#'); i >= 0 {
		frag = frag[i+1:]
	}
	if frag == "" {
		// What link.Decode says of an empty link.
		_, _, err := link.Decode(frag)
		return Run{}, err
	}
	var lang, preset, goals, lock, hide string
	named := false
	bands := 0
	var bandsErr error
	var rest []string
	for part := range strings.SplitSeq(frag, "&") {
		switch k, v, _ := strings.Cut(part, "="); k {
		case "lang":
			lang = v
		case "bands":
			n, err := strconv.Atoi(v)
			if err != nil || n < ensemble.MinRuns || n > ensemble.MaxRuns {
				bandsErr = fmt.Errorf("the link's bands=%s: want the number of runs, %d to %d; remove it to open the link without bands", v, ensemble.MinRuns, ensemble.MaxRuns)
			}
			bands = n
		case "preset":
			preset, named = v, true
		case "goals":
			goals = v
		case "lock":
			lock = v
		case "hide":
			hide = v
		default:
			rest = append(rest, part)
		}
	}
	if bandsErr != nil {
		return Run{Lang: lang}, bandsErr
	}
	class, err := link.ParseClass(goals, lock, hide)
	if err != nil {
		return Run{Lang: lang}, err
	}
	r, err := openLink(rest, named, preset, lang, bands)
	r.Class = class
	if class.Goals != "" && r.Scenario.Version != 0 {
		r.Name = class.Goals // the run is judged on the class's goals (the page keys goals by name)
	}
	return r, err
}

// openLink opens the preset or link of a fragment's parts.
func openLink(rest []string, named bool, preset, lang string, bands int) (Run, error) {
	if named {
		// Checked even when a link follows, which then wins: a link that
		// names an unknown preset is a bad link.
		r, err := Preset(preset)
		if err != nil || len(rest) == 0 {
			r.Lang, r.Bands = lang, bands
			return r, err
		}
	} else if len(rest) == 0 {
		r, err := Preset(DefaultPreset)
		r.Lang, r.Bands = lang, bands
		return r, err
	}
	sc, day, err := link.Decode(strings.Join(rest, "&"))
	var ce *model.CommandError
	if err != nil && !errors.As(err, &ce) {
		return Run{Lang: lang}, err
	}
	r := Run{Name: sc.Name, Scenario: sc, Day: day, Lang: lang, Bands: bands}
	if r.Name == "" {
		r.Name = "link"
	}
	return r, err
}

// Named opens what one argument names, by its shape: a link (an address
// with "#s=…", or the fragment itself), a scenario file (ending in .json
// or with a path separator), or else a preset's name. It is what a program
// that takes several scenarios as arguments (gigasim compare) uses.
func Named(arg string) (Run, error) {
	switch {
	case strings.Contains(arg, "#s=") || strings.HasPrefix(arg, "s=") || strings.Contains(arg, "#preset=") || strings.HasPrefix(arg, "preset="):
		return Link(arg)
	case strings.HasSuffix(arg, ".json") || strings.ContainsAny(arg, `/\`):
		return File(arg)
	}
	return Preset(arg)
}
