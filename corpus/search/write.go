package search

import (
	"context"
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// rebuildWorkers is the number of batches analysed and written at once.
const rebuildWorkers = 2

// Rebuild empties the index and indexes every chunk that source yields, in
// batches written by two goroutines. source calls yield for each chunk and
// stops when yield returns false (after cancellation or an indexing error).
// progress, if not nil, is called (from one goroutine at a time, not
// necessarily the caller's) after each batch with the number of chunks
// indexed so far and total = -1 (the source's size is not known in
// advance); a final call reports done == total. The generation is reset to
// 0 at the start, so an interrupted rebuild is never taken as current: call
// SetGeneration when Rebuild returns nil. Searches during a rebuild see a
// partial index.
func (ix *Index) Rebuild(ctx context.Context, source func(yield func(Chunk) bool) error, progress func(done, total int)) error {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	if err := ix.reset(); err != nil {
		return err
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	idx, err := ix.current()
	if err != nil {
		return err
	}

	var (
		mu      sync.Mutex // guards werr, indexed and progress calls
		werr    error
		indexed int
		wg      sync.WaitGroup
	)
	failed := func() error { mu.Lock(); defer mu.Unlock(); return werr }
	type job struct {
		b *bleve.Batch
		n int // chunks in b
	}
	batches := make(chan job)
	for w := 0; w < rebuildWorkers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range batches {
				if failed() != nil {
					continue
				}
				err := safeBatch(idx, j.b)
				mu.Lock()
				if err != nil && werr == nil {
					werr = fmt.Errorf("index chunks: %w", err)
				}
				if err == nil {
					indexed += j.n
					if progress != nil {
						progress(indexed, -1)
					}
				}
				mu.Unlock()
			}
		}()
	}

	b := idx.NewBatch()
	var ierr error
	lastStudy, n := "", 0
	serr := source(func(c Chunk) bool {
		if err := ctx.Err(); err != nil {
			ierr = err
			return false
		}
		if err := failed(); err != nil {
			ierr = err
			return false
		}
		if err := b.Index(c.ID, chunkDoc(c)); err != nil {
			ierr = fmt.Errorf("index chunk %s: %w", c.ID, err)
			return false
		}
		if c.Study != lastStudy {
			ix.smu.Lock()
			ix.noteStudies([]Chunk{c})
			ix.smu.Unlock()
			lastStudy = c.Study
		}
		n++
		if n >= batchSize {
			select {
			case batches <- job{b, n}:
			case <-ctx.Done():
				ierr = ctx.Err()
				return false
			}
			b, n = idx.NewBatch(), 0
		}
		return true
	})
	if ierr == nil && serr == nil {
		ix.smu.RLock()
		b.SetInternal(keyStudies, ix.studiesJSON())
		ix.smu.RUnlock()
		batches <- job{b, n}
	}
	close(batches)
	wg.Wait()
	if ierr == nil {
		ierr = failed()
	}
	if ierr != nil {
		return fmt.Errorf("rebuild search index: %w", ierr)
	}
	if serr != nil {
		return fmt.Errorf("rebuild search index: read chunks: %w", serr)
	}
	if progress != nil {
		progress(indexed, indexed)
	}
	return nil
}

// reset replaces the index by an empty one.
func (ix *Index) reset() error {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.idx == nil {
		return ErrClosed
	}
	if err := ix.idx.Close(); err != nil {
		return fmt.Errorf("close search index for rebuild: %w", err)
	}
	ix.idx = nil
	if ix.dir != "" {
		if err := ix.resetDir(); err != nil {
			return err
		}
	}
	return ix.create()
}

// UpdateStudy replaces all chunks of a study by chunks, in one batch: the
// study's old chunks are deleted and the new ones indexed.
func (ix *Index) UpdateStudy(studyGUID string, chunks []Chunk) error {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	idx, err := ix.current()
	if err != nil {
		return err
	}
	old, err := studyChunkIDs(idx, studyGUID)
	if err != nil {
		return err
	}
	b := idx.NewBatch()
	for _, id := range old {
		b.Delete(id)
	}
	for _, c := range chunks {
		if c.Study != studyGUID {
			return fmt.Errorf("update study %s: chunk %s belongs to study %s", studyGUID, c.ID, c.Study)
		}
		if err := b.Index(c.ID, chunkDoc(c)); err != nil {
			return fmt.Errorf("index chunk %s: %w", c.ID, err)
		}
	}
	ix.smu.Lock()
	oldMeta, had := ix.studies[studyGUID]
	if len(chunks) == 0 {
		delete(ix.studies, studyGUID)
	} else {
		ix.noteStudies(chunks[:1])
	}
	b.SetInternal(keyStudies, ix.studiesJSON())
	ix.smu.Unlock()
	if err := safeBatch(idx, b); err != nil {
		ix.smu.Lock()
		if had {
			ix.studies[studyGUID] = oldMeta
		} else {
			delete(ix.studies, studyGUID)
		}
		ix.smu.Unlock()
		return fmt.Errorf("update study %s in search index: %w", studyGUID, err)
	}
	return nil
}

// UpdateChunks re-indexes the given chunks (replacing chunks with the same
// IDs), e.g. the chunk whose codes changed after one coding.
func (ix *Index) UpdateChunks(chunks []Chunk) error {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	idx, err := ix.current()
	if err != nil {
		return err
	}
	b := idx.NewBatch()
	for _, c := range chunks {
		if err := b.Index(c.ID, chunkDoc(c)); err != nil {
			return fmt.Errorf("index chunk %s: %w", c.ID, err)
		}
	}
	ix.smu.Lock()
	if ix.noteStudies(chunks) {
		b.SetInternal(keyStudies, ix.studiesJSON())
	}
	ix.smu.Unlock()
	if err := safeBatch(idx, b); err != nil {
		return fmt.Errorf("update %d chunks in search index: %w", len(chunks), err)
	}
	return nil
}

// DeleteStudy removes all chunks of a study.
func (ix *Index) DeleteStudy(studyGUID string) error {
	return ix.UpdateStudy(studyGUID, nil)
}

// studyChunkIDs returns the IDs of all indexed chunks of a study.
func studyChunkIDs(idx bleve.Index, studyGUID string) ([]string, error) {
	q := query.NewTermQuery(studyGUID)
	q.SetField("study")
	var ids []string
	for from := 0; ; {
		req := bleve.NewSearchRequestOptions(q, 1000, from, false)
		req.SortBy([]string{"_id"})
		res, err := idx.Search(req)
		if err != nil {
			return nil, fmt.Errorf("find chunks of study %s: %w", studyGUID, err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		from += len(res.Hits)
		if len(res.Hits) == 0 || uint64(from) >= res.Total {
			return ids, nil
		}
	}
}

// safeBatch runs a batch, turning a panic inside bleve into an error.
func safeBatch(idx bleve.Index, b *bleve.Batch) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("bleve panic: %v", r)
		}
	}()
	return idx.Batch(b)
}
