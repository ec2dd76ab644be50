package exchange

import (
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/refi"
	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/google/uuid"
)

// sourceCodings imports the codings of one source into its study.
type sourceCodings struct {
	im       *qdpxImporter
	study    string
	name     string
	runes    []rune             // the file's text
	reanchor bool               // the project's text of the study differs from the file's
	projText *coding.QuoteIndex // the project's text (case folded for searching), when reanchor
}

// add imports one Coding of the range [start, end) of the file's text.
func (sc *sourceCodings) add(start, end int, c refi.Coding, selUser string, selCreated time.Time, selNotes []string) error {
	im, tx := sc.im, sc.im.tx
	for _, g := range append(append([]string(nil), c.NoteRefs...), selNotes...) {
		im.used[g] = true // attached to a coding, whether or not the coding comes in
	}
	code, ok := im.codes[c.CodeGUID]
	if !ok {
		sc.im.skip(sc.name, "its code is not in the codebook")
		return nil
	}
	if start < 0 || end <= start || end > len(sc.runes) {
		sc.im.skip(sc.name, "its range is outside the text")
		return nil
	}
	quote := string(sc.runes[start:end])
	if sc.reanchor {
		s, e, ok := sc.projText.Nearest(quote, start)
		if !ok {
			sc.im.skip(sc.name, "its passage is not in the project's text of the study")
			return nil
		}
		start, end = s, e
		quote = sc.projText.Slice(start, end)
	}
	guid := validGUID(c.GUID)
	if im.codingGUIDs == nil {
		g, err := corpus.QueryStrings(tx, `SELECT guid FROM codings`)
		if err != nil {
			return err
		}
		im.codingGUIDs = make(map[string]bool, len(g))
		for _, k := range g {
			im.codingGUIDs[k] = true
		}
	}
	coder := im.coder(c.CreatingUser, selUser)
	if im.coderFrom == CoderFromSelection {
		coder = im.coder(selUser, c.CreatingUser)
	}
	key := codingKey(sc.study, code, start, end, coder)
	if im.codingGUIDs[guid] || im.keys[key] {
		im.rep.CodingsExisting++
		return nil
	}
	im.keys[key], im.codingGUIDs[guid] = true, true
	memo, err := im.noteText(append(append([]string(nil), c.NoteRefs...), selNotes...))
	if err != nil {
		return err
	}
	created := c.Created
	if created.IsZero() {
		created = selCreated
	}
	if err := schema.Codings.Insert(tx, schema.Coding{
		GUID: guid, Study: sc.study, Code: code, Start: start, End: end,
		Quote: quote, Coder: coder, CreatedAt: im.nowOr(created), Memo: memo,
	}); err != nil {
		return err
	}
	im.rep.Codings++
	return nil
}

// noteText joins the texts of notes (marking them imported), for a coding's memo.
func (im *qdpxImporter) noteText(refs []string) (string, error) {
	var parts []string
	for _, g := range refs {
		n := im.notes[g]
		if n == nil {
			continue
		}
		t, err := im.q.Text(n)
		if err != nil {
			return "", err
		}
		im.used[g] = true
		if t = strings.TrimSpace(t); t != "" {
			parts = append(parts, t)
			im.rep.Memos++
		}
	}
	return strings.Join(parts, "\n\n"), nil
}

// memo writes notes as memos on a study or code: one memo per coder and
// target, notes by the same coder joined (an existing memo of that coder is
// extended, unless it already holds the note).
func (im *qdpxImporter) memo(kind, target string, refs []string) error {
	tx := im.tx
	for _, g := range refs {
		n := im.notes[g]
		if n == nil {
			continue
		}
		text, err := im.q.Text(n)
		if err != nil {
			return err
		}
		im.used[g] = true
		if text = strings.TrimSpace(text); text == "" {
			continue
		}
		coder := im.coder(n.CreatingUser)
		var guid, old string
		err = tx.QueryRow(`SELECT guid, text FROM memos WHERE target_kind = ? AND target = ? AND coder = ? ORDER BY created_at LIMIT 1`,
			kind, target, coder).Scan(&guid, &old)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			var taken int
			if err := tx.QueryRow(`SELECT COUNT(*) FROM memos WHERE guid = ?`, g).Scan(&taken); err != nil {
				return err
			}
			guid = validGUID(g)
			if taken > 0 {
				guid = uuid.NewString()
			}
			created := im.nowOr(n.Created)
			updated := created
			if !n.Modified.IsZero() {
				updated = im.nowOr(n.Modified)
			}
			if err := schema.Memos.Insert(tx, schema.Memo{GUID: guid, TargetKind: kind, Target: target,
				Coder: coder, Text: text, CreatedAt: created, UpdatedAt: updated}); err != nil {
				return err
			}
		case err != nil:
			return err
		case strings.Contains(old, text):
			continue
		default:
			if err := schema.Memos.Update(tx, guid, schema.MemoCol.Text.To(old+"\n\n"+text), schema.MemoCol.UpdatedAt.To(tx.Stamp())); err != nil {
				return err
			}
		}
		im.rep.Memos++
	}
	return nil
}

// codeNotes imports the notes on codes as code memos.
func (im *qdpxImporter) codeNotes() error {
	var err error
	refi.WalkCodes(im.q.Project.Codes, func(c, _ *refi.Code, _ int) {
		target, ok := im.codes[c.GUID]
		if err != nil || len(c.NoteRefs) == 0 {
			return
		}
		if !ok {
			im.warn("the notes on code %q were not imported (the code was not)", c.Name)
			return
		}
		err = im.memo(coding.MemoCode, target, c.NoteRefs)
	})
	return err
}
