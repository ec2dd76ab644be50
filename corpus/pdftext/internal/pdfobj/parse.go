package pdfobj

import (
	"bytes"
	"strconv"
)

// maxDepth bounds the nesting of arrays and dictionaries, so hostile input
// cannot exhaust the stack.
const maxDepth = 64

// parser reads PDF objects from a byte slice. It never panics on malformed
// input: what cannot be read becomes null.
type parser struct {
	b   []byte
	pos int
	// decrypt, when set, decrypts the strings of the object being read.
	decrypt func(s []byte) []byte
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func isRegular(c byte) bool { return !isWhite(c) && !isDelim(c) }

// skipWS skips white space and comments.
func (p *parser) skipWS() {
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		if isWhite(c) {
			p.pos++
			continue
		}
		if c == '%' {
			for p.pos < len(p.b) && p.b[p.pos] != '\n' && p.b[p.pos] != '\r' {
				p.pos++
			}
			continue
		}
		return
	}
}

// keyword reads a run of regular characters at the position (after white
// space) without consuming it when it is not kw.
func (p *parser) peekKeyword(kw string) bool {
	p.skipWS()
	if !bytes.HasPrefix(p.b[p.pos:], []byte(kw)) {
		return false
	}
	end := p.pos + len(kw)
	return end >= len(p.b) || !isRegular(p.b[end])
}

// word reads a run of regular characters.
func (p *parser) word() []byte {
	st := p.pos
	for p.pos < len(p.b) && isRegular(p.b[p.pos]) {
		p.pos++
	}
	return p.b[st:p.pos]
}

// uint reads an unsigned decimal integer at the position (no white space skipped).
func (p *parser) uint() (int64, bool) {
	st := p.pos
	var v int64
	for p.pos < len(p.b) && p.b[p.pos] >= '0' && p.b[p.pos] <= '9' {
		if p.pos-st < 18 {
			v = v*10 + int64(p.b[p.pos]-'0')
		}
		p.pos++
	}
	if p.pos == st || p.pos-st >= 18 {
		return v, p.pos != st && p.pos-st < 18
	}
	if p.pos < len(p.b) && isRegular(p.b[p.pos]) {
		return v, false
	}
	return v, true
}

// value reads one value. ok is false at the end of input or at a token that
// is not a value (a closing delimiter or a keyword such as "endobj"); the
// position is then left at that token.
func (p *parser) value(depth int) (v any, ok bool) {
	p.skipWS()
	if p.pos >= len(p.b) {
		return nil, false
	}
	c := p.b[p.pos]
	switch {
	case c == '/':
		p.pos++
		return name(unescapeName(p.word())), true
	case c == '(':
		p.pos++
		return p.literal(), true
	case c == '<':
		if p.pos+1 < len(p.b) && p.b[p.pos+1] == '<' {
			p.pos += 2
			if depth >= maxDepth {
				p.skipNested()
				return nil, true
			}
			return p.dict(depth + 1), true
		}
		p.pos++
		return p.hex(), true
	case c == '[':
		p.pos++
		if depth >= maxDepth {
			p.skipNested()
			return nil, true
		}
		return p.array(depth + 1), true
	case c == ']' || c == '>' || c == ')' || c == '{' || c == '}':
		return nil, false
	case c >= '0' && c <= '9':
		return p.numberOrRef(), true
	case c == '+' || c == '-' || c == '.':
		return p.number(), true
	}
	w := p.word()
	switch string(w) {
	case "true":
		return true, true
	case "false":
		return false, true
	case "null":
		return nil, true
	}
	p.pos -= len(w)
	return nil, false
}

// numberOrRef reads a number, or "N G R" as a reference.
func (p *parser) numberOrRef() any {
	st := p.pos
	n, ok := p.uint()
	if !ok {
		p.pos = st
		return p.number()
	}
	save := p.pos
	p.skipWS()
	if p.pos < len(p.b) && p.b[p.pos] >= '0' && p.b[p.pos] <= '9' {
		g, ok := p.uint()
		if ok {
			p.skipWS()
			if p.pos < len(p.b) && p.b[p.pos] == 'R' && (p.pos+1 >= len(p.b) || !isRegular(p.b[p.pos+1])) {
				p.pos++
				if n > 0 && n < 1<<31 && g >= 0 && g < 1<<16 {
					return ref{uint32(n), uint16(g)}
				}
				return nil
			}
		}
	}
	p.pos = save
	return n
}

// number reads an integer or real, tolerating forms such as "--5" or "1.2.3".
func (p *parser) number() any {
	st := p.pos
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		if (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E' {
			p.pos++
			continue
		}
		break
	}
	s := string(p.b[st:p.pos])
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return i
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f
	}
	neg, seenDot := false, false
	var digits []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '-' && len(digits) == 0:
			neg = true
		case c == '.' && !seenDot:
			seenDot = true
			digits = append(digits, c)
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		}
	}
	f, _ := strconv.ParseFloat(string(digits), 64)
	if neg {
		f = -f
	}
	return f
}

func (p *parser) array(depth int) array {
	out := array{}
	for len(out) < 1<<22 {
		v, ok := p.value(depth)
		if !ok {
			if p.pos >= len(p.b) {
				return out
			}
			c := p.b[p.pos]
			if c == ']' {
				p.pos++
				return out
			}
			if c == '>' || isRegular(c) && p.atObjectEnd() {
				return out // unterminated: leave the rest to the caller
			}
			p.skipToken()
			continue
		}
		out = append(out, v)
	}
	return out
}

func (p *parser) dict(depth int) dict {
	out := dict{}
	for n := 0; n < 1<<22; n++ {
		p.skipWS()
		if p.pos >= len(p.b) {
			return out
		}
		c := p.b[p.pos]
		if c == '>' {
			p.pos++
			if p.pos < len(p.b) && p.b[p.pos] == '>' {
				p.pos++
			}
			return out
		}
		if c != '/' {
			if isRegular(c) && p.atObjectEnd() {
				return out
			}
			// Not a key: skip the value (or stray token) and go on.
			if _, ok := p.value(depth); !ok {
				p.skipToken()
			}
			continue
		}
		p.pos++
		k := name(unescapeName(p.word()))
		v, ok := p.value(depth)
		if !ok {
			if p.pos < len(p.b) && (p.b[p.pos] == '>' || p.b[p.pos] == '/') {
				continue // a key without a value
			}
			if p.pos < len(p.b) && isRegular(p.b[p.pos]) && p.atObjectEnd() {
				return out
			}
			p.skipToken()
			continue
		}
		if v != nil {
			out[k] = v
		}
	}
	return out
}

// atObjectEnd reports whether the position holds a keyword that ends an
// object ("endobj", "stream", "endstream", "obj", "xref", "trailer").
func (p *parser) atObjectEnd() bool {
	for _, kw := range []string{"endobj", "stream", "endstream", "obj", "xref", "trailer", "startxref"} {
		if bytes.HasPrefix(p.b[p.pos:], []byte(kw)) {
			end := p.pos + len(kw)
			if end >= len(p.b) || !isRegular(p.b[end]) {
				return true
			}
		}
	}
	return false
}

// skipToken advances past one token that value could not read.
func (p *parser) skipToken() {
	if p.pos >= len(p.b) {
		return
	}
	if isRegular(p.b[p.pos]) {
		p.word()
		return
	}
	p.pos++
}

// skipNested skips an array or dictionary nested too deeply to read.
func (p *parser) skipNested() {
	depth := 1
	for p.pos < len(p.b) && depth > 0 {
		switch c := p.b[p.pos]; c {
		case '[':
			depth++
		case ']':
			depth--
		case '<':
			if p.pos+1 < len(p.b) && p.b[p.pos+1] == '<' {
				depth++
				p.pos++
			}
		case '>':
			if p.pos+1 < len(p.b) && p.b[p.pos+1] == '>' {
				depth--
				p.pos++
			}
		case '(':
			p.pos++
			p.literal()
			continue
		}
		p.pos++
	}
}

func unescapeName(b []byte) string {
	if bytes.IndexByte(b, '#') < 0 {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			h, l := unhex(b[i+1]), unhex(b[i+2])
			if h >= 0 && l >= 0 {
				out = append(out, byte(h<<4|l))
				i += 2
				continue
			}
		}
		out = append(out, b[i])
	}
	return string(out)
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func (p *parser) hex() str {
	var out []byte
	hi := -1
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		p.pos++
		if c == '>' {
			break
		}
		v := unhex(c)
		if v < 0 {
			continue
		}
		if hi < 0 {
			hi = v
		} else {
			out = append(out, byte(hi<<4|v))
			hi = -1
		}
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	if p.decrypt != nil {
		out = p.decrypt(out)
	}
	return str(out)
}

func (p *parser) literal() str {
	var out []byte
	depth := 1
loop:
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		p.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				break loop
			}
		case '\\':
			if p.pos >= len(p.b) {
				break loop
			}
			e := p.b[p.pos]
			p.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if p.pos < len(p.b) && p.b[p.pos] == '\n' {
					p.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && p.pos < len(p.b) && p.b[p.pos] >= '0' && p.b[p.pos] <= '7'; k++ {
						v = v*8 + int(p.b[p.pos]-'0')
						p.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	if p.decrypt != nil {
		out = p.decrypt(out)
	}
	return str(out)
}

// objHeader reads "N G obj" at the position and returns the reference.
func (p *parser) objHeader() (ref, bool) {
	p.skipWS()
	id, ok := p.uint()
	if !ok {
		return ref{}, false
	}
	p.skipWS()
	gen, ok := p.uint()
	if !ok {
		return ref{}, false
	}
	p.skipWS()
	if !bytes.HasPrefix(p.b[p.pos:], []byte("obj")) {
		return ref{}, false
	}
	p.pos += 3
	if id <= 0 || id >= 1<<31 || gen < 0 || gen >= 1<<16 {
		return ref{}, false
	}
	return ref{uint32(id), uint16(gen)}, true
}

// streamStart checks for the "stream" keyword after a dictionary and returns
// where the stream's data begins.
func (p *parser) streamStart() (int, bool) {
	if !p.peekKeyword("stream") {
		return 0, false
	}
	p.pos += len("stream")
	if p.pos < len(p.b) && p.b[p.pos] == '\r' {
		p.pos++
	}
	if p.pos < len(p.b) && p.b[p.pos] == '\n' {
		p.pos++
	}
	return p.pos, true
}
