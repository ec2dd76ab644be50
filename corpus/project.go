package corpus

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Extension is the file name extension of a project file.
const Extension = ".ewb"

// Project is one open review project file. Its methods are safe for use by
// several goroutines; changes are serialised on one connection.
type Project struct {
	path     string
	db       *sql.DB
	readOnly bool
	guid     string

	// Now is the clock used for timestamps; tests replace it.
	Now func() time.Time

	idle *time.Timer // checkpoints the log after a quiet spell (guarded by mu)

	mu     sync.Mutex // guards coder and closed, serialises Do/Undo/Redo
	coder  Coder
	closed bool
}

// Options tune Open.
type Options struct {
	// ReadOnly opens the file without taking the write lock; every change fails with ErrReadOnly.
	ReadOnly bool
	// Clock replaces time.Now for timestamps (tests).
	Clock func() time.Time
}

// Create makes a new, empty project file at path. It fails with ErrExists
// when the file is already there.
func Create(path string, name string) (*Project, error) {
	if _, err := os.Stat(path); err == nil {
		return nil, &OpenError{Path: path, Err: ErrExists}
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, &OpenError{Path: path, Err: err}
		}
	}
	db, err := openDB(path, false)
	if err != nil {
		return nil, &OpenError{Path: path, Err: err}
	}
	p := &Project{path: path, db: db, Now: time.Now}
	if err := p.lock(); err != nil {
		db.Close()
		return nil, &OpenError{Path: path, Err: err}
	}
	pl, err := planFor(db, 0)
	if err == nil {
		err = p.upgrade(pl, name)
	}
	if err != nil {
		db.Close()
		os.Remove(path)
		return nil, &OpenError{Path: path, Err: err}
	}
	if err := p.loadMeta(); err != nil {
		db.Close()
		return nil, &OpenError{Path: path, Err: err}
	}
	return p, nil
}

// Open opens an existing project file. A file that is not a project, is
// damaged, comes from a newer version or is held by another instance gives an
// *OpenError, and the file is left unchanged.
func Open(path string, opts Options) (*Project, error) {
	version, err := inspect(path)
	if err != nil {
		return nil, &OpenError{Path: path, Err: err}
	}
	db, err := openDB(path, opts.ReadOnly)
	if err != nil {
		return nil, &OpenError{Path: path, Err: err}
	}
	p := &Project{path: path, db: db, readOnly: opts.ReadOnly, Now: time.Now}
	if opts.Clock != nil {
		p.Now = opts.Clock
	}
	fail := func(err error) (*Project, error) {
		db.Close()
		return nil, &OpenError{Path: path, Err: err}
	}
	if !opts.ReadOnly {
		if err := p.lock(); err != nil {
			return fail(err)
		}
	}
	pl, err := planFor(db, version)
	if err != nil {
		return fail(err)
	}
	// A file from before schemas had owners is converted when opened for
	// writing; read-only, it opens as it is when no owner has a step to run
	// (each owner's version follows from its combined one).
	switch {
	case pl.hasSteps() && opts.ReadOnly:
		return fail(fmt.Errorf("%w: it needs an upgrade, open it once for writing", ErrReadOnly))
	case pl.hasSteps() || (pl.layout < SchemaVersion && !opts.ReadOnly):
		if err := p.upgrade(pl, ""); err != nil {
			return fail(err)
		}
	}
	if err := p.loadMeta(); err != nil {
		return fail(classify(err))
	}
	return p, nil
}

// openDB opens the database with the pragmas every connection needs.
func openDB(path string, readOnly bool) (*sql.DB, error) {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(0)")
	if readOnly {
		q.Add("mode", "ro")
	} else {
		q.Add("_pragma", "locking_mode(EXCLUSIVE)")
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(FULL)")
		// Checkpoint the log rarely during work (a checkpoint inside an
		// action's commit is a latency spike) and when the project is idle.
		q.Add("_pragma", "wal_autocheckpoint(8000)")
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
	return db, nil
}

// lock takes and keeps the exclusive lock: with locking_mode EXCLUSIVE the
// first write transaction holds the file until Close.
func (p *Project) lock() error {
	_, err := p.db.Exec(`BEGIN IMMEDIATE; COMMIT;`)
	if err != nil {
		p.db.Exec(`ROLLBACK`)
		return classify(err)
	}
	return nil
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
			return 0, ErrCorrupt
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

// classify turns SQLite errors into the sentinel conditions.
func classify(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return fmt.Errorf("%w (%v)", ErrLocked, err)
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("%w (%v)", ErrCorrupt, err)
		}
	}
	return err
}

func (p *Project) loadMeta() error {
	return p.db.QueryRow(`SELECT value FROM meta WHERE key = 'guid'`).Scan(&p.guid)
}

// Close releases the file and its lock.
func (p *Project) Close() error {
	if p == nil || p.db == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return nil
	}
	p.closed = true
	if p.idle != nil {
		p.idle.Stop()
	}
	if !p.readOnly {
		p.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	// The handle stays set: later calls fail with "database is closed"
	// instead of crashing a goroutine that still holds the project.
	return p.db.Close()
}

// idleCheckpoint is how long after the last action the log is checkpointed.
const idleCheckpoint = 3 * time.Second

// touchIdle (re)arms the idle checkpoint; call with mu held.
func (p *Project) touchIdle() {
	if p.idle == nil {
		p.idle = time.AfterFunc(idleCheckpoint, p.checkpoint)
		return
	}
	p.idle.Reset(idleCheckpoint)
}

// checkpoint copies the write-ahead log into the main file while nothing happens.
func (p *Project) checkpoint() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.closed {
		p.db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
	}
}

// Path returns the project file's path.
func (p *Project) Path() string { return p.path }

// GUID returns the project's identity, which keys its derived search index.
func (p *Project) GUID() string { return p.guid }

// ReadOnly reports whether the project was opened read-only.
func (p *Project) ReadOnly() bool { return p.readOnly }

// DB exposes the database for read queries by the layers above. Writes must
// go through Do so they are journaled for undo.
func (p *Project) DB() *sql.DB { return p.db }

// Name returns the project's display name (the file name when unset).
func (p *Project) Name() string {
	var name string
	p.db.QueryRow(`SELECT value FROM meta WHERE key = 'name'`).Scan(&name)
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(p.path), filepath.Ext(p.path))
	}
	return name
}

// Generation returns the change counter, bumped by every action, undo and
// redo; derived data (the search index) records the generation it reflects.
func (p *Project) Generation() int64 {
	var g int64
	p.db.QueryRow(`SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'`).Scan(&g)
	return g
}

// SchemaVersionOf returns the layout version stored in the open file (see
// SchemaVersion; a file from before schemas had owners that was opened
// read-only keeps its combined version).
func (p *Project) SchemaVersionOf() int {
	var v int
	p.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	return v
}

// Check runs SQLite's integrity check and the consistency checks of corpus
// and of every registered Schema (each row points at something that
// exists), in that order.
// It returns the list of problems found; an empty list means the file is sound.
func (p *Project) Check(ctx context.Context) ([]string, error) {
	var problems []string
	rows, err := p.db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return nil, classify(err)
	}
	for rows.Next() {
		var s string
		rows.Scan(&s)
		if s != "ok" {
			problems = append(problems, "sqlite: "+s)
		}
	}
	rows.Close()
	var checks []Check
	for _, sc := range schemas() {
		checks = append(checks, sc.Checks...)
	}
	for _, c := range checks {
		var n int
		if err := p.db.QueryRowContext(ctx, c.Query).Scan(&n); err != nil {
			return problems, classify(err)
		}
		if n > 0 {
			problems = append(problems, fmt.Sprintf("%d %s", n, c.What))
		}
	}
	return problems, nil
}

// SaveAs writes a consistent copy of the project to path (VACUUM INTO) and
// gives the copy a new identity, so both files can be opened side by side.
// The open project is unchanged; open the copy to continue there.
func (p *Project) SaveAs(path string) error {
	if _, err := os.Stat(path); err == nil {
		return &OpenError{Path: path, Err: ErrExists}
	}
	p.mu.Lock()
	_, err := p.db.Exec(`VACUUM INTO ?`, path)
	p.mu.Unlock()
	if err != nil {
		return fmt.Errorf("save as %s: %w", path, classify(err))
	}
	q, err := Open(path, Options{})
	if err != nil {
		return err
	}
	defer q.Close()
	_, err = q.db.Exec(`UPDATE meta SET value = ? WHERE key = 'guid'`, uuid.NewString())
	return err
}
