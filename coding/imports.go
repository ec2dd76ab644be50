package coding

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/google/uuid"
)

// ImportRecord is one recorded import run: where its files came from, the
// studies it added and the existing studies its duplicate files matched
// (by SHA-256). Briefs count records identified and duplicates removed in
// their screening flow from these.
type ImportRecord struct {
	GUID   string
	Source string // where the records came from, e.g. "Scopus search, March 2024"
	Coder  string // GUID of the reviewer who imported
	At     time.Time
	Files  int // files in the run
	Failed int // files that could not be imported
	// Studies are the studies the run added, in input order.
	Studies []string
	// Duplicates are the existing studies that duplicate files of the run
	// matched, one entry per duplicate file.
	Duplicates []string
}

// RecordImport records an import run (corpus.Project.Import's results) as
// one undoable action, so that the screening flow can count the records
// identified per source and the duplicates removed at import. source names
// where the files came from; empty means "PDF import". A run that brought
// no file in (none, or every one failed) records nothing.
func RecordImport(p *corpus.Project, source string, results []corpus.ImportResult) (ImportRecord, error) {
	rec := ImportRecord{Source: strings.Join(strings.Fields(source), " "), Files: len(results),
		Studies: []string{}, Duplicates: []string{}}
	if rec.Source == "" {
		rec.Source = "PDF import"
	}
	if len(results) == 0 {
		return rec, nil
	}
	for _, r := range results {
		switch r.Status {
		case corpus.ImportOK, corpus.ImportWarning:
			rec.Studies = append(rec.Studies, r.Study)
		case corpus.ImportDuplicate:
			rec.Duplicates = append(rec.Duplicates, r.Study)
		default:
			rec.Failed++
		}
	}
	if len(rec.Studies)+len(rec.Duplicates) == 0 {
		// A run that brought nothing in (every file failed) is a refused
		// command: it leaves the project as it was.
		return rec, nil
	}
	studies, _ := json.Marshal(rec.Studies)
	dups, _ := json.Marshal(rec.Duplicates)
	rec.GUID = uuid.NewString()
	err := p.Do("Record import from "+rec.Source, func(tx *corpus.Tx) error {
		rec.Coder = tx.Coder()
		now := tx.Stamp()
		rec.At, _ = time.Parse(time.RFC3339Nano, now)
		return schema.ImportEvents.Insert(tx, schema.ImportEvent{GUID: rec.GUID, Source: rec.Source, Coder: rec.Coder,
			At: now, Files: rec.Files, Failed: rec.Failed, Studies: string(studies), Duplicates: string(dups)})
	})
	if err != nil {
		return ImportRecord{}, fmt.Errorf("record import: %w", err)
	}
	return rec, nil
}

// ImportRecords lists the recorded import runs, oldest first.
func ImportRecords(p *corpus.Project) ([]ImportRecord, error) {
	rows, err := p.DB().Query(`SELECT guid, source, coder, at, files, failed, studies, duplicates FROM import_events ORDER BY at, guid`)
	if err != nil {
		return nil, fmt.Errorf("read import records: %w", err)
	}
	defer rows.Close()
	var out []ImportRecord
	for rows.Next() {
		var r ImportRecord
		var at, studies, dups string
		if err := rows.Scan(&r.GUID, &r.Source, &r.Coder, &at, &r.Files, &r.Failed, &studies, &dups); err != nil {
			return nil, fmt.Errorf("read import records: %w", err)
		}
		r.At, _ = time.Parse(time.RFC3339Nano, at)
		if err := json.Unmarshal([]byte(studies), &r.Studies); err != nil {
			return nil, fmt.Errorf("read import record %s: %w", r.GUID, err)
		}
		if err := json.Unmarshal([]byte(dups), &r.Duplicates); err != nil {
			return nil, fmt.Errorf("read import record %s: %w", r.GUID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
