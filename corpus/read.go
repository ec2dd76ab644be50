package corpus

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

const studyColumns = `s.guid, s.source, o.sha256, o.file_name, s.title, s.authors, s.year, s.countries, s.sectors,
	s.method, s.sample_size, s.population, s.language, s.pub_type, s.publisher, s.doi, s.pages, s.text_len,
	s.extraction, s.extraction_message, s.status, s.exclusion_reason, s.added_at, s.added_by`

type scanner interface{ Scan(...any) error }

func scanStudy(r scanner) (Study, error) {
	var s Study
	var authors, countries, sectors, added string
	err := r.Scan(&s.GUID, &s.SourceGUID, &s.SHA256, &s.FileName, &s.Title, &authors, &s.Year, &countries, &sectors,
		&s.Method, &s.SampleSize, &s.Population, &s.Language, &s.PubType, &s.Publisher, &s.DOI, &s.Pages, &s.TextLen,
		&s.Extraction, &s.ExtractionMessage, &s.Status, &s.ExclusionReason, &added, &s.AddedBy)
	if err != nil {
		return s, err
	}
	s.Authors = ReadAuthors(authors)
	json.Unmarshal([]byte(countries), &s.Countries)
	json.Unmarshal([]byte(sectors), &s.Sectors)
	s.AddedAt, _ = time.Parse(time.RFC3339Nano, added)
	return s, nil
}

// Querier runs a read query: a project's *sql.DB (Project.DB) or an
// action's *Tx.
type Querier interface {
	Query(q string, args ...any) (*sql.Rows, error)
}

// QueryStrings runs a query whose rows are one text column and returns the
// column's values in row order.
func QueryStrings(q Querier, query string, args ...any) ([]string, error) {
	rows, err := q.Query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// InList builds the condition "col IN (?,?,...)" for vals (at least one)
// with its arguments.
func InList(col string, vals []string) (string, []any) {
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = v
	}
	return col + " IN (?" + strings.Repeat(",?", len(vals)-1) + ")", args
}

// Studies lists every study, ordered by title.
func (p *Project) Studies() ([]Study, error) {
	rows, err := p.db.Query(`SELECT ` + studyColumns + ` FROM studies s JOIN sources o ON o.guid = s.source ORDER BY s.title COLLATE NOCASE, s.guid`)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []Study
	for rows.Next() {
		s, err := scanStudy(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Study returns one study by GUID.
func (p *Project) Study(guid string) (Study, error) {
	s, err := scanStudy(p.db.QueryRow(`SELECT `+studyColumns+` FROM studies s JOIN sources o ON o.guid = s.source WHERE s.guid = ?`, guid))
	if errors.Is(err, sql.ErrNoRows) {
		return s, fmt.Errorf("study %s: %w", guid, ErrNotFound)
	}
	return s, classify(err)
}

// ResolveStudy finds a study by GUID or by a unique, case-insensitive
// prefix of its title or file name.
func (p *Project) ResolveStudy(ref string) (Study, error) {
	if s, err := p.Study(ref); err == nil {
		return s, nil
	}
	all, err := p.Studies()
	if err != nil {
		return Study{}, err
	}
	ref = strings.ToLower(strings.TrimSpace(ref))
	var found []Study
	for _, s := range all {
		if ref != "" && (strings.HasPrefix(strings.ToLower(s.Title), ref) || strings.HasPrefix(strings.ToLower(s.FileName), ref)) {
			found = append(found, s)
		}
	}
	switch len(found) {
	case 0:
		return Study{}, fmt.Errorf("no study with GUID or title %q: %w", ref, ErrNotFound)
	case 1:
		return found[0], nil
	}
	names := make([]string, 0, 3)
	for i := 0; i < len(found) && i < 3; i++ {
		names = append(names, fmt.Sprintf("%q", found[i].Title))
	}
	return Study{}, fmt.Errorf("%q matches %d studies (%s...): give more of the title or the GUID", ref, len(found), strings.Join(names, ", "))
}

// Text loads a study's extracted text and page map.
func (p *Project) Text(study string) (*Text, error) {
	t := &Text{Study: study}
	var starts, marks, stats string
	err := p.db.QueryRow(`SELECT text, page_starts, marks, page_stats FROM studies WHERE guid = ?`, study).Scan(&t.String, &starts, &marks, &stats)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("study %s: %w", study, ErrNotFound)
	}
	if err != nil {
		return nil, classify(err)
	}
	json.Unmarshal([]byte(starts), &t.PageStarts)
	json.Unmarshal([]byte(marks), &t.Marks)
	json.Unmarshal([]byte(stats), &t.PageStats)
	return t, nil
}

// PDF returns a study's stored source PDF.
func (p *Project) PDF(study string) (name string, data []byte, err error) {
	err = p.db.QueryRow(`SELECT o.file_name, o.data FROM studies s JOIN sources o ON o.guid = s.source WHERE s.guid = ?`, study).Scan(&name, &data)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, fmt.Errorf("study %s: %w", study, ErrNotFound)
	}
	return name, data, classify(err)
}

// Stats counts what a project holds.
type Stats struct {
	Name          string // display name
	GUID          string // project identity
	SchemaVersion int    // schema version of the file
	Studies       int    // studies
	Pages         int    // pages over all studies
	Coders        int    // coders who worked on the project
	Generation    int64  // change counter
	// Counts holds the registered schemas' figures (Schema.Counts) by name.
	Counts map[string]int
}

// Stats counts the project's contents: corpus's own and every registered
// Schema's Counts.
func (p *Project) Stats() (Stats, error) {
	st := Stats{Name: p.Name(), GUID: p.guid, SchemaVersion: p.SchemaVersionOf(), Generation: p.Generation(), Counts: map[string]int{}}
	q := `SELECT (SELECT COUNT(*) FROM studies), (SELECT COALESCE(SUM(pages),0) FROM studies), (SELECT COUNT(*) FROM coders)`
	if err := p.db.QueryRow(q).Scan(&st.Studies, &st.Pages, &st.Coders); err != nil {
		return st, classify(err)
	}
	for _, s := range schemas() {
		for _, c := range s.Counts {
			var n int
			if err := p.db.QueryRow(c.Query).Scan(&n); err != nil {
				return st, fmt.Errorf("count %s: %w", c.Name, classify(err))
			}
			st.Counts[c.Name] = n
		}
	}
	return st, nil
}
