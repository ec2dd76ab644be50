package refi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestRoundTripQDCSamples(t *testing.T) {
	for _, name := range []string{"atlasti23.4-codebook.qdc", "taguette1.5-codebook.qdc"} {
		t.Run(name, func(t *testing.T) {
			a, _, err := ReadQDCFile(sample(t, name))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := WriteQDC(&buf, a); err != nil {
				t.Fatal(err)
			}
			validate(t, "Codebook.xsd", buf.Bytes())
			b, ws, err := ReadQDC(bytes.NewReader(buf.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if len(ws) != 0 {
				t.Errorf("warnings on re-read: %v", ws)
			}
			if !reflect.DeepEqual(a, b) {
				t.Errorf("round trip changed the codebook:\n%+v\n%+v", a, b)
			}
		})
	}
}

func TestRoundTripQDPXSamples(t *testing.T) {
	for _, name := range []string{"nvivo12.6-two-coders.qdpx", "qc1.3.2-demo.qdpx"} {
		t.Run(name, func(t *testing.T) {
			a := mustRead(t, sample(t, name))
			out := writeTemp(t, a.Project, a.Opener())
			qde := zipEntry(t, out, regexp.MustCompile(`^project\.qde$`))
			validate(t, "Project.xsd", qde)
			b := mustRead(t, out)
			if len(b.Warnings) != 0 {
				t.Errorf("warnings on re-read: %v", b.Warnings)
			}
			ta, tb := texts(t, a), texts(t, b)
			if !reflect.DeepEqual(ta, tb) {
				t.Errorf("texts changed")
			}
			// The DOCX originals travel along.
			for _, ts := range a.Project.TextSources {
				if ts.RichTextPath == "" {
					continue
				}
				da, err1 := a.ReadFile(ts.RichTextPath)
				db, err2 := b.ReadFile("internal://" + ts.GUID + ".docx")
				if err1 != nil || err2 != nil || !bytes.Equal(da, db) {
					t.Errorf("docx of %s: %v %v equal=%v", ts.Name, err1, err2, bytes.Equal(da, db))
				}
			}
			// Second generation: written files are a fixpoint, paths included.
			out2 := writeTemp(t, b.Project, b.Opener())
			c := mustRead(t, out2)
			if !reflect.DeepEqual(b.Project, c.Project) {
				t.Errorf("second round trip changed the project")
			}
			if !reflect.DeepEqual(withoutPaths(a.Project), withoutPaths(b.Project)) {
				t.Errorf("round trip changed the project (paths aside)")
				diffProjects(t, a.Project, b.Project)
			}
		})
	}
}

// diffProjects narrows a mismatch down to the first differing part.
func diffProjects(t *testing.T, a, b *Project) {
	t.Helper()
	va, vb := reflect.ValueOf(*a), reflect.ValueOf(*b)
	for i := 0; i < va.NumField(); i++ {
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			t.Logf("field %s differs", va.Type().Field(i).Name)
		}
	}
}

// fullProject uses every part of the model the format carries.
func fullProject() (*Project, map[string][]byte) {
	at := time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)
	u1, u2 := "0d6f0a0e-0000-4000-8000-000000000001", "0d6f0a0e-0000-4000-8000-000000000002"
	id := func(n int) string { return "1a2b3c4d-0000-4000-8000-00000000" + hex4(n) }
	text := "Première ligne 🙂\r\nSecond line\fpage two"
	rep := "PDF text\fpage two of the PDF"
	p := &Project{Name: "Full", Origin: "Evidence Workbench test", CreatingUser: u1, Created: at, ModifyingUser: u2,
		Modified: at.Add(time.Hour), Description: "project description", NoteRefs: []string{id(90)},
		Users: []User{{GUID: u1, Name: "Ann"}, {GUID: u2, Name: "Bo", ID: "bo@example.org"}},
		Codes: []*Code{{GUID: id(1), Name: "Outcome", IsCodable: false, Color: "#FF8800", Description: "grouping",
			NoteRefs: []string{id(90)}, Children: []*Code{
				{GUID: id(2), Name: "Benefit", IsCodable: true, Color: "#00AA11"},
				{GUID: id(3), Name: "Harm & <risk>", IsCodable: true, Description: "line1\nline2"}}}},
		Variables: []Variable{{GUID: id(10), Name: "country", Type: TypeText}, {GUID: id(11), Name: "rct", Type: TypeBoolean},
			{GUID: id(12), Name: "n", Type: TypeInteger}, {GUID: id(13), Name: "effect", Type: TypeFloat},
			{GUID: id(14), Name: "published", Type: TypeDate, Description: "date of publication"}, {GUID: id(15), Name: "seen", Type: TypeDateTime}},
		Cases: []Case{{GUID: id(20), Name: "Study A", Description: "case", CodeRefs: []string{id(2)},
			Values: []VariableValue{{id(10), TypeText, "NL"}, {id(11), TypeBoolean, "true"}, {id(12), TypeInteger, "120"},
				{id(13), TypeFloat, "0.35"}, {id(14), TypeDate, "2024-05-01"}, {id(15), TypeDateTime, "2024-05-01T10:00:00Z"}},
			SourceRefs: []string{id(30)}, SelectionRefs: []string{id(40)}}},
		TextSources: []*TextSource{{GUID: id(30), Name: "interview.txt", Description: "d", Stamp: Stamp{CreatingUser: u1, Created: at},
			Selections: []PlainTextSelection{
				{GUID: id(40), Name: "sel", Description: "why", Start: 9, End: 16, Stamp: Stamp{CreatingUser: u1, Created: at, ModifyingUser: u2, Modified: at},
					Codings:  []Coding{{GUID: id(50), CodeGUID: id(2), CreatingUser: u1, Created: at}, {GUID: id(51), CodeGUID: id(3), CreatingUser: u2, Created: at, NoteRefs: []string{id(90)}}},
					NoteRefs: []string{id(90)}},
				{GUID: id(41), Start: 0, End: 0}},
			Codings: []Coding{{GUID: id(52), CodeGUID: id(2), CreatingUser: u2}}, NoteRefs: []string{id(90)},
			Values: []VariableValue{{id(10), TypeText, "BE"}}},
			{GUID: id(31), Name: "inline", PlainTextContent: "short inline text"}},
		PDFSources: []*PDFSource{{GUID: id(60), Name: "paper.pdf", CurrentPath: "absolute:///home/x/paper.pdf", Stamp: Stamp{CreatingUser: u1, Created: at},
			Selections: []PDFSelection{
				{GUID: id(65), Name: "table on p. 2", Description: "wage table", Page: 1, FirstX: 72, FirstY: 700, SecondX: 540, SecondY: 420,
					Text: "Wages by month: Jan 120", Stamp: Stamp{CreatingUser: u2, Created: at},
					Codings: []Coding{{GUID: id(66), CodeGUID: id(2), CreatingUser: u2, Created: at}}, NoteRefs: []string{id(90)}},
				{GUID: id(67), Page: 0, FirstX: 0, FirstY: 0, SecondX: 612, SecondY: 792}},
			Representation: &TextSource{GUID: id(61), Name: "Representation_for_paper.pdf",
				Selections: []PlainTextSelection{{GUID: id(62), Start: 0, End: 8, Codings: []Coding{{GUID: id(63), CodeGUID: id(2), CreatingUser: u2}}}}},
			Codings: []Coding{{GUID: id(64), CodeGUID: id(3)}}, Values: []VariableValue{{id(12), TypeInteger, "7"}}}},
		Notes: []*TextSource{{GUID: id(90), Name: "memo", PlainTextContent: "a memo about <things> & more", Stamp: Stamp{CreatingUser: u2, Created: at}}},
		Sets:  []Set{{GUID: id(80), Name: "group", Description: "set", MemberCodes: []string{id(2), id(3)}, MemberSources: []string{id(30), id(60)}, MemberNotes: []string{id(90)}}},
	}
	files := map[string][]byte{id(30) + ".txt": []byte(text), id(61) + ".txt": []byte(rep),
		id(60) + ".pdf": []byte("%PDF-1.4 fake pdf bytes\n%%EOF\n"), id(30) + ".docx": []byte("PK docx bytes")}
	return p, files
}

func hex4(n int) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[n>>12&15], digits[n>>8&15], digits[n>>4&15], digits[n&15]})
}

func TestWriteReadFullModel(t *testing.T) {
	p, files := fullProject()
	out := writeTemp(t, p, BytesOpener(files))
	validate(t, "Project.xsd", zipEntry(t, out, regexp.MustCompile(`^project\.qde$`)))
	// The PDF's text representation is a .txt under Sources/, next to the PDF itself.
	zipEntry(t, out, regexp.MustCompile(`^Sources/1a2b3c4d-0000-4000-8000-00000000003d\.txt$`))
	zipEntry(t, out, regexp.MustCompile(`^Sources/1a2b3c4d-0000-4000-8000-00000000003c\.pdf$`))
	q := mustRead(t, out)
	if len(q.Warnings) != 0 {
		t.Errorf("warnings: %v", q.Warnings)
	}
	got := q.Project
	if got.PDFSources[0].Path != "internal://1a2b3c4d-0000-4000-8000-00000000003c.pdf" {
		t.Errorf("pdf path %q", got.PDFSources[0].Path)
	}
	tx := texts(t, q)
	for guid, want := range map[string]string{p.TextSources[0].GUID: string(files[p.TextSources[0].GUID+".txt"]),
		p.TextSources[1].GUID: "short inline text", p.PDFSources[0].Representation.GUID: string(files[p.PDFSources[0].Representation.GUID+".txt"]),
		p.Notes[0].GUID: p.Notes[0].PlainTextContent} {
		if tx[guid] != want {
			t.Errorf("text of %s = %q, want %q", guid, tx[guid], want)
		}
	}
	pdf, err := q.ReadFile(got.PDFSources[0].Path)
	if err != nil || !bytes.Equal(pdf, files[p.PDFSources[0].GUID+".pdf"]) {
		t.Errorf("pdf bytes: %v", err)
	}
	if !reflect.DeepEqual(withoutPaths(got), p) {
		diffProjects(t, p, got)
		t.Fatal("written and read projects differ")
	}
	var buf bytes.Buffer
	if err := WriteQDC(&buf, p.CodeBook()); err != nil {
		t.Fatal(err)
	}
	validate(t, "Codebook.xsd", buf.Bytes())
}

func TestWriteRejectsBadModel(t *testing.T) {
	p, files := fullProject()
	p.Codes[0].Children[0].GUID = "not-a-guid"
	opened := 0
	counting := func(guid, ext string) (io.ReadCloser, error) { opened++; return BytesOpener(files)(guid, ext) }
	err := WriteQDPX(context.Background(), &bytes.Buffer{}, p, counting, nil)
	if !errors.Is(err, ErrInvalidModel) || !strings.Contains(err.Error(), "Benefit") || opened != 0 {
		t.Errorf("bad code GUID: %v (after opening %d files)", err, opened)
	}
	p, _ = fullProject()
	p.TextSources[0].Selections[0].End = 2
	if err := WriteQDPX(context.Background(), &bytes.Buffer{}, p, nil, nil); !errors.Is(err, ErrInvalidModel) {
		t.Errorf("bad range: %v", err)
	}
	if err := WriteQDC(&bytes.Buffer{}, &CodeBook{}); !errors.Is(err, ErrInvalidModel) {
		t.Errorf("empty codebook: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p, files = fullProject()
	if err := WriteQDPX(ctx, &bytes.Buffer{}, p, BytesOpener(files), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestVariableValuesLexical(t *testing.T) {
	for _, c := range []struct {
		t      VariableType
		in     string
		out    string
		wantOK bool
	}{
		{TypeFloat, "1e3", "1000", true}, {TypeFloat, "0.25", "0.25", true}, {TypeFloat, "abc", "", false},
		{TypeBoolean, "Yes", "true", true}, {TypeBoolean, "maybe", "", false},
		{TypeInteger, "-12", "-12", true}, {TypeInteger, "1.5", "", false},
		{TypeDate, "2024-02-30", "", false}, {TypeDate, "2024-02-29", "2024-02-29", true},
		{TypeDateTime, "2024-02-29T10:00:00", "2024-02-29T10:00:00", true}, {TypeText, " any ", " any ", true},
	} {
		got, ok := lexical(c.t, c.in)
		if ok != c.wantOK || (ok && got != c.out) {
			t.Errorf("lexical(%s, %q) = %q, %v", c.t, c.in, got, ok)
		}
	}
	p, files := fullProject()
	p.Cases[0].Values[2].Value = "many"
	if err := WriteQDPX(context.Background(), &bytes.Buffer{}, p, BytesOpener(files), nil); !errors.Is(err, ErrInvalidModel) {
		t.Errorf("integer variable %q written: %v", "many", err)
	}
}

func TestInlineControlCharacters(t *testing.T) {
	p := &Project{Name: "x", Notes: []*TextSource{{GUID: "0d6f0a0e-0000-4000-8000-000000000009", PlainTextContent: "page\fnext\x00end\ttab"}}}
	out := writeTemp(t, p, nil)
	validate(t, "Project.xsd", zipEntry(t, out, regexp.MustCompile(`^project\.qde$`)))
	q := mustRead(t, out)
	if got := q.Project.Notes[0].PlainTextContent; got != "page next end\ttab" {
		t.Errorf("inline text %q", got)
	}
}
