package pdftext

import "unicode"

func isRTL(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana) {
			return true
		}
	}
	return false
}

// orderRTL puts a right-to-left segment's words and letters in logical order.
func orderRTL(s *segment) {
	n := 0
	for _, w := range s.words {
		if w.rtl {
			n++
		}
	}
	if n == 0 {
		return
	}
	for i := range s.words {
		if s.words[i].rtl {
			s.words[i].text, s.words[i].bx = reverseRTL(s.words[i].text, s.words[i].bx)
		}
	}
	if n*2 <= len(s.words) {
		return
	}
	for i, j := 0, len(s.words)-1; i < j; i, j = i+1, j-1 {
		s.words[i], s.words[j] = s.words[j], s.words[i]
	}
}

// reverseRTL reverses visual-order text, keeping combining marks after their base
// and runs of digits or Latin letters in their own order; boxes follow their runes.
func reverseRTL(t string, bx []cbox) (string, []cbox) {
	type cluster struct {
		rs []rune
		bs []cbox
	}
	var clusters []cluster
	i := 0
	for _, r := range t {
		var b cbox
		if i < len(bx) {
			b = bx[i]
		}
		i++
		if len(clusters) > 0 && unicode.Is(unicode.Mn, r) {
			c := &clusters[len(clusters)-1]
			c.rs, c.bs = append(c.rs, r), append(c.bs, b)
			continue
		}
		clusters = append(clusters, cluster{[]rune{r}, []cbox{b}})
	}
	var out []rune
	var ob []cbox
	for i := len(clusters) - 1; i >= 0; {
		if isLTRRune(clusters[i].rs[0]) {
			j := i
			for j > 0 && isLTRRune(clusters[j-1].rs[0]) {
				j--
			}
			for k := j; k <= i; k++ {
				out, ob = append(out, clusters[k].rs...), append(ob, clusters[k].bs...)
			}
			i = j - 1
			continue
		}
		out, ob = append(out, clusters[i].rs...), append(ob, clusters[i].bs...)
		i--
	}
	return string(out), ob
}

func isLTRRune(r rune) bool {
	return r < 0x0590 && (unicode.IsDigit(r) || unicode.IsLetter(r))
}
