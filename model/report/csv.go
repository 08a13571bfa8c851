package report

import (
	"encoding/csv"
	"errors"
	"io"
	"strconv"

	"gigasandbox/model"
)

// CSVHeader names the columns of the daily CSV.
func CSVHeader() []string {
	h := []string{"date", "day",
		"chips_at_supplier", "chips_awaiting_licence", "chips_in_transit", "chips_installing", "chips_active", "chips_in_repair", "chips_retired",
		"chips_throttled", "failures", "sites_operating", "sites_waiting_grid",
		"compute_capacity_h100e_hours", "demand_h100e_hours", "served_h100e_hours", "leaked_h100e_hours", "startup_served_h100e_hours",
		"power_drawn_mw", "power_curtailed_mw", "grid_granted_mw", "grid_queue_sites", "energy_mwh", "emissions_t_co2e",
		"fund_left_eur", "eu_capex_eur", "host_capex_eur", "private_capex_eur", "electricity_eur_cum", "maintenance_eur_cum",
		"revenue_eur_cum", "vouchers_eur_cum", "startups_active", "startups_relocated"}
	for _, st := range states {
		h = append(h, "active_"+st.Code)
	}
	return append(h, "release")
}

// CSVFormat is how a CSV file of a run is written: its header row and its
// separator. The zero value is the machine-readable file: CSVHeader's
// names, commas, no byte-order mark.
type CSVFormat struct {
	Header []string // a name for each of CSVHeader's columns, in its order; nil for CSVHeader()
	Comma  rune     // the field separator; 0 for ','
	BOM    bool     // start with a UTF-8 byte-order mark, by which spreadsheet programs know the encoding
}

// WriteCSV writes the run's daily outcomes as CSV, one row per simulated
// day, with CSVHeader's column names: `gigasim run --csv`. The last column
// names the release of figures the run rests on.
func WriteCSV(w io.Writer, sim *model.Sim) error { return WriteCSVAs(w, sim, CSVFormat{}) }

// WriteCSVAs writes the same rows as WriteCSV in format f: the page's
// export and `gigasim run --csv --lang` write them with a language's
// column labels and separator (game/i18n's Catalog.CSVFormat).
func WriteCSVAs(w io.Writer, sim *model.Sim, f CSVFormat) error {
	header := CSVHeader()
	if f.Header != nil {
		if len(f.Header) != len(header) {
			return errors.New("report: the CSV format names a different number of columns than the CSV has")
		}
		header = f.Header
	}
	if f.BOM {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	if f.Comma != 0 {
		cw.Comma = f.Comma
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	byState := sim.ActiveByState()
	// the release of figures the run rests on, on every row, so that a
	// file says what data it comes from even when rows are pasted elsewhere
	release := sim.Release().Name + " (" + sim.Release().About + ")"
	i64 := func(v int64) string { return strconv.FormatInt(v, 10) }
	for i, d := range sim.History() {
		l := d.Ledger
		row := []string{d.Day.String(), i64(int64(d.Day)),
			i64(d.Chips[model.ChipOrdered]), i64(d.Chips[model.ChipLicence]), i64(d.Chips[model.ChipTransit]), i64(d.Chips[model.ChipInstalling]),
			i64(d.Chips[model.ChipActive]), i64(d.Chips[model.ChipRepair]), i64(d.Chips[model.ChipRetired]),
			i64(d.ChipsThrottled), i64(d.Failures), i64(int64(d.Sites[model.SiteOperating])), i64(int64(d.Sites[model.SiteWaitingGrid])),
			i64(int64(d.ComputeCapacity) / 1000), i64(int64(d.Demand) / 1000), i64(int64(d.Served) / 1000), i64(int64(d.Leaked) / 1000), i64(int64(d.StartupServed) / 1000),
			i64(d.PowerDrawn.MW()), i64(d.PowerCurtailed.MW()), i64(d.GridGranted.MW()), i64(int64(d.GridQueueSites)),
			i64(int64(d.Energy) / 1000), i64(d.Emissions.Tonnes()),
			i64(l.FundLeft.Euros()), i64(l.EUCapex.Euros()), i64(l.HostCapex.Euros()), i64(l.PrivateCapex.Euros()),
			i64(l.Electricity.Euros()), i64(l.Maintenance.Euros()), i64((l.CustomerRevenue + l.Vouchers).Euros()), i64(l.Vouchers.Euros()),
			i64(d.StartupsActive / 1000), i64(d.StartupsMoved / 1000)}
		for _, n := range byState[i] {
			row = append(row, i64(int64(n)))
		}
		row = append(row, release)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
