package typeset

import (
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/evidence-workbench/workbench/assets"
)

// script classifies a rune for line breaking: the scripts written without
// spaces between words, or none.
type script uint8

const (
	scriptOther script = iota
	scriptThai
	scriptLao
	scriptKhmer
	scriptMyanmar
)

var dictNames = [...]string{scriptThai: "thai", scriptLao: "lao", scriptKhmer: "khmer", scriptMyanmar: "burmese"}

func unspacedScript(r rune) script {
	switch {
	case r >= 0x0E01 && r <= 0x0E5B:
		return scriptThai
	case r >= 0x0E81 && r <= 0x0EDF:
		return scriptLao
	case r >= 0x1780 && r <= 0x17FF, r >= 0x19E0 && r <= 0x19FF:
		return scriptKhmer
	case r >= 0x1000 && r <= 0x109F, r >= 0xA9E0 && r <= 0xA9FF, r >= 0xAA60 && r <= 0xAA7F:
		return scriptMyanmar
	}
	return scriptOther
}

// dictionary is a sorted word list.
type dictionary struct {
	words  []string
	maxLen int // longest word in runes
}

var dicts struct {
	sync.Mutex
	m map[script]*dictionary
}

// dictionaryOf loads a script's word list once; nil when it cannot be read.
func dictionaryOf(s script) *dictionary {
	dicts.Lock()
	defer dicts.Unlock()
	if d, ok := dicts.m[s]; ok {
		return d
	}
	if dicts.m == nil {
		dicts.m = map[script]*dictionary{}
	}
	words, err := assets.Words(dictNames[s])
	var d *dictionary
	if err == nil {
		d = &dictionary{words: words}
		for _, w := range words {
			d.maxLen = max(d.maxLen, len([]rune(w)))
		}
	}
	dicts.m[s] = d
	return d
}

// lookup reports whether w is a word and whether some word starts with w.
func (d *dictionary) lookup(w string) (word, prefix bool) {
	i := sort.SearchStrings(d.words, w)
	if i == len(d.words) {
		return false, false
	}
	return d.words[i] == w, strings.HasPrefix(d.words[i], w)
}

// clusterStart reports whether a break may fall before text[i] inside a run
// of script s at all: never inside a grapheme (grapheme says whether i
// starts one), after a Thai or Lao leading vowel, before a Thai or Lao
// vowel that follows its consonant on the line (ะ า ำ ๅ ๆ), before a Khmer
// consonant written below another (after coeng), nor before a Burmese
// consonant that is killed (asat) or stacked (virama).
func clusterStart(text []rune, i int, s script, grapheme bool) bool {
	if !grapheme || i == 0 {
		return grapheme
	}
	prev, cur := text[i-1], text[i]
	var next rune
	if i+1 < len(text) {
		next = text[i+1]
	}
	switch s {
	case scriptThai:
		if prev >= 0x0E40 && prev <= 0x0E44 {
			return false
		}
		switch cur {
		case 0x0E30, 0x0E32, 0x0E33, 0x0E45, 0x0E46, 0x0E2F:
			return false
		}
	case scriptLao:
		if prev >= 0x0EC0 && prev <= 0x0EC4 {
			return false
		}
		switch cur {
		case 0x0EB0, 0x0EB2, 0x0EB3, 0x0EC6, 0x0EAF:
			return false
		}
	case scriptKhmer:
		if prev == 0x17D2 {
			return false
		}
	case scriptMyanmar:
		if prev == 0x1039 || next == 0x103A || next == 0x1039 {
			return false
		}
		// Medials, vowel signs and tone marks belong to the syllable.
		if cur >= 0x102B && cur <= 0x103E || cur >= 0x1056 && cur <= 0x1059 || cur >= 0x105E && cur <= 0x1060 ||
			cur >= 0x1062 && cur <= 0x1064 || cur >= 0x1067 && cur <= 0x106D || cur >= 0x1071 && cur <= 0x1074 ||
			cur >= 0x1082 && cur <= 0x108D || cur == 0x108F || cur >= 0x109A && cur <= 0x109D {
			return false
		}
	}
	return !unicode.Is(unicode.Mn, cur) && !unicode.Is(unicode.Mc, cur)
}

// segmentWords returns the word starts (offsets relative to run) of a run of
// one unspaced script: the segmentation with the fewest pieces the
// dictionary does not know, then the fewest words. starts[i] reports
// whether a cluster starts at run[i]. A stretch the dictionary does not
// know (a name, a loan word) stays whole up to maxUnknown clusters; a longer
// one is cut at every cluster, so that a line can still break inside it.
func segmentWords(run []rune, s script, starts []bool) []int {
	const maxUnknown = 8
	n := len(run)
	d := dictionaryOf(s)
	type cost struct {
		unknown, words, from int
		guess                bool // the piece ending here is one unknown cluster
	}
	const inf = 1 << 30
	best := make([]cost, n+1)
	for i := range best {
		best[i] = cost{inf, inf, -1, false}
	}
	best[0] = cost{0, 0, -1, false}
	better := func(a, b cost) bool { return a.unknown < b.unknown || a.unknown == b.unknown && a.words < b.words }
	for i := 0; i < n; i++ {
		if best[i].unknown == inf || !starts[i] {
			continue
		}
		// One unknown cluster.
		j := i + 1
		for j < n && !starts[j] {
			j++
		}
		if c := (cost{best[i].unknown + 1, best[i].words + 1, i, true}); better(c, best[j]) {
			best[j] = c
		}
		if d == nil {
			continue
		}
		for j := i + 1; j <= n && j-i <= d.maxLen; j++ {
			if j < n && !starts[j] {
				continue
			}
			word, prefix := d.lookup(string(run[i:j]))
			if word {
				if c := (cost{best[i].unknown, best[i].words + 1, i, false}); better(c, best[j]) {
					best[j] = c
				}
			}
			if !prefix {
				break
			}
		}
	}
	type piece struct {
		start int
		guess bool
	}
	var pieces []piece
	for j := n; j > 0 && best[j].from >= 0; j = best[j].from {
		pieces = append(pieces, piece{best[j].from, best[j].guess})
	}
	var out []int
	for k := len(pieces) - 1; k >= 0; k-- {
		p := pieces[k]
		if !p.guess {
			out = append(out, p.start)
			continue
		}
		// A stretch of unknown clusters: whole when short.
		m := k
		for m > 0 && pieces[m-1].guess {
			m--
		}
		if k-m+1 <= maxUnknown {
			out = append(out, p.start)
		} else {
			for q := k; q >= m; q-- {
				out = append(out, pieces[q].start)
			}
		}
		k = m
	}
	return out
}
