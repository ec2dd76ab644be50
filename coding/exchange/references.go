package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus/names"
	"golang.org/x/text/unicode/norm"
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

// bibReader walks a BibTeX file.
type bibReader struct {
	s    string
	i    int
	line int
}

func (r *bibReader) err(msg string) error { return &ReferencesError{Line: r.line, Message: msg} }

func (r *bibReader) next() byte {
	c := r.s[r.i]
	if c == '\n' {
		r.line++
	}
	r.i++
	return c
}

func (r *bibReader) space() {
	for r.i < len(r.s) && (r.s[r.i] == ' ' || r.s[r.i] == '\t' || r.s[r.i] == '\n') {
		r.next()
	}
}

// parseBibTeX reads @type{key, field = value, ...} entries; @string
// abbreviations are expanded, @comment and @preamble skipped, and text
// outside entries ignored.
func parseBibTeX(text string) ([]Reference, error) {
	r := &bibReader{s: text, line: 1}
	strs := map[string]string{}
	var out []Reference
	for {
		at := strings.IndexByte(r.s[r.i:], '@')
		if at < 0 {
			break
		}
		for k := 0; k < at; k++ {
			r.next()
		}
		r.next()
		start := r.line
		j := r.i
		for j < len(r.s) && (unicode.IsLetter(rune(r.s[j])) || r.s[j] == '_') {
			j++
		}
		typ := strings.ToLower(r.s[r.i:j])
		r.i = j
		r.space()
		if r.i >= len(r.s) || (r.s[r.i] != '{' && r.s[r.i] != '(') {
			continue // an @ in free text
		}
		closer := byte('}')
		if r.next() == '(' {
			closer = ')'
		}
		if typ == "comment" || typ == "preamble" {
			if _, err := r.balanced(closer); err != nil {
				return nil, err
			}
			continue
		}
		fields := map[string]string{}
		key := ""
		if typ != "string" {
			k := r.i
			for r.i < len(r.s) && r.s[r.i] != ',' && r.s[r.i] != closer {
				r.next()
			}
			key = strings.TrimSpace(r.s[k:r.i])
		}
		for {
			r.space()
			if r.i >= len(r.s) {
				return nil, &ReferencesError{Line: start, Message: fmt.Sprintf("the @%s entry %q is not closed", typ, key)}
			}
			if c := r.s[r.i]; c == ',' {
				r.next()
				continue
			} else if c == closer {
				r.next()
				break
			}
			k := r.i
			for r.i < len(r.s) && r.s[r.i] != '=' && r.s[r.i] != closer && r.s[r.i] != ',' {
				r.next()
			}
			if r.i >= len(r.s) || r.s[r.i] != '=' {
				return nil, r.err(fmt.Sprintf("in the @%s entry %q, %q has no \"= value\"", typ, key, strings.TrimSpace(r.s[k:r.i])))
			}
			name := strings.ToLower(strings.TrimSpace(r.s[k:r.i]))
			r.next()
			val, err := r.value(closer, strs)
			if err != nil {
				return nil, err
			}
			fields[name] = val
		}
		if typ == "string" {
			for k, v := range fields {
				strs[k] = v
			}
			continue
		}
		out = append(out, bibReference(typ, key, start, fields))
	}
	if len(out) == 0 {
		return nil, &ReferencesError{Message: "no BibTeX entry found (entries look like @article{key, title = {...}, ...})"}
	}
	return out, nil
}

// balanced skips to the closer matching an opened brace or parenthesis.
func (r *bibReader) balanced(closer byte) (string, error) {
	start, line, depth := r.i, r.line, 0
	for r.i < len(r.s) {
		c := r.next()
		switch {
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		case c == closer && depth == 0:
			return r.s[start : r.i-1], nil
		}
	}
	return "", &ReferencesError{Line: line, Message: "a brace is opened and never closed"}
}

// value reads a field value: {braced}, "quoted", a number or an @string
// name, joined with #.
func (r *bibReader) value(closer byte, strs map[string]string) (string, error) {
	var b strings.Builder
	for {
		r.space()
		if r.i >= len(r.s) {
			return "", r.err("a field value is cut off at the end of the file")
		}
		switch c := r.s[r.i]; {
		case c == '{':
			r.next()
			v, err := r.balanced('}')
			if err != nil {
				return "", err
			}
			b.WriteString(v)
		case c == '"':
			r.next()
			start, line, depth := r.i, r.line, 0
			for ; r.i < len(r.s); r.next() {
				if r.s[r.i] == '{' {
					depth++
				} else if r.s[r.i] == '}' {
					depth--
				} else if r.s[r.i] == '"' && depth == 0 {
					break
				}
			}
			if r.i >= len(r.s) {
				return "", &ReferencesError{Line: line, Message: "a quoted value is never closed"}
			}
			b.WriteString(r.s[start:r.i])
			r.next()
		default:
			k := r.i
			for r.i < len(r.s) && r.s[r.i] != ',' && r.s[r.i] != closer && r.s[r.i] != '#' && r.s[r.i] != '\n' {
				r.next()
			}
			word := strings.TrimSpace(r.s[k:r.i])
			if v, ok := strs[strings.ToLower(word)]; ok {
				word = v
			} else if v, ok := months[strings.ToLower(word)]; ok {
				word = v
			}
			b.WriteString(word)
		}
		r.space()
		if r.i < len(r.s) && r.s[r.i] == '#' {
			r.next()
			continue
		}
		return b.String(), nil
	}
}

var months = map[string]string{"jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May",
	"jun": "June", "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December"}

// bibReference turns an entry's fields into a Reference.
func bibReference(typ, key string, line int, f map[string]string) Reference {
	ref := Reference{Line: line, Key: key, Type: bibTypes[typ], Title: latex(f["title"]),
		Publisher: latex(firstOf(f["journal"], f["journaltitle"], f["booktitle"], f["publisher"], f["institution"], f["organization"], f["school"])),
		Language:  latex(f["language"]), URL: strings.TrimSpace(f["url"])}
	if ref.Title == "" {
		ref.Title = latex(f["shorttitle"])
	}
	ref.Year = yearOf(firstOf(f["year"], f["date"]))
	if d := firstOf(f["doi"]); d != "" {
		ref.DOI = coding.NormaliseDOI(latex(d))
	} else if strings.Contains(ref.URL, "doi.org/") {
		ref.DOI = coding.NormaliseDOI(ref.URL)
	}
	people := f["author"]
	if strings.TrimSpace(people) == "" {
		people = f["editor"]
	}
	for _, p := range splitBibNames(people) {
		if a := bibName(p); !a.IsZero() {
			ref.Authors = append(ref.Authors, a)
		}
	}
	ref.Authors = names.Clean(ref.Authors)
	return ref
}

// splitBibNames splits a BibTeX name list on " and " outside braces.
func splitBibNames(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			depth--
		}
		if depth == 0 && i+5 <= len(s) && strings.EqualFold(s[i:i+5], " and ") {
			out = append(out, s[start:i])
			start = i + 5
			i += 4
		}
	}
	out = append(out, s[start:])
	return out
}

// bibName reads one BibTeX name: a name wholly in braces is cited whole;
// "von Last, First" and "First von Last" are parsed by names.Parse.
func bibName(s string) names.Author {
	s = strings.Join(strings.Fields(s), " ")
	if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") && strings.Count(s, "{") == 1 {
		return names.SingleName(latex(s[1 : len(s)-1]))
	}
	if strings.EqualFold(s, "others") {
		return names.Author{}
	}
	// "Last, Jr, First": keep the Jr with the family name.
	if parts := strings.Split(s, ","); len(parts) == 3 {
		s = strings.TrimSpace(parts[0]) + " " + strings.TrimSpace(parts[1]) + ", " + strings.TrimSpace(parts[2])
	}
	return names.Parse(latex(s))
}

var latexAccents = map[byte]rune{'`': 0x300, '\'': 0x301, '^': 0x302, '~': 0x303, '=': 0x304, 'u': 0x306, '.': 0x307,
	'"': 0x308, 'h': 0x309, 'r': 0x30A, 'H': 0x30B, 'v': 0x30C, 'd': 0x323, 'c': 0x327, 'k': 0x328, 'b': 0x331}

var latexSymbols = map[string]string{"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
	"l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "aa": "å", "AA": "Å", "dh": "ð", "DH": "Ð", "dj": "đ", "DJ": "Đ",
	"th": "þ", "TH": "Þ", "textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘",
	"textquotedblleft": "“", "textquotedblright": "”", "ldots": "…", "textellipsis": "…"}

// latex turns BibTeX's LaTeX into text: accent commands ({\~{a}}, \'e,
// \d{a} for Vietnamese) become combined letters, \& and the like their
// characters, and grouping braces go.
func latex(s string) string {
	var b strings.Builder
	rs := s
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == '\\' && i+1 < len(rs):
			i++
			d := rs[i]
			if mark, ok := latexAccents[d]; ok && (!unicode.IsLetter(rune(d)) || i+1 < len(rs) && (rs[i+1] == '{' || rs[i+1] == ' ')) {
				// The accented letter: \'e, \'{e}, \d{a}, \~{\^a}.
				j := i + 1
				for j < len(rs) && rs[j] == ' ' {
					j++
				}
				arg, end := latexArg(rs, j)
				b.WriteString(norm.NFC.String(latex(arg) + string(mark)))
				i = end - 1
				continue
			}
			k := i
			for k < len(rs) && unicode.IsLetter(rune(rs[k])) {
				k++
			}
			if k == i { // \& \% \$ \_ \{ \}
				b.WriteByte(d)
				continue
			}
			if sym, ok := latexSymbols[rs[i:k]]; ok {
				b.WriteString(sym)
			}
			i = k - 1
			if k < len(rs) && rs[k] == ' ' { // the space ending a control word
				i = k
			}
		case c == '{' || c == '}':
		case c == '~':
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return norm.NFC.String(strings.Join(strings.Fields(b.String()), " "))
}

// latexArg reads a command's argument at i: a braced group or one
// character (or a nested command); it returns the argument and where it
// ends.
func latexArg(s string, i int) (string, int) {
	if i >= len(s) {
		return "", i
	}
	if s[i] == '{' {
		depth := 0
		for j := i; j < len(s); j++ {
			if s[j] == '{' {
				depth++
			} else if s[j] == '}' {
				depth--
				if depth == 0 {
					return s[i+1 : j], j + 1
				}
			}
		}
		return s[i+1:], len(s)
	}
	if s[i] == '\\' && i+1 < len(s) {
		_, end := latexArg(s, i+2)
		return s[i:end], end
	}
	_, size := utf8Decode(s[i:])
	return s[i : i+size], i + size
}

func utf8Decode(s string) (rune, int) {
	for i, r := range s {
		if i > 0 {
			return r, i
		}
	}
	return 0, len(s)
}
