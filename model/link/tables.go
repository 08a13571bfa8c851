package link

import "gigasandbox/model"

// Version 1's tables. They are part of the format: a link made today must
// decode to the same scenario in ten years, so none of these lists may be
// reordered, shortened or changed, even when the model's own lists change.
// A later format gets new tables of its own. TestTablesMatchModel says
// when the model has moved away from them.

// v1State is a member state as version 1 numbers it (its index, in EU
// protocol order), with the name used in the page's default site names and
// the anchor that site positions are written from: the state's label point
// on the sandbox's map (assets/eumap), in hundredths of a degree.
type v1State struct {
	code, name string
	lon, lat   int64 // hundredths of a degree east and north
}

var v1States = [...]v1State{
	{"BE", "Belgium", 471, 5074},
	{"BG", "Bulgaria", 2511, 4257},
	{"CZ", "Czechia", 1430, 4983},
	{"DK", "Denmark", 914, 5609},
	{"DE", "Germany", 994, 5164},
	{"EE", "Estonia", 2592, 5877},
	{"IE", "Ireland", -752, 5306},
	{"EL", "Greece", 2160, 3976},
	{"ES", "Spain", -365, 3941},
	{"FR", "France", 244, 4723},
	{"HR", "Croatia", 1647, 4578},
	{"IT", "Italy", 1056, 4513},
	{"CY", "Cyprus", 3323, 3505},
	{"LV", "Latvia", 2629, 5679},
	{"LT", "Lithuania", 2431, 5531},
	{"LU", "Luxembourg", 614, 4969},
	{"HU", "Hungary", 2008, 4715},
	{"MT", "Malta", 1442, 3589},
	{"NL", "Netherlands", 565, 5244},
	{"AT", "Austria", 1454, 4758},
	{"PL", "Poland", 1958, 5218},
	{"PT", "Portugal", -792, 4030},
	{"RO", "Romania", 2494, 4577},
	{"SI", "Slovenia", 1423, 4602},
	{"SK", "Slovakia", 1894, 4874},
	{"FI", "Finland", 2621, 6253},
	{"SE", "Sweden", 1766, 6478},
}

// v1Chips are the chip choices by code.
var v1Chips = [...]string{"best", "h100", "b200", "eu", "gh200", "a100", "mi250x"}

// v3Chips are the chip choices by code from version 3: version 1's, then
// the generations of release 2026-12's catalogue. A link of version 1 or
// 2 runs on release 2026-11, which refuses the added ones, so one table
// serves every version.
var v3Chips = [...]string{"best", "h100", "b200", "eu", "gh200", "a100", "mi250x", "gb200", "gb300", "vr200"}

// v3Releases are the releases of figures by code, from version 3: a link
// of version 3 records the release its scenario runs on (keyRelease).
// Append a release when it is published; never reorder.
var v3Releases = [...]string{"2026-11", "2026-12"}

// v1Regimes are the export-control regimes by code.
var v1Regimes = [...]string{"open", "diffusion-2025", "strict", "custom"}

// v1Growth are the demand_growth values by code.
var v1Growth = [...]string{"slow", "base", "boom"}

// v1Param is an assumption as version 1 numbers it: its key and how many
// stored units make one written unit (the value travels as an integer in
// stored units).
type v1Param struct {
	key   string
	scale int64
}

var v1Params = [...]v1Param{
	{"fund_eur_bn", 10}, {"usd_per_eur", 10000}, {"h100_price_usd", 1}, {"b200_price_usd", 1},
	{"eu_chip_price_eur", 1}, {"chip_price_decline", 1000}, {"network_share", 1000}, {"h100_watts", 1},
	{"b200_watts", 1}, {"eu_chip_watts", 1}, {"b200_h100e", 1000}, {"eu_chip_h100e", 1000},
	{"h100_supply_per_month", 1}, {"b200_supply_per_month", 1}, {"eu_chip_supply_per_month", 1}, {"eu_chip_first_year", 1},
	{"supply_growth", 1000}, {"server_overhead", 1000}, {"pue", 1000}, {"build_cost_usd_per_w", 100},
	{"grid_connection_eur_per_kw", 1}, {"build_days", 1}, {"fast_track_cut", 1000}, {"order_lead_days", 1},
	{"transit_days", 1}, {"burn_in_days", 1}, {"burn_in_hazard", 1000}, {"failures_per_year", 1000},
	{"wear_start_years", 1}, {"wear_rise_per_year", 1000}, {"repair_days", 1}, {"lifetime_years", 100},
	{"repair_cost_eur", 1}, {"maintenance_eur_per_chip_year", 1}, {"compute_price_eur", 100}, {"compute_price_decline", 1000},
	{"tier2_cap_h100e", 1}, {"lpp_h100e_per_year", 1}, {"strict_review_days", 1}, {"strict_denial_share", 1000},
	{"grid_invest_eur_per_kw", 1}, {"grid_invest_days", 1}, {"demand_h100e_2026", 1}, {"growth_slow", 1000},
	{"growth_base", 1000}, {"growth_boom", 1000}, {"startup_share", 1000}, {"research_share", 1000},
	{"industry_share", 1000}, {"public_share", 1000}, {"max_utilisation", 1000}, {"startups_2026", 1},
	{"startup_growth", 1000}, {"startup_relocation", 1000}, {"served_threshold", 1000}, {"ppa_premium_eur_per_mwh", 10},
}

// baseNames are the scenarios a link is written against, by number: the
// files in bases/, frozen copies of the default scenario and of the
// presets as they were when each was added. The list only grows, and a
// file in bases/ never changes: a changed or new preset is frozen under a
// new number, in a new link version (versionBases).
var baseNames = [...]string{"default", "baseline", "diffusion-2025", "grid-crunch", "eu-chips", "startup-boom", "selection-round",
	"baseline@2", "diffusion-2025@2", "grid-crunch@2", "eu-chips@2", "startup-boom@2", "selection-round@2"}

// versionBases gives, for each link version, how many of baseNames its
// links may use. The encoder's choice of base is part of a link's one
// spelling, so a version can never gain a base: adding one makes a new
// version, which is version 1's format with one more base. Version is the
// last index.
// Version 3 adds the presets as release 2026-12 has them (NAME@2) and
// records the release (keyRelease).
var versionBases = [...]int{1: 6, 2: 7, 3: 13}

// Envelope keys (the top-level map). Never reuse or renumber one.
const (
	keyVersion     = 0
	keyDay         = 1
	keyBase        = 2
	keyName        = 3
	keyDescription = 4
	keySeed        = 5
	keyDays        = 6
	keyRegime      = 7
	keyLevers      = 8
	keyAssumptions = 9
	keySites       = 10
	keyCommands    = 11
	keyEdits       = 12
	keyRelease     = 13 // from version 3
)

// firstReleaseVersion is the first link version that records its release.
const firstReleaseVersion = 3

// Lever keys (the map under keyLevers).
const (
	leverEUShare         = 0
	leverHostShare       = 1
	leverVoucherShare    = 2
	leverPPAShare        = 3
	leverFastTrack       = 4
	leverPreferSameState = 5
	leverDemandGrowth    = 6
	leverG2G             = 7
)

// Command operations: the first element of a command's array.
const (
	opBuild           = 0
	opRemove          = 1
	opMove            = 2
	opRegime          = 3
	opG2G             = 4
	opVEU             = 5
	opInvestGrid      = 6
	opGridCrunch      = 7
	opEUShare         = 8
	opHostShare       = 9
	opVoucherShare    = 10
	opPPAShare        = 11
	opFastTrack       = 12
	opPreferSameState = 13
	opDemandGrowth    = 14
	numOps            = 15
)

// v1Release is the release of figures every link of versions 1 and 2
// runs on (they were made before there was another): a link reproduces
// its sender's run for ever, whatever figures newer releases bring.
const v1Release = "2026-11"

// v1Kinds are the command kinds by op, to opGridCrunch.
var v1Kinds = [...]model.Kind{
	opBuild: model.KindBuild, opRemove: model.KindRemove, opMove: model.KindMove, opRegime: model.KindRegime,
	opG2G: model.KindG2G, opVEU: model.KindVEU, opInvestGrid: model.KindInvestGrid, opGridCrunch: model.KindGridCrunch,
}

// v1Levers are the lever commands by op, from opEUShare.
var v1Levers = [...]model.LeverID{
	model.LeverEUShare, model.LeverHostShare, model.LeverVoucherShare, model.LeverPPAShare,
	model.LeverFastTrack, model.LeverPreferSameState, model.LeverDemandGrowth,
}

// Site flags: the eighth element of a site's array.
const (
	flagExisting = 1 // existing: running at day 0
	flagVEU      = 2 // veu: a validated end user
	flagMicro    = 4 // the position is in millionths of a degree, not hundredths
	flagAll      = flagExisting | flagVEU | flagMicro
)

// microPerHundredth converts hundredths of a degree to model.Degrees.
const microPerHundredth = 10000
