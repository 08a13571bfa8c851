package model

import (
	"fmt"

	"gigasandbox/assets"
)

// PresetNames lists the preset scenarios, in the order they are offered.
func PresetNames() []string { return append([]string(nil), assets.PresetNames...) }

// Preset returns the named preset scenario.
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
