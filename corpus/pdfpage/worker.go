package pdfpage

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/klippa-app/go-pdfium"
	pdfiumerrors "github.com/klippa-app/go-pdfium/errors"
	"github.com/klippa-app/go-pdfium/references"
	"github.com/klippa-app/go-pdfium/requests"
)

// worker is one PDFium instance with the documents it has open. A worker is
// used by one goroutine at a time (it is taken from Renderer.workers).
type worker struct {
	r    *Renderer
	inst pdfium.Pdfium // nil after a kill until ensure replaces it
	docs []openDoc     // least recently used first
}

type openDoc struct {
	d   *Doc
	ref references.FPDF_DOCUMENT
}

// ensure gives the worker a live instance.
func (w *worker) ensure(ctx context.Context) error {
	if w.inst != nil {
		return nil
	}
	inst, err := w.r.pool.GetInstanceWithContext(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	w.inst = inst
	w.docs = nil
	return nil
}

// closeAll closes the worker's documents and instance.
func (w *worker) closeAll() {
	if w.inst == nil {
		return
	}
	for _, od := range w.docs {
		w.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: od.ref})
	}
	w.docs = nil
	w.inst.Close()
	w.inst = nil
}

// document returns d's handle in this instance, opening it if needed, and
// closes documents that were closed by their owner or are least recently
// used beyond maxDocsPerWorker.
func (w *worker) document(d *Doc) (references.FPDF_DOCUMENT, error) {
	keep := w.docs[:0]
	var found *openDoc
	for _, od := range w.docs {
		switch {
		case od.d == d:
			found = &openDoc{d: od.d, ref: od.ref}
		case od.d.closed.Load():
			w.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: od.ref})
		default:
			keep = append(keep, od)
		}
	}
	w.docs = keep
	if found != nil {
		w.docs = append(w.docs, *found)
		return found.ref, nil
	}
	for len(w.docs) >= maxDocsPerWorker {
		w.inst.FPDF_CloseDocument(&requests.FPDF_CloseDocument{Document: w.docs[0].ref})
		w.docs = w.docs[1:]
	}
	res, err := w.inst.OpenDocument(&requests.OpenDocument{File: &d.data})
	if err != nil {
		return "", openError(err)
	}
	w.docs = append(w.docs, openDoc{d: d, ref: res.Document})
	return res.Document, nil
}

// openError turns PDFium's reason for not opening a file into one of the
// package's conditions.
func openError(err error) error {
	switch {
	case errors.Is(err, pdfiumerrors.ErrPassword), errors.Is(err, pdfiumerrors.ErrSecurity):
		return ErrEncrypted
	case errors.Is(err, pdfiumerrors.ErrFormat), errors.Is(err, pdfiumerrors.ErrFile),
		errors.Is(err, pdfiumerrors.ErrUnknown), errors.Is(err, pdfiumerrors.ErrPage):
		return ErrDamaged
	}
	return fmt.Errorf("%w (%v)", ErrDamaged, err)
}

// do runs fn on a worker with d open. When ctx ends while fn runs, the
// instance is killed (which interrupts PDFium at once), replaced on next
// use, and ctx's error is returned.
func (r *Renderer) do(ctx context.Context, d *Doc, fn func(inst pdfium.Pdfium, doc references.FPDF_DOCUMENT) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	w, err := r.acquire(ctx)
	if err != nil {
		return err
	}
	inst := w.inst
	stop := context.AfterFunc(ctx, func() { inst.Kill() })
	ref, err := w.document(d)
	if err == nil {
		err = fn(inst, ref)
	}
	if !stop() {
		// Killed (or being killed): the instance and its documents are gone.
		w.inst, w.docs = nil, nil
		r.release(w)
		return ctx.Err()
	}
	if err != nil && trapped(err) {
		// PDFium aborted inside WebAssembly (a trap): its memory may be
		// inconsistent, so the instance is replaced before its next use.
		inst.Kill()
		w.inst, w.docs = nil, nil
	}
	r.release(w)
	return err
}

// trapped reports whether err comes from a WebAssembly trap (wazero's
// "wasm error: ..." errors) rather than from PDFium reporting a failure.
// The package's own errors wrap PDFium's, so the whole chain is looked at.
func trapped(err error) bool {
	for ; err != nil; err = errors.Unwrap(err) {
		if msg := err.Error(); strings.Contains(msg, "wasm error") || strings.Contains(msg, "panic occurred") {
			return true
		}
	}
	return false
}
