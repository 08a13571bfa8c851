//go:build js && wasm

// Command hello is the smallest program that keeps the page contract; the
// site package's tests build it because it compiles in a second.
package main

import "syscall/js"

func main() {
	println("hello from testdata/hello")
	js.Global().Get("gigasimBoot").Call("ready")
	select {}
}
