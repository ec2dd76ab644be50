package query

import (
	"database/sql"
	"fmt"
	"sync"

	"github.com/evidence-workbench/workbench/corpus"
)

// codingIndex is a compact, read-only projection of the codings and areas
// tables (GUID, study, code, coder of every coding, then of every area
// coding) for the matrix and frequency reports. Study, code and coder are
// numbered through dictionaries so a report is a pass over int32 slices.
type codingIndex struct {
	guids                  []string
	areasFrom              int // index of the first area coding
	study, code, coder     []int32
	studies, codes, coders []string // dictionaries: number -> GUID
	codeNum                map[string]int32
}

// indexCache keeps the index of the most recently used project for as long
// as the project's generation (bumped by every action, undo and redo) is
// unchanged, so switching a matrix's columns or filters does not re-read
// 50,000 codings. Only one project is kept: the desktop program has one
// open at a time.
var indexCache struct {
	sync.Mutex
	p   *corpus.Project
	gen int64
	ix  *codingIndex
}

// loadCodingIndex returns the project's coding index, from the cache when
// the project has not changed since it was built.
func loadCodingIndex(p *corpus.Project) (*codingIndex, error) {
	// The generation is read before the table: a change in between only
	// causes one more rebuild, never a stale index under a newer generation.
	gen := p.Generation()
	indexCache.Lock()
	if indexCache.p == p && indexCache.gen == gen && indexCache.ix != nil {
		ix := indexCache.ix
		indexCache.Unlock()
		return ix, nil
	}
	indexCache.Unlock()
	ix, err := readCodingIndex(p)
	if err != nil {
		return nil, err
	}
	indexCache.Lock()
	indexCache.p, indexCache.gen, indexCache.ix = p, gen, ix
	indexCache.Unlock()
	return ix, nil
}

// readCodingIndex reads the codings and areas tables in one sequential scan each.
func readCodingIndex(p *corpus.Project) (*codingIndex, error) {
	ix := &codingIndex{codeNum: map[string]int32{}}
	studyNum, coderNum := map[string]int32{}, map[string]int32{}
	number := func(m map[string]int32, dict *[]string, b []byte) int32 {
		if i, ok := m[string(b)]; ok {
			return i
		}
		s := string(b)
		i := int32(len(*dict))
		m[s] = i
		*dict = append(*dict, s)
		return i
	}
	read := func(table string) error {
		rows, err := p.DB().Query(`SELECT guid, study, code, coder FROM ` + table + ` NOT INDEXED`)
		if err != nil {
			return fmt.Errorf("read %s: %w", table, err)
		}
		defer rows.Close()
		var guid, study, code, coder sql.RawBytes
		for rows.Next() {
			if err := rows.Scan(&guid, &study, &code, &coder); err != nil {
				return fmt.Errorf("read %s: %w", table, err)
			}
			ix.guids = append(ix.guids, string(guid))
			ix.study = append(ix.study, number(studyNum, &ix.studies, study))
			ix.code = append(ix.code, number(ix.codeNum, &ix.codes, code))
			ix.coder = append(ix.coder, number(coderNum, &ix.coders, coder))
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read %s: %w", table, err)
		}
		return nil
	}
	if err := read("codings"); err != nil {
		return nil, err
	}
	ix.areasFrom = len(ix.guids)
	if err := read("areas"); err != nil {
		return nil, err
	}
	return ix, nil
}
