// Package atomicfile writes the files the program hands to its users
// (exports, briefs, maps, archives) so that they are never half written and
// are readable like any other file the user saves: the bytes go to a hidden
// temporary file beside the target, created with mode 0666 so the user's
// umask applies (0644 usually, where os.CreateTemp would make 0600), synced,
// and renamed over the target only when everything was written.
package atomicfile

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Write writes path through fn into a temporary file in the same folder and
// renames it into place when fn and the sync succeed; otherwise the
// temporary file is removed and path is left as it was. Errors name path.
func Write(path string, fn func(f *os.File) error) error {
	f, err := createTemp(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	renamed := false
	defer func() {
		if !renamed {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := fn(f); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	renamed = true
	return nil
}

// WriteTo is Write for a function that writes to any io.Writer.
func WriteTo(path string, fn func(w io.Writer) error) error {
	return Write(path, func(f *os.File) error { return fn(f) })
}

// WriteFile writes data to path as Write does.
func WriteFile(path string, data []byte) error {
	return Write(path, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// createTemp makes a new hidden file beside path with mode 0666 less the
// umask.
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
