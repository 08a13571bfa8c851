package eumap

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"unicode/utf8"
)

// Unit is the resolution of the file format: coordinates are stored as
// whole multiples of Unit metres (100 m), and every point of a parsed map is
// a multiple of Unit.
const Unit = 100

// Format constants; see the package documentation for the layout.
const (
	magic      = "EUMAP"
	version    = 2
	maxStates  = 64
	maxInsets  = 8
	maxTitle   = 64
	maxUnits   = 4_000_000 // |coordinate| in units; × Unit stays below 2^29 metres
	headerSize = len(magic) + 1
	crcSize    = 4
)

// FormatError reports map data that does not follow the format: where it
// went wrong (a byte offset into the data) and what was wrong there.
type FormatError struct {
	Offset int
	Msg    string
}

func (e *FormatError) Error() string {
	return fmt.Sprintf("eumap: corrupt map data at byte %d: %s", e.Offset, e.Msg)
}

// decoder reads the varints of the format, remembering the first error.
type decoder struct {
	b   []byte
	off int
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = &FormatError{Offset: d.off, Msg: fmt.Sprintf(format, args...)}
	}
}

func (d *decoder) uvarint(what string) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	switch {
	case n == 0:
		d.fail("%s: unexpected end of data", what)
		return 0
	case n < 0:
		d.fail("%s: varint overflows 64 bits", what)
		return 0
	case n > 1 && d.b[d.off+n-1] == 0:
		d.fail("%s: varint not in its shortest form", what)
		return 0
	}
	d.off += n
	return v
}

// count reads an unsigned count in [lo, hi].
func (d *decoder) count(what string, lo, hi int) int {
	at := d.off
	v := d.uvarint(what)
	if d.err == nil && (v < uint64(lo) || v > uint64(hi)) {
		d.off = at
		d.fail("%s = %d, want %d to %d", what, v, lo, hi)
		return 0
	}
	return int(v)
}

// varint reads a zigzag-encoded signed integer.
func (d *decoder) varint(what string) int64 {
	u := d.uvarint(what)
	return int64(u>>1) ^ -int64(u&1)
}

// coord reads an absolute coordinate in units and returns it in metres.
func (d *decoder) coord(what string) int32 {
	at := d.off
	v := d.varint(what)
	if d.err == nil && (v < -maxUnits || v > maxUnits) {
		d.off = at
		d.fail("%s = %d units, out of range", what, v)
		return 0
	}
	return int32(v * Unit)
}

func (d *decoder) point(what string) Point {
	x := d.coord(what + " x")
	y := d.coord(what + " y")
	return Point{x, y}
}

func (d *decoder) bytes(what string, n int) []byte {
	if d.err != nil {
		return nil
	}
	if len(d.b)-d.off < n {
		d.fail("%s: unexpected end of data", what)
		return nil
	}
	s := d.b[d.off : d.off+n]
	d.off += n
	return s
}

// rings reads a ring count, no less than least, and the rings; their points
// are offsets from cur, the running position, which it advances.
func (d *decoder) rings(what string, least int, cur *[2]int64) [][]Point {
	nr := d.count(what+": ring count", least, len(d.b)-d.off)
	var out [][]Point
	for j := 0; j < nr && d.err == nil; j++ {
		np := d.count(fmt.Sprintf("%s: ring %d: point count", what, j), 3, (len(d.b)-d.off)/2)
		ring := make([]Point, 0, np)
		for k := 0; k < np && d.err == nil; k++ {
			at := d.off
			dx, dy := d.varint("dx"), d.varint("dy")
			cur[0] += dx
			cur[1] += dy
			if d.err == nil && (cur[0] < -maxUnits || cur[0] > maxUnits || cur[1] < -maxUnits || cur[1] > maxUnits) {
				d.off = at
				d.fail("%s: ring %d: point %d out of range", what, j, k)
			}
			p := Point{int32(cur[0] * Unit), int32(cur[1] * Unit)}
			if d.err == nil && k > 0 && p == ring[k-1] {
				d.off = at
				d.fail("%s: ring %d: point %d repeats the one before", what, j, k)
			}
			ring = append(ring, p)
		}
		if d.err == nil && ring[0] == ring[len(ring)-1] {
			d.fail("%s: ring %d: last point repeats the first (rings are stored open)", what, j)
		}
		out = append(out, ring)
	}
	return out
}

// Parse decodes map data in the eumap format (see the package
// documentation). It checks everything it reads: the magic, version and
// checksum, every count and coordinate, that codes are two capital letters
// and unique, that inset frames are proper rectangles, and that each
// state's label lies in that state. Any failure is a *FormatError; Parse
// never panics.
func Parse(data []byte) (*Map, error) {
	if len(data) < headerSize+crcSize {
		return nil, &FormatError{Offset: len(data), Msg: "too short for the header and checksum"}
	}
	if string(data[:len(magic)]) != magic {
		return nil, &FormatError{Offset: 0, Msg: fmt.Sprintf("magic %q, want %q", data[:len(magic)], magic)}
	}
	if v := data[len(magic)]; v != version {
		return nil, &FormatError{Offset: len(magic), Msg: fmt.Sprintf("version %d, want %d", v, version)}
	}
	body := data[:len(data)-crcSize]
	if got, want := binary.LittleEndian.Uint32(data[len(body):]), crc32.ChecksumIEEE(body); got != want {
		return nil, &FormatError{Offset: len(body), Msg: fmt.Sprintf("checksum %08x, want %08x", got, want)}
	}

	d := &decoder{b: body, off: headerSize}
	if u := d.count("unit", 1, 1<<20); d.err == nil && u != Unit {
		d.off = headerSize
		d.fail("unit %d m, want %d", u, Unit)
	}
	m := &Map{}
	n := d.count("state count", 1, maxStates)
	var cur [2]int64 // running position of the ring points, in units
	for i := 0; i < n && d.err == nil; i++ {
		var s State
		at := d.off
		code := d.bytes("code", 2)
		if d.err == nil && !validCode(code) {
			d.off = at
			d.fail("state %d: code %q, want two capital letters", i, code)
		}
		s.Code = string(code)
		for _, prev := range m.States {
			if d.err == nil && prev.Code == s.Code {
				d.off = at
				d.fail("state %d: duplicate code %s", i, s.Code)
			}
		}
		s.Label = d.point("label")
		s.Rings = d.rings(s.Code, 1, &cur)
		m.States = append(m.States, s)
	}
	if d.err == nil {
		m.Context = d.rings("context", 0, &cur)
	}
	ni := d.count("inset count", 0, maxInsets)
	for i := 0; i < ni && d.err == nil; i++ {
		var in Inset
		at := d.off
		in.Frame.Min = d.point("frame min")
		in.Frame.Max = d.point("frame max")
		if d.err == nil && (in.Frame.Min.X >= in.Frame.Max.X || in.Frame.Min.Y >= in.Frame.Max.Y) {
			d.off = at
			d.fail("inset %d: frame %v is empty", i, in.Frame)
		}
		in.Shift = d.point("shift")
		if d.err == nil {
			src := in.Source()
			if src.Min.X < -maxUnits*Unit || src.Max.X > maxUnits*Unit || src.Min.Y < -maxUnits*Unit || src.Max.Y > maxUnits*Unit {
				d.off = at
				d.fail("inset %d: shift moves the frame out of range", i)
			}
		}
		tl := d.count("title length", 1, maxTitle)
		at = d.off
		title := d.bytes("title", tl)
		if d.err == nil && !utf8.Valid(title) {
			d.off = at
			d.fail("inset %d: title is not UTF-8", i)
		}
		in.Title = string(title)
		m.Insets = append(m.Insets, in)
	}
	if d.err == nil && d.off != len(body) {
		d.fail("%d bytes after the last inset", len(body)-d.off)
	}
	if d.err != nil {
		return nil, d.err
	}
	m.index()
	for i, s := range m.States {
		if got := m.StateAt(s.Label); got != i {
			return nil, &FormatError{Offset: len(body), Msg: fmt.Sprintf("%s: label %v is not inside the state (StateAt = %d)", s.Code, s.Label, got)}
		}
	}
	return m, nil
}

// index computes the bounding boxes of the rings, the states and the map.
func (m *Map) index() {
	m.ringBounds = make([][]Rect, len(m.States))
	first := true
	for i := range m.States {
		s := &m.States[i]
		rb := make([]Rect, len(s.Rings))
		for j, ring := range s.Rings {
			r := Rect{ring[0], ring[0]}
			for _, p := range ring[1:] {
				r = r.union(Rect{p, p})
			}
			rb[j] = r
			if j == 0 {
				s.Bounds = r
			} else {
				s.Bounds = s.Bounds.union(r)
			}
		}
		m.ringBounds[i] = rb
		if first {
			m.Bounds, first = s.Bounds, false
		} else {
			m.Bounds = m.Bounds.union(s.Bounds)
		}
	}
	for _, in := range m.Insets {
		m.Bounds = m.Bounds.union(in.Frame)
	}
}

func validCode(code []byte) bool {
	return len(code) == 2 && 'A' <= code[0] && code[0] <= 'Z' && 'A' <= code[1] && code[1] <= 'Z'
}

// MarshalBinary encodes m in the eumap format. Every coordinate must be a
// multiple of Unit within the format's range, every ring must have at least
// three points with no point repeating the one before it, and the first not
// repeated at the end. Labels are written as they are; Parse checks them.
// For a map that Parse returned, MarshalBinary gives back the same bytes.
func (m *Map) MarshalBinary() ([]byte, error) {
	if len(m.States) < 1 || len(m.States) > maxStates {
		return nil, fmt.Errorf("eumap: %d states, want 1 to %d", len(m.States), maxStates)
	}
	if len(m.Insets) > maxInsets {
		return nil, fmt.Errorf("eumap: %d insets, want at most %d", len(m.Insets), maxInsets)
	}
	b := append([]byte(magic), version)
	b = binary.AppendUvarint(b, Unit)
	b = binary.AppendUvarint(b, uint64(len(m.States)))
	var cur [2]int64
	for i, s := range m.States {
		if !validCode([]byte(s.Code)) {
			return nil, fmt.Errorf("eumap: state %d: code %q, want two capital letters", i, s.Code)
		}
		b = append(b, s.Code...)
		var err error
		if b, err = appendPoint(b, s.Label); err != nil {
			return nil, fmt.Errorf("eumap: %s: label: %w", s.Code, err)
		}
		if len(s.Rings) == 0 {
			return nil, fmt.Errorf("eumap: %s: no rings", s.Code)
		}
		if b, err = appendRings(b, s.Code, s.Rings, &cur); err != nil {
			return nil, err
		}
	}
	b, err := appendRings(b, "context", m.Context, &cur)
	if err != nil {
		return nil, err
	}
	b = binary.AppendUvarint(b, uint64(len(m.Insets)))
	for i, in := range m.Insets {
		if in.Frame.Min.X >= in.Frame.Max.X || in.Frame.Min.Y >= in.Frame.Max.Y {
			return nil, fmt.Errorf("eumap: inset %d: frame %v is empty", i, in.Frame)
		}
		for _, p := range []Point{in.Frame.Min, in.Frame.Max, in.Shift} {
			if b, err = appendPoint(b, p); err != nil {
				return nil, fmt.Errorf("eumap: inset %d: %w", i, err)
			}
		}
		if len(in.Title) < 1 || len(in.Title) > maxTitle || !utf8.ValidString(in.Title) {
			return nil, fmt.Errorf("eumap: inset %d: title %q, want 1 to %d bytes of UTF-8", i, in.Title, maxTitle)
		}
		b = binary.AppendUvarint(b, uint64(len(in.Title)))
		b = append(b, in.Title...)
	}
	return binary.LittleEndian.AppendUint32(b, crc32.ChecksumIEEE(b)), nil
}

var errNotUnit = errors.New("coordinate is not a multiple of the unit or out of range")

// units converts p to file units, checking it is representable.
func units(p Point) (x, y int64, err error) {
	if p.X%Unit != 0 || p.Y%Unit != 0 {
		return 0, 0, fmt.Errorf("%v: %w", p, errNotUnit)
	}
	x, y = int64(p.X/Unit), int64(p.Y/Unit)
	if x < -maxUnits || x > maxUnits || y < -maxUnits || y > maxUnits {
		return 0, 0, fmt.Errorf("%v: %w", p, errNotUnit)
	}
	return x, y, nil
}

// appendRings writes a ring count and the rings, each point as the offset
// from cur, which it advances.
func appendRings(b []byte, what string, rings [][]Point, cur *[2]int64) ([]byte, error) {
	b = binary.AppendUvarint(b, uint64(len(rings)))
	for j, ring := range rings {
		if len(ring) < 3 {
			return nil, fmt.Errorf("eumap: %s: ring %d has %d points, want at least 3", what, j, len(ring))
		}
		if ring[0] == ring[len(ring)-1] {
			return nil, fmt.Errorf("eumap: %s: ring %d repeats its first point at the end", what, j)
		}
		b = binary.AppendUvarint(b, uint64(len(ring)))
		for k, p := range ring {
			x, y, err := units(p)
			if err != nil {
				return nil, fmt.Errorf("eumap: %s: ring %d: point %d: %w", what, j, k, err)
			}
			if k > 0 && p == ring[k-1] {
				return nil, fmt.Errorf("eumap: %s: ring %d: point %d repeats the one before", what, j, k)
			}
			b = binary.AppendVarint(b, x-cur[0])
			b = binary.AppendVarint(b, y-cur[1])
			*cur = [2]int64{x, y}
		}
	}
	return b, nil
}

func appendPoint(b []byte, p Point) ([]byte, error) {
	x, y, err := units(p)
	if err != nil {
		return b, err
	}
	return binary.AppendVarint(binary.AppendVarint(b, x), y), nil
}
