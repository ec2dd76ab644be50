package refi

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/evidence-workbench/workbench/internal/atomicfile"
	"github.com/google/uuid"
)

// ErrInvalidModel means a model handed to a writer breaks a rule of the
// format (a GUID that is not a UUID, a selection with end before start...).
var ErrInvalidModel = errors.New("invalid REFI model")

// writer turns the model into x* values, remembering the first model error.
type writer struct {
	err error
	qdc bool // codebook output (no NoteRefs, MemberCode guid=)
}

func (w *writer) fail(format string, args ...any) {
	if w.err == nil {
		w.err = fmt.Errorf("%w: %s", ErrInvalidModel, fmt.Sprintf(format, args...))
	}
}

// guid returns g normalised; element names what it identifies, for the error.
func (w *writer) guid(element, g string) string {
	n, ok := NormalizeGUID(g)
	if !ok {
		w.fail("%s has GUID %q, which is not a UUID", element, g)
	}
	return n
}

// opt normalises an optional reference ("" stays "").
func (w *writer) opt(element, g string) string {
	if g == "" {
		return ""
	}
	return w.guid(element, g)
}

func (w *writer) refs(element string, gs []string) []xRef {
	var out []xRef
	for _, g := range gs {
		out = append(out, xRef{TargetGUID: w.guid(element, g)})
	}
	return out
}

func (w *writer) color(guid, c string) string {
	if c == "" {
		return ""
	}
	var rd reader
	n := rd.color("Code", guid, c)
	if n == "" {
		w.fail("code %s has colour %q, which is not #RRGGBB", guid, c)
	}
	return n
}

func (w *writer) codes(cs []*Code) []xCode {
	var out []xCode
	for _, c := range cs {
		if c == nil {
			continue
		}
		x := xCode{GUID: w.guid("Code "+c.Name, c.GUID), Name: c.Name, IsCodable: fmt.Sprint(c.IsCodable),
			Color: w.color(c.GUID, c.Color), Description: c.Description, Children: w.codes(c.Children)}
		if !w.qdc {
			x.NoteRefs = w.refs("NoteRef", c.NoteRefs)
		}
		out = append(out, x)
	}
	return out
}

func (w *writer) sets(ss []Set) *xSets {
	if len(ss) == 0 {
		return nil
	}
	xs := &xSets{}
	for _, s := range ss {
		x := xSet{GUID: w.guid("Set "+s.Name, s.GUID), Name: s.Name, Description: s.Description}
		for _, m := range s.MemberCodes {
			g := w.guid("MemberCode", m)
			if w.qdc {
				x.MemberCodes = append(x.MemberCodes, xMember{GUID: g})
			} else {
				x.MemberCodes = append(x.MemberCodes, xMember{TargetGUID: g})
			}
		}
		if !w.qdc {
			x.MemberSources = w.refs("MemberSource", s.MemberSources)
			x.MemberNotes = w.refs("MemberNote", s.MemberNotes)
		}
		xs.Set = append(xs.Set, x)
	}
	return xs
}

// WriteQDC writes cb as a REFI-QDA codebook (.qdc) valid against Codebook.xsd.
// A codebook needs at least one code.
func WriteQDC(out io.Writer, cb *CodeBook) error {
	if cb == nil || len(cb.Codes) == 0 {
		return fmt.Errorf("write codebook: %w: a codebook needs at least one code", ErrInvalidModel)
	}
	w := &writer{qdc: true}
	x := xCodeBookFile{XMLName: xml.Name{Local: "CodeBook"}, Xmlns: NamespaceCodebook, XSI: xsiNamespace,
		SchemaL: codebookSchemaLoc, Origin: cb.Origin,
		Codes: &xCodes{Code: w.codes(cb.Codes)}, Sets: w.sets(cb.Sets)}
	if w.err != nil {
		return fmt.Errorf("write codebook: %w", w.err)
	}
	return encodeXML(out, &x)
}

// WriteQDCFile writes cb to path through a temporary file in the same
// folder; the file follows the umask (see internal/atomicfile).
func WriteQDCFile(path string, cb *CodeBook) error {
	return atomicfile.WriteTo(path, func(w io.Writer) error { return WriteQDC(w, cb) })
}

func encodeXML(out io.Writer, v any) error {
	if _, err := io.WriteString(out, xml.Header); err != nil {
		return fmt.Errorf("write xml: %w", err)
	}
	enc := xml.NewEncoder(out)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write xml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("write xml: %w", err)
	}
	_, err := io.WriteString(out, "\n")
	return err
}

func (w *writer) stamp(element string, s Stamp) xStamp {
	x := writeStamp(s)
	x.CreatingUser = w.opt(element+" creatingUser", s.CreatingUser)
	x.ModifyingUser = w.opt(element+" modifyingUser", s.ModifyingUser)
	return x
}

func (w *writer) codings(cs []Coding) []xCoding {
	var out []xCoding
	for _, c := range cs {
		out = append(out, xCoding{GUID: w.guid("Coding", c.GUID), CreatingUser: w.opt("Coding creatingUser", c.CreatingUser),
			CreationDateTime: formatDateTime(c.Created), CodeRef: &xRef{TargetGUID: w.guid("Coding CodeRef", c.CodeGUID)},
			NoteRefs: w.refs("NoteRef", c.NoteRefs)})
	}
	return out
}

func (w *writer) values(vs []VariableValue) []xVarValue {
	var out []xVarValue
	for _, v := range vs {
		x := xVarValue{VariableRef: xRef{TargetGUID: w.guid("VariableRef", v.VariableGUID)}}
		val, ok := lexical(v.Type, v.Value)
		if !ok {
			w.fail("value %q of variable %s is not a valid %s", v.Value, v.VariableGUID, v.Type)
		}
		if val != "" || v.Type == TypeText || v.Type == "" {
			switch v.Type {
			case TypeBoolean:
				x.BooleanValue = &val
			case TypeInteger:
				x.IntegerValue = &val
			case TypeFloat:
				x.FloatValue = &val
			case TypeDate:
				x.DateValue = &val
			case TypeDateTime:
				x.DateTimeValue = &val
			default:
				x.TextValue = &val
			}
		}
		out = append(out, x)
	}
	return out
}

var decimalRe = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)$`)

// lexical returns v in the XML Schema lexical form of its type; ok is false
// when it cannot be one ("" is always fine: the value element is then left out).
func lexical(t VariableType, v string) (string, bool) {
	s := strings.TrimSpace(v)
	if s == "" {
		return v, true
	}
	switch t {
	case TypeBoolean:
		switch strings.ToLower(s) {
		case "true", "1", "yes":
			return "true", true
		case "false", "0", "no":
			return "false", true
		}
		return v, false
	case TypeInteger:
		if _, ok := new(big.Int).SetString(s, 10); ok {
			return s, true
		}
		return v, false
	case TypeFloat:
		if decimalRe.MatchString(s) {
			return s, true
		}
		if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return strconv.FormatFloat(f, 'f', -1, 64), true
		}
		return v, false
	case TypeDate:
		_, err := time.Parse("2006-01-02", s)
		return s, err == nil
	case TypeDateTime:
		for _, layout := range dateTimeLayouts[:2] {
			if _, err := time.Parse(layout, s); err == nil {
				return s, true
			}
		}
		return v, false
	}
	return v, true
}

// xmlText replaces the C0 control characters XML 1.0 cannot carry (a form
// feed between pages, say) by spaces, keeping every code point position.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			return ' '
		}
		return r
	}, s)
}

// textSource writes a text source, note or representation with its text
// inline; attachFiles points it to Sources/<guid>.txt when that file is written.
func (w *writer) textSource(element string, ts *TextSource) xTextSource {
	g := w.guid(element+" "+ts.Name, ts.GUID)
	x := xTextSource{GUID: g, Name: ts.Name, Description: ts.Description, xStamp: w.stamp(element, ts.Stamp),
		Codings: w.codings(ts.Codings), NoteRefs: w.refs("NoteRef", ts.NoteRefs), Values: w.values(ts.Values)}
	content := xmlText(ts.PlainTextContent)
	x.PlainTextContent = &content // replaced by plainTextPath when a file is written
	for _, s := range ts.Selections {
		if s.Start < 0 || s.End < s.Start {
			w.fail("selection %s in %q has range %d-%d", s.GUID, ts.Name, s.Start, s.End)
		}
		x.Selections = append(x.Selections, xSelection{GUID: w.guid("PlainTextSelection", s.GUID), Name: s.Name,
			Start: fmt.Sprint(s.Start), End: fmt.Sprint(s.End), xStamp: w.stamp("PlainTextSelection", s.Stamp),
			Description: s.Description, Codings: w.codings(s.Codings), NoteRefs: w.refs("NoteRef", s.NoteRefs)})
	}
	return x
}

// project builds the project.qde document.
func (w *writer) project(p *Project) *xProject {
	x := &xProject{XMLName: xml.Name{Local: "Project"}, Xmlns: NamespaceProject, XSI: xsiNamespace,
		SchemaL: projectSchemaLoc, Name: p.Name, Origin: p.Origin,
		CreatingUserGUID: w.opt("Project creatingUserGUID", p.CreatingUser), CreationDateTime: formatDateTime(p.Created),
		ModifyingUserGUID: w.opt("Project modifyingUserGUID", p.ModifyingUser), ModifiedDateTime: formatDateTime(p.Modified),
		BasePath: p.BasePath, Description: p.Description, NoteRefs: w.refs("NoteRef", p.NoteRefs), Sets: w.sets(p.Sets)}
	if len(p.Users) > 0 {
		x.Users = &xUsers{}
		for _, u := range p.Users {
			x.Users.User = append(x.Users.User, xUser{GUID: w.guid("User "+u.Name, u.GUID), Name: u.Name, ID: u.ID})
		}
	}
	if len(p.Codes) > 0 {
		x.CodeBook = &xProjectBook{Codes: &xCodes{Code: w.codes(p.Codes)}}
	}
	if len(p.Variables) > 0 {
		x.Variables = &xVariables{}
		for _, v := range p.Variables {
			t := v.Type
			if t == "" {
				t = TypeText
			}
			x.Variables.Variable = append(x.Variables.Variable, xVariable{GUID: w.guid("Variable "+v.Name, v.GUID),
				Name: v.Name, Type: string(t), Description: v.Description})
		}
	}
	if len(p.Cases) > 0 {
		x.Cases = &xCases{}
		for _, c := range p.Cases {
			x.Cases.Case = append(x.Cases.Case, xCase{GUID: w.guid("Case "+c.Name, c.GUID), Name: c.Name,
				Description: c.Description, CodeRefs: w.refs("CodeRef", c.CodeRefs), Values: w.values(c.Values),
				SourceRefs: w.refs("SourceRef", c.SourceRefs), SelectionRefs: w.refs("SelectionRef", c.SelectionRefs)})
		}
	}
	if len(p.TextSources)+len(p.PDFSources) > 0 {
		x.Sources = &xSources{}
		for _, ts := range p.TextSources {
			x.Sources.Text = append(x.Sources.Text, w.textSource("TextSource", ts))
		}
		for _, pdf := range p.PDFSources {
			x.Sources.PDF = append(x.Sources.PDF, w.pdfSource(pdf))
		}
	}
	if len(p.Notes) > 0 {
		x.Notes = &xNotes{}
		for _, n := range p.Notes {
			x.Notes.Note = append(x.Notes.Note, w.textSource("Note", n))
		}
	}
	return x
}

func (w *writer) pdfSource(pdf *PDFSource) xPDFSource {
	g := w.guid("PDFSource "+pdf.Name, pdf.GUID)
	x := xPDFSource{GUID: g, Name: pdf.Name, CurrentPath: pdf.CurrentPath, xStamp: w.stamp("PDFSource", pdf.Stamp),
		Description: pdf.Description, Codings: w.codings(pdf.Codings), NoteRefs: w.refs("NoteRef", pdf.NoteRefs),
		Values: w.values(pdf.Values)}
	if scheme, _ := splitRef(pdf.Path); scheme == "relative" || scheme == "absolute" {
		x.Path = pdf.Path // an external PDF stays where it is, unless a file is written
	}
	for _, sel := range pdf.Selections {
		x.PDFSelections = append(x.PDFSelections, w.pdfSelection(pdf.Name, sel))
	}
	if pdf.Representation != nil {
		rep := w.textSource("Representation", pdf.Representation)
		x.Representation = &rep
	}
	return x
}

// pdfSelection writes an area selection, its corners rounded to whole
// points as the schema's integers require.
func (w *writer) pdfSelection(pdfName string, sel PDFSelection) xPDFSelection {
	if sel.Page < 0 {
		w.fail("area %s of %q is on page %d", sel.GUID, pdfName, sel.Page)
	}
	n := func(v float64) string {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			w.fail("area %s of %q has a corner that is not a number", sel.GUID, pdfName)
			return "0"
		}
		return strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	}
	x := xPDFSelection{GUID: w.guid("PDFSelection", sel.GUID), Name: sel.Name, Page: strconv.Itoa(sel.Page),
		FirstX: n(sel.FirstX), FirstY: n(sel.FirstY), SecondX: n(sel.SecondX), SecondY: n(sel.SecondY),
		xStamp: w.stamp("PDFSelection", sel.Stamp), Description: sel.Description,
		Codings: w.codings(sel.Codings), NoteRefs: w.refs("NoteRef", sel.NoteRefs)}
	if sel.Text != "" {
		text := xmlText(sel.Text)
		x.Representation = &xTextSource{GUID: w.guid("PDFSelection representation", derivedSelectionGUID(sel.GUID)), PlainTextContent: &text}
	}
	return x
}

// derivedSelectionGUID is the stable GUID of the inline representation of
// an area selection's text.
func derivedSelectionGUID(sel string) string {
	return uuid.NewSHA1(nsForeignIDs, []byte("pdfselection-text:"+sel)).String()
}
