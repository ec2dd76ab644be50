package main

import (
	"bytes"
	"image/png"
	"os"
	"testing"
)

// TestCommittedIconIsCurrent fails when assets/icon.png was not regenerated
// after a change to this program.
func TestCommittedIconIsCurrent(t *testing.T) {
	want, err := Render(512)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../icon.png")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("assets/icon.png is stale: run `go generate ./assets`")
	}
}

func TestRenderSizes(t *testing.T) {
	for _, size := range []int{16, 64, 256} {
		data, err := Render(size)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Fatalf("size %d: got %v", size, b)
		}
		// Corners are transparent (rounded tile), the centre is opaque.
		if _, _, _, a := img.At(0, 0).RGBA(); a != 0 {
			t.Errorf("size %d: corner alpha %d, want 0", size, a)
		}
		if _, _, _, a := img.At(size/2, size/2).RGBA(); a != 0xffff {
			t.Errorf("size %d: centre alpha %d, want opaque", size, a)
		}
	}
	if _, err := Render(8); err == nil {
		t.Error("Render(8) succeeded, want a size error")
	}
}
