package exchange

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/refi"
	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/pdftext"
	"github.com/google/uuid"
)

// Pseudo-fields of REFI variables that are review state, not attributes.
const (
	fieldStatus = "status"
	fieldReason = "exclusion_reason"
)

// variableFields maps variable names (lower case, letters and digits only)
// to study attribute fields.
var variableFields = map[string]string{
	"title": coding.FieldTitle, "documenttitle": coding.FieldTitle, "studytitle": coding.FieldTitle,
	"authors": coding.FieldAuthors, "author": coding.FieldAuthors, "creator": coding.FieldAuthors, "creators": coding.FieldAuthors,
	"year": coding.FieldYear, "publicationyear": coding.FieldYear, "pubyear": coding.FieldYear, "yearofpublication": coding.FieldYear,
	"countries": coding.FieldCountries, "country": coding.FieldCountries, "nation": coding.FieldCountries,
	"sectors": coding.FieldSectors, "sector": coding.FieldSectors, "industry": coding.FieldSectors, "industries": coding.FieldSectors,
	"method": coding.FieldMethod, "methods": coding.FieldMethod, "methodology": coding.FieldMethod, "studydesign": coding.FieldMethod, "researchmethod": coding.FieldMethod,
	"samplesize": coding.FieldSampleSize, "sample": coding.FieldSampleSize, "n": coding.FieldSampleSize, "numberofparticipants": coding.FieldSampleSize,
	"population": coding.FieldPopulation, "targetpopulation": coding.FieldPopulation, "participants": coding.FieldPopulation,
	"language": coding.FieldLanguage, "lang": coding.FieldLanguage,
	"publicationtype": coding.FieldPubType, "pubtype": coding.FieldPubType, "documenttype": coding.FieldPubType, "type": coding.FieldPubType, "sourcetype": coding.FieldPubType,
	"publisher": coding.FieldPublisher, "organisation": coding.FieldPublisher, "organization": coding.FieldPublisher, "institution": coding.FieldPublisher,
	"doi": coding.FieldDOI, "digitalobjectidentifier": coding.FieldDOI,
	"reviewstatus": fieldStatus, "status": fieldStatus, "screeningstatus": fieldStatus,
	"exclusionreason": fieldReason, "reasonforexclusion": fieldReason,
}

var nonAlnum = regexp.MustCompile(`[^\p{L}\p{N}]+`)

// variableField returns the attribute field a REFI variable name stands for, "" when none.
func variableField(name string) string {
	return variableFields[nonAlnum.ReplaceAllString(strings.ToLower(name), "")]
}

// variables maps variables to fields and collects the values per source.
func (im *qdpxImporter) variables() {
	rp := im.q.Project
	im.fields, im.values = map[string]string{}, map[string][]refi.VariableValue{}
	var other []string
	for _, v := range rp.Variables {
		f := variableField(v.Name)
		im.fields[v.GUID] = f
		if f == "" {
			other = append(other, fmt.Sprintf("%q", v.Name))
		}
	}
	if len(other) > 0 {
		im.warn("variable(s) %s were not imported (no study attribute of that name)", strings.Join(other, ", "))
	}
	orphan := 0
	for _, c := range rp.Cases {
		if len(c.SourceRefs) == 0 && len(c.Values) > 0 {
			orphan++
		}
		for _, s := range c.SourceRefs {
			im.values[s] = append(im.values[s], c.Values...)
		}
	}
	if orphan > 0 {
		im.warn("%d case(s) with values but no source were not imported (attributes belong to studies)", orphan)
	}
	for _, ts := range rp.TextSources {
		im.values[ts.GUID] = append(im.values[ts.GUID], ts.Values...)
	}
	for _, pdf := range rp.PDFSources {
		im.values[pdf.GUID] = append(im.values[pdf.GUID], pdf.Values...)
	}
}

var leadingYear = regexp.MustCompile(`^\s*(\d{4})-\d\d`)

// attributes applies a source's variable values to a, field by field; a
// value that is not valid for its field is reported and left out.
func (im *qdpxImporter) attributes(source, name string, a *corpus.Attributes, status, reason *string) bool {
	set := false
	for _, v := range im.values[source] {
		f := im.fields[v.VariableGUID]
		val := strings.TrimSpace(v.Value)
		switch f {
		case "":
			continue
		case fieldStatus:
			st, err := coding.NormaliseStatus(val)
			if err != nil {
				im.warn("%q: review status %q not imported: %v", name, val, err)
				continue
			}
			*status, set = st, true
			continue
		case fieldReason:
			*reason, set = val, true
			continue
		case coding.FieldYear:
			if m := leadingYear.FindStringSubmatch(val); m != nil { // a Date or DateTime value
				val = m[1]
			}
		}
		var pt coding.AttributePatch
		if err := pt.Set(f, val); err != nil {
			im.warn("%q: %s %q not imported: %v", name, f, val, err)
			continue
		}
		next := pt.Apply(*a)
		if err := coding.ValidateAttributes(&next); err != nil {
			im.warn("%q: %s %q not imported: %v", name, f, val, err)
			continue
		}
		*a, set = next, true
	}
	return set
}

// source imports one text or PDF source as a study with its codings and notes.
func (im *qdpxImporter) source(guid, name string, stamp refi.Stamp, pdf *refi.PDFSource, ts *refi.TextSource, whole []refi.Coding, noteRefs []string) error {
	text := ""
	if ts != nil {
		t, err := im.q.Text(ts)
		if err != nil && !errors.Is(err, refi.ErrSourceMissing) {
			return err
		}
		if err != nil {
			im.warn("%q: its text is missing from the archive; imported without text", name)
		}
		text = t
	}
	var blob []byte
	fileName := ""
	if pdf != nil && pdf.Path != "" {
		b, err := im.q.ReadFile(pdf.Path)
		switch {
		case err == nil:
			blob, fileName = b, name
			if !strings.EqualFold(filepath.Ext(name), ".pdf") {
				fileName += ".pdf"
			}
		case errors.Is(err, refi.ErrSourceMissing):
			im.warn("%q: the PDF is not in the archive; the study is stored with its text only", name)
		default:
			return err
		}
	}
	if blob != nil && ts == nil { // a PDF without a text representation: extract its text
		doc, err := pdftext.Extract(im.ctx, blob, pdftext.Options{})
		if err != nil && im.ctx.Err() != nil {
			return im.ctx.Err()
		}
		if err != nil {
			im.warn("%q: the archive has no text of the PDF and its text could not be extracted (%v); imported without text", name, err)
		} else {
			text = doc.Text
			im.warn("%q: the archive has no text of the PDF; its text was extracted from the PDF", name)
		}
	}
	isPDF := blob != nil
	if blob == nil {
		if pdf != nil && ts == nil {
			im.warn("%q: a PDF source with neither its PDF nor a text was not imported", name)
			return nil
		}
		blob, fileName = []byte(text), textFileName(name)
	}
	study, projText, err := im.study(guid, name, stamp, blob, fileName, text, isPDF)
	if err != nil {
		return fmt.Errorf("source %q: %w", name, err)
	}
	sc := &sourceCodings{im: im, study: study, runes: []rune(text), name: name}
	if projText != text {
		sc.reanchor, sc.projText = true, coding.NewFoldedQuoteIndex(projText)
	}
	if err := im.loadKeys(study); err != nil {
		return err
	}
	if ts != nil {
		for _, sel := range ts.Selections {
			for i, c := range sel.Codings {
				var notes []string
				if i == 0 {
					notes = sel.NoteRefs
				}
				if err := sc.add(sel.Start, sel.End, c, sel.CreatingUser, sel.Created, notes); err != nil {
					return err
				}
			}
		}
	}
	for _, c := range whole {
		if err := sc.add(0, len(sc.runes), c, "", stamp.Created, nil); err != nil {
			return err
		}
	}
	var pdfData []byte
	if strings.EqualFold(filepath.Ext(fileName), ".pdf") {
		pdfData = blob
	}
	if err := im.areas(study, name, pdf, pdfData); err != nil {
		return err
	}
	return im.memo(coding.MemoStudy, study, noteRefs)
}

// claimByGUID marks the project's studies that sources of the file are (by
// GUID), before any source is matched by its PDF: a source's own study is
// never taken by another source with the same PDF.
func (im *qdpxImporter) claimByGUID() error {
	im.claimed = map[string]bool{}
	rp := im.q.Project
	for _, ts := range rp.TextSources {
		im.claimed[ts.GUID] = false
	}
	for _, pdf := range rp.PDFSources {
		im.claimed[pdf.GUID] = false
	}
	for g := range im.claimed {
		var n int
		if err := im.tx.QueryRow(`SELECT COUNT(*) FROM studies WHERE guid = ?`, g).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			delete(im.claimed, g)
		} else {
			im.claimed[g] = true
		}
	}
	return nil
}

// sameFileStudy returns a study of the project whose file has this hash and
// that no other source of the file is, "" when there is none.
func (im *qdpxImporter) sameFileStudy(sha string) (string, error) {
	studies, err := corpus.QueryStrings(im.tx, `SELECT s.guid FROM studies s JOIN sources o ON o.guid = s.source WHERE o.sha256 = ? ORDER BY s.added_at, s.guid`, sha)
	if err != nil {
		return "", err
	}
	for _, g := range studies {
		if !im.claimed[g] {
			return g, nil
		}
	}
	return "", nil
}

// study returns the study for a source, adding it when the project lacks it,
// with the project's text of it. A source is the study with its GUID; else,
// for a PDF source with its PDF, a study of the same PDF that no other
// source of this file is (the same document imported separately); else a
// new study. Sources are never merged by their text: two sources with
// identical texts are two studies (their stored file is shared).
func (im *qdpxImporter) study(guid, name string, stamp refi.Stamp, blob []byte, fileName, text string, isPDF bool) (string, string, error) {
	tx := im.tx
	existing := ""
	if im.claimed[guid] {
		existing = guid
	} else if isPDF {
		dup, err := im.sameFileStudy(corpus.HashPDF(blob))
		if err != nil {
			return "", "", err
		}
		existing = dup
	}
	if existing != "" {
		im.claimed[existing] = true
		im.rep.StudiesExisting++
		var t string
		err := tx.QueryRow(`SELECT text FROM studies WHERE guid = ?`, existing).Scan(&t)
		return existing, t, err
	}
	title := strings.TrimSpace(name)
	if ext := strings.ToLower(filepath.Ext(title)); ext == ".pdf" || ext == ".txt" {
		title = strings.TrimSpace(strings.TrimSuffix(title, filepath.Ext(title)))
	}
	a := corpus.Attributes{Title: title}
	status, reason := corpus.StatusToScreen, ""
	if im.attributes(guid, name, &a, &status, &reason) {
		im.rep.Attributes++
	}
	if status != corpus.StatusExcluded {
		reason = ""
	} else if err := im.ensureReason(reason); err != nil {
		return "", "", err
	}
	study := validGUID(guid)
	extraction := corpus.ExtractOK
	if strings.TrimSpace(strings.ReplaceAll(text, "\f", "")) == "" {
		extraction = corpus.ExtractNoText
	}
	// The source file is stored once per SHA-256, outside the undo history.
	_, err := tx.AddStudy(corpus.NewStudy{GUID: study, FileName: fileName, PDF: blob, Text: text,
		PageStarts: formFeedStarts(text), Extraction: extraction, Attributes: a, Status: status, ExclusionReason: reason,
		AddedAt: stamp.Created, AddedBy: im.coder(stamp.CreatingUser), SharedFile: true})
	if err != nil {
		return "", "", err
	}
	im.claimed[study] = true
	im.rep.StudiesAdded++
	if strings.EqualFold(filepath.Ext(fileName), ".pdf") {
		im.rep.PDFs++
	} else {
		im.rep.TextOnly++
	}
	return study, text, nil
}

// ensureReason puts an exclusion reason on the project's list when it is missing.
func (im *qdpxImporter) ensureReason(reason string) error {
	if reason == "" {
		return nil
	}
	var n, pos int
	if err := im.tx.QueryRow(`SELECT COUNT(*), COALESCE(MAX(position) + 1, 0) FROM exclusion_reasons`).Scan(&n, &pos); err != nil {
		return err
	}
	if err := im.tx.QueryRow(`SELECT COUNT(*) FROM exclusion_reasons WHERE name = ? COLLATE NOCASE`, reason).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	return schema.ExclusionReasons.Insert(im.tx, schema.ExclusionReason{GUID: uuid.NewString(), Name: reason, Position: pos})
}

// loadKeys records the codings a study already has, to skip duplicates.
func (im *qdpxImporter) loadKeys(study string) error {
	rows, err := im.tx.Query(`SELECT code, start, "end", coder FROM codings WHERE study = ?`, study)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var code, coder string
		var s, e int
		if err := rows.Scan(&code, &s, &e, &coder); err != nil {
			return err
		}
		im.keys[codingKey(study, code, s, e, coder)] = true
	}
	return rows.Err()
}

func codingKey(study, code string, start, end int, coder string) string {
	return fmt.Sprintf("%s|%s|%d|%d|%s", study, code, start, end, coder)
}

// skip counts a coding left out and says why (summariseWarnings folds the repeats).
func (im *qdpxImporter) skip(source, reason string) {
	im.rep.CodingsSkipped++
	im.warn("%q: a coding was not imported: %s", source, reason)
}

// summariseWarnings folds repeated warnings into one line with a count.
func summariseWarnings(ws []string) []string {
	count := map[string]int{}
	var order []string
	for _, w := range ws {
		if count[w] == 0 {
			order = append(order, w)
		}
		count[w]++
	}
	out := make([]string, 0, len(order))
	for _, w := range order {
		if n := count[w]; n > 1 {
			w = fmt.Sprintf("%s (%d times)", w, n)
		}
		out = append(out, w)
	}
	return out
}
