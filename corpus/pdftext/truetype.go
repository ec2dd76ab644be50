package pdftext

import (
	pdf "github.com/evidence-workbench/workbench/corpus/pdftext/internal/pdfread"
)

// programLoader returns a function that reads and parses an embedded font
// program (within the stream budget) when first needed.
func (x *extractor) programLoader(f *font, fontFile pdf.Value) func() *program {
	return func() *program {
		var data []byte
		var err error
		if x.tracking(func() { data, err = x.readStream(fontFile) }) {
			f.damaged = true
		}
		if err != nil {
			return nil
		}
		return parseProgram(data)
	}
}

// cidToGID reads a CIDFontType2's CIDToGIDMap stream (nil means identity).
func (x *extractor) cidToGID(v pdf.Value) []uint16 {
	if v.Kind() != pdf.Stream {
		return nil
	}
	data, err := x.readStream(v)
	if err != nil {
		return nil
	}
	out := make([]uint16, len(data)/2)
	for i := range out {
		out[i] = uint16(data[2*i])<<8 | uint16(data[2*i+1])
	}
	return out
}
