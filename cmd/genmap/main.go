// Command genmap generates assets/eumap/eu27.bin, the outlines of the 27 EU
// member states and the land around them, from Natural Earth's admin-0 countries as TopoJSON
// (countries-10m.json of the npm package world-atlas@2.0.2):
//
//	genmap -in countries-10m.json -out assets/eumap/eu27.bin
//
// It keeps the member states (merging the features that make up one, such
// as Finland and Åland, or the parts of Cyprus), drops far overseas
// territories, drops rings smaller than -min-area except a state's largest,
// simplifies every arc with Douglas–Peucker (github.com/paulmach/orb's) at
// -tolerance metres in EPSG:3035, rounds to 100 m, moves the Azores,
// Madeira and the Canaries into inset frames and places a label in each
// state. Then it adds every other country near the map as context land:
// simplified at -context-tolerance metres (but for the borders it shares with the states,
// which stay the states'), without rings under -context-min-area that do
// not touch a state, clipped to the map's bounds grown by -context-margin
// metres and kept out of the inset frames. The same input always gives the
// same bytes. See assets/eumap/doc.go for the format and the exact commands.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
