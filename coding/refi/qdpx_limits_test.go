package refi

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

const limitsQDE = `<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources>
<TextSource guid="cccccccc-0000-4000-8000-000000000001" name="t" plainTextPath="internal://cccccccc-0000-4000-8000-000000000001.txt"/>
</Sources></Project>`

// allocatedBy returns the bytes allocated while fn ran.
func allocatedBy(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// zipWith writes an archive whose entries are written by the functions, in order.
func zipWith(t *testing.T, entries ...func(zw *zip.Writer)) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "crafted.qdpx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, e := range entries {
		e(zw)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func entry(t *testing.T, name string, data []byte) func(*zip.Writer) {
	return func(zw *zip.Writer) {
		w, err := zw.Create(name)
		if err == nil {
			_, err = w.Write(data)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// deflatedZeros returns a deflate stream of mb megabytes of zeros and its
// CRC-32, built without compressing them all: one megabyte is compressed
// by a fresh writer and flushed (byte-aligned blocks that refer to nothing
// before them), repeated, and closed by an empty final block.
func deflatedZeros(t testing.TB, mb int) ([]byte, uint32) {
	t.Helper()
	zero := make([]byte, 1<<20)
	var chunk, end bytes.Buffer
	fw, _ := flate.NewWriter(&chunk, flate.BestCompression)
	fw.Write(zero)
	if err := fw.Flush(); err != nil {
		t.Fatal(err)
	}
	fw, _ = flate.NewWriter(&end, flate.BestCompression)
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	out := append(bytes.Repeat(chunk.Bytes(), mb), end.Bytes()...)
	crc := uint32(0)
	for range mb {
		crc = crc32.Update(crc, crc32.IEEETable, zero)
	}
	return out, crc
}

// zeros writes mb megabytes of zeros, deflated, as entry name; declared
// overrides the uncompressed size in the archive's directory when > 0.
func zeros(t *testing.T, name string, mb int, declared uint64) func(*zip.Writer) {
	return func(zw *zip.Writer) {
		data, crc := deflatedZeros(t, mb)
		size := uint64(mb) << 20
		if declared > 0 {
			size = declared
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
			CompressedSize64: uint64(len(data)), UncompressedSize64: size})
		if err == nil {
			_, err = w.Write(data)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestDeflatedZerosIsValid: the test's zip bomb is a real deflate stream.
func TestDeflatedZerosIsValid(t *testing.T) {
	data, crc := deflatedZeros(t, 3)
	out, err := io.ReadAll(flate.NewReader(bytes.NewReader(data)))
	if err != nil || len(out) != 3<<20 || bytes.ContainsFunc(out, func(r rune) bool { return r != 0 }) || crc32.ChecksumIEEE(out) != crc {
		t.Fatalf("%d bytes, %v", len(out), err)
	}
	path := zipWith(t, zeros(t, "z.bin", 3, 0))
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, _ := zr.File[0].Open()
	n, err := io.Copy(io.Discard, rc)
	if err != nil || n != 3<<20 {
		t.Fatalf("zip entry: %d bytes, %v", n, err)
	}
}

func TestUnsafeEntryNamesRefused(t *testing.T) {
	for _, name := range []string{"../../evil.txt", "Sources/../../evil.txt", "/etc/evil.txt", "C:/evil.txt", `c:\evil.txt`,
		`Sources\cccccccc-0000-4000-8000-000000000001.txt`, `..\..\evil.txt`, "a/../../b.txt"} {
		t.Run(name, func(t *testing.T) {
			path := zipWith(t, entry(t, "project.qde", []byte(limitsQDE)), entry(t, name, []byte("evil")))
			_, err := ReadQDPX(path)
			if !errors.Is(err, ErrUnsafeArchive) || !strings.Contains(err.Error(), strconv.Quote(name)) || !strings.Contains(err.Error(), "nothing was read") {
				t.Fatalf("err = %v", err)
			}
		})
	}
	for _, name := range []string{"Sources/a..b.txt", "Export/Sources/x.txt", "Sources/..hidden"} {
		path := zipWith(t, entry(t, "project.qde", []byte(limitsQDE)), entry(t, name, []byte("fine")))
		if q, err := ReadQDPX(path); err != nil {
			t.Errorf("%s refused: %v", name, err)
		} else {
			q.Close()
		}
	}
}

// TestZipBombRefused: a 200 MB entry that compresses to about 200 KB is
// refused from the archive's directory, without decompressing it, whether
// or not the project refers to it.
func TestZipBombRefused(t *testing.T) {
	for _, name := range []string{"Sources/cccccccc-0000-4000-8000-000000000001.txt", "Sources/unrelated.bin"} {
		path := zipWith(t, entry(t, "project.qde", []byte(limitsQDE)), zeros(t, name, 200, 0))
		var err error
		alloc := allocatedBy(func() { _, err = ReadQDPX(path) })
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "zip bomb") || !strings.Contains(err.Error(), "to 200 MB") {
			t.Fatalf("%s: err = %v", name, err)
		}
		if alloc > 16<<20 {
			t.Errorf("%s: refusing it allocated %d MB", name, alloc>>20)
		}
	}
}

// TestForgedSizeStopsWhileReading: an entry whose directory claims a small
// size but whose data expands to 200 MB is stopped while it is read, at the
// claimed size, with bounded memory.
func TestForgedSizeStopsWhileReading(t *testing.T) {
	path := zipWith(t, entry(t, "project.qde", []byte(limitsQDE)), zeros(t, "Sources/cccccccc-0000-4000-8000-000000000001.txt", 200, 1000))
	q, err := ReadQDPX(path)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	alloc := allocatedBy(func() { _, err = q.Text(q.Project.TextSources[0]) })
	if err == nil {
		t.Fatal("a forged entry was read")
	}
	if alloc > 16<<20 {
		t.Errorf("reading the forged entry allocated %d MB", alloc>>20)
	}
}

// TestLargeFilesRefused: a project.qde, a PDF or a text over its limit, and
// sources adding up to more than the total, are refused when the archive
// is opened, with the sizes in the message.
func TestLargeFilesRefused(t *testing.T) {
	// A directory that declares a 200 MB project.qde (stored): refused before reading.
	big := func(zw *zip.Writer) {
		if _, err := zw.CreateRaw(&zip.FileHeader{Name: "project.qde", Method: zip.Store,
			CompressedSize64: 200 << 20, UncompressedSize64: 200 << 20}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ReadQDPX(zipWith(t, big)); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "project.qde is 200 MB; a project file may be up to 128 MB") {
		t.Errorf("big project.qde: %v", err)
	}
	qde := `<Project xmlns="urn:QDA-XML:project:1.0" name="x"><Sources>
<PDFSource guid="cccccccc-0000-4000-8000-000000000002" name="p" path="internal://p.pdf"/>
<TextSource guid="cccccccc-0000-4000-8000-000000000001" name="t" plainTextPath="internal://t.txt"/>
</Sources></Project>`
	path := buildZip(t, map[string][]byte{"project.qde": []byte(qde), "Sources/p.pdf": bytes.Repeat([]byte("%PDF"), 50000),
		"Sources/t.txt": bytes.Repeat([]byte("text "), 40000)})
	ctx := context.Background()
	if _, err := ReadQDPXWith(ctx, path, ReadOptions{MaxSourceSize: 100000}); !errors.Is(err, ErrTooLarge) ||
		!strings.Contains(err.Error(), "p.pdf (PDF) is 195.3 KB; a PDF may be up to 97.7 KB") {
		t.Errorf("PDF over the limit: %v", err)
	}
	if _, err := ReadQDPXWith(ctx, path, ReadOptions{MaxTotalSize: 300000}); !errors.Is(err, ErrTooLarge) ||
		!strings.Contains(err.Error(), "add up to 390.6 KB; an archive may hold up to 293 KB") {
		t.Errorf("total over the limit: %v", err)
	}
	q, err := ReadQDPXWith(ctx, path, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	q.Close()
}

// TestEntityExpansionRefused: a project.qde that declares entities (the
// "billion laughs") is refused as malformed; nothing is expanded.
func TestEntityExpansionRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY lol "lol">`)
	prev := "lol"
	for i := 1; i <= 9; i++ {
		name := "lol" + string(rune('0'+i))
		b.WriteString(`<!ENTITY ` + name + ` "` + strings.Repeat("&"+prev+";", 10) + `">`)
		prev = name
	}
	b.WriteString(`]><Project xmlns="urn:QDA-XML:project:1.0" name="&lol9;"></Project>`)
	path := buildZip(t, map[string][]byte{"project.qde": []byte(b.String())})
	var err error
	alloc := allocatedBy(func() { _, err = ReadQDPX(path) })
	var fe *FormatError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "lol9") {
		t.Fatalf("err = %v", err)
	}
	if alloc > 16<<20 {
		t.Errorf("refusing it allocated %d MB", alloc>>20)
	}
	if _, _, err := ReadQDC(strings.NewReader(strings.Replace(b.String(), "Project", "CodeBook", -1))); err == nil {
		t.Error("a codebook with entities was read")
	}
}
