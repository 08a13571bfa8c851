package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"gigasandbox/assets"
	"gigasandbox/assets/eumap"
)

// Defaults of the flags; assets/eumap/doc.go documents them.
const (
	defaultTolerance        = 500        // metres
	defaultMinArea          = 20_000_000 // square metres (20 km²)
	defaultContextTolerance = 1500       // metres
	defaultContextMinArea   = 50_000_000 // square metres (50 km²)
	defaultContextMargin    = 300_000    // metres
)

// isoNumeric gives, for each EU code, the ISO 3166-1 numeric ids of the
// source features that make up the state. Åland (248) is part of Finland.
var isoNumeric = map[string][]string{
	"BE": {"056"}, "BG": {"100"}, "CZ": {"203"}, "DK": {"208"}, "DE": {"276"},
	"EE": {"233"}, "IE": {"372"}, "EL": {"300"}, "ES": {"724"}, "FR": {"250"},
	"HR": {"191"}, "IT": {"380"}, "CY": {"196"}, "LV": {"428"}, "LT": {"440"},
	"LU": {"442"}, "HU": {"348"}, "MT": {"470"}, "NL": {"528"}, "AT": {"040"},
	"PL": {"616"}, "PT": {"620"}, "RO": {"642"}, "SI": {"705"}, "SK": {"703"},
	"FI": {"246", "248"}, "SE": {"752"},
}

// noID gives the features without an id that belong to a state. Natural
// Earth splits the island of Cyprus five ways; the map draws it whole, as
// Eurostat's maps do: the north (where the acquis is suspended but which is
// EU territory under the 2003 Act of Accession), the UN buffer zone and the
// UK Sovereign Base Areas of Akrotiri and Dhekelia (not EU territory, but
// too small to draw apart and enclosing Cypriot villages).
var noID = map[string][]string{
	"CY": {"N. Cyprus", "Cyprus U.N. Buffer Zone", "Akrotiri", "Dhekelia"},
}

// defaultConfig is the configuration for the EU-27 map, states in the
// order of assets.States (EU protocol order).
func defaultConfig() (config, error) {
	states, err := assets.States()
	if err != nil {
		return config{}, err
	}
	cfg := config{
		Object: "countries",
		// Mainland Europe with its nearby islands: from Ireland and
		// Portugal to Cyprus, from Crete and Malta to Lapland. French
		// Guiana, the French Caribbean, Réunion, Mayotte and the Dutch
		// Caribbean are far outside it.
		Mainland: box{W: -11, S: 34, E: 35, N: 72},
		// Eurostat style: the Atlantic islands at true scale in frames
		// at the lower left, the Azores west of Portugal, Madeira and the
		// Canaries south of Iberia, where the map has no member state
		// (Morocco is context, cut out of the frames; Ceuta, at
		// y ≈ 1,565 km, stays clear). Each
		// frame has a 60 km band at the top for its title and is at least
		// 220 km wide, so that "Madeira" fits at 1000 pixels wide.
		Insets: []insetSpec{
			{Title: "Açores", Region: box{W: -32, S: 36, E: -24, N: 40.5}, Left: 2_150_000, Bottom: 1_200_000},
			{Title: "Madeira", Region: box{W: -17.6, S: 29.8, E: -15.5, N: 33.5}, Left: 2_610_000, Bottom: 1_200_000},
			{Title: "Canarias", Region: box{W: -18.5, S: 27, E: -13, N: 29.6}, Left: 2_860_000, Bottom: 1_200_000},
		},
		InsetPad:  20_000,
		InsetBand: 60_000,
		InsetMinW: 220_000,
		// The frames stand 30 and 33 km apart, on Morocco: keep the
		// strips of land between them out.
		InsetGap:  50_000,
		Tolerance: defaultTolerance,
		MinArea:   defaultMinArea,
		// The context: everything else near the map. The region only
		// keeps the far side of the globe out of the projection; the
		// margin is the land shown beyond the bounds, where the view is
		// wider or taller than the map.
		ContextRegion:    box{W: -45, S: 15, E: 80, N: 85},
		ContextMargin:    defaultContextMargin,
		ContextTolerance: defaultContextTolerance,
		ContextMinArea:   defaultContextMinArea,
		// Natural Earth's de facto boundaries draw Crimea as Russia's;
		// the EU's maps (Eurostat's) draw it as Ukraine's, and so does
		// this one. The polygon of Russia that holds Simferopol goes to
		// Ukraine, and the line across the Perekop isthmus with it.
		ContextMoves: []contextMove{{From: "643", To: "804", At: lonLat{34.10, 44.95}}},
	}
	for _, s := range states {
		ids, ok := isoNumeric[s.Code]
		if !ok {
			return config{}, fmt.Errorf("no ISO numeric id for %s", s.Code)
		}
		cfg.States = append(cfg.States, stateSource{Code: s.Code, IDs: ids, Names: noID[s.Code]})
	}
	return cfg, nil
}

// run is the command: genmap -in countries-10m.json -out eu27.bin. It
// returns the exit status: 0, 1 for a failure, 2 for bad usage.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("genmap", flag.ContinueOnError)
	fs.SetOutput(stderr)
	in := fs.String("in", "", "TopoJSON input (countries-10m.json of world-atlas@2.0.2)")
	out := fs.String("out", "", "output file (assets/eumap/eu27.bin)")
	tol := fs.Float64("tolerance", defaultTolerance, "Douglas–Peucker tolerance, metres")
	minArea := fs.Float64("min-area", defaultMinArea, "drop rings smaller than this, square metres (a state's largest ring stays)")
	ctxTol := fs.Float64("context-tolerance", defaultContextTolerance, "Douglas–Peucker tolerance of the context land (arcs no state uses), metres")
	ctxMinArea := fs.Float64("context-min-area", defaultContextMinArea, "drop context rings smaller than this, square metres (rings that touch a state stay)")
	ctxMargin := fs.Int("context-margin", defaultContextMargin, "clip the context land to the map's bounds grown by this, metres")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if *in == "" || *out == "" || fs.NArg() > 0 || *tol < 0 || *minArea < 0 || *ctxTol < 0 || *ctxMinArea < 0 || *ctxMargin < 0 || *ctxMargin > 10_000_000 {
		fmt.Fprintln(stderr, "usage: genmap -in countries-10m.json -out eu27.bin [-tolerance M] [-min-area M2] [-context-tolerance M] [-context-min-area M2] [-context-margin M]")
		return 2
	}
	data, err := os.ReadFile(*in)
	if err != nil {
		fmt.Fprintf(stderr, "genmap: %v\n", err)
		return 1
	}
	cfg, err := defaultConfig()
	if err != nil {
		fmt.Fprintf(stderr, "genmap: %v\n", err)
		return 1
	}
	cfg.Tolerance, cfg.MinArea = *tol, *minArea
	cfg.ContextTolerance, cfg.ContextMinArea, cfg.ContextMargin = *ctxTol, *ctxMinArea, int32(*ctxMargin)
	b, st, err := generate(data, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "genmap: %v\n", err)
		return 1
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintf(stderr, "genmap: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "genmap: %s: %d bytes; %d states, %d rings (%d points); dropped %d rings outside the map, %d under %.0f km², %d collapsed\n",
		*out, len(b), len(cfg.States), st.RingsOut, st.Points, st.RingsOutside, st.RingsSmall, cfg.MinArea/1e6, st.RingsCollapsed)
	fmt.Fprintf(stdout, "genmap: context: %d rings (%d points); dropped %d rings away from the map, %d under %.0f km², %d pieces collapsed\n",
		st.CtxRingsOut, st.CtxPoints, st.CtxOutside, st.CtxSmall, cfg.ContextMinArea/1e6, st.CtxCollapsed)
	return 0
}

// generate builds the map and encodes it, then parses the bytes back so that
// a map that eumap would reject is never written.
func generate(data []byte, cfg config) ([]byte, stats, error) {
	m, st, err := build(data, cfg)
	if err != nil {
		return nil, st, err
	}
	b, err := m.MarshalBinary()
	if err != nil {
		return nil, st, err
	}
	if _, err := eumap.Parse(b); err != nil {
		return nil, st, fmt.Errorf("the generated map does not parse: %w", err)
	}
	return b, st, nil
}
