package model

import (
	"fmt"
	"sort"
)

// Param identifies one assumption of the model: a default figure with a
// source that a scenario may override by its key. The order of the constants
// is the order in Params and in the state hash; append new ones at the end.
type Param int

// The model's assumptions. ParamInfo describes each.
const (
	ParamFundEURbn Param = iota
	ParamUSDPerEUR
	ParamH100PriceUSD
	ParamB200PriceUSD
	ParamEUChipPriceEUR
	ParamChipPriceDecline
	ParamNetworkShare
	ParamH100Watts
	ParamB200Watts
	ParamEUChipWatts
	ParamB200H100e
	ParamEUChipH100e
	ParamH100SupplyPerMonth
	ParamB200SupplyPerMonth
	ParamEUChipSupplyPerMonth
	ParamEUChipFirstYear
	ParamSupplyGrowth
	ParamServerOverhead
	ParamPUE
	ParamBuildCostUSDPerW
	ParamGridConnectionEURPerKW
	ParamBuildDays
	ParamFastTrackCut
	ParamOrderLeadDays
	ParamTransitDays
	ParamBurnInDays
	ParamBurnInHazard
	ParamFailuresPerYear
	ParamWearStartYears
	ParamWearRisePerYear
	ParamRepairDays
	ParamLifetimeYears
	ParamRepairCostEUR
	ParamMaintenanceEURPerChipYear
	ParamComputePriceEUR
	ParamComputePriceDecline
	ParamTier2CapH100e
	ParamLPPH100ePerYear
	ParamStrictReviewDays
	ParamStrictDenialShare
	ParamGridInvestEURPerKW
	ParamGridInvestDays
	ParamDemandH100e2026
	ParamGrowthSlow
	ParamGrowthBase
	ParamGrowthBoom
	ParamStartupShare
	ParamResearchShare
	ParamIndustryShare
	ParamPublicShare
	ParamMaxUtilisation
	ParamStartups2026
	ParamStartupGrowth
	ParamStartupRelocation
	ParamServedThreshold
	ParamPPAPremiumEURPerMWh
	NumParams
)

// ParamInfo describes an assumption: what it means, how it is written in a
// scenario file, its default and where the default comes from.
type ParamInfo struct {
	Key   string // the name in a scenario's "assumptions"
	Label string // what it means, in a sentence
	Unit  string // the unit of the written value
	// Scale is how many stored units make one written unit: a written 1.25
	// with Scale 1000 is stored as 1250.
	Scale     int64
	Default   int64 // in stored units
	Min, Max  int64 // accepted range, in stored units
	Source    string
	Year      string
	Uncertain bool // marked (U): a weak or secondary source, or our assumption
}

// paramInfo lists every assumption. Source keys [Sx] refer to
// shared/domain/sources.md; docs/model.md repeats this table.
var paramInfo = [NumParams]ParamInfo{
	ParamFundEURbn:          {"fund_eur_bn", "InvestAI gigafactory facility (EU fund)", "€ bn", 10, 200, 0, 2000, "EC InvestAI release [S1]", "2025", false},
	ParamUSDPerEUR:          {"usd_per_eur", "Exchange rate used to convert dollar prices", "$ per €", 10000, 10824, 5000, 20000, "ECB euro reference rate, 2024 annual average", "2024", false},
	ParamH100PriceUSD:       {"h100_price_usd", "Price of one H100-class chip with its server share", "$", 1, 40000, 1000, 200000, "seed figure ~$40,000; range $25k–40k [S36][S52]", "2023–25", false},
	ParamB200PriceUSD:       {"b200_price_usd", "Price of one B200-class chip with its server share", "$", 1, 60000, 1000, 300000, "assumption: dearer per chip, cheaper per unit of compute than H100 (domain notes)", "2025", true},
	ParamEUChipPriceEUR:     {"eu_chip_price_eur", "Price of one EU accelerator", "€", 1, 15000, 500, 200000, "assumption (no list price published)", "2026", true},
	ParamChipPriceDecline:   {"chip_price_decline", "Yearly fall in chip prices after 2026", "share per year", 1000, 100, 0, 900, "assumption", "2026", true},
	ParamNetworkShare:       {"network_share", "Networking cost as a share of chip cost", "share", 1000, 250, 0, 2000, "20–30% of GPU cost [S35]", "2025–26", true},
	ParamH100Watts:          {"h100_watts", "H100 SXM thermal design power", "W", 1, 700, 100, 3000, "NVIDIA H100 datasheet [S25]", "2022", false},
	ParamB200Watts:          {"b200_watts", "B200 (HGX) power", "W", 1, 1000, 100, 3000, "NVIDIA Blackwell datasheet [S26]", "2025", false},
	ParamEUChipWatts:        {"eu_chip_watts", "EU accelerator power", "W", 1, 400, 50, 3000, "assumption", "2026", true},
	ParamB200H100e:          {"b200_h100e", "B200 processing performance in H100-equivalents", "H100e", 1000, 2500, 100, 20000, "2.25–2.5 H100e by TPP (domain notes, D)", "2025", true},
	ParamEUChipH100e:        {"eu_chip_h100e", "EU accelerator performance in H100-equivalents", "H100e", 1000, 400, 10, 20000, "assumption: less compute than H100", "2026", true},
	ParamH100SupplyPerMonth: {"h100_supply_per_month", "H100-class chips that can be delivered to the EU each month", "chips/month", 1, 60000, 0, 10000000, "assumption", "2026", true},
	ParamB200SupplyPerMonth: {"b200_supply_per_month", "B200-class chips that can be delivered to the EU each month in 2026", "chips/month", 1, 30000, 0, 10000000, "assumption", "2026", true},
	ParamEUChipSupplyPerMonth: {"eu_chip_supply_per_month", "EU accelerators that can be delivered each month in their first year", "chips/month", 1, 2000, 0, 10000000,
		"assumption: limited supply early (SiPearl, Axelera, VSORA raised €0.19 bn in 2024 [S52])", "2026", true},
	ParamEUChipFirstYear:           {"eu_chip_first_year", "First year the EU accelerator can be ordered", "year", 1, 2028, 2026, 2045, "assumption (Rhea1 samples early 2026 [S49]; data-centre parts later)", "2026", true},
	ParamSupplyGrowth:              {"supply_growth", "Yearly growth of B200 and EU accelerator supply", "share per year", 1000, 500, 0, 5000, "assumption", "2026", true},
	ParamServerOverhead:            {"server_overhead", "Server power per chip over chip power (DGX H100: 10.2 kW / 8 GPUs / 700 W)", "×", 1000, 1820, 1000, 4000, "NVIDIA DGX H100 [S28] (D)", "2023", false},
	ParamPUE:                       {"pue", "Power usage effectiveness of a new site", "ratio", 1000, 1200, 1000, 3000, "new large sites ≤1.3 [S30]; German limit 1.2 for new DCs [S31]", "2024", false},
	ParamBuildCostUSDPerW:          {"build_cost_usd_per_w", "Building cost per watt of critical IT load (Frankfurt)", "$/W", 100, 1160, 0, 10000, "Turner & Townsend DCCCI [S33]", "2025", false},
	ParamGridConnectionEURPerKW:    {"grid_connection_eur_per_kw", "Grid connection cost per kW requested", "€/kW", 1, 100, 0, 10000, "assumption", "2026", true},
	ParamBuildDays:                 {"build_days", "Construction time of a gigafactory", "days", 1, 640, 30, 3650, "first hyperscale building 18–24 months [S56]", "2024–26", false},
	ParamFastTrackCut:              {"fast_track_cut", "Share of construction time saved by fast-track permitting", "share", 1000, 250, 0, 900, "assumption", "2026", true},
	ParamOrderLeadDays:             {"order_lead_days", "Chips are ordered this long before the site is expected to have power", "days", 1, 180, 0, 1000, "assumption", "2026", true},
	ParamTransitDays:               {"transit_days", "Shipping from the licensed supplier to the site", "days", 1, 21, 1, 365, "assumption", "2026", true},
	ParamBurnInDays:                {"burn_in_days", "Installation and burn-in of a delivered chip", "days", 1, 14, 1, 180, "assumption", "2026", true},
	ParamBurnInHazard:              {"burn_in_hazard", "Failure rate during burn-in relative to the base rate", "×", 1000, 5000, 1000, 50000, "assumption: higher failure rate in burn-in (domain notes)", "2024", true},
	ParamFailuresPerYear:           {"failures_per_year", "GPU-related failures per chip-year", "per chip-year", 1000, 100, 0, 2000, "Llama 3: 16,384 H100s, 54 days, 148 GPU + 72 HBM3 failures [S29] (D)", "2024", false},
	ParamWearStartYears:            {"wear_start_years", "Age from which the failure rate rises", "years", 1, 4, 1, 20, "domain notes", "2024", true},
	ParamWearRisePerYear:           {"wear_rise_per_year", "Added failure rate per year of age after wear starts, relative to base", "× per year", 1000, 500, 0, 10000, "assumption", "2024", true},
	ParamRepairDays:                {"repair_days", "Time to repair or swap a failed chip", "days", 1, 5, 1, 365, "assumption: repairs take days (domain notes)", "2024", true},
	ParamLifetimeYears:             {"lifetime_years", "Service life after which a chip retires", "years", 100, 600, 100, 1000, "server depreciation 5–6 years [S34]", "2025", false},
	ParamRepairCostEUR:             {"repair_cost_eur", "Parts and labour for one repair", "€", 1, 1500, 0, 100000, "assumption", "2026", true},
	ParamMaintenanceEURPerChipYear: {"maintenance_eur_per_chip_year", "Maintenance and operations per installed chip and year", "€", 1, 1200, 0, 100000, "assumption (~3% of capex a year)", "2026", true},
	ParamComputePriceEUR:           {"compute_price_eur", "Price of one H100-hour of compute in 2026", "€/H100e-hour", 100, 217, 1, 10000, "H100 rental $2.35 (Mar 2026, 1-yr) [S36], at usd_per_eur", "2026", false},
	ParamComputePriceDecline:       {"compute_price_decline", "Yearly fall in the price of compute after 2026", "share per year", 1000, 150, 0, 900, "assumption ($8 in 2023 to ~$2 in 2026 [S36])", "2026", true},
	ParamTier2CapH100e:             {"tier2_cap_h100e", "Country cap for a Tier 2 state, 2025–2027 (repeats every 3 years)", "H100e", 1, 49901, 0, 100000000, "790 m TPP [S19]; H100 = 15,832 TPP (D)", "2025", false},
	ParamLPPH100ePerYear:           {"lpp_h100e_per_year", "Low-processing-performance exception per customer and year, outside the cap", "H100e", 1, 1700, 0, 1000000, "[S19]", "2025", false},
	ParamStrictReviewDays:          {"strict_review_days", "Licence review time under the strict regime", "days", 1, 90, 1, 1000, "assumption", "2026", true},
	ParamStrictDenialShare:         {"strict_denial_share", "Share of licence applications denied (and filed again) under the strict regime", "share", 1000, 200, 0, 950, "assumption", "2026", true},
	ParamGridInvestEURPerKW:        {"grid_invest_eur_per_kw", "Cost of grid reinforcement per kW of new capacity for large loads", "€/kW", 1, 400, 0, 100000, "assumption", "2026", true},
	ParamGridInvestDays:            {"grid_invest_days", "Lead time of a grid reinforcement", "days", 1, 1095, 30, 3650, "assumption (connection waits of years [S40])", "2025", true},
	ParamDemandH100e2026:           {"demand_h100e_2026", "EU demand for AI compute in 2026, as H100s busy around the clock", "H100e", 1, 150000, 0, 100000000, "calibration: baseline gigafactories start below full use (domain notes)", "2026", true},
	ParamGrowthSlow:                {"growth_slow", "Yearly growth of compute demand, slow case", "share per year", 1000, 150, -500, 5000, "assumption", "2026", true},
	ParamGrowthBase:                {"growth_base", "Yearly growth of compute demand, base case", "share per year", 1000, 300, -500, 5000, "assumption", "2026", true},
	ParamGrowthBoom:                {"growth_boom", "Yearly growth of compute demand, boom case", "share per year", 1000, 600, -500, 5000, "assumption", "2026", true},
	ParamStartupShare:              {"startup_share", "Share of demand from startups", "share", 1000, 300, 0, 1000, "assumption", "2026", true},
	ParamResearchShare:             {"research_share", "Share of demand from research", "share", 1000, 250, 0, 1000, "assumption", "2026", true},
	ParamIndustryShare:             {"industry_share", "Share of demand from industry", "share", 1000, 350, 0, 1000, "assumption", "2026", true},
	ParamPublicShare:               {"public_share", "Share of demand from the public sector", "share", 1000, 100, 0, 1000, "assumption", "2026", true},
	ParamMaxUtilisation:            {"max_utilisation", "Highest share of a site's chip-hours that can be sold", "share", 1000, 900, 100, 1000, "assumption", "2026", true},
	ParamStartups2026:              {"startups_2026", "AI companies in the EU at the start", "companies", 1, 5933, 0, 1000000, "JRC AI Watch Index 2021: 5,933 EU AI players [S21 of states.md]", "2021", true},
	ParamStartupGrowth:             {"startup_growth", "Yearly growth of startups whose compute needs are met", "share per year", 1000, 150, 0, 2000, "assumption", "2026", true},
	ParamStartupRelocation:         {"startup_relocation", "Yearly share of startups that relocate when none of their need is met", "share per year", 1000, 50, 0, 1000, "assumption: most unserved startups buy compute outside the EU rather than move", "2026", true},
	ParamServedThreshold:           {"served_threshold", "Share of need that must be met for startups to grow", "share", 1000, 800, 0, 1000, "assumption", "2026", true},
	ParamPPAPremiumEURPerMWh:       {"ppa_premium_eur_per_mwh", "Extra cost of renewable PPA power over the grid price", "€/MWh", 10, 0, -5000, 5000, "assumption", "2026", true},
}

// Params holds a value for every assumption, in stored units.
type Params [NumParams]int64

// DefaultParams returns every assumption at its default.
func DefaultParams() Params {
	var p Params
	for i := range p {
		p[i] = paramInfo[i].Default
	}
	return p
}

// Info describes the assumption.
func (p Param) Info() ParamInfo { return paramInfo[p] }

// ParamByKey finds an assumption by its scenario key.
func ParamByKey(key string) (Param, bool) {
	for i := range paramInfo {
		if paramInfo[i].Key == key {
			return Param(i), true
		}
	}
	return 0, false
}

// Format writes v, in the assumption's stored units, as it is written in a
// scenario file.
func (p Param) Format(v int64) string { return FormatDecimal(v, paramInfo[p].Scale) }

// parseAssumptions turns a scenario's "assumptions" into Params. Keys are
// visited in sorted order so the first error reported does not depend on map
// order.
func parseAssumptions(rel *Release, a map[string]string) (Params, error) {
	var p Params
	for i := range p {
		p[i] = rel.Default(Param(i))
	}
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		id, ok := ParamByKey(k)
		if !ok {
			return p, fmt.Errorf("assumptions: unknown key %q (gigasim assumptions lists them)", k)
		}
		info := paramInfo[id]
		v, err := ParseDecimal(a[k], info.Scale)
		if err != nil {
			return p, fmt.Errorf("assumptions: %s: %w", k, err)
		}
		if v < info.Min || v > info.Max {
			return p, fmt.Errorf("assumptions: %s: %s out of range [%s, %s] %s", k, a[k],
				FormatDecimal(info.Min, info.Scale), FormatDecimal(info.Max, info.Scale), info.Unit)
		}
		p[id] = v
	}
	sum := p[ParamStartupShare] + p[ParamResearchShare] + p[ParamIndustryShare] + p[ParamPublicShare]
	if sum != 1000 {
		return p, fmt.Errorf("assumptions: startup_share + research_share + industry_share + public_share = %s, want 1", FormatDecimal(sum, 1000))
	}
	return p, nil
}
