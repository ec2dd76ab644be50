package pdftext

import (
	"bytes"
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

func TestAES256EmptyUserPasswordIsNormalised(t *testing.T) {
	data := aesEncrypt(t, simplePDF(t, "Protected but open"), "")
	doc := extractOK(t, data)
	if doc.Text != "Protected but open" || !doc.Normalised {
		t.Errorf("text %q normalised %v", doc.Text, doc.Normalised)
	}
}

func TestAES256WithUserPassword(t *testing.T) {
	data := aesEncrypt(t, simplePDF(t, "Locked"), "reader-secret")
	_, err := Extract(t.Context(), data, Options{})
	if KindOf(err) != Encrypted {
		t.Errorf("err = %v, want Encrypted", err)
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
	if doc.Text != "Still readable" || !doc.Normalised {
		t.Errorf("PDF 2.0 header: %q normalised %v", doc.Text, doc.Normalised)
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
