package search

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Conditions found when opening an index. Open recreates the index empty in
// these cases and reports the condition through Index.Recreated, so the
// caller knows it must call Rebuild.
var (
	// ErrIndexMissing means there was no index in the directory yet.
	ErrIndexMissing = errors.New("search index does not exist yet")
	// ErrIndexCorrupt means the index files could not be read.
	ErrIndexCorrupt = errors.New("search index is damaged")
	// ErrIndexOutdated means the index was built with another mapping version.
	ErrIndexOutdated = errors.New("search index was built by another version of the program")
	// ErrIndexBusy means another program holds the index open; Open returns it.
	ErrIndexBusy = errors.New("search index is in use by another program")
	// ErrClosed is returned by methods called after Close.
	ErrClosed = errors.New("search index is closed")
)

// Keys of the values kept with SetInternal.
var (
	keyMapping    = []byte("wb_mapping_version")
	keyGeneration = []byte("wb_generation")
)

// batchSize is the number of chunks indexed per bleve batch during Rebuild.
var batchSize = 1000

// Index is a full-text index of chunks. It is safe for concurrent use.
type Index struct {
	mu        sync.RWMutex // guards idx (write-locked only to swap it)
	wmu       sync.Mutex   // serialises writers, so the study table is saved in order
	smu       sync.RWMutex // guards studies
	studies   map[string]studyMeta
	idx       bleve.Index // nil once closed
	mapping   *mapping.IndexMappingImpl
	dir       string // "" for a memory-only index
	recreated error
	tables    tableCache // study and codes by document number, for facets
}

// NewMem returns an empty index held in memory, for tests and previews.
func NewMem() (*Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	ix := &Index{mapping: m}
	if err := ix.create(); err != nil {
		return nil, err
	}
	ix.recreated = ErrIndexMissing
	return ix, nil
}

// Open opens the scorch index in dir, creating the directory if needed.
// A missing, damaged or outdated index is replaced by an empty one and the
// reason is kept in Recreated (wrapping ErrIndexMissing, ErrIndexCorrupt or
// ErrIndexOutdated). If dir holds files that are not an index, or another
// program has the index open, Open returns an error instead.
//
// When only the newest state is damaged (e.g. a truncated segment file),
// scorch itself falls back to the newest older snapshot that loads. Every
// snapshot holds the generation set before it, so Generation then reports
// that older, consistent state and the caller catches up or rebuilds.
func Open(dir string) (*Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	ix := &Index{mapping: m, dir: dir}
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); errors.Is(err, os.ErrNotExist) {
		if err := ix.resetDir(); err != nil {
			return nil, err
		}
		if err := ix.create(); err != nil {
			return nil, err
		}
		ix.recreated = ErrIndexMissing
		return ix, nil
	}
	reason := ix.openExisting()
	if reason == nil {
		return ix, nil
	}
	if errors.Is(reason, ErrIndexBusy) {
		return nil, reason
	}
	if err := ix.resetDir(); err != nil {
		return nil, fmt.Errorf("%w; %v", reason, err)
	}
	if err := ix.create(); err != nil {
		return nil, err
	}
	ix.recreated = reason
	return ix, nil
}

// openExisting opens the index files and checks they are usable and built
// with the current mapping. It returns the reason they are not.
func (ix *Index) openExisting() (reason error) {
	var idx bleve.Index
	defer func() {
		if r := recover(); r != nil {
			reason = fmt.Errorf("%w: open %s: %v", ErrIndexCorrupt, ix.dir, r)
			if idx != nil {
				_ = idx.Close()
			}
		}
	}()
	idx, err := bleve.OpenUsing(ix.dir, map[string]interface{}{"bolt_timeout": "1s"})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) || strings.Contains(err.Error(), bolterrors.ErrTimeout.Error()) {
			return fmt.Errorf("%w: %s", ErrIndexBusy, ix.dir)
		}
		return fmt.Errorf("%w: open %s: %v", ErrIndexCorrupt, ix.dir, err)
	}
	ver, err := idx.GetInternal(keyMapping)
	if err != nil {
		_ = idx.Close()
		return fmt.Errorf("%w: read %s: %v", ErrIndexCorrupt, ix.dir, err)
	}
	if string(ver) != mappingVersion {
		_ = idx.Close()
		return fmt.Errorf("%w: %s has version %q, want %q", ErrIndexOutdated, ix.dir, ver, mappingVersion)
	}
	studies, err := loadStudies(idx)
	if err != nil {
		_ = idx.Close()
		return fmt.Errorf("%w: read %s: %v", ErrIndexCorrupt, ix.dir, err)
	}
	ix.smu.Lock()
	ix.studies = studies
	ix.smu.Unlock()
	if _, err := idx.DocCount(); err != nil {
		_ = idx.Close()
		return fmt.Errorf("%w: count %s: %v", ErrIndexCorrupt, ix.dir, err)
	}
	// run one query to touch the segments
	if _, err := idx.Search(bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), 1, 0, false)); err != nil {
		_ = idx.Close()
		return fmt.Errorf("%w: search %s: %v", ErrIndexCorrupt, ix.dir, err)
	}
	ix.idx = idx
	return nil
}

// resetDir removes a previous index from ix.dir, refusing to delete a
// directory that holds anything other than bleve's files.
func (ix *Index) resetDir() error {
	entries, err := os.ReadDir(ix.dir)
	if errors.Is(err, os.ErrNotExist) {
		return os.MkdirAll(filepath.Dir(filepath.Clean(ix.dir)), 0o700)
	}
	if err != nil {
		return fmt.Errorf("read index directory: %w", err)
	}
	for _, e := range entries {
		if n := e.Name(); n != "index_meta.json" && n != "store" {
			return fmt.Errorf("index directory %s holds unexpected file %q; not deleting it", ix.dir, n)
		}
	}
	if err := os.RemoveAll(ix.dir); err != nil {
		return fmt.Errorf("remove old index: %w", err)
	}
	return nil
}

// create makes a new, empty index (on disk if ix.dir is set) and stamps it
// with the mapping version and generation 0.
func (ix *Index) create() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("create search index: %v", r)
		}
	}()
	var idx bleve.Index
	if ix.dir == "" {
		idx, err = bleve.NewMemOnly(ix.mapping)
	} else {
		idx, err = bleve.NewUsing(ix.dir, ix.mapping, scorch.Name, scorch.Name, nil)
	}
	if err != nil {
		return fmt.Errorf("create search index: %w", err)
	}
	b := idx.NewBatch()
	b.SetInternal(keyMapping, []byte(mappingVersion))
	b.SetInternal(keyGeneration, []byte("0"))
	if err := idx.Batch(b); err != nil {
		_ = idx.Close()
		return fmt.Errorf("stamp search index: %w", err)
	}
	ix.idx = idx
	ix.smu.Lock()
	ix.studies = map[string]studyMeta{}
	ix.smu.Unlock()
	return nil
}

// Recreated returns why Open or NewMem started with an empty index
// (wrapping ErrIndexMissing, ErrIndexCorrupt or ErrIndexOutdated), or nil
// if an existing index was opened. Either way, compare Generation with the
// project's generation to decide whether to Rebuild.
func (ix *Index) Recreated() error { return ix.recreated }

// Dir returns the index directory, "" for a memory-only index.
func (ix *Index) Dir() string { return ix.dir }

// Close closes the index. Further calls return ErrClosed.
func (ix *Index) Close() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.idx == nil {
		return nil
	}
	err := ix.idx.Close()
	ix.idx = nil
	ix.tables.drop()
	if err != nil {
		return fmt.Errorf("close search index: %w", err)
	}
	return nil
}

// current returns the open bleve index, under the read lock held by the caller.
func (ix *Index) current() (bleve.Index, error) {
	if ix.idx == nil {
		return nil, ErrClosed
	}
	return ix.idx, nil
}

// Generation returns the project generation the index reflects, 0 for a
// new or partly rebuilt index.
func (ix *Index) Generation() (int64, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	idx, err := ix.current()
	if err != nil {
		return 0, err
	}
	v, err := idx.GetInternal(keyGeneration)
	if err != nil {
		return 0, fmt.Errorf("read index generation: %w", err)
	}
	if len(v) == 0 {
		return 0, nil
	}
	n, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: generation %q", ErrIndexCorrupt, v)
	}
	return n, nil
}

// SetGeneration records that the index reflects project generation n.
func (ix *Index) SetGeneration(n int64) error {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	idx, err := ix.current()
	if err != nil {
		return err
	}
	if err := idx.SetInternal(keyGeneration, []byte(strconv.FormatInt(n, 10))); err != nil {
		return fmt.Errorf("write index generation: %w", err)
	}
	return nil
}

// DocCount returns the number of indexed chunks.
func (ix *Index) DocCount() (int, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	idx, err := ix.current()
	if err != nil {
		return 0, err
	}
	n, err := idx.DocCount()
	if err != nil {
		return 0, fmt.Errorf("count indexed chunks: %w", err)
	}
	return int(n), nil
}
