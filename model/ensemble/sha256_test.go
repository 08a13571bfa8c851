package ensemble

import (
	"crypto/sha256"
	"testing"
)

// TestSum256: the hash of every length around the block boundaries, and of
// a large input, is crypto/sha256's.
func TestSum256(t *testing.T) {
	b := make([]byte, 0, 5000)
	for n := range 5000 {
		if n <= 300 || n%97 == 0 {
			if got, want := sum256(b), sha256.Sum256(b); got != want {
				t.Fatalf("length %d: %x, want %x", n, got, want)
			}
		}
		b = append(b, byte(n*131+7))
	}
}

// FuzzSum256 compares the two on any input.
func FuzzSum256(f *testing.F) {
	f.Add([]byte("abc"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := sum256(b), sha256.Sum256(b); got != want {
			t.Fatalf("%x: %x, want %x", b, got, want)
		}
	})
}
