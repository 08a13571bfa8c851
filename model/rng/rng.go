// Package rng is the simulation's only source of randomness: a counter-based
// generator in the spirit of SplitMix64.
//
// A draw is a pure function of (seed, stream, unit, day). It does not depend on
// how many draws came before, on the order in which units are updated, or on
// the platform, so a scenario gives the same bits on amd64, arm64 and wasm, and
// a change in one mechanic does not shift the random numbers of another.
package rng

// Stream names an independent sequence of draws, one per random mechanic.
// Values are part of the model's output: never renumber them.
type Stream uint64

const (
	// StreamFailure draws when a chip fails.
	StreamFailure Stream = 1
	// StreamLicence draws export-licence decisions under the strict regime.
	StreamLicence Stream = 2
)

// mix is the SplitMix64 finaliser: a bijection on 64 bits with full avalanche.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Uint64 returns the draw for (seed, stream, unit, day). Each key element goes
// through its own mixing round, so neighbouring keys give unrelated draws.
func Uint64(seed uint64, stream Stream, unit uint64, day int64) uint64 {
	return NewKey(seed, stream).Uint64(unit, day)
}

// Key is a (seed, stream) pair with its two mixing rounds done, for loops
// that draw many times from one stream: NewKey(seed, stream).Uint64(unit,
// day) == Uint64(seed, stream, unit, day), at half the cost.
type Key uint64

// NewKey mixes seed and stream.
func NewKey(seed uint64, stream Stream) Key {
	z := mix(seed + 0x9e3779b97f4a7c15)
	return Key(mix(z ^ uint64(stream)*0xd1b54a32d192ed03))
}

// Uint64 returns the draw for (unit, day) in the key's stream.
func (k Key) Uint64(unit uint64, day int64) uint64 {
	z := mix(uint64(k) ^ unit*0x9e3779b97f4a7c15)
	return mix(z ^ uint64(day)*0xaef17502108ef2d9)
}

// DayKey is a Key with a day's part of the key mixed once, for loops that
// draw for many units on one day: k.Day(day).Uint64(unit) ==
// k.Uint64(unit, day), with a multiplication less per draw (and a 64-bit
// constant less held in a register through the loop).
type DayKey struct{ key, day uint64 }

// Day returns the key's DayKey for day.
func (k Key) Day(day int64) DayKey {
	return DayKey{uint64(k), uint64(day) * 0xaef17502108ef2d9}
}

// Uint64 returns the draw for unit on the key's day in the key's stream.
func (k DayKey) Uint64(unit uint64) uint64 {
	z := mix(k.key ^ unit*0x9e3779b97f4a7c15)
	return mix(z ^ k.day)
}

// Below reports whether the draw for the key falls below p/2^32, that is,
// whether an event of probability p/2^32 happens.
func Below(seed uint64, stream Stream, unit uint64, day int64, p uint32) bool {
	return uint32(Uint64(seed, stream, unit, day)>>32) < p
}
