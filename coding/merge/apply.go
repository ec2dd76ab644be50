package merge

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
)

// newer reports whether RFC 3339 time a is after b (unparsable times are never newer).
func newer(a, b string) bool {
	ta, err1 := time.Parse(time.RFC3339Nano, a)
	tb, err2 := time.Parse(time.RFC3339Nano, b)
	return err1 == nil && err2 == nil && ta.After(tb)
}

func mapped(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return v
	}
	return k
}

// decideAppraisals takes the reviewer's appraisals (with their judgements)
// onto the mapped studies and criteria; an appraisal the reviewer changed
// after the master's copy of it updates the master's.
func (d *decisions) decideAppraisals(st *state, rev *snapshot, codeMap, studyMap map[string]string) {
	for _, ra := range rev.appraisals {
		g := str(ra, "guid")
		ms := studyMap[str(ra, "study")]
		if ms == "" {
			d.report.Notes = append(d.report.Notes, fmt.Sprintf("appraisal %s belongs to a study missing from the reviewer's file; not imported", g))
			continue
		}
		if at, ok := st.appraisals[g]; ok {
			if !newer(str(ra, "updated_at"), at) {
				d.report.AlreadyPresent++
				continue
			}
			ac := schema.AppraisalCol
			d.updates = append(d.updates, update{g, []corpus.Set{ac.Rating.To(ra["rating"]), ac.Override.To(ra["override"]),
				ac.OverrideReason.To(ra["override_reason"]), ac.UpdatedAt.To(ra["updated_at"])}})
			for _, rj := range rev.judgements[g] {
				crit := mapped(codeMap, str(rj, "criterion"))
				if jg, ok := st.judgements[g+"|"+crit]; ok {
					jc := schema.JudgementCol
					d.updates = append(d.updates, update{jg, []corpus.Set{jc.Judgement.To(rj["judgement"]),
						jc.Justification.To(rj["justification"]), jc.Links.To(rj["links"])}})
					continue
				}
				row := clone(rj)
				row["criterion"] = crit
				st.judgements[g+"|"+crit] = str(rj, "guid")
				d.judgements = append(d.judgements, row)
			}
			st.appraisals[g] = str(ra, "updated_at")
			d.report.Updated.Appraisals++
			continue
		}
		key := fmt.Sprintf("%s|%s|%d", ms, str(ra, "coder"), num(ra, "consensus"))
		if other, ok := st.appKey[key]; ok {
			d.report.Notes = append(d.report.Notes, fmt.Sprintf(
				"the master already has appraisal %s by the same coder for study %s; the reviewer's appraisal %s was not imported", other, ms, g))
			continue
		}
		row := clone(ra)
		row["study"] = ms
		st.appraisals[g], st.appKey[key] = str(ra, "updated_at"), g
		d.appraisals = append(d.appraisals, row)
		for _, rj := range rev.judgements[g] {
			crit := mapped(codeMap, str(rj, "criterion"))
			if _, ok := st.judgements[g+"|"+crit]; ok {
				// Two reviewer criteria mapped onto one master criterion: the first counts.
				d.report.Notes = append(d.report.Notes, fmt.Sprintf("judgement %s of appraisal %s: its criterion was mapped onto one already judged; not imported",
					str(rj, "guid"), g))
				continue
			}
			jr := clone(rj)
			jr["criterion"] = crit
			st.judgements[g+"|"+crit] = str(rj, "guid")
			d.judgements = append(d.judgements, jr)
		}
		d.report.New.Appraisals++
	}
}

// decideMemos takes the reviewer's memos onto the mapped studies, codes and codings.
func (d *decisions) decideMemos(st *state, rev *snapshot, codeMap, studyMap map[string]string) {
	for _, rm := range rev.memos {
		g, kind, target := str(rm, "guid"), str(rm, "target_kind"), str(rm, "target")
		switch kind {
		case "study":
			target = studyMap[target]
		case "code":
			target = codeMap[target]
		case "coding":
			if !st.codings[target] {
				target = ""
			}
		}
		if at, ok := st.memos[g]; ok {
			if newer(str(rm, "updated_at"), at) {
				d.updates = append(d.updates, update{g, []corpus.Set{schema.MemoCol.Text.To(rm["text"]), schema.MemoCol.UpdatedAt.To(rm["updated_at"])}})
				st.memos[g] = str(rm, "updated_at")
				d.report.Updated.Memos++
			} else {
				d.report.AlreadyPresent++
			}
			continue
		}
		if target == "" {
			d.report.Notes = append(d.report.Notes, fmt.Sprintf("memo %s is on a %s that did not come in; not imported", g, kind))
			continue
		}
		row := clone(rm)
		row["target"] = target
		st.memos[g] = str(rm, "updated_at")
		d.memos = append(d.memos, row)
		d.report.New.Memos++
	}
}

// Apply merges the planned reviewer file into master as one action
// ("Merge <file name>"), so one undo takes it back, under the given
// resolutions (the zero Resolutions keep the master's codes and map
// same-name codes onto them). The plan is re-evaluated against the master
// as it is now, so a plan made earlier stays safe. A failure or a cancelled
// ctx leaves the master untouched. progress, when set, is called with the
// writes done and their total. A merge that brings nothing new records no
// action in the history.
func Apply(ctx context.Context, master *corpus.Project, plan *Proposal, res Resolutions, progress func(done, total int)) (*Report, error) {
	if plan == nil || plan.rev == nil {
		return nil, fmt.Errorf("merge: no plan; call Plan first")
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("merge: %w", err)
	}
	var rep *Report
	err := master.Do("Merge "+filepath.Base(plan.Source), func(tx *corpus.Tx) error {
		st, err := readState(ctx, tx)
		if err != nil {
			return err
		}
		d, err := decide(ctx, st, plan.rev, res)
		if err != nil {
			return err
		}
		w := &writer{ctx: ctx, tx: tx, total: d.writes(), progress: progress}
		if progress != nil {
			progress(0, w.total)
		}
		if err := w.run(d, plan.reviewer); err != nil {
			return err
		}
		if progress != nil {
			progress(w.total, w.total)
		}
		rep = d.report
		rep.Source = plan.Source
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("merge %s: %w", plan.Source, err)
	}
	return rep, nil
}

// writer performs the decided writes inside the merge's action.
type writer struct {
	ctx         context.Context
	tx          *corpus.Tx
	done, total int
	progress    func(done, total int)
}

// step counts one write, reporting progress and checking for a cancel now and then.
func (w *writer) step() error {
	w.done++
	if w.done%256 == 0 {
		if w.progress != nil {
			w.progress(w.done, w.total)
		}
		return w.ctx.Err()
	}
	return nil
}

func (w *writer) insert(table string, rows []corpus.Row) error {
	for _, r := range rows {
		if err := w.tx.Insert(table, r); err != nil {
			return err
		}
		if table == schema.Codings.Name() || table == schema.Areas.Name() {
			w.tx.Touch(str(r, "study"))
		}
		if err := w.step(); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) run(d *decisions, reviewer *corpus.Project) error {
	for _, c := range d.coders {
		if err := w.tx.EnsureCoder(c); err != nil {
			return fmt.Errorf("add coder %s: %w", c.Name, err)
		}
		if err := w.step(); err != nil {
			return err
		}
	}
	if err := w.insert(schema.ExclusionReasons.Name(), d.reasons); err != nil {
		return err
	}
	for _, s := range d.studies {
		if err := w.copyStudy(s, reviewer); err != nil {
			return err
		}
		if err := w.step(); err != nil {
			return err
		}
	}
	if err := w.insert(schema.Codes.Name(), d.codeInserts); err != nil {
		return err
	}
	for _, u := range d.updates {
		if !u.codes() {
			continue
		}
		if err := w.tx.UpdateColumns(u.guid, u.sets...); err != nil {
			return err
		}
		if err := w.step(); err != nil {
			return err
		}
	}
	for _, step := range []struct {
		table string
		rows  []corpus.Row
	}{{schema.Codings.Name(), d.codings}, {schema.Areas.Name(), d.areas}, {schema.Appraisals.Name(), d.appraisals}, {schema.Judgements.Name(), d.judgements}, {schema.Memos.Name(), d.memos}} {
		if err := w.insert(step.table, step.rows); err != nil {
			return err
		}
	}
	for _, u := range d.updates {
		if u.codes() {
			continue
		}
		if err := w.tx.UpdateColumns(u.guid, u.sets...); err != nil {
			return err
		}
		if err := w.step(); err != nil {
			return err
		}
	}
	return nil
}

// copyStudy stores a reviewer study whose PDF the master lacks: the source
// PDF (content-addressed, outside the undo history) and the study row.
func (w *writer) copyStudy(s corpus.Row, reviewer *corpus.Project) error {
	row := clone(s)
	delete(row, "merge_sha")
	sha := str(s, "merge_sha")
	var src string
	err := w.tx.QueryRow(`SELECT guid FROM sources WHERE sha256 = ?`, sha).Scan(&src)
	if errors.Is(err, sql.ErrNoRows) {
		if reviewer == nil || reviewer.DB() == nil {
			return fmt.Errorf("copy the PDF of %q: the reviewer's file is closed", str(s, "title"))
		}
		var guid, name, added string
		var size int64
		var data []byte
		err := reviewer.DB().QueryRow(`SELECT guid, file_name, size, data, added_at FROM sources WHERE sha256 = ?`, sha).
			Scan(&guid, &name, &size, &data, &added)
		if err != nil {
			return fmt.Errorf("read the PDF of %q from the reviewer's file: %w", str(s, "title"), err)
		}
		if data == nil {
			data = []byte{} // an empty file (a study without text) reads back as nil; NULL would be refused
		}
		if _, err := w.tx.ExecUnjournaled(`INSERT OR IGNORE INTO sources(guid, sha256, file_name, size, data, added_at) VALUES (?, ?, ?, ?, ?, ?)`,
			guid, sha, name, size, data, added); err != nil {
			return fmt.Errorf("copy the PDF of %q: %w", str(s, "title"), err)
		}
		if err := w.tx.QueryRow(`SELECT guid FROM sources WHERE sha256 = ?`, sha).Scan(&src); err != nil {
			return fmt.Errorf("copy the PDF of %q: %w", str(s, "title"), err)
		}
	} else if err != nil {
		return err
	}
	row["source"] = src
	if err := w.tx.Insert("studies", row); err != nil {
		return err
	}
	w.tx.Touch(str(s, "guid"))
	return nil
}
