// Package app is the Fyne user interface of Evidence Workbench. It receives
// the fyne.App and fyne.Window from cmd/workbench (tests pass
// test.NewTempApp), builds one struct per screen or panel with the widgets as
// fields and handlers named onSomething, and runs every slow step (disk, PDF
// parsing, indexing) in goroutines that report back through fyne.Do.
package app
