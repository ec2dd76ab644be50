// Package uitest runs the screens' tests the way the real driver runs the
// program. Fyne's test driver runs a callback handed to fyne.Do at once, on
// whichever background goroutine handed it over, so a screen's background
// updates would touch widgets while the test does. Here those callbacks wait
// in a queue and run one at a time on the test's own goroutine, which plays
// the UI goroutine: when the test pumps the queue (Pump, WaitFor, Settle).
// Everything else is Fyne's test app and driver. Only tests import it.
package uitest

import (
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/evidence-workbench/workbench/app/internal/ui"
)

// Timeout bounds every wait; generous, since tests run under -race on two
// shared cores.
var Timeout = 3 * time.Minute

// App is Fyne's test app whose fyne.Do callbacks the test pumps.
type App struct {
	fyne.App
	drv *driver
}

// driver queues fyne.Do callbacks instead of running them at once.
type driver struct {
	fyne.Driver
	mu   sync.Mutex
	q    []func()
	wake chan struct{}
}

// New makes the test app current for the test and tears it down after.
// At the end of the test (after the test's own clean-ups, such as closing
// its windows) the app pumps until every background task the test started
// has handed back its result, so that no task outlives its test: a task left
// running would hold ui.Running above zero for the tests after it.
func New(tb testing.TB) *App {
	base := test.NewTempApp(tb)
	a := &App{App: base, drv: &driver{Driver: base.Driver(), wake: make(chan struct{}, 1)}}
	fyne.SetCurrentApp(a)
	tb.Cleanup(func() { a.Settle(tb) })
	return a
}

// Driver returns the queueing driver.
func (a *App) Driver() fyne.Driver { return a.drv }

// DoFromGoroutine queues f for the test goroutine; with wait it blocks
// until the test has pumped it.
func (d *driver) DoFromGoroutine(f func(), wait bool) {
	if !wait {
		d.push(f)
		return
	}
	done := make(chan struct{})
	d.push(func() {
		defer close(done)
		f()
	})
	<-done
}

func (d *driver) push(f func()) {
	d.mu.Lock()
	d.q = append(d.q, f)
	d.mu.Unlock()
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

func (d *driver) pop() func() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if len(d.q) == 0 {
		return nil
	}
	f := d.q[0]
	d.q = d.q[1:]
	return f
}

// Pump runs the queued callbacks, and those they queue, until none is left.
// It returns how many ran.
func (a *App) Pump() int {
	n := 0
	for f := a.drv.pop(); f != nil; f = a.drv.pop() {
		f()
		n++
	}
	return n
}

// WaitFor pumps callbacks until cond holds (checked on the test goroutine
// between callbacks) and fails the test, naming what, after Timeout.
func (a *App) WaitFor(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(Timeout)
	for {
		a.Pump()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("timed out after %s waiting for %s", Timeout, what)
		}
		select {
		case <-a.drv.wake:
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Settle pumps until no background task of the screens is under way and
// nothing is queued: every request made so far has shown its result.
func (a *App) Settle(tb testing.TB) {
	tb.Helper()
	a.WaitFor(tb, "background work to finish", func() bool {
		a.drv.mu.Lock()
		empty := len(a.drv.q) == 0
		a.drv.mu.Unlock()
		return empty && ui.Running() == 0
	})
}
