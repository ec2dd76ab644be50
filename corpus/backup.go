package corpus

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"github.com/google/uuid"
)

// Backup writes a consistent copy of the project as it is now to path: one
// whole file, with nothing in a log beside it, to back up or e-mail. It
// works while the project is open for writing, here or in another program
// (a read-only project copies the state its reader sees). The copy is
// written to a temporary file beside path (SQLite's VACUUM INTO, which
// reads one snapshot), flushed to disk, checked and only then renamed to
// path, so a failed backup leaves nothing behind. It fails with ErrExists
// when path is there already.
func (p *Project) Backup(ctx context.Context, path string) error {
	return p.copyTo(ctx, path, nil)
}

// SaveAs writes a consistent copy of the project to path, as Backup does,
// and gives the copy a new identity, so both files can be opened side by
// side (e.g. a reviewer's file made from the lead's). The open project is
// unchanged; open the copy to continue there.
func (p *Project) SaveAs(path string) error {
	return p.copyTo(context.Background(), path, func(db *sql.DB) error {
		_, err := db.Exec(`UPDATE meta SET value = ? WHERE key = 'guid'`, uuid.NewString())
		return err
	})
}

// copyTo writes the copy, lets edit change it, and puts it in place.
func (p *Project) copyTo(ctx context.Context, path string, edit func(db *sql.DB) error) (err error) {
	if _, err := os.Stat(path); err == nil {
		return &OpenError{Path: path, Err: ErrExists}
	}
	fail := func(err error) error {
		return &OpenError{Path: path, Err: writeCondition(err)}
	}
	tmpPath, err := newTempFile(path)
	if err != nil {
		return fail(err)
	}
	defer func() {
		if err != nil {
			for _, f := range []string{tmpPath, tmpPath + "-wal", tmpPath + "-shm", tmpPath + "-journal"} {
				os.Remove(f)
			}
		}
	}()
	if err := p.vacuumInto(ctx, tmpPath); err != nil {
		return fmt.Errorf("copy %s to %s: %w", p.path, path, pathError(p.path, err))
	}
	db, err := openDB(tmpPath, modeCreate)
	if err != nil {
		return fail(err)
	}
	if edit != nil {
		if err := edit(db); err != nil {
			db.Close()
			return fail(err)
		}
	}
	problems, err := QuickCheck(ctx, db)
	if err == nil {
		_, err = db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil && len(problems) > 0 {
		err = fmt.Errorf("%w: the copy does not pass the check (%s)", ErrCorrupt, problems[0])
	}
	if err != nil {
		return fail(err)
	}
	if err := syncFile(tmpPath); err != nil {
		return fail(err)
	}
	if _, err := os.Stat(path); err == nil {
		return &OpenError{Path: path, Err: ErrExists}
	}
	if err := os.Rename(tmpPath, path); err != nil {
		return fail(err)
	}
	syncDir(filepath.Dir(path))
	return nil
}

// vacuumInto writes the project's current snapshot to the empty file at
// path. A reader's connection refuses statements that write; the copy
// writes only the new file, so it is allowed for this one statement.
func (p *Project) vacuumInto(ctx context.Context, path string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return fmt.Errorf("the project is closed")
	}
	if p.mode == modeShared {
		if _, err := p.db.ExecContext(ctx, `PRAGMA query_only = 0`); err != nil {
			return classify(err)
		}
		defer p.db.Exec(`PRAGMA query_only = 1`)
	}
	_, err := p.db.ExecContext(ctx, `VACUUM INTO ?`, path)
	return classify(err)
}

// syncFile flushes a file's content to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir flushes a folder's entries (a rename) to disk where the system
// allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// newTempFile creates an empty file beside path, with the permissions the
// user's umask gives new files, and returns its name.
func newTempFile(path string) (string, error) {
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+"."+uuid.NewString()[:8]+".tmp")
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
	if err != nil {
		return "", err
	}
	return tmp, f.Close()
}
