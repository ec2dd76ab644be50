package ui

import (
	"fyne.io/fyne/v2"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// Host is what the main window gives every screen: the app and window, the
// open project, the status line and the "data changed" signal. Screens get
// it passed in and never reach into the main window or each other.
type Host interface {
	// App is the application (new windows, preferences, clipboard).
	App() fyne.App
	// Window is the main window, parent of dialogs a screen opens there.
	Window() fyne.Window
	// Project is the open project, nil when none is open.
	Project() *corpus.Project
	// Status shows one line in the main window's status bar.
	Status(msg string)
	// Busy shows msg with the activity indicator until the returned
	// function is called (with the line to show then, "" to keep msg).
	Busy(msg string) (done func(msg string))
	// Changed says that a change to these studies was saved (nil: it may
	// bear on every study, e.g. a codebook edit); every view reloads what
	// it shows of them. Call on the UI goroutine.
	Changed(studies []string)
	// OnChange subscribes f to every saved change: the screens' own, the
	// main window's, undo and redo. f runs on the UI goroutine; call the
	// returned function to unsubscribe (when the screen's window closes).
	OnChange(f func(studies []string)) (stop func())
}

// Codebook is the open project's codebook as the main window shows it.
type Codebook interface {
	// Codes lists the codes in tree order.
	Codes() []coding.Code
	// Code returns a code by GUID.
	Code(guid string) (coding.Code, bool)
	// CodePath is a code's name with its ancestors ("Rigor / Sampling").
	CodePath(guid string) string
	// PickCode asks the user for a code and calls choose with it.
	PickCode(title string, choose func(coding.Code))
}

// Navigator shows a passage of a study in the main window's reader.
type Navigator interface {
	// ShowPassage opens study in the reader and marks [start, end); with
	// end <= start (no passage) it just opens the study.
	ShowPassage(study string, start, end int)
	// ShowArea opens study with its pages shown at the 1-based page of a
	// coded area.
	ShowArea(study string, page int)
}

// CoderNames maps the open project's coder GUIDs to their names.
func CoderNames(p *corpus.Project) map[string]string {
	names := map[string]string{}
	if p == nil {
		return names
	}
	cs, _ := p.Coders()
	for _, c := range cs {
		names[c.GUID] = c.Name
	}
	return names
}
