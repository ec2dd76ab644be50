package exchange

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/refi"
	"github.com/evidence-workbench/workbench/corpus"
)

// TestQDPXImportForeign imports a file shaped like other programs' exports:
// variables with other names and types, notes everywhere, a whole-source
// coding, a selection outside its text and a code that is not codable.
func TestQDPXImportForeign(t *testing.T) {
	id := func(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }
	text := "Interview one.\nThe broker kept our passports.\nWe worked twelve hours."
	rp := &refi.Project{Name: "Foreign", Origin: "Test QDA 1.0",
		Users: []refi.User{{GUID: id(1), Name: "Rosa"}},
		Codes: []*refi.Code{{GUID: id(2), Name: "Control", IsCodable: false, Color: "#00AA00", NoteRefs: []string{id(50)},
			Description: "Means of control.\n\nInclusion: documents held.", Children: []*refi.Code{{GUID: id(3), Name: "Passports/ID cards", IsCodable: true}}}},
		Variables: []refi.Variable{{GUID: id(10), Name: "Country", Type: refi.TypeText}, {GUID: id(11), Name: "Publication Year", Type: refi.TypeDate},
			{GUID: id(12), Name: "Methodology", Type: refi.TypeText}, {GUID: id(13), Name: "Age group", Type: refi.TypeText},
			{GUID: id(14), Name: "N", Type: refi.TypeInteger}},
		Cases: []refi.Case{{GUID: id(20), Name: "Interview 1", SourceRefs: []string{id(30)}, Values: []refi.VariableValue{
			{VariableGUID: id(10), Type: refi.TypeText, Value: "Thailand; Myanmar"}, {VariableGUID: id(11), Type: refi.TypeDate, Value: "2019-04-02"},
			{VariableGUID: id(12), Type: refi.TypeText, Value: "ethnography"}, {VariableGUID: id(13), Type: refi.TypeText, Value: "18-25"},
			{VariableGUID: id(14), Type: refi.TypeInteger, Value: "12"}}},
			{GUID: id(21), Name: "Nobody", Values: []refi.VariableValue{{VariableGUID: id(13), Type: refi.TypeText, Value: "30+"}}}},
		TextSources: []*refi.TextSource{{GUID: id(30), Name: "interview1.txt", PlainTextContent: text, NoteRefs: []string{id(51)},
			Stamp:   refi.Stamp{CreatingUser: id(1)},
			Codings: []refi.Coding{{GUID: id(40), CodeGUID: id(2), CreatingUser: id(1)}},
			Selections: []refi.PlainTextSelection{
				{GUID: id(31), Start: 15, End: 44, NoteRefs: []string{id(52)}, Codings: []refi.Coding{{GUID: id(41), CodeGUID: id(3)}}},
				{GUID: id(32), Start: 60, End: 500, Codings: []refi.Coding{{GUID: id(42), CodeGUID: id(3)}}}}}},
		Notes: []*refi.TextSource{{GUID: id(50), Name: "n", PlainTextContent: "Code note", Stamp: refi.Stamp{CreatingUser: id(1)}},
			{GUID: id(51), Name: "n", PlainTextContent: "Source note"}, {GUID: id(52), Name: "n", PlainTextContent: "Selection note"},
			{GUID: id(53), Name: "n", PlainTextContent: "Project note"}, {GUID: id(54), Name: "n", PlainTextContent: "Loose note"}},
		NoteRefs: []string{id(53)},
	}
	path := filepath.Join(t.TempDir(), "foreign.qdpx")
	if err := refi.WriteQDPXFile(context.Background(), path, rp, nil, nil); err != nil {
		t.Fatal(err)
	}
	p := emptyProject(t)
	rep, err := ImportQDPX(context.Background(), p, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Codings != 2 || rep.CodingsSkipped != 1 || rep.Memos != 3 || rep.Attributes != 1 || rep.TextOnly != 1 {
		t.Errorf("report %+v", rep)
	}
	for _, want := range []string{`"Age group"`, "1 case(s) with values but no source", "1 note(s) on the project", "1 note(s) not attached",
		`method "ethnography" not imported`, "its range is outside the text"} {
		if !slices.ContainsFunc(rep.Warnings, func(w string) bool { return strings.Contains(w, want) }) {
			t.Errorf("no warning about %s in %q", want, rep.Warnings)
		}
	}
	s, err := p.Study(id(30))
	if err != nil {
		t.Fatal(err)
	}
	if s.Title != "interview1" || s.Year != 2019 || !slices.Equal(s.Countries, []string{"Thailand", "Myanmar"}) || s.SampleSize != 12 || s.Method != "" {
		t.Errorf("study %+v", s)
	}
	whole, _ := coding.GetCoding(p, id(40))
	part, _ := coding.GetCoding(p, id(41))
	if whole.Start != 0 || whole.End != utf8.RuneCountInString(text) || whole.Coder != id(1) {
		t.Errorf("whole-source coding %+v", whole)
	}
	importer := p.CurrentCoder().GUID
	if part.Quote != "The broker kept our passports" || part.Memo != "Selection note" || part.Coder != importer {
		t.Errorf("coding %+v", part)
	}
	codes, _ := coding.Codebook(p)
	if len(codes) != 2 || codes[0].Definition != "Means of control." || codes[0].Inclusion != "documents held." || codes[0].Color != "#00aa00" {
		t.Errorf("codes %+v", codes)
	}
	if c, err := codeByGUID(t, p, id(3)); err != nil || c.Name != "Passports/ID cards" || c.Parent != id(2) {
		t.Errorf("child code %+v, %v", c, err)
	}
	if ms, _ := coding.Memos(p, coding.MemoCode, id(2)); len(ms) != 1 || ms[0].Text != "Code note" || ms[0].Coder != id(1) || ms[0].GUID != id(50) {
		t.Errorf("code memos %+v", ms)
	}
	if ms, _ := coding.Memos(p, coding.MemoStudy, id(30)); len(ms) != 1 || ms[0].Text != "Source note" || ms[0].Coder != importer {
		t.Errorf("study memos %+v", ms)
	}
}

// TestQDPXImportPDFWithoutText imports a PDF source that has no text
// representation: its text is extracted from the PDF.
func TestQDPXImportPDFWithoutText(t *testing.T) {
	name := assets.DemoFiles()[0]
	pdf, err := assets.DemoPDF(name)
	if err != nil {
		t.Fatal(err)
	}
	g := "00000000-0000-4000-8000-000000000777"
	rp := &refi.Project{Name: "PDF only", Origin: "Test QDA", PDFSources: []*refi.PDFSource{{GUID: g, Name: name}}}
	path := filepath.Join(t.TempDir(), "pdf.qdpx")
	if err := refi.WriteQDPXFile(context.Background(), path, rp, refi.BytesOpener(map[string][]byte{g + ".pdf": pdf}), nil); err != nil {
		t.Fatal(err)
	}
	p := emptyProject(t)
	rep, err := ImportQDPX(context.Background(), p, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.PDFs != 1 || !slices.ContainsFunc(rep.Warnings, func(w string) bool { return strings.Contains(w, "text was extracted from the PDF") }) {
		t.Errorf("report %+v", rep)
	}
	s, err := p.Study(g)
	if err != nil {
		t.Fatal(err)
	}
	_, data, _ := p.PDF(g)
	txt := mustText(t, p, g)
	if string(data) != string(pdf) || s.Pages < 1 || utf8.RuneCountInString(txt) < 500 || s.Extraction != "ok" {
		t.Errorf("study %+v with %d code points of text", s, utf8.RuneCountInString(txt))
	}
}

func codeByGUID(t *testing.T, p *corpus.Project, guid string) (coding.Code, error) {
	t.Helper()
	tree, err := coding.LoadCodeTree(p)
	if err != nil {
		return coding.Code{}, err
	}
	c, ok := tree.Get(guid)
	if !ok {
		return coding.Code{}, fmt.Errorf("no code %s", guid)
	}
	return c, nil
}

// TestQDPXImportUnsupported imports an archive with an audio and a picture
// source: both are counted and named in the warnings, nothing else is added.
func TestQDPXImportUnsupported(t *testing.T) {
	qde := `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="media" origin="Test QDA">
  <Sources>
    <AudioSource guid="00000000-0000-4000-8000-000000000001" name="interview.mp3" path="internal://00000000-0000-4000-8000-000000000001.mp3"/>
    <PictureSource guid="00000000-0000-4000-8000-000000000002" name="poster.png" path="internal://00000000-0000-4000-8000-000000000002.png"/>
  </Sources>
</Project>`
	path := filepath.Join(t.TempDir(), "media.qdpx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, _ := zw.Create("project.qde")
	io.WriteString(w, qde)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	p := emptyProject(t)
	rep, err := ImportQDPX(context.Background(), p, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Unsupported != 2 || rep.Sources != 0 || rep.StudiesAdded != 0 {
		t.Errorf("report %+v", rep)
	}
	for _, want := range []string{"interview.mp3", "poster.png"} {
		if !slices.ContainsFunc(rep.Warnings, func(w string) bool { return strings.Contains(w, want) }) {
			t.Errorf("no warning names %s: %q", want, rep.Warnings)
		}
	}
}
