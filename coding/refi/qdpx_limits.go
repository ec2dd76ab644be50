package refi

import (
	"archive/zip"
	"errors"
	"fmt"
	"path"
	"strings"
)

// Limits on what a .qdpx archive may hold. They are generous for real
// projects (a 500-study review with its PDFs is usually under 2 GB)
// and are checked from the archive's directory before anything is
// decompressed; archive/zip also stops any entry at its declared size while
// it is read, so a forged directory cannot get past them.
const (
	// DefaultMaxSourceSize caps one source file (a PDF, a text) read from an
	// archive: 512 MB.
	DefaultMaxSourceSize = 512 << 20
	// DefaultMaxTotalSize caps the source files (PDFs, texts and notes) an
	// archive's project refers to, added up: 8 GB.
	DefaultMaxTotalSize = 8 << 30
	// MaxCompressionRatio is the most an entry larger than 1 MB may expand
	// (real texts compress 3 to 10 times, PDFs hardly at all; a zip bomb a
	// thousand times).
	MaxCompressionRatio = 100
	// ratioFloor is the size below which an entry's ratio is not checked.
	ratioFloor = 1 << 20
)

// ErrUnsafeArchive means an archive holds an entry whose name points
// outside the archive (.., an absolute path, a drive letter, backslashes):
// a damaged or hostile file, refused as a whole.
var ErrUnsafeArchive = errors.New("the archive holds a file whose name points outside it")

// unsafeEntryName says why an entry name is refused, "" when it is fine.
func unsafeEntryName(name string) string {
	switch {
	case strings.ContainsRune(name, 0):
		return "has a NUL character in its name"
	case strings.Contains(name, `\`):
		return "has a backslash in its name (zip archives separate folders with /)"
	case strings.HasPrefix(name, "/"):
		return "is an absolute path"
	case len(name) >= 2 && name[1] == ':' && (name[0]|0x20 >= 'a' && name[0]|0x20 <= 'z'):
		return "starts with a drive letter"
	}
	for _, part := range strings.Split(name, "/") {
		if part == ".." {
			return "goes up out of the archive (..)"
		}
	}
	return ""
}

// checkEntries refuses an archive with an unsafe entry name or an entry
// that expands suspiciously (a zip bomb), before anything is read.
func checkEntries(file string, zr *zip.Reader) error {
	for _, f := range zr.File {
		if why := unsafeEntryName(f.Name); why != "" {
			return fmt.Errorf("%s: %w: %q %s; nothing was read from it (ask for a new export)", file, ErrUnsafeArchive, f.Name, why)
		}
		if f.FileInfo().IsDir() {
			continue
		}
		if u, c := f.UncompressedSize64, f.CompressedSize64; u > ratioFloor && (c == 0 || u/c > MaxCompressionRatio) {
			return fmt.Errorf("%s: %w: %s expands from %s to %s (more than %d times): the archive looks like a zip bomb and was not read",
				file, ErrTooLarge, f.Name, sizeText(c), sizeText(u), MaxCompressionRatio)
		}
	}
	return nil
}

// checkSizes refuses, before anything is imported, an archive whose
// project refers to a source file larger than the limits or to more than
// the total limit, counting each archive entry once.
func (q *QDPX) checkSizes() error {
	var total uint64
	seen := map[*zip.File]bool{}
	add := func(ref string, limit int64, what string) error {
		if ref == "" {
			return nil
		}
		loc, ok := q.locate(ref)
		if !ok || loc.zf == nil || seen[loc.zf] {
			return nil
		}
		seen[loc.zf] = true
		size := loc.zf.UncompressedSize64
		if size > uint64(limit) {
			return fmt.Errorf("%s: %w: %s (%s) is %s; a %s may be up to %s", q.name, ErrTooLarge, path.Base(loc.zf.Name), what,
				sizeText(size), what, sizeText(uint64(limit)))
		}
		total += size
		return nil
	}
	p := q.Project
	for _, ts := range append(p.AllTextSources(), p.Notes...) {
		if err := add(ts.PlainTextPath, q.opts.MaxTextSize, "text"); err != nil {
			return err
		}
	}
	for _, pdf := range p.PDFSources {
		if err := add(pdf.Path, q.opts.MaxSourceSize, "PDF"); err != nil {
			return err
		}
	}
	if total > uint64(q.opts.MaxTotalSize) {
		return fmt.Errorf("%s: %w: its texts and PDFs add up to %s; an archive may hold up to %s (import the sources in several archives)",
			q.name, ErrTooLarge, sizeText(total), sizeText(uint64(q.opts.MaxTotalSize)))
	}
	return nil
}

// sizeText writes a byte count for a message: "204 KB", "200 MB", "8 GB".
func sizeText(n uint64) string {
	switch {
	case n >= 1<<30:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<30))) + " GB"
	case n >= 1<<20:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<20))) + " MB"
	case n >= 1<<10:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/(1<<10))) + " KB"
	}
	return fmt.Sprintf("%d bytes", n)
}

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }
