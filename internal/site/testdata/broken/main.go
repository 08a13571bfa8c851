//go:build js && wasm

// Command broken does not compile: the tests check that the compiler's
// message reaches the user.
package main

func main() {
	notDefined()
}
