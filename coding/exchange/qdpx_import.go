package exchange

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/refi"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/google/uuid"
)

// QDPXImportReport says what ImportQDPX brought in and what it could not.
type QDPXImportReport struct {
	File            string `json:"file"`
	Origin          string `json:"origin"`           // the exporting program
	Users           int    `json:"users"`            // users in the file
	CodersAdded     int    `json:"coders_added"`     // of them new to the project
	Codes           int    `json:"codes"`            // codes in the file
	CodesAdded      int    `json:"codes_added"`      // created (with the file's GUIDs)
	CodesUpdated    int    `json:"codes_updated"`    // existing codes whose fields changed
	Sources         int    `json:"sources"`          // text and PDF sources in the file
	StudiesAdded    int    `json:"studies_added"`    // new studies
	StudiesExisting int    `json:"studies_existing"` // sources already in the project (same GUID or same PDF)
	PDFs            int    `json:"pdfs"`             // new studies stored with their PDF
	TextOnly        int    `json:"text_only"`        // new studies stored with a text file as their source
	Codings         int    `json:"codings"`          // codings imported
	CodingsExisting int    `json:"codings_existing"` // codings already in the project
	CodingsSkipped  int    `json:"codings_skipped"`  // codings not imported (see Warnings)
	Areas           int    `json:"areas"`            // area codings imported from PDF selections
	AreasExisting   int    `json:"areas_existing"`   // area codings already in the project
	AreasSkipped    int    `json:"areas_skipped"`    // area codings not imported (see Warnings)
	Memos           int    `json:"memos"`            // notes imported as memos
	Attributes      int    `json:"attributes"`       // new studies given attribute values
	Unsupported     int    `json:"unsupported"`      // picture, audio and video sources not imported
	// CoderFrom is whose work each selection was taken to be:
	// CoderFromCoding or CoderFromSelection.
	CoderFrom string `json:"coder_from"`
	// Coders counts the coded selections whose selection and coding name
	// different users (see CoderNote).
	Coders   QDPXCoders `json:"coders"`
	Warnings []string   `json:"warnings"` // everything not imported as-is, one sentence each
}

// CoderNote says, when the file's selections and codings name different
// users, how many and whom the codings were credited to; "" otherwise.
func (r *QDPXImportReport) CoderNote() string { return r.Coders.Note(r.CoderFrom) }

// ErrImportQDPX is wrapped by an internal failure during an import (the
// project is left unchanged); problems of the file itself come as the
// refi package's errors.
var ErrImportQDPX = errors.New("the REFI-QDA project cannot be imported")

// ImportQDPX imports a REFI-QDA project archive into p as one action (one
// undo step; any failure or a cancel changes nothing):
//
//   - users become coders (by GUID; a user with a coder's name maps onto that coder);
//   - codes keep their GUIDs: a code whose GUID the project has is updated,
//     one at the same name path with another GUID maps onto the existing
//     code, others are added; "Kind: ..." code sets give kinds;
//   - every text source and PDF source becomes a study whose GUID is the
//     source's: a PDF source with its PDF bytes (when the archive has them)
//     and the text of its representation; a text source, or a PDF source
//     whose PDF is missing, is stored with its text as the source file
//     (NAME.txt); a PDF source without a text gets its text extracted from
//     the PDF. Pages are split at form feeds. A source already in the
//     project (same GUID, or a PDF source whose PDF is a study no other
//     source of the file is) is not added again; its new codings are
//     anchored to the project's text by their quote when the texts differ.
//     Sources are never matched by their text: two sources with identical
//     texts are two studies. An unnamed source is named from its original
//     path, its file or its GUID;
//   - every Coding of a PDF area selection becomes an area coding of the
//     study's page (see qdpx_areas.go for the coordinates), placed with the
//     archive's PDF, else the project's;
//   - every Coding of a selection becomes a coding with the Coding's GUID,
//     the selection's code-point range and quote, the Coding's creatingUser
//     (else the selection's, else the current coder; with CoderFrom
//     CoderFromSelection the selection's user comes first) and creation
//     time; a coding of a whole source covers the whole text; the report
//     counts the selections whose selection and coding name different users;
//   - notes on codings or selections become the coding's memo, notes on
//     sources study memos and notes on codes code memos;
//   - variable values of cases (applied to their sources) and of sources
//     become attributes of new studies when the variable's name is one of
//     the study attributes (case-insensitive, with common synonyms).
//
// Everything else (pictures, audio, video, other variables, project notes,
// sets) is listed in the report's Warnings. progress (may be nil) hears
// stage "texts" while the archive is checked and "sources" per source.
func ImportQDPX(ctx context.Context, p *corpus.Project, path string, progress func(refi.Progress)) (*QDPXImportReport, error) {
	return ImportQDPXWith(ctx, p, path, QDPXImportOptions{Progress: progress})
}

// ImportQDPXWith is ImportQDPX with options: opt.CoderFrom says whose work
// each coded selection is.
func ImportQDPXWith(ctx context.Context, p *corpus.Project, path string, opt QDPXImportOptions) (*QDPXImportReport, error) {
	coderFrom, err := ParseCoderFrom(opt.CoderFrom)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", filepath.Base(path), err)
	}
	progress := opt.Progress
	if progress == nil {
		progress = func(refi.Progress) {}
	}
	q, err := refi.ReadQDPXWith(ctx, path, refi.ReadOptions{Progress: progress})
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", filepath.Base(path), err)
	}
	defer q.Close()
	var rep *QDPXImportReport
	err = p.Do("Import REFI-QDA project "+filepath.Base(path), func(tx *corpus.Tx) (err error) {
		defer func() {
			if v := recover(); v != nil {
				err = fmt.Errorf("%w: internal error: %v", ErrImportQDPX, v)
			}
		}()
		im := &qdpxImporter{ctx: ctx, tx: tx, q: q, progress: progress, coderFrom: coderFrom,
			rep: &QDPXImportReport{File: path, Origin: q.Project.Origin, CoderFrom: coderFrom, Coders: qdpxCoders(q.Project)}}
		if err := im.run(); err != nil {
			return err
		}
		rep = im.rep
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", filepath.Base(path), err)
	}
	var ws []string
	for _, w := range q.Warnings { // includes what Text found while importing
		ws = append(ws, w.String())
	}
	rep.Warnings = summariseWarnings(append(ws, rep.Warnings...))
	return rep, nil
}

// qdpxImporter carries one import's state.
type qdpxImporter struct {
	ctx      context.Context
	tx       *corpus.Tx
	q        *refi.QDPX
	progress func(refi.Progress)
	rep      *QDPXImportReport
	// coderFrom is CoderFromCoding or CoderFromSelection.
	coderFrom string

	coders      map[string]string               // user GUID -> coder GUID
	codes       map[string]string               // file code GUID -> project code GUID
	values      map[string][]refi.VariableValue // source GUID -> values from cases and the source
	fields      map[string]string               // variable GUID -> attribute field ("" when none)
	notes       map[string]*refi.TextSource     // note GUID -> note
	used        map[string]bool                 // notes imported
	keys        map[string]bool                 // study|code|start|end|coder of codings present
	codingGUIDs map[string]bool                 // GUIDs of the project's codings, read at the first coding
	claimed     map[string]bool                 // studies a source of this file is (by GUID, or matched or added)
}

func (im *qdpxImporter) warn(format string, args ...any) {
	im.rep.Warnings = append(im.rep.Warnings, fmt.Sprintf(format, args...))
}

func (im *qdpxImporter) run() error {
	rp := im.q.Project
	im.notes, im.used, im.keys = map[string]*refi.TextSource{}, map[string]bool{}, map[string]bool{}
	for _, n := range rp.Notes {
		im.notes[n.GUID] = n
	}
	if err := im.users(); err != nil {
		return err
	}
	if err := im.codebook(); err != nil {
		return err
	}
	im.variables()
	if err := im.claimByGUID(); err != nil {
		return err
	}
	im.rep.Unsupported = len(rp.Unsupported)
	n := len(rp.TextSources) + len(rp.PDFSources)
	im.rep.Sources = n
	done := 0
	for _, ts := range rp.TextSources {
		if err := im.ctx.Err(); err != nil {
			return err
		}
		im.progress(refi.Progress{Stage: "sources", Done: done, Total: n})
		name := sourceName(ts.GUID, ts.Name, ts.PlainTextPath)
		if err := im.source(ts.GUID, name, ts.Stamp, nil, ts, ts.Codings, ts.NoteRefs); err != nil {
			return err
		}
		done++
	}
	for _, pdf := range rp.PDFSources {
		if err := im.ctx.Err(); err != nil {
			return err
		}
		im.progress(refi.Progress{Stage: "sources", Done: done, Total: n})
		codings := pdf.Codings
		notes := pdf.NoteRefs
		if pdf.Representation != nil {
			codings = append(append([]refi.Coding(nil), codings...), pdf.Representation.Codings...)
			notes = append(append([]string(nil), notes...), pdf.Representation.NoteRefs...)
		}
		name := sourceName(pdf.GUID, pdf.Name, pdf.CurrentPath, pdf.Path)
		if err := im.source(pdf.GUID, name, pdf.Stamp, pdf, pdf.Representation, codings, notes); err != nil {
			return err
		}
		done++
	}
	im.progress(refi.Progress{Stage: "sources", Done: n, Total: n})
	if err := im.codeNotes(); err != nil {
		return err
	}
	if len(rp.NoteRefs) > 0 {
		im.warn("%d note(s) on the project as a whole were not imported (memos are written on studies, codes and codings)", len(rp.NoteRefs))
		for _, g := range rp.NoteRefs {
			im.used[g] = true
		}
	}
	left := 0
	for _, n := range rp.Notes {
		if !im.used[n.GUID] {
			left++
		}
	}
	if left > 0 {
		im.warn("%d note(s) not attached to a source, code or coding were not imported", left)
	}
	for _, s := range rp.Sets {
		if len(s.MemberSources)+len(s.MemberNotes) > 0 {
			im.warn("set %q of sources or notes was not imported (the project has no such sets)", s.Name)
		}
	}
	return nil
}

// users maps the file's users onto coders, adding the new ones.
func (im *qdpxImporter) users() error {
	im.coders = map[string]string{}
	rows, err := im.tx.Query(`SELECT guid, name FROM coders`)
	if err != nil {
		return err
	}
	known, byName := map[string]bool{}, map[string]string{}
	for rows.Next() {
		var g, n string
		if err := rows.Scan(&g, &n); err != nil {
			rows.Close()
			return err
		}
		known[g], byName[strings.ToLower(n)] = true, g
	}
	rows.Close()
	for _, u := range im.q.Project.Users {
		im.rep.Users++
		name := strings.TrimSpace(u.Name)
		if name == "" {
			name = "REFI-QDA user " + u.GUID[:8]
		}
		switch {
		case known[u.GUID]:
			im.coders[u.GUID] = u.GUID
		case byName[strings.ToLower(name)] != "":
			im.coders[u.GUID] = byName[strings.ToLower(name)]
		default:
			if err := im.tx.EnsureCoder(corpus.Coder{GUID: u.GUID, Name: name}); err != nil {
				return fmt.Errorf("coder %q: %w", name, err)
			}
			im.coders[u.GUID] = u.GUID
			known[u.GUID], byName[strings.ToLower(name)] = true, u.GUID
			im.rep.CodersAdded++
		}
	}
	return nil
}

// coder returns the coder for the first known user GUID, else the current coder.
func (im *qdpxImporter) coder(users ...string) string {
	for _, u := range users {
		if c, ok := im.coders[u]; ok {
			return c
		}
	}
	return im.tx.Coder()
}

// codebook merges the code tree and fills im.codes.
func (im *qdpxImporter) codebook() error {
	cb := im.q.Project.CodeBook()
	items := refiImportCodes(cb, func(w string) { im.rep.Warnings = append(im.rep.Warnings, w) })
	im.rep.Codes += len(items)
	r, problems, err := importCodes(im.tx, items)
	if err != nil {
		return err
	}
	im.rep.CodesAdded, im.rep.CodesUpdated = len(r.Added), len(r.Updated)
	for _, pr := range problems {
		im.warn("%s (its codings are not imported)", pr.Message)
	}
	// Map each file code to the project's: its own GUID when the project has
	// it now, else the child of its mapped parent with its name.
	codes, err := coding.LoadCodes(im.tx)
	if err != nil {
		return err
	}
	exists, child := map[string]bool{}, map[string]string{}
	for _, c := range codes {
		exists[c.GUID] = true
		child[c.Parent+"\x00"+strings.ToLower(c.Name)] = c.GUID
	}
	im.codes = map[string]string{}
	refi.WalkCodes(cb.Codes, func(c, parent *refi.Code, _ int) {
		if exists[c.GUID] {
			im.codes[c.GUID] = c.GUID
			return
		}
		pg := ""
		if parent != nil {
			var ok bool
			if pg, ok = im.codes[parent.GUID]; !ok {
				return
			}
		}
		name := strings.TrimSpace(c.Name)
		if g := child[pg+"\x00"+strings.ToLower(name)]; g != "" {
			im.codes[c.GUID] = g
		}
	})
	return nil
}

// nowOr formats t for storage, or the action's time when t is zero.
func (im *qdpxImporter) nowOr(t time.Time) string {
	if t.IsZero() {
		return im.tx.Stamp()
	}
	return t.UTC().Format(time.RFC3339Nano)
}

// formFeedStarts returns the code-point offsets of the pages of a text whose pages are separated by form feeds.
func formFeedStarts(text string) []int {
	starts := []int{0}
	i := 0
	for _, r := range text {
		i++
		if r == '\f' {
			starts = append(starts, i)
		}
	}
	return starts
}

// sourceName names a source for its study's title and file: its name, else
// the last part of its original path or of the file it refers to (without
// a scheme, decoded), else its GUID.
func sourceName(guid, name string, paths ...string) string {
	if n := strings.TrimSpace(name); n != "" {
		return n
	}
	for _, p := range paths {
		p = strings.TrimSpace(p)
		if i := strings.Index(p, "://"); i >= 0 {
			p = p[i+3:]
		}
		if un, err := url.PathUnescape(p); err == nil {
			p = un
		}
		p = strings.ReplaceAll(p, `\`, "/")
		if b := strings.TrimSpace(path.Base(p)); b != "" && b != "." && b != "/" {
			return b
		}
	}
	return guid
}

// textFileName names the stored source of a text-only study.
func textFileName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, strings.TrimSpace(name))
	if name == "" {
		name = "source"
	}
	if !strings.EqualFold(filepath.Ext(name), ".txt") {
		name += ".txt"
	}
	return name
}

// validGUID returns g when it is a lower-case UUID, else a new one.
func validGUID(g string) string {
	if u, err := uuid.Parse(g); err == nil && u.String() == g {
		return g
	}
	return uuid.NewString()
}
