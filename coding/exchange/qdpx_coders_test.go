package exchange

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding/agreement"
)

// TestQDPXCoderFromNVivo: in the real NVivo 12 two-coder export every
// <Coding> names Gergo while 297 of the 303 selections were made by
// floriansipos. Read by the codings there is one coder and no agreement;
// read by the selections there are two, and the report says how many
// selections disagree either way.
func TestQDPXCoderFromNVivo(t *testing.T) {
	path := filepath.Join(refiShared, "samples", "nvivo12.6-two-coders.qdpx")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s not available", path)
	}
	ctx := context.Background()
	peek, err := PeekQDPXCoders(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if peek.Selections != 303 || peek.Differ != 297 || len(peek.Splits) != 1 ||
		peek.Splits[0] != (CoderSplit{SelectionUser: "floriansipos", CodingUser: "Gergo", Selections: 297}) {
		t.Fatalf("peek %+v", peek)
	}

	byCoding := emptyProject(t)
	rep, err := ImportQDPXWith(ctx, byCoding, path, QDPXImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	note := rep.CoderNote()
	if rep.CoderFrom != CoderFromCoding || rep.Coders.Differ != 297 || !strings.Contains(note, "297 of 303 coded selections") ||
		!strings.Contains(note, "made by floriansipos, coding names Gergo: 297") || !strings.Contains(note, "named on the coding") {
		t.Errorf("by coding: %s / %+v", note, rep.Coders)
	}
	if by := countCodings(t, byCoding); by["Gergo"] != 303 || len(by) != 1 {
		t.Errorf("by coding: %v", by)
	}
	if r, err := agreement.Compute(ctx, byCoding, agreement.Options{}); err != nil || len(r.Coders) != 1 {
		t.Errorf("by coding, coders compared: %v %v", r, err)
	}

	bySelection := emptyProject(t)
	rep, err = ImportQDPXWith(ctx, bySelection, path, QDPXImportOptions{CoderFrom: "Selection"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.CoderFrom != CoderFromSelection || rep.Codings != 303 || !strings.Contains(rep.CoderNote(), "who made the selection") {
		t.Errorf("by selection: %+v %s", rep, rep.CoderNote())
	}
	if by := countCodings(t, bySelection); by["floriansipos"] != 297 || by["Gergo"] != 6 {
		t.Errorf("by selection: %v", by)
	}
	r, err := agreement.Compute(ctx, bySelection, agreement.Options{})
	if err != nil || len(r.Coders) != 2 || r.Overall.Pairable == 0 || math.IsNaN(r.Overall.Alpha) {
		t.Errorf("by selection, agreement: %+v %v", r, err)
	}

	if _, err := ImportQDPXWith(ctx, emptyProject(t), path, QDPXImportOptions{CoderFrom: "author"}); !errors.Is(err, ErrCoderFrom) {
		t.Errorf("bad coder source: %v", err)
	}
	// A file whose selections and codings agree says nothing about coders.
	qc := filepath.Join(refiShared, "samples", "qc1.3.2-demo.qdpx")
	if c, err := PeekQDPXCoders(ctx, qc); err != nil || c.Differ != 0 || c.Note(CoderFromCoding) != "" || c.Selections == 0 {
		t.Errorf("qc sample: %+v %v", c, err)
	}
}
