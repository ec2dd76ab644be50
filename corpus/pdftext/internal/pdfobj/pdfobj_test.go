package pdfobj

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"
)

// build writes objects 1..n with a correct classic cross-reference table.
// Each object is "dict" or "dict\x00streamdata".
func build(objs ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		if d, s, ok := strings.Cut(o, "\x00"); ok {
			fmt.Fprintf(&b, "<<%s /Length %d>>\nstream\n%s\nendstream\nendobj\n", d, len(s), s)
		} else {
			b.WriteString(o + "\nendobj\n")
		}
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

func sample() []byte {
	return build(
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Title (caf\\351 \\(one\\)) /N 1.5 /Neg -3 >>",
		"\x00BT (first page) Tj ET",
		"<< /Type /Page /Parent 2 0 R /Contents 6 0 R >>",
		"\x00BT (second page) Tj ET",
	)
}

func mustOpen(t *testing.T, data []byte) *Reader {
	t.Helper()
	r, err := Open(data, Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return r
}

func pageTexts(t *testing.T, r *Reader) []string {
	t.Helper()
	pages, _ := r.Pages()
	var out []string
	for _, p := range pages {
		d, err := p.Key("Contents").Data(1 << 20)
		if err != nil {
			t.Fatalf("contents: %v", err)
		}
		out = append(out, string(d))
	}
	return out
}

func TestValues(t *testing.T) {
	r := mustOpen(t, sample())
	pages, claimed := r.Pages()
	if len(pages) != 2 || claimed != 2 {
		t.Fatalf("pages %d claimed %d", len(pages), claimed)
	}
	p := pages[0]
	if p.Key("Title").Text() != "café (one)" || p.Key("N").Float64() != 1.5 || p.Key("Neg").Int64() != -3 {
		t.Errorf("values: %q %v %v", p.Key("Title").Text(), p.Key("N"), p.Key("Neg"))
	}
	if p.RefID("Contents") != 4<<16 || p.Key("Contents").ID() != 4<<16 || r.Repaired() {
		t.Errorf("ids %d %d repaired %v", p.RefID("Contents"), p.Key("Contents").ID(), r.Repaired())
	}
	if got := pageTexts(t, r); got[0] != "BT (first page) Tj ET" || got[1] != "BT (second page) Tj ET" {
		t.Errorf("contents %q", got)
	}
}

// TestRepairs damages the sample in the ways real files are damaged; every
// variant must still yield both pages' contents.
func TestRepairs(t *testing.T) {
	good := sample()
	x := bytes.LastIndex(good, []byte("xref"))
	cases := map[string][]byte{
		"junk before the header":   append([]byte("From: someone\r\nSubject: report\r\n\r\n"), good...),
		"PDF 2.0 header":           bytes.Replace(good, []byte("%PDF-1.4"), []byte("%PDF-2.0"), 1),
		"no xref, no trailer":      good[:x],
		"wrong startxref":          bytes.Replace(good, []byte(fmt.Sprintf("startxref\n%d", x)), []byte("startxref\n17"), 1),
		"shifted offsets":          bytes.Replace(good, []byte("%PDF-1.4\n"), []byte("%PDF-1.4\n% an inserted comment line\n"), 1),
		"wrong stream length":      bytes.Replace(good, []byte("/Length 21>>"), []byte("/Length 9>>"), 1),
		"zeroed table":             zeroDigits(good, x),
		"trailer without root":     bytes.Replace(good, []byte("/Root 1 0 R"), []byte("/Xoot 1 0 R"), 1),
		"catalog lost, tree found": bytes.Replace(bytes.Replace(good, []byte("/Type /Catalog"), []byte("/Type /Catalox"), 1), []byte("/Root 1 0 R"), []byte("/Xoot 1 0 R"), 1),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			r := mustOpen(t, data)
			got := pageTexts(t, r)
			if len(got) != 2 || got[0] != "BT (first page) Tj ET" || got[1] != "BT (second page) Tj ET" {
				t.Errorf("contents %q", got)
			}
		})
	}
}

func zeroDigits(d []byte, from int) []byte {
	d = append([]byte(nil), d...)
	end := bytes.Index(d[from:], []byte("trailer")) + from
	for i := from; i < end; i++ {
		if d[i] >= '0' && d[i] <= '9' {
			d[i] = '0'
		}
	}
	return d
}

func TestPageTreeLost(t *testing.T) {
	data := bytes.Replace(sample(), []byte("/Kids [3 0 R 5 0 R]"), []byte("/Kids [9 0 R 9 0 R]"), 1)
	r := mustOpen(t, data)
	if got := pageTexts(t, r); len(got) != 2 || !r.Repaired() {
		t.Errorf("pages found by scanning: %q repaired %v", got, r.Repaired())
	}
}

func TestObjectStreamsAndXrefStream(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	off := map[int]int{}
	put := func(n int, s string) {
		off[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, s)
	}
	parts := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>"}
	objs, header := "", ""
	for i, p := range parts {
		header += fmt.Sprintf("%d %d ", i+1, len(objs))
		objs += p + " "
	}
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte(header + objs))
	w.Close()
	put(5, fmt.Sprintf("<< /Type /ObjStm /N 3 /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", len(header), z.Len(), z.String()))
	put(4, "<< /Length 8 >>\nstream\nBT ET q \nendstream")
	xref := b.Len()
	row := func(t, a, c int) []byte { return []byte{byte(t), byte(a >> 8), byte(a), byte(c)} }
	var rows []byte
	rows = append(rows, row(0, 0, 0)...)
	rows = append(rows, row(2, 5, 0)...)
	rows = append(rows, row(2, 5, 1)...)
	rows = append(rows, row(2, 5, 2)...)
	rows = append(rows, row(1, off[4], 0)...)
	rows = append(rows, row(1, off[5], 0)...)
	rows = append(rows, row(1, xref, 0)...)
	fmt.Fprintf(&b, "6 0 obj\n<< /Type /XRef /Size 7 /W [1 2 1] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", len(rows), rows, xref)
	r := mustOpen(t, b.Bytes())
	if got := pageTexts(t, r); len(got) != 1 || got[0] != "BT ET q " || r.Repaired() {
		t.Errorf("contents %q repaired %v", got, r.Repaired())
	}
	// With the cross-reference stream destroyed, the scan finds the objects
	// inside the object stream.
	broken := bytes.Replace(b.Bytes(), rows, make([]byte, len(rows)), 1)
	r = mustOpen(t, broken)
	if got := pageTexts(t, r); len(got) != 1 || got[0] != "BT ET q " || !r.Repaired() {
		t.Errorf("rebuilt: contents %q repaired %v", got, r.Repaired())
	}
}

func TestFilters(t *testing.T) {
	cases := []struct {
		filter, parms, data, want string
	}{
		{"/ASCIIHexDecode", "", "48 65 6C6c6F>", "Hello"},
		{"/ASCII85Decode", "", "<~87cURD]i,\"Ebo80~>", "Hello World!"},
		{"/RunLengthDecode", "", "\x02abc\xfdz\x80", "abczzzz"},
		// "-----A---B" in 9-bit LZW codes with EarlyChange 1 (PDF 32000 example).
		{"/LZWDecode", "", "\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01", "-----A---B"},
	}
	for _, c := range cases {
		data := build("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>", "/Filter "+c.filter+c.parms+"\x00"+c.data)
		r := mustOpen(t, data)
		pages, _ := r.Pages()
		got, err := pages[0].Key("Contents").Data(1 << 20)
		if err != nil || string(got) != c.want {
			t.Errorf("%s: %q %v, want %q", c.filter, got, err, c.want)
		}
	}
}

func TestDamagedFlate(t *testing.T) {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte(strings.Repeat("BT (some text that compresses) Tj ET\n", 200)))
	w.Close()
	comp := z.Bytes()
	for name, c := range map[string]struct {
		data    []byte
		damaged bool
	}{
		"whole":            {comp, false},
		"no checksum":      {comp[:len(comp)-4], false},
		"corrupted middle": {append(append(append([]byte(nil), comp[:len(comp)/2]...), 0xff, 0xff, 0xff, 0xff), comp[len(comp)/2+4:]...), true},
	} {
		r := mustOpen(t, build("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>", "/Filter /FlateDecode\x00"+string(c.data)))
		pages, _ := r.Pages()
		got, err := pages[0].Key("Contents").Data(1 << 20)
		if (err != nil) != c.damaged || r.Damaged() != c.damaged {
			t.Errorf("%s: err %v damaged %v", name, err, r.Damaged())
		}
		if !strings.HasPrefix("BT (some", string(got[:8])) {
			t.Errorf("%s: data %q", name, got[:20])
		}
	}
}

func TestHostileInputEnds(t *testing.T) {
	for _, data := range [][]byte{
		[]byte("%PDF-1.4\n" + strings.Repeat("[", 100000)),
		[]byte("%PDF-1.4\n1 0 obj << /A 1 0 R >> endobj trailer << /Root 1 0 R >>"),
		[]byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj trailer << /Root 1 0 R >>"),
		[]byte("%PDF-1.4\nxref\n0 2000000000\n"),
		[]byte("no header at all"),
	} {
		r, err := Open(data, Options{})
		if err == nil {
			r.Pages()
		}
	}
}
