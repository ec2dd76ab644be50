package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"

	"github.com/ledongthuc/pdf"
	"github.com/pdfcpu/pdfcpu/pkg/filter"
)

// streamOffset reads where a stream's data starts in the file; the object layer
// keeps it unexported.
func streamOffset(v pdf.Value) (off int64, ok bool) {
	defer func() {
		if recover() != nil {
			off, ok = 0, false
		}
	}()
	d := reflect.ValueOf(v).FieldByName("data")
	if d.Kind() == reflect.Interface {
		d = d.Elem()
	}
	if d.Kind() != reflect.Struct {
		return 0, false
	}
	f := d.FieldByName("offset")
	if !f.IsValid() || !f.CanInt() {
		return 0, false
	}
	return f.Int(), true
}

// readStreamRaw decodes a stream from the file bytes with pdfcpu's filters. It
// only works for unencrypted files (encrypted ones are normalised first).
func (x *extractor) readStreamRaw(v pdf.Value) (data []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			data, err = nil, fmt.Errorf("stream: %v", p)
		}
	}()
	if x.raw == nil || x.encrypted || v.Kind() != pdf.Stream {
		return nil, errors.New("stream: no raw access")
	}
	off, ok := streamOffset(v)
	n := v.Key("Length").Int64()
	if !ok || off < 0 || n < 0 || off+n > int64(len(x.raw)) {
		return nil, errors.New("stream: bad offset or length")
	}
	var rd io.Reader = bytes.NewReader(x.raw[off : off+n])
	names, parms := v.Key("Filter"), v.Key("DecodeParms")
	apply := func(name string, p pdf.Value) error {
		f, err := filter.NewFilter(name, parmMap(p), x.streamLeft+1)
		if err != nil {
			return err
		}
		rd, err = f.Decode(rd)
		return err
	}
	switch names.Kind() {
	case pdf.Name:
		if err := apply(names.Name(), parms); err != nil {
			return nil, err
		}
	case pdf.Array:
		for i := 0; i < names.Len(); i++ {
			if err := apply(names.Index(i).Name(), parms.Index(i)); err != nil {
				return nil, err
			}
		}
	}
	data, err = io.ReadAll(io.LimitReader(rd, x.streamLeft+1))
	if int64(len(data)) > x.streamLeft {
		return nil, errBudget
	}
	x.streamLeft -= int64(len(data))
	if err != nil && len(data) == 0 {
		return nil, err
	}
	return data, nil
}

func parmMap(p pdf.Value) map[string]int {
	if p.Kind() != pdf.Dict {
		return nil
	}
	m := map[string]int{}
	for _, k := range p.Keys() {
		switch v := p.Key(k); v.Kind() {
		case pdf.Integer, pdf.Real:
			m[k] = int(v.Float64())
		case pdf.Bool:
			if v.Bool() {
				m[k] = 1
			} else {
				m[k] = 0
			}
		}
	}
	return m
}

// readStream returns a stream's decoded bytes within the byte budget. A damaged
// compressed stream yields what could be decoded. Filters the object layer lacks
// (LZW, RunLength, ASCIIHex, unusual predictors) are decoded with pdfcpu's filters.
func (x *extractor) readStream(v pdf.Value) (data []byte, err error) {
	data, err = x.readStreamLib(v)
	if err == nil || errors.Is(err, errBudget) {
		return data, err
	}
	if alt, aerr := x.readStreamRaw(v); aerr == nil {
		return alt, nil
	} else if errors.Is(aerr, errBudget) {
		return nil, aerr
	}
	return nil, err
}

func (x *extractor) readStreamLib(v pdf.Value) (data []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("stream: %v", p)
		}
	}()
	rc := v.Reader()
	defer rc.Close()
	data, rerr := io.ReadAll(io.LimitReader(rc, x.streamLeft+1))
	if int64(len(data)) > x.streamLeft {
		return nil, errBudget
	}
	x.streamLeft -= int64(len(data))
	if rerr != nil && len(data) == 0 {
		return nil, rerr
	}
	return data, nil
}

// contents returns a page's or form's content bytes (arrays of streams concatenated).
func (x *extractor) contents(v pdf.Value) ([]byte, error) {
	if v.Kind() == pdf.Array {
		var all []byte
		var firstErr error
		for i := 0; i < v.Len(); i++ {
			b, err := x.readStream(v.Index(i))
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
	return x.readStream(v)
}
