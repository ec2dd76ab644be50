package pdftext

import (
	"bytes"
	"strconv"
	"strings"
)

// operators interns the content-stream operators.
var operators = func() map[string]string {
	m := map[string]string{}
	for _, op := range strings.Fields(`b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf TJ Tj TL Tm Tr Ts Tw Tz v w W W* y ' "`) {
		m[op] = op
	}
	return m
}()

// tokKind classifies a content-stream token.
type tokKind uint8

const (
	tkEOF tokKind = iota
	tkNum
	tkStr
	tkName
	tkOp
	tkArrOpen
	tkArrClose
	tkDictOpen
	tkDictClose
)

// token is one lexical element of a content stream. Strings keep their raw bytes.
type token struct {
	kind tokKind
	num  float64
	s    string
}

// lexer tokenises PDF content streams and CMaps. It never panics: malformed input
// yields operator tokens that the interpreter ignores.
type lexer struct {
	b []byte
	i int
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelimByte(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *lexer) skipSpace() {
	for l.i < len(l.b) {
		c := l.b[l.i]
		if isWhite(c) {
			l.i++
			continue
		}
		if c == '%' {
			for l.i < len(l.b) && l.b[l.i] != '\n' && l.b[l.i] != '\r' {
				l.i++
			}
			continue
		}
		break
	}
}

// next returns the next token.
func (l *lexer) next() token {
	l.skipSpace()
	if l.i >= len(l.b) {
		return token{kind: tkEOF}
	}
	c := l.b[l.i]
	switch {
	case c == '(':
		l.i++
		return token{kind: tkStr, s: l.literal()}
	case c == '<':
		if l.i+1 < len(l.b) && l.b[l.i+1] == '<' {
			l.i += 2
			return token{kind: tkDictOpen}
		}
		l.i++
		return token{kind: tkStr, s: l.hex()}
	case c == '>':
		l.i++
		if l.i < len(l.b) && l.b[l.i] == '>' {
			l.i++
		}
		return token{kind: tkDictClose}
	case c == '[':
		l.i++
		return token{kind: tkArrOpen}
	case c == ']':
		l.i++
		return token{kind: tkArrClose}
	case c == '{' || c == '}' || c == ')':
		l.i++
		return token{kind: tkOp, s: string(c)}
	case c == '/':
		l.i++
		st := l.i
		for l.i < len(l.b) && !isWhite(l.b[l.i]) && !isDelimByte(l.b[l.i]) {
			l.i++
		}
		return token{kind: tkName, s: unescapeName(l.b[st:l.i])}
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		st := l.i
		l.i++
		for l.i < len(l.b) {
			d := l.b[l.i]
			if (d >= '0' && d <= '9') || d == '.' || d == '-' || d == '+' {
				l.i++
				continue
			}
			break
		}
		return token{kind: tkNum, num: parseNum(l.b[st:l.i])}
	}
	st := l.i
	for l.i < len(l.b) && !isWhite(l.b[l.i]) && !isDelimByte(l.b[l.i]) {
		l.i++
	}
	if l.i == st { // stray delimiter such as '%' handled above; guard progress
		l.i++
	}
	if op, ok := operators[string(l.b[st:l.i])]; ok {
		return token{kind: tkOp, s: op} // no allocation for the usual operators
	}
	return token{kind: tkOp, s: string(l.b[st:l.i])}
}

func parseNum(b []byte) float64 {
	// Fast path: [-+]digits[.digits], which is nearly every number in content streams.
	i, neg := 0, false
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		neg, i = b[0] == '-', 1
	}
	var v, scale float64 = 0, 0
	ok := i < len(b) && len(b)-i <= 18
	for ; ok && i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			v = v*10 + float64(c-'0')
			if scale > 0 {
				scale *= 10
			}
		case c == '.' && scale == 0:
			scale = 1
		default:
			ok = false
		}
	}
	if ok {
		if scale > 1 {
			v /= scale
		}
		if neg {
			v = -v
		}
		return v
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err == nil {
		return f
	}
	// Tolerate forms such as "--5" or "5-" that some producers write.
	neg = false
	var digits []byte
	seenDot := false
	for _, c := range b {
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
	f, _ = strconv.ParseFloat(string(digits), 64)
	if neg {
		f = -f
	}
	return f
}

func unescapeName(b []byte) string {
	if bytes.IndexByte(b, '#') < 0 {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) {
			h, l := unhexByte(b[i+1]), unhexByte(b[i+2])
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

func unhexByte(c byte) int {
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

func (l *lexer) hex() string {
	var out []byte
	hi := -1
	for l.i < len(l.b) {
		c := l.b[l.i]
		l.i++
		if c == '>' {
			break
		}
		v := unhexByte(c)
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
	return string(out)
}

func (l *lexer) literal() string {
	// The usual string: no escapes, no nested parentheses.
	for i := l.i; i < len(l.b); i++ {
		c := l.b[i]
		if c == ')' {
			s := string(l.b[l.i:i])
			l.i = i + 1
			return s
		}
		if c == '\\' || c == '(' {
			break
		}
	}
	var out []byte
	depth := 1
	for l.i < len(l.b) {
		c := l.b[l.i]
		l.i++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return string(out)
			}
		case '\\':
			if l.i >= len(l.b) {
				return string(out)
			}
			e := l.b[l.i]
			l.i++
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
				if l.i < len(l.b) && l.b[l.i] == '\n' {
					l.i++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.i < len(l.b) && l.b[l.i] >= '0' && l.b[l.i] <= '7'; k++ {
						v = v*8 + int(l.b[l.i]-'0')
						l.i++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

// skipInlineImage advances past inline image data after the ID operator, up to and
// including the EI operator.
func (l *lexer) skipInlineImage() {
	if l.i < len(l.b) && isWhite(l.b[l.i]) {
		l.i++
	}
	for l.i+2 <= len(l.b) {
		if l.b[l.i] == 'E' && l.b[l.i+1] == 'I' && (l.i == 0 || isWhite(l.b[l.i-1])) &&
			(l.i+2 == len(l.b) || isWhite(l.b[l.i+2]) || isDelimByte(l.b[l.i+2])) {
			l.i += 2
			return
		}
		l.i++
	}
	l.i = len(l.b)
}
