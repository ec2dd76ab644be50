package pdfpage

import (
	"errors"
	"fmt"
	"testing"
)

func TestTrapped(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{errors.New("wasm error: unreachable\nwasm stack trace: ..."), true},
		{fmt.Errorf("render: %w", errors.New("panic occurred in RenderPageInDPI: boom")), true},
		{&pageError{3, fmt.Errorf("%w (%v)", ErrPageDamaged, errors.New("wasm error: out of bounds memory access"))}, true},
		{errors.New("6: incorrect page"), false},
		{ErrPageDamaged, false},
	} {
		if got := trapped(tc.err); got != tc.want {
			t.Errorf("trapped(%q) = %v", tc.err, got)
		}
	}
}
