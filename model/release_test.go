package model

import (
	"strings"
	"testing"
)

// TestReleaseOf: a scenario runs on the release it names, or the newest;
// a release this sandbox does not have is refused with what it has, and
// naming the release a scenario would run on anyway changes nothing.
func TestReleaseOf(t *testing.T) {
	sc, err := Preset("grid-crunch")
	if err != nil {
		t.Fatal(err)
	}
	if r, err := ReleaseOf(&sc); err != nil || r.Name != "2026-11" {
		t.Fatalf("ReleaseOf(preset) = %v, %v; want 2026-11, the release it was made on", r, err)
	}
	sc.Release = ""
	if r, err := ReleaseOf(&sc); err != nil || r != NewestRelease() {
		t.Fatalf("ReleaseOf(no release) = %v, %v; want the newest", r, err)
	}
	named := sc
	named.Release = NewestRelease().Name
	a, b := runHash(t, sc), runHash(t, named)
	if a != b {
		t.Errorf("naming the newest release changed the run: %016x, %016x", a, b)
	}
	bad := sc
	bad.Release = "2099-01"
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), `release "2099-01"`) || !strings.Contains(err.Error(), "2026-11") {
		t.Errorf("Validate(release 2099-01) = %v, want the name and the releases there are", err)
	}
	if _, err := New(bad); err == nil {
		t.Error("New(release 2099-01) ran")
	}
}

func runHash(t *testing.T, sc Scenario) uint64 {
	t.Helper()
	sim, err := New(sc)
	if err != nil {
		t.Fatal(err)
	}
	for sim.Day() < 400 {
		if err := sim.Step(); err != nil {
			t.Fatal(err)
		}
	}
	return sim.StateHash()
}

// TestReleaseRunsOnItsFigures: a run takes its defaults and its states'
// figures from its release, so an older release keeps giving the old run
// when a newer one changes a figure; Diff lists what changed.
func TestReleaseRunsOnItsFigures(t *testing.T) {
	old := NewestRelease()
	next := *old
	next.Name, next.About = "test-next", "a test release"
	next.params[ParamPUE].Default = 1300
	next.params[ParamPUE].Source = "a test source"
	next.states[5].PriceCentsPerMWh += 1000
	releases = append(releases, &next)
	defer func() { releases = releases[:len(releases)-1] }()

	sc, err := Preset("baseline")
	if err != nil {
		t.Fatal(err)
	}
	onOld := sc
	onOld.Release = old.Name
	onNew := sc
	onNew.Release = "" // names none: the newest, now test-next
	pinned := sc
	pinned.Release = old.Name
	pinned.Assumptions = map[string]string{"pue": "1.3"}
	if runHash(t, onOld) == runHash(t, onNew) {
		t.Error("the newer release's figures did not change the run")
	}
	sim, _ := New(onNew)
	if sim.Params()[ParamPUE] != 1300 || sim.Release() != &next {
		t.Errorf("run on the newest release has pue %d", sim.Params()[ParamPUE])
	}
	changes := Diff(old, &next)
	want := map[string]bool{"param pue": true, "state " + old.states[5].Code + " price_cents_per_mwh": true}
	if len(changes) != len(want) {
		t.Fatalf("Diff = %+v, want %d changes", changes, len(want))
	}
	for _, c := range changes {
		if !want[c.What] {
			t.Errorf("Diff lists %q", c.What)
		}
		if c.What == "param pue" && (c.From != "1.2" || c.To != "1.3" || c.Source != "a test source") {
			t.Errorf("Diff pue = %+v", c)
		}
	}
	if d := Diff(old, old); len(d) != 0 {
		t.Errorf("Diff(a, a) = %+v", d)
	}
}

// TestReleaseDefaultsInRange: every release's default of every assumption
// lies within the assumption's range and its accepted limits, so that an
// ensemble on any release draws around the figure it runs on.
func TestReleaseDefaultsInRange(t *testing.T) {
	for _, r := range Releases() {
		for p := range NumParams {
			d, rg, in := r.Default(p), p.Range(), p.Info()
			if d < rg.Low || d > rg.High || d < in.Min || d > in.Max {
				t.Errorf("release %s: %s default %s outside its range %s to %s", r.Name, in.Key, p.Format(d), p.Format(rg.Low), p.Format(rg.High))
			}
			if r.Param(p).Source == "" {
				t.Errorf("release %s: %s has no source", r.Name, in.Key)
			}
		}
	}
}

// TestReleaseKeepsItsGenerations: release 2026-11 knows six generations
// and refuses the later ones; 2026-12 orders the best on sale on the day.
func TestReleaseKeepsItsGenerations(t *testing.T) {
	old, _ := ReleaseByName("2026-11")
	if old.Gens() != GenMI250X+1 || old.checkChip(GenGB300) == nil || old.checkChip(GenBest) != nil {
		t.Errorf("release 2026-11 knows %d generations, checkChip(gb300) = %v", old.Gens(), old.checkChip(GenGB300))
	}
	sc := DefaultScenario()
	sc.Release = "2026-12"
	sim, err := New(sc)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		day  Day
		want Gen
	}{
		{0, GenGB300}, {DayOf(2026, 8, 31), GenGB300}, {DayOf(2026, 9, 1), GenVR200}, {DayOf(2030, 1, 1), GenVR200},
	}
	for _, tt := range tests {
		if got := sim.BestGen(tt.day); got != tt.want {
			t.Errorf("BestGen(%s) = %s, want %s", tt.day, got, tt.want)
		}
	}
	sc.Release = "2026-11"
	if sim, _ := New(sc); sim.BestGen(DayOf(2030, 1, 1)) != GenB200 {
		t.Errorf("release 2026-11's best chip in 2030 is %s, want b200", sim.BestGen(DayOf(2030, 1, 1)))
	}
}
