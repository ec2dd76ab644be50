package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// ExtractFile reads the PDF at path and extracts it; see Extract.
func ExtractFile(ctx context.Context, path string, opts Options) (*Document, error) {
	o := opts.withDefaults()
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", path, err)
	}
	if fi.Size() > o.MaxFileBytes {
		return nil, newError(TooLarge, fmt.Errorf("%d bytes", fi.Size()))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", path, err)
	}
	return Extract(ctx, data, opts)
}

// Extract extracts the text of a PDF held in data. It never panics. On failure the
// error is an *Error (see KindOf). A scanned document without a text layer is not a
// failure: it comes back with empty pages and Condition set to an *Error of Kind
// NoText. Pages that cannot be read are empty, carry Page.Err and a warning.
// Cancelling ctx or running past Options.Timeout returns an *Error of Kind Timeout
// at once; the worker goroutine stops at its next check (between pages and every
// few thousand content-stream operators). Extract is safe for concurrent use.
func Extract(ctx context.Context, data []byte, opts Options) (*Document, error) {
	o := opts.withDefaults()
	if int64(len(data)) > o.MaxFileBytes {
		return nil, newError(TooLarge, fmt.Errorf("%d bytes", len(data)))
	}
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	if !bytes.Contains(head, []byte("%PDF-")) {
		return nil, newError(NotPDF, nil)
	}
	ctx, cancel := context.WithTimeout(ctx, o.Timeout)
	defer cancel()
	type result struct {
		doc *Document
		err error
	}
	ch := make(chan result, 1)
	go func() {
		var res result
		defer func() {
			if p := recover(); p != nil {
				res = result{nil, newError(Broken, fmt.Errorf("internal error: %v", p))}
			}
			ch <- res
		}()
		res.doc, res.err = extract(ctx, data, o)
	}()
	select {
	case res := <-ch:
		if res.err != nil && ctx.Err() != nil && KindOf(res.err) == 0 {
			return nil, newError(Timeout, ctx.Err())
		}
		return res.doc, res.err
	case <-ctx.Done():
		return nil, newError(Timeout, ctx.Err())
	}
}

// pageResult is one page's extraction.
type pageResult struct {
	text   string
	blocks []blockText
	glyphs int
	images int // images drawn: a page with images and no text looks scanned
	err    error
	first  []glyph // page 1 glyphs, kept for metadata heuristics
}

func extract(ctx context.Context, data []byte, o Options) (*Document, error) {
	r, err := openReader(data)
	normalised := false
	var pages []pageResult
	if err == nil {
		pages, err = extractPages(ctx, r, data, o)
	}
	if err != nil && (KindOf(err) == TooLarge || KindOf(err) == Timeout) {
		return nil, err
	}
	if err != nil || allFailed(pages) {
		fixed, nerr := normalise(data)
		switch {
		case nerr == nil:
			r2, oerr := openReader(fixed)
			if oerr != nil {
				return nil, newError(Broken, oerr)
			}
			p2, perr := extractAll(ctx, r2, fixed, o)
			if perr != nil {
				return nil, perr
			}
			pages, r, normalised = p2, r2, true
		case errors.Is(nerr, errPassword):
			return nil, newError(Encrypted, nerr)
		case errors.Is(err, errHybrid):
			// pdfcpu could not rewrite it: read what the classic table lists.
			r2, oerr := openReaderLenient(data)
			if oerr != nil {
				return nil, newError(Broken, oerr)
			}
			p2, perr := extractAll(ctx, r2, data, o)
			if perr != nil {
				return nil, perr
			}
			pages, r = p2, r2
		case err == nil && len(pages) > 0:
			return nil, newError(Broken, firstErr(pages))
		default:
			if err == nil {
				err = nerr
			}
			return nil, newError(Broken, err)
		}
	}
	if !normalised && !hasText(pages) {
		// No text at all can also mean objects the object layer silently failed
		// to resolve (damaged offsets): give pdfcpu's repair one chance.
		if fixed, nerr := normalise(data); nerr == nil {
			if r2, oerr := openReader(fixed); oerr == nil {
				if p2, perr := extractPages(ctx, r2, fixed, o); perr == nil && hasText(p2) {
					pages, r, normalised = p2, r2, true
				}
			}
		}
	}
	doc := assemble(pages)
	doc.Normalised = normalised
	doc.Meta = metadata(r, pages)
	return doc, nil
}

// extractAll extracts every page and turns a document-level failure into a
// typed error.
func extractAll(ctx context.Context, r *pdf.Reader, data []byte, o Options) ([]pageResult, error) {
	pages, err := extractPages(ctx, r, data, o)
	if err != nil {
		if KindOf(err) != 0 {
			return nil, err
		}
		return nil, newError(Broken, err)
	}
	if allFailed(pages) {
		return nil, newError(Broken, firstErr(pages))
	}
	return pages, nil
}

// firstErr is the first page error, or a generic one for a document without pages.
func firstErr(pages []pageResult) error {
	for _, p := range pages {
		if p.err != nil {
			return p.err
		}
	}
	return errors.New("no readable pages")
}

// hasText reports whether any page produced a letter or digit.
func hasText(pages []pageResult) bool {
	for _, p := range pages {
		for _, c := range p.text {
			if unicode.IsLetter(c) || unicode.IsDigit(c) {
				return true
			}
		}
	}
	return false
}

func allFailed(pages []pageResult) bool {
	if len(pages) == 0 {
		return true
	}
	for _, p := range pages {
		if p.err == nil {
			return false
		}
	}
	return true
}

// openReader opens data with the object layer and checks the page tree is usable.
func openReader(data []byte) (r *pdf.Reader, err error) {
	if err := checkXref(data); err != nil {
		return nil, err
	}
	if bytes.Contains(data, []byte("/Extends")) {
		// Chained object streams: the object layer follows /Extends without a
		// cycle guard, so let pdfcpu rewrite the file without object streams.
		return nil, errHybrid
	}
	return openReaderLenient(data)
}

// openReaderLenient is openReader without refusing hybrid-reference files.
func openReaderLenient(data []byte) (r *pdf.Reader, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("open: %v", p)
		}
	}()
	if err := checkXref(data); err != nil && !errors.Is(err, errHybrid) {
		return nil, err
	}
	r, err = pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	if n := r.NumPage(); n <= 0 {
		return nil, errors.New("no pages")
	}
	if r.Page(1).V.IsNull() {
		return nil, errors.New("page tree unreadable")
	}
	return r, nil
}

func extractPages(ctx context.Context, r *pdf.Reader, data []byte, o Options) (pages []pageResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("page tree: %v", p)
		}
	}()
	x := &extractor{ctx: ctx, r: r, streamLeft: o.MaxStreamBytes, glyphLeft: o.MaxGlyphs, fonts: map[objKey]*font{}}
	x.pages = pageList(r)
	x.raw = data
	x.encrypted = r.Trailer().Key("Encrypt").Kind() != pdf.Null
	n := len(x.pages)
	if n == 0 {
		n = r.NumPage()
	}
	if n > 100000 {
		return nil, newError(TooLarge, fmt.Errorf("%d pages", n))
	}
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return nil, newError(Timeout, err)
		}
		pr := x.page(i)
		if errors.Is(pr.err, errBudget) {
			return nil, newError(TooLarge, pr.err)
		}
		if errors.Is(pr.err, context.DeadlineExceeded) || errors.Is(pr.err, context.Canceled) {
			return nil, newError(Timeout, pr.err)
		}
		pages = append(pages, pr)
		if o.Progress != nil && ctx.Err() == nil {
			o.Progress(Progress{Done: i, Total: n})
		}
	}
	return pages, nil
}

// pageList walks the page tree once (the library's Page(i) walks it from the
// root for every page), guarding against cycles.
func pageList(r *pdf.Reader) (pages []pdf.Value) {
	defer func() {
		if recover() != nil {
			pages = nil
		}
	}()
	seen := map[uint64]bool{}
	var walk func(v pdf.Value, depth int)
	walk = func(v pdf.Value, depth int) {
		if depth > 64 || len(pages) > 100000 {
			return
		}
		if id := ptrID(v); id != 0 {
			if seen[id] {
				return
			}
			seen[id] = true
		}
		kids := v.Key("Kids")
		if v.Key("Type").Name() == "Page" || (kids.Kind() != pdf.Array && v.Key("Contents").Kind() != pdf.Null) {
			pages = append(pages, v)
			return
		}
		for i := 0; i < kids.Len(); i++ {
			walk(kids.Index(i), depth+1)
		}
	}
	walk(r.Trailer().Key("Root").Key("Pages"), 0)
	return pages
}

// inherited looks a key up on a page or its ancestors (the library's own walk has
// no bound and loops on a Parent cycle).
func inherited(v pdf.Value, key string) pdf.Value {
	for hops := 0; hops < 64 && !v.IsNull(); hops++ {
		if r := v.Key(key); !r.IsNull() {
			return r
		}
		v = v.Key("Parent")
	}
	return pdf.Value{}
}

// page extracts one page, isolating any failure to that page.
func (x *extractor) page(i int) (pr pageResult) {
	defer func() {
		if p := recover(); p != nil {
			pr = pageResult{err: fmt.Errorf("page %d: %v", i, p)}
		}
	}()
	var p pdf.Page
	if i <= len(x.pages) {
		p = pdf.Page{V: x.pages[i-1]}
	} else {
		p = x.r.Page(i)
	}
	if p.V.IsNull() {
		return pageResult{err: fmt.Errorf("page %d: missing from the page tree", i)}
	}
	var data []byte
	var err error
	if c := p.V.Key("Contents"); c.Kind() != pdf.Null { // no Contents: a blank page
		data, err = x.contents(c)
	}
	if err != nil {
		if errors.Is(err, errBudget) {
			return pageResult{err: err}
		}
		return pageResult{err: fmt.Errorf("page %d: %w", i, err)}
	}
	glyphs := x.glyphBuf[:0]
	defer func() {
		if cap(glyphs) <= 1<<16 {
			x.glyphBuf = glyphs[:0] // reuse the buffer for the next page
		}
	}()
	gs := gstate{ctm: identity, th: 1}
	x.images = 0
	res := inherited(p.V, "Resources")
	err = x.runContent(data, res, gs, &glyphs, map[uint64]bool{}, 0)
	if err == nil {
		err = x.runAnnotations(p.V, res, &glyphs)
	}
	if err != nil {
		if errors.Is(err, errPageGlyphs) {
			return pageResult{err: fmt.Errorf("page %d: %w", i, err)}
		}
		return pageResult{err: err}
	}
	pr.text, pr.blocks = layoutPage(glyphs)
	pr.glyphs = len(glyphs)
	pr.images = x.images
	if i == 1 {
		pr.first = append([]glyph(nil), glyphs...)
	}
	return pr
}

// assemble joins page texts with form feeds and finds marks and conditions.
func assemble(pages []pageResult) *Document {
	doc := &Document{}
	var b strings.Builder
	off := 0
	letters := 0
	for i, p := range pages {
		if i > 0 {
			b.WriteByte('\f')
			off++
		}
		n := utf8.RuneCountInString(p.text)
		doc.Pages = append(doc.Pages, Page{Number: i + 1, Start: off, End: off + n, Err: p.err})
		if p.err != nil {
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("Page %d could not be read and is left empty (%v).", i+1, p.err))
		}
		for _, r := range p.text {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				letters++
			}
		}
		b.WriteString(p.text)
		off += n
	}
	doc.Text = b.String()
	if letters == 0 {
		// Keep no stray characters from a scan's invisible artefacts.
		doc.Text = strings.Repeat("\f", max(len(pages)-1, 0))
		for i := range doc.Pages {
			doc.Pages[i].Start, doc.Pages[i].End = i, i
		}
		doc.Condition = newError(NoText, nil)
		doc.Warnings = append(doc.Warnings, "This PDF has no text layer (it looks scanned): it is imported for appraisal, but passages cannot be coded yet.")
		return doc
	}
	for i, p := range pages {
		if p.err == nil && p.images > 0 && strings.TrimSpace(p.text) == "" {
			doc.Warnings = append(doc.Warnings, fmt.Sprintf("Page %d has no text layer (it looks scanned): its passages cannot be coded yet.", i+1))
		}
	}
	doc.Marks = findMarks(pages, doc.Pages)
	return doc
}
