package model

import (
	"fmt"

	"gigasandbox/assets"
)

// PresetNames lists the preset scenarios, in the order they are offered.
func PresetNames() []string { return append([]string(nil), assets.PresetNames...) }

// Preset returns the named preset scenario as it was made, on the release
// it names (2026-11 for every preset so far): a guided preset's goals are
// set for its release's figures, and a preset opens as it always did.
// PresetIn gives the same preset on another release.
func Preset(name string) (Scenario, error) {
	data, err := assets.Preset(name)
	if err != nil {
		return Scenario{}, err
	}
	sc, err := ParseScenario(data)
	if err != nil {
		return Scenario{}, fmt.Errorf("preset %s: %w", name, err)
	}
	return sc, nil
}

// PresetIn returns the named preset as release rel has it, naming rel, so
// that it runs as it did when the release was current. The presets were
// first written for release 2026-11 (assets/presets); a later release
// changes what its figures change.
func PresetIn(rel *Release, name string) (Scenario, error) {
	data, err := assets.Preset(name)
	if err != nil {
		return Scenario{}, err
	}
	sc, err := ParseScenario(data)
	if err != nil {
		return Scenario{}, fmt.Errorf("preset %s: %w", name, err)
	}
	sc.Release = rel.Name
	for _, r := range releases {
		if r.presets != nil {
			r.presets(name, &sc)
		}
		if r == rel {
			break
		}
	}
	if err := sc.Validate(); err != nil {
		return Scenario{}, fmt.Errorf("preset %s on release %s: %w", name, rel.Name, err)
	}
	return sc, nil
}
