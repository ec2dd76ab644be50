package refi

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// REFI-QDA counts text positions in Unicode code points, but some exporters
// count UTF-16 code units instead (NVivo 12 does: every emoji or other
// character outside the Basic Multilingual Plane shifts later positions by
// one). The two readings differ only after the first such character, so the
// check below runs only for texts that have one, and decides by which reading
// puts more selection boundaries between words.

// isWordRune reports whether r is part of a word for boundary scoring.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// boundaryScore counts selection starts and ends that do not cut a word, and
// selections that do not fit; at maps a position to a rune index (-1: invalid).
func boundaryScore(runes []rune, sels []PlainTextSelection, at func(int) int) (score, outside int) {
	onBoundary := func(i int) bool {
		return i <= 0 || i >= len(runes) || !isWordRune(runes[i-1]) || !isWordRune(runes[i])
	}
	for _, s := range sels {
		a, b := at(s.Start), at(s.End)
		if a < 0 || b < 0 || b > len(runes) {
			outside++
			continue
		}
		if onBoundary(a) {
			score++
		}
		if onBoundary(b) {
			score++
		}
	}
	return score, outside
}

// utf16Index maps UTF-16 offsets of runes to rune indexes; offsets inside a
// surrogate pair map to the rune they split.
func utf16Index(runes []rune) []int32 {
	idx := make([]int32, 0, len(runes)+len(runes)/8+1)
	for i, r := range runes {
		idx = append(idx, int32(i))
		if r > 0xFFFF {
			idx = append(idx, int32(i))
		}
	}
	return append(idx, int32(len(runes)))
}

// fixPositions converts the selections of ts from UTF-16 units to code points
// when text shows that the file counted UTF-16 units, and reports selections
// that do not fit the text. It returns the warnings to record.
func fixPositions(ts *TextSource, text string) []Warning {
	if len(ts.Selections) == 0 {
		return nil
	}
	astral := false // a 4-byte UTF-8 sequence (lead byte 0xF0-0xF4) is outside the BMP
	for i := 0; i < len(text); i++ {
		if text[i] >= 0xF0 {
			astral = true
			break
		}
	}
	var ws []Warning
	if astral {
		runes := []rune(text)
		idx := utf16Index(runes)
		fromUTF16 := func(p int) int {
			if p < 0 || p >= len(idx) {
				return -1
			}
			return int(idx[p])
		}
		asIs := func(p int) int { return p }
		cpScore, cpOut := boundaryScore(runes, ts.Selections, asIs)
		u16Score, u16Out := boundaryScore(runes, ts.Selections, fromUTF16)
		margin := max(2, len(ts.Selections)/10)
		if u16Out <= cpOut && (u16Score >= cpScore+margin || u16Out < cpOut) {
			for i := range ts.Selections {
				s := &ts.Selections[i]
				if a, b := fromUTF16(s.Start), fromUTF16(s.End); a >= 0 && b >= 0 {
					s.Start, s.End = a, b
				}
			}
			ws = append(ws, Warning{Element: "TextSource", GUID: ts.GUID, Message: fmt.Sprintf(
				"%q: selection positions were counted in UTF-16 units, not code points; converted (%d of %d boundaries between words, against %d)",
				ts.Name, u16Score, 2*len(ts.Selections), cpScore)})
		}
	}
	return append(ws, CheckSelections(ts, text)...)
}

// CheckSelections reports the selections of ts that end beyond text, which
// positions them wrongly (a different text version, or positions counted in
// bytes instead of code points).
func CheckSelections(ts *TextSource, text string) []Warning {
	n := utf8.RuneCountInString(text)
	var ws []Warning
	for _, s := range ts.Selections {
		if s.End > n {
			ws = append(ws, Warning{Element: "PlainTextSelection", GUID: s.GUID,
				Message: fmt.Sprintf("range %d-%d lies beyond the %d code points of %q", s.Start, s.End, n, ts.Name)})
		}
	}
	return ws
}
