package model

import (
	"fmt"

	"gigasandbox/assets"
)

// release202612 is the release of December 2026: the figures of 2026-11
// checked against their newest published sources (docs/research/2026-12,
// sources R1–R84 in its sources.md): a chip catalogue by generation with
// the dates from which each can be ordered, all-in prices per GPU from
// published system prices, system power per chip, the EuroHPC AI
// Factories, the legacy systems' TOP500 power, Eurostat's 2025 AI use and
// 2024 renewables, the price band of a large consumer, Finland's tax
// change, Ireland's and Germany's rules as they now stand. What it does not
// change it shares with 2026-11.
func release202612() *Release {
	r := release202611()
	r.Name, r.About, r.Checked = "2026-12", "data as of December 2026", "2026-12-07"
	r.gens = NumGens
	r.laterExisting = true
	for _, c := range params202612 {
		p, ok := ParamByKey(c.key)
		if !ok {
			panic("model: release 2026-12: no assumption " + c.key)
		}
		v, err := ParseDecimal(c.value, paramInfo[p].Scale)
		if err != nil {
			panic("model: release 2026-12: " + c.key + ": " + err.Error())
		}
		r.params[p] = paramFigure{Default: v, Source: c.source, Year: c.year, Uncertain: c.uncertain}
	}
	changes, err := assets.StateChanges202612()
	if err != nil {
		panic("model: embedded states-2026-12.csv is broken: " + err.Error())
	}
	r.stateSources = map[string]string{}
	for _, c := range changes {
		i, err := stateIndex(c.Code)
		if err == nil {
			err = c.Apply(&r.states[i])
		}
		if err != nil {
			panic("model: states-2026-12.csv: " + err.Error())
		}
		r.stateSources[c.Code+" "+c.Column] = c.Source
	}
	var sum int64
	for i := range r.states {
		sum += r.states[i].DemandPPM
	}
	if sum != assets.DemandPPMTotal {
		panic(fmt.Sprintf("model: release 2026-12: demand_ppm sums to %d", sum))
	}
	r.catalogue = catalogue202612
	r.priceSteps = []priceStep{{state: mustIndex("FI"), from: DayOf(2026, 7, 1), centsPerMWh: 2190,
		source: "HE 156/2025 vp, adopted Dec 2025: data centres move from electricity tax class II (0.05 c/kWh) to class I (2.24 c/kWh) on 1 July 2026 [R58][R59]; the announced compensation is not known to be in force"}}
	r.renewableRules = []renewableRule{{state: mustIndex("DE"), from: DayOf(2027, 1, 1),
		source: "Energieeffizienzgesetz §11: data centres cover their consumption with unsubsidised renewable electricity, 100% from 1 Jan 2027 [R65][R66]; bought at ppa_premium_eur_per_mwh"}}
	r.presets = preset202612
	for _, f := range aiFactories202612 {
		r.systems = append(r.systems, figureRow{"system " + f.name, fmt.Sprintf("%s, %d %s from %s", f.state, aiFactoryChips, f.chip, f.start),
			"EuroHPC AI Factory [R34][R42][R45]; size an assumption (none published): 1,000–5,000 GPUs for €50–250 m (D); date and chip in model/release202612.go"})
	}
	return r
}

func mustIndex(code string) int {
	i, err := stateIndex(code)
	if err != nil {
		panic(err)
	}
	return i
}

// paramChange is an assumption whose default or source release 2026-12
// changes.
type paramChange struct {
	key, value, source, year string
	uncertain                bool
}

var params202612 = []paramChange{
	{"fund_eur_bn", "20", "InvestAI facility of €20 bn for up to five gigafactories [S1][R72], published as EU grants through EuroHPC, host-state money (Reg. (EU) 2026/150 Art. 12b), EIB loans and equity (MoU of 4 Dec 2025) and private capital [R73][R74]; modelled as one €20 bn cash fund paying eu_share, one reading of it", "2025", false},
	{"usd_per_eur", "1.13", "ECB euro reference rate, 2025 annual average [R84]", "2025", false},
	{"h100_price_usd", "32000", "middle of the published $25k–40k for an H100 with its server share [S36][S52]; no newer H100 system price found (a previous-generation part by late 2026)", "2023–26", true},
	{"b200_price_usd", "50000", "HGX/DGX B200 GPU with its 8-GPU server share: $40k (HSBC $30–35k GPU + server share) to $64.4k (DGX B200 $515k / 8) [R4][R5][R6]", "2024–25", true},
	{"network_share", "0.15", "the scale-out fabric only: published system prices already include the in-server or in-rack fabric (NVLink, NICs); 20–30% of GPU cost for a whole cluster [S35][R9]", "2025–26", true},
	{"b200_h100e", "2.27", "HGX B200 dense FP8 4.5 PFLOP/s over H100 SXM's 1.979 [R7][R1] (D)", "2025", false},
	{"server_overhead", "1.82", "DGX H100 10.2 kW / 8 GPUs / 700 W = 1.82 [S28]; DGX B200 14.3 kW / 8 / 1,000 W = 1.79 [R4] (D); racks and the legacy systems use their published system power instead (chip catalogue)", "2023–25", false},
	{"compute_price_eur", "2.08", "H100 rental $2.35 an hour (Mar 2026, 1-year contract) [S36] at 1.13 $/€ [R84]", "2026", false},
}

// catalogue202612 is release 2026-12's chip catalogue by generation
// (docs/research/2026-12/chips.md). Prices are all-in per GPU: the GPU and
// its share of the server or rack (CPUs, memory, in-node fabric, power,
// in-rack cooling), without the scale-out fabric (network_share), storage
// or the building. Power is the published system power ÷ GPUs; compute is
// dense FP8 over H100 SXM's. NVIDIA publishes no prices: they are analysts'
// and press estimates.
var catalogue202612 = []catalogueEntry{
	GenH100:   {orderFrom: DayOf(2023, 1, 1), source: "H100 SXM 700 W, 1,979 TFLOP/s dense FP8 [R1]; DGX H100 10.2 kW for 8 [R3]; price and supply from the assumptions"},
	GenB200:   {orderFrom: DayOf(2025, 2, 1), source: "HGX B200 1,000 W, 4.5 PFLOP/s dense FP8 [R7]; DGX B200 14.3 kW for 8 [R4]; price and supply from the assumptions"},
	GenEU:     {orderFrom: noDay, source: "no EU data-centre AI accelerator on sale in volume as of Dec 2026 [R23][R24][R25]: a counterfactual from eu_chip_first_year"},
	GenGH200:  {orderFrom: noDay, chipW: 900, systemW: 545, h100e: 1000, source: "JUPITER Booster: TOP500 Jun 2025, 13,088 kW for 24,000 GH200 (partial-system run, 793 PF) [R31] (D); same GPU as H100"},
	GenA100:   {orderFrom: noDay, chipW: 400, systemW: 542, h100e: 315, source: "Leonardo Booster: TOP500 Jun 2025, 7,494 kW for 13,824 A100 [R31] (D); 312 vs 989 dense BF16 TFLOP/s [S15][S25]"},
	GenMI250X: {orderFrom: noDay, chipW: 560, systemW: 597, h100e: 387, source: "LUMI-G: TOP500 Jun 2025, 7,107 kW for 11,912 MI250X [R31] (D); 383 vs 989 dense BF16 TFLOP/s [S14][S25]"},
	GenGB200: {orderFrom: DayOf(2025, 3, 1), priceUSD: 48600, chipW: 1200, systemW: 1700, h100e: 2530,
		source: "GB200 NVL72: rack $3.0–4.0 M / 72, mid $3.5 M (Morgan Stanley) [R8][R9][R11][R30]; ~120 kW a rack, 132 kW power shelves [R8][R26]; 360 PF dense FP8 a rack [R10] (D); volume from early 2025 [R8][R10]"},
	GenGB300: {orderFrom: DayOf(2025, 9, 1), priceUSD: 52800, chipW: 1400, systemW: 1750, h100e: 2530,
		source: "GB300 NVL72: rack $3.0–4.0 M, ~$3.8 M mid, no price rise over GB200 (HSBC, Morgan Stanley) [R15][R27][R82]; 1,400 W GPU [R13], ~120–132 kW a rack [R26]; 360 PF FP8 a rack [R14] (D); first racks Jul 2025, broad H2 2025 [R12]"},
	GenVR200: {orderFrom: DayOf(2026, 9, 1), priceUSD: 108000, chipW: 1800, systemW: 2900, h100e: 8400,
		source: "Vera Rubin NVL72: Morgan Stanley bill of materials $7.8 M a rack / 72 [R9][R19]; 1,800 W GPU, 190–230 kW a rack [R21][R28]; 1.2 EF FP8 a rack (NVIDIA, GTC 2025) [R17] (D); first shipments Q3 2026 [R19][R29]"},
}

// aiFactory is a EuroHPC AI Factory in release 2026-12's presets: an
// existing system, paid for outside the InvestAI fund, that comes into
// service on its date.
type aiFactory struct {
	name, state string
	chip        Gen
	start       Day
	lon, lat    Degrees
}

// aiFactoryChips is each AI Factory's size: none has published its GPU
// count (docs/research/2026-12/factories.md). National and EU budgets of
// €50–250 m per factory at $45–55k per GB200/GB300-class GPU buy about
// 1,000 to 5,000 GPUs (D); 2,000 is the middle the research proposes, an
// assumption.
const aiFactoryChips = 2000

// aiFactories202612 are the 19 AI Factories selected in 2024–25 [R34][R42]
// [R45]. Dates: wave 1 "by the end of 2026" [R34] (LUMI AI Factory spring
// 2027 [R37]); wave 2 through 2027 (March, U), AI2F's Alice Recoque not
// before 2027 [R43][R44]; wave 3 "from 2026" [R46], taken as mid-2027 (U).
// Chips: IT4LIA is GB200 [R36]; Alice Recoque's AMD MI430X is counted as
// GB300-class compute (U); the others are not published and are taken as
// GB300-class, the best orderable when they ordered (U).
var aiFactories202612 = []aiFactory{
	{"BSC AI Factory (Barcelona)", "ES", GenGB300, DayOf(2026, 12, 1), 2_110000, 41_390000},
	{"IT4LIA (Bologna)", "IT", GenGB200, DayOf(2026, 12, 1), 11_340000, 44_490000},
	{"LUMI AI Factory (Kajaani)", "FI", GenGB300, DayOf(2027, 4, 1), 27_730000, 64_220000},
	{"MeluXina-AI (Bissen)", "LU", GenGB300, DayOf(2026, 12, 1), 6_070000, 49_790000},
	{"MIMER (Linköping)", "SE", GenGB300, DayOf(2026, 12, 1), 15_620000, 58_410000},
	{"HammerHAI (Stuttgart)", "DE", GenGB300, DayOf(2026, 12, 1), 9_180000, 48_780000},
	{"Pharos (Athens)", "EL", GenGB300, DayOf(2026, 12, 1), 23_730000, 37_980000},
	{"AI:AT (Vienna)", "AT", GenGB300, DayOf(2027, 3, 1), 16_370000, 48_210000},
	{"BRAIN++ (Sofia)", "BG", GenGB300, DayOf(2027, 3, 1), 23_320000, 42_700000},
	{"AI2F Alice Recoque (Bruyères)", "FR", GenGB300, DayOf(2027, 1, 1), 2_190000, 48_590000},
	{"JAIF (Jülich)", "DE", GenGB300, DayOf(2027, 3, 1), 6_410000, 50_910000},
	{"PIAST-AI (Poznań)", "PL", GenGB300, DayOf(2027, 3, 1), 16_930000, 52_410000},
	{"SLAIF (Maribor)", "SI", GenGB300, DayOf(2027, 3, 1), 15_650000, 46_550000},
	{"CZAI (Ostrava)", "CZ", GenGB300, DayOf(2027, 6, 1), 18_260000, 49_830000},
	{"LitAI (Vilnius)", "LT", GenGB300, DayOf(2027, 6, 1), 25_280000, 54_690000},
	{"NLAIF (Groningen)", "NL", GenGB300, DayOf(2027, 6, 1), 6_570000, 53_220000},
	{"Gaia (Kraków)", "PL", GenGB300, DayOf(2027, 6, 1), 19_940000, 50_060000},
	{"RO AI Factory (Bucharest)", "RO", GenGB300, DayOf(2027, 6, 1), 26_100000, 44_430000},
	{"Spain's second AI Factory", "ES", GenGB300, DayOf(2027, 6, 1), -3_700000, 40_420000},
}

// preset202612 turns a preset as first written (release 2026-11) into its
// release 2026-12 version: the AI Factories join the running EuroHPC
// systems; a gigafactory that ordered H100s orders the best chip on sale
// on its order day; the 2025 diffusion rule says it was rescinded.
func preset202612(name string, sc *Scenario) {
	sc.Release = "2026-12"
	var sites []SiteSpec
	for _, sp := range sc.Sites {
		if !sp.Existing && sp.Chip == GenH100 {
			sp.Chip = GenBest
		}
		sites = append(sites, sp)
		if sp.Existing && sp.Name == "MareNostrum 5 (Barcelona)" { // the last legacy system
			for _, f := range aiFactories202612 {
				sites = append(sites, SiteSpec{Name: f.name, State: MustState(f.state), Chips: aiFactoryChips, Chip: f.chip,
					Start: f.start, Lon: f.lon, Lat: f.lat, Existing: true})
			}
		}
	}
	sc.Sites = sites
	if name == "baseline" {
		sc.Description = "InvestAI as planned: four 100,000-chip gigafactories (DE, ES, PL, FI) start building in July 2026 beside the running EuroHPC systems and the 19 AI Factories coming into service in 2026–27, under an open export regime."
	}
	if name == "diffusion-2025" {
		sc.Description = "A counterfactual: the baseline as if the January 2025 AI-diffusion rule, rescinded on 13 May 2025, applied: Tier 2 states such as Poland are capped at about 50,000 H100-equivalents per three years."
	}
}
