package report

// Unit is what a figure's integer counts. Each unit has a whole unit, the
// one people read and a goals file writes its targets in (MW for KW, € bn
// for EuroMillions, % for Permille); Scale says how many of the unit make
// one of it. How a unit is written is the reader's business: the page and
// the command line each keep a table.
type Unit uint8

// Units. The whole unit is in brackets where it differs.
const (
	Chips             Unit = iota // chips
	H100e                         // H100-equivalents of compute, by TPP
	Sites                         // gigafactory or AI-factory sites
	Companies                     // AI companies
	MilliCompanies                // thousandths of an AI company [Companies]
	Days                          // days
	Tier                          // an export-control tier under the 2025 rule: 1 or 2
	YesNo                         // 1 for yes, 0 for no
	KW                            // kilowatts [MW]
	MW                            // megawatts
	GWh                           // gigawatt-hours
	MillionH100eHours             // millions of H100-hours of compute
	Permille                      // a share in thousandths [%]
	BasisPoints                   // a share in ten-thousandths [%]
	EuroThousands                 // thousands of euros [€ m]
	EuroMillions                  // millions of euros [€ bn]
	CentsPerMWh                   // euro cents per MWh [€/MWh]
	GramsCO2ePerKWh               // grams of CO2-equivalent per kWh
	TonnesCO2e                    // tonnes of CO2-equivalent [kt CO2e]
	KtCO2e                        // kilotonnes of CO2-equivalent

	NumUnits = iota // how many units there are
)

// scales are the units per whole unit; 0 stands for 1.
var scales = [NumUnits]int64{
	MilliCompanies: 1000,
	KW:             1000,
	Permille:       10,
	BasisPoints:    100,
	EuroThousands:  1000,
	EuroMillions:   1000,
	CentsPerMWh:    100,
	TonnesCO2e:     1000,
}

// Scale is how many of u make one of its whole unit: 10 for Permille
// (thousandths shown in percent), 1000 for KW, 1 for a unit that is its
// own whole unit or is not a unit at all.
func (u Unit) Scale() int64 {
	if int(u) < len(scales) && scales[u] > 0 {
		return scales[u]
	}
	return 1
}
