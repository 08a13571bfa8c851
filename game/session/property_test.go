package session_test

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"gigasandbox/game/session"
	"gigasandbox/model"
	"gigasandbox/model/link"
)

// soak runs TestRandomActions for this long instead of its fixed seeds:
//
//	go test ./game/session -run TestRandomActions -soak 10m -timeout 0 -v
var soak = flag.Duration("soak", 0, "run TestRandomActions with new seeds for this long")

// refusals counts the refused actions by reason, for the soak's report:
// a run that refuses nothing tests little.
var refusals = map[string]int{}

func countRefusal(err error) {
	var ce *model.CommandError
	var later *session.LaterError
	switch {
	case errors.As(err, &later):
		refusals["later command"]++
	case errors.As(err, &ce):
		refusals[ce.Refusal.String()]++
	default:
		refusals[err.Error()]++
	}
}

// TestRandomActions sequences every action a page can take on a session —
// edits of every kind (refused ones too), undo, redo, assumptions, steps,
// seeks back and forth, reset, jumps to the horizon, projections — from
// many seeds. After each action the live run equals a fresh replay of the
// session's scenario at the same day, bit for bit; the scenario validates
// and comes back whole from a link; and the live simulation's own record of
// its commands is the session's scenario. A failure prints the seed and the
// actions that led to it.
func TestRandomActions(t *testing.T) {
	if *soak > 0 {
		end := time.Now().Add(*soak)
		seeds, actions := 0, 0
		for seed := uint64(1000); time.Now().Before(end); seed++ {
			actions += randomActions(t, seed, 200)
			seeds++
			if t.Failed() {
				break
			}
		}
		t.Logf("soak: %d seeds, %d actions in %v, no mismatch: %v; refusals: %v", seeds, actions, *soak, !t.Failed(), refusals)
		return
	}
	for seed := range uint64(24) {
		randomActions(t, seed, 60)
		if t.Failed() {
			return
		}
	}
}

// randomActions runs n random actions on a session from seed and checks
// the session after each; it returns how many actions ran.
func randomActions(t *testing.T, seed uint64, n int) int {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	sc := smallScenario(r)
	s, err := session.New("random", sc)
	if err != nil {
		t.Fatalf("seed %d: New: %v", seed, err)
	}
	var log []string
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf("seed %d, after %d actions: %s\nactions:\n  %s", seed, len(log), fmt.Sprintf(format, args...), strings.Join(log, "\n  "))
	}
	for range n {
		before := session.HashOf(s.Sim())
		what, refused := randomAction(r, s)
		if refused != nil {
			countRefusal(refused)
			what += " -> refused: " + refused.Error()
		}
		log = append(log, fmt.Sprintf("day %d: %s", s.Day(), what))
		if refused != nil && session.HashOf(s.Sim()) != before && !strings.HasPrefix(what, "seek") {
			fail("a refused action changed the run")
			return len(log)
		}
		if msg := checkSession(s); msg != "" {
			fail("%s", msg)
			return len(log)
		}
	}
	return len(log)
}

// checkSession compares the session with a fresh replay of its scenario,
// returning what differs ("" if nothing).
func checkSession(s *session.Session) string {
	sc := s.Scenario()
	if err := sc.Validate(); err != nil {
		return fmt.Sprintf("the scenario does not validate: %v", err)
	}
	if got := s.Sim().Scenario(); !same(got.Commands, sc.Commands) || !same(got.Assumptions, sc.Assumptions) {
		return fmt.Sprintf("the live run's commands differ from the scenario's:\nlive     %v\nscenario %v", got.Commands, sc.Commands)
	}
	replay, err := model.New(sc)
	if err != nil {
		return fmt.Sprintf("replay: %v", err)
	}
	if err := replay.RunTo(s.Day()); err != nil {
		return fmt.Sprintf("replay to day %d: %v", s.Day(), err)
	}
	if got, want := session.HashOf(s.Sim()), session.HashOf(replay); got != want {
		return fmt.Sprintf("live hash %s at day %d, replay %s", got, s.Day(), want)
	}
	frag, err := link.Encode(sc, s.Day())
	if err != nil {
		return fmt.Sprintf("link: %v", err)
	}
	back, day, err := link.Decode(frag)
	if err != nil || day != s.Day() {
		return fmt.Sprintf("the link does not open: day %d, %v", day, err)
	}
	again, err := link.Encode(back, day)
	if err != nil || again != frag {
		return fmt.Sprintf("the link's scenario writes another link: %v", err)
	}
	if p := s.Projection(); p.Done() && p.Err() == nil && p.Sim() != nil {
		full, _ := model.New(sc)
		if err := full.RunTo(full.Horizon()); err != nil {
			return fmt.Sprintf("replay to the horizon: %v", err)
		}
		if got, want := session.HashOf(p.Sim()), session.HashOf(full); got != want {
			return fmt.Sprintf("the projection ends at %s, a replay at %s", got, want)
		}
	}
	return ""
}

// same is reflect.DeepEqual that takes nil for empty.
func same[T []model.Command | map[string]string](a, b T) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

// smallScenario is a short run with a few sites and commands of its own, so
// that edits meet the scenario's own commands on the same and later days.
func smallScenario(r *rand.Rand) model.Scenario {
	sc := model.DefaultScenario()
	sc.Name = "random"
	sc.Seed = r.Uint64()
	sc.Days = int32(300 + r.IntN(300))
	sc.Sites = []model.SiteSpec{
		{Name: "Existing", State: model.MustState("FI"), Chips: 2000, Chip: model.GenH100, Start: -200, Lon: 27_000000, Lat: 64_000000, Existing: true},
		{Name: "Planned", State: model.MustState("PL"), Chips: int32(1000 + r.IntN(20000)), Chip: model.GenBest, Start: model.Day(r.IntN(60)), Lon: 21_000000, Lat: 52_000000},
	}
	for range r.IntN(6) {
		c := randomCommand(r, len(sc.Sites)+2)
		c.Day = model.Day(r.IntN(int(sc.Days)))
		if b, ok := c.Op.(model.BuildSite); ok {
			b.Site.Start = c.Day + model.Day(r.IntN(30))
			c.Op = b
		}
		sc.Commands = append(sc.Commands, c)
	}
	sortByDay(sc.Commands)
	for sc.Validate() != nil { // keep a valid prefix of the random commands
		sc.Commands = sc.Commands[:len(sc.Commands)-1]
	}
	return sc
}

func sortByDay(cs []model.Command) {
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].Day < cs[j-1].Day; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
}

var (
	states  = []string{"PL", "DE", "FR", "ES", "FI", "IE", "SE", "CZ", "HU"}
	levers  = []string{"eu_share", "host_share", "voucher_share", "ppa_share", "fast_track", "prefer_same_state", "demand_growth"}
	regimes = []string{model.RegimeOpen, model.RegimeDiffusion, model.RegimeStrict}
	assumed = []struct{ key, value string }{{"pue", "1.4"}, {"pue", ""}, {"h100_price_usd", "30000"}, {"build_days", "400"}, {"build_days", ""}, {"fund_eur_bn", "5"}}
)

// randomCommand is a command of any kind naming sites up to maxSite (so
// some name sites that do not exist, or were removed); sizes are mostly
// small, sometimes big enough to meet the limits on chips.
func randomCommand(r *rand.Rand, maxSite int) model.Command {
	site := model.SiteID(1 + r.IntN(maxSite))
	state := states[r.IntN(len(states))]
	switch r.IntN(10) {
	case 0, 1, 2:
		chips := int32(100 + r.IntN(20000))
		if r.IntN(3) == 0 {
			chips = int32(500000 + r.IntN(500001))
		}
		chip := []string{"best", "h100", "b200", "eu"}[r.IntN(4)]
		return model.Command{Op: model.BuildSite{Site: model.SiteSpec{Name: "Built in " + state, State: model.MustState(state), Chips: chips, Chip: model.MustGen(chip), Lon: 15_000000, Lat: 50_000000}}}
	case 3:
		return model.Command{Op: model.RemoveSite{Site: site}}
	case 4:
		mv := model.MoveSite{Site: site, Lon: model.Degrees(r.IntN(20_000000)), Lat: model.Degrees(40_000000 + r.IntN(20_000000))}
		if r.IntN(2) == 0 {
			mv.State = model.MustState(state)
		}
		return model.Command{Op: mv}
	case 5:
		lv := levers[r.IntN(len(levers))]
		v := fmt.Sprintf("0.%d", r.IntN(10))
		switch lv {
		case "fast_track", "prefer_same_state":
			v = fmt.Sprint(r.IntN(2) == 0)
		case "demand_growth":
			v = []string{"slow", "base", "boom"}[r.IntN(3)]
		}
		id, _ := model.LeverByName(lv)
		n, err := id.Parse(v)
		if err != nil {
			panic(err)
		}
		return model.Command{Op: model.SetLever{Lever: id, Value: n}}
	case 6:
		return model.Command{Op: model.SetRegime{Regime: model.Regime{Kind: regimes[r.IntN(len(regimes))]}}}
	case 7:
		return model.Command{Op: model.SetG2G{State: model.MustState(state), On: r.IntN(2) == 0}}
	case 8:
		return model.Command{Op: model.SetVEU{Site: site, On: r.IntN(2) == 0}}
	}
	if r.IntN(2) == 0 {
		return model.Command{Op: model.InvestGrid{State: model.MustState(state), MW: int64(1 + r.IntN(2000))}}
	}
	return model.Command{Op: model.GridCrunch{State: model.MustState(state), Share: model.Share(1 + r.IntN(1000)), Days: int32(1 + r.IntN(200))}}
}

// randomAction does one thing a page can do to its session and says what;
// refused is the session's refusal, if any.
func randomAction(r *rand.Rand, s *session.Session) (what string, refused error) {
	switch k := r.IntN(20); {
	case k < 8: // an edit: the page's most common action
		c := randomCommand(r, len(s.Sim().Sites())+2)
		if b, ok := c.Op.(model.BuildSite); ok {
			b.Site.Start = s.Day() + model.Day(r.IntN(40))
			c.Op = b
		}
		_, err := s.Do(c)
		return "do " + c.String(), err
	case k < 10:
		return "undo", s.Undo()
	case k < 11:
		return "redo", s.Redo()
	case k < 12:
		a := assumed[r.IntN(len(assumed))]
		return fmt.Sprintf("assume %s=%q", a.key, a.value), s.SetAssumption(a.key, a.value)
	case k < 15:
		n := 1 + r.IntN(60)
		_, err := s.Step(n)
		return fmt.Sprintf("step %d", n), err
	case k < 17:
		d := model.Day(r.IntN(int(s.Horizon()) + 1))
		return fmt.Sprintf("seek %d", d), s.Seek(d)
	case k < 18:
		return "reset", s.Reset()
	case k < 19:
		return "jump to the horizon", s.Seek(s.Horizon())
	default: // the page advances projections between frames, and lets memory go
		n := r.IntN(400)
		s.Projection().Advance(n)
		s.Shown()
		if r.IntN(3) == 0 {
			s.ReleaseSpare()
		}
		return fmt.Sprintf("project %d days", n), nil
	}
}

// brief is a command without its pointers, for the action log.
