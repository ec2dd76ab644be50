package corpus

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/evidence-workbench/workbench/corpus/names"
	"github.com/evidence-workbench/workbench/corpus/pdftext"
	"github.com/google/uuid"
)

// Review statuses a study moves through.
const (
	StatusToScreen   = "to screen"
	StatusIncluded   = "included"
	StatusExcluded   = "excluded"
	StatusCoding     = "coding"
	StatusAppraised  = "appraised"
	StatusReconciled = "reconciled"
)

// Statuses lists the review statuses in workflow order.
var Statuses = []string{StatusToScreen, StatusIncluded, StatusExcluded, StatusCoding, StatusAppraised, StatusReconciled}

// Extraction outcomes of a study's text.
const (
	ExtractOK      = "ok"      // text extracted
	ExtractWarning = "warning" // text extracted with problems on some pages
	ExtractNoText  = "no text" // scanned: no text layer, appraisal only
	ExtractOCR     = "ocr"     // some or all pages read from their images by OCR
)

// Attributes are a study's typed, editable descriptive fields (REFI-QDA
// variables on exchange).
type Attributes struct {
	Title      string         // as confirmed by the reviewer
	Authors    []names.Author // in citation order
	Year       int            // publication year, 0 when unknown
	Countries  []string       // countries studied
	Sectors    []string       // sectors studied (agriculture, construction, domestic work, ...)
	Method     string         // qualitative, quantitative, mixed, legal/policy review, literature review, other
	SampleSize int            // number of participants, 0 when not reported
	Population string         // who was studied
	Language   string         // language of the text
	PubType    string         // publication type: journal article, NGO report, ...
	Publisher  string         // publisher or organisation
	DOI        string         // digital object identifier ("10.1234/abc"), "" when unknown
}

// Study is one study in the review: its source PDF, extracted text
// summary, attributes and review status. The text itself is loaded with
// Project.Text.
type Study struct {
	GUID       string // identity
	SourceGUID string // the stored PDF
	SHA256     string // the PDF's SHA-256, hex
	FileName   string // the PDF's original file name
	Attributes
	Pages             int       // number of pages
	TextLen           int       // length of the text in code points
	Extraction        string    // ExtractOK, ExtractWarning, ExtractNoText or ExtractOCR
	ExtractionMessage string    // plain sentence about extraction problems
	Status            string    // review status
	ExclusionReason   string    // why the study was excluded
	AddedAt           time.Time // when it was imported
	AddedBy           string    // coder GUID of the importer
}

// Mark is a range of a study's text with a layout role (running header,
// footer, page number, printer's line number) that the reader may hide and
// the search index leaves out.
type Mark struct {
	Start int    `json:"s"` // first code point
	End   int    `json:"e"` // one past the last code point
	Kind  string `json:"k"` // "header", "footer", "page-number" or "line-number"
}

// Text is a study's extracted text with its page map.
type Text struct {
	Study      string // study GUID
	String     string // pages joined by "\f"
	PageStarts []int  // code-point offset where each page starts
	Marks      []Mark // running headers, footers, page and line numbers
	// PageStats has one entry per page: what the page draws against what
	// was read from it (empty for studies imported before they were kept).
	PageStats []pdftext.PageStats
}

// Unmarked returns the text with its marks' characters blanked to spaces
// (line and page breaks kept), so every offset is the same as in String:
// what a search index holds of the study.
func (t *Text) Unmarked() string {
	if len(t.Marks) == 0 {
		return t.String
	}
	r := []rune(t.String)
	for _, m := range t.Marks {
		for i := max(m.Start, 0); i < min(m.End, len(r)); i++ {
			if r[i] != '\n' && r[i] != '\f' {
				r[i] = ' '
			}
		}
	}
	return string(r)
}

// LostPages lists the 1-based pages that lost text (see pdftext.PageStats.LostText).
func (t *Text) LostPages() []int {
	var out []int
	for i, s := range t.PageStats {
		if s.LostText() {
			out = append(out, i+1)
		}
	}
	return out
}

// PageAt returns the 1-based page number of the code-point offset.
func (t *Text) PageAt(offset int) int {
	i := sort.SearchInts(t.PageStarts, offset+1)
	if i == 0 {
		return 1
	}
	return i
}

// Runes returns the text as code points.
func (t *Text) Runes() []rune { return []rune(t.String) }

// Slice returns the text between two code-point offsets.
func (t *Text) Slice(start, end int) string { return SliceRunes(t.String, start, end) }

// SliceRunes returns s[start:end] counted in code points, clamped to s.
func SliceRunes(s string, start, end int) string {
	if start < 0 {
		start = 0
	}
	i, bs, be := 0, -1, len(s)
	for b := range s {
		if i == start {
			bs = b
		}
		if i == end {
			be = b
			break
		}
		i++
	}
	if bs < 0 {
		return ""
	}
	if be < bs {
		return ""
	}
	return s[bs:be]
}

// NewStudy is what an import stores: the PDF and the extracted text.
type NewStudy struct {
	GUID              string              // the study's identity; "" for a new one
	FileName          string              // original file name
	PDF               []byte              // the file's bytes
	Text              string              // extracted text, pages joined by "\f"
	PageStarts        []int               // code-point offsets of the pages
	Marks             []Mark              // layout marks
	Extraction        string              // ExtractOK, ExtractWarning, ExtractNoText or ExtractOCR
	ExtractionMessage string              // plain sentence
	Attributes                            // metadata found in the PDF, for the reviewer to confirm
	Status            string              // review status; "" for StatusToScreen
	ExclusionReason   string              // why the study is excluded (kept only with StatusExcluded)
	AddedAt           time.Time           // when the study came in; zero for now
	AddedBy           string              // coder GUID; "" for the current coder
	PageStats         []pdftext.PageStats // per-page extraction figures
	Boxes             [][]pdftext.Box     // per page, one box per code point of its text
	PageSizes         [][2]float64        // per page, the displayed width and height in points
	// SharedFile lets the study have the same file (by SHA-256) as another
	// study: the file is stored once and both studies refer to it (two
	// REFI-QDA sources with identical texts are two studies). Without it
	// AddStudy refuses the file as a duplicate.
	SharedFile bool
}

// HashPDF returns the hex SHA-256 that identifies a source PDF.
func HashPDF(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// FindBySHA returns the GUID of the study whose PDF has this hash ("" if none).
func (t *Tx) FindBySHA(sha string) (string, error) {
	var guid string
	err := t.QueryRow(`SELECT s.guid FROM studies s JOIN sources o ON o.guid = s.source WHERE o.sha256 = ? LIMIT 1`, sha).Scan(&guid)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return guid, err
}

// AddStudy stores a PDF (once per SHA-256) and a new study on it. It returns
// the new study's GUID, or ErrDuplicate (wrapped, with the existing study's
// GUID in the message) when the same PDF is already a study and
// ns.SharedFile is not set.
func (t *Tx) AddStudy(ns NewStudy) (string, error) {
	sha := HashPDF(ns.PDF)
	if dup, err := t.FindBySHA(sha); err != nil {
		return "", err
	} else if dup != "" && !ns.SharedFile {
		return dup, fmt.Errorf("%s: %w (study %s)", ns.FileName, ErrDuplicate, dup)
	}
	var src string
	err := t.QueryRow(`SELECT guid FROM sources WHERE sha256 = ?`, sha).Scan(&src)
	if err == sql.ErrNoRows {
		src = uuid.NewString()
		data := ns.PDF
		if data == nil {
			data = []byte{} // an empty file is a blob, never NULL
		}
		if _, err := t.ExecUnjournaled(`INSERT INTO sources(guid, sha256, file_name, size, data, added_at) VALUES (?, ?, ?, ?, ?, ?)`,
			src, sha, ns.FileName, len(data), data, t.Stamp()); err != nil {
			return "", classify(err)
		}
	} else if err != nil {
		return "", err
	}
	if !utf8.ValidString(ns.Text) {
		ns.Text = strings.ToValidUTF8(ns.Text, "\uFFFD")
	}
	starts := ns.PageStarts
	if len(starts) == 0 {
		starts = []int{0}
	}
	if ns.Extraction == "" {
		ns.Extraction = ExtractOK
	}
	guid := ns.GUID
	if guid == "" {
		guid = uuid.NewString()
	}
	status, reason := ns.Status, ns.ExclusionReason
	if status == "" {
		status = StatusToScreen
	}
	if status != StatusExcluded {
		reason = ""
	}
	added, by := t.Stamp(), ns.AddedBy
	if !ns.AddedAt.IsZero() {
		added = ns.AddedAt.UTC().Format(time.RFC3339Nano)
	}
	if by == "" {
		by = t.Coder()
	}
	a := ns.Attributes
	err = studiesTable.Insert(t, studyRow{
		GUID: guid, Source: src, Text: ns.Text, PageStarts: mustJSON(starts), Marks: mustJSON(nonNil(ns.Marks)),
		PageStats: mustJSON(nonNilStats(ns.PageStats)), PageBoxes: boxesBlob(ns.Boxes, ns.PageSizes),
		Pages: len(starts), TextLen: utf8.RuneCountInString(ns.Text),
		Extraction: ns.Extraction, ExtractionMessage: ns.ExtractionMessage,
		AddedAt: added, AddedBy: by, Status: status, ExclusionReason: reason,
		Title: strings.TrimSpace(a.Title), Authors: authorsJSON(a.Authors), Year: a.Year,
		Countries: mustJSON(nonNilS(a.Countries)), Sectors: mustJSON(nonNilS(a.Sectors)), Method: a.Method,
		SampleSize: a.SampleSize, Population: a.Population, Language: a.Language, PubType: a.PubType, Publisher: a.Publisher, DOI: a.DOI,
	})
	if err != nil {
		return "", err
	}
	t.Touch(guid)
	return guid, nil
}

// SetAttributes replaces a study's attributes.
func (t *Tx) SetAttributes(study string, a Attributes) error {
	t.Touch(study)
	return studiesTable.Update(t, study, attributeSets(a)...)
}

// SetStatus moves a study to a review status (reason is kept only for excluded).
func (t *Tx) SetStatus(study, status, reason string) error {
	ok := false
	for _, s := range Statuses {
		ok = ok || s == status
	}
	if !ok {
		return fmt.Errorf("unknown review status %q (one of %s)", status, strings.Join(Statuses, ", "))
	}
	if status != StatusExcluded {
		reason = ""
	}
	return studiesTable.Update(t, study, colStatus.To(status), colExclusionReason.To(reason))
}

// ReplaceText stores a re-extracted text for a study (codings are
// re-anchored by the caller in the same action). The study's per-page figures
// no longer match the text and are cleared; ReplaceExtraction keeps them.
func (t *Tx) ReplaceText(study, text string, pageStarts []int, marks []Mark, extraction, message string) error {
	return t.ReplaceExtraction(study, Extraction{Text: text, PageStarts: pageStarts, Marks: marks, Status: extraction, Message: message})
}

// DeleteStudy removes a study with the rows the registered schemas attach
// to it (their Cascades, in order; the PDF stays stored, so undo brings
// everything back).
func (t *Tx) DeleteStudy(study string) error {
	for _, s := range schemas() {
		for _, d := range s.Cascades {
			keys, err := QueryStrings(t, d.Query, study)
			if err != nil {
				return err
			}
			for _, k := range keys {
				if err := t.Delete(d.Table, k); err != nil {
					return err
				}
			}
		}
	}
	t.Touch(study)
	return studiesTable.Delete(t, study)
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func nonNil(m []Mark) []Mark {
	if m == nil {
		return []Mark{}
	}
	return m
}

func nonNilStats(s []pdftext.PageStats) []pdftext.PageStats {
	if s == nil {
		return []pdftext.PageStats{}
	}
	return s
}

func nonNilS(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
