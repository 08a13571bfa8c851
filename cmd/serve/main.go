// Command serve builds the Gigafactory Sandbox page and serves it locally,
// rebuilding when the Go sources change, or writes it out for a web host:
//
//	go run ./cmd/serve [-addr host:port]
//	go run ./cmd/serve -export DIR
//
// The work is done by package gigasandbox/internal/site.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"gigasandbox/internal/site"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := site.Run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
