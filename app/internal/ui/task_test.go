package ui_test

import (
	"context"
	"errors"
	"testing"

	"github.com/evidence-workbench/workbench/app/internal/ui"
	"github.com/evidence-workbench/workbench/app/internal/uitest"
)

// A lane shows only the answer to its newest request: an older request is
// cancelled and its result dropped, even when it finishes last.
func TestLaneDropsSupersededResults(t *testing.T) {
	a := uitest.New(t)
	var lane ui.Lane
	var shown []string
	var firstErr error
	ui.Run(&lane, func(ctx context.Context) (string, error) {
		<-ctx.Done() // only a newer request ends this one
		firstErr = ctx.Err()
		return "first", nil
	}, func(s string, err error) { shown = append(shown, s) })
	ui.Run(&lane, func(context.Context) (string, error) { return "second", nil },
		func(s string, err error) { shown = append(shown, s) })
	a.Settle(t)
	if len(shown) != 1 || shown[0] != "second" {
		t.Fatalf("shown %q, want only the second answer", shown)
	}
	if !errors.Is(firstErr, context.Canceled) {
		t.Errorf("the superseded request's context was not cancelled: %v", firstErr)
	}
	if lane.Busy() {
		t.Error("lane busy after its last answer was shown")
	}
}

// Stop drops the answer in flight; Go never drops one; Running counts work
// until its answer has been handed to the UI goroutine.
func TestStopGoAndRunning(t *testing.T) {
	a := uitest.New(t)
	var lane ui.Lane
	gate := make(chan struct{})
	dropped := true
	ui.Run(&lane, func(context.Context) (int, error) { <-gate; return 1, nil }, func(int, error) { dropped = false })
	saved := 0
	ui.Go(func() (int, error) { <-gate; return 2, nil }, func(v int, _ error) { saved = v })
	if n := ui.Running(); n != 2 {
		t.Fatalf("Running = %d with two tasks in flight", n)
	}
	lane.Stop()
	close(gate)
	a.Settle(t)
	if !dropped {
		t.Error("a stopped lane's answer was shown")
	}
	if saved != 2 {
		t.Errorf("Go's answer = %d", saved)
	}
	if n := ui.Running(); n != 0 {
		t.Errorf("Running = %d after everything settled", n)
	}
}

// Progress handed over with Lane.Do is dropped once its request is superseded.
func TestLaneDoDropsStaleProgress(t *testing.T) {
	a := uitest.New(t)
	var lane ui.Lane
	var progress []int
	step := make(chan struct{})
	ui.Run(&lane, func(ctx context.Context) (int, error) {
		lane.Do(ctx, func() { progress = append(progress, 1) })
		<-step
		lane.Do(ctx, func() { progress = append(progress, 2) }) // after Stop: dropped
		return 0, nil
	}, nil)
	a.WaitFor(t, "the first progress report", func() bool { return len(progress) == 1 })
	lane.Stop()
	close(step)
	a.Settle(t)
	if len(progress) != 1 {
		t.Fatalf("progress %v, want only the report made before Stop", progress)
	}
}
