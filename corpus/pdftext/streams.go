package pdftext

import (
	"errors"

	pdf "github.com/evidence-workbench/workbench/corpus/pdftext/internal/pdfread"
)

// readStream returns a stream's decoded bytes within the byte budget. A
// damaged compressed stream yields what could be decoded, and the page being
// read is marked damaged.
func (x *extractor) readStream(v pdf.Value) ([]byte, error) {
	data, err := v.Data(x.streamLeft)
	if errors.Is(err, pdf.ErrTooLarge) {
		return nil, errBudget
	}
	if errors.Is(err, pdf.ErrDamaged) {
		x.stat.damaged = true
		err = nil
	}
	if err != nil {
		return nil, err
	}
	x.streamLeft -= int64(len(data))
	return data, nil
}

// tracking runs f and reports whether it met damage: stream data that could
// only partly be decoded, or trouble in the object layer. The page's tally
// keeps it too. Fonts read this way carry it to every page that uses them.
func (x *extractor) tracking(f func()) bool {
	was := x.stat.damaged || x.trouble()
	x.stat.damaged = false
	f()
	met := x.stat.damaged || x.trouble()
	x.stat.damaged = was || met
	return met
}

// trouble reports (and forgets) the object layer's trouble.
func (x *extractor) trouble() bool { return x.doc != nil && x.doc.Trouble() }

// contents returns a page's or form's content bytes (arrays of streams concatenated).
func (x *extractor) contents(v pdf.Value) ([]byte, error) {
	if v.Kind() == pdf.Array {
		var all []byte
		var firstErr error
		for i := 0; i < v.Len(); i++ {
			s := v.Index(i)
			if s.Kind() != pdf.Stream {
				if !s.IsNull() || v.RefIDAt(i) != 0 {
					x.stat.damaged = true // a part of the page is missing
				}
				continue
			}
			b, err := x.readStream(s)
			if errors.Is(err, errBudget) {
				return nil, err
			}
			if err != nil && firstErr == nil {
				firstErr = err
			}
			all = append(all, b...)
			all = append(all, '\n')
		}
		if len(all) == 0 && firstErr != nil {
			return nil, firstErr
		}
		return all, nil
	}
	if v.Kind() != pdf.Stream {
		return nil, errors.New("page content missing")
	}
	return x.readStream(v)
}
