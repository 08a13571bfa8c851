// Package model is the Gigafactory Sandbox's simulation: AI gigafactories,
// their chips, the member states' grids, the InvestAI budget, US export
// controls and the demand for compute, one day at a time from 2026-01-01.
//
// Every outcome the sandbox shows is computed here. The page (game/), the
// browser entry (wasm/) and the command-line runner (cmd/gigasim) only read
// it and send it commands.
//
// # Using it
//
// New(scenario) builds a simulation at day 0. Apply(command) validates a
// day-stamped command completely and then carries it out (a refusal is a
// *CommandError, whose Refusal says why); it is the only
// way to change a running simulation, and clicks, links, scenario files and
// replays all go through it. Step() simulates one day. Everything else
// reads. A Sim is a pure function of its Scenario: Scenario() returns the
// starting settings plus every command applied, and replaying it gives the
// same StateHash bit for bit.
//
// # Determinism rules
//
// A shared link must reproduce a run exactly on linux/amd64, linux/arm64 and
// js/wasm. The golden runs in testdata/golden check this on all three. The
// rules that make it so:
//
//  1. Integers only in the tick. Quantities are fixed-point integers whose
//     type names carry the unit (EuroCents, Watts, KWh, GramsCO2,
//     MilliH100e, Permille, Day). No float64 in any calculation that feeds
//     the state; floats appear only when model/report's Outcomes turns
//     finished integers into display ratios. arm64 fuses x*y+z and wasm does not; integer
//     arithmetic has no such difference.
//  2. No math.Exp, Log, Pow or Sqrt: they differ between amd64 and wasm. The
//     failure model uses a survival table built with integer multiplication
//     (fleet.go); growth compounds once a year and interpolates linearly
//     (demand.go).
//  3. Shares of large totals use mulDiv (128-bit intermediate), never a
//     product that could overflow int64.
//  4. One source of randomness, model/rng: a counter-based hash of (seed,
//     stream, unit, day). A draw does not depend on how many came before or
//     on update order. Nothing cosmetic draws from it.
//  5. Iterate slices in index order. Never range over a map in the tick;
//     where input arrives as a map (assumptions, custom caps), sort the
//     keys first.
//  6. No clock, no files, no environment, no goroutines. Data is embedded
//     (assets/) and read once.
//  7. Every state change happens in Step or Apply. StateHash covers every
//     field that can influence a later day; a new field must be added to
//     it.
//  8. Enumerations that reach the hash (ChipState, Gen, Param, rng.Stream,
//     MsgKind) are append-only.
//
// # The order of a day
//
// The scenario's commands stamped with day d run when the run arrives at
// day d, in file order: New runs day 0's, and Step(d-1) ends with day d's.
// So the state at day d — what StateHash reports after d steps, what a
// page paused there shows — includes them, and a command applied live on
// day d (Apply) comes after them. Scenario.Validate follows the commands
// with the same rules the Sim applies (rules.go), so a scenario that
// validates never meets a command it must refuse. Step(d) simulates:
//
//  1. policy: grid crunches that end, grid investments that are ready;
//  2. sites: construction starts (building cost paid, grid connection
//     requested); buildings finish;
//  3. grid: each state's connection queue, first come first served;
//     energising of sites whose building and connection are both ready;
//  4. orders: sites whose power is in sight order chips up to their target
//     (capital cost paid), including replacements for retired chips;
//  5. supply: each generation's daily deliveries, first come first served,
//     into the export-licence queues;
//  6. licences: the export regime decides which waiting chips ship;
//  7. chip events: chips whose timed state ends today move on (transit →
//     installing → active ⇄ in repair → retired; strict-regime reviews);
//  8. power: each site runs as many active chips as its connection allows;
//  9. demand: demand by state and segment is served from the sites'
//     capacity; revenue, vouchers, leakage, startups;
//  10. running costs: electricity, maintenance, emissions;
//  11. record: the day's outcomes.
//
// # Cost of a day
//
// A day costs O(sites + states + chips that change state), not O(chips):
// each chip's next event (end of transit, burn-in, repair; its next failure
// or its retirement) is drawn once and filed in a calendar of day buckets,
// so the million chips that do nothing on a given day are not touched.
// Chips that move together (a shipment, a batch in burn-in) share one
// calendar entry and are moved and counted together; the survivors of a
// batch retire together in one sweep of its chips (fleet.go).
//
// docs/model.md writes down every rule with its parameter, default, unit
// and source.
package model
