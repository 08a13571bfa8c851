package link

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/fxamacker/cbor/v2"

	"gigasandbox/model"
)

// envelope is version 1's top-level map. Keys are never reused; the
// constants in tables.go name them and TestKeyTable pins them. A field is
// left out when it equals the base scenario's (or is 0, for Day and Base).
// Pointers mark fields whose zero value must still be written when it
// differs from the base (a seed of 0, an empty list of sites).
type envelope struct {
	Version     uint64             `cbor:"0,keyasint"`
	Day         uint64             `cbor:"1,keyasint,omitempty"`
	Base        uint64             `cbor:"2,keyasint,omitempty"`
	Name        *string            `cbor:"3,keyasint,omitempty"`
	Description *string            `cbor:"4,keyasint,omitempty"`
	Seed        *uint64            `cbor:"5,keyasint,omitempty"`
	Days        *uint64            `cbor:"6,keyasint,omitempty"`
	Regime      *[]cbor.RawMessage `cbor:"7,keyasint,omitempty"`
	Levers      cbor.RawMessage    `cbor:"8,keyasint,omitempty"` // a levers map
	Assumptions *map[uint64]int64  `cbor:"9,keyasint,omitempty"`
	Sites       *[]cbor.RawMessage `cbor:"10,keyasint,omitempty"`
	Commands    *[]cbor.RawMessage `cbor:"11,keyasint,omitempty"`
	Edits       *[]cbor.RawMessage `cbor:"12,keyasint,omitempty"`
	Release     *uint64            `cbor:"13,keyasint,omitempty"` // from version 3: a code of v3Releases
}

// levers is the map under keyLevers: each lever that differs from the
// base's. Shares are in thousandths.
type levers struct {
	EUShare         *uint64   `cbor:"0,keyasint,omitempty"`
	HostShare       *uint64   `cbor:"1,keyasint,omitempty"`
	VoucherShare    *uint64   `cbor:"2,keyasint,omitempty"`
	PPAShare        *uint64   `cbor:"3,keyasint,omitempty"`
	FastTrack       *bool     `cbor:"4,keyasint,omitempty"`
	PreferSameState *bool     `cbor:"5,keyasint,omitempty"`
	DemandGrowth    *uint64   `cbor:"6,keyasint,omitempty"`
	G2G             *[]uint64 `cbor:"7,keyasint,omitempty"`
}

// Decoder limits. A payload of at most MaxLen characters holds at most
// MaxLen*3/4 bytes, so no array can be longer than that; these caps are a
// second fence, well above anything valid: the deepest valid item is a
// custom regime's caps inside a regime command inside the command list
// inside the envelope (4 levels); the largest map is the assumptions (56).
const (
	maxNesting  = 4
	maxArray    = 2048
	maxMapPairs = 64
)

var (
	encMode = mustEncMode()
	decMode = mustDecMode(cbor.DecOptions{
		DupMapKey:         cbor.DupMapKeyEnforcedAPF,
		IndefLength:       cbor.IndefLengthForbidden,
		TagsMd:            cbor.TagsForbidden,
		MaxNestedLevels:   maxNesting,
		MaxArrayElements:  maxArray,
		MaxMapPairs:       maxMapPairs,
		ExtraReturnErrors: cbor.ExtraDecErrorUnknownField,
		UTF8:              cbor.UTF8RejectInvalid,
		NaN:               cbor.NaNDecodeForbidden,
		Inf:               cbor.InfDecodeForbidden,
	})
	// probeMode reads only the version, so that a newer version's link,
	// which may use keys and shapes this one does not know, is reported
	// as newer rather than as broken. It is still bounded.
	probeMode = mustDecMode(cbor.DecOptions{
		MaxNestedLevels:  16,
		MaxArrayElements: MaxLen,
		MaxMapPairs:      MaxLen,
		UTF8:             cbor.UTF8DecodeInvalid,
	})
)

func mustEncMode() cbor.EncMode {
	em, err := cbor.CoreDetEncOptions().EncMode()
	if err != nil {
		panic("link: " + err.Error()) // constant options: a programming error
	}
	return em
}

func mustDecMode(o cbor.DecOptions) cbor.DecMode {
	dm, err := o.DecMode()
	if err != nil {
		panic("link: " + err.Error()) // constant options: a programming error
	}
	return dm
}

// probeVersion reads key 0 of the payload's top-level map.
func probeVersion(payload []byte) (uint64, error) {
	var p struct {
		Version *uint64 `cbor:"0,keyasint"`
	}
	if err := probeMode.Unmarshal(payload, &p); err != nil {
		var te *cbor.UnmarshalTypeError
		if errors.As(err, &te) {
			if te.StructFieldName != "" {
				return 0, errors.New("link: version: want an unsigned integer")
			}
			return 0, fmt.Errorf("link: not a scenario link: it holds a %s, not a map", cborType(te.CBORType))
		}
		return 0, fmt.Errorf("link: damaged: %s", cborMessage(err))
	}
	if p.Version == nil {
		return 0, errors.New("link: version is missing")
	}
	v := *p.Version
	if v < 1 {
		return 0, fmt.Errorf("link: version %d: want 1 to %d", v, Version)
	}
	if v > uint64(Version) {
		return 0, fmt.Errorf("link: version %d: %w", v, model.ErrNewerVersion)
	}
	return v, nil
}

// cborMessage makes a decoder error one readable line.
func cborMessage(err error) string {
	var (
		extra *cbor.ExtraneousDataError
		dup   *cbor.DupMapKeyError
		te    *cbor.UnmarshalTypeError
	)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return "the data ends too soon: was the link cut?"
	case errors.As(err, &extra):
		return "extra data after the scenario"
	case errors.As(err, &dup):
		return fmt.Sprintf("key %v appears twice in a map", dup.Key)
	case errors.As(err, &te):
		return "a " + cborType(te.CBORType) + " where there should be something else"
	}
	return strings.TrimPrefix(err.Error(), "cbor: ")
}

// cborType names a CBOR type as the decoder reports it, for people.
func cborType(t string) string {
	switch t {
	case "primitives":
		return "float, null or other simple value"
	case "UTF-8 text string":
		return "text"
	}
	return t
}

// envelopeKeys and leverKeys name the keys of the envelope and of the
// levers map, by number, as docs/scenario.md does.
var (
	envelopeKeys = [...]string{"version", "day", "base", "name", "description", "seed", "days", "regime", "levers", "assumptions", "sites", "commands", "edits", "release"}
	leverKeys    = [...]string{"eu_share", "host_share", "voucher_share", "ppa_share", "fast_track", "prefer_same_state", "demand_growth", "g2g"}
)

// envelopeError makes an error from decoding the envelope name the key at
// fault.
func envelopeError(version int, payload []byte, err error) error {
	var (
		te *cbor.UnmarshalTypeError
		ue *cbor.UnknownFieldError
	)
	switch {
	case errors.As(err, &te) && te.StructFieldName != "":
		// "link.envelope.5", "link.levers.0": the struct, then the key.
		parts := strings.Split(te.StructFieldName, ".")
		key, _ := strconv.Atoi(parts[len(parts)-1])
		where := fmt.Sprintf("key %d", key)
		switch {
		case len(parts) >= 2 && parts[len(parts)-2] == "envelope" && key < len(envelopeKeys):
			where = envelopeKeys[key]
		case len(parts) >= 2 && parts[len(parts)-2] == "levers" && key < len(leverKeys):
			where = "levers: " + leverKeys[key]
		}
		return fmt.Errorf("link: %s: a %s is not allowed here", where, cborType(te.CBORType))
	case errors.As(err, &ue):
		return fmt.Errorf("link: %s: the link is damaged or was made by another program", unknownKey(version, payload))
	}
	return fmt.Errorf("link: damaged: %s", cborMessage(err))
}

// unknownKey finds the key the decoder did not know, for the message.
func unknownKey(version int, payload []byte) string {
	var top map[uint64]cbor.RawMessage
	if probeMode.Unmarshal(payload, &top) != nil {
		return "a key this version does not know"
	}
	for k := range top {
		if k >= uint64(len(envelopeKeys)) {
			return fmt.Sprintf("key %d is not a key of version %d", k, version)
		}
	}
	var lv map[uint64]cbor.RawMessage
	if raw, ok := top[keyLevers]; ok && probeMode.Unmarshal(raw, &lv) == nil {
		for k := range lv {
			if k >= uint64(len(leverKeys)) {
				return fmt.Sprintf("levers: key %d is not a lever of version %d", k, version)
			}
		}
	}
	return "a key this version does not know"
}

//go:embed bases/*.json
var baseFiles embed.FS

var (
	basesOnce sync.Once
	allBases  [len(baseNames)]model.Scenario
	basesErr  error
)

// loadBases returns the base scenarios a link of the given version may
// use, parsed once.
func loadBases(version int) ([]model.Scenario, error) {
	basesOnce.Do(func() {
		for i, name := range baseNames {
			data, err := baseFiles.ReadFile("bases/" + name + ".json")
			if err == nil {
				allBases[i], err = model.ParseScenario(data)
			}
			if err != nil {
				basesErr = fmt.Errorf("link: base %s: %w", name, err)
				return
			}
			allBases[i] = canonical(allBases[i])
		}
	})
	return allBases[:versionBases[version]], basesErr
}

// canonical returns a valid scenario in the form Decode gives back: the
// same run, the same bits of state, one spelling.
func canonical(sc model.Scenario) model.Scenario {
	out := sc
	out.Version = model.SchemaVersion
	if rel, err := model.ReleaseOf(&sc); err == nil {
		out.Release = rel.Name
	}
	out.Assumptions = nil
	if len(sc.Assumptions) > 0 {
		out.Assumptions = make(map[string]string, len(sc.Assumptions))
		for k, v := range sc.Assumptions {
			p, _ := model.ParamByKey(k)
			scale := p.Info().Scale
			n, _ := model.ParseDecimal(v, scale)
			out.Assumptions[k] = model.FormatDecimal(n, scale)
		}
	}
	out.Regime = canonicalRegime(sc.Regime)
	out.Levers.G2G = nil
	if len(sc.Levers.G2G) > 0 {
		out.Levers.G2G = slices.Clone(sc.Levers.G2G)
	}
	out.Sites = nil
	if len(sc.Sites) > 0 {
		out.Sites = slices.Clone(sc.Sites)
	}
	out.Commands = nil
	if len(sc.Commands) > 0 {
		out.Commands = make([]model.Command, len(sc.Commands))
		for i, c := range sc.Commands {
			out.Commands[i] = canonicalCommand(c)
		}
	}
	return out
}

func canonicalRegime(r model.Regime) model.Regime {
	out := model.Regime{Kind: r.Kind}
	if len(r.Caps) > 0 {
		out.Caps = maps.Clone(r.Caps)
	}
	return out
}

// canonicalCommand gives the command its own copy of what it shares with
// the original (a regime's caps).
func canonicalCommand(c model.Command) model.Command {
	if o, ok := c.Op.(model.SetRegime); ok {
		o.Regime = canonicalRegime(o.Regime)
		c.Op = o
	}
	return c
}

// encodeV1 writes the payload of a link in version 1's format, of the
// given version (versions differ only in their bases): against each base
// in turn, keeping the shortest (the first of equal lengths). Which base is
// chosen is part of the format: Decode accepts only this payload.
func encodeV1(version int, sc model.Scenario, day model.Day) ([]byte, error) {
	if err := sc.ValidateFields(); err != nil {
		return nil, fmt.Errorf("link: %w", err)
	}
	if day < 0 || day > model.Day(sc.Days) {
		return nil, fmt.Errorf("link: day %d out of range [0, %d] (the scenario's horizon)", day, sc.Days)
	}
	if err := checkText(&sc); err != nil {
		return nil, err
	}
	sc = canonical(sc)
	bs, err := loadBases(version)
	if err != nil {
		return nil, err
	}
	var best []byte
	var whole []cbor.RawMessage // the records of all the commands: the same against every base
	for i := range bs {
		b, err := encodeAgainst(version, &sc, day, i, &bs[i], &whole)
		if err != nil {
			return nil, err
		}
		if best == nil || len(b) < len(best) {
			best = b
		}
	}
	return best, nil
}

// checkText refuses text that CBOR cannot carry as text: a link would not
// decode.
func checkText(sc *model.Scenario) error {
	if !utf8.ValidString(sc.Name) {
		return errors.New("link: name is not valid UTF-8")
	}
	if !utf8.ValidString(sc.Description) {
		return errors.New("link: description is not valid UTF-8")
	}
	for i := range sc.Sites {
		if !utf8.ValidString(sc.Sites[i].Name) {
			return fmt.Errorf("link: site %d: name is not valid UTF-8", i+1)
		}
	}
	for i := range sc.Commands {
		if b, ok := sc.Commands[i].Op.(model.BuildSite); ok && !utf8.ValidString(b.Site.Name) {
			return fmt.Errorf("link: command %d (build): name is not valid UTF-8", i+1)
		}
	}
	return nil
}

// encodeAgainst writes sc as its difference from base number bi. whole
// keeps the records of all of sc's commands once they are made.
func encodeAgainst(version int, sc *model.Scenario, day model.Day, bi int, base *model.Scenario, whole *[]cbor.RawMessage) ([]byte, error) {
	env := envelope{Version: uint64(version), Day: uint64(day), Base: uint64(bi)}
	if version >= firstReleaseVersion {
		code := slices.Index(v3Releases[:], sc.Release)
		if code < 0 {
			return nil, fmt.Errorf("link: release %s has no code in link version %d", sc.Release, version)
		}
		c := uint64(code)
		env.Release = &c
	}
	if sc.Name != base.Name {
		env.Name = &sc.Name
	}
	if sc.Description != base.Description {
		env.Description = &sc.Description
	}
	if sc.Seed != base.Seed {
		env.Seed = &sc.Seed
	}
	if sc.Days != base.Days {
		d := uint64(sc.Days)
		env.Days = &d
	}
	if !reflect.DeepEqual(sc.Regime, base.Regime) {
		r, err := regimeElems(sc.Regime)
		if err != nil {
			return nil, err
		}
		env.Regime = &r
	}
	for id := range model.NumLevers {
		if v1Lever(id) < 0 && sc.Levers.Get(id) != base.Levers.Get(id) {
			return nil, fmt.Errorf("link: lever %s is newer than link version %d, which cannot carry it", id, Version)
		}
	}
	if lv := leverDiff(&sc.Levers, &base.Levers); lv != nil {
		b, err := marshal(lv)
		if err != nil {
			return nil, err
		}
		env.Levers = b
	}
	if !maps.Equal(sc.Assumptions, base.Assumptions) {
		a, err := assumptionsWire(sc.Assumptions)
		if err != nil {
			return nil, err
		}
		env.Assumptions = &a
	}
	if !reflect.DeepEqual(sc.Sites, base.Sites) {
		recs := make([]cbor.RawMessage, len(sc.Sites))
		for i := range sc.Sites {
			r, err := marshal(siteSlots(nil, &sc.Sites[i], i+1, 0))
			if err != nil {
				return nil, err
			}
			recs[i] = r
		}
		env.Sites = &recs
	}
	if !reflect.DeepEqual(sc.Commands, base.Commands) {
		picked, ok := splitEdits(base.Commands, sc.Commands)
		if ok && len(base.Commands) > 0 {
			recs, err := commandRecords(sc, picked)
			if err != nil {
				return nil, err
			}
			env.Edits = &recs
		} else {
			if *whole == nil {
				all := make([]int, len(sc.Commands))
				for i := range all {
					all[i] = i
				}
				recs, err := commandRecords(sc, all)
				if err != nil {
					return nil, err
				}
				*whole = recs
			}
			env.Commands = whole
		}
	}
	return encMode.Marshal(env)
}

// commandRecords writes the commands of sc picked by index, in order, each
// stamped with the days since the one before.
func commandRecords(sc *model.Scenario, picked []int) ([]cbor.RawMessage, error) {
	ids := buildIDs(sc)
	recs := make([]cbor.RawMessage, len(picked))
	prev := model.Day(0)
	for n, i := range picked {
		c := &sc.Commands[i]
		r, err := commandRecord(c, c.Day-prev, ids[i])
		if err != nil {
			return nil, err
		}
		prev = c.Day
		recs[n] = r
	}
	return recs, nil
}

func marshal(v any) (cbor.RawMessage, error) {
	b, err := encMode.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("link: %w", err)
	}
	return b, nil
}

func leverDiff(l, b *model.Levers) *levers {
	var w levers
	changed := false
	share := func(v, bv model.Share) *uint64 {
		if v == bv {
			return nil
		}
		changed = true
		u := uint64(v)
		return &u
	}
	flag := func(v, bv bool) *bool {
		if v == bv {
			return nil
		}
		changed = true
		return &v
	}
	w.EUShare = share(l.EUShare, b.EUShare)
	w.HostShare = share(l.HostShare, b.HostShare)
	w.VoucherShare = share(l.VoucherShare, b.VoucherShare)
	w.PPAShare = share(l.PPAShare, b.PPAShare)
	w.FastTrack = flag(l.FastTrack, b.FastTrack)
	w.PreferSameState = flag(l.PreferSameState, b.PreferSameState)
	if l.DemandGrowth != b.DemandGrowth {
		g := uint64(slices.Index(v1Growth[:], l.DemandGrowth))
		w.DemandGrowth = &g
		changed = true
	}
	if !slices.Equal(l.G2G, b.G2G) {
		codes := make([]uint64, len(l.G2G))
		for i, s := range l.G2G {
			codes[i] = uint64(stateCode(s))
		}
		w.G2G = &codes
		changed = true
	}
	if !changed {
		return nil
	}
	return &w
}

// stateCode is a valid state's version 1 code.
func stateCode(s string) int {
	for i := range v1States {
		if v1States[i].code == s {
			return i
		}
	}
	return -1
}

func regimeElems(r model.Regime) ([]cbor.RawMessage, error) {
	kind := slices.Index(v1Regimes[:], r.Kind)
	if kind < 0 {
		return nil, fmt.Errorf("link: regime %q has no code in link version %d", r.Kind, Version)
	}
	elems := []any{kind}
	if len(r.Caps) > 0 {
		caps := make(map[uint64]int64, len(r.Caps))
		for s, v := range r.Caps {
			caps[uint64(stateCode(s))] = v
		}
		elems = append(elems, caps)
	}
	out := make([]cbor.RawMessage, len(elems))
	for i, e := range elems {
		b, err := marshal(e)
		if err != nil {
			return nil, err
		}
		out[i] = b
	}
	return out, nil
}

func assumptionsWire(a map[string]string) (map[uint64]int64, error) {
	out := make(map[uint64]int64, len(a))
	for k, v := range a {
		i := slices.IndexFunc(v1Params[:], func(p v1Param) bool { return p.key == k })
		if i < 0 {
			return nil, fmt.Errorf("link: assumption %s has no code in link version %d", k, Version)
		}
		n, err := model.ParseDecimal(v, v1Params[i].scale)
		if err != nil {
			return nil, fmt.Errorf("link: assumptions: %s: %w", k, err)
		}
		out[uint64(i)] = n
	}
	return out, nil
}

// defaultName is the name the page gives the site it builds: such a name
// travels as nothing.
func defaultName(state int, id int) string {
	return v1States[state].name + " gigafactory #" + strconv.Itoa(id)
}

// siteSlots appends a site's elements: state, chip, size, start, dlon,
// dlat, and then name and flags when they are not the defaults. rel is the
// day the start is counted from (the build command's day, 0 for the
// scenario's own sites); id is the site's number.
func siteSlots(out []any, s *model.SiteSpec, id int, rel model.Day) []any {
	st := stateCode(s.State.Code())
	size := int64(s.Chips) / 1000
	if s.Chips%1000 != 0 {
		size = -int64(s.Chips)
	}
	a := &v1States[st]
	dlon := int64(s.Lon) - a.lon*microPerHundredth
	dlat := int64(s.Lat) - a.lat*microPerHundredth
	flags := 0
	if dlon%microPerHundredth != 0 || dlat%microPerHundredth != 0 {
		flags |= flagMicro
	} else {
		dlon /= microPerHundredth
		dlat /= microPerHundredth
	}
	if s.Existing {
		flags |= flagExisting
	}
	if s.VEU {
		flags |= flagVEU
	}
	out = append(out, st, slices.Index(v3Chips[:], s.Chip.String()), size, int64(s.Start-rel), dlon, dlat)
	name := s.Name
	if name == defaultName(st, id) {
		name = ""
	}
	switch {
	case flags != 0:
		out = append(out, name, flags)
	case name != "":
		out = append(out, name)
	}
	return out
}

// v1Lever is the lever's place in version 1's tables, or -1 for a lever
// declared after version 1 was made.
func v1Lever(id model.LeverID) int { return slices.Index(v1Levers[:], id) }

// buildIDs gives, for each command, the number of the site it builds (0
// for other kinds): sites are numbered from 1, the scenario's own first.
func buildIDs(sc *model.Scenario) []int {
	ids := make([]int, len(sc.Commands))
	next := len(sc.Sites) + 1
	for i := range sc.Commands {
		if sc.Commands[i].Kind() == model.KindBuild {
			ids[i] = next
			next++
		}
	}
	return ids
}

// commandRecord writes one command: its op, the days since the previous
// command of the same list, and the op's elements.
func commandRecord(c *model.Command, delta model.Day, id int) (cbor.RawMessage, error) {
	var e []any
	d := int64(delta) // plain integers only: model types have text forms
	switch o := c.Op.(type) {
	case model.BuildSite:
		e = siteSlots([]any{opBuild, d}, &o.Site, id, c.Day)
	case model.RemoveSite:
		e = []any{opRemove, d, int64(o.Site)}
	case model.MoveSite:
		e = []any{opMove, d, int64(o.Site), int64(o.Lon), int64(o.Lat)}
		if o.State != model.NoState {
			e = append(e, stateCode(o.State.Code()))
		}
	case model.SetRegime:
		kind := slices.Index(v1Regimes[:], o.Regime.Kind)
		e = []any{opRegime, d, kind}
		if len(o.Regime.Caps) > 0 {
			caps := make(map[uint64]int64, len(o.Regime.Caps))
			for s, v := range o.Regime.Caps {
				caps[uint64(stateCode(s))] = v
			}
			e = append(e, caps)
		}
	case model.SetG2G:
		e = []any{opG2G, d, stateCode(o.State.Code()), o.On}
	case model.SetVEU:
		e = []any{opVEU, d, int64(o.Site), o.On}
	case model.InvestGrid:
		e = []any{opInvestGrid, d, stateCode(o.State.Code()), o.MW}
	case model.GridCrunch:
		e = []any{opGridCrunch, d, int64(o.Share), int64(o.Days)}
		if o.State != model.NoState {
			e = append(e, stateCode(o.State.Code()))
		}
	case model.SetLever:
		i := v1Lever(o.Lever)
		if i < 0 {
			return nil, fmt.Errorf("link: lever %s is newer than link version %d, which cannot carry it", o.Lever, Version)
		}
		op := opEUShare + i
		switch o.Lever.Info().Type {
		case model.LeverShare:
			e = []any{op, d, int64(o.Value)}
		case model.LeverFlag:
			e = []any{op, d, o.Value != 0}
		default:
			e = []any{op, d, slices.Index(v1Growth[:], o.Lever.Format(o.Value))}
		}
	default:
		return nil, fmt.Errorf("link: command kind %q has no code in link version %d", c.KindName(), Version)
	}
	return marshal(e)
}

// mergeV1 puts the edits among the base's commands in day order, the
// edits first on a day both have. That was the page's order when version 1
// was made; it is version 1's for ever. (The page now puts an edit after
// the day's own commands; Encode writes key 12 only when mergeV1 gives the
// scenario's order back, so such a scenario's link has the whole list.)
func mergeV1(base, edits []model.Command) []model.Command {
	out := make([]model.Command, 0, len(base)+len(edits))
	i, j := 0, 0
	for i < len(base) || j < len(edits) {
		if j < len(edits) && (i == len(base) || edits[j].Day <= base[i].Day) {
			out = append(out, edits[j])
			j++
			continue
		}
		out = append(out, base[i])
		i++
	}
	return out
}

// splitEdits finds the commands that are not the base's, if the rest are
// the base's commands in order and merging the two gives cmds back.
func splitEdits(base, cmds []model.Command) ([]int, bool) {
	var edits []int
	i := 0
	for j := range cmds {
		if i < len(base) && reflect.DeepEqual(cmds[j], base[i]) {
			i++
			continue
		}
		edits = append(edits, j)
	}
	if i != len(base) {
		return nil, false
	}
	picked := make([]model.Command, len(edits))
	for n, j := range edits {
		picked[n] = cmds[j]
	}
	return edits, reflect.DeepEqual(mergeV1(base, picked), cmds)
}

// decodeV1 reads a payload in version 1's format, of the given version.
func decodeV1(version int, payload []byte) (model.Scenario, model.Day, error) {
	var env envelope
	if err := decMode.Unmarshal(payload, &env); err != nil {
		return model.Scenario{}, 0, envelopeError(version, payload, err)
	}
	bs, err := loadBases(version)
	if err != nil {
		return model.Scenario{}, 0, err
	}
	if env.Base >= uint64(len(bs)) {
		return model.Scenario{}, 0, fmt.Errorf("link: base %d is not a base scenario of version %d (0 to %d)", env.Base, version, len(bs)-1)
	}
	sc := canonical(bs[env.Base]) // a copy: the base stays as it is
	switch {
	case version < firstReleaseVersion && env.Release != nil:
		return model.Scenario{}, 0, fmt.Errorf("link: key %d is not a key of version %d: the link is damaged or was made by another program", keyRelease, version)
	case version < firstReleaseVersion:
		sc.Release = v1Release // what every link of these versions runs on, named so it always will
	case env.Release == nil:
		return model.Scenario{}, 0, errors.New("link: release is missing: a link of this version names the release of figures it runs on")
	case *env.Release >= uint64(len(v3Releases)):
		return model.Scenario{}, 0, fmt.Errorf("link: release %d is not a release of version %d (0 to %d)", *env.Release, version, len(v3Releases)-1)
	default:
		sc.Release = v3Releases[*env.Release]
	}
	if env.Name != nil {
		sc.Name = *env.Name
	}
	if env.Description != nil {
		sc.Description = *env.Description
	}
	if env.Seed != nil {
		sc.Seed = *env.Seed
	}
	if env.Days != nil {
		if *env.Days < 1 || *env.Days > model.MaxDays {
			return model.Scenario{}, 0, fmt.Errorf("link: days %d out of range [1, %d]", *env.Days, model.MaxDays)
		}
		sc.Days = int32(*env.Days)
	}
	if env.Day > uint64(sc.Days) {
		return model.Scenario{}, 0, fmt.Errorf("link: day %d is after the run's last day (%d)", env.Day, sc.Days)
	}
	if env.Regime != nil {
		r := &rec{el: *env.Regime, where: "regime"}
		if err := r.length(1, 2); err != nil {
			return model.Scenario{}, 0, err
		}
		if sc.Regime, err = r.regime(0); err != nil {
			return model.Scenario{}, 0, err
		}
	}
	if env.Levers != nil {
		var lv levers
		if err := decMode.Unmarshal(env.Levers, &lv); err != nil {
			return model.Scenario{}, 0, envelopeError(version, payload, err)
		}
		if err := applyLevers(&sc.Levers, &lv); err != nil {
			return model.Scenario{}, 0, err
		}
	}
	if env.Assumptions != nil {
		sc.Assumptions = nil
		if len(*env.Assumptions) > 0 {
			sc.Assumptions = make(map[string]string, len(*env.Assumptions))
		}
		for k, v := range *env.Assumptions {
			if k >= uint64(len(v1Params)) {
				return model.Scenario{}, 0, fmt.Errorf("link: assumptions: key %d is not an assumption of version %d (0 to %d)", k, version, len(v1Params)-1)
			}
			p := v1Params[k]
			if v < -1e15 || v > 1e15 {
				return model.Scenario{}, 0, fmt.Errorf("link: assumptions: %s: %d is out of range", p.key, v)
			}
			sc.Assumptions[p.key] = model.FormatDecimal(v, p.scale)
		}
	}
	if env.Sites != nil {
		sc.Sites = nil
		if len(*env.Sites) > 0 {
			sc.Sites = make([]model.SiteSpec, len(*env.Sites))
		}
		for i, raw := range *env.Sites {
			r, err := record(raw, fmt.Sprintf("site %d", i+1))
			if err != nil {
				return model.Scenario{}, 0, err
			}
			if err := r.length(6, 8); err != nil {
				return model.Scenario{}, 0, err
			}
			if sc.Sites[i], err = r.site(0, 0); err != nil {
				return model.Scenario{}, 0, err
			}
		}
	}
	switch {
	case env.Commands != nil && env.Edits != nil:
		return model.Scenario{}, 0, errors.New("link: commands and edits: a link has one or the other")
	case env.Commands != nil:
		if sc.Commands, err = commands(*env.Commands, "command"); err != nil {
			return model.Scenario{}, 0, err
		}
	case env.Edits != nil:
		edits, err := commands(*env.Edits, "edit")
		if err != nil {
			return model.Scenario{}, 0, err
		}
		sc.Commands = mergeV1(sc.Commands, edits)
	}
	if len(sc.Commands) == 0 {
		sc.Commands = nil
	}
	// Sites written without a name have the page's default name.
	for i := range sc.Sites {
		if s := &sc.Sites[i]; s.Name == "" {
			s.Name = defaultName(stateCode(s.State.Code()), i+1)
		}
	}
	ids := buildIDs(&sc)
	for i := range sc.Commands {
		if b, ok := sc.Commands[i].Op.(model.BuildSite); ok && b.Site.Name == "" {
			b.Site.Name = defaultName(stateCode(b.Site.State.Code()), ids[i])
			sc.Commands[i].Op = b
		}
	}
	if err := sc.ValidateFields(); err != nil {
		// %v: only a command that cannot run on its day is given as a
		// *model.CommandError, with its scenario (see Decode)
		return model.Scenario{}, 0, fmt.Errorf("link: %v", err)
	}
	day := model.Day(env.Day)
	// Canonical: only the payload Encode writes decodes, so that a link
	// and its scenario determine each other.
	again, err := encodeV1(version, sc, day)
	if err != nil {
		return model.Scenario{}, 0, err
	}
	if !bytes.Equal(again, payload) {
		return model.Scenario{}, 0, errors.New("link: not written the way this sandbox writes links: it was changed by hand or by another program")
	}
	if err := sc.CheckCommands(); err != nil {
		return sc, day, fmt.Errorf("link: %w", err) // a *model.CommandError: see Decode
	}
	return sc, day, nil
}

func applyLevers(l *model.Levers, w *levers) error {
	share := func(name string, v *uint64, dst *model.Share) error {
		if v == nil {
			return nil
		}
		if *v > 1000 {
			return fmt.Errorf("link: levers: %s %d‰ out of range [0, 1000]", name, *v)
		}
		*dst = model.Share(*v)
		return nil
	}
	for _, f := range []struct {
		name string
		v    *uint64
		dst  *model.Share
	}{{"eu_share", w.EUShare, &l.EUShare}, {"host_share", w.HostShare, &l.HostShare}, {"voucher_share", w.VoucherShare, &l.VoucherShare}, {"ppa_share", w.PPAShare, &l.PPAShare}} {
		if err := share(f.name, f.v, f.dst); err != nil {
			return err
		}
	}
	if w.FastTrack != nil {
		l.FastTrack = *w.FastTrack
	}
	if w.PreferSameState != nil {
		l.PreferSameState = *w.PreferSameState
	}
	if w.DemandGrowth != nil {
		if *w.DemandGrowth >= uint64(len(v1Growth)) {
			return fmt.Errorf("link: levers: demand_growth %d is not a growth rate (0 slow, 1 base, 2 boom)", *w.DemandGrowth)
		}
		l.DemandGrowth = v1Growth[*w.DemandGrowth]
	}
	if w.G2G != nil {
		l.G2G = nil
		for _, c := range *w.G2G {
			if c >= uint64(len(v1States)) {
				return fmt.Errorf("link: levers: g2g: state %d is not an EU member state (0 to %d)", c, len(v1States)-1)
			}
			l.G2G = append(l.G2G, v1States[c].code)
		}
	}
	return nil
}

// commands reads a list of command records; days count from day 0.
func commands(raws []cbor.RawMessage, what string) ([]model.Command, error) {
	out := make([]model.Command, 0, len(raws))
	day := int64(0)
	for i, raw := range raws {
		r, err := record(raw, fmt.Sprintf("%s %d", what, i+1))
		if err != nil {
			return nil, err
		}
		if err := r.length(3, 10); err != nil {
			return nil, err
		}
		op, err := r.int(0, "operation", 0, numOps-1)
		if err != nil {
			return nil, err
		}
		delta, err := r.int(1, "days since the previous "+what, 0, model.MaxDays)
		if err != nil {
			return nil, err
		}
		day += delta
		if day > model.MaxDays {
			return nil, fmt.Errorf("link: %s %d: day %d is after the longest run (%d days)", what, i+1, day, model.MaxDays)
		}
		c := model.Command{Day: model.Day(day)}
		r.where = fmt.Sprintf("%s %d (%s)", what, i+1, opName(int(op)))
		if err := r.command(int(op), &c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func opName(op int) string {
	if op >= opEUShare {
		return "lever " + v1Levers[op-opEUShare].String()
	}
	return v1Kinds[op].String()
}

// rec is one decoded array: a site or a command, and where it is, for
// errors.
type rec struct {
	el    []cbor.RawMessage
	where string
}

func record(raw cbor.RawMessage, where string) (*rec, error) {
	r := &rec{where: where}
	if err := decMode.Unmarshal(raw, &r.el); err != nil {
		var te *cbor.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, fmt.Errorf("link: %s: want an array, not a %s", where, te.CBORType)
		}
		return nil, fmt.Errorf("link: %s: %s", where, cborMessage(err))
	}
	return r, nil
}

func (r *rec) length(lo, hi int) error {
	if n := len(r.el); n < lo || n > hi {
		if lo == hi {
			return fmt.Errorf("link: %s: %d elements, want %d", r.where, n, lo)
		}
		return fmt.Errorf("link: %s: %d elements, want %d to %d", r.where, n, lo, hi)
	}
	return nil
}

func (r *rec) int(i int, what string, lo, hi int64) (int64, error) {
	var v int64
	if err := decMode.Unmarshal(r.el[i], &v); err != nil {
		return 0, fmt.Errorf("link: %s: %s: want an integer from %d to %d", r.where, what, lo, hi)
	}
	if v < lo || v > hi {
		return 0, fmt.Errorf("link: %s: %s %d out of range [%d, %d]", r.where, what, v, lo, hi)
	}
	return v, nil
}

func (r *rec) bool(i int, what string) (bool, error) {
	var v bool
	if err := decMode.Unmarshal(r.el[i], &v); err != nil {
		return false, fmt.Errorf("link: %s: %s: want true or false", r.where, what)
	}
	return v, nil
}

func (r *rec) text(i int, what string) (string, error) {
	var v string
	if err := decMode.Unmarshal(r.el[i], &v); err != nil {
		return "", fmt.Errorf("link: %s: %s: want UTF-8 text", r.where, what)
	}
	return v, nil
}

func (r *rec) state(i int) (string, error) {
	var v uint64
	if err := decMode.Unmarshal(r.el[i], &v); err != nil {
		return "", fmt.Errorf("link: %s: state: want an integer from 0 to %d", r.where, len(v1States)-1)
	}
	if v >= uint64(len(v1States)) {
		return "", fmt.Errorf("link: %s: state %d is not an EU member state (0 to %d)", r.where, v, len(v1States)-1)
	}
	return v1States[v].code, nil
}

// regime reads a regime's kind at i and its caps at i+1, if present.
func (r *rec) regime(i int) (model.Regime, error) {
	kind, err := r.int(i, "regime", 0, int64(len(v1Regimes)-1))
	if err != nil {
		return model.Regime{}, err
	}
	reg := model.Regime{Kind: v1Regimes[kind]}
	if len(r.el) > i+1 {
		var caps map[uint64]int64
		if err := decMode.Unmarshal(r.el[i+1], &caps); err != nil {
			return model.Regime{}, fmt.Errorf("link: %s: caps: want a map from state to cap: %s", r.where, cborMessage(err))
		}
		reg.Caps = make(map[string]int64, len(caps))
		for s, v := range caps {
			if s >= uint64(len(v1States)) {
				return model.Regime{}, fmt.Errorf("link: %s: caps: state %d is not an EU member state (0 to %d)", r.where, s, len(v1States)-1)
			}
			reg.Caps[v1States[s].code] = v
		}
	}
	return reg, nil
}

// site reads the site elements from i; rel is the day the start counts
// from. A default name is left empty, to be filled in when the site's
// number is known.
func (r *rec) site(i int, rel model.Day) (model.SiteSpec, error) {
	var s model.SiteSpec
	var err error
	if s.State, err = r.stateID(i); err != nil {
		return s, err
	}
	chip, err := r.int(i+1, "chip", 0, int64(len(v3Chips)-1))
	if err != nil {
		return s, err
	}
	if s.Chip, err = model.ParseGen(v3Chips[chip]); err != nil {
		return s, err
	}
	size, err := r.int(i+2, "chips", -model.MaxSiteChips, model.MaxSiteChips/1000)
	if err != nil {
		return s, err
	}
	if size >= 0 {
		s.Chips = int32(size * 1000)
	} else {
		s.Chips = int32(-size)
	}
	start, err := r.int(i+3, "start", -2*model.MaxDays, 2*model.MaxDays)
	if err != nil {
		return s, err
	}
	s.Start = rel + model.Day(start)
	flags := int64(0)
	name := ""
	if len(r.el) > i+6 {
		if name, err = r.text(i+6, "name"); err != nil {
			return s, err
		}
		if len(name) > model.MaxNameLen {
			return s, fmt.Errorf("link: %s: name is longer than %d bytes", r.where, model.MaxNameLen)
		}
	}
	if len(r.el) > i+7 {
		if flags, err = r.int(i+7, "flags", 0, flagAll); err != nil {
			return s, err
		}
	}
	s.Name = name
	s.Existing = flags&flagExisting != 0
	s.VEU = flags&flagVEU != 0
	unit, lim := int64(microPerHundredth), int64(40000)
	if flags&flagMicro != 0 {
		unit, lim = 1, 400000000
	}
	dlon, err := r.int(i+4, "longitude", -lim, lim)
	if err != nil {
		return s, err
	}
	dlat, err := r.int(i+5, "latitude", -lim, lim)
	if err != nil {
		return s, err
	}
	a := &v1States[stateCode(s.State.Code())]
	lon := a.lon*microPerHundredth + dlon*unit
	lat := a.lat*microPerHundredth + dlat*unit
	if lon < -180000000 || lon > 180000000 || lat < -90000000 || lat > 90000000 {
		return s, fmt.Errorf("link: %s: position %s, %s is off the globe", r.where, model.FormatDecimal(lon, 1000000), model.FormatDecimal(lat, 1000000))
	}
	s.Lon, s.Lat = model.Degrees(lon), model.Degrees(lat)
	return s, nil
}

// command reads the elements of a command with the given op.
func (r *rec) command(op int, c *model.Command) error {
	switch op {
	case opBuild:
		if err := r.length(8, 10); err != nil {
			return err
		}
		s, err := r.site(2, c.Day)
		c.Op = model.BuildSite{Site: s}
		return err
	case opRemove:
		if err := r.length(3, 3); err != nil {
			return err
		}
		id, err := r.siteID(2)
		c.Op = model.RemoveSite{Site: id}
		return err
	case opVEU:
		if err := r.length(4, 4); err != nil {
			return err
		}
		id, err := r.siteID(2)
		if err != nil {
			return err
		}
		on, err := r.bool(3, "on")
		c.Op = model.SetVEU{Site: id, On: on}
		return err
	case opMove:
		if err := r.length(5, 6); err != nil {
			return err
		}
		id, err := r.siteID(2)
		if err != nil {
			return err
		}
		lon, err := r.int(3, "longitude", -180000000, 180000000)
		if err != nil {
			return err
		}
		lat, err := r.int(4, "latitude", -90000000, 90000000)
		if err != nil {
			return err
		}
		mv := model.MoveSite{Site: id, Lon: model.Degrees(lon), Lat: model.Degrees(lat)}
		if len(r.el) == 6 {
			mv.State, err = r.stateID(5)
		}
		c.Op = mv
		return err
	case opRegime:
		if err := r.length(3, 4); err != nil {
			return err
		}
		reg, err := r.regime(2)
		c.Op = model.SetRegime{Regime: reg}
		return err
	case opG2G:
		if err := r.length(4, 4); err != nil {
			return err
		}
		st, err := r.stateID(2)
		if err != nil {
			return err
		}
		on, err := r.bool(3, "on")
		c.Op = model.SetG2G{State: st, On: on}
		return err
	case opInvestGrid:
		if err := r.length(4, 4); err != nil {
			return err
		}
		st, err := r.stateID(2)
		if err != nil {
			return err
		}
		mw, err := r.int(3, "mw", 1, model.MaxGridInvestMW)
		c.Op = model.InvestGrid{State: st, MW: mw}
		return err
	case opGridCrunch:
		if err := r.length(4, 5); err != nil {
			return err
		}
		share, err := r.int(2, "share (thousandths)", 1, 1000)
		if err != nil {
			return err
		}
		days, err := r.int(3, "days", 1, model.MaxDays)
		if err != nil {
			return err
		}
		gc := model.GridCrunch{Share: model.Share(share), Days: int32(days)}
		if len(r.el) == 5 {
			gc.State, err = r.stateID(4)
		}
		c.Op = gc
		return err
	}
	// A lever.
	if err := r.length(3, 3); err != nil {
		return err
	}
	lv := model.SetLever{Lever: v1Levers[op-opEUShare]}
	switch op {
	case opFastTrack, opPreferSameState:
		b, err := r.bool(2, "value")
		if err != nil {
			return err
		}
		lv.Value = model.FlagValue(b)
	case opDemandGrowth:
		g, err := r.int(2, "value (0 slow, 1 base, 2 boom)", 0, int64(len(v1Growth)-1))
		if err != nil {
			return err
		}
		if lv.Value, err = lv.Lever.Parse(v1Growth[g]); err != nil {
			return err
		}
	default:
		v, err := r.int(2, "value (thousandths)", 0, 1000)
		if err != nil {
			return err
		}
		lv.Value = int32(v)
	}
	c.Op = lv
	return nil
}

// siteID reads the number of the site a command names.
func (r *rec) siteID(i int) (model.SiteID, error) {
	id, err := r.int(i, "site", 1, model.MaxSites+model.MaxCommands)
	return model.SiteID(id), err
}

// stateID reads a member state's code.
func (r *rec) stateID(i int) (model.StateID, error) {
	code, err := r.state(i)
	if err != nil {
		return model.NoState, err
	}
	return model.ParseState(code)
}
