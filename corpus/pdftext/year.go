package pdftext

import (
	"regexp"
	"strconv"
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
	months  = `(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sep(?:tember|t?\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|januar|februar|märz|juni|juli|oktober|dezember|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)`
	pubRE   = regexp.MustCompile(`(?i)(?:©|\(c\)|copyright|published(?:\s+online)?(?:\s+(?:in|on))?|publication\s+date|date\s+of\s+publication|first\s+published)\s*:?[^\d\n]{0,30}?(?:\d{1,2}[\s./-]+)?(?:` + months + `[\s.,]+)?(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(19[5-9]\d|20[0-4]\d)\b`)
	dateRE  = regexp.MustCompile(`(?im)\b` + months + `\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(19[5-9]\d|20[0-4]\d)\b|\b\d{1,2}\.?\s+` + months + `\s+(19[5-9]\d|20[0-4]\d)\b|\b(19[5-9]\d|20[0-4]\d)-[01]\d-[0-3]\d\b|^\s*(19[5-9]\d|20[0-4]\d)\s*$|tháng\s+\d{1,2}\s+năm\s+(19[5-9]\d|20[0-4]\d)`)
	buddhRE = regexp.MustCompile(`พ\.\s?ศ\.\s*(2[45]\d\d)`)
)

// pageHead is how much of the first page's text (bytes) is searched for a year.
const pageHead = 3000

// yearRule picks a study's year (see the rule above) from its first page's
// text and its file's dates (0 when absent); from is "page", "xmp", "info" or "".
func yearRule(first string, infoCreated, xmpPub, xmpCreated int) (year int, from string) {
	if len(first) > pageHead {
		first = first[:pageHead]
	}
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

// printedYear finds a year printed as a date on a first page (no later than
// limit): a copyright or publication line first, else the latest date line.
func printedYear(text string, limit int) int {
	for _, m := range pubRE.FindAllStringSubmatch(text, -1) {
		if y, _ := strconv.Atoi(m[1]); y <= limit {
			return y
		}
	}
	best := 0
	for _, m := range dateRE.FindAllStringSubmatch(text, -1) {
		for _, g := range m[1:] {
			if y, _ := strconv.Atoi(g); y != 0 && y <= limit {
				best = max(best, y)
			}
		}
	}
	for _, m := range buddhRE.FindAllStringSubmatch(text, -1) {
		if y, _ := strconv.Atoi(m[1]); y-543 >= 1950 && y-543 <= limit {
			best = max(best, y-543)
		}
	}
	return best
}
