package pdfread

import (
	"github.com/evidence-workbench/workbench/corpus/pdftext/internal/pdfobj"
)

// OpenOwn opens data with the tolerant pdfobj layer, the repair path: bytes
// before the header are skipped, a damaged cross-reference table is rebuilt
// by scanning (always, with rebuild), and the password given is tried (as
// user, then owner password) after the empty one. The error is ErrNotPDF,
// ErrPassword, ErrEncryption or ErrStructure.
func OpenOwn(data []byte, password string, rebuild bool) (Doc, error) {
	r, err := pdfobj.Open(data, pdfobj.Options{Password: password, Rebuild: rebuild})
	if err != nil {
		return nil, err
	}
	return ownDoc{r}, nil
}

// ownDoc is a document read through pdfobj.
type ownDoc struct{ r *pdfobj.Reader }

// Trailer returns the trailer dictionary.
func (d ownDoc) Trailer() Value { return wrapOwn(d.r.Trailer()) }

// Pages walks the page tree; when it yields no page, the page objects found
// by scanning the file are returned instead.
func (d ownDoc) Pages() ([]Value, int) {
	ps, claimed := d.r.Pages()
	out := make([]Value, len(ps))
	for i, p := range ps {
		out[i] = wrapOwn(p)
	}
	return out, claimed
}

// Repaired reports whether the structure was rebuilt by scanning.
func (d ownDoc) Repaired() bool { return d.r.Repaired() }

// Trouble is always false: this layer is the last resort, and the losses it
// meets are reported where they happen (ErrDamaged from Data, null values).
func (d ownDoc) Trouble() bool { return false }

// own is a pdfobj value.
type own struct{ v pdfobj.Value }

func wrapOwn(v pdfobj.Value) Value {
	if v.IsNull() {
		return null{}
	}
	return own{v}
}

func (o own) Kind() Kind                     { return Kind(o.v.Kind()) }
func (o own) IsNull() bool                   { return o.v.IsNull() }
func (o own) Key(key string) Value           { return wrapOwn(o.v.Key(key)) }
func (o own) Keys() []string                 { return o.v.Keys() }
func (o own) Index(i int) Value              { return wrapOwn(o.v.Index(i)) }
func (o own) Len() int                       { return o.v.Len() }
func (o own) Name() string                   { return o.v.Name() }
func (o own) Int64() int64                   { return o.v.Int64() }
func (o own) Float64() float64               { return o.v.Float64() }
func (o own) RawString() string              { return o.v.RawString() }
func (o own) Text() string                   { return o.v.Text() }
func (o own) ID() uint64                     { return o.v.ID() }
func (o own) RefID(key string) uint64        { return o.v.RefID(key) }
func (o own) RefIDAt(i int) uint64           { return o.v.RefIDAt(i) }
func (o own) Data(max int64) ([]byte, error) { return o.v.Data(max) }
