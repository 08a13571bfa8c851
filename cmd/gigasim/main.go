// Command gigasim runs Gigafactory Sandbox scenarios without a screen: the
// headless runner for analysts, scripts and the project's own tests.
//
//	gigasim run [--preset NAME | --scenario FILE.json | --link LINK] [--days N] [--json] [--csv FILE] [--hash] [--lang LANG]
//	gigasim link [FILE.json | --preset NAME] [--day N] [--base URL]
//	gigasim decode LINK
//	gigasim compare RUN RUN... [--json] [--csv FILE] [--lang LANG]
//	gigasim presets
//	gigasim validate FILE.json
//	gigasim assumptions [--ranges | --unsourced]
//	gigasim releases
//	gigasim diff-release A B
//	gigasim sweep [--preset NAME | --scenario FILE.json | --link LINK] [--runs N] [--vary NAME,…|all] [--workers K] [--json | --csv FILE | --shard I/N]
//	gigasim tornado [--preset NAME | --scenario FILE.json | --link LINK] [--top N] [--all] [--json]
//	gigasim merge [--json | --csv FILE] PART.json…
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
