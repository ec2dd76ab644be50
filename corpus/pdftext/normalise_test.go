package pdftext

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

func simplePDF(t *testing.T, text string) []byte {
	f := newDoc()
	f.AddPage()
	f.SetFont("Helvetica", "", 12)
	f.Text(72, 100, text)
	return render(t, f)
}

var pdfcpuOnce sync.Once

func aesEncrypt(t *testing.T, data []byte, user string) []byte {
	t.Helper()
	pdfcpuOnce.Do(api.DisableConfigDir)
	conf := model.NewAESConfiguration(user, "owner-secret", 256)
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(data), &out, conf); err != nil {
		t.Fatalf("encrypt: %v", err)
	}
	return out.Bytes()
}

func TestAES256EmptyUserPassword(t *testing.T) {
	data := aesEncrypt(t, simplePDF(t, "Protected but open"), "")
	doc := extractOK(t, data)
	if doc.Text != "Protected but open" {
		t.Errorf("text %q", doc.Text)
	}
}

func TestAES256WithUserPassword(t *testing.T) {
	data := aesEncrypt(t, simplePDF(t, "Locked"), "reader-secret")
	_, err := Extract(t.Context(), data, Options{})
	if KindOf(err) != Encrypted || err.Error() != msgEncrypted {
		t.Errorf("err = %v, want Encrypted", err)
	}
	for _, pw := range []string{"reader-secret", "owner-secret"} {
		doc, err := Extract(t.Context(), data, Options{Password: pw})
		if err != nil || doc.Text != "Locked" {
			t.Errorf("password %q: %v", pw, err)
		}
	}
}

func TestJunkBeforeHeaderAndPDF20(t *testing.T) {
	data := simplePDF(t, "Still readable")
	junk := append([]byte("Content-Type: application/pdf\r\n\r\n"), data...)
	doc := extractOK(t, junk)
	if doc.Text != "Still readable" {
		t.Errorf("junk before header: %q", doc.Text)
	}
	v2 := bytes.Replace(data, []byte("%PDF-1.3"), []byte("%PDF-2.0"), 1)
	if bytes.Equal(v2, data) {
		t.Fatal("fpdf header changed; adjust the test")
	}
	doc = extractOK(t, v2)
	if doc.Text != "Still readable" {
		t.Errorf("PDF 2.0 header: %q", doc.Text)
	}
}

func TestBrokenXrefIsRebuilt(t *testing.T) {
	data := simplePDF(t, "Rebuilt from objects")
	i := bytes.LastIndex(data, []byte("startxref"))
	broken := append(append([]byte{}, data[:i]...), []byte("startxref\n999999\n%%EOF\n")...)
	doc := extractOK(t, broken)
	if doc.Text != "Rebuilt from objects" || !doc.Normalised {
		t.Errorf("text %q normalised %v", doc.Text, doc.Normalised)
	}
}

// TestHybridReferenceFile builds a hybrid file: the font lives in an object
// stream that only the /XRefStm cross-reference stream lists.
func TestHybridReferenceFile(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
	off := map[int]int{}
	put := func(n int, body string) {
		off[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
	}
	stream := func(dict, data string) string {
		return fmt.Sprintf("<<%s /Length %d>>\nstream\n%s\nendstream", dict, len(data), data)
	}
	put(1, "<< /Type /Catalog /Pages 2 0 R >>")
	put(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	put(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>")
	put(5, stream("", "BT /F1 12 Tf 72 700 Td (AAA) Tj ET"))
	fontObj := "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Differences [65 /B] >> >>"
	header := "4 0 "
	put(6, stream(fmt.Sprintf("/Type /ObjStm /N 1 /First %d", len(header)), header+fontObj))
	put(7, stream("/Type /XRef /Size 8 /W [1 2 2] /Index [4 1]", "\x02\x00\x06\x00\x00"))
	xref := b.Len()
	// Object 4 is left out of the classic table (subsections 0-3 and 5-7).
	b.WriteString("xref\n0 4\n0000000000 65535 f \n")
	for n := 1; n <= 7; n++ {
		if n == 4 {
			b.WriteString("5 3\n")
			continue
		}
		fmt.Fprintf(&b, "%010d 00000 n \n", off[n])
	}
	fmt.Fprintf(&b, "trailer\n<< /Size 8 /Root 1 0 R /XRefStm %d >>\nstartxref\n%d\n%%%%EOF\n", off[7], xref)
	doc := extractOK(t, b.Bytes())
	if doc.Text != "BBB" {
		t.Errorf("text %q", doc.Text)
	}
}
