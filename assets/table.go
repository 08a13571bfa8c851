package assets

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
)

// readTable reads a CSV table of the kind assets embeds: '#' comments, a
// header that must be exactly columns, then rows, each given to row with
// its line number for the row's own errors. name starts every error.
func readTable(r io.Reader, name string, columns []string, row func(rec []string, line int) error) error {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: header: %w", name, err)
	}
	if !slices.Equal(header, columns) {
		return fmt.Errorf("%s: header is %q, want %q", name, header, columns)
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if err := row(rec, line); err != nil {
			return err
		}
	}
}
