package uitest

import (
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// Host stands in for the main window when a screen is tested on its own: a
// real project, a test window, and a record of what the screen asked of
// the main window. It is a ui.Host, ui.Codebook and ui.Navigator.
type Host struct {
	app  *App
	win  fyne.Window
	proj *corpus.Project

	mu       sync.Mutex
	statuses []string
	changes  [][]string
	passages []Passage
	codes    []coding.Code
	subs     map[int]func([]string)
	next     int

	// Pick, when set, answers PickCode (else the first code is chosen).
	Pick func(title string) (coding.Code, bool)
}

// Passage is one ShowPassage or ShowArea request.
type Passage struct {
	Study      string
	Start, End int
	Page       int // ShowArea: the area's 1-based page (Start and End are 0)
}

// NewHost opens path as the project of a new test host (closed at the end
// of the test) with coder as the current coder.
func NewHost(tb testing.TB, a *App, path string, coder corpus.Coder) *Host {
	tb.Helper()
	p, err := corpus.Open(path, corpus.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { p.Close() })
	if err := p.SetCoder(coder); err != nil {
		tb.Fatal(err)
	}
	codes, err := coding.Codebook(p)
	if err != nil {
		tb.Fatal(err)
	}
	w := a.NewWindow("test")
	w.Resize(fyne.NewSize(1200, 800))
	return &Host{app: a, win: w, proj: p, codes: codes, subs: map[int]func([]string){}}
}

// App returns the test app.
func (h *Host) App() fyne.App { return h.app }

// Window returns the host's test window.
func (h *Host) Window() fyne.Window { return h.win }

// Project returns the open project.
func (h *Host) Project() *corpus.Project {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.proj
}

// Open makes the project at path the open one, as File > Open does (the
// previous one stays open until the test ends).
func (h *Host) Open(tb testing.TB, path string) *corpus.Project {
	tb.Helper()
	p, err := corpus.Open(path, corpus.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { p.Close() })
	if err := p.SetCoder(h.proj.CurrentCoder()); err != nil {
		tb.Fatal(err)
	}
	h.mu.Lock()
	h.proj = p
	h.mu.Unlock()
	return p
}

// Status records a status line.
func (h *Host) Status(msg string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.statuses = append(h.statuses, msg)
}

// Busy records msg; the done function records its line.
func (h *Host) Busy(msg string) func(string) {
	h.Status(msg)
	return func(m string) {
		if m != "" {
			h.Status(m)
		}
	}
}

// LastStatus is the last status line shown.
func (h *Host) LastStatus() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.statuses) == 0 {
		return ""
	}
	return h.statuses[len(h.statuses)-1]
}

// Changed records a saved change, re-reads the codebook and tells subscribers.
func (h *Host) Changed(studies []string) {
	h.mu.Lock()
	h.changes = append(h.changes, studies)
	subs := make([]func([]string), 0, len(h.subs))
	for _, f := range h.subs {
		subs = append(subs, f)
	}
	h.mu.Unlock()
	if codes, err := coding.Codebook(h.Project()); err == nil {
		h.mu.Lock()
		h.codes = codes
		h.mu.Unlock()
	}
	for _, f := range subs {
		f(studies)
	}
}

// Changes returns how many saved changes were reported.
func (h *Host) Changes() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.changes)
}

// OnChange subscribes f to reported changes.
func (h *Host) OnChange(f func([]string)) func() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.next++
	id := h.next
	h.subs[id] = f
	return func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		delete(h.subs, id)
	}
}

// Codes lists the codes (read when the host was made and after each change).
func (h *Host) Codes() []coding.Code {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.codes
}

// Code returns a code by GUID.
func (h *Host) Code(guid string) (coding.Code, bool) {
	for _, c := range h.Codes() {
		if c.GUID == guid {
			return c, true
		}
	}
	return coding.Code{}, false
}

// CodePath is the code's path in the tree.
func (h *Host) CodePath(guid string) string {
	var parts []string
	for seen := 0; guid != "" && seen < 32; seen++ {
		c, ok := h.Code(guid)
		if !ok {
			break
		}
		parts = append([]string{c.Name}, parts...)
		guid = c.Parent
	}
	return strings.Join(parts, " / ")
}

// CodeNamed returns the code with this name; it fails the test if there is none.
func (h *Host) CodeNamed(tb testing.TB, name string) coding.Code {
	tb.Helper()
	for _, c := range h.Codes() {
		if c.Name == name {
			return c
		}
	}
	tb.Fatalf("no code named %q", name)
	return coding.Code{}
}

// PickCode answers at once with Pick's choice or the first code.
func (h *Host) PickCode(title string, choose func(coding.Code)) {
	if h.Pick != nil {
		if c, ok := h.Pick(title); ok {
			choose(c)
		}
		return
	}
	if codes := h.Codes(); len(codes) > 0 {
		choose(codes[0])
	}
}

// ShowPassage records a request to show a passage in the reader.
func (h *Host) ShowPassage(study string, start, end int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.passages = append(h.passages, Passage{Study: study, Start: start, End: end})
}

// ShowArea records a request to show a coded area's page.
func (h *Host) ShowArea(study string, page int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.passages = append(h.passages, Passage{Study: study, Page: page})
}

// Passages returns the passages the screen asked to show.
func (h *Host) Passages() []Passage {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Passage(nil), h.passages...)
}
