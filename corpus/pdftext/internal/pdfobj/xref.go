package pdfobj

import (
	"bytes"
)

// maxSections bounds the chain of cross-reference sections (incremental updates).
const maxSections = 1024

// readXref reads the cross-reference sections from startxref along the /Prev
// chain. It reports false when the chain cannot be read at all.
func (r *Reader) readXref() bool {
	r.xref = map[uint32]entry{}
	tail := r.data
	if len(tail) > 1<<20 {
		tail = tail[len(tail)-1<<20:]
	}
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return false
	}
	p := &parser{b: tail, pos: i + len("startxref")}
	p.skipWS()
	off, ok := p.uint()
	if !ok {
		return false
	}
	seen := map[int64]bool{}
	first := true
	for n := 0; n < maxSections; n++ {
		if off <= 0 || off >= int64(len(r.data)) || seen[off] {
			break
		}
		seen[off] = true
		t, ok := r.readSection(int(off))
		if !ok {
			if first {
				return false
			}
			break // an older section is damaged: what was read stands
		}
		if first {
			r.trailer = t
			first = false
		} else {
			for _, k := range []name{"Root", "Info", "Encrypt", "ID"} {
				if _, has := r.trailer[k]; !has {
					if v, ok := t[k]; ok {
						r.trailer[k] = v
					}
				}
			}
		}
		if xs, ok := t["XRefStm"].(int64); ok && !seen[xs] && xs > 0 && xs < int64(len(r.data)) {
			seen[xs] = true
			r.readStreamSection(int(xs))
		}
		prev, ok := t["Prev"].(int64)
		if !ok {
			if f, isReal := t["Prev"].(float64); isReal {
				prev = int64(f)
			} else {
				break
			}
		}
		off = prev
	}
	return !first
}

// readSection reads one section (table or stream) at off and returns its trailer.
func (r *Reader) readSection(off int) (dict, bool) {
	p := &parser{b: r.data, pos: off}
	if p.peekKeyword("xref") {
		p.pos += 4
		return r.readTable(p)
	}
	return r.readStreamSection(off)
}

// set records an entry unless a newer section already did.
func (r *Reader) set(id uint32, e entry) {
	if _, ok := r.xref[id]; !ok && id > 0 {
		r.xref[id] = e
	}
}

// readTable reads a classic table after the "xref" keyword, then its trailer.
func (r *Reader) readTable(p *parser) (dict, bool) {
	for sub := 0; sub < 1<<20; sub++ {
		p.skipWS()
		if p.peekKeyword("trailer") {
			p.pos += len("trailer")
			v, _ := p.value(0)
			d, ok := v.(dict)
			return d, ok
		}
		start, ok1 := p.uint()
		p.skipWS()
		count, ok2 := p.uint()
		if !ok1 || !ok2 || count > int64(len(r.data))/18+1 {
			return nil, false
		}
		for k := int64(0); k < count; k++ {
			p.skipWS()
			o, ok1 := p.uint()
			p.skipWS()
			g, ok2 := p.uint()
			p.skipWS()
			if !ok1 || !ok2 || p.pos >= len(p.b) {
				return nil, false
			}
			kind := p.b[p.pos]
			p.pos++
			if k == 0 && start == 1 && kind == 'f' && o == 0 && g == 65535 {
				start = 0 // a common producer error: the table starts at 1 with object 0's entry
			}
			id := start + k
			if id <= 0 || id >= 1<<31 {
				continue
			}
			if kind == 'n' && o > 0 && g < 1<<16 {
				r.set(uint32(id), entry{typ: 1, off: int(o), gen: uint16(g)})
			} else if kind == 'f' {
				// A free entry hides the object from older sections only when
				// the object really is deleted; damaged files list live objects
				// as free, so older sections may still supply them.
				continue
			} else if kind != 'n' {
				return nil, false
			}
		}
	}
	return nil, false
}

// readStreamSection reads a cross-reference stream at off.
func (r *Reader) readStreamSection(off int) (dict, bool) {
	p := &parser{b: r.data, pos: off}
	rf, ok := p.objHeader()
	if !ok {
		return nil, false
	}
	v, _ := p.value(0)
	d, ok := v.(dict)
	if !ok {
		return nil, false
	}
	start, ok := p.streamStart()
	if !ok {
		return nil, false
	}
	s := &stream{hdr: d, off: start, length: -1, ref: rf}
	val := Value{r: r, ref: rf, data: s}
	data, err := val.Data(64 << 20)
	if err != nil && len(data) == 0 {
		return nil, false
	}
	w := val.Key("W")
	if w.Len() < 3 {
		return nil, false
	}
	var ws [3]int
	total := 0
	for i := range ws {
		ws[i] = int(w.Index(i).Int64())
		if ws[i] < 0 || ws[i] > 8 {
			return nil, false
		}
		total += ws[i]
	}
	if total == 0 {
		return nil, false
	}
	size := val.Key("Size").Int64()
	index := val.Key("Index")
	var ranges [][2]int64
	if index.Len() >= 2 {
		for i := 0; i+1 < index.Len(); i += 2 {
			ranges = append(ranges, [2]int64{index.Index(i).Int64(), index.Index(i + 1).Int64()})
		}
	} else {
		ranges = [][2]int64{{0, size}}
	}
	field := func(b []byte) int64 {
		var v int64
		for _, c := range b {
			v = v<<8 | int64(c)
		}
		return v
	}
	pos := 0
	for _, rg := range ranges {
		for k := int64(0); k < rg[1] && pos+total <= len(data); k++ {
			row := data[pos : pos+total]
			pos += total
			typ := int64(1)
			if ws[0] > 0 {
				typ = field(row[:ws[0]])
			}
			a, b := field(row[ws[0]:ws[0]+ws[1]]), field(row[ws[0]+ws[1]:])
			id := rg[0] + k
			if id <= 0 || id >= 1<<31 {
				continue
			}
			switch typ {
			case 1:
				if a > 0 && a < int64(len(r.data)) {
					r.set(uint32(id), entry{typ: 1, off: int(a), gen: uint16(b)})
				}
			case 2:
				if a > 0 && a < 1<<31 {
					r.set(uint32(id), entry{typ: 2, stm: a, idx: int(b)})
				}
			}
		}
	}
	return d, true
}
