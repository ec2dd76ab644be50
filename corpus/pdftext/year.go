package pdftext

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The year rule. A study's year is, in this order:
//
//  1. a year printed on its first page as a date: a copyright or
//     publication line ("© 2009", "Copyright 2009", "Published online 3 May
//     2009"; the first such), else a date line ("March 2009", "13 January
//     2009", "2009-03-13", a line that is only a year, a Thai Buddhist-era
//     year "พ.ศ. 2552" as 2009; the latest, as a paper's publication follows
//     its receipt), but never one after the file was created (projections:
//     "targets for 2030");
//  2. the publication date of the file's XMP metadata (prism:publicationDate,
//     prism:coverDate, dc:date);
//  3. the year the file was created (the Info dictionary's CreationDate, else
//     XMP's CreateDate): a report converted to PDF a year after it was
//     written says the later year, which is why it comes after the page;
//  4. the first year anywhere in the first page's text.
//
// Metadata.Source names "page" when the page gave the year, "xmp" or "info"
// when the file did.

var (
	yearRE  = regexp.MustCompile(`\b(19[5-9]\d|20[0-4]\d)\b`)
	buddhRE = regexp.MustCompile(`พ\.\s?ศ\.\s*(2[45]\d\d)`)
)

// dateWords are the words that make the year after them a date: months
// (English, French, German, Spanish, Portuguese, abbreviated too) and the
// Vietnamese "năm" of "tháng 3 năm 2009".
var dateWords = map[string]bool{}

// pubWords are the words of a copyright or publication line.
var pubWords = []string{"©", "(c)", "copyright", "published", "publication date", "date of publication", "first published"}

func init() {
	for _, w := range strings.Fields(`january february march april may june july august september october november december
		jan feb mar apr jun jul aug sep sept oct nov dec
		janvier février mars avril mai juin juillet août septembre octobre novembre décembre
		januar februar märz juni juli oktober dezember
		enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
		janeiro fevereiro março maio junho julho setembro outubro novembro dezembro năm`) {
		dateWords[w] = true
	}
}

// pageHead is how much of the first page's text (bytes) is searched for a year.
const pageHead = 3000

// yearRule picks a study's year (see the rule above) from its first page's
// text and its file's dates (0 when absent); from is "page", "xmp", "info" or "".
func yearRule(first string, infoCreated, xmpPub, xmpCreated int) (year int, from string) {
	first = head(first)
	created := infoCreated
	if created == 0 {
		created = xmpCreated
	}
	limit := time.Now().Year() + 1
	if created != 0 {
		limit = min(limit, created+1)
	}
	if y := printedYear(first, limit); y != 0 {
		return y, "page"
	}
	switch {
	case xmpPub != 0:
		return xmpPub, "xmp"
	case infoCreated != 0:
		return infoCreated, "info"
	case xmpCreated != 0:
		return xmpCreated, "xmp"
	}
	if y := yearRE.FindString(first); y != "" {
		n, _ := strconv.Atoi(y)
		return n, "page"
	}
	return 0, ""
}

// head is the part of a first page searched for its year.
func head(first string) string {
	if len(first) > pageHead {
		return first[:pageHead]
	}
	return first
}

// printedYear finds a year printed as a date on a first page (no later than
// limit): a copyright or publication line first, else the latest date line.
// Each year found is judged by the words before it on its line.
func printedYear(text string, limit int) int {
	pub, date := 0, 0
	for _, m := range yearRE.FindAllStringIndex(text, -1) {
		y, _ := strconv.Atoi(text[m[0]:m[1]])
		if y > limit {
			continue
		}
		line := text[strings.LastIndexByte(text[:m[0]], '\n')+1 : m[0]]
		rest := text[m[1]:]
		if k := strings.IndexByte(rest, '\n'); k >= 0 {
			rest = rest[:k]
		}
		before := strings.ToLower(line[max(0, len(line)-48):])
		switch {
		case pub == 0 && containsAny(before, pubWords):
			pub = y
		case dateWords[lastWord(before)],
			len(rest) >= 6 && rest[0] == '-' && isDigits(rest[1:3]) && rest[3] == '-' && isDigits(rest[4:6]), // 2009-03-13
			strings.TrimSpace(line) == "" && strings.TrimSpace(rest) == "":                                   // a year alone on its line
			date = max(date, y)
		}
	}
	if pub != 0 {
		return pub
	}
	if strings.Contains(text, "พ.") {
		for _, m := range buddhRE.FindAllStringSubmatch(text, -1) {
			if y, _ := strconv.Atoi(m[1]); y-543 >= 1950 && y-543 <= limit {
				date = max(date, y-543)
			}
		}
	}
	return date
}

// lastWord is the last word of the text before a year, skipping a day
// ("13, ", "13th ", "31. ") and punctuation: "… January 13, " gives "january".
func lastWord(s string) string {
	s = strings.TrimRight(s, " \t,.")
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if t := strings.TrimSuffix(s, suf); t != s && t != "" && t[len(t)-1] >= '0' && t[len(t)-1] <= '9' {
			s = t
			break
		}
	}
	s = strings.TrimRight(strings.TrimRight(s, "0123456789"), " \t,.")
	if i := strings.LastIndexAny(s, " \t,(/"); i >= 0 {
		s = s[i+1:]
	}
	return s
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
