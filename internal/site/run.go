package site

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Exit statuses of Run.
const (
	exitOK    = 0
	exitFail  = 1 // the build failed, the port is taken, a file could not be written
	exitUsage = 2 // bad flags
)

const usage = `serve builds the Gigafactory Sandbox page (the ./wasm program compiled to
WebAssembly) and serves it, or writes it out for a web host.

Usage:
  go run ./cmd/serve [-addr host:port]
      Build and serve the page at http://localhost:8080/ (or -addr). Reloading
      the page rebuilds it first when a Go source of the program has changed.
  go run ./cmd/serve -export DIR
      Write the site to DIR as plain files for any static web host, then exit:
      index.html, boot.js, boot.css, favicon.svg, wasm_exec.js, manifest.json,
      sw.js, gigasim.<hash>.wasm and its .gz twin. The host must serve .wasm as
      application/wasm; it should send the .gz with Content-Encoding: gzip
      (nginx gzip_static, Caddy precompressed) or compress on the fly.
      Cache gigasim.<hash>.wasm for long; revalidate the other files. Served
      over https, the page works offline after the first visit (sw.js).

Both work from anywhere inside the repository and build with the Go toolchain
that runs them.

Flags:
`

// Run is the serve command: it parses args, then serves or exports. It
// returns when ctx ends (serving) or when the export is written, with the
// exit status. Errors are one line on stderr (a failed build adds the
// compiler output below it).
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usage)
		fs.PrintDefaults()
	}
	addr := fs.String("addr", "localhost:8080", "`host:port` to listen on")
	export := fs.String("export", "", "write the site to `DIR` and exit, instead of serving")
	pkg := fs.String("pkg", DefaultPackage, "the browser `package` to build, relative to the module root")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage // flag printed the error and the usage
	}
	fail := func(code int, format string, a ...any) int {
		fmt.Fprintf(stderr, "serve: "+format+"\n", a...)
		return code
	}
	if fs.NArg() > 0 {
		return fail(exitUsage, "unexpected argument %q (see -h)", fs.Arg(0))
	}
	addrSet := false
	fs.Visit(func(f *flag.Flag) { addrSet = addrSet || f.Name == "addr" })
	if *export != "" && addrSet {
		return fail(exitUsage, "-export writes files and exits; it takes no -addr")
	}

	if *export != "" {
		cfg, err := config(ctx, *pkg)
		if err != nil {
			return fail(exitFail, "%v", err)
		}
		s, err := Build(ctx, cfg)
		if err != nil {
			return buildFailed(stderr, err)
		}
		if err := s.Export(*export); err != nil {
			return fail(exitFail, "%v", err)
		}
		fmt.Fprintf(stdout, "wrote %d files to %s: %s (%s, %s gzipped)\n", len(s.Files())+1, *export,
			s.Manifest.Wasm, megabytes(s.Manifest.Size), megabytes(s.Manifest.GzipSize))
		return exitOK
	}

	if err := checkAddr(*addr); err != nil {
		return fail(exitUsage, "%v", err)
	}
	// Listen before the build, so a taken port is reported at once.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(exitFail, "%v", listenError(*addr, err))
	}
	defer ln.Close()
	cfg, err := config(ctx, *pkg)
	if err != nil {
		return fail(exitFail, "%v", err)
	}
	fmt.Fprintf(stdout, "building %s for js/wasm...\n", cfg.pkg())
	dev, err := NewDev(ctx, cfg, stdout)
	if err != nil {
		return buildFailed(stderr, err)
	}
	srv := &http.Server{Handler: dev, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "Gigafactory Sandbox: open %s (Ctrl-C to stop)\n", pageURL(*addr, ln.Addr()))
	select {
	case err := <-served:
		return fail(exitFail, "%v", err)
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
		return exitOK
	}
}

// config finds the module root from the working directory.
func config(ctx context.Context, pkg string) (Config, error) {
	wd, err := os.Getwd()
	if err != nil {
		return Config{}, err
	}
	cfg := Config{Package: pkg, Go: GoCommand()}
	if cfg.Root, err = FindRoot(ctx, cfg.Go, wd); err != nil {
		return Config{}, err
	}
	if _, err := os.Stat(filepath.Join(cfg.Root, "index.html")); err != nil {
		return Config{}, fmt.Errorf("no index.html in %s: run inside the gigasandbox repository", cfg.Root)
	}
	return cfg, nil
}

func buildFailed(stderr io.Writer, err error) int {
	var be *BuildError
	if errors.As(err, &be) {
		fmt.Fprintf(stderr, "serve: building %s for js/wasm failed (%v):\n", be.Package, be.Err)
		for line := range strings.Lines(be.Output) {
			fmt.Fprintf(stderr, "    %s", line)
		}
		fmt.Fprintln(stderr)
		return exitFail
	}
	fmt.Fprintf(stderr, "serve: %v\n", err)
	return exitFail
}

// checkAddr accepts host:port with a numeric port (the host may be empty).
func checkAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err == nil {
		if n, perr := strconv.Atoi(port); perr != nil || n < 0 || n > 65535 {
			err = errors.New("bad port")
		}
	}
	if err != nil {
		return fmt.Errorf("bad -addr %q: want host:port, for example localhost:8080 or :8080", addr)
	}
	return nil
}

func listenError(addr string, err error) error {
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Errorf("cannot listen on %s: the port is in use (another server?); choose another with -addr", addr)
	case errors.Is(err, syscall.EACCES):
		return fmt.Errorf("cannot listen on %s: permission denied; choose a port above 1023 with -addr", addr)
	}
	return fmt.Errorf("cannot listen on %s: %v", addr, err)
}

// pageURL is the address to open in a browser: the listener's port (which
// -addr :0 leaves to the system) on localhost unless a host was named.
func pageURL(addr string, bound net.Addr) string {
	host, _, _ := net.SplitHostPort(addr)
	switch host {
	case "", "0.0.0.0", "::":
		host = "localhost"
	}
	_, port, _ := net.SplitHostPort(bound.String())
	return "http://" + net.JoinHostPort(host, port) + "/"
}
