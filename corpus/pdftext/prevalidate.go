package pdftext

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
)

// errXref means the cross-reference data would make the object layer loop or
// allocate without bound; such files go straight to pdfcpu's repair.
var errXref = errors.New("implausible cross-reference data")

// errHybrid marks a hybrid-reference file, which pdfcpu rewrites first.
var errHybrid = errors.New("hybrid cross-reference file")

var (
	prevRE  = regexp.MustCompile(`/Prev\s+(\d+)`)
	sizeRE  = regexp.MustCompile(`/Size\s+(\d+)`)
	indexRE = regexp.MustCompile(`/Index\s*\[([\d\s]*)\]`)
)

// checkXref walks the startxref/Prev chain the way the object layer will and
// rejects cycles and object numbers far beyond what the file could hold: the
// library loops forever on a Prev cycle and sizes its table from these numbers.
func checkXref(data []byte) error {
	limit := int64(len(data))/8 + 4096
	tail := data
	if len(tail) > 2048 {
		tail = tail[len(tail)-2048:]
	}
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil // the library reports this itself
	}
	off, ok := readInt(tail[i+len("startxref"):])
	seen := map[int64]bool{}
	hybrid := false
	for hops := 0; ok && hops < 256; hops++ {
		if off < 0 || off >= int64(len(data)) {
			return hybridErr(hybrid)
		}
		if seen[off] {
			return errXref
		}
		seen[off] = true
		sec := data[off:]
		p := skipWS(sec, 0)
		var dict []byte
		if bytes.HasPrefix(sec[p:], []byte("xref")) {
			end, err := checkTable(sec[p+4:], limit)
			if err != nil {
				return err
			}
			dict = window(sec[p+4+end:], 4096)
			if k := bytes.Index(dict, []byte("startxref")); k >= 0 {
				dict = dict[:k] // the trailer only, not what follows it
			}
			if bytes.Contains(dict, []byte("/XRefStm")) {
				// A hybrid file: the object layer ignores the xref stream and
				// would miss the objects only it lists.
				hybrid = true
			}
		} else {
			dict = window(sec, 4096)
			if k := bytes.Index(dict, []byte("stream")); k >= 0 {
				dict = dict[:k]
			}
			if m := indexRE.FindSubmatch(dict); m != nil {
				f := bytes.Fields(m[1])
				for k := 0; k+1 < len(f); k += 2 {
					a, _ := strconv.ParseInt(string(f[k]), 10, 64)
					b, _ := strconv.ParseInt(string(f[k+1]), 10, 64)
					if a < 0 || b < 0 || a+b > limit {
						return errXref
					}
				}
			}
		}
		if m := sizeRE.FindSubmatch(dict); m != nil {
			if n, err := strconv.ParseInt(string(m[1]), 10, 64); err != nil || n > limit {
				return errXref
			}
		}
		m := prevRE.FindSubmatch(dict)
		if m == nil {
			return hybridErr(hybrid)
		}
		off, ok = readInt(m[1])
	}
	if ok {
		return errXref // an absurdly long chain
	}
	return hybridErr(hybrid)
}

// hybridErr reports a hybrid file once the rest of the chain checked out.
func hybridErr(hybrid bool) error {
	if hybrid {
		return errHybrid
	}
	return nil
}

// checkTable scans a classic xref table's subsection headers and returns the
// offset of its trailer keyword.
func checkTable(b []byte, limit int64) (int, error) {
	p := 0
	for n := 0; n < 1<<22; n++ {
		p = skipWS(b, p)
		if p >= len(b) || bytes.HasPrefix(b[p:], []byte("trailer")) {
			return p, nil
		}
		start, ok1 := readInt(b[p:])
		p = skipToken(b, p)
		p = skipWS(b, p)
		count, ok2 := readInt(b[p:])
		p = skipToken(b, p)
		if !ok1 || !ok2 {
			return p, nil // malformed: the library rejects it itself
		}
		if start < 0 || count < 0 || start+count > limit {
			return p, errXref
		}
		for k := int64(0); k < 3*count && p < len(b); k++ {
			p = skipWS(b, p)
			p = skipToken(b, p)
		}
	}
	return p, nil
}

func window(b []byte, n int) []byte {
	if len(b) > n {
		return b[:n]
	}
	return b
}

func skipWS(b []byte, p int) int {
	for p < len(b) && isWhite(b[p]) {
		p++
	}
	return p
}

func skipToken(b []byte, p int) int {
	for p < len(b) && !isWhite(b[p]) {
		p++
	}
	return p
}

func readInt(b []byte) (int64, bool) {
	p := skipWS(b, 0)
	q := p
	for q < len(b) && b[q] >= '0' && b[q] <= '9' && q-p < 18 {
		q++
	}
	if q == p {
		return 0, false
	}
	v, err := strconv.ParseInt(string(b[p:q]), 10, 64)
	return v, err == nil
}
