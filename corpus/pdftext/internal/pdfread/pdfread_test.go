package pdfread

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	lpdf "github.com/ledongthuc/pdf"
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

func deflate(s string) string {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write([]byte(s))
	w.Close()
	return z.String()
}

// sample has two pages, names, numbers, text strings, nested direct
// dictionaries, a shared font and a compressed stream.
func sample() []byte {
	return build(
		"<< /Type /Catalog /Pages 2 0 R /Info << /Title (caf\\351 \\(one\\)) >> >>",
		"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 /MediaBox [0 0 612 792.5] >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 7 0 R >> >> /N -3 /R 1.5 /U <FEFF00e9> >>",
		"\x00BT (first page) Tj ET",
		"<< /Type /Page /Parent 2 0 R /Contents [6 0 R] /Resources << /Font << /F1 7 0 R >> >> >>",
		"/Filter /FlateDecode\x00"+deflate("BT (second page) Tj ET"),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Widths [250 333.5 500] >>",
	)
}

// objectStreams has the pages in an object stream, listed by a
// cross-reference stream.
func objectStreams() []byte { return objectStreamsWith("/N 3") }

// objectStreamsWith writes objectStreams with the object stream's /N (and
// more entries) given.
func objectStreamsWith(n string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	off := map[int]int{}
	put := func(n int, s string) {
		off[n] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, s)
	}
	parts := []string{"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Rotate 90 >>"}
	objs, header := "", ""
	for i, p := range parts {
		header += fmt.Sprintf("%d %d ", i+1, len(objs))
		objs += p + " "
	}
	z := deflate(header + objs)
	put(5, fmt.Sprintf("<< /Type /ObjStm %s /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", n, len(header), len(z), z))
	put(4, "<< /Length 8 >>\nstream\nBT ET q \nendstream")
	xref := b.Len()
	row := func(t, a, c int) []byte { return []byte{byte(t), byte(a >> 8), byte(a), byte(c)} }
	var rows []byte
	for _, r := range [][3]int{{0, 0, 0}, {2, 5, 0}, {2, 5, 1}, {2, 5, 2}, {1, off[4], 0}, {1, off[5], 0}, {1, xref, 0}} {
		rows = append(rows, row(r[0], r[1], r[2])...)
	}
	fmt.Fprintf(&b, "6 0 obj\n<< /Type /XRef /Size 7 /W [1 2 1] /Root 1 0 R /Length %d >>\nstream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", len(rows), rows, xref)
	return b.Bytes()
}

// dump writes a value tree (references followed, cycles cut) as text.
func dump(v Value, depth int, seen map[uint64]bool) string {
	if depth > 8 {
		return "…"
	}
	switch v.Kind() {
	case Null:
		return "null"
	case Bool:
		return "bool"
	case Integer, Real:
		return fmt.Sprintf("%g/%d", v.Float64(), v.Int64())
	case Name:
		return "/" + v.Name()
	case String:
		return fmt.Sprintf("%q", v.Text())
	case Array:
		var parts []string
		for i := 0; i < v.Len(); i++ {
			parts = append(parts, dump(v.Index(i), depth+1, seen))
		}
		return "[" + strings.Join(parts, " ") + "]"
	case Dict, Stream:
		if id := v.ID(); id != 0 && seen[id] && depth > 0 {
			return fmt.Sprintf("@%d", id>>16)
		}
		seen[v.ID()] = true
		keys := v.Keys()
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			if k == "Parent" {
				continue
			}
			parts = append(parts, "/"+k+" "+dump(v.Key(k), depth+1, seen))
		}
		s := "<<" + strings.Join(parts, " ") + ">>"
		if v.Kind() == Stream {
			d, err := v.Data(1 << 20)
			s += fmt.Sprintf(" stream %q %v", d, err)
		}
		return s
	}
	return "?"
}

func mustLib(t *testing.T, data []byte) Doc {
	t.Helper()
	d, err := OpenLib(context.Background(), data, "")
	if err != nil {
		t.Fatalf("OpenLib: %v", err)
	}
	return d
}

func mustOwn(t *testing.T, data []byte) Doc {
	t.Helper()
	d, err := OpenOwn(data, "", false)
	if err != nil {
		t.Fatalf("OpenOwn: %v", err)
	}
	return d
}

func TestKindsMatchTheLibrary(t *testing.T) {
	for _, k := range []struct {
		ours Kind
		lib  lpdf.ValueKind
	}{{Null, lpdf.Null}, {Bool, lpdf.Bool}, {Integer, lpdf.Integer}, {Real, lpdf.Real}, {String, lpdf.String},
		{Name, lpdf.Name}, {Dict, lpdf.Dict}, {Array, lpdf.Array}, {Stream, lpdf.Stream}} {
		if int(k.ours) != int(k.lib) {
			t.Errorf("kind %d is the library's %d", k.ours, k.lib)
		}
	}
}

// TestLibraryInternals fails when a new version of github.com/ledongthuc/pdf
// changes the unexported fields the adapter reads object numbers from.
func TestLibraryInternals(t *testing.T) {
	if !libLayout.ok {
		t.Fatal("pdf.Value's ptr and data fields not found")
	}
	d := mustLib(t, sample())
	pages, _ := d.Pages()
	p := pages[0]
	if p.ID() != 3<<16 || p.RefID("Contents") != 4<<16 || p.Key("Contents").ID() != 4<<16 {
		t.Errorf("ids: page %d contents ref %d contents %d", p.ID(), p.RefID("Contents"), p.Key("Contents").ID())
	}
	if c := pages[1].Key("Contents"); c.RefIDAt(0) != 6<<16 || c.Index(0).Kind() != Stream {
		t.Errorf("array reference: %d", c.RefIDAt(0))
	}
	if off := p.Key("Contents").(*lib).raw.off; off <= 0 || !bytes.HasPrefix(sample()[off:], []byte("BT (first")) {
		t.Errorf("stream offset %d", off)
	}
}

// TestBothLayersReadAlike walks the same files through both layers.
func TestBothLayersReadAlike(t *testing.T) {
	for name, data := range map[string][]byte{"classic": sample(), "object streams": objectStreams()} {
		t.Run(name, func(t *testing.T) {
			lib, own := mustLib(t, data), mustOwn(t, data)
			lp, lc := lib.Pages()
			op, oc := own.Pages()
			if len(lp) != len(op) || lc != oc || len(lp) == 0 {
				t.Fatalf("pages %d/%d claimed %d/%d", len(lp), len(op), lc, oc)
			}
			for i := range lp {
				a, b := dump(lp[i], 0, map[uint64]bool{}), dump(op[i], 0, map[uint64]bool{})
				if a != b {
					t.Errorf("page %d:\nlibrary %s\nown     %s", i+1, a, b)
				}
				if Inherited(lp[i], "MediaBox").Index(3).Float64() != Inherited(op[i], "MediaBox").Index(3).Float64() {
					t.Errorf("page %d: inherited media box differs", i+1)
				}
			}
			if a, b := dump(lib.Trailer(), 0, map[uint64]bool{}), dump(own.Trailer(), 0, map[uint64]bool{}); a != b {
				t.Errorf("trailer:\nlibrary %s\nown     %s", a, b)
			}
			if lib.Trouble() || own.Trouble() || lib.Repaired() || own.Repaired() {
				t.Errorf("trouble %v repaired %v", lib.Trouble(), own.Repaired())
			}
		})
	}
}

func TestLibraryTrouble(t *testing.T) {
	catalog, pages := "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
	page := "<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 9 0 R >> >> >>"
	good := build(catalog, pages, page, "\x00BT (text) Tj ET")
	cases := map[string]struct {
		data []byte
		read func(p Value) (Value, error)
	}{
		"a reference to nothing": {good, func(p Value) (Value, error) {
			return p.Key("Resources").Key("Font").Key("F1"), nil
		}},
		"an object that is not where the table says": {
			bytes.Replace(good, []byte("4 0 obj"), []byte("8 0 obj"), 1),
			func(p Value) (Value, error) { return p.Key("Contents"), nil },
		},
		"a stream shorter than its length": {
			bytes.Replace(good, []byte("/Length 15>>"), []byte("/Length 25>>"), 1),
			func(p Value) (Value, error) { d, err := p.Key("Contents").Data(1 << 20); return null{}, wrap(d, err) },
		},
		"a filter the library lacks": {
			build(catalog, pages, page, "/Filter /LZWDecode\x00\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01"),
			func(p Value) (Value, error) { d, err := p.Key("Contents").Data(1 << 20); return null{}, wrap(d, err) },
		},
		"a damaged compressed stream": {
			build(catalog, pages, page, "/Filter /FlateDecode\x00"+deflate(strings.Repeat("BT (x) Tj ET ", 50))[:20]),
			func(p Value) (Value, error) { d, err := p.Key("Contents").Data(1 << 20); return null{}, wrap(d, err) },
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			d := mustLib(t, c.data)
			ps, _ := d.Pages()
			if d.Trouble() || len(ps) != 1 {
				t.Fatalf("pages %d", len(ps))
			}
			v, err := c.read(ps[0])
			if !d.Trouble() {
				t.Errorf("no trouble reported (value %v, err %v)", v.Kind(), err)
			}
			if d.Trouble() {
				t.Error("Trouble did not forget")
			}
		})
	}
}

func wrap(d []byte, err error) error {
	if err != nil && !errors.Is(err, ErrDamaged) {
		return fmt.Errorf("unexpected error %w (%q)", err, d)
	}
	return err
}

func TestLibraryDeclines(t *testing.T) {
	good := sample()
	x := bytes.LastIndex(good, []byte("\nxref\n")) + 1
	loop := append(append([]byte(nil), good...), fmt.Sprintf("xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 8 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n", len(good), len(good))...)
	cases := map[string][]byte{
		"PDF 2.0":                             bytes.Replace(good, []byte("%PDF-1.4"), []byte("%PDF-2.0"), 1),
		"junk before the header":              append([]byte("From: someone\r\n\r\n"), good...),
		"no %%EOF":                            good[:len(good)-6],
		"wrong startxref":                     bytes.Replace(good, []byte(fmt.Sprintf("startxref\n%d", x)), []byte("startxref\n17"), 1),
		"a /Prev chain that loops":            loop,
		"a subsection beyond any real file":   bytes.Replace(good, []byte("xref\n0 8\n"), []byte("xref\n4000000000 8\n"), 1),
		"an xref stream beyond any real file": bytes.Replace(objectStreams(), []byte("/Size 7"), []byte("/Size 9999999999"), 1),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := OpenLib(context.Background(), data, ""); !errors.Is(err, ErrDeclined) {
				t.Errorf("OpenLib: %v", err)
			}
			if name != "a subsection beyond any real file" && name != "an xref stream beyond any real file" {
				if _, err := OpenOwn(data, "", false); err != nil {
					t.Errorf("the repair layer does not open it either: %v", err)
				}
			}
		})
	}
}

// TestLibraryLoopsEnd: an object stream that extends itself sends the
// library round in circles; the read budget ends it.
func TestLibraryLoopsEnd(t *testing.T) {
	// Object 3 listed in object stream 5, which does not hold it and extends itself.
	data := objectStreamsWith("/N 2 /Extends 5 0 R")
	d := mustLib(t, data)
	done := make(chan bool)
	go func() {
		d.Trailer().Key("Root").Key("Pages").Key("Kids").Index(0)
		done <- d.Trouble()
	}()
	select {
	case trouble := <-done:
		if !trouble {
			t.Error("no trouble reported")
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the library still runs")
	}
}

func TestCancelStopsTheLibrary(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	d, err := OpenLib(ctx, sample(), "")
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	if ps, _ := d.Pages(); len(ps) != 0 || !d.Trouble() {
		t.Errorf("read %d pages after cancelling", len(ps))
	}
}
