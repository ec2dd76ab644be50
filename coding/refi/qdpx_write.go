package refi

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sync"
	"time"

	"github.com/evidence-workbench/workbench/internal/atomicfile"
)

// SourceOpener supplies the bytes of source files to WriteQDPX. It is asked
// for (guid, ".txt") for every text source, PDF representation and note, for
// (guid, ".docx") for text sources and for (guid, ".pdf") for PDF sources.
// It returns an error wrapping fs.ErrNotExist when there is no such file:
// text is then written inline from PlainTextContent, and the DOCX or PDF is
// left out. Text must be UTF-8; positions are code points of it.
type SourceOpener func(guid, ext string) (io.ReadCloser, error)

// BytesOpener serves files from memory, keyed by "<guid>.<ext>" (e.g. "0f...e1.txt").
func BytesOpener(files map[string][]byte) SourceOpener {
	return func(guid, ext string) (io.ReadCloser, error) {
		b, ok := files[guid+ext]
		if !ok {
			return nil, fs.ErrNotExist
		}
		return io.NopCloser(bytes.NewReader(b)), nil
	}
}

// Progress reports how far a long operation got.
type Progress struct {
	Stage string // "sources" while copying files, "project" while writing project.qde
	Done  int
	Total int
}

// sourcesDir is the folder of internal files; NVivo, ATLAS.ti and MAXQDA write
// it capitalised and readers on case-sensitive systems expect that spelling.
const sourcesDir = "Sources/"

// WriteQDPX writes p and its files as a .qdpx archive to out. Files come from
// open (nil writes every text inline); they are streamed in, one at a time.
// The project.qde validates against Project.xsd. Unsupported sources are not
// written. progress may be nil.
func WriteQDPX(ctx context.Context, out io.Writer, p *Project, open SourceOpener, progress func(Progress)) (err error) {
	if p == nil {
		return fmt.Errorf("write qdpx: %w: no project", ErrInvalidModel)
	}
	if progress == nil {
		progress = func(Progress) {}
	}
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("write qdpx: internal error: %v", v)
		}
	}()
	// Build (and so check) the model before copying any file: a bad GUID
	// should not cost a full export.
	w := &writer{}
	x := w.project(p)
	if w.err != nil {
		return fmt.Errorf("write qdpx: %w", w.err)
	}
	zw := zip.NewWriter(out)
	zw.RegisterCompressor(zip.Deflate, pooledDeflate)
	files := map[string]string{} // guid+ext -> "internal://guid.ext" of files written

	type want struct{ guid, ext string }
	var wants []want
	for _, ts := range p.TextSources {
		wants = append(wants, want{ts.GUID, ".txt"}, want{ts.GUID, ".docx"})
	}
	for _, pdf := range p.PDFSources {
		wants = append(wants, want{pdf.GUID, ".pdf"})
		if pdf.Representation != nil {
			wants = append(wants, want{pdf.Representation.GUID, ".txt"})
		}
	}
	for _, n := range p.Notes {
		wants = append(wants, want{n.GUID, ".txt"})
	}
	now := time.Now()
	if open != nil {
		for i, wt := range wants {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("write qdpx: %w", err)
			}
			progress(Progress{Stage: "sources", Done: i, Total: len(wants)})
			g, ok := NormalizeGUID(wt.guid)
			if !ok {
				return fmt.Errorf("write qdpx: %w: source GUID %q is not a UUID", ErrInvalidModel, wt.guid)
			}
			if _, dup := files[g+wt.ext]; dup {
				return fmt.Errorf("write qdpx: %w: two sources share GUID %s", ErrInvalidModel, g)
			}
			written, err := copySource(zw, open, wt.guid, g, wt.ext, now)
			if err != nil {
				return fmt.Errorf("write qdpx: %w", err)
			}
			if written {
				files[g+wt.ext] = "internal://" + g + wt.ext
			}
		}
	}
	progress(Progress{Stage: "project", Done: len(wants), Total: len(wants)})
	attachFiles(x, files)
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: "project.qde", Method: zip.Deflate, Modified: now})
	if err != nil {
		return fmt.Errorf("write qdpx: %w", err)
	}
	if err := encodeXML(fw, x); err != nil {
		return fmt.Errorf("write qdpx: project.qde: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write qdpx: %w", err)
	}
	return nil
}

// attachFiles points the written sources of x to their files in Sources/.
func attachFiles(x *xProject, files map[string]string) {
	text := func(t *xTextSource) {
		if p, ok := files[t.GUID+".txt"]; ok {
			t.PlainTextPath, t.PlainTextContent = p, nil
		}
		if p, ok := files[t.GUID+".docx"]; ok {
			t.RichTextPath = p
		}
	}
	if x.Sources != nil {
		for i := range x.Sources.Text {
			text(&x.Sources.Text[i])
		}
		for i := range x.Sources.PDF {
			pdf := &x.Sources.PDF[i]
			if p, ok := files[pdf.GUID+".pdf"]; ok {
				pdf.Path = p
			}
			if pdf.Representation != nil {
				text(pdf.Representation)
			}
		}
	}
	if x.Notes != nil {
		for i := range x.Notes.Note {
			text(&x.Notes.Note[i])
		}
	}
}

// flateWriters reuses compressors: a flate.Writer holds about a megabyte of
// state, which would otherwise be allocated again for every source file.
var flateWriters sync.Pool

type pooledFlate struct{ *flate.Writer }

func (p pooledFlate) Close() error {
	err := p.Writer.Close()
	flateWriters.Put(p.Writer)
	return err
}

func pooledDeflate(w io.Writer) (io.WriteCloser, error) {
	if fw, ok := flateWriters.Get().(*flate.Writer); ok {
		fw.Reset(w)
		return pooledFlate{fw}, nil
	}
	fw, err := flate.NewWriter(w, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	return pooledFlate{fw}, nil
}

// copySource streams one file from open into the archive; false when open has none.
func copySource(zw *zip.Writer, open SourceOpener, guid, norm, ext string, now time.Time) (bool, error) {
	rc, err := open(guid, ext)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("source %s%s: %w", guid, ext, err)
	}
	defer rc.Close()
	method := zip.Deflate
	if ext == ".docx" {
		method = zip.Store // already compressed
	}
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: sourcesDir + norm + ext, Method: method, Modified: now})
	if err != nil {
		return false, fmt.Errorf("source %s%s: %w", guid, ext, err)
	}
	n, err := io.Copy(fw, io.LimitReader(rc, MaxSourceSize+1))
	if err != nil {
		return false, fmt.Errorf("source %s%s: %w", guid, ext, err)
	}
	if n > MaxSourceSize {
		return false, fmt.Errorf("source %s%s: %w (REFI allows %d bytes)", guid, ext, ErrTooLarge, int64(MaxSourceSize))
	}
	return true, nil
}

// WriteQDPXFile writes the archive to path through a temporary file in the
// same folder, so a failed export never leaves a half-written file behind;
// the file follows the umask (see internal/atomicfile).
func WriteQDPXFile(ctx context.Context, path string, p *Project, open SourceOpener, progress func(Progress)) error {
	return atomicfile.WriteTo(path, func(w io.Writer) error { return WriteQDPX(ctx, w, p, open, progress) })
}
