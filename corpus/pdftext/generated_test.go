package pdftext

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
)

func render(t *testing.T, f *fpdf.Fpdf) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatalf("fpdf: %v", err)
	}
	return buf.Bytes()
}

func newDoc() *fpdf.Fpdf {
	f := fpdf.New("P", "pt", "A4", "")
	f.SetCompression(true)
	f.SetCreationDate(time.Date(2021, 5, 4, 0, 0, 0, 0, time.UTC))
	return f
}

func TestTwoColumnsJustified(t *testing.T) {
	f := newDoc()
	f.AddPage()
	f.SetFont("Helvetica", "B", 16)
	f.Text(180, 60, "A Two Column Study")
	f.SetFont("Helvetica", "", 11)
	left := "Cash transfers were delivered to households in three districts over two years, and the evaluation followed every household through repeated survey rounds with careful attention to attrition."
	right := "Outcomes included school attendance, food security and small business income, measured against matched comparison villages that received the programme only after the study had ended."
	f.SetXY(50, 90)
	f.MultiCell(240, 14, left, "", "J", false)
	f.SetXY(302, 90) // a 12 pt gutter: barely more than a word space
	f.MultiCell(240, 14, right, "", "J", false)
	doc := extractOK(t, render(t, f))
	want := "A Two Column Study\n\n" + strings.Join(f.SplitText(left, 240), "\n") + "\n\n" + strings.Join(f.SplitText(right, 240), "\n")
	if doc.Text != want {
		t.Errorf("text =\n%s\nwant\n%s", doc.Text, want)
	}
}

func TestRunningHeadersAndPageNumbers(t *testing.T) {
	f := newDoc()
	f.SetFont("Helvetica", "", 11)
	bodies := []string{"Background and aims of the review.", "Search strategy and selection.", "Results of the synthesis.", "Discussion and conclusions."}
	for i, b := range bodies {
		f.AddPage()
		f.SetFont("Helvetica", "I", 9)
		f.Text(50, 30, "Journal of Evidence Synthesis")
		f.SetFont("Helvetica", "", 11)
		f.Text(50, 120, b)
		f.Text(50, 134, fmt.Sprintf("Paragraph text that differs on page %d only.", i+1))
		f.SetFont("Helvetica", "", 9)
		f.Text(50, 810, "Evidence Workbench test series")
		f.Text(500, 810, fmt.Sprintf("Page %d of 4", i+1))
	}
	doc := extractOK(t, render(t, f))
	runes := []rune(doc.Text)
	got := map[string]int{}
	for _, m := range doc.Marks {
		got[m.Kind.String()+": "+string(runes[m.Start:m.End])]++
	}
	want := map[string]int{
		"header: Journal of Evidence Synthesis":  4,
		"footer: Evidence Workbench test series": 4,
		"page number: Page 1 of 4":               1,
		"page number: Page 2 of 4":               1,
		"page number: Page 3 of 4":               1,
		"page number: Page 4 of 4":               1,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("marks = %v\nwant %v", got, want)
	}
	if len(doc.Pages) != 4 || strings.Count(doc.Text, "\f") != 3 {
		t.Fatalf("pages %d", len(doc.Pages))
	}
	wantPage := "Journal of Evidence Synthesis\n\nSearch strategy and selection.\nParagraph text that differs on page 2 only.\n\nEvidence Workbench test series\n\nPage 2 of 4"
	if got := doc.PageText(1); got != wantPage {
		t.Errorf("page 2 = %q\nwant %q", got, wantPage)
	}
}

func TestNonLatinScripts(t *testing.T) {
	cases := []struct {
		name, font, text, want string
	}{
		{"thai", "NotoSansThai-Regular.ttf", "ภาษาไทย การทบทวนวรรณกรรม", ""},
		{"khmer", "NotoSansKhmer-Regular.ttf", "ភាសាខ្មែរ ការពិនិត្យ", ""},
		{"lao", "NotoSansLao-Regular.ttf", "ພາສາລາວ ການທົບທວນ", ""},
		// fpdf does not shape text: a Burmese medial ra would be drawn after its
		// consonant, and the extractor reads pages as displayed (shaped
		// Burmese is covered by TestGeneratedScripts).
		{"vietnamese", "NotoSans-Regular.ttf", "Tiếng Việt có dấu đầy đủ", ""},
		// Arabic is drawn in visual order (as producers do after shaping); the
		// extracted text must come back in logical order.
		{"arabic", "NotoSansArabic-Regular.ttf", reverseRunes("مرحبا بالعالم"), "مرحبا بالعالم"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := findFont(c.font)
			if path == "" {
				t.Skipf("font %s not installed (apt-get install fonts-noto-core)", c.font)
			}
			f := newDoc()
			f.AddUTF8FontFromBytes("script", "", mustRead(t, path))
			f.AddPage()
			f.SetFont("script", "", 14)
			f.Text(72, 100, c.text)
			doc := extractOK(t, render(t, f))
			want := c.want
			if want == "" {
				want = c.text
			}
			if doc.Text != want {
				t.Errorf("text = %q (%+q), want %q", doc.Text, doc.Text, want)
			}
		})
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func reverseRunes(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

func findFont(name string) string {
	for _, dir := range []string{"/usr/share/fonts/truetype/noto", "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/noto"} {
		p := dir + "/" + name
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

func TestUnicodeLigaturesAndSoftHyphen(t *testing.T) {
	path := findFont("DejaVuSans.ttf")
	if path == "" {
		t.Skip("DejaVuSans.ttf not installed (apt-get install fonts-dejavu-core)")
	}
	f := newDoc()
	f.AddUTF8FontFromBytes("dejavu", "", mustRead(t, path))
	f.AddPage()
	f.SetFont("dejavu", "", 12)
	f.Text(72, 100, "The \uFB01nal \uFB02ow of e\uFB00ort and a\uFB03rmation")
	f.Text(72, 114, "co\u00ADoperation in Cafe\u0301 and the evalu-")
	f.Text(72, 128, "ation team")
	doc := extractOK(t, render(t, f))
	want := "The final flow of effort and affirmation\ncooperation in Café and the evaluation\nteam"
	if doc.Text != want {
		t.Errorf("text = %q, want %q", doc.Text, want)
	}
}

func TestEncryption(t *testing.T) {
	f := newDoc()
	f.SetProtection(fpdf.CnProtectPrint, "secret", "owner")
	f.AddPage()
	f.SetFont("Helvetica", "", 12)
	f.Text(72, 100, "Confidential findings")
	data := render(t, f)
	_, err := Extract(context.Background(), data, Options{})
	if KindOf(err) != Encrypted || err.Error() != "password protected: import it again with its password" {
		t.Errorf("user password: %v", err)
	}
	for _, pw := range []string{"secret", "owner"} {
		doc, err := Extract(context.Background(), data, Options{Password: pw})
		if err != nil || doc.Text != "Confidential findings" {
			t.Fatalf("with password %q: %v", pw, err)
		}
	}
	if _, err := Extract(context.Background(), data, Options{Password: "wrong"}); KindOf(err) != Encrypted || err.Error() != "password protected: the password given does not open it" {
		t.Errorf("wrong password: %v", err)
	}

	f = newDoc()
	f.SetProtection(fpdf.CnProtectPrint, "", "owner") // opens with the empty user password
	f.AddPage()
	f.SetFont("Helvetica", "", 12)
	f.Text(72, 100, "Open findings")
	doc := extractOK(t, render(t, f))
	if doc.Text != "Open findings" {
		t.Errorf("empty password: %q", doc.Text)
	}
}

func TestMetadata(t *testing.T) {
	f := newDoc()
	f.SetTitle("Outcomes of Cash Transfers", true)
	f.SetAuthor("Ada Lovelace; Grace Hopper", true)
	f.AddPage()
	f.SetFont("Helvetica", "", 11)
	f.Text(72, 100, "Body text")
	doc := extractOK(t, render(t, f))
	want := Metadata{Title: "Outcomes of Cash Transfers", Authors: []string{"Ada Lovelace", "Grace Hopper"}, Year: 2021, Source: "info"}
	if fmt.Sprint(doc.Meta) != fmt.Sprint(want) {
		t.Errorf("meta = %+v, want %+v", doc.Meta, want)
	}

	f = fpdf.New("P", "pt", "A4", "")
	f.SetCreationDate(time.Date(2018, 1, 2, 0, 0, 0, 0, time.UTC))
	f.AddPage()
	f.SetFont("Helvetica", "B", 22)
	f.Text(72, 80, "Community Health Workers")
	f.Text(72, 106, "in Rural Districts")
	f.SetFont("Helvetica", "", 10)
	f.Text(72, 140, "A report published in 2019 by the review group.")
	f.Text(72, 154, "Second line of ordinary body text follows here.")
	f.Text(72, 168, "Third line of ordinary body text follows here.")
	doc = extractOK(t, render(t, f))
	want = Metadata{Title: "Community Health Workers in Rural Districts", Year: 2019, Source: "page"} // "published in 2019" beats the file's 2018
	if fmt.Sprint(doc.Meta) != fmt.Sprint(want) {
		t.Errorf("heuristic meta = %+v, want %+v", doc.Meta, want)
	}

	// No Info dictionary at all: the year comes from the first page.
	doc = extractOK(t, onePage("BT /F1 18 Tf 72 700 Td (Water Point Functionality) Tj /F1 10 Tf 0 -30 Td (Published in 2017 by the team.) Tj 0 -12 Td (More body text.) Tj 0 -12 Td (Even more body text.) Tj ET", ""))
	want = Metadata{Title: "Water Point Functionality", Year: 2017, Source: "page"}
	if fmt.Sprint(doc.Meta) != fmt.Sprint(want) {
		t.Errorf("page meta = %+v, want %+v", doc.Meta, want)
	}
}

func TestCompositeFontWithoutToUnicode(t *testing.T) {
	path := findFont("DejaVuSans.ttf")
	if path == "" {
		t.Skip("DejaVuSans.ttf not installed (apt-get install fonts-dejavu-core)")
	}
	f := newDoc()
	f.AddUTF8FontFromBytes("dejavu", "", mustRead(t, path))
	f.AddPage()
	f.SetFont("dejavu", "", 12)
	f.Text(72, 100, "Zdravotní péče – Ελληνικά")
	data := render(t, f)
	// Hide the ToUnicode CMap (same length, so offsets stay valid): the text must
	// then come from the embedded TrueType program's own cmap.
	if !bytes.Contains(data, []byte("/ToUnicode")) {
		t.Fatal("fpdf wrote no ToUnicode")
	}
	data = bytes.ReplaceAll(data, []byte("/ToUnicode"), []byte("/NoUnicode"))
	doc := extractOK(t, data)
	if doc.Text != "Zdravotní péče – Ελληνικά" {
		t.Errorf("text = %q", doc.Text)
	}
}

func TestParagraphsFromGapsAndIndents(t *testing.T) {
	f := newDoc()
	f.AddPage()
	f.SetFont("Helvetica", "", 11)
	lines := []struct {
		x, y float64
		s    string
	}{
		{72, 100, "The first paragraph runs over two lines of text that"},
		{72, 114, "end here without any indentation at all."},
		{72, 132, "After a wider gap the second paragraph begins and it"},
		{72, 146, "continues on the next line as usual for prose."},
		{92, 160, "An indented first line opens the third paragraph,"},
		{72, 174, "which then wraps back to the left margin again."},
	}
	for _, l := range lines {
		f.Text(l.x, l.y, l.s)
	}
	doc := extractOK(t, render(t, f))
	want := lines[0].s + "\n" + lines[1].s + "\n\n" + lines[2].s + "\n" + lines[3].s + "\n\n" + lines[4].s + "\n" + lines[5].s
	if doc.Text != want {
		t.Errorf("text =\n%s\nwant\n%s", doc.Text, want)
	}
}

func TestContentsEntryIsNotAPageNumber(t *testing.T) {
	f := newDoc()
	f.SetFont("Helvetica", "", 11)
	for i := 1; i <= 3; i++ {
		f.AddPage()
		f.Text(72, 100, fmt.Sprintf("Body text of page %d.", i))
		if i == 1 {
			f.Text(72, 760, "Results")
			f.Text(500, 760, "12")
		}
		f.Text(290, 810, fmt.Sprint(i))
	}
	doc := extractOK(t, render(t, f))
	runes := []rune(doc.Text)
	var got []string
	for _, m := range doc.Marks {
		got = append(got, m.Kind.String()+": "+string(runes[m.Start:m.End]))
	}
	want := []string{"page number: 1", "page number: 2", "page number: 3"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("marks = %q, want %q", got, want)
	}
}
