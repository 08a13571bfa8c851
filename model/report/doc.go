// Package report turns a simulation into figures for people: the headline
// outcomes of a run, the comparison of two runs, a member state's
// scorecard, a guided preset's goals and their verdicts, and the daily CSV.
//
// It reads the model through its exported, read-only views and never
// changes a run; the model does not import it (model's deps test checks
// this). Every figure is an integer with a Unit. Words and number formats
// are not here: the page writes figures in the reader's language
// (game/format.go and the catalogs in game/i18n) and the command line in
// English (cmd/gigasim). What report holds in English is data that comes
// with the figures: a source citation, or a goals file's own text.
package report
