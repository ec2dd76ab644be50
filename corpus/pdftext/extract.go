package pdftext

import (
	"context"
	"errors"
	"fmt"
	"os"

	pdf "github.com/evidence-workbench/workbench/corpus/pdftext/internal/pdfread"
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
// error is an *Error (see KindOf) whose message is a plain sentence. A scanned
// document without a text layer is not a failure: it comes back with empty pages
// and Condition set to an *Error of Kind NoText. Pages that cannot be read (in
// whole or in part) and text that cannot be decoded are counted per page
// (Page.Stats) and described in Warnings. Cancelling ctx or running past
// Options.Timeout returns an *Error of Kind Timeout at once; the worker goroutine
// stops at its next check (between pages and every few thousand content-stream
// operators). Extract is safe for concurrent use.
func Extract(ctx context.Context, data []byte, opts Options) (*Document, error) {
	o := opts.withDefaults()
	if int64(len(data)) > o.MaxFileBytes {
		return nil, newError(TooLarge, fmt.Errorf("%d bytes", len(data)))
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
	boxes  []Box // one per rune of text
	w, h   float64
	stats  PageStats
	err    error
	first  []glyph // page 1 glyphs, kept for metadata heuristics
}

// openError turns an object-layer error into a typed one.
func openError(err error, password string) error {
	switch {
	case errors.Is(err, pdf.ErrNotPDF):
		return newError(NotPDF, err)
	case errors.Is(err, pdf.ErrPassword):
		if password != "" {
			return &Error{Kind: Encrypted, Msg: msgWrongPassword, Err: err}
		}
		return newError(Encrypted, err)
	case errors.Is(err, pdf.ErrEncryption):
		return &Error{Kind: Encrypted, Msg: msgUnsupportedCrypt, Err: err}
	}
	return newError(Broken, err)
}

// reading is one reading of a document's pages.
type reading struct {
	doc      pdf.Doc
	pages    []pageResult
	claimed  int // the page tree's own count
	path     ReadPath
	repaired bool // the repair layer rebuilt structure (in whole or in part)
}

// fatal reports an error that ends the extraction whatever layer reads.
func fatal(err error) bool {
	k := KindOf(err)
	return k == TooLarge || k == Timeout
}

func extract(ctx context.Context, data []byte, o Options) (*Document, error) {
	rd, err := readLibrary(ctx, data, o)
	if fatal(err) {
		return nil, err
	}
	// The library declined the file, or its reading lacks pages or text: the
	// repair layer reads the whole document, and the better reading stays.
	if rd == nil || suspicious(rd.pages, rd.claimed) {
		own, err := readOwn(ctx, data, o)
		switch {
		case err != nil && (rd == nil || fatal(err)):
			return nil, err
		case err == nil && (rd == nil || better(own.pages, rd.pages)):
			rd = own
		}
	}
	// Pages that could not be read are reported in the warnings; the document
	// still opens (for appraisal, and as pdftotext opens it).
	doc := assemble(rd.pages, rd.claimed)
	doc.Normalised = rd.repaired
	doc.Path = rd.path
	doc.Meta = metadata(rd.doc, rd.pages)
	return doc, nil
}

// readLibrary reads a document through github.com/ledongthuc/pdf, and the
// pages it could not read (in whole or in part) again through the repair
// layer. It returns nil without an error when the library declines the file
// or its page tree.
func readLibrary(ctx context.Context, data []byte, o Options) (*reading, error) {
	lib, err := pdf.OpenLib(ctx, data, o.Password)
	if err != nil {
		return nil, nil
	}
	pages, claimed := lib.Pages()
	if lib.Trouble() || len(pages) == 0 {
		return nil, nil // a page tree the library cannot walk: pages would go missing
	}
	res, err := extractPages(ctx, lib, pages, o)
	if err != nil {
		if fatal(err) {
			return nil, err
		}
		return nil, nil
	}
	rd := &reading{doc: lib, pages: res, claimed: claimed, path: ReadLibrary}
	return rd, repairPages(ctx, data, o, rd)
}

// repairPages reads the library's failed and damaged pages again through the
// repair layer (with the file's cross-reference data) and keeps the better
// reading of each.
func repairPages(ctx context.Context, data []byte, o Options, rd *reading) error {
	var bad []int
	for i, p := range rd.pages {
		if p.err != nil || p.stats.Damaged {
			bad = append(bad, i)
		}
	}
	if len(bad) == 0 {
		return nil
	}
	own, err := openOwn(data, o.Password, false)
	if err != nil {
		return nil
	}
	pages, _ := own.Pages()
	if len(pages) != len(rd.pages) {
		return nil // not the same page list: the document-level reading decides
	}
	x := newExtractor(ctx, own, o)
	defer x.release()
	for _, i := range bad {
		if err := ctx.Err(); err != nil {
			return newError(Timeout, err)
		}
		pr := x.page(i+1, pages[i])
		if err := pageFatal(pr.err); err != nil {
			return err
		}
		if betterPage(pr, rd.pages[i]) {
			rd.pages[i] = pr
			rd.path = ReadLibraryRepaired
			rd.repaired = rd.repaired || own.Repaired()
		}
	}
	return nil
}

// betterPage reports whether the repair layer's reading a of a page replaces
// the library's reading b: it does unless the library read more text, since
// the library's trouble (a filter or cipher it lacks, an object it could not
// find) is not the page's.
func betterPage(a, b pageResult) bool {
	return b.stats.Chars <= a.stats.Chars
}

// readOwn reads a document through the repair layer: with the file's
// cross-reference data first and, when that reading has trouble (failed or
// damaged pages, pages missing from the tree, no text at all), again from a
// table rebuilt by scanning, keeping the better reading.
func readOwn(ctx context.Context, data []byte, o Options) (*reading, error) {
	rd, err := ownReading(ctx, data, o, false)
	if err != nil && (fatal(err) || KindOf(err) == NotPDF || KindOf(err) == Encrypted) {
		return nil, err
	}
	if err != nil || (!rd.repaired && suspicious(rd.pages, rd.claimed)) {
		rd2, err2 := ownReading(ctx, data, o, true)
		if err2 != nil && fatal(err2) {
			return nil, err2
		}
		if err2 == nil && (err != nil || better(rd2.pages, rd.pages)) {
			rd, err = rd2, nil
		}
	}
	return rd, err
}

// ownReading opens data with the repair layer and extracts its pages once.
func ownReading(ctx context.Context, data []byte, o Options, rebuild bool) (*reading, error) {
	r, err := openOwn(data, o.Password, rebuild)
	if err != nil {
		return nil, openError(err, o.Password)
	}
	pages, claimed := r.Pages()
	if len(pages) == 0 {
		return nil, newError(Broken, errors.New("no pages found"))
	}
	res, err := extractPages(ctx, r, pages, o)
	if err != nil {
		return nil, err
	}
	path := ReadOwn
	if rebuild {
		path = ReadRebuilt
	}
	return &reading{doc: r, pages: res, claimed: claimed, path: path, repaired: r.Repaired()}, nil
}

// openOwn opens the repair layer, isolating a panic from it.
func openOwn(data []byte, password string, rebuild bool) (r pdf.Doc, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = nil, fmt.Errorf("open: %v", p)
		}
	}()
	return pdf.OpenOwn(data, password, rebuild)
}

// suspicious reports a reading that a rebuilt cross-reference table might improve.
func suspicious(pages []pageResult, claimed int) bool {
	if claimed > len(pages) {
		return true
	}
	letters := 0
	for _, p := range pages {
		if p.err != nil || p.stats.Damaged {
			return true
		}
		letters += p.stats.Chars
	}
	return letters == 0
}

// better reports whether reading a beats reading b: more text, then fewer
// failed or damaged pages, then more pages.
func better(a, b []pageResult) bool {
	score := func(ps []pageResult) (chars, bad int) {
		for _, p := range ps {
			chars += p.stats.Chars
			if p.err != nil || p.stats.Damaged {
				bad++
			}
		}
		return chars, bad
	}
	ca, ba := score(a)
	cb, bb := score(b)
	if ca != cb {
		return ca > cb
	}
	if ba != bb {
		return ba < bb
	}
	return len(a) > len(b)
}

// newExtractor starts a document's extraction state.
func newExtractor(ctx context.Context, doc pdf.Doc, o Options) *extractor {
	return &extractor{ctx: ctx, doc: doc, streamLeft: o.MaxStreamBytes, glyphLeft: o.MaxGlyphs, fonts: map[objKey]*font{},
		bufs: getBuffers()}
}

// pageFatal turns a page error that ends the document's extraction into its
// typed error (nil for others).
func pageFatal(err error) error {
	switch {
	case errors.Is(err, errBudget):
		return newError(TooLarge, err)
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
		return newError(Timeout, err)
	}
	return nil
}

func extractPages(ctx context.Context, doc pdf.Doc, pages []pdf.Value, o Options) (out []pageResult, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = newError(Broken, fmt.Errorf("page tree: %v", p))
		}
	}()
	x := newExtractor(ctx, doc, o)
	defer x.release()
	n := len(pages)
	for i := 1; i <= n; i++ {
		if err := ctx.Err(); err != nil {
			return nil, newError(Timeout, err)
		}
		pr := x.page(i, pages[i-1])
		if err := pageFatal(pr.err); err != nil {
			return nil, err
		}
		out = append(out, pr)
		if o.Progress != nil && ctx.Err() == nil {
			o.Progress(Progress{Done: i, Total: n})
		}
	}
	return out, nil
}

// page extracts one page, isolating any failure to that page.
func (x *extractor) page(i int, pv pdf.Value) (pr pageResult) {
	x.stat = pageStat{}
	x.doc.Trouble() // what an earlier page met is not this page's
	defer func() {
		if p := recover(); p != nil {
			pr = pageResult{err: fmt.Errorf("page %d: %v", i, p)}
		}
		if pr.err != nil {
			pr.stats = PageStats{Failed: true}
		}
		if x.doc.Trouble() && pr.err == nil {
			// The object layer could not read part of the page.
			pr.stats.Damaged = true
		}
	}()
	if pv.Kind() != pdf.Dict {
		return pageResult{err: fmt.Errorf("page %d: missing from the page tree", i)}
	}
	var data []byte
	var err error
	if c := pv.Key("Contents"); !c.IsNull() || pv.RefID("Contents") != 0 { // no Contents: a blank page
		data, err = x.contents(c)
	}
	if err != nil {
		if errors.Is(err, errBudget) {
			return pageResult{err: err}
		}
		return pageResult{err: fmt.Errorf("page %d: %w", i, err)}
	}
	glyphs := x.bufs.glyphs[:0]
	defer func() {
		if cap(glyphs) <= 1<<16 {
			x.bufs.glyphs = glyphs[:0] // reuse the buffer for the next page
		}
	}()
	ctm := x.pageFrame(pv)
	gs := gstate{ctm: ctm, th: 1}
	res := pdf.Inherited(pv, "Resources")
	err = x.runContent(data, res, gs, &glyphs, map[uint64]bool{}, 0)
	if err == nil {
		err = x.runAnnotations(pv, res, ctm, &glyphs)
	}
	if err != nil {
		if errors.Is(err, errPageGlyphs) {
			return pageResult{err: fmt.Errorf("page %d: %w", i, err)}
		}
		return pageResult{err: err}
	}
	glyphs = x.stat.dropGuesses(glyphs)
	pr.text, pr.blocks, pr.boxes = layoutPage(glyphs, x.pageH, &x.bufs.layout)
	pr.stats = x.stat.export(pr.text)
	pr.w, pr.h = x.pageW, x.pageH
	if i == 1 {
		pr.first = append([]glyph(nil), glyphs...)
	}
	return pr
}

// pageFrame reads the page's crop box (within the media box) and rotation and
// returns the matrix from user space to the displayed page (origin at its
// bottom left, y up); it also sets the page size used to clip text.
func (x *extractor) pageFrame(pv pdf.Value) matrix {
	box := func(key string) ([4]float64, bool) {
		v := pdf.Inherited(pv, key)
		if v.Len() != 4 {
			return [4]float64{}, false
		}
		var b [4]float64
		for k := range b {
			b[k] = v.Index(k).Float64()
		}
		if b[0] > b[2] {
			b[0], b[2] = b[2], b[0]
		}
		if b[1] > b[3] {
			b[1], b[3] = b[3], b[1]
		}
		return b, b[2]-b[0] > 1 && b[3]-b[1] > 1
	}
	media, ok := box("MediaBox")
	if !ok {
		media = [4]float64{0, 0, 612, 792}
	}
	crop := media
	if c, ok := box("CropBox"); ok {
		c[0], c[1] = max(c[0], media[0]), max(c[1], media[1])
		c[2], c[3] = min(c[2], media[2]), min(c[3], media[3])
		if c[2]-c[0] > 1 && c[3]-c[1] > 1 {
			crop = c
		}
	}
	rot := int(pdf.Inherited(pv, "Rotate").Int64()) % 360
	if rot < 0 {
		rot += 360
	}
	x0, y0, x1, y1 := crop[0], crop[1], crop[2], crop[3]
	w, h := x1-x0, y1-y0
	switch rot {
	case 90:
		x.pageW, x.pageH = h, w
		return matrix{0, -1, 1, 0, -y0, x1}
	case 180:
		x.pageW, x.pageH = w, h
		return matrix{-1, 0, 0, -1, x1, y1}
	case 270:
		x.pageW, x.pageH = h, w
		return matrix{0, 1, -1, 0, y1, -x0}
	}
	x.pageW, x.pageH = w, h
	return matrix{1, 0, 0, 1, -x0, -y0}
}
