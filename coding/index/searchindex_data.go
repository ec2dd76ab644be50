package index

import (
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/names"
	"github.com/evidence-workbench/workbench/corpus/search"
)

// indexSnapshot is what the index needs from a project besides the study texts:
// studies, code names, codings by study and rigor ratings by study.
type indexSnapshot struct {
	studies []corpus.Study
	names   map[string]string      // code GUID -> name
	codings map[string][]codeRange // study GUID -> codings (only when read for chunking)
	digests map[string]string      // study GUID -> digest of its codings (see codingDigests)
	rigor   map[string]string      // study GUID -> rating
}

// loadIndexSnapshot reads everything but the texts, in a few queries; the
// coding ranges themselves only when withRanges (for a rebuild).
func loadIndexSnapshot(p *corpus.Project, withRanges bool) (*indexSnapshot, error) {
	studies, err := p.Studies()
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	names, err := codeNames(p)
	if err != nil {
		return nil, err
	}
	snap := &indexSnapshot{studies: studies, names: names, rigor: map[string]string{}}
	if withRanges {
		if snap.codings, err = codeRanges(p, ""); err != nil {
			return nil, err
		}
	}
	if snap.digests, err = codingDigests(p, names, ""); err != nil {
		return nil, err
	}
	as, err := coding.AllAppraisals(p)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	byStudy := map[string][]coding.Appraisal{}
	for _, a := range as {
		byStudy[a.Study] = append(byStudy[a.Study], a)
	}
	for study, list := range byStudy {
		snap.rigor[study] = rigorOf(list)
	}
	return snap, nil
}

// codeRange is the part of a coding the index needs.
type codeRange struct {
	code       string // code GUID
	start, end int
}

// codeRanges reads the codings of one study (or of all when study is ""),
// without the columns the index does not need, by study.
func codeRanges(p *corpus.Project, study string) (map[string][]codeRange, error) {
	q, args := `SELECT study, code, start, "end" FROM codings`, []any{}
	if study != "" {
		q, args = q+` WHERE study = ?`, append(args, study)
	}
	rows, err := p.DB().Query(q, args...)
	if err != nil {
		return nil, fmt.Errorf("search index: read codings: %w", err)
	}
	defer rows.Close()
	out := map[string][]codeRange{}
	for rows.Next() {
		var s string
		var r codeRange
		if err := rows.Scan(&s, &r.code, &r.start, &r.end); err != nil {
			return nil, fmt.Errorf("search index: read codings: %w", err)
		}
		out[s] = append(out[s], r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search index: read codings: %w", err)
	}
	return out, nil
}

// codingDigestSQL sums, per study, a hash of every coding's range and code
// (from five hex digits of the code GUID), bounded so the sums cannot
// overflow, and lists the distinct codes, so that the index can tell which
// studies' codings changed without reading every coding into Go.
const codingDigestSQL = `SELECT study, COUNT(*), SUM(start), SUM("end"),
	SUM((((start + 1) * 1000003 + "end") % 2147483647) *
		((unicode(substr(code, 1, 1)) + 37 * unicode(substr(code, 2, 1)) + 1369 * unicode(substr(code, 3, 1)) +
		50653 * unicode(substr(code, 4, 1)) + 1874161 * unicode(substr(code, 5, 1))) % 1000003)),
	SUM((start * "end") % 999983), group_concat(DISTINCT code)
	FROM codings`

// codingDigests returns a digest of the codings of one study (or of every
// study when study is ""): counts, sums of range hashes and the names of the
// codes used, so that a rename of a code changes the digest too.
func codingDigests(p *corpus.Project, names map[string]string, study string) (map[string]string, error) {
	q, args := codingDigestSQL, []any{}
	if study != "" {
		q, args = q+` WHERE study = ?`, append(args, study)
	}
	rows, err := p.DB().Query(q+` GROUP BY study`, args...)
	if err != nil {
		return nil, fmt.Errorf("search index: digest codings: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var s, codes string
		var n, starts, ends, h1, h2 int64
		if err := rows.Scan(&s, &n, &starts, &ends, &h1, &h2, &codes); err != nil {
			return nil, fmt.Errorf("search index: digest codings: %w", err)
		}
		used := strings.Split(codes, ",")
		for i, g := range used {
			used[i] = names[g]
		}
		sort.Strings(used)
		out[s] = fmt.Sprintf("%d/%d/%d/%d/%d/%s", n, starts, ends, h1, h2, strings.Join(used, "\x1f"))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search index: digest codings: %w", err)
	}
	return out, nil
}

// codeNames maps every code's GUID to its name.
func codeNames(p *corpus.Project) (map[string]string, error) {
	codes, err := coding.Codebook(p)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	names := make(map[string]string, len(codes))
	for _, c := range codes {
		names[c.GUID] = c.Name
	}
	return names, nil
}

// rigorOf is the rating the index files a study under: the consensus
// appraisal's final rating, else the final rating of the only reviewer who
// rated the study, else "" (several reviewers and no consensus yet).
func rigorOf(as []coding.Appraisal) string {
	var single []string
	for _, a := range as {
		r := a.FinalRating()
		if r == "" {
			continue
		}
		if a.Consensus {
			return r
		}
		single = append(single, r)
	}
	if len(single) == 1 {
		return single[0]
	}
	return ""
}

// info returns the study metadata copied onto the study's chunks.
func (s *indexSnapshot) info(st corpus.Study) search.StudyInfo {
	title := st.Title
	if title == "" {
		title = st.FileName
	}
	return search.StudyInfo{
		GUID: st.GUID, Title: title, Authors: names.Fulls(st.Authors), Year: st.Year,
		Countries: st.Countries, Sectors: st.Sectors, Method: st.Method,
		Rigor: s.rigor[st.GUID], Lang: languageCode(st.Language),
	}
}

// infoKey is a compact key of a StudyInfo, to notice metadata changes.
func infoKey(i search.StudyInfo) string {
	var b strings.Builder
	for _, v := range []string{i.Title, strings.Join(i.Authors, "\x1f"), strconv.Itoa(i.Year),
		strings.Join(i.Countries, "\x1f"), strings.Join(i.Sectors, "\x1f"), i.Method, i.Rigor, i.Lang, i.Script} {
		b.WriteString(v)
		b.WriteByte('\x1e')
	}
	return b.String()
}

// fingerprint summarises what the index holds of a study without reading its
// text: metadata, text length and extraction outcome, and the codings' digest.
func (s *indexSnapshot) fingerprint(st corpus.Study, info search.StudyInfo) string {
	return fmt.Sprintf("%s\x1d%d\x1d%d\x1d%s\x1d%s", infoKey(info), st.TextLen, st.Pages, st.Extraction, s.digests[st.GUID])
}

// spans returns a study's codings as named code spans, in a stable order.
func (s *indexSnapshot) spans(study string) []search.CodeSpan {
	cs := s.codings[study]
	out := make([]search.CodeSpan, 0, len(cs))
	for _, c := range cs {
		name := s.names[c.code]
		if name == "" {
			continue
		}
		out = append(out, search.CodeSpan{Code: name, Start: c.start, End: c.end})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return a.Code < b.Code
	})
	return out
}

// chunksOf reads a study's text and returns its chunks with their codes, and
// the record of what is indexed.
func (s *indexSnapshot) chunksOf(p *corpus.Project, st corpus.Study) ([]search.Chunk, *indexedInfo, error) {
	info := s.info(st)
	rec := &indexedInfo{fp: s.fingerprint(st, info), info: infoKey(info)}
	if st.TextLen == 0 {
		rec.chunks = []chunkSig{}
		return nil, rec, nil
	}
	text, err := p.Text(st.GUID)
	if err != nil {
		return nil, nil, fmt.Errorf("search index: text of %q: %w", info.Title, err)
	}
	// Running heads, page and line numbers are left out (blanked, so the
	// chunks' offsets are the study's).
	chunks := search.ChunkStudy(info, text.Unmarked(), text.PageStarts)
	search.AssignCodes(chunks, s.spans(st.GUID))
	rec.chunks = make([]chunkSig, len(chunks))
	for i, c := range chunks {
		h := fnv.New64a()
		h.Write([]byte(c.Text))
		rec.chunks[i] = chunkSig{id: c.ID, start: c.Start, end: c.End, codes: strings.Join(c.Codes, "\x1f"), text: h.Sum64()}
	}
	return chunks, rec, nil
}
