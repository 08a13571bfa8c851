package main

import (
	"encoding/json"
	"fmt"
	"math"
)

// lonLat is a position in degrees. Positions decoded from the same quantized
// integers are bitwise equal, which is how arc ends are matched.
type lonLat [2]float64

// topology is the part of a TopoJSON file the generator reads.
type topology struct {
	Type      string                     `json:"type"`
	Transform *transform                 `json:"transform"`
	Arcs      [][][]float64              `json:"arcs"`
	Objects   map[string]json.RawMessage `json:"objects"`
}

type transform struct {
	Scale     [2]float64 `json:"scale"`
	Translate [2]float64 `json:"translate"`
}

// feature is one geometry of a GeometryCollection: a Polygon or a
// MultiPolygon, as rings of arc references.
type feature struct {
	ID    string
	Name  string
	Polys [][][]int // polygons, rings, arc references (i or ^i for arc i reversed)
}

type rawGeometry struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
	Arcs json.RawMessage `json:"arcs"`
}

// parseTopology decodes a TopoJSON file: its arcs as absolute positions and
// the features of the named GeometryCollection.
func parseTopology(data []byte, object string) ([][]lonLat, []feature, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, nil, fmt.Errorf("topojson: %w", err)
	}
	if t.Type != "Topology" {
		return nil, nil, fmt.Errorf("topojson: type %q, want \"Topology\"", t.Type)
	}
	arcs, err := decodeArcs(t.Arcs, t.Transform)
	if err != nil {
		return nil, nil, err
	}
	raw, ok := t.Objects[object]
	if !ok {
		return nil, nil, fmt.Errorf("topojson: no object %q", object)
	}
	var coll struct {
		Type       string        `json:"type"`
		Geometries []rawGeometry `json:"geometries"`
	}
	if err := json.Unmarshal(raw, &coll); err != nil {
		return nil, nil, fmt.Errorf("topojson: object %q: %w", object, err)
	}
	if coll.Type != "GeometryCollection" {
		return nil, nil, fmt.Errorf("topojson: object %q: type %q, want \"GeometryCollection\"", object, coll.Type)
	}
	var feats []feature
	for i, g := range coll.Geometries {
		f := feature{Name: g.Properties.Name}
		if len(g.ID) > 0 && string(g.ID) != "null" {
			var s string
			if err := json.Unmarshal(g.ID, &s); err != nil {
				var n json.Number
				if err := json.Unmarshal(g.ID, &n); err != nil {
					return nil, nil, fmt.Errorf("topojson: geometry %d: id %s is neither string nor number", i, g.ID)
				}
				s = n.String()
			}
			f.ID = s
		}
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return nil, nil, fmt.Errorf("topojson: geometry %d (%s): %w", i, f.Name, err)
			}
			f.Polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &f.Polys); err != nil {
				return nil, nil, fmt.Errorf("topojson: geometry %d (%s): %w", i, f.Name, err)
			}
		default:
			continue // points, lines and null geometries carry no area
		}
		for _, p := range f.Polys {
			for _, r := range p {
				if len(r) == 0 {
					return nil, nil, fmt.Errorf("topojson: geometry %d (%s): empty ring", i, f.Name)
				}
				for _, a := range r {
					if idx := arcIndex(a); idx < 0 || idx >= len(arcs) {
						return nil, nil, fmt.Errorf("topojson: geometry %d (%s): arc %d out of range", i, f.Name, a)
					}
				}
			}
		}
		feats = append(feats, f)
	}
	return arcs, feats, nil
}

// decodeArcs turns TopoJSON arcs into absolute positions. With a transform
// the arcs are quantized and delta-encoded: each position after the first
// is an integer offset from the one before, and a position is
// (x·scale + translate). Without one they are absolute already.
func decodeArcs(in [][][]float64, tr *transform) ([][]lonLat, error) {
	out := make([][]lonLat, len(in))
	for i, arc := range in {
		if len(arc) < 2 {
			return nil, fmt.Errorf("topojson: arc %d has %d positions, want at least 2", i, len(arc))
		}
		pts := make([]lonLat, len(arc))
		var x, y int64
		for j, pos := range arc {
			if len(pos) < 2 {
				return nil, fmt.Errorf("topojson: arc %d position %d has %d values", i, j, len(pos))
			}
			if tr == nil {
				pts[j] = lonLat{pos[0], pos[1]}
				continue
			}
			if pos[0] != math.Trunc(pos[0]) || pos[1] != math.Trunc(pos[1]) || math.Abs(pos[0]) > 1<<40 || math.Abs(pos[1]) > 1<<40 {
				return nil, fmt.Errorf("topojson: arc %d position %d: quantized delta %v is not an integer", i, j, pos[:2])
			}
			x += int64(pos[0])
			y += int64(pos[1])
			pts[j] = lonLat{float64(x)*tr.Scale[0] + tr.Translate[0], float64(y)*tr.Scale[1] + tr.Translate[1]}
		}
		out[i] = pts
	}
	return out, nil
}

// arcIndex returns the arc an arc reference points at: i for i, and i for
// ^i (written ~i in TopoJSON, that is -i-1), which means arc i reversed.
func arcIndex(ref int) int {
	if ref < 0 {
		return ^ref
	}
	return ref
}

// ringPositions concatenates the arcs of a ring, reversing those referenced
// as ^i and dropping the position each arc shares with the one before. The
// result is closed: its last position equals its first.
func ringPositions[T any](arcs [][]T, refs []int) []T {
	var out []T
	for _, ref := range refs {
		a := arcs[arcIndex(ref)]
		start := 0
		if len(out) > 0 {
			start = 1
		}
		if ref >= 0 {
			out = append(out, a[start:]...)
		} else {
			for j := len(a) - 1 - start; j >= 0; j-- {
				out = append(out, a[j])
			}
		}
	}
	return out
}
