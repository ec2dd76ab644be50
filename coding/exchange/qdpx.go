package exchange

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/refi"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/names"
	"github.com/google/uuid"
)

// REFI-QDA project exchange (.qdpx). What a project becomes in the file:
//
//   - coders are Users; the codebook is the CodeBook (GUIDs, hierarchy,
//     colours, description = definition + "Inclusion:" + "Exclusion:"
//     paragraphs, kinds as "Kind: ..." code sets, as in a .qdc);
//   - each study is a PDFSource with the stored PDF and its extracted text as
//     the Representation (Sources/<guid>.txt, pages joined by form feeds); a
//     study whose stored source is not a PDF (one imported from a REFI text
//     source) is a TextSource whose file is the text;
//   - each coding is a PlainTextSelection (code-point positions) holding one
//     Coding with the coding's GUID, creatingUser and creationDateTime;
//   - each area coding is a PDFSelection of the study's PDFSource (see
//     qdpx_areas.go), its memo a Note referenced from its Coding;
//   - memos are Notes: a coding's memo is referenced from its Coding, study
//     memos from the source, code memos from the code;
//   - study attributes are Variables, with one Case per study holding its
//     values and the study as its SourceRef.
//
// Appraisals, reconciliation decisions and the consensus flag of codings
// have no REFI-QDA equivalent and are not exported.

// qdpxNamespace derives the stable GUIDs of exported elements that have no
// identity of their own in the project (selections, representations,
// variables, cases, coding memos).
var qdpxNamespace = uuid.MustParse("5b8e2c71-0d4f-4a36-9c1e-7f2a6d3b8e05")

func derivedGUID(parts ...string) string {
	return uuid.NewSHA1(qdpxNamespace, []byte(strings.Join(parts, "/"))).String()
}

// REFI variable names of the study attributes, in export order.
const (
	VarTitle           = "Title"
	VarAuthors         = "Authors"
	VarYear            = "Year"
	VarCountries       = "Countries"
	VarSectors         = "Sectors"
	VarMethod          = "Method"
	VarSampleSize      = "SampleSize"
	VarPopulation      = "Population"
	VarLanguage        = "Language"
	VarPubType         = "PublicationType"
	VarPublisher       = "Publisher"
	VarDOI             = "DOI"
	VarReviewStatus    = "ReviewStatus"
	VarExclusionReason = "ExclusionReason"
)

// studyVariables are the exported variables: name, type, description and how to read a study's value.
var studyVariables = []struct {
	name  string
	typ   refi.VariableType
	desc  string
	value func(s corpus.Study) string
}{
	{VarTitle, refi.TypeText, "Title of the study", func(s corpus.Study) string { return s.Title }},
	{VarAuthors, refi.TypeText, "Authors in citation order, separated by \"; \" (\"/Family/ Given\" marks a family name, \"{Name}\" a name cited whole)", func(s corpus.Study) string { return names.JoinText(s.Authors) }},
	{VarYear, refi.TypeInteger, "Publication year", func(s corpus.Study) string { return coding.AttributeValue(s.Attributes, coding.FieldYear) }},
	{VarCountries, refi.TypeText, "Countries studied, separated by \"; \"", func(s corpus.Study) string { return coding.JoinMulti(s.Countries) }},
	{VarSectors, refi.TypeText, "Sectors studied, separated by \"; \"", func(s corpus.Study) string { return coding.JoinMulti(s.Sectors) }},
	{VarMethod, refi.TypeText, "Method: " + strings.Join(coding.Methods, ", "), func(s corpus.Study) string { return s.Method }},
	{VarSampleSize, refi.TypeInteger, "Number of participants", func(s corpus.Study) string { return coding.AttributeValue(s.Attributes, coding.FieldSampleSize) }},
	{VarPopulation, refi.TypeText, "Who was studied", func(s corpus.Study) string { return s.Population }},
	{VarLanguage, refi.TypeText, "Language of the text", func(s corpus.Study) string { return s.Language }},
	{VarPubType, refi.TypeText, "Publication type", func(s corpus.Study) string { return s.PubType }},
	{VarPublisher, refi.TypeText, "Publisher or organisation", func(s corpus.Study) string { return s.Publisher }},
	{VarDOI, refi.TypeText, "Digital object identifier", func(s corpus.Study) string { return s.DOI }},
	{VarReviewStatus, refi.TypeText, "Review status: " + strings.Join(corpus.Statuses, ", "), func(s corpus.Study) string { return s.Status }},
	{VarExclusionReason, refi.TypeText, "Why the study was excluded", func(s corpus.Study) string { return s.ExclusionReason }},
}

// isPDF reports whether a stored source is a PDF (by its signature, else its name).
func isPDF(name string, head []byte) bool {
	if bytes.HasPrefix(bytes.TrimLeft(head, "\x00\t\r\n "), []byte("%PDF")) {
		return true
	}
	return len(head) == 0 && strings.HasSuffix(strings.ToLower(name), ".pdf")
}

// exportFile says where a file of the archive comes from.
type exportFile struct {
	study string
	pdf   bool // the stored source; else the study's text
}

// ExportQDPX writes the whole project as a REFI-QDA project archive (.qdpx)
// at path (through a temporary file, so a failed export leaves nothing
// behind). Source PDFs and texts are streamed from the project one at a
// time. progress (may be nil) hears stage "sources" per file and "project"
// while project.qde is written; cancelling ctx stops the export.
func ExportQDPX(ctx context.Context, p *corpus.Project, path string, progress func(refi.Progress)) error {
	model, files, err := buildREFIProject(ctx, p)
	if err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	open := func(guid, ext string) (io.ReadCloser, error) {
		f, ok := files[guid+ext]
		if !ok {
			return nil, fs.ErrNotExist
		}
		if f.pdf {
			_, data, err := p.PDF(f.study)
			if err != nil {
				return nil, err
			}
			return io.NopCloser(bytes.NewReader(data)), nil
		}
		t, err := p.Text(f.study)
		if err != nil {
			return nil, err
		}
		return io.NopCloser(strings.NewReader(t.String)), nil
	}
	if err := refi.WriteQDPXFile(ctx, path, model, open, progress); err != nil {
		return fmt.Errorf("export project: %w", err)
	}
	return nil
}

// buildREFIProject converts the project to the REFI-QDA model (see
// ExportQDPX) without reading texts or PDFs; the returned map says which
// archive file ("<guid>.pdf" or "<guid>.txt") holds which study's PDF or text.
func buildREFIProject(ctx context.Context, p *corpus.Project) (*refi.Project, map[string]exportFile, error) {
	studies, err := p.Studies()
	if err != nil {
		return nil, nil, err
	}
	coders, err := p.Coders()
	if err != nil {
		return nil, nil, err
	}
	cb, err := CodebookToREFI(p)
	if err != nil {
		return nil, nil, err
	}
	codings, err := coding.Codings(p, coding.CodingFilter{})
	if err != nil {
		return nil, nil, err
	}
	memos, err := coding.AllMemos(p)
	if err != nil {
		return nil, nil, err
	}
	areas, err := coding.Areas(p, coding.AreaFilter{})
	if err != nil {
		return nil, nil, err
	}
	areasOf := map[string][]coding.Area{}
	for _, a := range areas {
		areasOf[a.Study] = append(areasOf[a.Study], a)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	rp := &refi.Project{Name: p.Name(), Origin: "Evidence Workbench", Codes: cb.Codes, Sets: cb.Sets,
		Modified: time.Now().UTC(), Description: "Exported from Evidence Workbench project " + p.GUID()}
	users := map[string]bool{}
	for _, c := range coders {
		rp.Users = append(rp.Users, refi.User{GUID: c.GUID, Name: c.Name})
		users[c.GUID] = true
	}
	user := func(g string) string { // only known coders are referenced
		if users[g] {
			return g
		}
		return ""
	}
	if cur := p.CurrentCoder().GUID; users[cur] {
		rp.ModifyingUser = cur
	}

	// Notes: one per memo, referenced from its target.
	notesOn := map[string][]string{} // target GUID -> note GUIDs
	for _, m := range memos {
		g := m.GUID
		if m.TargetKind == coding.MemoCoding {
			g = derivedGUID("coding-memo", m.Target)
		}
		rp.Notes = append(rp.Notes, &refi.TextSource{GUID: g, Name: memoNoteName(m),
			PlainTextContent: m.Text, Stamp: refi.Stamp{CreatingUser: user(m.Coder), Created: m.CreatedAt,
				ModifyingUser: user(m.Coder), Modified: m.UpdatedAt}})
		notesOn[m.Target] = append(notesOn[m.Target], g)
	}
	refi.WalkCodes(rp.Codes, func(c, _ *refi.Code, _ int) { c.NoteRefs = notesOn[c.GUID] })

	for _, v := range studyVariables {
		rp.Variables = append(rp.Variables, refi.Variable{GUID: derivedGUID("variable", v.name), Name: v.name, Type: v.typ, Description: v.desc})
	}
	byStudy := map[string][]coding.Coding{}
	for _, c := range codings {
		byStudy[c.Study] = append(byStudy[c.Study], c)
	}
	files := map[string]exportFile{}
	for _, s := range studies {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		name := s.Title
		if name == "" {
			name = s.FileName
		}
		head, err := sourceHead(p, s.SourceGUID)
		if err != nil {
			return nil, nil, err
		}
		stamp := refi.Stamp{CreatingUser: user(s.AddedBy), Created: s.AddedAt}
		var sels []refi.PlainTextSelection
		for _, c := range byStudy[s.GUID] {
			rc := refi.Coding{GUID: c.GUID, CodeGUID: c.Code, CreatingUser: user(c.Coder), Created: c.CreatedAt,
				NoteRefs: notesOn[c.GUID]}
			sels = append(sels, refi.PlainTextSelection{GUID: derivedGUID("selection", c.GUID), Name: clipName(c.Quote),
				Start: c.Start, End: c.End, Stamp: refi.Stamp{CreatingUser: rc.CreatingUser, Created: c.CreatedAt},
				Codings: []refi.Coding{rc}})
		}
		if isPDF(s.FileName, head) {
			rep := derivedGUID("representation", s.GUID)
			areaSels, err := areaSelections(ctx, p, s.GUID, areasOf[s.GUID], user, &rp.Notes)
			if err != nil {
				return nil, nil, err
			}
			rp.PDFSources = append(rp.PDFSources, &refi.PDFSource{GUID: s.GUID, Name: name, CurrentPath: s.FileName,
				Stamp: stamp, NoteRefs: notesOn[s.GUID], Selections: areaSels,
				Representation: &refi.TextSource{GUID: rep, Name: name + " (text)", Stamp: stamp, Selections: sels}})
			files[s.GUID+".pdf"] = exportFile{study: s.GUID, pdf: true}
			files[rep+".txt"] = exportFile{study: s.GUID}
		} else {
			rp.TextSources = append(rp.TextSources, &refi.TextSource{GUID: s.GUID, Name: name, Stamp: stamp,
				NoteRefs: notesOn[s.GUID], Selections: sels})
			files[s.GUID+".txt"] = exportFile{study: s.GUID}
		}
		cs := refi.Case{GUID: derivedGUID("case", s.GUID), Name: name, SourceRefs: []string{s.GUID}}
		for i, v := range studyVariables {
			if val := v.value(s); val != "" {
				cs.Values = append(cs.Values, refi.VariableValue{VariableGUID: rp.Variables[i].GUID, Type: v.typ, Value: val})
			}
		}
		rp.Cases = append(rp.Cases, cs)
	}
	return rp, files, nil
}

// sourceHead reads the first bytes of a stored source (to tell PDFs from texts).
func sourceHead(p *corpus.Project, source string) ([]byte, error) {
	var head []byte
	err := p.DB().QueryRow(`SELECT substr(data, 1, 16) FROM sources WHERE guid = ?`, source).Scan(&head)
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", source, err)
	}
	return head, nil
}

// memoNoteName names the note of a memo.
func memoNoteName(m coding.Memo) string {
	return "Memo on " + m.TargetKind + ": " + clipName(m.Text)
}

// clipName shortens a text to a one-line name of at most 60 code points.
func clipName(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}
