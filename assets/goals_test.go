package assets_test

import (
	"slices"
	"testing"

	"gigasandbox/assets"
)

func TestGoalsFile(t *testing.T) {
	files := assets.GoalFiles()
	for _, name := range files {
		if _, err := assets.GoalsFile(name); err != nil {
			t.Errorf("GoalsFile(%q) = %v", name, err)
		}
		if !slices.Contains(assets.PresetFiles(), name) {
			t.Errorf("goals/%s.json has no preset file", name)
		}
	}
	if len(files) < 6 {
		t.Errorf("%d goals files, want one per guided preset (6)", len(files))
	}
	for _, bad := range []string{"", "nope", "../states", "baseline.json", `goals\baseline`} {
		if _, err := assets.GoalsFile(bad); err == nil {
			t.Errorf("GoalsFile(%q) = nil error, want one", bad)
		}
	}
}
