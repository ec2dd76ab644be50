package pdfread

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
)

// maxSectionObjects bounds the object numbers one cross-reference section
// may claim before the library is let near it: the library allocates a table
// as long as the largest number claimed.
const maxSectionObjects = 1 << 22

// maxLibSections bounds the cross-reference chain the library follows.
const maxLibSections = 64

var (
	sizeRE  = regexp.MustCompile(`/Size\s+(\d+)`)
	prevRE  = regexp.MustCompile(`/Prev\s+(\d+)`)
	indexRE = regexp.MustCompile(`/Index\s*\[([\d\s]*)\]`)
)

// preflight walks the file's cross-reference chain from startxref as the
// library will, and refuses a chain the library would follow into a loop
// (it has no guard against a /Prev that points back) and sections whose
// object numbers would make it allocate an absurd table. It reads only the
// sections, never the objects. (The library ignores a hybrid file's
// /XRefStm: an object listed only there reads as a reference to nothing,
// which the adapter reports as Trouble.)
func preflight(data []byte) error {
	tail := data
	if len(tail) > 1024 {
		tail = tail[len(tail)-1024:]
	}
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return errors.New("no startxref")
	}
	off, ok := leadingInt(tail[i+len("startxref"):])
	if !ok {
		return errors.New("startxref without an offset")
	}
	seen := map[int64]bool{}
	for n := 0; ; n++ {
		if n >= maxLibSections {
			return errors.New("too many cross-reference sections")
		}
		if off <= 0 || off >= int64(len(data)) {
			return errors.New("a cross-reference offset outside the file")
		}
		if seen[off] {
			return errors.New("the cross-reference chain loops")
		}
		seen[off] = true
		var trailer []byte
		var err error
		if sec := skipSpace(data[off:]); bytes.HasPrefix(sec, []byte("xref")) {
			trailer, err = checkTable(sec[len("xref"):])
		} else {
			trailer, err = checkStreamSection(sec)
		}
		if err != nil {
			return err
		}
		m := prevRE.FindSubmatch(trailer)
		if m == nil {
			return nil
		}
		if off, err = strconv.ParseInt(string(m[1]), 10, 64); err != nil {
			return errors.New("an unreadable /Prev")
		}
	}
}

// checkTable checks a classic table's subsections and returns its trailer's text.
func checkTable(b []byte) ([]byte, error) {
	for sub := 0; ; sub++ {
		b = skipSpace(b)
		if bytes.HasPrefix(b, []byte("trailer")) {
			t := b[len("trailer"):]
			if k := bytes.Index(t, []byte("startxref")); k >= 0 {
				t = t[:k]
			}
			if len(t) > 64<<10 {
				t = t[:64<<10]
			}
			return t, nil
		}
		start, ok1 := leadingInt(b)
		b = skipSpace(skipInt(b))
		count, ok2 := leadingInt(b)
		b = skipInt(b)
		if !ok1 || !ok2 || sub > 1<<16 {
			return nil, errors.New("a malformed cross-reference table")
		}
		if start+count > maxSectionObjects {
			return nil, errors.New("a cross-reference subsection beyond any real file")
		}
		// Entries are nominally 20 bytes: skip them by their lines.
		for k := int64(0); k < count; k++ {
			b = skipSpace(b)
			e := bytes.IndexAny(b, "\r\n")
			if e < 0 {
				return nil, errors.New("a truncated cross-reference table")
			}
			b = b[e:]
		}
	}
}

// checkStreamSection checks a cross-reference stream's dictionary and returns it.
func checkStreamSection(b []byte) ([]byte, error) {
	if len(b) > 64<<10 {
		b = b[:64<<10]
	}
	k := bytes.Index(b, []byte("stream"))
	if k < 0 {
		return nil, errors.New("no cross-reference table or stream")
	}
	dict := b[:k]
	m := sizeRE.FindSubmatch(dict)
	if m == nil {
		return nil, errors.New("a cross-reference stream without /Size")
	}
	if size, err := strconv.ParseInt(string(m[1]), 10, 64); err != nil || size > maxSectionObjects {
		return nil, errors.New("a cross-reference stream beyond any real file")
	}
	if m := indexRE.FindSubmatch(dict); m != nil {
		f := bytes.Fields(m[1])
		for i := 0; i+1 < len(f); i += 2 {
			s, err1 := strconv.ParseInt(string(f[i]), 10, 64)
			c, err2 := strconv.ParseInt(string(f[i+1]), 10, 64)
			if err1 != nil || err2 != nil || s+c > maxSectionObjects {
				return nil, errors.New("a cross-reference stream beyond any real file")
			}
		}
	}
	return dict, nil
}

func skipSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\n' || b[0] == '\r' || b[0] == '\t' || b[0] == '\f' || b[0] == 0) {
		b = b[1:]
	}
	return b
}

func skipInt(b []byte) []byte {
	for len(b) > 0 && b[0] >= '0' && b[0] <= '9' {
		b = b[1:]
	}
	return b
}

// leadingInt reads a non-negative integer after optional white space.
func leadingInt(b []byte) (int64, bool) {
	b = skipSpace(b)
	n, digits := int64(0), 0
	for ; digits < len(b) && b[digits] >= '0' && b[digits] <= '9'; digits++ {
		if n > 1<<40 {
			return 0, false
		}
		n = n*10 + int64(b[digits]-'0')
	}
	return n, digits > 0
}
