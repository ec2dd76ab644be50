package ui

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"github.com/evidence-workbench/workbench/internal/atomicfile"
)

// OpenFile asks for a file to read with one of the extensions and calls use
// with its path.
func OpenFile(w fyne.Window, exts []string, use func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		use(path)
	}, w)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Resize(fyne.NewSize(760, 520))
	ShowFileDialog(w, d)
}

// SaveFile asks for a file to write with the given extension (added when
// the user left it off) and calls write with its path.
func SaveFile(w fyne.Window, name, ext string, write func(path string)) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		if !strings.EqualFold(filepath.Ext(path), ext) {
			os.Remove(path)
			path += ext
		}
		write(path)
	}, w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	d.SetFileName(name + ext)
	d.Resize(fyne.NewSize(760, 520))
	ShowFileDialog(w, d)
}

// WriteFileAtomic writes path through a temporary file in the same folder,
// renamed over path only when write succeeded: a failed export never leaves
// a half-written file behind. The file is created with mode 0666 less the
// umask (0644 usually), like any file the user saves, so a team can read it
// on a shared drive (see internal/atomicfile).
func WriteFileAtomic(path string, write func(f *os.File) error) error {
	return atomicfile.Write(path, write)
}

// ExportTable writes path in the background as XLSX or CSV (chosen by its
// extension) and calls done with the outcome on the UI goroutine.
func ExportTable(path string, xlsx, csv func(*os.File) error, done func(error)) {
	Go(func() (struct{}, error) {
		return struct{}{}, WriteFileAtomic(path, func(f *os.File) error {
			if strings.EqualFold(filepath.Ext(path), ".xlsx") {
				return xlsx(f)
			}
			return csv(f)
		})
	}, func(_ struct{}, err error) { done(err) })
}
