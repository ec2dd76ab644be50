package files

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/exchange"
)

func TestAttributesCSVRoundTripInUI(t *testing.T) {
	a := uitest.New(t)
	h := newHost(t, a, "")
	p := h.Project()

	studies, _ := p.Studies()
	original := studies[1]
	path := filepath.Join(t.TempDir(), "attributes.csv")
	exportAttributes(h, path)
	a.Settle(t)
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), original.GUID) {
		t.Fatalf("export: %v (status %q)", err, h.LastStatus())
	}
	if !strings.HasPrefix(h.LastStatus(), "Exported the studies' attributes") {
		t.Errorf("status %q", h.LastStatus())
	}

	// Change the study, then importing the export restores it.
	changed := original.Attributes
	changed.Year, changed.Countries = 1999, []string{"Atlantis"}
	if err := coding.SetAttributes(p, original.GUID, changed); err != nil {
		t.Fatal(err)
	}
	importAttributes(h, path)
	a.Settle(t)
	got, _ := p.Study(original.GUID)
	if !reflect.DeepEqual(got.Attributes, original.Attributes) {
		t.Fatalf("after import %+v, want %+v", got.Attributes, original.Attributes)
	}
	if !strings.Contains(h.LastStatus(), "1 studies changed") || h.Changes() != 1 {
		t.Errorf("status %q, %d changes", h.LastStatus(), h.Changes())
	}

	// A file with problems changes nothing and reports line numbers.
	bad := filepath.Join(t.TempDir(), "bad.csv")
	if err := os.WriteFile(bad, []byte("guid,year,method\n"+original.GUID+",soon,qualitative\nno-such-study,2001,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	importAttributes(h, bad)
	a.Settle(t)
	if h.LastStatus() != "The attributes were not imported; nothing changed." || h.Changes() != 1 {
		t.Errorf("bad import: status %q, %d changes", h.LastStatus(), h.Changes())
	}
	text := uitest.OverlayText(t, h.Window())
	if !strings.Contains(text, "Line 2") || !strings.Contains(text, "Line 3") {
		t.Fatalf("problems text %q", text)
	}
	if after, _ := p.Study(original.GUID); !reflect.DeepEqual(after.Attributes, original.Attributes) || after.Status != original.Status {
		t.Fatal("a failed import changed the study")
	}
}

// The problems of a CSV file are listed one per line with line and column.
func TestCSVProblemsText(t *testing.T) {
	s := csvProblemsText(&exchange.CSVError{Problems: []exchange.CSVProblem{
		{Line: 2, Column: "year", Message: `"soon" is not a year`}, {Line: 3, Message: "no study with this GUID"}}})
	for _, want := range []string{"these 2 problems", "• Line 2, column year: \"soon\" is not a year", "• Line 3: no study with this GUID"} {
		if !strings.Contains(s, want) {
			t.Errorf("problems text lacks %q:\n%s", want, s)
		}
	}
}
