package refi

import "time"

// User is a person who created or changed something in a project.
type User struct {
	GUID string // lower-case UUID
	Name string
	ID   string // optional external identifier
}

// Code is one node of the code tree.
type Code struct {
	GUID        string
	Name        string
	IsCodable   bool
	Color       string // "#RRGGBB" upper-case hex, or "" when unset
	Description string
	NoteRefs    []string // GUIDs of notes attached to the code (project files only)
	Children    []*Code
}

// Set groups codes (and, in projects, sources and notes).
type Set struct {
	GUID          string
	Name          string
	Description   string
	MemberCodes   []string // code GUIDs
	MemberSources []string // source GUIDs (project files only)
	MemberNotes   []string // note GUIDs (project files only)
}

// CodeBook is the content of a .qdc file: a code tree and code sets.
type CodeBook struct {
	Origin string // exporting software, e.g. "ATLAS.ti Win 23.4.0"
	Codes  []*Code
	Sets   []Set
}

// VariableType is the REFI typeOfVariable of a variable.
type VariableType string

// The six REFI variable types.
const (
	TypeText     VariableType = "Text"
	TypeBoolean  VariableType = "Boolean"
	TypeInteger  VariableType = "Integer"
	TypeFloat    VariableType = "Float"
	TypeDate     VariableType = "Date"
	TypeDateTime VariableType = "DateTime"
)

// Variable is an attribute definition that cases and sources can carry values for.
type Variable struct {
	GUID        string
	Name        string
	Type        VariableType
	Description string
}

// VariableValue is one value of a variable, kept as its lexical XML form.
type VariableValue struct {
	VariableGUID string
	Type         VariableType // which value element carried it
	Value        string       // e.g. "true", "42", "2024-05-01"
}

// Case is a unit of analysis (a participant, an organisation...) with values and members.
type Case struct {
	GUID          string
	Name          string
	Description   string
	CodeRefs      []string
	Values        []VariableValue
	SourceRefs    []string
	SelectionRefs []string
}

// Stamp holds the optional creation and modification attributes shared by many elements.
type Stamp struct {
	CreatingUser  string
	Created       time.Time // zero when absent
	ModifyingUser string
	Modified      time.Time // zero when absent
}

// Coding applies a code to a selection or a whole source.
type Coding struct {
	GUID         string
	CodeGUID     string
	CreatingUser string
	Created      time.Time
	NoteRefs     []string
}

// PlainTextSelection is a coded span [Start, End) of a text source, in code points.
type PlainTextSelection struct {
	GUID        string
	Name        string
	Description string
	Start       int
	End         int
	Stamp
	Codings  []Coding
	NoteRefs []string
}

// TextSource is a plain-text document; the same shape serves notes and PDF text representations.
type TextSource struct {
	GUID        string
	Name        string
	Description string
	// PlainTextPath is the path as found in the file read (internal://, relative://,
	// absolute:// or a bare name); the writer ignores it and stores text under Sources/.
	PlainTextPath string
	RichTextPath  string // path of the DOCX original, as found
	// PlainTextContent is the inline text, used when there is no plain-text file.
	PlainTextContent string
	Stamp
	Selections []PlainTextSelection
	Codings    []Coding // codings of the whole source
	NoteRefs   []string
	Values     []VariableValue
}

// PDFSource is a PDF document; its text lives in Representation.
type PDFSource struct {
	GUID        string
	Name        string
	Description string
	Path        string // path of the PDF as found (internal://..., relative://...)
	CurrentPath string // original location, informational
	Stamp
	Selections     []PDFSelection // area selections of its pages
	Representation *TextSource    // plain-text representation carrying the text selections
	Codings        []Coding
	NoteRefs       []string
	Values         []VariableValue
}

// PDFSelection is a coded rectangle of one page of a PDF source (REFI-QDA
// 1.5, section 10.3: the page "treated as a picture"). Page counts from 0,
// as the standard's own example (ATLAS.ti) does. Coordinates are PDF points
// from the bottom-left corner of the page's MediaBox, y growing upwards, on
// the unrotated page (PDF user space less the MediaBox origin); First and
// Second are opposite corners, as found in the file (the writer puts the
// top-left corner first, as PictureSelection does). The schema makes them
// integers; readers also accept decimals.
type PDFSelection struct {
	GUID             string
	Name             string
	Description      string
	Page             int
	FirstX, FirstY   float64
	SecondX, SecondY float64
	Text             string // the text inside the area, when the file gives it (an inline Representation)
	Stamp
	Codings  []Coding
	NoteRefs []string
}

// UnsupportedSource records a picture, audio or video source that cannot be imported.
type UnsupportedSource struct {
	Kind       string // "PictureSource", "AudioSource" or "VideoSource"
	GUID       string
	Name       string
	Path       string
	Selections int // selections (regions, time spans, transcript spans) it carried
	Codings    int // codings on those selections and the source
}

// Project is the content of a project.qde file.
type Project struct {
	Name          string
	Origin        string
	CreatingUser  string
	Created       time.Time
	ModifyingUser string
	Modified      time.Time
	BasePath      string
	Description   string
	Users         []User
	Codes         []*Code
	Variables     []Variable
	Cases         []Case
	TextSources   []*TextSource
	PDFSources    []*PDFSource
	Unsupported   []UnsupportedSource // not written back
	Notes         []*TextSource
	Sets          []Set
	NoteRefs      []string // notes about the project as a whole
}

// CodeBook returns the project's codes with the sets that have member codes, as a .qdc would carry them.
func (p *Project) CodeBook() *CodeBook {
	cb := &CodeBook{Origin: p.Origin, Codes: p.Codes}
	for _, s := range p.Sets {
		if len(s.MemberCodes) > 0 {
			cb.Sets = append(cb.Sets, Set{GUID: s.GUID, Name: s.Name, Description: s.Description, MemberCodes: s.MemberCodes})
		}
	}
	return cb
}

// WalkCodes calls fn for every code in the tree depth first, parents before children;
// parent is nil for top-level codes.
func WalkCodes(codes []*Code, fn func(c, parent *Code, depth int)) {
	var walk func(cs []*Code, parent *Code, depth int)
	walk = func(cs []*Code, parent *Code, depth int) {
		for _, c := range cs {
			fn(c, parent, depth)
			walk(c.Children, c, depth+1)
		}
	}
	walk(codes, nil, 0)
}

// AllTextSources returns the text sources followed by the PDF representations,
// i.e. every text that selections point into.
func (p *Project) AllTextSources() []*TextSource {
	out := append([]*TextSource(nil), p.TextSources...)
	for _, pdf := range p.PDFSources {
		if pdf.Representation != nil {
			out = append(out, pdf.Representation)
		}
	}
	return out
}

// Stats counts what a project holds; handy for import summaries and tests.
type Stats struct {
	Codes, Sets, Users, Variables, Cases, Notes int
	TextSources, PDFSources, Unsupported        int
	Selections, Codings                         int            // codings on selections (text and PDF areas) and whole sources
	PDFSelections                               int            // of Selections, the PDF area selections
	CodingsByUser                               map[string]int // keyed by creatingUser GUID ("" when absent)
}

// Stats counts the project's content.
func (p *Project) Stats() Stats {
	s := Stats{Sets: len(p.Sets), Users: len(p.Users), Variables: len(p.Variables), Cases: len(p.Cases),
		Notes: len(p.Notes), TextSources: len(p.TextSources), PDFSources: len(p.PDFSources),
		Unsupported: len(p.Unsupported), CodingsByUser: map[string]int{}}
	WalkCodes(p.Codes, func(*Code, *Code, int) { s.Codes++ })
	count := func(cs []Coding) {
		for _, c := range cs {
			s.Codings++
			s.CodingsByUser[c.CreatingUser]++
		}
	}
	for _, ts := range p.AllTextSources() {
		s.Selections += len(ts.Selections)
		for _, sel := range ts.Selections {
			count(sel.Codings)
		}
		count(ts.Codings)
	}
	for _, pdf := range p.PDFSources {
		count(pdf.Codings)
		s.Selections += len(pdf.Selections)
		s.PDFSelections += len(pdf.Selections)
		for _, sel := range pdf.Selections {
			count(sel.Codings)
		}
	}
	return s
}
