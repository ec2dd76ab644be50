package corpus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/evidence-workbench/workbench/corpus/names"
	"github.com/evidence-workbench/workbench/corpus/pdftext"
)

// Import outcomes of one file.
const (
	ImportOK        = "ok"        // imported with all the text its pages draw
	ImportDuplicate = "duplicate" // the same PDF is already in the project
	ImportWarning   = "warning"   // imported, with a problem (scanned, pages that lost text)
	ImportFailed    = "failed"    // not imported
)

// ImportResult is what happened to one input file.
type ImportResult struct {
	Path    string `json:"path"`            // the input file
	Status  string `json:"status"`          // ImportOK, ImportDuplicate, ImportWarning or ImportFailed
	Message string `json:"message"`         // plain sentences, empty when all went well
	Study   string `json:"study,omitempty"` // GUID of the new (or, for a duplicate, existing) study
	Pages   int    `json:"pages"`           // pages read
	// PageStats has one entry per page of an imported file: glyphs drawn,
	// characters read, unreadable characters, images, whether it has no
	// text layer, is damaged or failed.
	PageStats []pdftext.PageStats `json:"page_stats,omitempty"`
	// Unreadable is the share (0..1) of the drawn characters of the whole
	// file that could not be read.
	Unreadable float64 `json:"unreadable,omitempty"`
	// NeedsPassword is set on a failed file that its password would open
	// (none was given, or the one given does not open it): import it again
	// with ImportOptions.Password.
	NeedsPassword bool `json:"needs_password,omitempty"`
}

// ImportProgress reports an import run's progress.
type ImportProgress struct {
	Files, FilesDone int           // files in the run and files finished
	Pages            int           // pages read so far
	Last             *ImportResult // the file just finished, nil at the start
}

// ImportOptions tune an import run.
type ImportOptions struct {
	Workers    int             // parallel extractions (default: number of CPUs)
	Extraction pdftext.Options // per-file budgets
	// Password opens password-protected files of the run (the empty password
	// is always tried first); a file it does not open fails with a sentence
	// saying so.
	Password string
}

// CollectPDFs expands folders (recursively) into the PDF files they hold,
// keeping files named directly whatever their extension. The result is sorted
// and without repeats.
func CollectPDFs(paths []string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(p string) {
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", p, err)
		}
		if !st.IsDir() {
			add(p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".pdf") {
				add(path)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", p, err)
		}
	}
	sort.Strings(out)
	return out, nil
}

// extracted is one file read and extracted by a worker.
type extracted struct {
	index int
	path  string
	data  []byte
	doc   *pdftext.Document
	err   error
}

// Import reads and extracts the PDFs in parallel and stores each as a study,
// one action per file, so a failed or cancelled file never loses the others.
// Files already in the project (by SHA-256) are reported as duplicates. The
// results are in input order; the error is non-nil only when the run itself
// could not proceed (cancelled, or the project could not be written).
func (p *Project) Import(ctx context.Context, files []string, opts ImportOptions, progress func(ImportProgress)) ([]ImportResult, error) {
	if err := p.writable(); err != nil {
		return nil, err
	}
	if progress == nil {
		progress = func(ImportProgress) {}
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	results := make([]ImportResult, len(files))
	prog := ImportProgress{Files: len(files)}
	progress(prog)

	jobs := make(chan int)
	done := make(chan extracted)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			eo := opts.Extraction
			if opts.Password != "" {
				eo.Password = opts.Password
			}
			for i := range jobs {
				select {
				case done <- extractOne(ctx, i, files[i], eo):
				case <-ctx.Done(): // Import has stopped listening
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range files {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(done) }()

	// A cancel (Ctrl+C) is honoured at once, even while a worker is still
	// inside a file: its result, if it comes, is dropped.
	var runErr error
	for running := true; running; {
		select {
		case x, ok := <-done:
			if !ok {
				running = false
				break
			}
			r, err := p.store(x)
			results[x.index] = r
			if err != nil && runErr == nil {
				runErr = err
			}
			prog.FilesDone++
			prog.Pages += r.Pages
			prog.Last = &results[x.index]
			progress(prog)
		case <-ctx.Done():
			running = false
		}
	}
	for i := range results {
		if results[i].Path == "" {
			results[i] = ImportResult{Path: files[i], Status: ImportFailed, Message: "cancelled before it was read"}
		}
	}
	if runErr == nil && ctx.Err() != nil {
		runErr = ctx.Err()
	}
	return results, runErr
}

func extractOne(ctx context.Context, i int, path string, opts pdftext.Options) extracted {
	x := extracted{index: i, path: path}
	x.data, x.err = readRegular(ctx, path)
	if x.err != nil {
		return x
	}
	if ctx.Err() != nil {
		x.err = ctx.Err()
		return x
	}
	x.doc, x.err = pdftext.Extract(ctx, x.data, opts)
	return x
}

// ErrNotRegular means a file named for import is a named pipe, a device or
// a socket (reading it could wait for ever); it is skipped.
var ErrNotRegular = errors.New("not a regular file")

// readRegular reads a file to import: only a regular file, opened without
// waiting (a named pipe swapped in after the check does not block), read in
// chunks that stop when ctx is cancelled.
func readRegular(ctx context.Context, path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(st.Mode())
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, notRegular(st.Mode())
	}
	buf := make([]byte, 0, st.Size()+1)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):min(cap(buf), len(buf)+4<<20)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// notRegular says what a file that is not a regular file is.
func notRegular(m fs.FileMode) error {
	kind := "a special file"
	switch {
	case m&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		kind = "a socket"
	case m&fs.ModeDevice != 0:
		kind = "a device"
	case m.IsDir():
		kind = "a folder"
	}
	return fmt.Errorf("it is %s, %w; only PDF files are imported, so it was skipped", kind, ErrNotRegular)
}

// store saves one extracted file as a study in its own action. The error is
// set only when the project itself could not be written.
func (p *Project) store(x extracted) (ImportResult, error) {
	r := ImportResult{Path: x.path}
	name := filepath.Base(x.path)
	if x.err != nil {
		r.Status = ImportFailed
		switch {
		case errors.Is(x.err, context.Canceled):
			r.Message = "cancelled"
		case pdftext.KindOf(x.err) != 0:
			r.Message = x.err.Error()
			r.NeedsPassword = pdftext.NeedsPassword(x.err)
		default:
			r.Message = fmt.Sprintf("could not read the file: %v", x.err)
		}
		return r, nil
	}
	e := ExtractionOf(x.doc)
	ns := NewStudy{FileName: name, PDF: x.data, Text: e.Text, PageStarts: e.PageStarts, Marks: e.Marks,
		Extraction: e.Status, ExtractionMessage: e.Message, PageStats: e.PageStats, Boxes: e.Boxes, PageSizes: e.PageSizes}
	ns.Title = x.doc.Meta.Title
	if ns.Title == "" {
		ns.Title = strings.TrimSuffix(name, filepath.Ext(name))
	}
	ns.Authors = names.ParseTexts(x.doc.Meta.Authors)
	ns.Year = x.doc.Meta.Year
	err := p.Do("Import "+name, func(tx *Tx) error {
		guid, err := tx.AddStudy(ns)
		r.Study = guid
		return err
	})
	switch {
	case errors.Is(err, ErrDuplicate):
		r.Status, r.Message = ImportDuplicate, "already in the project (same PDF)"
	case err != nil:
		r.Status, r.Message, r.Study = ImportFailed, fmt.Sprintf("could not save to the project: %v", err), ""
		return r, fmt.Errorf("import %s: %w", name, err)
	case ns.Extraction != ExtractOK:
		r.Status, r.Message, r.Pages = ImportWarning, ns.ExtractionMessage, len(x.doc.Pages)
	default:
		r.Status, r.Pages = ImportOK, len(x.doc.Pages)
	}
	if r.Status != ImportDuplicate {
		r.PageStats = e.PageStats
		glyphs, lost := 0, 0
		for _, s := range e.PageStats {
			glyphs += s.Glyphs
			lost += s.Unreadable
		}
		if glyphs > 0 {
			r.Unreadable = float64(lost) / float64(glyphs)
		}
	}
	return r, nil
}
