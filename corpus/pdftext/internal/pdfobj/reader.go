package pdfobj

import (
	"bytes"
	"errors"
)

// Errors returned by Open.
var (
	// ErrNotPDF means no "%PDF-" header was found near the start of the data.
	ErrNotPDF = errors.New("not a PDF file")
	// ErrPassword means the file is encrypted and the password (or the empty
	// one) does not open it.
	ErrPassword = errors.New("needs a password")
	// ErrEncryption means the file uses a security handler this reader does
	// not support (certificates, unknown filters).
	ErrEncryption = errors.New("unsupported encryption")
	// ErrStructure means no document catalog could be found, even by scanning.
	ErrStructure = errors.New("no document structure found")
)

// Options tunes Open.
type Options struct {
	// Password is tried (as user, then owner password) after the empty one.
	Password string
	// Rebuild ignores the file's cross-reference data and scans it for objects.
	Rebuild bool
}

// entry is one cross-reference entry.
type entry struct {
	off int   // byte offset (type 1)
	stm int64 // object stream number (type 2)
	idx int   // index in the object stream (type 2)
	gen uint16
	typ uint8 // 1: at an offset, 2: in an object stream
}

// objStm is a decoded object stream.
type objStm struct {
	data  []byte
	first int
	offs  map[uint32]int // object number to offset after First
}

// Reader reads the objects of one PDF file held in memory.
type Reader struct {
	data     []byte // the file from its "%PDF-" header on
	xref     map[uint32]entry
	trailer  dict
	sec      *security
	encRef   ref // the Encrypt dictionary's object (never decrypted)
	cache    map[uint32]cached
	stms     map[uint32]*objStm
	stmBytes int
	scan     *scanned // the table rebuilt by scanning, once needed
	repaired bool     // the scan supplied objects or the trailer
	depth    int      // resolution depth (guards against reference loops)
	damaged  bool     // a stream could only partly be decoded
	suspect  bool     // the cross-reference data proved wrong somewhere
	password string
}

type cached struct {
	gen uint16
	obj any
}

// maxCached bounds the parsed-object cache.
const maxCached = 1 << 19

// maxStmBytes bounds the decoded object streams kept in memory.
const maxStmBytes = 64 << 20

// Open reads a PDF file's structure. Bytes before the "%PDF-" header (within
// the first 64 KiB) are ignored. A damaged cross-reference table is rebuilt
// by scanning the file; the returned error is ErrNotPDF, ErrPassword,
// ErrEncryption or ErrStructure.
func Open(data []byte, o Options) (*Reader, error) {
	head := data
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	h := bytes.Index(head, []byte("%PDF-"))
	if h < 0 {
		return nil, ErrNotPDF
	}
	r := &Reader{data: data[h:], cache: map[uint32]cached{}, stms: map[uint32]*objStm{}, password: o.Password}
	ok := false
	if !o.Rebuild && r.readXref() {
		if err := r.setSecurity(); err != nil {
			return nil, err
		}
		ok = r.catalogOK()
	}
	if !ok {
		r.xref = map[uint32]entry{}
		r.suspect = true
		if err := r.useScan(); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// setSecurity sets up decryption for the current trailer (none when it has no
// /Encrypt) and forgets objects read so far.
func (r *Reader) setSecurity() error {
	r.sec, r.encRef = nil, ref{}
	clear(r.cache)
	clear(r.stms)
	r.stmBytes = 0
	enc, ok := r.trailer["Encrypt"]
	if !ok {
		return nil
	}
	if er, isRef := enc.(ref); isRef {
		r.encRef = er
	}
	err := r.initSecurity(r.password)
	clear(r.cache)
	clear(r.stms)
	return err
}

// catalogOK reports whether the trailer leads to a catalog with a page tree.
func (r *Reader) catalogOK() bool {
	root := r.Trailer().Key("Root")
	return root.Kind() == Dict && root.Key("Pages").Kind() == Dict
}

// useScan replaces the trailer with the best one the scan finds.
func (r *Reader) useScan() error {
	s := r.scanned()
	t, err := s.bestTrailer(r)
	if t == nil {
		if err != nil {
			return err
		}
		return ErrStructure
	}
	r.trailer = t
	r.repaired = true
	return r.setSecurity()
}

// Trailer returns the trailer dictionary.
func (r *Reader) Trailer() Value { return Value{r: r, data: r.trailer} }

// Repaired reports whether the file's structure had to be rebuilt (in whole or
// for some objects) by scanning.
func (r *Reader) Repaired() bool { return r.repaired }

// Damaged reports whether some stream could only partly be decoded.
func (r *Reader) Damaged() bool { return r.damaged }

// ResetDamaged clears the Damaged flag (to track it per page).
func (r *Reader) ResetDamaged() { r.damaged = false }

// Encrypted reports whether the file is encrypted.
func (r *Reader) Encrypted() bool { return r.sec != nil }

// value wraps a direct or indirect value read inside object holder.
func (r *Reader) value(holder ref, x any) Value {
	if rf, ok := x.(ref); ok {
		obj := r.resolve(rf)
		if obj == nil {
			return Value{}
		}
		return Value{r: r, ref: rf, data: obj}
	}
	return Value{r: r, ref: holder, data: x}
}

// resolve returns the object a reference points to (nil when it cannot be found).
func (r *Reader) resolve(rf ref) any {
	if c, ok := r.cache[rf.id]; ok && (c.gen == rf.gen || c.gen == 0xFFFF) {
		return c.obj
	}
	if r.depth > 32 {
		return nil
	}
	r.depth++
	defer func() { r.depth-- }()
	obj, found := r.load(rf, r.xref)
	if !found {
		// Not where the table says: look in the table rebuilt by scanning
		// (objects inside object streams only once the file looks damaged).
		s := r.scanned()
		e, ok := s.entries[rf.id]
		if !ok && r.suspect {
			s.indexTyped(r)
			e, ok = s.entries[rf.id]
		}
		if ok {
			if o2, ok2 := r.loadEntry(rf, e); ok2 {
				obj, found = o2, true
				r.repaired = true
			}
		}
	}
	if len(r.cache) < maxCached {
		g := rf.gen
		if !found {
			g = 0xFFFF
		}
		r.cache[rf.id] = cached{gen: g, obj: obj}
	}
	return obj
}

// load reads an object through a cross-reference table; found is false when
// the table has no usable entry for it.
func (r *Reader) load(rf ref, table map[uint32]entry) (any, bool) {
	e, ok := table[rf.id]
	if !ok {
		return nil, false
	}
	obj, found := r.loadEntry(rf, e)
	if !found {
		r.suspect = true // the table points where the object is not
	}
	return obj, found
}

func (r *Reader) loadEntry(rf ref, e entry) (any, bool) {
	switch e.typ {
	case 1:
		return r.parseAt(e.off, rf)
	case 2:
		return r.fromObjStm(uint32(e.stm), rf.id)
	}
	return nil, false
}

// parseAt reads the indirect object at off, which must be object rf.
func (r *Reader) parseAt(off int, rf ref) (any, bool) {
	if off < 0 || off >= len(r.data) {
		return nil, false
	}
	p := &parser{b: r.data, pos: off}
	got, ok := p.objHeader()
	if !ok || got.id != rf.id {
		return nil, false
	}
	if r.sec != nil && got != r.encRef {
		p.decrypt = func(s []byte) []byte { return r.sec.decryptString(got, s) }
	}
	v, _ := p.value(0)
	if d, ok := v.(dict); ok {
		if start, ok := p.streamStart(); ok {
			return &stream{hdr: d, off: start, length: -1, ref: got}, true
		}
	}
	return v, true
}

// fromObjStm reads object id from object stream stm.
func (r *Reader) fromObjStm(stm, id uint32) (any, bool) {
	s := r.objStream(stm)
	if s == nil {
		return nil, false
	}
	off, ok := s.offs[id]
	if !ok {
		return nil, false
	}
	p := &parser{b: s.data, pos: s.first + off}
	v, _ := p.value(0)
	return v, true
}

// objStream decodes (once) an object stream and indexes its objects.
func (r *Reader) objStream(stm uint32) *objStm {
	if s, ok := r.stms[stm]; ok {
		return s
	}
	r.stms[stm] = nil // a stream that contains (or extends) itself reads as empty
	v := r.value(ref{}, ref{stm, 0})
	if v.Kind() != Stream {
		return nil
	}
	data, err := v.Data(256 << 20)
	if err != nil && len(data) == 0 {
		return nil
	}
	n := int(v.Key("N").Int64())
	first := int(v.Key("First").Int64())
	if first <= 0 || first > len(data) || n < 0 {
		return nil
	}
	s := &objStm{data: data, first: first, offs: map[uint32]int{}}
	p := &parser{b: data[:first]}
	for i := 0; i < n && i < 1<<20; i++ {
		p.skipWS()
		id, ok1 := p.uint()
		p.skipWS()
		off, ok2 := p.uint()
		if !ok1 || !ok2 {
			break
		}
		if _, dup := s.offs[uint32(id)]; !dup {
			s.offs[uint32(id)] = int(off)
		}
	}
	if r.stmBytes+len(data) > maxStmBytes {
		for k := range r.stms {
			delete(r.stms, k)
		}
		r.stmBytes = 0
	}
	r.stms[stm] = s
	r.stmBytes += len(data)
	return s
}
