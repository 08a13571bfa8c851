// Package eumap is the map of the 27 EU member states: their outlines in
// the EU's own equal-area projection, with the Atlantic islands in inset
// frames, the land of their neighbours as context, and exact integer hit
// testing for clicks and taps.
//
// # Using it
//
// Load returns the embedded map (parsed once). Its States are in EU
// protocol order, the order of assets.States, with the codes of
// assets/states.csv ("EL" for Greece). Map.StateAt says which state a map
// point is in; Map.StateNear also accepts a point a few pixels off a small
// island. Map.Context is the land around the states that is not in the EU
// (the United Kingdom, Norway, Switzerland, the Western Balkans, Ukraine,
// Türkiye, North Africa...), to draw in grey under the states so that they
// do not float in the sea; StateAt and StateNear ignore it, and Map.Bounds,
// which the view should fit, covers the states and the insets only. The
// context reaches 300 km beyond Map.Bounds on every side (where the view is
// wider or taller than the map) and ends there in straight cuts; clip the
// drawing to the view. Project and Unproject convert longitude and latitude to map
// points and back, moving the Canaries, Madeira and the Azores into their
// insets. The package imports only the standard library: no Ebitengine, no
// syscall/js, no files and no clock.
//
// # Coordinates
//
// Points are ETRS89-LAEA (EPSG:3035: Lambert azimuthal equal-area on the
// GRS80 ellipsoid, centre 52°N 10°E, false easting 4,321,000 m, false
// northing 3,210,000 m) in whole metres, as int32: X is the easting, Y the
// northing, so Y grows to the north. The embedded outlines are stored on a
// 100 m grid (Unit). The map spans about 4,380 km by 4,100 km; drawn 1000
// pixels wide, a pixel is about 4.4 km.
//
// StateAt and StateNear are integer-only and give the same answer on every
// platform. Project and Unproject use floating-point trigonometry (the exact
// ellipsoidal formulas of EPSG Guidance Note 7-2, method 9820); on rare
// inputs they can differ by a metre between platforms, so use them for the
// page, not inside the deterministic simulation.
//
// # Source and licence
//
// The outlines are Natural Earth's 1:10m Admin 0 countries, version 4.1.0
// (public domain, naturalearthdata.com), as redistributed in TopoJSON by the
// npm package world-atlas@2.0.2 (file countries-10m.json, sha256
// 3bc6f1d367a9bcec479841bae0e76092f512838411d0cef124e92eec4db45f79; the
// package is ISC-licensed by Michael Bostock, the geometry is Natural
// Earth's). The boundaries are Natural Earth's de facto ones, but for
// Cyprus and Crimea (below). The context land comes from the same file,
// under the same terms.
//
// cmd/genmap made eu27.bin from it as follows; first the states.
//
//   - Selection: the features whose ISO 3166-1 numeric id is that of a
//     member state, plus Åland (248) for Finland, plus for Cyprus the
//     features without an id that Natural Earth splits the island into
//     (N. Cyprus, the UN buffer zone and the UK Sovereign Base Areas of
//     Akrotiri and Dhekelia), so that the island is drawn whole, as on
//     Eurostat's maps. Borders between features of one state are dissolved.
//   - Far overseas territories are left out: a ring is kept only if the
//     centre of its longitude/latitude box lies in 11°W–35°E, 34°N–72°N, or
//     in an inset region. This drops French Guiana, Guadeloupe, Martinique,
//     Saint-Martin, Réunion, Mayotte and the Dutch Caribbean.
//   - Small islands: a ring (island, exclave or hole) under 20 km² is
//     dropped, except a state's largest ring, which is always kept. 20 km²
//     is about one pixel at 1000 pixels wide. Malta (246 km²) and Gozo
//     (67 km²) stay, Comino goes; Ceuta stays, Melilla (12 km²) goes; the
//     Balearics, Sicily, Sardinia, Corsica, Crete and the large Greek,
//     Croatian, Danish, Estonian and Swedish islands all stay. The same
//     rule applies to holes and exclaves, consistently on both sides, so
//     Llívia (a 13 km² Spanish exclave) reads as France and the Vatican as
//     Italy, while San Marino (61 km²) stays a hole in Italy. 110 rings are
//     dropped this way.
//   - Simplification: Douglas–Peucker on each TopoJSON arc in projected
//     metres, with a tolerance of 500 m (about a ninth of a pixel at 1000
//     pixels wide). An arc is simplified once, so neighbouring states keep an
//     identical border, with no gaps or overlaps; its ends stay, and a
//     closed arc (an island) keeps at least a triangle. Points are then
//     rounded to 100 m.
//   - Insets, Eurostat style, at the lower left where the map has no
//     member state: the Açores (PT) west of Portugal, Madeira (PT) and the
//     Canarias (ES) south of Iberia, over Morocco, which the context leaves
//     out of the frames (below). Each is translated, not
//     scaled or rotated: its frame is the box of its islands plus 20 km of
//     sea, at least 220 km wide, with a 60 km band at the top for the
//     title (room for a small font at 1000 pixels wide), rounded out to
//     whole kilometres. (In this projection the Azores,
//     far west of the centre, appear turned by about 25°.)
//   - Labels: for each state, the pole of inaccessibility of its largest
//     ring (the point farthest from any edge of the state, found to 500 m
//     by Mapbox's polylabel search), rounded to 100 m.
//
// Then the context, from every feature no state uses: the neighbours as
// Natural Earth draws them (Kosovo apart from Serbia, the Crown
// dependencies apart from the United Kingdom, Gibraltar, the microstates,
// Greenland at the corner), with one exception.
//
//   - Crimea: Natural Earth's de facto boundaries draw it as Russia's; the
//     EU's maps (Eurostat's) draw it as Ukraine's, and so does this one.
//     The polygon of Russia (643) that holds Simferopol is merged into
//     Ukraine (804), which dissolves the line across the Perekop isthmus.
//   - Selection: the rings of those features that come within 300 km of
//     the bounds of the states and the insets (rings whose longitude and
//     latitude box misses 45°W–80°E, 15°N–85°N are not read at all, which
//     keeps the far side of the globe out of the projection). Each feature
//     keeps its own rings, in the source's order, so that stroking them
//     draws the borders between the neighbours; they carry no names.
//   - Small islands: a ring under 50 km² is dropped unless it shares a
//     border with a state's ring, so that the context fills exactly the
//     holes and notches the states leave for their neighbours: San Marino,
//     Andorra, Liechtenstein, Monaco and Gibraltar stay; the Vatican and
//     the Swiss rings round Büsingen and Campione go with the state rings
//     that matched them (so Büsingen reads as Switzerland).
//   - Simplification: the borders with the states are the states' arcs,
//     simplified once at 500 m as above, so the grey and the colour meet
//     without gaps or overlaps; the other arcs are simplified at 1,500 m
//     (a third of a pixel at 1000 pixels wide: it is background).
//   - Clipping: each ring is cut to the bounds of the states and insets
//     grown by 300 km, then the inset frames are cut out of it, and the
//     sea between two frames less than 50 km apart (the frames stand on
//     Morocco, 33 and 30 km apart), so that the frames show only their
//     islands. Cuts run straight along the cutting rectangles. Points are
//     rounded to 100 m.
//
// The result is 27 states, 247 rings and 21,128 points, and 177 context
// rings with 12,400 points, in 78,572 bytes (the states alone were 46,717).
//
// # Regenerating
//
// From the repository root, with Node's npm for the download:
//
//	cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz && cd -
//	sha256sum /tmp/package/countries-10m.json   # 3bc6f1d3...5f79, as above
//	go run ./cmd/genmap -in /tmp/package/countries-10m.json -out assets/eumap/eu27.bin
//	GENMAP_SOURCE=/tmp/package/countries-10m.json go test ./cmd/genmap/ ./assets/eumap/
//
// The generator is deterministic: the same input gives the same bytes, and
// the GENMAP_SOURCE test checks that the committed file is what it makes.
// Its flags -tolerance (metres) and -min-area (square metres) change the
// states' simplification and island threshold, -context-tolerance,
// -context-min-area and -context-margin (metres) the context's; the
// defaults are the values above. Neither the source file nor node_modules
// belong in the repository.
//
// # File format (eu27.bin, version 2)
//
// All integers are varints as in encoding/binary, in their shortest form:
// uvarint for counts, zigzag varint (binary.AppendVarint) for coordinates.
// Coordinates are in units of 100 m.
//
//	"EUMAP" 0x02                 magic and version
//	uvarint unit                 metres per unit: 100
//	uvarint nStates              1 to 64
//	nStates times:
//	    2 bytes code             two capital letters
//	    varint x, y              label, absolute
//	    uvarint nRings           at least 1
//	    nRings times:
//	        uvarint nPoints      at least 3; the ring is closed implicitly
//	        nPoints times:
//	            varint dx, dy    from the previous point of the file
//	                             (the first from 0,0), never 0,0
//	uvarint nContext             context rings, 0 or more
//	nContext times:
//	    uvarint nPoints          at least 3, as a state's ring
//	    nPoints times:
//	        varint dx, dy        from the previous point, as above
//	uvarint nInsets              0 to 8
//	nInsets times:
//	    varint x, y, x, y        frame min and max, absolute
//	    varint x, y              shift
//	    uvarint n, n bytes       title, UTF-8, 1 to 64 bytes
//	uint32 little-endian         CRC-32 (IEEE) of every byte before it
//
// Version 1 had no context; Parse reads version 2 only. Parse checks all
// of this, the range of every coordinate, that codes are unique and that
// each label lies in its state, and returns a *FormatError otherwise.
// MarshalBinary writes the same format; a parsed map re-encodes to the same
// bytes.
package eumap
