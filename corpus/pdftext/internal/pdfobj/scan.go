package pdfobj

import (
	"bytes"
	"sort"
)

// scanned is the cross-reference table rebuilt by scanning the file for
// "N G obj" headers and "trailer" dictionaries, as pdf.js and poppler do. A
// later definition of an object replaces an earlier one (incremental updates).
type scanned struct {
	entries  map[uint32]entry
	order    []uint32 // object numbers in file order of their (last) definition
	trailers []int    // offsets of "trailer" keywords
	typed    bool     // object streams and cross-reference streams indexed
	xrefStms []dict   // dictionaries of cross-reference streams (trailer candidates)
}

// maxScanObjects bounds the objects a scan records.
const maxScanObjects = 1 << 20

// scanned runs the scan once.
func (r *Reader) scanned() *scanned {
	if r.scan != nil {
		return r.scan
	}
	s := &scanned{entries: map[uint32]entry{}}
	r.scan = s
	d := r.data
	at := map[uint32]int{}
	for i := 0; i < len(d); {
		k := bytes.Index(d[i:], []byte("obj"))
		if k < 0 {
			break
		}
		k += i
		i = k + 3
		if k >= 3 && string(d[k-3:k]) == "end" {
			continue
		}
		if k+3 < len(d) && isRegular(d[k+3]) {
			continue
		}
		off, id, gen, ok := objectBefore(d, k)
		if !ok || len(s.entries) >= maxScanObjects {
			continue
		}
		s.entries[id] = entry{typ: 1, off: off, gen: gen}
		at[id] = off
	}
	for i := 0; i < len(d); {
		k := bytes.Index(d[i:], []byte("trailer"))
		if k < 0 {
			break
		}
		s.trailers = append(s.trailers, i+k+len("trailer"))
		i += k + len("trailer")
	}
	s.order = make([]uint32, 0, len(at))
	for id := range at {
		s.order = append(s.order, id)
	}
	sort.Slice(s.order, func(a, b int) bool { return at[s.order[a]] < at[s.order[b]] })
	return s
}

// objectBefore reads "N G " backwards from the "obj" keyword at k.
func objectBefore(d []byte, k int) (off int, id uint32, gen uint16, ok bool) {
	j := k - 1
	for j >= 0 && isWhite(d[j]) && k-j < 8 {
		j--
	}
	ge := j + 1
	for j >= 0 && d[j] >= '0' && d[j] <= '9' && ge-j <= 5 {
		j--
	}
	gs := j + 1
	if gs == ge || j < 0 || !isWhite(d[j]) {
		return 0, 0, 0, false
	}
	for j >= 0 && isWhite(d[j]) && gs-j < 8 {
		j--
	}
	ie := j + 1
	for j >= 0 && d[j] >= '0' && d[j] <= '9' && ie-j <= 10 {
		j--
	}
	is := j + 1
	if is == ie || (j >= 0 && isRegular(d[j]) && !isDelim(d[j])) {
		return 0, 0, 0, false
	}
	var n, g int64
	for _, c := range d[is:ie] {
		n = n*10 + int64(c-'0')
	}
	for _, c := range d[gs:ge] {
		g = g*10 + int64(c-'0')
	}
	if n <= 0 || n >= 1<<31 || g >= 1<<16 {
		return 0, 0, 0, false
	}
	return is, uint32(n), uint16(g), true
}

// indexTyped parses the header of every scanned object once, to index the
// objects inside object streams and collect cross-reference stream
// dictionaries (which carry the trailer entries in such files).
func (s *scanned) indexTyped(r *Reader) {
	if s.typed {
		return
	}
	s.typed = true
	type stmAt struct {
		id  uint32
		off int
	}
	var stms []stmAt
	for _, id := range s.order {
		e := s.entries[id]
		p := &parser{b: r.data, pos: e.off}
		if _, ok := p.objHeader(); !ok {
			continue
		}
		p.skipWS()
		if !bytes.HasPrefix(r.data[p.pos:], []byte("<<")) {
			continue
		}
		v, _ := p.value(0)
		d, ok := v.(dict)
		if !ok {
			continue
		}
		switch d["Type"] {
		case name("ObjStm"):
			stms = append(stms, stmAt{id, e.off})
		case name("XRef"):
			s.xrefStms = append(s.xrefStms, d)
		}
	}
	// Objects inside an object stream count as defined where the stream is,
	// so an uncompressed definition appended later still wins.
	defined := map[uint32]int{}
	for id, e := range s.entries {
		defined[id] = e.off
	}
	for _, st := range stms {
		o := r.objStreamScanned(st.id)
		if o == nil {
			continue
		}
		for id := range o.offs {
			if prev, ok := defined[id]; ok && prev > st.off {
				continue
			}
			if len(s.entries) >= maxScanObjects {
				break
			}
			if _, ok := s.entries[id]; !ok {
				s.order = append(s.order, id)
			}
			s.entries[id] = entry{typ: 2, stm: int64(st.id)}
			defined[id] = st.off
		}
	}
}

// objStreamScanned decodes an object stream found by the scan (its entry may
// be missing from the file's own table).
func (r *Reader) objStreamScanned(id uint32) *objStm {
	return r.objStream(id)
}

// bestTrailer picks the trailer to use: the last trailer dictionary (or
// cross-reference stream dictionary) whose /Root is a catalog with a page tree,
// else a synthetic one naming the last such catalog found among the objects.
func (s *scanned) bestTrailer(r *Reader) (dict, error) {
	var cands []dict
	for _, off := range s.trailers {
		p := &parser{b: r.data, pos: off}
		if v, _ := p.value(0); v != nil {
			if d, ok := v.(dict); ok {
				cands = append(cands, d)
			}
		}
	}
	s.indexTyped(r)
	cands = append(cands, s.xrefStms...)
	var secErr error
	good := func(d dict) bool {
		r.trailer = d
		if err := r.setSecurity(); err != nil {
			secErr = err
			return false
		}
		return r.catalogOK()
	}
	var best dict
	for i := len(cands) - 1; i >= 0; i-- {
		if good(cands[i]) {
			best = cands[i]
			break
		}
	}
	if best == nil && secErr != nil {
		return nil, secErr
	}
	if best == nil {
		r.trailer = dict{}
		for _, c := range cands {
			if e, ok := c["Encrypt"]; ok {
				r.trailer["Encrypt"], r.trailer["ID"] = e, c["ID"]
			}
		}
		if err := r.setSecurity(); err != nil {
			return nil, err
		}
		for i := len(s.order) - 1; i >= 0; i-- {
			id := s.order[i]
			v := r.value(ref{}, ref{id, s.entries[id].gen})
			if v.Key("Type").Name() == "Catalog" && v.Key("Pages").Kind() == Dict {
				best = dict{"Root": ref{id, s.entries[id].gen}}
				break
			}
		}
	}
	if best == nil {
		// No catalog at all: a page tree alone will do.
		for i := len(s.order) - 1; i >= 0; i-- {
			id := s.order[i]
			v := r.value(ref{}, ref{id, s.entries[id].gen})
			if v.Key("Type").Name() == "Pages" && v.Key("Kids").Kind() == Array {
				best = dict{"Root": dict{"Type": name("Catalog"), "Pages": ref{id, s.entries[id].gen}}}
				break
			}
		}
	}
	if best == nil {
		r.trailer = nil
		return nil, nil
	}
	out := dict{}
	for k, v := range best {
		out[k] = v
	}
	// Entries the chosen trailer lacks may sit in another one.
	for i := len(cands) - 1; i >= 0; i-- {
		for _, k := range []name{"Encrypt", "ID", "Info"} {
			if _, has := out[k]; !has {
				if v, ok := cands[i][k]; ok {
					out[k] = v
				}
			}
		}
	}
	return out, nil
}

// PagesByScan returns the page objects found by scanning the file, in file
// order: the fallback when the page tree cannot be walked.
func (r *Reader) PagesByScan(limit int) []Value {
	s := r.scanned()
	s.indexTyped(r)
	var out []Value
	for _, id := range s.order {
		if len(out) >= limit {
			break
		}
		v := r.value(ref{}, ref{id, s.entries[id].gen})
		if v.Kind() == Dict && v.Key("Type").Name() == "Page" {
			out = append(out, v)
		}
	}
	if len(out) > 0 {
		r.repaired = true
	}
	return out
}
