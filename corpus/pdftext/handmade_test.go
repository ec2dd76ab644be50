package pdftext

import (
	"io"
	"strings"

	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
)

// obj is one object of a hand-written PDF: a dictionary, optionally with stream data.
type obj struct {
	dict   string
	stream string
}

// buildPDF writes objects 1..n (1 must be the catalog) with a correct xref table.
func buildPDF(objs ...obj) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		if o.stream != "" {
			fmt.Fprintf(&b, "<<%s /Length %d>>\nstream\n%s\nendstream\n", o.dict, len(o.stream), o.stream)
		} else {
			b.WriteString(o.dict + "\n")
		}
		b.WriteString("endobj\n")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// onePage builds a one-page PDF with the given content and extra objects from 5 on.
// Object 4 is Helvetica (WinAnsi) as /F1; extra resources go into res.
func onePage(content, res string, extra ...obj) []byte {
	objs := []obj{
		{dict: "<< /Type /Catalog /Pages 2 0 R >>"},
		{dict: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> " + res + " >> >>"},
		{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
		{stream: content},
	}
	return buildPDF(append(objs, extra...)...)
}

func extractOK(t *testing.T, data []byte) *Document {
	t.Helper()
	doc, err := Extract(context.Background(), data, Options{})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	return doc
}

func TestTextOperators(t *testing.T) {
	content := `BT /F1 12 Tf 72 700 Td [(Hello)-333(world)] TJ
0 -14 Td [(ke)15(rn)-20(ed)] TJ
0 -14 Td 3 Tw (two words) Tj 0 Tw
0 -14 Td 50 Tz (squeezed text) Tj 100 Tz
14 TL (next) '
1 0 (spaced) "
ET`
	doc := extractOK(t, onePage(content, ""))
	want := "Hello world\nkerned\ntwo words\nsqueezed text\nnext\nspaced"
	if doc.Text != want {
		t.Errorf("text = %q, want %q", doc.Text, want)
	}
}

func TestFormXObjectsAndCycles(t *testing.T) {
	content := "BT /F1 12 Tf 72 700 Td (Page text) Tj ET q 1 0 0 1 72 500 cm /X1 Do Q"
	form := obj{dict: "/Type /XObject /Subtype /Form /BBox [0 0 300 100] /Matrix [1 0 0 1 0 0] /Resources << /Font << /F9 4 0 R >> /XObject << /X1 6 0 R /X2 7 0 R >> >>",
		stream: "BT /F9 12 Tf 0 0 Td (Inside form) Tj ET /X1 Do q 1 0 0 1 0 -40 cm /X2 Do Q"}
	nested := obj{dict: "/Type /XObject /Subtype /Form /BBox [0 0 300 100] /Matrix [2 0 0 2 0 0] /Resources << /Font << /F9 4 0 R >> /XObject << /X1 6 0 R >> >>",
		stream: "BT /F9 10 Tf 0 0 Td (Scaled twice) Tj ET /X1 Do"}
	doc := extractOK(t, onePage(content, "/XObject << /X1 6 0 R >>", form, nested))
	want := "Page text\n\nInside form\n\nScaled twice"
	if doc.Text != want {
		t.Errorf("text = %q, want %q", doc.Text, want)
	}
}

func TestToUnicodeSimpleFont(t *testing.T) {
	cmap := `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <00> <FF> endcodespacerange
2 beginbfchar <01> <0160> <02> <0165> endbfchar
1 beginbfrange <03> <05> [<00E1> <0076> <011B>] endbfrange
1 beginbfrange <10> <12> <0061> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`
	font := obj{dict: "<< /Type /Font /Subtype /TrueType /BaseFont /Custom /FirstChar 1 /LastChar 18 /Widths [600 600 600 600 600 0 0 0 0 0 0 0 0 0 0 600 600 600] /Encoding /WinAnsiEncoding /ToUnicode 7 0 R >>"}
	content := "BT /F2 12 Tf 72 700 Td (\\001\\002\\003\\004\\005) Tj 0 -14 Td <101112> Tj ET"
	doc := extractOK(t, onePageFonts(content, "/F2 6 0 R", font, obj{stream: cmap}))
	want := "Šťávě\nabc"
	if doc.Text != want {
		t.Errorf("text = %q, want %q", doc.Text, want)
	}
}

// onePageFonts is onePage with extra font resources (objects from 6 on).
func onePageFonts(content, fonts string, extra ...obj) []byte {
	objs := []obj{
		{dict: "<< /Type /Catalog /Pages 2 0 R >>"},
		{dict: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 4 0 R " + fonts + " >> >> >>"},
		{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
		{stream: content},
	}
	return buildPDF(append(objs, extra...)...)
}

func TestType0IdentityToUnicode(t *testing.T) {
	cmap := `begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar <0001> <0E44> <0002> <0E17> <0003> <0E22> endbfchar
1 beginbfrange <0010> <0011> <00660069> endbfrange endcmap`
	font := obj{dict: "<< /Type /Font /Subtype /Type0 /BaseFont /ThaiTest /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>"}
	desc := obj{dict: "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ThaiTest /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [1 [500 400 450]] >>"}
	content := "BT /F2 12 Tf 72 700 Td <000100020003> Tj 0 -14 Td <0010> Tj ET"
	doc := extractOK(t, onePageFonts(content, "/F2 6 0 R", font, desc, obj{stream: cmap}))
	// <0010> maps to "fi" (a ligature's text), which stays as written.
	want := "ไทย\nfi"
	if doc.Text != want {
		t.Errorf("text = %q, want %q", doc.Text, want)
	}
}

func TestHyphensLigaturesSoftHyphens(t *testing.T) {
	font := obj{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [1 /fi /fl] >> >>"}
	content := "BT /F2 12 Tf 14 TL 72 700 Td (The \\001nal exam-) Tj T* (ple is a co\\255operative \\002ow-) Tj T* (chart about well-) Tj T* (Known things.) Tj ET"
	doc := extractOK(t, onePageFonts(content, "/F2 6 0 R", font))
	// WinAnsi 0xAD is a visible hyphen; soft hyphens from ToUnicode are covered
	// by TestUnicodeLigaturesAndSoftHyphen.
	want := "The final example\nis a co-operative flowchart\nabout well-\nKnown things."
	if doc.Text != want {
		t.Errorf("text = %q, want %q", doc.Text, want)
	}
}

func TestRotatedPage(t *testing.T) {
	objs := []obj{
		{dict: "<< /Type /Catalog /Pages 2 0 R >>"},
		{dict: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"},
		{dict: "<< /Type /Page /Parent 2 0 R /Rotate 90 /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
		{stream: "BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Rotated first line) Tj 0 1 -1 0 314 100 Tm (second line) Tj ET"},
	}
	doc := extractOK(t, buildPDF(objs...))
	want := "Rotated first line\nsecond line"
	if doc.Text != want {
		t.Errorf("text = %q, want %q", doc.Text, want)
	}
}

func TestPageFailureIsolation(t *testing.T) {
	objs := []obj{
		{dict: "<< /Type /Catalog /Pages 2 0 R >>"},
		{dict: "<< /Type /Pages /Kids [3 0 R 6 0 R 8 0 R] /Count 3 >>"},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
		{stream: "BT /F1 12 Tf 72 700 Td (One) Tj ET"},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 7 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		{dict: "/Filter /NoSuchDecode", stream: "garbage"},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 9 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		{stream: "BT /F1 12 Tf 72 700 Td (Three) Tj ET"},
	}
	doc := extractOK(t, buildPDF(objs...))
	if doc.Text != "One\f\fThree" {
		t.Errorf("text = %q", doc.Text)
	}
	if len(doc.Pages) != 3 || doc.Pages[1].Err == nil || doc.Pages[0].Err != nil || doc.Pages[2].Err != nil {
		t.Fatalf("pages = %+v", doc.Pages)
	}
	if len(doc.Warnings) != 1 {
		t.Errorf("warnings = %q", doc.Warnings)
	}
	if got := doc.PageText(2); got != "Three" {
		t.Errorf("PageText(2) = %q", got)
	}
}

func TestPlainErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := Extract(ctx, []byte("hello, not a pdf at all"), Options{}); KindOf(err) != NotPDF {
		t.Errorf("not a PDF: %v", err)
	}
	if _, err := Extract(ctx, []byte("%PDF-1.4\n1 0 obj << broken"), Options{}); KindOf(err) != Broken {
		t.Errorf("broken: %v", err)
	} else if err.Error()[:11] != "damaged PDF" {
		t.Errorf("broken message: %q", err.Error())
	}
	data := onePage("BT /F1 12 Tf 72 700 Td (Some text) Tj ET", "")
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Extract(cancelled, data, Options{}); KindOf(err) != Timeout {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := Extract(ctx, data, Options{MaxStreamBytes: 10}); KindOf(err) != TooLarge {
		t.Errorf("stream budget: %v", err)
	}
	if _, err := Extract(ctx, data, Options{MaxFileBytes: 100}); KindOf(err) != TooLarge {
		t.Errorf("file budget: %v", err)
	}
}

func TestNoTextLayer(t *testing.T) {
	data := onePage("q 0 0 1 rg 72 72 400 600 re f Q", "")
	doc := extractOK(t, data)
	if KindOf(doc.Condition) != NoText || doc.Text != "" || len(doc.Pages) != 1 {
		t.Fatalf("condition %v text %q pages %d", doc.Condition, doc.Text, len(doc.Pages))
	}
	if doc.Condition.Error() != "scanned, no text: imported for appraisal, passages cannot be coded yet" {
		t.Errorf("message %q", doc.Condition.Error())
	}
}

func TestFiltersBeyondTheObjectLayer(t *testing.T) {
	encode := func(name, s string) string {
		f, err := filter.NewFilter(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		r, err := f.Encode(strings.NewReader(s))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		return string(b)
	}
	page := func(content string) string {
		return "BT /F1 12 Tf 72 700 Td (" + content + ") Tj ET"
	}
	objs := []obj{
		{dict: "<< /Type /Catalog /Pages 2 0 R >>"},
		{dict: "<< /Type /Pages /Kids [3 0 R 6 0 R 8 0 R] /Count 3 >>"},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
		{dict: "/Filter /LZWDecode", stream: encode("LZWDecode", page("Lempel Ziv Welch"))},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 7 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		{dict: "/Filter /RunLengthDecode", stream: encode("RunLengthDecode", page("Run length"))},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 9 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		{dict: "/Filter [/ASCIIHexDecode /FlateDecode]", stream: encode("ASCIIHexDecode", encode("FlateDecode", page("Hex over flate")))},
	}
	doc := extractOK(t, buildPDF(objs...))
	if doc.Text != "Lempel Ziv Welch\fRun length\fHex over flate" {
		t.Errorf("text = %q, warnings %q", doc.Text, doc.Warnings)
	}
}

func TestProgress(t *testing.T) {
	objs := []obj{
		{dict: "<< /Type /Catalog /Pages 2 0 R >>"},
		{dict: "<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>"},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
		{stream: "BT /F1 12 Tf 72 700 Td (First) Tj ET"},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
	}
	var got []Progress
	doc, err := Extract(context.Background(), buildPDF(objs...), Options{Progress: func(p Progress) { got = append(got, p) }})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Text != "First\fFirst" || fmt.Sprint(got) != "[{1 2} {2 2}]" {
		t.Errorf("text %q progress %v", doc.Text, got)
	}
}

func TestAnnotationAppearances(t *testing.T) {
	objs := []obj{
		{dict: "<< /Type /Catalog /Pages 2 0 R >>"},
		{dict: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> /Annots [6 0 R 8 0 R 9 0 R] >>"},
		{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
		{stream: "BT /F1 12 Tf 72 700 Td (Name of the village:) Tj ET"},
		// A form field whose 100x10 appearance is stretched onto a 200x20 rectangle.
		{dict: "<< /Type /Annot /Subtype /Widget /Rect [72 600 272 620] /AP << /N 7 0 R >> >>"},
		{dict: "/Type /XObject /Subtype /Form /BBox [0 0 100 10] /Resources << /Font << /Helv 4 0 R >> >>", stream: "/Tx BMC BT /Helv 6 Tf 2 2 Td (Phnom Kravanh) Tj ET EMC"},
		// Hidden (F 2) and popup annotations show nothing.
		{dict: "<< /Type /Annot /Subtype /FreeText /F 2 /Rect [72 500 272 520] /AP << /N 7 0 R >> >>"},
		{dict: "<< /Type /Annot /Subtype /Popup /Rect [72 400 272 420] /AP << /N 7 0 R >> >>"},
	}
	doc := extractOK(t, buildPDF(objs...))
	want := "Name of the village:\n\nPhnom Kravanh"
	if doc.Text != want {
		t.Errorf("text = %q, want %q", doc.Text, want)
	}
}

func TestActualText(t *testing.T) {
	content := `BT /F1 12 Tf 72 700 Td (Chapter ) Tj /Span <</Lang (en) /ActualText (Ten)>> BDC (X) Tj EMC
0 -14 Td /Span <</ActualText <FEFF006F006600660069006300650073>>> BDC /P BMC (o) Tj (f) Tj (fi) Tj EMC (ces) Tj EMC ( and) Tj
0 -14 Td /Artifact <</Type /Pagination>> BDC (plain) Tj EMC ET`
	doc := extractOK(t, onePage(content, ""))
	want := "Chapter Ten\noffices and\nplain"
	if doc.Text != want {
		t.Errorf("text = %q, want %q", doc.Text, want)
	}
}

func TestScannedPageAmongTextPages(t *testing.T) {
	objs := []obj{
		{dict: "<< /Type /Catalog /Pages 2 0 R >>"},
		{dict: "<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>"},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
		{stream: "BT /F1 12 Tf 72 700 Td (Typed page) Tj ET"},
		{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 7 0 R /Resources << /XObject << /Im1 8 0 R >> >> >>"},
		{stream: "q 612 0 0 792 0 0 cm /Im1 Do Q"},
		{dict: "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", stream: "\x80"},
	}
	doc := extractOK(t, buildPDF(objs...))
	if doc.Text != "Typed page\f" || doc.Condition != nil {
		t.Errorf("text %q condition %v", doc.Text, doc.Condition)
	}
	if len(doc.Warnings) != 1 || doc.Warnings[0] != "Page 2 has no text layer (it looks scanned): its passages cannot be coded yet." {
		t.Errorf("warnings %q", doc.Warnings)
	}
}
