package search

import (
	"fmt"
	"sort"
	"unicode"
)

// Chunk sizes in code points. A page no longer than maxChunk is one chunk;
// longer pages are split at paragraph boundaries into chunks of at most
// maxChunk code points, and paragraphs longer than that at sentence ends
// (or spaces) near targetChunk.
const (
	maxChunk    = 2000
	targetChunk = 1500
	minPiece    = 1000
)

type span struct{ start, end int }

// ChunkStudy splits a study text (pages joined by "\f", paragraphs separated
// by blank lines) into page- or paragraph-sized chunks of about 1,000-2,000
// code points that never cross a page boundary. pageStarts gives the code
// point at which each page starts; when it is nil or inconsistent with the
// text, pages are found from the form feeds. Every chunk carries the study's
// metadata; Codes are left empty (see AssignCodes). Chunk IDs are
// "<study GUID>/<sequence>" and are stable for the same text.
func ChunkStudy(study StudyInfo, text string, pageStarts []int) []Chunk {
	runes := []rune(text)
	pages := pageSpans(runes, pageStarts)
	script := study.Script
	if script == "" {
		script = DetectScript(text)
	}
	lang := study.Lang
	if lang == "" && script == ScriptLatin && looksVietnamese(text) {
		lang = "vi"
	}
	var chunks []Chunk
	for pi, pg := range pages {
		for _, sp := range splitPage(runes, pg) {
			chunks = append(chunks, Chunk{
				ID:        fmt.Sprintf("%s/%04d", study.GUID, len(chunks)),
				Study:     study.GUID,
				Page:      pi + 1,
				Start:     sp.start,
				End:       sp.end,
				Text:      string(runes[sp.start:sp.end]),
				Title:     study.Title,
				Authors:   study.Authors,
				Year:      study.Year,
				Countries: study.Countries,
				Sectors:   study.Sectors,
				Method:    study.Method,
				Rigor:     study.Rigor,
				Lang:      lang,
				Script:    script,
			})
		}
	}
	return chunks
}

// AssignCodes sets each chunk's Codes to the sorted, distinct names of the
// codings that overlap it. Chunks and spans use the same study text offsets.
func AssignCodes(chunks []Chunk, spans []CodeSpan) {
	for i := range chunks {
		seen := map[string]bool{}
		var codes []string
		for _, s := range spans {
			if s.Start < chunks[i].End && s.End > chunks[i].Start && !seen[s.Code] {
				seen[s.Code] = true
				codes = append(codes, s.Code)
			}
		}
		sort.Strings(codes)
		chunks[i].Codes = codes
	}
}

// ChunksOverlapping returns the chunks that overlap the code-point range
// [start, end), e.g. the chunks to re-index after a coding changed.
func ChunksOverlapping(chunks []Chunk, start, end int) []Chunk {
	var out []Chunk
	for _, c := range chunks {
		if start < c.End && end > c.Start || start == end && start >= c.Start && start < c.End {
			out = append(out, c)
		}
	}
	return out
}

// pageSpans returns the code-point range of every page, excluding the form
// feed that ends it.
func pageSpans(runes []rune, pageStarts []int) []span {
	valid := len(pageStarts) > 0 && pageStarts[0] == 0
	for i := 1; valid && i < len(pageStarts); i++ {
		valid = pageStarts[i] > pageStarts[i-1] && pageStarts[i] <= len(runes)
	}
	if !valid {
		pageStarts = []int{0}
		for i, r := range runes {
			if r == '\f' {
				pageStarts = append(pageStarts, i+1)
			}
		}
	}
	out := make([]span, len(pageStarts))
	for i, s := range pageStarts {
		e := len(runes)
		if i+1 < len(pageStarts) {
			e = pageStarts[i+1]
		}
		if e > s && runes[e-1] == '\f' {
			e--
		}
		out[i] = span{s, e}
	}
	return out
}

// trim shrinks sp to exclude surrounding white space.
func trim(runes []rune, sp span) span {
	for sp.start < sp.end && unicode.IsSpace(runes[sp.start]) {
		sp.start++
	}
	for sp.end > sp.start && unicode.IsSpace(runes[sp.end-1]) {
		sp.end--
	}
	return sp
}

// paragraphs splits a page into trimmed, non-empty paragraphs separated by
// blank lines.
func paragraphs(runes []rune, pg span) []span {
	var out []span
	start := pg.start
	for i := pg.start; i < pg.end; i++ {
		if runes[i] != '\n' {
			continue
		}
		j := i + 1
		for j < pg.end && runes[j] != '\n' && unicode.IsSpace(runes[j]) {
			j++
		}
		if j < pg.end && runes[j] == '\n' {
			if p := trim(runes, span{start, i}); p.end > p.start {
				out = append(out, p)
			}
			start = j + 1
			i = j
		}
	}
	if p := trim(runes, span{start, pg.end}); p.end > p.start {
		out = append(out, p)
	}
	return out
}

// splitPage cuts one page into chunk spans.
func splitPage(runes []rune, pg span) []span {
	whole := trim(runes, pg)
	if whole.end <= whole.start {
		return nil
	}
	if whole.end-whole.start <= maxChunk {
		return []span{whole}
	}
	var out []span
	cur := span{-1, -1}
	flush := func() {
		if cur.start >= 0 {
			out = append(out, cur)
			cur = span{-1, -1}
		}
	}
	for _, p := range paragraphs(runes, whole) {
		if cur.start >= 0 && p.end-cur.start <= maxChunk {
			cur.end = p.end
			continue
		}
		flush()
		if p.end-p.start <= maxChunk {
			cur = p
			continue
		}
		for _, piece := range splitLong(runes, p) {
			if piece.end-piece.start < minPiece {
				cur = piece // a short tail may take the next paragraph
			} else {
				out = append(out, piece)
			}
		}
	}
	flush()
	return out
}

// splitLong cuts an over-long paragraph at sentence ends, else at spaces,
// else hard, into pieces of at most maxChunk code points.
func splitLong(runes []rune, p span) []span {
	var out []span
	s := p.start
	for p.end-s > maxChunk {
		cut := -1
		for i := s + targetChunk; i > s+minPiece && cut < 0; i-- {
			if isSentenceEnd(runes, i) {
				cut = i
			}
		}
		for i := s + targetChunk; i < s+maxChunk && cut < 0; i++ {
			if isSentenceEnd(runes, i) {
				cut = i
			}
		}
		for i := s + maxChunk; i > s+minPiece && cut < 0; i-- {
			if unicode.IsSpace(runes[i]) {
				cut = i
			}
		}
		if cut < 0 {
			cut = s + maxChunk
		}
		if piece := trim(runes, span{s, cut}); piece.end > piece.start {
			out = append(out, piece)
		}
		s = cut
	}
	if piece := trim(runes, span{s, p.end}); piece.end > piece.start {
		out = append(out, piece)
	}
	return out
}

// isSentenceEnd reports whether a sentence ends just before runes[i].
func isSentenceEnd(runes []rune, i int) bool {
	if i <= 0 || i >= len(runes) {
		return false
	}
	switch runes[i-1] {
	case '.', '!', '?', '…':
		return unicode.IsSpace(runes[i])
	case '។', '။', '।':
		return true
	}
	return false
}
