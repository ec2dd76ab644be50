package app

import (
	"sync"
	"testing"
)

func TestRunUISerialisesAndIsReentrant(t *testing.T) {
	_ = newTestWorkbench(t) // a test app, so fyne.Do runs at once
	var mu sync.Mutex
	inside, maxInside := 0, 0
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runUI(func() {
				mu.Lock()
				inside++
				if inside > maxInside {
					maxInside = inside
				}
				mu.Unlock()
				runUI(func() {}) // nested: must not deadlock
				mu.Lock()
				inside--
				mu.Unlock()
			})
		}()
	}
	wg.Wait()
	if maxInside != 1 {
		t.Fatalf("%d UI updates ran at once", maxInside)
	}
}
