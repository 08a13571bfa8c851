package assets

import (
	"embed"
	"fmt"
	"strings"
)

//go:embed presets/*.json
var presetFS embed.FS

// PresetNames lists the preset scenarios in the order the sandbox offers
// them. Each is presets/NAME.json.
var PresetNames = []string{"baseline", "diffusion-2025", "grid-crunch", "eu-chips", "startup-boom", "selection-round"}

// Preset returns the scenario file of the named preset.
func Preset(name string) ([]byte, error) {
	for _, n := range PresetNames {
		if n == name {
			return presetFS.ReadFile("presets/" + name + ".json")
		}
	}
	return nil, fmt.Errorf("unknown preset %q (want one of %s)", name, strings.Join(PresetNames, ", "))
}

// PresetFiles lists the names of the files under presets/, for tests that
// check every file is offered.
func PresetFiles() []string {
	entries, _ := presetFS.ReadDir("presets")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".json"))
	}
	return out
}
