package assets

import (
	"embed"
	"fmt"
	"strings"
)

//go:embed goals/*.json
var goalsFS embed.FS

// GoalsFile returns goals/NAME.json: the story, goals and (for the
// selection round) candidate sites of the guided preset NAME. The format
// is read, checked and documented by model.Goals.
func GoalsFile(name string) ([]byte, error) {
	if strings.ContainsAny(name, "/\\.") || name == "" {
		return nil, fmt.Errorf("no goals for preset %q", name)
	}
	b, err := goalsFS.ReadFile("goals/" + name + ".json")
	if err != nil {
		return nil, fmt.Errorf("no goals for preset %q", name)
	}
	return b, nil
}

// GoalFiles lists the presets that have a goals file, for tests that check
// every file belongs to a preset.
func GoalFiles() []string {
	entries, _ := goalsFS.ReadDir("goals")
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e.Name(), ".json"))
	}
	return out
}
