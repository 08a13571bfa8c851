package model

import "fmt"

// ChipState is where a chip is in its life. Every chip ordered is in exactly
// one state; the numbering is part of the state hash: append, never reorder.
type ChipState uint8

// The states of a chip, in the order a chip passes through them.
const (
	ChipOrdered    ChipState = iota // ordered, waiting for the supplier
	ChipLicence                     // produced, waiting for a US export licence
	ChipTransit                     // licensed and shipping
	ChipInstalling                  // on site: waiting for power, then burn-in
	ChipActive                      // installed and computing (or throttled)
	ChipRepair                      // failed, being repaired
	ChipRetired                     // at end of life, or its site was removed
	NumChipStates
)

var chipStateNames = [NumChipStates]string{"ordered", "awaiting licence", "in transit", "installing", "active", "in repair", "retired"}

func (s ChipState) String() string {
	if s < NumChipStates {
		return chipStateNames[s]
	}
	return fmt.Sprintf("ChipState(%d)", uint8(s))
}

// Gen is a chip generation. Its numbering is part of the state hash.
type Gen uint8

// Generations. H100, B200 and EU can be ordered in every release; GH200,
// A100 and MI250X exist only in the EuroHPC systems running at the start;
// GB200, GB300 and VR200 are in the catalogue of release 2026-12 and later
// only (Release.Gens), each from the day it can be ordered.
const (
	GenH100   Gen = iota // H100-class (and H200: same compute)
	GenB200              // B200-class (HGX B200)
	GenEU                // an EU accelerator, outside US export controls
	GenGH200             // JUPITER's GH200 superchips
	GenA100              // Leonardo's A100
	GenMI250X            // LUMI's AMD MI250X
	GenGB200             // GB200 NVL72 rack-scale Blackwell (release 2026-12 on)
	GenGB300             // GB300 NVL72, Blackwell Ultra (release 2026-12 on)
	GenVR200             // Vera Rubin NVL72 (release 2026-12 on)
	NumGens
)

// numGens202611 is how many generations release 2026-11 knows: its runs
// hash and iterate only these, so that generations added later leave its
// runs bit-identical.
const numGens202611 = GenMI250X + 1

// GenBest, as a site's chip choice, orders the generation with the most
// compute per chip that is on sale on the order day.
const GenBest Gen = 255

// GenInfo describes a generation. Figures that users may change are read
// from Params; the rest are fixed here with their source.
type GenInfo struct {
	Key        string
	Name       string
	Orderable  bool
	Controlled bool // under US export controls
	// fixed figures for the legacy generations (Params hold the others)
	h100e  MilliH100e
	watts  Watts
	source string
}

var genInfo = [NumGens]GenInfo{
	GenH100:   {"h100", "H100-class", true, true, 0, 0, ""},
	GenB200:   {"b200", "B200-class", true, true, 0, 0, ""},
	GenEU:     {"eu", "EU accelerator", true, false, 0, 0, ""},
	GenGH200:  {"gh200", "GH200 (JUPITER)", false, true, 1000, 900, "same GPU as H100; module power ~900 W (U) [S13]"},
	GenA100:   {"a100", "A100 (Leonardo)", false, true, 315, 400, "312 vs 989 dense BF16 TFLOP/s (D) [S15][S25]"},
	GenMI250X: {"mi250x", "MI250X (LUMI)", false, true, 387, 560, "383 vs 989 dense BF16 TFLOP/s (D) [S14][S25]"},
	GenGB200:  {"gb200", "GB200 NVL72", true, true, 0, 0, ""},
	GenGB300:  {"gb300", "GB300 NVL72 (Blackwell Ultra)", true, true, 0, 0, ""},
	GenVR200:  {"vr200", "Vera Rubin NVL72", true, true, 0, 0, ""},
}

// Info describes the generation.
func (g Gen) Info() GenInfo { return genInfo[g] }

func (g Gen) String() string {
	if g == GenBest {
		return "best"
	}
	if g < NumGens {
		return genInfo[g].Key
	}
	return fmt.Sprintf("Gen(%d)", uint8(g))
}

// ParseGen reads a chip choice as written in a scenario ("h100", "best", ...).
func ParseGen(s string) (Gen, error) {
	if s == "best" {
		return GenBest, nil
	}
	for g := Gen(0); g < NumGens; g++ {
		if genInfo[g].Key == s {
			return g, nil
		}
	}
	return 0, fmt.Errorf("unknown chip %q (want h100, b200, gb200, gb300, vr200, eu or best)", s)
}

// genFigures are a generation's figures under a scenario's assumptions.
type genFigures struct {
	h100e        MilliH100e
	chipWatts    Watts
	facilityW    Watts     // chip × server overhead × PUE
	itW          Watts     // chip × server overhead (the critical IT load)
	price2026    EuroCents // per chip, with networking
	supplyPerMon int64
	firstDay     Day
}

func usdToCents(usd int64, p *Params) EuroCents {
	return EuroCents(usd * 100 * 10000 / p[ParamUSDPerEUR])
}

// figures computes every generation's figures from the assumptions and
// the release's chip catalogue. A release without a catalogue (2026-11)
// gets exactly the figures it always had.
func figures(rel *Release, p *Params) [NumGens]genFigures {
	if rel.catalogue != nil {
		return catalogueFigures(rel, p)
	}
	var f [NumGens]genFigures
	net := func(c EuroCents) EuroCents { return c + c*EuroCents(p[ParamNetworkShare])/1000 }
	f[GenH100] = genFigures{h100e: 1000, chipWatts: Watts(p[ParamH100Watts]), price2026: net(usdToCents(p[ParamH100PriceUSD], p)),
		supplyPerMon: p[ParamH100SupplyPerMonth], firstDay: noDay}
	f[GenB200] = genFigures{h100e: MilliH100e(p[ParamB200H100e]), chipWatts: Watts(p[ParamB200Watts]), price2026: net(usdToCents(p[ParamB200PriceUSD], p)),
		supplyPerMon: p[ParamB200SupplyPerMonth], firstDay: noDay}
	f[GenEU] = genFigures{h100e: MilliH100e(p[ParamEUChipH100e]), chipWatts: Watts(p[ParamEUChipWatts]), price2026: net(EuroCents(p[ParamEUChipPriceEUR] * 100)),
		supplyPerMon: p[ParamEUChipSupplyPerMonth], firstDay: startOfYear(int(p[ParamEUChipFirstYear]))}
	for g := GenGH200; g < NumGens; g++ {
		f[g] = genFigures{h100e: genInfo[g].h100e, chipWatts: genInfo[g].watts, firstDay: noDay}
	}
	for g := range f {
		f[g].itW = f[g].chipWatts * Watts(p[ParamServerOverhead]) / 1000
		f[g].facilityW = f[g].chipWatts * Watts(p[ParamServerOverhead]) * Watts(p[ParamPUE]) / 1000000
	}
	return f
}

// MarshalText writes the chip choice as a scenario does ("b200", "best").
func (g Gen) MarshalText() ([]byte, error) { return []byte(g.String()), nil }

// UnmarshalText reads a chip choice.
func (g *Gen) UnmarshalText(b []byte) error {
	v, err := ParseGen(string(b))
	*g = v
	return err
}

// MustGen is ParseGen for a name known to be right, such as a literal in a
// test; it panics on an unknown name.
func MustGen(name string) Gen {
	g, err := ParseGen(name)
	if err != nil {
		panic(err)
	}
	return g
}

// catalogueFigures are the generations' figures in a release with a chip
// catalogue: each generation can be ordered from its date; H100, B200 and
// the EU accelerator take price, compute, chip power and supply from the
// assumptions (so that a scenario can change them), the rack-scale
// generations take theirs from the catalogue, with the supply of
// b200_supply_per_month (NVIDIA's current generations). IT load per chip
// is the chip's power × server_overhead for 8-GPU servers, the published
// system power ÷ GPUs for racks, and the TOP500 system power ÷ chips for
// the legacy systems (their figure includes the host already: no server
// overhead on top). The facility load multiplies it by the PUE.
func catalogueFigures(rel *Release, p *Params) [NumGens]genFigures {
	var f [NumGens]genFigures
	net := func(c EuroCents) EuroCents { return c + c*EuroCents(p[ParamNetworkShare])/1000 }
	overhead := func(w Watts) Watts { return w * Watts(p[ParamServerOverhead]) / 1000 }
	for g := range rel.gens {
		c := &rel.catalogue[g]
		fg := genFigures{h100e: c.h100e, chipWatts: c.chipW, itW: c.systemW, firstDay: c.orderFrom}
		switch Gen(g) {
		case GenH100:
			fg.h100e, fg.chipWatts = 1000, Watts(p[ParamH100Watts])
			fg.price2026, fg.supplyPerMon = net(usdToCents(p[ParamH100PriceUSD], p)), p[ParamH100SupplyPerMonth]
			fg.itW = overhead(fg.chipWatts)
		case GenB200:
			fg.h100e, fg.chipWatts = MilliH100e(p[ParamB200H100e]), Watts(p[ParamB200Watts])
			fg.price2026, fg.supplyPerMon = net(usdToCents(p[ParamB200PriceUSD], p)), p[ParamB200SupplyPerMonth]
			fg.itW = overhead(fg.chipWatts)
		case GenEU:
			fg.h100e, fg.chipWatts = MilliH100e(p[ParamEUChipH100e]), Watts(p[ParamEUChipWatts])
			fg.price2026, fg.supplyPerMon = net(EuroCents(p[ParamEUChipPriceEUR]*100)), p[ParamEUChipSupplyPerMonth]
			fg.itW, fg.firstDay = overhead(fg.chipWatts), startOfYear(int(p[ParamEUChipFirstYear]))
		case GenGB200, GenGB300, GenVR200:
			fg.price2026, fg.supplyPerMon = net(usdToCents(c.priceUSD, p)), p[ParamB200SupplyPerMonth]
		}
		fg.facilityW = fg.itW * Watts(p[ParamPUE]) / 1000
		f[g] = fg
	}
	return f
}
