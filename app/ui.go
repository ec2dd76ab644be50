package app

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"fyne.io/fyne/v2"
)

// uiLock serialises the screens' updates from background work. The real
// driver already runs fyne.Do callbacks one at a time on the main goroutine,
// so there it is never contended; Fyne's test driver runs them at once on the
// calling goroutine, where several background updates could otherwise touch
// widgets (and Fyne's caches) together.
var uiLock struct {
	mu    sync.Mutex
	owner atomic.Int64 // goroutine holding mu, for re-entrant calls
}

// runUI runs f on the UI goroutine (fyne.Do), one update at a time. Every
// background goroutine of the app hands its widget updates to runUI.
func runUI(f func()) {
	fyne.Do(func() { withUILock(f) })
}

// withUILock runs f holding the UI lock (re-entrant on the same goroutine).
func withUILock(f func()) {
	id := goroutineID()
	if uiLock.owner.Load() == id {
		f()
		return
	}
	uiLock.mu.Lock()
	uiLock.owner.Store(id)
	defer func() {
		uiLock.owner.Store(0)
		uiLock.mu.Unlock()
	}()
	f()
}

// goroutineID reads the current goroutine's number from its stack header.
func goroutineID() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseInt(string(b), 10, 64)
	return id
}
