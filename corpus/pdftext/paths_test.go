package pdftext

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/go-pdf/fpdf"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

// moveEntry points object id's cross-reference entry delta bytes away.
func moveEntry(t *testing.T, data []byte, id, delta int) []byte {
	t.Helper()
	x := bytes.LastIndex(data, []byte("\nxref\n")) + len("\nxref\n")
	x += bytes.IndexByte(data[x:], '\n') + 1 + id*20
	var off int
	if _, err := fmt.Sscanf(string(data[x:x+10]), "%d", &off); err != nil {
		t.Fatal(err)
	}
	out := append([]byte(nil), data...)
	copy(out[x:], fmt.Sprintf("%010d", off+delta))
	return out
}

func encryptWith(t *testing.T, data []byte, conf *model.Configuration) []byte {
	t.Helper()
	pdfcpuOnce.Do(api.DisableConfigDir)
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(data), &out, conf); err != nil {
		t.Fatalf("encrypt: %v", err)
	}
	return out.Bytes()
}

// TestReadPaths: github.com/ledongthuc/pdf reads well-formed files, the own
// layer what the library cannot read, per document or per page, and the text
// is the same whichever path read it.
func TestReadPaths(t *testing.T) {
	plain := simplePDF(t, "Read by the library")
	rc4 := func() []byte {
		f := newDoc()
		f.SetProtection(fpdf.CnProtectPrint, "secret", "owner")
		f.AddPage()
		f.SetFont("Helvetica", "", 12)
		f.Text(72, 100, "Read by the library")
		return render(t, f)
	}()
	// A page whose content stream is not where the table says: the library
	// fails on it, the own layer finds it by scanning.
	misplaced := buildPDF(
		obj{dict: "<< /Type /Catalog /Pages 2 0 R >>"},
		obj{dict: "<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>"},
		obj{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		obj{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
		obj{stream: "BT /F1 12 Tf 72 700 Td (Read by) Tj ET"},
		obj{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 7 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		obj{stream: "BT /F1 12 Tf 72 700 Td (the library) Tj ET"},
	)
	misplaced = moveEntry(t, misplaced, 7, -12)
	// The crypt filters as the library expects them: pdfcpu writes a crypt
	// filter's /Length in bits, the library wants bytes; RC4 128 as V2 R3
	// (the same keys as pdfcpu's V4 R4 with RC4 crypt filters).
	aes128 := bytes.Replace(encryptWith(t, plain, model.NewAESConfiguration("secret", "owner", 128)), []byte("/AESV2/Length 128"), []byte("/AESV2/Length 16 "), 1)
	rc4v2 := encryptWith(t, plain, model.NewRC4Configuration("secret", "owner", 128))
	rc4v2 = bytes.Replace(bytes.Replace(rc4v2, []byte("/R 4"), []byte("/R 3"), 1), []byte("/V 4"), []byte("/V 2"), 1)
	cases := []struct {
		name     string
		data     []byte
		password string
		want     string
		path     ReadPath
	}{
		{"well formed", plain, "", "Read by the library", ReadLibrary},
		{"RC4 128-bit with the user password", rc4v2, "secret", "Read by the library", ReadLibrary},
		{"AES-128 with the user password", aes128, "secret", "Read by the library", ReadLibrary},
		{"AES-128 with the owner password (the library tries the user's only)", aes128, "owner", "Read by the library", ReadOwn},
		{"a crypt filter the library lacks", encryptWith(t, plain, model.NewRC4Configuration("secret", "owner", 128)), "secret", "Read by the library", ReadOwn},
		{"RC4 40-bit (the library derives its keys wrongly)", rc4, "secret", "Read by the library", ReadOwn},
		{"AES-256 (the library lacks it)", aesEncrypt(t, plain, ""), "", "Read by the library", ReadOwn},
		{"PDF 2.0 header", bytes.Replace(plain, []byte("%PDF-1.3"), []byte("%PDF-2.0"), 1), "", "Read by the library", ReadOwn},
		{"junk before the header", append([]byte("Content-Type: application/pdf\r\n\r\n"), plain...), "", "Read by the library", ReadOwn},
		{"an object not where the table says", misplaced, "", "Read by\fthe library", ReadLibraryRepaired},
		{"a broken cross-reference table", append(append([]byte{}, plain[:bytes.LastIndex(plain, []byte("startxref"))]...), "startxref\n999999\n%%EOF\n"...), "", "Read by the library", ReadOwn},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := Extract(context.Background(), c.data, Options{Password: c.password})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text != c.want || doc.Path != c.path {
				t.Errorf("text %q read %v, want %q read %v", doc.Text, doc.Path, c.want, c.path)
			}
			if len(doc.Warnings) > 0 {
				t.Errorf("warnings %q", doc.Warnings)
			}
		})
	}
}

// TestPageRepairedByTheOwnLayer: of three pages, the one with a filter the
// library lacks is read by the own layer, the others by the library.
func TestPageRepairedByTheOwnLayer(t *testing.T) {
	data := buildPDF(
		obj{dict: "<< /Type /Catalog /Pages 2 0 R >>"},
		obj{dict: "<< /Type /Pages /Kids [3 0 R 6 0 R 8 0 R] /Count 3 >>"},
		obj{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		obj{dict: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"},
		obj{stream: "BT /F1 12 Tf 72 700 Td (One) Tj ET"},
		obj{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 7 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		obj{dict: "/Filter /ASCIIHexDecode", stream: "42 54 20 2F 46 31 20 31 32 20 54 66 20 37 32 20 37 30 30 20 54 64 20 28 54 77 6F 29 20 54 6A 20 45 54>"},
		obj{dict: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 9 0 R /Resources << /Font << /F1 4 0 R >> >> >>"},
		obj{stream: "BT /F1 12 Tf 72 700 Td (Three) Tj ET"},
	)
	doc := extractOK(t, data)
	if doc.Text != "One\fTwo\fThree" || doc.Path != ReadLibraryRepaired || len(doc.Warnings) > 0 {
		t.Errorf("text %q read %v warnings %q", doc.Text, doc.Path, doc.Warnings)
	}
	for _, p := range doc.Pages {
		if p.Stats.Damaged || p.Stats.Failed {
			t.Errorf("page %d: %+v", p.Number, p.Stats)
		}
	}
}
