package exchange

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding/refi"
	"github.com/evidence-workbench/workbench/corpus"
)

func rid(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }

// writeREFI writes a REFI-QDA project archive for a test.
func writeREFI(t *testing.T, rp *refi.Project, files map[string][]byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.qdpx")
	if err := refi.WriteQDPXFile(context.Background(), path, rp, refi.BytesOpener(files), nil); err != nil {
		t.Fatal(err)
	}
	return path
}

func codingsOf(t *testing.T, p *corpus.Project, study string) []string {
	t.Helper()
	g, err := corpus.QueryStrings(p.DB(), `SELECT guid FROM codings WHERE study = ? ORDER BY guid`, study)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestQDPXSourcesWithSameText: two sources whose texts are identical are two
// studies, each with its own codings; importing the archive again adds
// nothing.
func TestQDPXSourcesWithSameText(t *testing.T) {
	text := "The broker kept our passports."
	code := &refi.Code{GUID: rid(1), Name: "Documents", IsCodable: true}
	src := func(n int, name string) *refi.TextSource {
		return &refi.TextSource{GUID: rid(n), Name: name, PlainTextContent: text,
			Selections: []refi.PlainTextSelection{{GUID: rid(n + 1), Start: 4, End: 10,
				Codings: []refi.Coding{{GUID: rid(n + 2), CodeGUID: rid(1)}}}}}
	}
	rp := &refi.Project{Name: "Twins", Origin: "Test QDA", Codes: []*refi.Code{code},
		TextSources: []*refi.TextSource{src(10, "Interview A"), src(20, "Interview B")}}
	path := writeREFI(t, rp, nil)
	p := emptyProject(t)
	rep, err := ImportQDPX(context.Background(), p, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.StudiesAdded != 2 || rep.StudiesExisting != 0 || rep.Codings != 2 {
		t.Fatalf("report %+v", rep)
	}
	for _, n := range []int{10, 20} {
		s, err := p.Study(rid(n))
		if err != nil {
			t.Fatalf("source %d is not a study: %v", n, err)
		}
		if got := codingsOf(t, p, s.GUID); len(got) != 1 || got[0] != rid(n+2) {
			t.Errorf("study %s has codings %v, want its own %s", s.Title, got, rid(n+2))
		}
		// The file (the text) is stored once and shared, with the first one's name.
		if s.Title != map[int]string{10: "Interview A", 20: "Interview B"}[n] || s.FileName != "Interview A.txt" {
			t.Errorf("study %q has file name %q", s.Title, s.FileName)
		}
	}
	rep, err = ImportQDPX(context.Background(), p, path, nil)
	if err != nil || rep.StudiesAdded != 0 || rep.StudiesExisting != 2 || rep.Codings != 0 || rep.CodingsExisting != 2 {
		t.Fatalf("second import %+v, %v", rep, err)
	}
}

// TestQDPXSamePDFTwiceInProject: a PDF source whose PDF is already a study
// of the project (imported separately, another GUID) is that study; a
// second source with the same PDF in the same archive stays its own study.
func TestQDPXSamePDF(t *testing.T) {
	pdf := []byte("%PDF-1.4 not really a PDF but the same bytes")
	p := emptyProject(t)
	var existing string
	if err := p.Do("Import", func(tx *corpus.Tx) error {
		var err error
		existing, err = tx.AddStudy(corpus.NewStudy{FileName: "report.pdf", PDF: pdf, Text: "Report text.", Attributes: corpus.Attributes{Title: "Report"}})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	code := &refi.Code{GUID: rid(1), Name: "Documents", IsCodable: true}
	ps := func(n int) *refi.PDFSource {
		return &refi.PDFSource{GUID: rid(n), Name: fmt.Sprintf("copy %d.pdf", n), Path: "internal://" + rid(n) + ".pdf",
			Representation: &refi.TextSource{GUID: rid(n + 1), Name: "text", PlainTextContent: "Report text.",
				Selections: []refi.PlainTextSelection{{GUID: rid(n + 2), Start: 0, End: 6, Codings: []refi.Coding{{GUID: rid(n + 3), CodeGUID: rid(1)}}}}}}
	}
	rp := &refi.Project{Name: "PDFs", Origin: "Test QDA", Codes: []*refi.Code{code}, PDFSources: []*refi.PDFSource{ps(10), ps(20)}}
	path := writeREFI(t, rp, map[string][]byte{rid(10) + ".pdf": pdf, rid(20) + ".pdf": pdf})
	rep, err := ImportQDPX(context.Background(), p, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.StudiesExisting != 1 || rep.StudiesAdded != 1 || rep.Codings != 2 {
		t.Fatalf("report %+v", rep)
	}
	if got := codingsOf(t, p, existing); len(got) != 1 || got[0] != rid(13) {
		t.Errorf("the project's study has codings %v, want %s", got, rid(13))
	}
	if got := codingsOf(t, p, rid(20)); len(got) != 1 || got[0] != rid(23) {
		t.Errorf("the second source's study has codings %v, want %s", got, rid(23))
	}
}

// TestQDPXUnnamedSources: sources without a name keep a file name and a
// title (from the path, else the GUID).
func TestQDPXUnnamedSources(t *testing.T) {
	rp := &refi.Project{Name: "Unnamed", Origin: "Test QDA",
		TextSources: []*refi.TextSource{{GUID: rid(10), PlainTextContent: "First text."},
			{GUID: rid(11), PlainTextPath: "internal://field-notes.txt"}},
		PDFSources: []*refi.PDFSource{{GUID: rid(20), Path: "internal://" + rid(20) + ".pdf",
			Representation: &refi.TextSource{GUID: rid(21), PlainTextContent: "PDF text."}}}}
	path := writeREFI(t, rp, map[string][]byte{rid(11) + ".txt": []byte("Second text."), rid(20) + ".pdf": []byte("%PDF-1.4 x")})
	p := emptyProject(t)
	if _, err := ImportQDPX(context.Background(), p, path, nil); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{10, 11, 20} {
		s, err := p.Study(rid(n))
		if err != nil {
			t.Fatal(err)
		}
		base := strings.TrimSuffix(s.FileName, filepath.Ext(s.FileName))
		if base == "" || s.Title == "" || strings.HasPrefix(s.FileName, ".") || base == "source" {
			t.Errorf("source %d: file name %q, title %q", n, s.FileName, s.Title)
		}
	}
}
