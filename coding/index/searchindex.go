package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/search"
)

// ErrMemoryOnly is reported by Index.Note when the index could not
// be kept on disk (the cache folder cannot be written, or another program
// holds the index) and is held in memory for this session instead.
var ErrMemoryOnly = errors.New("the search index is kept in memory only")

// errReadProject marks a rebuild that failed reading the project (not
// writing the index), which a memory index would not fix.
var errReadProject = errors.New("cannot read the project")

// CacheDir returns the folder under which each project's search index
// is kept (in a sub-folder named by the project GUID): $EWB_CACHE_DIR when
// set, else <user cache dir>/evidence-workbench/index.
func CacheDir() (string, error) {
	if d := os.Getenv("EWB_CACHE_DIR"); d != "" {
		return d, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find the cache folder: %w", err)
	}
	return filepath.Join(base, "evidence-workbench", "index"), nil
}

// Index keeps a project's full-text index (corpus/search) in step with
// the project: Open rebuilds it when it is missing, damaged or stale, and
// Update re-indexes the studies an action touched. Its methods are safe for
// use by several goroutines; updates are serialised.
type Index struct {
	p    *corpus.Project
	ix   *search.Index
	note error

	mu     sync.Mutex              // serialises Rebuild and Update, guards the fields below
	state  map[string]*indexedInfo // what is indexed per study (nil: not known yet)
	gen    int64                   // project generation the index reflects
	dirty  bool                    // gen is newer than the generation stored in the index
	failed bool                    // an update failed: never store a generation until a rebuild
}

// indexedInfo remembers what was indexed for one study, so an update can
// tell which chunks changed and an update without a study list can find the
// studies that changed.
type indexedInfo struct {
	fp     string     // fingerprint of metadata, text summary and codings
	info   string     // key of the StudyInfo copied onto the chunks
	chunks []chunkSig // indexed chunks; nil when not known (index opened from disk)
}

// chunkSig is what identifies an indexed chunk's content.
type chunkSig struct {
	id         string
	start, end int
	codes      string
	text       uint64 // hash of the indexed text (marks blanked)
}

// Open opens the search index of p under cacheDir/<project GUID>/
// (cacheDir "" means CacheDir) and rebuilds it from the project when it
// is missing, damaged, built by another version or behind the project's
// generation. progress, if not nil, receives studies indexed and the number
// of studies during a rebuild. When the folder cannot be used the index is
// built in memory and Note says why. The project may be open read-only.
// Cancelling ctx stops a rebuild; the index is then closed and ctx's error
// returned.
func Open(ctx context.Context, p *corpus.Project, cacheDir string, progress func(done, total int)) (*Index, error) {
	s := &Index{p: p}
	var err error
	if cacheDir == "" {
		cacheDir, err = CacheDir()
	}
	if err == nil {
		s.ix, err = openIndexDir(filepath.Join(cacheDir, p.GUID()))
	}
	if err != nil {
		s.note = fmt.Errorf("%w (%v)", ErrMemoryOnly, err)
		if s.ix, err = search.NewMem(); err != nil {
			return nil, fmt.Errorf("open search index: %w", err)
		}
	}
	gen, gerr := s.ix.Generation()
	if s.ix.Recreated() == nil && gerr == nil && gen != 0 && gen == p.Generation() {
		s.gen = gen
		if p.ReadOnly() {
			return s, nil // nothing will change: no baseline needed for Update(nil)
		}
		if err := s.loadBaseline(); err != nil {
			s.ix.Close()
			return nil, err
		}
		return s, nil
	}
	err = s.Rebuild(ctx, progress)
	if err != nil && ctx.Err() == nil && s.ix.Dir() != "" && !errors.Is(err, errReadProject) {
		// The folder could be opened but not written: build in memory instead.
		s.ix.Close()
		s.note = fmt.Errorf("%w (%v)", ErrMemoryOnly, err)
		if s.ix, err = search.NewMem(); err != nil {
			return nil, fmt.Errorf("open search index: %w", err)
		}
		err = s.Rebuild(ctx, progress)
	}
	if err != nil {
		s.ix.Close()
		return nil, err
	}
	return s, nil
}

// openIndexDir opens the on-disk index, turning a panic of the index library
// into an error so the caller can fall back to memory.
func openIndexDir(dir string) (ix *search.Index, err error) {
	defer func() {
		if r := recover(); r != nil {
			ix, err = nil, fmt.Errorf("open search index %s: %v", dir, r)
		}
	}()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create search index folder: %w", err)
	}
	return search.Open(dir)
}

// Note returns why the index is not kept on disk (wrapping
// ErrMemoryOnly), or nil when it is.
func (s *Index) Note() error { return s.note }

// Dir returns the index folder, "" for an index held in memory.
func (s *Index) Dir() string { return s.ix.Dir() }

// Index returns the underlying full-text index.
func (s *Index) Index() *search.Index { return s.ix }

// Flush stores in the index the project generation it reflects, so that the
// next Open can reuse it without a rebuild. Update leaves this to Flush
// (and Close) so that a burst of updates costs one write; callers flush when
// idle. After a failed update nothing is stored, and the next open rebuilds.
func (s *Index) Flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.flushLocked()
}

func (s *Index) flushLocked() error {
	if !s.dirty || s.failed {
		return nil
	}
	if err := s.ix.SetGeneration(s.gen); err != nil {
		return fmt.Errorf("save search index generation: %w", err)
	}
	s.dirty = false
	return nil
}

// Close flushes the generation and closes the index (the project stays open).
func (s *Index) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ferr := s.flushLocked()
	if err := s.ix.Close(); err != nil && !errors.Is(err, search.ErrClosed) {
		return err
	}
	if errors.Is(ferr, search.ErrClosed) {
		return nil
	}
	return ferr
}

// Search runs a query on the index; see search.Index.Search. A malformed
// query returns a *search.QueryError.
func (s *Index) Search(ctx context.Context, q string, opts search.Options) (*search.Results, error) {
	return s.ix.Search(ctx, q, opts)
}

// Generation returns the project generation the index reflects (0 while a
// rebuild is incomplete), whether or not it has been flushed.
func (s *Index) Generation() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gen
}

// Rebuild re-indexes the whole project. progress, if not nil, receives the
// number of studies indexed so far and the number of studies.
func (s *Index) Rebuild(ctx context.Context, progress func(done, total int)) (err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer recoverInto(&err, "rebuild search index")
	gen := s.p.Generation()
	s.gen = 0
	snap, err := loadIndexSnapshot(s.p, true)
	if err != nil {
		return fmt.Errorf("%w: %w", errReadProject, err)
	}
	total := len(snap.studies)
	state := make(map[string]*indexedInfo, total)
	var pmu sync.Mutex
	var ends []int // cumulative chunk count after each study yielded
	reported := -1
	report := func(chunksDone int) {
		if progress == nil {
			return
		}
		pmu.Lock()
		done := sort.Search(len(ends), func(i int) bool { return ends[i] > chunksDone })
		if done > reported {
			reported = done
			pmu.Unlock()
			progress(done, total)
			return
		}
		pmu.Unlock()
	}
	if progress != nil {
		progress(0, total)
	}
	var readErr error
	source := func(yield func(search.Chunk) bool) error {
		n := 0
		for _, st := range snap.studies {
			if err := ctx.Err(); err != nil {
				return err
			}
			chunks, rec, err := snap.chunksOf(s.p, st)
			if err != nil {
				readErr = err
				return err
			}
			state[st.GUID] = rec
			for _, c := range chunks {
				if !yield(c) {
					return ctx.Err()
				}
			}
			n += len(chunks)
			pmu.Lock()
			ends = append(ends, n)
			pmu.Unlock()
		}
		return nil
	}
	err = s.ix.Rebuild(ctx, source, func(done, _ int) { report(done) })
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		s.state = nil
		if readErr != nil {
			return fmt.Errorf("rebuild search index: %w: %w", errReadProject, readErr)
		}
		return fmt.Errorf("rebuild search index: %w", err)
	}
	if err := s.ix.SetGeneration(gen); err != nil {
		return fmt.Errorf("rebuild search index: %w", err)
	}
	s.gen, s.dirty, s.failed = gen, false, false
	s.state = state
	if progress != nil && reported < total {
		progress(total, total)
	}
	return nil
}

// loadBaseline records the fingerprints of the studies of an index opened
// from disk, so that Update(nil) can find what later changes.
func (s *Index) loadBaseline() error {
	snap, err := loadIndexSnapshot(s.p, false)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.state = make(map[string]*indexedInfo, len(snap.studies))
	for _, st := range snap.studies {
		info := snap.info(st)
		s.state[st.GUID] = &indexedInfo{fp: snap.fingerprint(st, info), info: infoKey(info)}
	}
	return nil
}

// Update re-indexes the given studies after an action touched them (a
// deleted study is removed) and notes the project's generation (stored by
// Flush or Close). Only the
// chunks whose codes changed are re-indexed when the study's text and
// metadata are unchanged. With studies nil (e.g. after undo, when the touched
// studies are not known) it compares every study's metadata, text length,
// codings and rigor rating with what was indexed and updates those that
// differ.
func (s *Index) Update(ctx context.Context, studies []string) (err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	defer recoverInto(&err, "update search index")
	gen := s.p.Generation()
	defer func() {
		if err != nil {
			s.failed = true
		}
	}()
	if studies == nil {
		if studies, err = s.changedStudies(); err != nil {
			return err
		}
	}
	if len(studies) > 0 {
		names, err := codeNames(s.p)
		if err != nil {
			return err
		}
		for _, g := range studies {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("update search index: %w", err)
			}
			if err := s.updateStudy(g, names); err != nil {
				return fmt.Errorf("update search index for study %s: %w", g, err)
			}
		}
	}
	if gen != s.gen {
		s.gen, s.dirty = gen, true
	}
	return nil
}

// changedStudies lists the studies whose fingerprint differs from the indexed one.
func (s *Index) changedStudies() ([]string, error) {
	snap, err := loadIndexSnapshot(s.p, false)
	if err != nil {
		return nil, err
	}
	var out []string
	seen := make(map[string]bool, len(snap.studies))
	for _, st := range snap.studies {
		seen[st.GUID] = true
		old := s.state[st.GUID]
		if old == nil || old.fp != snap.fingerprint(st, snap.info(st)) {
			out = append(out, st.GUID)
		}
	}
	for g := range s.state {
		if !seen[g] {
			out = append(out, g)
		}
	}
	sort.Strings(out)
	return out, nil
}

// updateStudy re-indexes one study: only the chunks whose codes changed when
// the chunking and metadata are as indexed, else the whole study.
func (s *Index) updateStudy(guid string, names map[string]string) error {
	if s.state == nil {
		s.state = map[string]*indexedInfo{}
	}
	st, err := s.p.Study(guid)
	if errors.Is(err, corpus.ErrNotFound) {
		delete(s.state, guid)
		return s.ix.DeleteStudy(guid)
	}
	if err != nil {
		return err
	}
	codings, err := codeRanges(s.p, guid)
	if err != nil {
		return err
	}
	digests, err := codingDigests(s.p, names, guid)
	if err != nil {
		return err
	}
	as, err := coding.Appraisals(s.p, guid)
	if err != nil {
		return err
	}
	snap := &indexSnapshot{names: names, codings: codings, digests: digests,
		rigor: map[string]string{guid: rigorOf(as)}}
	chunks, rec, err := snap.chunksOf(s.p, st)
	if err != nil {
		return err
	}
	old := s.state[guid]
	s.state[guid] = rec
	if old != nil && old.chunks != nil && old.info == rec.info && sameChunking(old.chunks, rec.chunks) {
		var changed []search.Chunk
		for i, c := range chunks {
			if old.chunks[i].codes != rec.chunks[i].codes || old.chunks[i].text != rec.chunks[i].text {
				changed = append(changed, c) // new codes, or new marks over the same text
			}
		}
		if len(changed) == 0 {
			return nil
		}
		return s.ix.UpdateChunks(changed)
	}
	return s.ix.UpdateStudy(guid, chunks)
}

// sameChunking reports whether two chunk lists have the same IDs and bounds.
func sameChunking(a, b []chunkSig) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].id != b[i].id || a[i].start != b[i].start || a[i].end != b[i].end {
			return false
		}
	}
	return true
}

// recoverInto turns a panic of the index library into an error.
func recoverInto(err *error, what string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("%s: unexpected failure: %v", what, r)
	}
}

// languageCodes maps language names, as typed in the Language attribute, to
// ISO 639-1 codes for the index's analysers.
var languageCodes = map[string]string{
	"english": "en", "thai": "th", "vietnamese": "vi", "lao": "lo", "laotian": "lo",
	"khmer": "km", "cambodian": "km", "burmese": "my", "myanmar": "my",
	"indonesian": "id", "malay": "ms", "tagalog": "tl", "filipino": "tl",
	"french": "fr", "spanish": "es", "portuguese": "pt", "german": "de",
	"chinese": "zh", "japanese": "ja", "korean": "ko", "hindi": "hi", "nepali": "ne", "bengali": "bn",
}

// languageCode returns the ISO 639-1 code of a Language attribute ("" when unknown).
func languageCode(lang string) string {
	l := strings.ToLower(strings.TrimSpace(lang))
	if c, ok := languageCodes[l]; ok {
		return c
	}
	if len(l) == 2 && l[0] >= 'a' && l[0] <= 'z' && l[1] >= 'a' && l[1] <= 'z' {
		return l
	}
	return ""
}
