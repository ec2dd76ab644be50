// Package find is searching the corpus: the open project's full-text index,
// kept up to date in the background (Index), and the Edit > Search corpus
// window (Show), which finds passages, opens them in the main window's
// reader and codes every hit in one undoable step. The main window passes in
// the ui.Host, its codebook, its reader (ui.Navigator) and the Index.
package find

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/coding/index"
	"github.com/evidence-workbench/workbench/corpus"
)

// flushDelay is how long the index worker waits after an update before it
// stores the index's generation (one write for a burst of codings).
const flushDelay = 2 * time.Second

// announceAfter is how long a rebuild runs before the status bar shows its progress.
const announceAfter = 300 * time.Millisecond

// Index keeps the open project's search index: it is opened (and
// rebuilt when stale) in the background when a project opens, and updated
// after every action, undo and redo. One worker goroutine does all index
// work; the UI goroutine only records what is pending and wakes it, so it
// never waits for the index.
type Index struct {
	host   ui.Host
	ctx    context.Context // ends the worker (Stop)
	cancel context.CancelFunc
	wake   chan struct{} // capacity 1: work is pending

	mu         sync.Mutex
	started    bool
	stopped    chan struct{}      // closed when the worker has ended
	openNext   *corpus.Project    // project whose index to open next
	cancelOpen context.CancelFunc // cancels the open in progress
	all        bool               // update: compare every study
	studies    map[string]bool    // update: these studies
	ix         *index.Index
	ixProj     *corpus.Project
	building   [2]int // studies indexed and total during a rebuild; total 0 when not building
	lastErr    error
	working    bool         // the worker is opening or updating an index
	panel      *searchPanel // the open search window (UI goroutine only)

	// onReady is called once on the UI goroutine when the index of the open
	// project is next ready (the search panel re-runs a query that arrived early).
	onReady []func()
}

// NewIndex makes the index keeper of the main window h; it starts working
// when the first project opens (ProjectOpened) and ends with Stop.
func NewIndex(h ui.Host) *Index {
	ctx, cancel := context.WithCancel(context.Background())
	return &Index{host: h, ctx: ctx, cancel: cancel, wake: make(chan struct{}, 1), stopped: make(chan struct{}), studies: map[string]bool{}}
}

// signal wakes the worker, starting it the first time (called with mu held).
func (m *Index) signal() {
	if !m.started {
		m.started = true
		go m.run(m.ctx)
	}
	select {
	case m.wake <- struct{}{}:
	default:
	}
}

// ProjectOpened schedules opening the index of p, cancelling a rebuild of
// the previous project's index.
func (m *Index) ProjectOpened(p *corpus.Project) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cancelOpen != nil {
		m.cancelOpen()
	}
	m.openNext = p
	m.all = false
	clear(m.studies)
	m.signal()
	if m.panel != nil {
		m.panel.reset()
	}
}

// Touched schedules an update of the studies a saved change touched (nil:
// not known, compare every study).
func (m *Index) Touched(studies []string) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.started {
		return // no project has been opened yet
	}
	if studies == nil {
		m.all = true
	}
	for _, s := range studies {
		m.studies[s] = true
	}
	m.signal()
}

// index returns the open project's index, or nil with a sentence saying why
// it is not ready.
func (m *Index) index() (*index.Index, string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := m.host.Project()
	switch {
	case p == nil:
		return nil, "Open a project first."
	case m.ix != nil && m.ixProj == p && m.openNext == nil:
		return m.ix, ""
	case m.building[1] > 0:
		return nil, fmt.Sprintf("Indexing… %d/%d studies. The search runs when the index is ready.", m.building[0], m.building[1])
	case m.lastErr != nil && m.openNext == nil:
		return nil, "The search index could not be opened: " + ui.Plain(m.lastErr)
	default:
		return nil, "Opening the search index… The search runs when it is ready."
	}
}

// whenReady calls fn on the UI goroutine once the index is next ready.
func (m *Index) whenReady(fn func()) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.onReady = append(m.onReady, fn)
}

// Pending reports whether the index is being opened or updated, or has
// updates waiting: a search now may not see the latest changes.
func (m *Index) Pending() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.working || m.openNext != nil || m.all || len(m.studies) > 0
}

// Stop cancels the work in progress and waits until the index is closed.
func (m *Index) Stop() {
	if m == nil {
		return
	}
	m.mu.Lock()
	started := m.started
	if m.cancelOpen != nil {
		m.cancelOpen()
	}
	m.mu.Unlock()
	m.cancel()
	if started {
		<-m.stopped
	}
}

// run is the worker: it opens indexes and applies updates until ctx ends.
func (m *Index) run(ctx context.Context) {
	defer close(m.stopped)
	defer func() {
		m.mu.Lock()
		ix := m.ix
		m.ix, m.ixProj = nil, nil
		m.mu.Unlock()
		if ix != nil {
			ix.Close()
		}
	}()
	var flush <-chan time.Time // fires when the worker has been idle a while after updates
	for {
		select {
		case <-ctx.Done():
			return
		case <-flush:
			flush = nil
			m.mu.Lock()
			ix := m.ix
			m.mu.Unlock()
			if ix != nil {
				ix.Flush()
			}
			continue
		case <-m.wake:
		}
		m.mu.Lock()
		p := m.openNext
		m.working = true
		m.mu.Unlock()
		if p != nil {
			m.open(ctx, p)
		}
		m.mu.Lock()
		ix, all, studies := m.ix, m.all, m.takeStudies()
		pendingOpen := m.openNext != nil
		m.all = false
		m.mu.Unlock()
		if ix == nil || pendingOpen || (!all && len(studies) == 0) {
			m.idle()
			continue
		}
		if all {
			studies = nil
		}
		err := ix.Update(ctx, studies)
		flush = time.After(flushDelay)
		if err != nil {
			m.finish(nil, err, false)
		}
		m.idle()
	}
}

// idle marks the worker idle and wakes it again if work arrived meanwhile.
func (m *Index) idle() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.working = false
	if m.openNext != nil || m.all || len(m.studies) > 0 {
		select {
		case m.wake <- struct{}{}:
		default:
		}
	}
}

// takeStudies returns and clears the pending studies (called with mu held).
func (m *Index) takeStudies() []string {
	out := make([]string, 0, len(m.studies))
	for s := range m.studies {
		out = append(out, s)
	}
	clear(m.studies)
	return out
}

// open closes the current index and opens (or rebuilds) p's.
func (m *Index) open(ctx context.Context, p *corpus.Project) {
	octx, cancel := context.WithCancel(ctx)
	defer cancel()
	m.mu.Lock()
	if m.openNext != p { // superseded meanwhile
		m.mu.Unlock()
		return
	}
	m.openNext = nil
	m.cancelOpen = cancel
	old := m.ix
	m.ix, m.ixProj, m.lastErr = nil, nil, nil
	m.mu.Unlock()
	if old != nil {
		old.Close()
	}
	started, announced := time.Now(), false
	ix, err := index.Open(octx, p, "", func(done, total int) {
		m.mu.Lock()
		m.building = [2]int{done, total}
		m.mu.Unlock()
		// A quick rebuild (a small project) does not flash the status bar.
		if done < total && time.Since(started) > announceAfter {
			announced = true
			ui.Do(func() { m.host.Status(fmt.Sprintf("Indexing… %d/%d studies", done, total)) })
		}
	})
	m.mu.Lock()
	m.building = [2]int{}
	m.cancelOpen = nil
	if err == nil && m.openNext == nil {
		m.ix, m.ixProj = ix, p
	} else if ix != nil {
		ix.Close()
		ix = nil
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		m.lastErr = err
	}
	m.mu.Unlock()
	if ix != nil || m.lastErr != nil {
		m.finish(ix, err, announced)
	}
}

// finish reports an opened index (ix not nil, announced when the status bar
// showed the rebuild's progress) or a failure on the UI goroutine. It writes
// the status bar only when there is something to say.
func (m *Index) finish(ix *index.Index, err error, announced bool) {
	if err == nil && ix == nil {
		return
	}
	ui.Do(func() {
		switch {
		case err != nil && !errors.Is(err, context.Canceled):
			m.host.Status("Search index: " + ui.Plain(err))
		case ix != nil && ix.Note() != nil:
			m.host.Status("Search index ready, in memory only: " + ui.Plain(ix.Note()))
		case announced:
			m.host.Status("Search index ready (Edit > Search corpus…, Ctrl+Shift+F).")
		}
		if ix != nil {
			m.mu.Lock()
			waiting := m.onReady
			m.onReady = nil
			m.mu.Unlock()
			for _, fn := range waiting {
				fn()
			}
		}
	})
}
