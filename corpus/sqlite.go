package corpus

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// openMode is how a connection opens the file.
type openMode int

const (
	// modeWrite: the writer (WAL, synchronous FULL, its own checkpoints).
	modeWrite openMode = iota
	// modeCreate: the writer of a new file.
	modeCreate
	// modeShared: a reader that may write the log and index files beside
	// the project (WAL readers need them), so it reads alongside a writer
	// and, closing last, removes them again. Statements cannot write.
	modeShared
	// modeRO: a reader that cannot write the file or folder, beside a log
	// and index that exist (a writer has the project open, or left them).
	modeRO
	// modeImmutable: a reader of a file that nobody can be changing (it
	// cannot be written, and there is no log beside it): SQLite reads it
	// without locks or side files.
	modeImmutable
)

// walCheckpointBytes is the log size past which an action's commit copies
// the log into the main file (SQLite's automatic checkpoint is off, so
// every checkpoint first checks there is room for it).
const walCheckpointBytes = 32 << 20

// spaceMargin is the free space kept beyond what a checkpoint needs.
const spaceMargin = 1 << 20

// openDB opens the database with the pragmas every connection of its mode needs.
func openDB(path string, mode openMode) (*sql.DB, error) {
	q := url.Values{}
	// Readers wait a moment for a writer's checkpoint; the write lock is
	// the lock file, so writers do not rely on SQLite refusing them.
	q.Add("_pragma", "busy_timeout(1000)")
	switch mode {
	case modeWrite, modeCreate:
		if mode == modeWrite {
			q.Add("mode", "rw")
		}
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(FULL)")
		// Checkpoints are the project's own (see checkpointLocked): rarely
		// during work (a checkpoint inside an action's commit is a latency
		// spike), when the project is idle and on close, each only when the
		// disk has room for it.
		q.Add("_pragma", "wal_autocheckpoint(0)")
		q.Add("_pragma", fmt.Sprintf("journal_size_limit(%d)", walCheckpointBytes))
	case modeShared:
		q.Add("mode", "rw")
		q.Add("_pragma", "query_only(1)")
	case modeRO:
		q.Add("mode", "ro")
	case modeImmutable:
		q.Add("mode", "ro")
		q.Add("immutable", "1")
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, classify(err)
	}
	// Reading the schema makes SQLite open the log now, so a file that
	// cannot be read in this mode fails here, not at the first query.
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM sqlite_schema`).Scan(&n); err != nil {
		db.Close()
		return nil, classify(err)
	}
	return db, nil
}

// readMode chooses how to read the project at path: alongside a writer
// with the log and index files beside it when they may be written, else
// read-only from existing ones, else as an immutable file.
func readMode(path string) openMode {
	if canWrite(path) == nil {
		return modeShared
	}
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		return modeRO
	}
	if _, err := os.Stat(path + "-shm"); err == nil {
		return modeRO
	}
	return modeImmutable
}

// inspect reads the file header without SQLite and returns the layout
// version (PRAGMA user_version), so a foreign, truncated or newer file is
// refused before anything could write to it. (Each owner's version, kept in
// the file, is checked once SQLite has opened it, before any write.)
func inspect(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	if st.IsDir() {
		return 0, fmt.Errorf("%w: it is a folder", ErrNotProject)
	}
	hdr := make([]byte, 100)
	if _, err := io.ReadFull(f, hdr); err != nil {
		return 0, fmt.Errorf("%w: the file is too short to be a project", ErrNotProject)
	}
	if !bytes.HasPrefix(hdr, []byte("SQLite format 3\x00")) {
		return 0, fmt.Errorf("%w: it is not a project file", ErrNotProject)
	}
	pageSize := int64(binary.BigEndian.Uint16(hdr[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(binary.BigEndian.Uint32(hdr[28:32]))
	// With a write-ahead log beside it the main file may lag behind; SQLite
	// recovers it on open, so the size checks apply only to a clean file.
	if wal, err := os.Stat(path + "-wal"); err != nil || wal.Size() == 0 {
		if pageSize < 512 || st.Size()%pageSize != 0 || (pages > 0 && st.Size() < pages*pageSize) {
			return 0, fmt.Errorf("%w (it is shorter than its header says: %d bytes for %d pages of %d)", ErrCorrupt, st.Size(), pages, pageSize)
		}
	}
	appID := binary.BigEndian.Uint32(hdr[68:72])
	if appID != ApplicationID {
		return 0, fmt.Errorf("%w: it is an SQLite database of another program", ErrNotProject)
	}
	version := int(binary.BigEndian.Uint32(hdr[60:64]))
	if version > SchemaVersion {
		return 0, fmt.Errorf("%w (file version %d, this program reads up to %d)", ErrNewerVersion, version, SchemaVersion)
	}
	return version, nil
}

// sqliteCode returns the primary result code of an SQLite error (0 when
// err is not one).
func sqliteCode(err error) int {
	var se *sqlite.Error
	if errors.As(err, &se) {
		return se.Code() & 0xff
	}
	return 0
}

// classify turns SQLite errors into the sentinel conditions.
func classify(err error) error {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("%w (%v)", ErrLocked, err)
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("%w (%v)", ErrCorrupt, err)
	case sqlite3.SQLITE_FULL:
		return fmt.Errorf("%w (%v)", ErrDiskFull, err)
	case sqlite3.SQLITE_READONLY:
		return fmt.Errorf("%w (%v)", ErrCannotWrite, err)
	}
	return err
}

// IsDamage reports whether err says a project file is damaged: ErrCorrupt,
// or SQLite's "database disk image is malformed" / "file is not a
// database", also when only the message survived.
func IsDamage(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, ErrCorrupt) {
		return true
	}
	switch sqliteCode(err) {
	case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "disk image is malformed") || strings.Contains(msg, "file is not a database")
}

// isIOError reports an SQLite input/output error (a failing disk, a
// file size limit).
func isIOError(err error) bool {
	switch sqliteCode(err) {
	case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN:
		return true
	}
	return false
}

// writeCondition turns a failure to write the file or folder into
// ErrCannotWrite (permissions, a read-only disk), other errors classified.
func writeCondition(err error) error {
	if err == nil || errors.Is(err, ErrCannotWrite) {
		return err
	}
	if cannotWrite(err) {
		return fmt.Errorf("%w (%v)", ErrCannotWrite, err)
	}
	return classify(err)
}
