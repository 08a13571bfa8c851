package model_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"gigasandbox/model"
	"gigasandbox/model/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden (only with a model version bump and a changelog line)")

// goldenDump runs a scenario to its horizon and writes the state hash every
// 30 days and the outcomes at the end, as text.
func goldenDump(t testing.TB, sc model.Scenario) []byte {
	t.Helper()
	sim, err := model.New(sc)
	if err != nil {
		t.Fatalf("New(%s) = %v", sc.Name, err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s: state hash every 30 days, then the outcomes at the horizon.\n", sc.Name)
	fmt.Fprintf(&b, "# Regenerate with go test ./model -run TestGolden -update, only with a model version bump.\n")
	for sim.Day() < sim.Horizon() {
		if sim.Day()%30 == 0 {
			fmt.Fprintf(&b, "%s %016x\n", sim.Day(), sim.StateHash())
		}
		if err := sim.Step(); err != nil {
			t.Fatalf("%s: Step on %s = %v", sc.Name, sim.Day(), err)
		}
	}
	fmt.Fprintf(&b, "%s %016x\n", sim.Day(), sim.StateHash())
	o := report.OutcomesOf(sim)
	c := o.Chips
	fmt.Fprintf(&b, "chips ordered %d supplier %d licence %d transit %d installing %d active %d repair %d retired %d h100e %d throttled %d\n",
		c.Ordered, c.AtSupplier, c.Licence, c.Transit, c.Installing, c.Active, c.Repair, c.Retired, c.ActiveH100e, o.ChipsThrottled)
	fmt.Fprintf(&b, "power drawn %d MW curtailed %d MW granted %d MW queue %d energy %d GWh emissions %d kt\n",
		o.PowerDrawnMW, o.PowerCurtailedMW, o.GridGrantedMW, o.GridQueueSites, o.EnergyGWh, o.EmissionsKt)
	m := o.Money
	fmt.Fprintf(&b, "money fund %d/%d eu %d host %d private %d unfunded %d chips %d buildings %d grid %d invest %d electricity %d maintenance %d revenue %d vouchers %d result %d\n",
		m.FundLeft, m.FundStart, m.EUCapex, m.HostCapex, m.PrivateCapex, m.UnfundedEU, m.Chips, m.Buildings, m.GridConnections, m.GridInvestment,
		m.Electricity, m.Maintenance, m.CustomerRevenue, m.Vouchers, m.OperatorCash)
	y := o.LastYear
	fmt.Fprintf(&b, "last year demand %d served %d leaked %d startups %d/%d relocated %d\n",
		y.DemandH100eHours, y.ServedH100eHours, y.LeakedH100eHours, o.StartupsActive, o.StartupsStart, o.StartupsRelocated)
	for _, s := range o.Sites {
		fmt.Fprintf(&b, "site %d %s %s %s active %d power %d MW ready %s capex %d opex %d revenue %d\n",
			s.ID, s.State, s.Name, s.Status, s.Active, s.PowerMW, s.PowerReady, s.CapexEUR, s.OpexEUR, s.RevenueEUR)
	}
	return b.Bytes()
}

// TestGolden runs every preset on every release to the horizon and
// compares with testdata/golden: the first release's in testdata/golden,
// each later one's in testdata/golden/RELEASE. The same files are checked
// on linux/amd64, linux/arm64 (qemu) and js/wasm (Node): same bits
// everywhere, and an old release's runs stay what they were.
func TestGolden(t *testing.T) {
	for i, rel := range model.Releases() {
		dir := filepath.Join("..", "testdata", "golden")
		if i > 0 {
			dir = filepath.Join(dir, rel.Name)
		}
		for _, name := range model.PresetNames() {
			t.Run(rel.Name+"/"+name, func(t *testing.T) {
				sc, err := model.PresetIn(rel, name)
				if err != nil {
					t.Fatal(err)
				}
				checkGolden(t, filepath.Join(dir, name+".golden"), goldenDump(t, sc))
			})
		}
	}
}

// checkGolden compares got with the file at path, or writes it with
// -update.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./model -run TestGolden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if !bytes.Equal(gl[i], wl[i]) {
				t.Fatalf("%s differs at line %d:\n got: %s\nwant: %s", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs in length: %d lines, want %d", path, len(gl), len(wl))
	}
}
