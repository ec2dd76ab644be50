package app

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/exchange"
)

func TestAttributesCSVRoundTripInUI(t *testing.T) {
	wb := newTestWorkbench(t)
	p := openAndWait(t, wb, demoCopy(t))
	done := make(chan error, 2)
	attributesCSVDone = func(what string, err error) { done <- err }
	t.Cleanup(func() { attributesCSVDone = nil })

	studies, _ := p.Studies()
	original := studies[1]
	path := filepath.Join(t.TempDir(), "attributes.csv")
	wb.exportAttributes(path)
	if err := waitFor(t, done, "export"); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), original.GUID) {
		t.Fatalf("export: %v", err)
	}

	// Change the study, then importing the export restores it.
	changed := original.Attributes
	changed.Year, changed.Countries = 1999, []string{"Atlantis"}
	if err := coding.SetAttributes(p, original.GUID, changed); err != nil {
		t.Fatal(err)
	}
	wb.importAttributes(path)
	if err := waitFor(t, done, "import"); err != nil {
		t.Fatal(err)
	}
	got, _ := p.Study(original.GUID)
	if !reflect.DeepEqual(got.Attributes, original.Attributes) {
		t.Fatalf("after import %+v, want %+v", got.Attributes, original.Attributes)
	}
	if !strings.Contains(wb.status.Text, "1 studies changed") {
		t.Errorf("status %q", wb.status.Text)
	}

	// A file with problems changes nothing and reports line numbers.
	bad := filepath.Join(t.TempDir(), "bad.csv")
	writeFile(t, bad, "guid,year,method\n"+original.GUID+",soon,qualitative\nno-such-study,2001,\n")
	wb.importAttributes(bad)
	err = waitFor(t, done, "bad import")
	var ce *exchange.CSVError
	if !errors.As(err, &ce) || len(ce.Problems) < 2 {
		t.Fatalf("bad import: %v", err)
	}
	text := csvProblemsText(ce)
	if !strings.Contains(text, "Line 2") || !strings.Contains(text, "Line 3") {
		t.Fatalf("problems text %q", text)
	}
	if after, _ := p.Study(original.GUID); !reflect.DeepEqual(after.Attributes, original.Attributes) || after.Status != original.Status {
		t.Fatal("a failed import changed the study")
	}
}
