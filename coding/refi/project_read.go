package refi

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/google/uuid"
)

// ReadQDE reads a bare project.qde document (the XML inside a .qdpx). Source
// files are not touched; use ReadQDPX to also reach the texts.
func ReadQDE(rd io.Reader) (*Project, []Warning, error) {
	return readQDE("project.qde", rd)
}

func readQDE(name string, rd io.Reader) (p *Project, ws []Warning, err error) {
	defer func() {
		if v := recover(); v != nil {
			p, ws, err = nil, nil, &FormatError{File: name, Msg: fmt.Sprintf("internal error while decoding: %v", v)}
		}
	}()
	d, cf, err := newXMLDecoder(rd)
	if err != nil {
		return nil, nil, formatErr(name, "cannot read", err)
	}
	root, err := rootElement(d)
	if err != nil {
		return nil, nil, formatErr(name, "cannot read", err)
	}
	if root.Name.Local != "Project" {
		return nil, nil, fmt.Errorf("%s: %w: root element is <%s>, want <Project>", name, ErrNotREFI, root.Name.Local)
	}
	return decodeProject(name, d, cf, root)
}

func decodeProject(name string, d *xml.Decoder, cf *controlFilter, root xml.StartElement) (*Project, []Warning, error) {
	var x xProject
	if err := d.DecodeElement(&x, &root); err != nil {
		return nil, nil, formatErr(name, "cannot decode project", err)
	}
	r := &reader{}
	r.checkNamespace(root, NamespaceProject)
	r.warnControls(name, cf)
	return r.project(&x), r.warnings, nil
}

func (r *reader) project(x *xProject) *Project {
	p := &Project{
		Name: x.Name, Origin: x.Origin, BasePath: x.BasePath, Description: x.Description,
		CreatingUser:  r.ref("Project", x.CreatingUserGUID),
		Created:       r.dateTime("Project", "", x.CreationDateTime),
		ModifyingUser: r.ref("Project", x.ModifyingUserGUID),
		Modified:      r.dateTime("Project", "", x.ModifiedDateTime),
		NoteRefs:      r.refs("NoteRef", x.NoteRefs),
	}
	if x.Users != nil {
		for _, u := range x.Users.User {
			p.Users = append(p.Users, User{GUID: r.guid("User", u.GUID), Name: u.Name, ID: u.ID})
		}
	}
	codeSeen := map[string]bool{}
	if x.CodeBook != nil && x.CodeBook.Codes != nil {
		p.Codes = r.nestBackslashCodes(r.codes(x.CodeBook.Codes.Code, codeSeen))
		codeSeen = map[string]bool{}
		WalkCodes(p.Codes, func(c, _ *Code, _ int) { codeSeen[c.GUID] = true })
	}
	if x.Variables != nil {
		for _, v := range x.Variables.Variable {
			nv := Variable{GUID: r.guid("Variable", v.GUID), Name: v.Name, Description: v.Description}
			nv.Type = r.varType(nv.GUID, v.Type)
			p.Variables = append(p.Variables, nv)
		}
	}
	if x.Cases != nil {
		for _, c := range x.Cases.Case {
			nc := Case{GUID: r.guid("Case", c.GUID), Name: c.Name, Description: c.Description,
				CodeRefs: r.refs("CodeRef", c.CodeRefs), SourceRefs: r.refs("SourceRef", c.SourceRefs),
				SelectionRefs: r.refs("SelectionRef", c.SelectionRefs), Values: r.values(c.Values)}
			p.Cases = append(p.Cases, nc)
		}
	}
	if x.Sources != nil {
		r.sources(p, x.Sources)
	}
	if x.Notes != nil {
		for i := range x.Notes.Note {
			p.Notes = append(p.Notes, r.textSource("Note", &x.Notes.Note[i]))
		}
	}
	p.Sets = r.sets(x.Sets)
	if x.Links != nil && len(x.Links.Items) > 0 {
		r.warn("Links", "", "%d link(s) between objects not imported", len(x.Links.Items))
	}
	if x.Graphs != nil && len(x.Graphs.Items) > 0 {
		r.warn("Graphs", "", "%d graph(s) not imported", len(x.Graphs.Items))
	}
	for _, o := range x.Other {
		r.warn(o.XMLName.Local, "", "unknown project element ignored")
	}
	r.checkRefs(p, codeSeen)
	return p
}

func (r *reader) varType(guid, raw string) VariableType {
	for _, t := range []VariableType{TypeText, TypeBoolean, TypeInteger, TypeFloat, TypeDate, TypeDateTime} {
		if strings.EqualFold(strings.TrimSpace(raw), string(t)) {
			return t
		}
	}
	r.warn("Variable", guid, "typeOfVariable %q unknown; read as Text", raw)
	return TypeText
}

func (r *reader) values(xs []xVarValue) []VariableValue {
	var out []VariableValue
	for _, x := range xs {
		v := VariableValue{VariableGUID: r.ref("VariableRef", x.VariableRef.TargetGUID)}
		if v.VariableGUID == "" {
			r.warn("VariableValue", "", "value without VariableRef ignored")
			continue
		}
		switch {
		case x.TextValue != nil:
			v.Type, v.Value = TypeText, *x.TextValue
		case x.BooleanValue != nil:
			v.Type, v.Value = TypeBoolean, strings.TrimSpace(*x.BooleanValue)
		case x.IntegerValue != nil:
			v.Type, v.Value = TypeInteger, strings.TrimSpace(*x.IntegerValue)
		case x.FloatValue != nil:
			v.Type, v.Value = TypeFloat, strings.TrimSpace(*x.FloatValue)
		case x.DateValue != nil:
			v.Type, v.Value = TypeDate, strings.TrimSpace(*x.DateValue)
		case x.DateTimeValue != nil:
			v.Type, v.Value = TypeDateTime, strings.TrimSpace(*x.DateTimeValue)
		default:
			v.Type = TypeText // an empty value
		}
		lex, ok := lexical(v.Type, v.Value)
		if !ok {
			r.warn("VariableValue", v.VariableGUID, "%q is not a valid %s value; dropped", v.Value, v.Type)
			continue
		}
		v.Value = lex
		out = append(out, v)
	}
	return out
}

func (r *reader) sources(p *Project, xs *xSources) {
	for i := range xs.Text {
		p.TextSources = append(p.TextSources, r.textSource("TextSource", &xs.Text[i]))
	}
	for i := range xs.PDF {
		x := &xs.PDF[i]
		s := &PDFSource{GUID: r.guid("PDFSource", x.GUID), Name: x.Name, Description: x.Description,
			Path: x.Path, CurrentPath: x.CurrentPath, Codings: r.codings(x.Codings),
			NoteRefs: r.refs("NoteRef", x.NoteRefs), Values: r.values(x.Values)}
		s.Stamp = r.stamp("PDFSource", s.GUID, x.xStamp)
		if x.Representation != nil {
			s.Representation = r.textSource("Representation", x.Representation)
		} else {
			r.warn("PDFSource", s.GUID, "PDF %q has no plain-text representation; its text cannot be coded", x.Name)
		}
		for i := range x.PDFSelections {
			if sel, ok := r.pdfSelection(&x.PDFSelections[i], x.Name); ok {
				s.Selections = append(s.Selections, sel)
			}
		}
		p.PDFSources = append(p.PDFSources, s)
	}
	media := func(kind string, ms []xMedia) {
		for _, m := range ms {
			u := UnsupportedSource{Kind: kind, GUID: r.guid(kind, m.GUID), Name: m.Name, Path: m.Path}
			u.Selections, u.Codings = countMedia(m.Children)
			u.Codings += len(m.Codings)
			r.warn(kind, u.GUID, "%q not imported: %s sources are not supported (%d selection(s), %d coding(s) dropped)",
				m.Name, strings.ToLower(strings.TrimSuffix(kind, "Source")), u.Selections, u.Codings)
			p.Unsupported = append(p.Unsupported, u)
		}
	}
	media("PictureSource", xs.Picture)
	media("AudioSource", xs.Audio)
	media("VideoSource", xs.Video)
	for _, o := range xs.Other {
		r.warn(o.XMLName.Local, "", "unknown source type not imported")
	}
}

// countMedia counts selection elements and the codings below them.
func countMedia(cs []xMediaChild) (selections, codings int) {
	for _, c := range cs {
		if strings.HasSuffix(c.XMLName.Local, "Selection") {
			selections++
		}
		codings += len(c.Codings)
		s, k := countMedia(c.Children)
		selections += s
		codings += k
	}
	return selections, codings
}

func (r *reader) textSource(element string, x *xTextSource) *TextSource {
	ts := &TextSource{GUID: r.guid(element, x.GUID), Name: x.Name, Description: x.Description,
		PlainTextPath: strings.TrimSpace(x.PlainTextPath), RichTextPath: strings.TrimSpace(x.RichTextPath),
		Codings: r.codings(x.Codings), NoteRefs: r.refs("NoteRef", x.NoteRefs), Values: r.values(x.Values)}
	ts.Stamp = r.stamp(element, ts.GUID, x.xStamp)
	if x.PlainTextContent != nil {
		ts.PlainTextContent = *x.PlainTextContent
	}
	if x.PlainTextContent == nil && ts.PlainTextPath == "" && element != "Note" {
		if ts.RichTextPath != "" {
			r.warn(element, ts.GUID, "%q has only a DOCX original and no plain text; read as empty text", x.Name)
		} else {
			r.warn(element, ts.GUID, "%q has neither plainTextPath nor PlainTextContent; read as empty text", x.Name)
		}
	}
	for _, xs := range x.Selections {
		sel := PlainTextSelection{GUID: r.guid("PlainTextSelection", xs.GUID), Name: xs.Name, Description: xs.Description,
			Codings: r.codings(xs.Codings), NoteRefs: r.refs("NoteRef", xs.NoteRefs)}
		sel.Stamp = r.stamp("PlainTextSelection", sel.GUID, xs.xStamp)
		start, err1 := strconv.Atoi(strings.TrimSpace(xs.Start))
		end, err2 := strconv.Atoi(strings.TrimSpace(xs.End))
		switch {
		case err1 != nil || err2 != nil:
			r.warn("PlainTextSelection", sel.GUID, "positions %q-%q are not integers; selection with %d coding(s) dropped", xs.Start, xs.End, len(sel.Codings))
			continue
		case start < 0 || end < start:
			r.warn("PlainTextSelection", sel.GUID, "invalid range %d-%d; selection with %d coding(s) dropped", start, end, len(sel.Codings))
			continue
		}
		sel.Start, sel.End = start, end
		ts.Selections = append(ts.Selections, sel)
	}
	for _, o := range x.Other {
		r.warn(o.XMLName.Local, ts.GUID, "unknown element in %s ignored", element)
	}
	return ts
}

func (r *reader) codings(xs []xCoding) []Coding {
	var out []Coding
	for _, x := range xs {
		c := Coding{GUID: r.guid("Coding", x.GUID), CreatingUser: r.ref("Coding", x.CreatingUser),
			Created: r.dateTime("Coding", x.GUID, x.CreationDateTime), NoteRefs: r.refs("NoteRef", x.NoteRefs)}
		if x.CodeRef != nil {
			c.CodeGUID = r.ref("CodeRef", x.CodeRef.TargetGUID)
		}
		if c.CodeGUID == "" {
			r.warn("Coding", c.GUID, "coding without CodeRef dropped")
			continue
		}
		out = append(out, c)
	}
	return out
}

// checkRefs drops codings of unknown codes and reports unknown users once each.
func (r *reader) checkRefs(p *Project, codes map[string]bool) {
	users := map[string]bool{}
	for _, u := range p.Users {
		users[u.GUID] = true
	}
	reported := map[string]bool{}
	user := func(element, guid, u string) {
		if u != "" && !users[u] && !reported[u] {
			reported[u] = true
			r.warn(element, guid, "user %s is not listed under <Users>", u)
		}
	}
	filter := func(cs []Coding) []Coding {
		out := cs[:0]
		for _, c := range cs {
			if !codes[c.CodeGUID] {
				r.warn("Coding", c.GUID, "refers to unknown code %s; dropped", c.CodeGUID)
				continue
			}
			user("Coding", c.GUID, c.CreatingUser)
			out = append(out, c)
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	// Selections and codings become rows keyed by GUID: a repeated GUID gets a derived one.
	seen := map[string]int{}
	unique := func(element, g string) string {
		seen[g]++
		if seen[g] == 1 {
			return g
		}
		n := uuid.NewSHA1(nsForeignIDs, fmt.Appendf(nil, "%s#%d", g, seen[g])).String()
		r.warn(element, g, "GUID used more than once; this copy renamed %s", n)
		return n
	}
	codingIDs := func(cs []Coding) {
		for i := range cs {
			cs[i].GUID = unique("Coding", cs[i].GUID)
		}
	}
	for _, ts := range p.AllTextSources() {
		user("TextSource", ts.GUID, ts.CreatingUser)
		ts.Codings = filter(ts.Codings)
		codingIDs(ts.Codings)
		for i := range ts.Selections {
			sel := &ts.Selections[i]
			sel.GUID = unique("PlainTextSelection", sel.GUID)
			user("PlainTextSelection", sel.GUID, sel.CreatingUser)
			sel.Codings = filter(sel.Codings)
			codingIDs(sel.Codings)
		}
	}
	for _, pdf := range p.PDFSources {
		pdf.Codings = filter(pdf.Codings)
		codingIDs(pdf.Codings)
		for i := range pdf.Selections {
			sel := &pdf.Selections[i]
			sel.GUID = unique("PDFSelection", sel.GUID)
			user("PDFSelection", sel.GUID, sel.CreatingUser)
			sel.Codings = filter(sel.Codings)
			codingIDs(sel.Codings)
		}
	}
	for i := range p.Sets {
		p.Sets[i].MemberCodes = r.keepKnown("MemberCode", p.Sets[i].GUID, p.Sets[i].MemberCodes, codes)
	}
}

// pdfSelection reads an area selection of a PDF; a selection whose page or
// corners are not numbers is dropped with a warning.
func (r *reader) pdfSelection(x *xPDFSelection, pdfName string) (PDFSelection, bool) {
	sel := PDFSelection{GUID: r.guid("PDFSelection", x.GUID), Name: x.Name, Description: x.Description,
		Codings: r.codings(x.Codings), NoteRefs: r.refs("NoteRef", x.NoteRefs)}
	sel.Stamp = r.stamp("PDFSelection", sel.GUID, x.xStamp)
	if x.Representation != nil && x.Representation.PlainTextContent != nil {
		sel.Text = *x.Representation.PlainTextContent
	}
	page, err := strconv.Atoi(strings.TrimSpace(x.Page))
	if err != nil || page < 0 {
		r.warn("PDFSelection", sel.GUID, "page %q of an area of PDF %q is not a page number; area with %d coding(s) dropped",
			x.Page, pdfName, len(sel.Codings))
		return sel, false
	}
	sel.Page = page
	for _, c := range []struct {
		raw string
		dst *float64
	}{{x.FirstX, &sel.FirstX}, {x.FirstY, &sel.FirstY}, {x.SecondX, &sel.SecondX}, {x.SecondY, &sel.SecondY}} {
		v, err := strconv.ParseFloat(strings.TrimSpace(c.raw), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			r.warn("PDFSelection", sel.GUID, "corners %s,%s %s,%s of an area of PDF %q are not numbers; area with %d coding(s) dropped",
				x.FirstX, x.FirstY, x.SecondX, x.SecondY, pdfName, len(sel.Codings))
			return sel, false
		}
		*c.dst = v
	}
	for _, o := range x.Other {
		r.warn(o.XMLName.Local, sel.GUID, "unknown element in PDFSelection ignored")
	}
	return sel, true
}
