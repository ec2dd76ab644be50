package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus/names"
)

// ErrReferences is wrapped by every *ReferencesError.
var ErrReferences = errors.New("the references file cannot be read")

// ReferencesError says why a reference manager's export cannot be read,
// with the line where reading stopped (0 for the whole file); nothing was
// imported. It unwraps to ErrReferences.
type ReferencesError struct {
	Line    int
	Message string
}

// Error gives the line and the problem.
func (e *ReferencesError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%v: line %d: %s", ErrReferences, e.Line, e.Message)
	}
	return fmt.Sprintf("%v: %s", ErrReferences, e.Message)
}

// Unwrap makes errors.Is(err, ErrReferences) true.
func (e *ReferencesError) Unwrap() error { return ErrReferences }

// Reference is one record of a reference manager's export (RIS or BibTeX,
// as Zotero, EndNote, Mendeley and JabRef write them).
type Reference struct {
	Line      int            // line where the record starts
	Key       string         // BibTeX key or RIS ID, "" when none
	Type      string         // publication type ("Journal article", "Report"...), "" when unknown
	Title     string         // title
	Authors   []names.Author // authors (RIS AU/A1, BibTeX author; editors when there are no authors)
	Year      int            // publication year, 0 when unknown
	Publisher string         // journal, or publisher, institution or organisation
	DOI       string         // bare DOI ("10.1234/abc")
	Language  string         // language as given
	URL       string         // link
}

// ParseReferences reads RIS or BibTeX, telling them apart by content.
func ParseReferences(data []byte) ([]Reference, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8Valid(data) {
		data = latin1(data)
	}
	text := strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r", "\n")
	switch {
	case risStart.MatchString(text):
		return parseRIS(text)
	case bibStart.MatchString(text):
		return parseBibTeX(text)
	}
	return nil, &ReferencesError{Message: "it is neither RIS (records starting \"TY  - \") nor BibTeX (records starting \"@article{\"): export the references from Zotero or EndNote as RIS or BibTeX"}
}

var (
	risStart = regexp.MustCompile(`(?m)^\s*TY  ?-`)
	bibStart = regexp.MustCompile(`(?m)^\s*@\s*[A-Za-z]+\s*[{(]`)
	risLine  = regexp.MustCompile(`^([A-Z][A-Z0-9])  ?-( (.*)|)$`)
	yearIn   = regexp.MustCompile(`\b(1[89]\d\d|2[01]\d\d)\b`)
)

func utf8Valid(b []byte) bool { return strings.ToValidUTF8(string(b), "\uFFFD") == string(b) }

// latin1 reads bytes as ISO 8859-1 (old EndNote exports).
func latin1(b []byte) []byte {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return []byte(string(r))
}

var risTypes = map[string]string{
	"JOUR": "Journal article", "JFULL": "Journal article", "EJOUR": "Journal article", "MGZN": "Magazine article",
	"NEWS": "Newspaper article", "RPRT": "Report", "BOOK": "Book", "EBOOK": "Book", "EDBOOK": "Book",
	"CHAP": "Book chapter", "ECHAP": "Book chapter", "THES": "Thesis", "CONF": "Conference paper",
	"CPAPER": "Conference paper", "GOVDOC": "Government document", "ELEC": "Web page", "WEB": "Web page",
	"BLOG": "Web page", "STAT": "Legal document", "BILL": "Legal document", "CASE": "Legal document",
	"LEGAL": "Legal document", "UNPB": "Unpublished work", "MANSCPT": "Unpublished work", "DATA": "Dataset",
}

// parseRIS reads RIS records: "TAG  - value" lines from TY to ER; a line
// without a tag continues the value before it.
func parseRIS(text string) ([]Reference, error) {
	var out []Reference
	var cur *Reference
	var authors, editors []string
	var journal, publisher string
	var lastTag string
	lastVal := func(v string) {}
	finish := func() {
		if cur == nil {
			return
		}
		if len(authors) == 0 {
			authors = editors
		}
		cur.Authors = names.ParseTexts(authors)
		cur.Publisher = firstOf(journal, publisher)
		out = append(out, *cur)
		cur, authors, editors, journal, publisher = nil, nil, nil, "", ""
	}
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		l := strings.TrimRight(line, " \t")
		m := risLine.FindStringSubmatch(strings.TrimLeft(l, " \t\ufeff"))
		if m == nil {
			if strings.TrimSpace(l) != "" && cur != nil && lastTag != "" {
				lastVal(strings.TrimSpace(l)) // a continuation line
			}
			continue
		}
		tag, val := m[1], strings.TrimSpace(m[3])
		if tag == "TY" {
			finish()
			cur = &Reference{Line: n, Type: risTypes[strings.ToUpper(val)]}
			lastTag = tag
			continue
		}
		if cur == nil {
			if tag == "ER" {
				continue
			}
			return nil, &ReferencesError{Line: n, Message: fmt.Sprintf("the tag %s comes before any TY line starts a record", tag)}
		}
		lastTag = tag
		lastVal = func(string) {}
		switch tag {
		case "ER":
			finish()
			lastTag = ""
		case "AU", "A1":
			authors = append(authors, val)
			k := len(authors) - 1
			lastVal = func(v string) { authors[k] += " " + v }
		case "A2", "ED", "A3":
			editors = append(editors, val)
		case "TI", "T1":
			cur.Title = val
			lastVal = func(v string) { cur.Title += " " + v }
		case "CT":
			if cur.Title == "" {
				cur.Title = val
			}
		case "T2", "JO", "JF", "JA", "J2", "BT":
			if journal == "" || tag == "T2" || tag == "JF" {
				journal = val
			}
		case "PB", "PP":
			if publisher == "" {
				publisher = val
			}
		case "PY", "Y1", "DA", "Y2":
			if y := yearOf(val); y != 0 && (cur.Year == 0 || tag == "PY") {
				cur.Year = y
			}
		case "DO":
			cur.DOI = coding.NormaliseDOI(val)
		case "UR", "L1", "L2":
			if cur.URL == "" {
				cur.URL = val
			}
			if cur.DOI == "" && strings.Contains(val, "doi.org/") {
				cur.DOI = coding.NormaliseDOI(val)
			}
		case "LA":
			cur.Language = val
		case "ID":
			cur.Key = val
		}
	}
	if cur != nil {
		finish() // a last record without ER
	}
	if len(out) == 0 {
		return nil, &ReferencesError{Message: "no RIS record found (records start with \"TY  - \" and end with \"ER  - \")"}
	}
	return out, nil
}

func yearOf(s string) int {
	if m := yearIn.FindString(s); m != "" {
		y, _ := strconv.Atoi(m)
		return y
	}
	return 0
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

var bibTypes = map[string]string{
	"article": "Journal article", "techreport": "Report", "report": "Report", "book": "Book", "booklet": "Book",
	"inbook": "Book chapter", "incollection": "Book chapter", "phdthesis": "Thesis", "mastersthesis": "Thesis",
	"thesis": "Thesis", "inproceedings": "Conference paper", "conference": "Conference paper", "proceedings": "Book",
	"online": "Web page", "electronic": "Web page", "www": "Web page", "unpublished": "Unpublished work",
	"manual": "Report", "dataset": "Dataset", "legislation": "Legal document", "jurisdiction": "Legal document",
	"newspaper": "Newspaper article", "magazine": "Magazine article",
}
