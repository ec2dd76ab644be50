// Package ui holds what every screen of the desktop program shares: the
// Host a screen is given by the main window (the project, the window, the
// status line, the "data changed" signal), the one way to run work off the
// UI goroutine (Go, Lane, Do), plain-sentence errors, file dialogs and a few
// small widgets. It imports the domain and Fyne, never a screen.
package ui
