package pdfread

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	lpdf "github.com/ledongthuc/pdf"
)

// ErrDeclined means the library does not read the file (it is not well
// formed enough for it); read it through OpenOwn.
var ErrDeclined = errors.New("left to the repair layer")

// maxLibObjects bounds the resolved objects a document keeps.
const maxLibObjects = 1 << 19

// OpenLib opens data with github.com/ledongthuc/pdf, the first path for
// well-formed files. The file's cross-reference chain is checked first for
// what the library could not survive (a chain that loops, sections claiming
// absurd numbers of objects); such files, and every file the library refuses
// or misreads (no "%PDF-1.x" header at the start, no "%%EOF", a damaged
// table, an encryption it lacks or decrypts wrongly, a password it does not
// take), come back with an error wrapping ErrDeclined (and ErrPassword when
// the password given is not the user's). A panic in the library is an error,
// never a crash; ctx cancels reading (every read from the file checks it).
func OpenLib(ctx context.Context, data []byte, password string) (d Doc, err error) {
	if err := preflight(data); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDeclined, err)
	}
	g := &guard{data: data, ctx: ctx, left: int64(len(data))*4 + 8<<20, calls: len(data)/1024 + 10_000}
	defer func() {
		if p := recover(); p != nil {
			d, err = nil, fmt.Errorf("%w: %v", ErrDeclined, p)
		}
	}()
	var pw func() string
	if password != "" {
		tried := false
		pw = func() string {
			if tried {
				return ""
			}
			tried = true
			return password
		}
	}
	r, err := lpdf.NewReaderEncrypted(g, int64(len(data)), pw)
	if err != nil {
		if errors.Is(err, lpdf.ErrInvalidPassword) {
			// The repair layer also tries the password as the owner's: let it decide.
			return nil, fmt.Errorf("%w: %w", ErrDeclined, ErrPassword)
		}
		return nil, fmt.Errorf("%w: %v", ErrDeclined, err)
	}
	// Reading a real file takes about twice its bytes and twenty reads a
	// page (Pages adds the pages' share); a library looping takes far more.
	g.left, g.calls = int64(len(data))*8+64<<20, len(data)/256+20_000
	d0 := &libDoc{r: r, data: data, g: g, objs: map[uint64]Value{}}
	if enc := d0.Trailer().Key("Encrypt"); !enc.IsNull() {
		switch v, bits := enc.Key("V").Int64(), enc.Key("Length").Int64(); {
		case v == 2 && bits == 128:
		case v == 4: // AESV2 (the library accepts no other crypt filter)
			d0.aes = true
		default:
			// The library derives an object's RC4 key from all sixteen bytes
			// of its hash, right only for 128-bit keys.
			return nil, fmt.Errorf("%w: RC4 with a %d-bit key", ErrDeclined, bits)
		}
	}
	return d0, nil
}

// libDoc is a document read through github.com/ledongthuc/pdf. The library
// parses an indirect object again each time a reference to it is followed,
// so resolved objects are kept by number, and the entries read from a
// dictionary or array are kept with it.
type libDoc struct {
	r       *lpdf.Reader
	data    []byte
	g       *guard
	objs    map[uint64]Value // resolved indirect objects by number and generation
	trouble bool
	aes     bool // AES-encrypted: the library leaves the padding on strings and streams
}

// Trailer returns the trailer dictionary.
func (d *libDoc) Trailer() Value {
	v, _ := d.call(d.r.Trailer)
	return d.wrap(v)
}

// Pages walks the page tree (a reading budget for each page found).
func (d *libDoc) Pages() ([]Value, int) {
	root := d.Trailer().Key("Root").Key("Pages")
	pages := walkPages(root)
	d.g.calls += 64 * len(pages)
	return pages, int(root.Key("Count").Int64())
}

// Repaired is false: the library reads the file's own structure.
func (d *libDoc) Repaired() bool { return false }

// Trouble reports and forgets what the library could not read.
func (d *libDoc) Trouble() bool {
	t := d.trouble
	d.trouble = false
	return t
}

// call runs a library call, turning its panic into trouble.
func (d *libDoc) call(f func() lpdf.Value) (v lpdf.Value, ok bool) {
	defer func() {
		if p := recover(); p != nil {
			v, ok = lpdf.Value{}, false
			d.trouble = true
		}
	}()
	return f(), true
}

// child reads an entry or element through get; ref is the object it refers
// to (0 for a direct value). A reference that leads nowhere is trouble.
func (d *libDoc) child(ref uint64, get func() lpdf.Value) Value {
	if ref != 0 {
		if v, ok := d.objs[ref]; ok {
			if v.IsNull() {
				d.trouble = true
			}
			return v
		}
	}
	var lv lpdf.Value
	if ref == 0 && libLayout.ok {
		lv = get() // a direct value: the library only wraps it
	} else {
		lv, _ = d.call(get)
	}
	v := d.wrap(lv)
	if ref != 0 {
		if v.IsNull() {
			d.trouble = true
		}
		if len(d.objs) < maxLibObjects {
			d.objs[ref] = v
		}
	}
	return v
}

// wrap turns a library value into a Value.
func (d *libDoc) wrap(v lpdf.Value) Value {
	k := Kind(v.Kind())
	switch k {
	case Null:
		return null{}
	case String:
		s := v.RawString()
		if d.aes {
			s = unpad(s)
		}
		return scalar{kind: k, s: s}
	case Bool, Integer, Real, Name:
		return scalar{kind: k, i: v.Int64(), num: v.Float64(), s: v.Name()}
	}
	n := &lib{d: d, v: v, kind: k}
	n.raw = inspect(v)
	return n
}

// lib is a value read through the library.
type lib struct {
	d     *libDoc
	v     lpdf.Value
	kind  Kind
	raw   rawInfo
	kids  map[string]Value // dictionary entries read so far
	items []Value          // array elements read so far (nil until the first)
}

func (n *lib) Kind() Kind     { return n.kind }
func (n *lib) IsNull() bool   { return false }
func (n *lib) Keys() []string { return n.v.Keys() }
func (n *lib) Len() int       { return n.v.Len() }
func (n *lib) Name() string   { return "" }

func (n *lib) Key(key string) Value {
	if n.kind != Dict && n.kind != Stream {
		return null{}
	}
	if v, ok := n.kids[key]; ok {
		if n.raw.refs[key] != 0 && v.IsNull() {
			n.d.trouble = true
		}
		return v
	}
	v := n.d.child(n.raw.refs[key], func() lpdf.Value { return n.v.Key(key) })
	if n.kids == nil {
		n.kids = map[string]Value{}
	}
	n.kids[key] = v
	return v
}

func (n *lib) Index(i int) Value {
	if n.kind != Array || i < 0 || i >= n.v.Len() {
		return null{}
	}
	if n.items == nil {
		n.items = make([]Value, n.v.Len())
	}
	if v := n.items[i]; v != nil {
		if n.RefIDAt(i) != 0 && v.IsNull() {
			n.d.trouble = true
		}
		return v
	}
	v := n.d.child(n.RefIDAt(i), func() lpdf.Value { return n.v.Index(i) })
	n.items[i] = v
	return v
}

// A dictionary, array or stream has no number, name or string.
func (n *lib) Int64() int64      { return 0 }
func (n *lib) Float64() float64  { return 0 }
func (n *lib) RawString() string { return "" }
func (n *lib) Text() string      { return "" }

func (n *lib) ID() uint64 { return n.raw.id }

func (n *lib) RefID(key string) uint64 { return n.raw.refs[key] }

func (n *lib) RefIDAt(i int) uint64 {
	if i < 0 || i >= len(n.raw.items) {
		return 0
	}
	return n.raw.items[i]
}

// Data decodes a stream with the library. The library trusts /Length, so the
// data must end where "endstream" follows; a stream it cannot decode (a
// filter, predictor or cipher it lacks, damaged data) is trouble and
// ErrDamaged, for the repair layer to read.
func (n *lib) Data(max int64) (out []byte, err error) {
	if n.kind != Stream {
		return nil, ErrNotStream
	}
	d := n.d
	length := n.Key("Length")
	end := n.raw.off + length.Int64()
	if length.Kind() != Integer || n.raw.off <= 0 || length.Int64() < 0 || end > int64(len(d.data)) || !endstreamAt(d.data, int(end)) {
		d.trouble = true
		return nil, ErrDamaged
	}
	ok := func() (ok bool) {
		defer func() {
			if p := recover(); p != nil {
				ok = false
			}
		}()
		rc := n.v.Reader()
		defer rc.Close()
		out, err = readAll(rc, max, length.Int64())
		return true
	}()
	switch {
	case !ok:
		d.trouble = true
		return nil, ErrDamaged
	case int64(len(out)) > max:
		return nil, ErrTooLarge
	case err != nil:
		d.trouble = true
		return out, ErrDamaged
	case d.aes && n.Key("Filter").IsNull():
		out = []byte(unpad(string(out)))
	}
	return out, nil
}

// unpad removes the PKCS#5 padding AES leaves at the end of decrypted data.
func unpad(s string) string {
	if s == "" {
		return s
	}
	k := int(s[len(s)-1])
	if k < 1 || k > 16 || k > len(s) || strings.Count(s[len(s)-k:], s[len(s)-1:]) != k {
		return s
	}
	return s[:len(s)-k]
}

// readAll reads r to its end or to one byte beyond max, starting with room for
// the usual compression ratio of n encoded bytes.
func readAll(r io.Reader, max, n int64) ([]byte, error) {
	out := make([]byte, 0, min(max+1, 3*n+512))
	for {
		if len(out) == cap(out) {
			out = append(out, 0)[:len(out)]
		}
		k, err := r.Read(out[len(out):cap(out)])
		out = out[:len(out)+k]
		if err == io.EOF {
			return out, nil
		}
		if err != nil || int64(len(out)) > max {
			return out, err
		}
	}
}

// endstreamAt reports whether "endstream" follows position i (after an
// end-of-line marker or other white space).
func endstreamAt(d []byte, i int) bool {
	for k := 0; k < 4 && i < len(d) && strings.IndexByte("\r\n\t \f\x00", d[i]) >= 0; k++ {
		i++
	}
	return i <= len(d) && bytes.HasPrefix(d[i:], []byte("endstream"))
}

// guard is the library's view of the file: every read checks for
// cancellation and counts against budgets of bytes and of reads, so a loop
// inside the library (an object stream that extends itself, say) ends in a
// panic the adapter recovers instead of running on.
type guard struct {
	data  []byte
	ctx   context.Context
	left  int64 // bytes that may still be read
	calls int   // reads still allowed
}

// errReadBudget stops a library that reads far more than the file.
var errReadBudget = errors.New("read budget exceeded")

func (g *guard) ReadAt(p []byte, off int64) (int, error) {
	if err := g.ctx.Err(); err != nil {
		panic(err)
	}
	g.calls--
	if g.left < 0 || g.calls < 0 {
		panic(errReadBudget)
	}
	if off < 0 {
		return 0, errors.New("negative offset")
	}
	if off >= int64(len(g.data)) {
		return 0, io.EOF
	}
	n := copy(p, g.data[off:])
	g.left -= int64(n)
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}
