package pdftext

import (
	"unicode/utf16"
)

// codeRange is one codespace range: codes of n bytes between lo and hi.
type codeRange struct {
	n      int
	lo, hi uint32
}

// uniRange maps codes lo..hi to consecutive text starting at dst (bfrange with a string).
type uniRange struct {
	lo, hi uint32
	dst    []rune
	arr    []string // bfrange with an array of strings
}

// cidRange maps codes lo..hi to CIDs starting at cid.
type cidRange struct {
	lo, hi, cid uint32
}

// cmap holds what a ToUnicode or encoding CMap says.
type cmap struct {
	space  []codeRange
	chars  map[uint32]string
	ranges []uniRange
	cids   []cidRange
	cidMap map[uint32]uint32
}

// maxCMapRange bounds the size of one range so a hostile CMap cannot make look-ups huge.
const maxCMapRange = 1 << 16

func bytesToCode(s string) uint32 {
	var v uint32
	for i := 0; i < len(s) && i < 4; i++ {
		v = v<<8 | uint32(s[i])
	}
	return v
}

func utf16Text(s string) []rune {
	if len(s) == 1 {
		return []rune{rune(s[0])}
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return utf16.Decode(u)
}

// parseCMap reads a CMap stream's bytes. It never fails: unknown parts are skipped.
func parseCMap(data []byte) *cmap {
	m := &cmap{chars: map[uint32]string{}, cidMap: map[uint32]uint32{}}
	l := lexer{b: data}
	var stk []token
	for {
		t := l.next()
		if t.kind == tkEOF {
			break
		}
		if t.kind != tkOp {
			if len(stk) > 1<<20 {
				stk = stk[:0]
			}
			stk = append(stk, t)
			continue
		}
		switch t.s {
		case "endcodespacerange":
			strs := onlyStrings(stk)
			for i := 0; i+1 < len(strs); i += 2 {
				lo, hi := strs[i], strs[i+1]
				if len(lo) == 0 || len(lo) > 4 {
					continue
				}
				m.space = append(m.space, codeRange{len(lo), bytesToCode(lo), bytesToCode(hi)})
			}
		case "endbfchar":
			for i := 0; i+1 < len(stk); i += 2 {
				src, dst := stk[i], stk[i+1]
				if src.kind != tkStr {
					continue
				}
				switch dst.kind {
				case tkStr:
					m.chars[bytesToCode(src.s)] = string(utf16Text(dst.s))
				case tkName:
					m.chars[bytesToCode(src.s)] = glyphRune(dst.s)
				}
			}
		case "endbfrange":
			m.parseBFRange(stk)
		case "endcidrange":
			for i := 0; i+2 < len(stk); i += 3 {
				if stk[i].kind == tkStr && stk[i+1].kind == tkStr && stk[i+2].kind == tkNum {
					m.cids = append(m.cids, cidRange{bytesToCode(stk[i].s), bytesToCode(stk[i+1].s), uint32(stk[i+2].num)})
				}
			}
		case "endcidchar":
			for i := 0; i+1 < len(stk); i += 2 {
				if stk[i].kind == tkStr && stk[i+1].kind == tkNum {
					m.cidMap[bytesToCode(stk[i].s)] = uint32(stk[i+1].num)
				}
			}
		}
		stk = stk[:0]
	}
	return m
}

func onlyStrings(stk []token) []string {
	var out []string
	for _, t := range stk {
		if t.kind == tkStr {
			out = append(out, t.s)
		}
	}
	return out
}

func (m *cmap) parseBFRange(stk []token) {
	i := 0
	for i+2 < len(stk) {
		lo, hi := stk[i], stk[i+1]
		if lo.kind != tkStr || hi.kind != tkStr {
			i++
			continue
		}
		r := uniRange{lo: bytesToCode(lo.s), hi: bytesToCode(hi.s)}
		if r.hi < r.lo || r.hi-r.lo > maxCMapRange {
			r.hi = r.lo
		}
		switch stk[i+2].kind {
		case tkStr:
			r.dst = utf16Text(stk[i+2].s)
			i += 3
		case tkArrOpen:
			j := i + 3
			for j < len(stk) && stk[j].kind != tkArrClose {
				if stk[j].kind == tkStr {
					r.arr = append(r.arr, string(utf16Text(stk[j].s)))
				} else if stk[j].kind == tkName {
					r.arr = append(r.arr, glyphRune(stk[j].s))
				}
				j++
			}
			i = j + 1
		default:
			i += 3
			continue
		}
		m.ranges = append(m.ranges, r)
	}
}

// lookup returns the text for a code.
func (m *cmap) lookup(code uint32) (string, bool) {
	if s, ok := m.chars[code]; ok {
		return s, true
	}
	for _, r := range m.ranges {
		if code < r.lo || code > r.hi {
			continue
		}
		off := code - r.lo
		if r.arr != nil {
			if int(off) < len(r.arr) {
				return r.arr[off], true
			}
			return "", true
		}
		if len(r.dst) == 0 {
			return "", true
		}
		out := make([]rune, len(r.dst))
		copy(out, r.dst)
		out[len(out)-1] += rune(off)
		return string(out), true
	}
	return "", false
}

// cid maps a code to a CID through an encoding CMap (identity when unmapped).
func (m *cmap) cid(code uint32) uint32 {
	if c, ok := m.cidMap[code]; ok {
		return c
	}
	for _, r := range m.cids {
		if code >= r.lo && code <= r.hi {
			return r.cid + code - r.lo
		}
	}
	return code
}

// codeLen returns how many bytes the next code in s takes under the codespace ranges.
func (m *cmap) codeLen(s string, def int) int {
	if m == nil || len(m.space) == 0 {
		return def
	}
	for n := 1; n <= 4 && n <= len(s); n++ {
		v := bytesToCode(s[:n])
		for _, r := range m.space {
			if r.n == n && v >= r.lo && v <= r.hi {
				return n
			}
		}
	}
	return def
}
