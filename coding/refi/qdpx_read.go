package refi

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// MaxSourceSize is the REFI limit on one internal source file, 2^31-1 bytes
// (the writer's limit; reading is capped by DefaultMaxSourceSize).
const MaxSourceSize = 1<<31 - 1

// MaxTextSize is the default cap on one plain text read into memory by
// Text: 64 MB, some ten thousand pages.
const MaxTextSize = 64 << 20

// ReadOptions tune ReadQDPXWith.
type ReadOptions struct {
	// AllowExternal lets source files referenced outside the archive
	// (relative:// against basePath or the archive's folder, absolute://) be read from disk.
	AllowExternal bool
	// MaxSourceSize caps one source file; 0 means DefaultMaxSourceSize.
	MaxSourceSize int64
	// MaxTextSize caps one plain text read by Text; 0 means MaxTextSize.
	MaxTextSize int64
	// MaxTotalSize caps the archive's source files the project refers to,
	// added up; 0 means DefaultMaxTotalSize.
	MaxTotalSize int64
	// Progress, when set, hears about the texts checked while opening (stage "texts").
	Progress func(Progress)
	// SkipTextCheck opens the archive without reading the texts: positions
	// stay as the file gives them (for a quick look at users, codes and
	// selections before an import).
	SkipTextCheck bool
}

// QDPX is an opened project archive. The project is decoded eagerly, source
// files are read on demand; Close releases the archive.
type QDPX struct {
	Project  *Project
	Warnings []Warning

	name    string
	zr      *zip.Reader
	closer  io.Closer            // the file behind zr, nil for ReadQDPXFrom
	entries map[string]*zip.File // lower-case base name of files directly under Sources/ or sources/
	opts    ReadOptions
	mu      sync.Mutex      // guards Warnings and checked, which Text updates
	checked map[string]bool // texts already checked by Text
}

// ReadQDPX opens the .qdpx at path with default options (no external files).
func ReadQDPX(path string) (*QDPX, error) {
	return ReadQDPXWith(context.Background(), path, ReadOptions{})
}

// ReadQDPXWith opens the .qdpx at path: it decodes project.qde, indexes
// Sources/ and reads each text that has selections once to check (and if
// needed convert) their positions. Cancelling ctx stops that check.
func ReadQDPXWith(ctx context.Context, file string, opts ReadOptions) (*QDPX, error) {
	zr, err := zip.OpenReader(file)
	if errors.Is(err, zip.ErrInsecurePath) { // GODEBUG=zipinsecurepath=0: the names are checked below
		err = nil
	}
	if err != nil {
		if errors.Is(err, zip.ErrFormat) {
			return nil, fmt.Errorf("%s: %w: not a zip archive", file, ErrNotREFI)
		}
		return nil, fmt.Errorf("open project archive: %w", err)
	}
	q, err := openQDPX(ctx, &zr.Reader, file, opts)
	if err != nil {
		zr.Close()
		return nil, err
	}
	q.closer = zr
	return q, nil
}

// ReadQDPXFrom reads a .qdpx held in r (size bytes); name is used in messages
// and to resolve relative external paths. Close is a no-op for r.
func ReadQDPXFrom(ctx context.Context, r io.ReaderAt, size int64, name string, opts ReadOptions) (*QDPX, error) {
	zr, err := zip.NewReader(r, size)
	if errors.Is(err, zip.ErrInsecurePath) {
		err = nil
	}
	if err != nil {
		if errors.Is(err, zip.ErrFormat) {
			return nil, fmt.Errorf("%s: %w: not a zip archive", name, ErrNotREFI)
		}
		return nil, fmt.Errorf("open project archive %s: %w", name, err)
	}
	return openQDPX(ctx, zr, name, opts)
}

func openQDPX(ctx context.Context, zr *zip.Reader, file string, opts ReadOptions) (*QDPX, error) {
	q := &QDPX{name: file, zr: zr, entries: map[string]*zip.File{}, opts: opts}
	if q.opts.MaxSourceSize <= 0 {
		q.opts.MaxSourceSize = DefaultMaxSourceSize
	}
	if q.opts.MaxTextSize <= 0 {
		q.opts.MaxTextSize = MaxTextSize
	}
	if q.opts.MaxTotalSize <= 0 {
		q.opts.MaxTotalSize = DefaultMaxTotalSize
	}
	if err := checkEntries(file, zr); err != nil {
		return nil, err
	}
	// project.qde at the root, or in the one folder the archive was made from.
	var qde *zip.File
	prefix := ""
	for _, f := range zr.File {
		n := strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "./")
		dir, base := path.Split(n)
		if !strings.EqualFold(base, "project.qde") || strings.Count(dir, "/") > 1 {
			continue
		}
		if qde == nil || dir == "" {
			qde, prefix = f, dir
		}
	}
	if qde == nil {
		for _, f := range zr.File { // a differently named project file at the root
			if !strings.Contains(f.Name, "/") && strings.EqualFold(path.Ext(f.Name), ".qde") {
				qde = f
				break
			}
		}
	}
	if qde == nil {
		return nil, fmt.Errorf("%s: %w", file, ErrNoProjectFile)
	}
	for _, f := range zr.File {
		n := strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "./")
		if len(n) < len(prefix) || !strings.EqualFold(n[:len(prefix)], prefix) {
			continue
		}
		dir, base := path.Split(n[len(prefix):])
		if strings.EqualFold(dir, "sources/") && base != "" {
			q.entries[strings.ToLower(base)] = f
		}
	}
	if qde.UncompressedSize64 > MaxXMLSize {
		return nil, fmt.Errorf("%s: %w: %s is %s; a project file may be up to %s", file, ErrTooLarge, qde.Name,
			sizeText(qde.UncompressedSize64), sizeText(MaxXMLSize))
	}
	rc, err := qde.Open()
	if err != nil {
		return nil, &FormatError{File: file, Msg: "cannot open project.qde", Err: err}
	}
	p, ws, err := readQDE(file+": "+qde.Name, rc)
	rc.Close()
	if err != nil {
		return nil, err
	}
	q.Project, q.Warnings = p, ws
	q.checkFiles()
	if err := q.checkSizes(); err != nil {
		return nil, err
	}
	if q.opts.SkipTextCheck {
		return q, nil
	}
	if err := q.checkTexts(ctx); err != nil {
		return nil, err
	}
	return q, nil
}

// Close releases the archive.
func (q *QDPX) Close() error {
	q.zr = nil
	if q.closer == nil {
		return nil
	}
	err := q.closer.Close()
	q.closer = nil
	return err
}

// checkFiles warns about sources whose files cannot be found.
func (q *QDPX) checkFiles() {
	where := "in the archive"
	if q.opts.AllowExternal {
		where = "in the archive or on disk"
	}
	check := func(element, guid, name, p string) {
		if p == "" {
			return
		}
		if _, ok := q.locate(p); !ok {
			q.Warnings = append(q.Warnings, Warning{Element: element, GUID: guid,
				Message: fmt.Sprintf("file %q of %q not found %s", p, name, where)})
		}
	}
	for _, ts := range q.Project.TextSources {
		check("TextSource", ts.GUID, ts.Name, ts.PlainTextPath)
	}
	for _, pdf := range q.Project.PDFSources {
		check("PDFSource", pdf.GUID, pdf.Name, pdf.Path)
		if pdf.Representation != nil {
			check("Representation", pdf.Representation.GUID, pdf.Name, pdf.Representation.PlainTextPath)
		}
	}
}

// checkTexts reads every text that has selections once, converts positions
// an exporter counted in UTF-16 units and reports selections beyond the text.
func (q *QDPX) checkTexts(ctx context.Context) error {
	all := q.Project.AllTextSources()
	for i, ts := range all {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("open %s: %w", q.name, err)
		}
		if q.opts.Progress != nil {
			q.opts.Progress(Progress{Stage: "texts", Done: i, Total: len(all)})
		}
		if len(ts.Selections) == 0 {
			continue
		}
		text, err := q.Text(ts)
		if errors.Is(err, ErrSourceMissing) {
			continue // reported by checkFiles
		}
		if err != nil {
			return err
		}
		q.Warnings = append(q.Warnings, fixPositions(ts, text)...)
	}
	if q.opts.Progress != nil {
		q.opts.Progress(Progress{Stage: "texts", Done: len(all), Total: len(all)})
	}
	return nil
}

// splitRef separates a REFI path into its scheme ("internal", "relative",
// "absolute" or "" for a bare path) and the path proper.
func splitRef(ref string) (scheme, p string) {
	ref = strings.TrimSpace(ref)
	for _, s := range []string{"internal", "relative", "absolute", "file"} {
		prefix := s + "://"
		if len(ref) >= len(prefix) && strings.EqualFold(ref[:len(prefix)], prefix) {
			return s, ref[len(prefix):]
		}
	}
	return "", ref
}

type located struct {
	zf   *zip.File
	disk string
}

// locate finds the bytes of a referenced file: in the archive by base name
// (any scheme), else on disk when external files are allowed.
func (q *QDPX) locate(ref string) (located, bool) {
	loc, ok := q.locatePath(ref)
	if !ok && strings.Contains(ref, "%") { // some exporters URL-encode the path
		if un, err := url.PathUnescape(ref); err == nil && un != ref {
			return q.locatePath(un)
		}
	}
	return loc, ok
}

func (q *QDPX) locatePath(ref string) (located, bool) {
	scheme, p := splitRef(ref)
	p = strings.ReplaceAll(p, `\`, "/")
	if f, ok := q.entries[strings.ToLower(path.Base(p))]; ok && p != "" {
		return located{zf: f}, true
	}
	if !q.opts.AllowExternal || scheme == "internal" || p == "" {
		return located{}, false
	}
	var candidates []string
	switch scheme {
	case "absolute", "file":
		abs := strings.TrimPrefix(p, "/")
		if len(abs) >= 2 && abs[1] == ':' { // C:/...
			candidates = append(candidates, filepath.FromSlash(abs))
		} else {
			candidates = append(candidates, filepath.FromSlash("/"+abs))
		}
	default: // relative:// or bare
		rel := filepath.FromSlash(strings.TrimPrefix(p, "/"))
		if bp := q.Project.BasePath; bp != "" {
			candidates = append(candidates, filepath.Join(filepath.FromSlash(bp), rel))
		}
		candidates = append(candidates, filepath.Join(filepath.Dir(q.name), rel))
	}
	for _, c := range candidates {
		if st, err := os.Stat(c); err == nil && st.Mode().IsRegular() {
			return located{disk: c}, true
		}
	}
	return located{}, false
}

// OpenFile opens the file a source path refers to (e.g. a PDFSource's Path).
// It returns an error wrapping ErrSourceMissing when the file is absent.
func (q *QDPX) OpenFile(ref string) (io.ReadCloser, int64, error) {
	if q.zr == nil {
		return nil, 0, fmt.Errorf("%s: archive is closed", q.name)
	}
	loc, ok := q.locate(ref)
	if !ok {
		return nil, 0, fmt.Errorf("%s: %q: %w", q.name, ref, ErrSourceMissing)
	}
	if loc.zf != nil {
		size := int64(loc.zf.UncompressedSize64)
		if size > q.opts.MaxSourceSize {
			return nil, 0, fmt.Errorf("%s: %s: %w", q.name, loc.zf.Name, ErrTooLarge)
		}
		rc, err := loc.zf.Open()
		if err != nil {
			return nil, 0, &FormatError{File: q.name, Msg: "cannot open " + loc.zf.Name, Err: err}
		}
		return rc, size, nil
	}
	f, err := os.Open(loc.disk)
	if err != nil {
		return nil, 0, fmt.Errorf("open external source: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("open external source: %w", err)
	}
	if st.Size() > q.opts.MaxSourceSize {
		f.Close()
		return nil, 0, fmt.Errorf("%s: %w", loc.disk, ErrTooLarge)
	}
	return f, st.Size(), nil
}

// ReadFile returns the whole file a source path refers to, within the size limit.
func (q *QDPX) ReadFile(ref string) ([]byte, error) {
	return q.readFile(ref, q.opts.MaxSourceSize)
}

func (q *QDPX) readFile(ref string, limit int64) ([]byte, error) {
	rc, size, err := q.OpenFile(ref)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	if size > limit {
		return nil, fmt.Errorf("%s: %q (%d bytes): %w", q.name, ref, size, ErrTooLarge)
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	n, err := io.Copy(buf, io.LimitReader(rc, limit+1))
	if err != nil {
		return nil, &FormatError{File: q.name, Msg: fmt.Sprintf("cannot read %q", ref), Err: err}
	}
	if n > limit {
		return nil, fmt.Errorf("%s: %q: %w", q.name, ref, ErrTooLarge)
	}
	return buf.Bytes(), nil
}

// Text returns the plain text of a text source, note or PDF representation:
// its file when it has one, else its inline content. A UTF-8 byte-order mark
// is removed, UTF-16 (with BOM) is converted, and bytes that are not UTF-8 are
// read as Windows-1252 with a warning. Selection positions count code points
// of this string: opening the archive already read every text that has
// selections and converted positions an exporter counted in UTF-16 units.
func (q *QDPX) Text(ts *TextSource) (string, error) {
	if ts.PlainTextPath == "" {
		return ts.PlainTextContent, nil
	}
	b, err := q.readFile(ts.PlainTextPath, q.opts.MaxTextSize)
	if err != nil {
		if errors.Is(err, ErrSourceMissing) && ts.PlainTextContent != "" {
			return ts.PlainTextContent, nil
		}
		return "", fmt.Errorf("text of %q: %w", ts.Name, err)
	}
	s, note := DecodeText(b)
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.checked == nil {
		q.checked = map[string]bool{}
	}
	if !q.checked[ts.GUID] { // report each text's problems once, however often it is read
		q.checked[ts.GUID] = true
		if note != "" {
			q.Warnings = append(q.Warnings, Warning{Element: "TextSource", GUID: ts.GUID, Message: fmt.Sprintf("%q: %s", ts.Name, note)})
		}
	}
	return s, nil
}

// DecodeText turns the bytes of a plain-text source into a string as
// described for QDPX.Text; note is non-empty when the bytes needed repair.
func DecodeText(b []byte) (text, note string) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(b)
		if err == nil {
			return string(out), "text was UTF-16; converted to UTF-8"
		}
	}
	if utf8.Valid(b) {
		return string(b), ""
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD"))), "text is not UTF-8; invalid bytes replaced"
	}
	return string(out), "text is not UTF-8; read as Windows-1252"
}

// Opener returns a SourceOpener serving this archive's files to WriteQDPX,
// so that a read project can be written again with its texts, PDFs and DOCX originals.
func (q *QDPX) Opener() SourceOpener {
	files := map[string]string{} // guid+ext -> ref
	for _, ts := range append(q.Project.AllTextSources(), q.Project.Notes...) {
		if ts.PlainTextPath != "" {
			files[ts.GUID+".txt"] = ts.PlainTextPath
		}
		if ts.RichTextPath != "" {
			files[ts.GUID+".docx"] = ts.RichTextPath
		}
	}
	for _, pdf := range q.Project.PDFSources {
		if pdf.Path != "" {
			files[pdf.GUID+".pdf"] = pdf.Path
		}
	}
	return func(guid, ext string) (io.ReadCloser, error) {
		ref, ok := files[guid+ext]
		if !ok {
			return nil, fs.ErrNotExist
		}
		if ext == ".txt" {
			// Re-encode to clean UTF-8 without BOM so positions stay valid for any reader.
			b, err := q.ReadFile(ref)
			if errors.Is(err, ErrSourceMissing) {
				return nil, fs.ErrNotExist
			}
			if err != nil {
				return nil, err
			}
			s, _ := DecodeText(b)
			return io.NopCloser(strings.NewReader(s)), nil
		}
		rc, _, err := q.OpenFile(ref)
		if errors.Is(err, ErrSourceMissing) {
			return nil, fs.ErrNotExist
		}
		return rc, err
	}
}
