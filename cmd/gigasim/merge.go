package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"gigasandbox/model/ensemble"
)

const mergeUsage = "Usage: gigasim merge [--json | --csv FILE] PART.json…"

// cmdMerge joins the part files of a sharded sweep (gigasim sweep --shard
// I/N, each on any machine) and prints what one sweep of all the runs
// prints, byte for byte.
func cmdMerge(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	asJSON := fs.Bool("json", false, "print as sweep --json does")
	csvPath := fs.String("csv", "", "write the bands to this CSV file, as sweep --csv does")
	// flags may come before, between or after the files
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintln(stdout, mergeUsage)
				fs.SetOutput(stdout)
				fs.PrintDefaults()
				return err
			}
			return bad("merge: %v (gigasim merge --help lists the flags)", err)
		}
		if fs.NArg() == 0 {
			break
		}
		files, args = append(files, fs.Arg(0)), fs.Args()[1:]
	}
	if len(files) == 0 {
		return bad("merge: no part files given (gigasim sweep --shard I/N > part-I.json writes them)")
	}
	if *asJSON && *csvPath != "" {
		return bad("merge: give at most one of --json and --csv")
	}
	parts := make([]*ensemble.Result, len(files))
	for i, path := range files {
		f, err := os.Open(path)
		if err != nil {
			return bad("merge: %v", err)
		}
		parts[i], err = ensemble.ReadPart(f)
		f.Close()
		if err != nil {
			return bad("merge: %s: %v", path, err)
		}
	}
	res, err := ensemble.Merge(parts)
	if err != nil {
		return bad("merge: %v", err)
	}
	return writeSweepResult(res, stdout, *asJSON, *csvPath)
}
