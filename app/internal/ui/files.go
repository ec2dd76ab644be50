package ui

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
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
// on a shared drive.
func WriteFileAtomic(path string, write func(f *os.File) error) error {
	f, err := createTemp(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after the rename there is nothing left to remove
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return nil
}

// createTemp makes a new hidden file beside path with the default
// permissions (os.CreateTemp would make it 0600).
func createTemp(path string) (*os.File, error) {
	var b [6]byte
	for range 100 {
		rand.Read(b[:])
		name := filepath.Join(filepath.Dir(path), fmt.Sprintf(".%s.%x.tmp", filepath.Base(path), b))
		f, err := os.OpenFile(name, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fs.ErrExist
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
