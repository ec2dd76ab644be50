package exchange

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/internal/codingtest"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

func TestCodebookRoundTrip(t *testing.T) {
	formats := []struct {
		name   string
		export func(*corpus.Project, *bytes.Buffer) error
		imp    func(*corpus.Project, *bytes.Buffer) (CodebookImport, error)
	}{
		{"csv", func(p *corpus.Project, b *bytes.Buffer) error { return ExportCodebookCSV(p, b) },
			func(p *corpus.Project, b *bytes.Buffer) (CodebookImport, error) { return ImportCodebookCSV(p, b) }},
		{"qdc", func(p *corpus.Project, b *bytes.Buffer) error { return ExportCodebookQDC(p, b) },
			func(p *corpus.Project, b *bytes.Buffer) (CodebookImport, error) { return ImportCodebookQDC(p, b) }},
	}
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			src := testkit.Project(t)
			codingtest.RichCodebook(t, src)
			var buf bytes.Buffer
			if err := f.export(src, &buf); err != nil {
				t.Fatal(err)
			}
			data := buf.Bytes()

			// Into an empty project: everything is added with its GUID.
			dst := testkit.Project(t)
			rep, err := f.imp(dst, bytes.NewBuffer(data))
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Added) != 5 || len(rep.Updated) != 0 || len(rep.Warnings) != 0 {
				t.Fatalf("report %+v", rep)
			}
			if got, want := codingtest.CodebookDump(t, dst, true), codingtest.CodebookDump(t, src, true); got != want {
				t.Fatalf("round trip:\n%s\nwant\n%s", got, want)
			}
			// Again: nothing changes.
			rep, err = f.imp(dst, bytes.NewBuffer(data))
			if err != nil || len(rep.Added)+len(rep.Updated) != 0 || rep.Unchanged != 5 {
				t.Fatalf("second import %+v %v", rep, err)
			}
			// A changed code is updated by GUID even after a rename.
			fishing, _ := coding.ResolveCode(dst, "Fishing")
			fishing.Name, fishing.Color = "Fisheries", "#000000"
			if err := coding.UpdateCode(dst, fishing); err != nil {
				t.Fatal(err)
			}
			rep, err = f.imp(dst, bytes.NewBuffer(data))
			if err != nil || len(rep.Updated) != 1 || rep.Updated[0] != "Sector/Fisheries" {
				t.Fatalf("update import %+v %v", rep, err)
			}
			if got, want := codingtest.CodebookDump(t, dst, true), codingtest.CodebookDump(t, src, true); got != want {
				t.Fatalf("after update:\n%s\nwant\n%s", got, want)
			}
			// One undo step removes an import.
			testkit.Undo(t, dst)
			if c, _ := coding.ResolveCode(dst, fishing.GUID); c.Name != "Fisheries" {
				t.Fatalf("undo import: %+v", c)
			}

			// Into a project with the same names but other GUIDs: merged by path.
			other := testkit.Project(t)
			codingtest.RichCodebook(t, other)
			before := codingtest.CodebookDump(t, other, true)
			rep, err = f.imp(other, bytes.NewBuffer(data))
			if err != nil || len(rep.Added) != 0 || rep.Unchanged != 5 {
				t.Fatalf("path merge %+v %v", rep, err)
			}
			if got := codingtest.CodebookDump(t, other, true); got != before {
				t.Fatalf("path merge changed GUIDs:\n%s", got)
			}
		})
	}
}

func TestImportCodebookCSVErrors(t *testing.T) {
	cases := []struct {
		name, csv string
		want      []string
	}{
		{"empty", "", []string{"line 1", "empty"}},
		{"no path", "name,kind\nA,theme\n", []string{"line 1", "no path column"}},
		{"unknown column", "path,colr\nA,#ffffff\n", []string{"line 1", `unknown column "colr"`}},
		{"bad colour", "path,color\nA,#ffffff\nB,blue\n", []string{"line 3", "column color", "#rrggbb"}},
		{"bad kind", "path,kind\nA,mood\n", []string{"line 2", "column kind"}},
		{"name mismatch", "path,name\nA/B,C\n", []string{"line 2", "not the last part"}},
		{"missing parent", "path\nA\nX/Y\n", []string{"line 3", `parent "x"`}},
		{"duplicate path", "path\nA\nB\na\n", []string{"line 4", "also on line 2"}},
		{"bad guid", "guid,path\nnot-a-guid,A\n", []string{"line 2", "not a GUID"}},
		{"malformed", "path\n\"A\n", []string{"line 2", "malformed"}},
		{"sibling clash", "path,name\nA,A\nB,B\n", nil},
		{"short row", "path,name,definition,inclusion\nKeep,Keep,d,i\nKeep,Keep\n", []string{"line 3", "2 fields but the header has 4 columns"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := testkit.Project(t)
			codingtest.NewCode(t, p, "", "Keep")
			_, err := ImportCodebookCSV(p, strings.NewReader(c.csv))
			if c.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if !errors.Is(err, ErrInvalidCSV) {
				t.Fatalf("err = %v, want a CSV error", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if got := codingtest.Paths(t, p); got != "Keep" {
				t.Fatalf("a failed import changed the codebook: %s", got)
			}
		})
	}
}

func TestImportCodebookCSVOrderAndSeparators(t *testing.T) {
	p := testkit.Project(t)
	// Children before parents, semicolons, a BOM and a GUID to keep.
	in := "\xef\xbb\xbfpath;kind;guid\nA/B/C;theme;\nA;rigor;0b4f6c9e-1111-4a4a-9b9b-123456789abc\nA/B;;\n"
	rep, err := ImportCodebookCSV(p, strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Added) != 3 {
		t.Fatalf("report %+v", rep)
	}
	if got := codingtest.Paths(t, p); got != "A, A/B, A/B/C" {
		t.Fatalf("codebook %s", got)
	}
	a, err := coding.ResolveCode(p, "0b4f6c9e-1111-4a4a-9b9b-123456789abc")
	if err != nil || a.Name != "A" || a.Kind != coding.KindRigor {
		t.Fatalf("A = %+v %v", a, err)
	}
	if c, _ := coding.ResolveCode(p, "A/B/C"); c.Kind != coding.KindTheme {
		t.Fatalf("C = %+v", c)
	}
	// A code known by GUID but placed elsewhere in the file is updated, not moved.
	in = "guid,path,definition\n0b4f6c9e-1111-4a4a-9b9b-123456789abc,Other/A,moved?\nffffffff-1111-4a4a-9b9b-123456789abc,Other,\n"
	rep, err = ImportCodebookCSV(p, strings.NewReader(in))
	if err != nil || len(rep.Added) != 1 || len(rep.Updated) != 1 || len(rep.Warnings) != 1 || !strings.Contains(rep.Warnings[0], "not moved") {
		t.Fatalf("report %+v %v", rep, err)
	}
	if got := codingtest.Paths(t, p); got != "A, A/B, A/B/C, Other" {
		t.Fatalf("codebook %s", got)
	}
	// A parent that is in the codebook but not in the file (it used to be
	// refused as "neither in the file nor in the codebook"); siblings keep
	// the file's order, and a name differing only in case is the same code.
	rep, err = ImportCodebookCSV(p, strings.NewReader("path\nA/B/Z\nA/B/Y\na/b/C\n"))
	if err != nil || len(rep.Added) != 2 || rep.Unchanged != 1 {
		t.Fatalf("report %+v %v", rep, err)
	}
	if got := codingtest.Paths(t, p); got != "A, A/B, A/B/C, A/B/Z, A/B/Y, Other" {
		t.Fatalf("codebook %s", got)
	}
}

func TestDescriptionSplit(t *testing.T) {
	cases := []struct{ def, inc, exc string }{
		{"Def.", "Inc.", "Exc."},
		{"", "Only inclusion.", ""},
		{"Para one.\n\nPara two.", "", "Exc one.\n\nExc two."},
		{"", "", ""},
	}
	for _, c := range cases {
		d, i, e := splitQDCDescription(qdcDescription(coding.Code{Definition: c.def, Inclusion: c.inc, Exclusion: c.exc}))
		if d != c.def || i != c.inc || e != c.exc {
			t.Errorf("%+v -> %q %q %q", c, d, i, e)
		}
	}
	if d, _, _ := splitQDCDescription("From another tool\r\n\r\nwith CRLF"); d != "From another tool\n\nwith CRLF" {
		t.Errorf("foreign description %q", d)
	}
}
