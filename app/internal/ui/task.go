package ui

import (
	"context"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
)

// running counts background tasks whose work or result is still pending.
var running atomic.Int64

// Running reports how many background tasks are under way: started and not
// yet handed back to the UI goroutine. The status bar's activity indicator
// and quitting (which waits for saves in flight) read it.
func Running() int { return int(running.Load()) }

// Go runs work off the UI goroutine and then done, when not nil, on the UI
// goroutine with work's result. Use it for work whose result must never be
// dropped (a save); use a Lane for requests that a newer one supersedes.
func Go[T any](work func() (T, error), done func(T, error)) {
	running.Add(1)
	go func() {
		v, err := work()
		fyne.Do(func() {
			defer running.Add(-1)
			if done != nil {
				done(v, err)
			}
		})
	}()
}

// Do hands f to the UI goroutine (fyne.Do) from background work, counted
// as running until f has run.
func Do(f func()) {
	running.Add(1)
	fyne.Do(func() {
		defer running.Add(-1)
		f()
	})
}

// Lane is one panel's line of background requests. Starting a request
// cancels the context of the one before, and the result of a request that
// a newer one (or Stop) superseded is dropped, so a panel only ever shows
// the answer to the last thing it asked. The zero Lane is ready to use; a
// Lane is used from the UI goroutine.
type Lane struct {
	mu     sync.Mutex
	gen    uint64
	cancel context.CancelFunc
}

// Run starts work on the lane and, unless superseded by then, runs done on
// the UI goroutine with work's result. work gets a context that is cancelled
// when the request is superseded or the lane stopped; it reports progress to
// the UI with Lane.Do(ctx, f).
func Run[T any](l *Lane, work func(ctx context.Context) (T, error), done func(T, error)) {
	ctx, gen := l.next()
	running.Add(1)
	go func() {
		v, err := work(ctx)
		fyne.Do(func() {
			defer running.Add(-1)
			if l.current(gen) && done != nil {
				done(v, err)
			}
		})
	}()
}

// Do hands f to the UI goroutine unless the request whose context ctx is has
// been superseded by the time f would run (progress of a lane's request).
func (l *Lane) Do(ctx context.Context, f func()) {
	running.Add(1)
	fyne.Do(func() {
		defer running.Add(-1)
		if ctx.Err() == nil {
			f()
		}
	})
}

// Stop cancels the lane's request in progress and drops its result (for
// example when the panel's window closes).
func (l *Lane) Stop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
	l.gen++
}

// Busy reports whether the lane has a request whose result is still to come.
func (l *Lane) Busy() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.cancel != nil
}

// next starts a new generation: cancels the previous request's context.
func (l *Lane) next() (context.Context, uint64) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cancel != nil {
		l.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	l.gen++
	l.cancel = cancel
	return ctx, l.gen
}

// current reports whether gen is the lane's latest request, and ends it.
func (l *Lane) current(gen uint64) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if gen != l.gen {
		return false
	}
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
	return true
}
