package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Extension is the file name extension of a project file.
const Extension = ".ewb"

// Project is one open review project file. Its methods are safe for use by
// several goroutines; changes are serialised on one connection.
//
// A project open for writing holds the write lock (the lock file beside
// it, which names the holder); other programs can still open it read-only
// and read while it is being edited. A project is read-only when opened so,
// or when it could not be opened for writing and Options.FallBackReadOnly
// was set, or once damage was found in it (see ReadOnlyReason).
type Project struct {
	path string
	db   *sql.DB
	mode openMode
	guid string
	lock *writerLock // held while open for writing

	// Now is the clock used for timestamps; tests replace it.
	Now func() time.Time

	idle *time.Timer // checkpoints the log after a quiet spell (guarded by mu)

	mu         sync.Mutex // guards the fields below, serialises Do/Undo/Redo
	coder      Coder
	coderSaved bool  // the current coder's row is in the file
	closed     bool  //
	reason     error // why a project opened for writing is now read-only (damage)
	unfolded   error // why the log could not be copied into the main file, last time it was tried
	onReadOnly func(reason error)
	tempDir    string // an upgraded copy read in place of an older file (removed on Close)
}

// Options tune Open.
type Options struct {
	// ReadOnly opens the file without taking the write lock; every change
	// fails with ErrReadOnly. Reading needs no write access to the file or
	// its folder, and works while another program edits the project.
	ReadOnly bool
	// FallBackReadOnly opens the project read-only when it cannot be opened
	// for writing: its file or folder cannot be written (ErrCannotWrite),
	// another program is editing it (ErrLocked) or the check on opening
	// found damage (ErrCorrupt). ReadOnlyReason then says why.
	FallBackReadOnly bool
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
			return nil, &OpenError{Path: path, Err: writeCondition(err)}
		}
	}
	lk, err := acquireLock(path)
	if err != nil {
		return nil, &OpenError{Path: path, Err: err}
	}
	db, err := openDB(path, modeCreate)
	if err != nil {
		lk.release()
		return nil, &OpenError{Path: path, Err: writeCondition(err)}
	}
	p := &Project{path: path, db: db, mode: modeWrite, lock: lk, Now: time.Now}
	fail := func(err error) (*Project, error) {
		db.Close()
		for _, f := range []string{path, path + "-wal", path + "-shm"} {
			os.Remove(f)
		}
		lk.release()
		return nil, &OpenError{Path: path, Err: writeCondition(err)}
	}
	pl, err := planFor(db, 0)
	if err == nil {
		err = p.upgrade(pl, name)
	}
	if err == nil {
		err = p.loadMeta()
	}
	if err != nil {
		return fail(err)
	}
	return p, nil
}

// Open opens an existing project file. A file that is not a project, is
// damaged, comes from a newer version or is held by another program gives
// an *OpenError, and the file is left unchanged: the file's header is read
// before SQLite touches it, and a project opened for writing is checked
// (see QuickCheck) before anything is written to it.
func Open(path string, opts Options) (*Project, error) {
	version, err := inspect(path)
	if err != nil {
		return nil, &OpenError{Path: path, Err: err}
	}
	var reason error
	if !opts.ReadOnly {
		p, err := openWriter(path, version, opts.Clock)
		if err == nil {
			return p, nil
		}
		fallBack := errors.Is(err, ErrLocked) || errors.Is(err, ErrCannotWrite) || errors.Is(err, ErrCorrupt)
		if !opts.FallBackReadOnly || !fallBack {
			return nil, err
		}
		reason = err
	}
	// A damaged file is read without a connection that could copy a log
	// into it when it closes.
	p, err := openReader(path, version, opts.Clock, errors.Is(reason, ErrCorrupt))
	if err != nil {
		if reason != nil {
			return nil, reason
		}
		return nil, err
	}
	p.reason = reason
	return p, nil
}

// openWriter opens the project for writing: it takes the write lock,
// checks the file and upgrades its schemas when needed.
func openWriter(path string, version int, clock func() time.Time) (*Project, error) {
	if err := canWrite(path); err != nil {
		return nil, &OpenError{Path: path, Err: err}
	}
	lk, err := acquireLock(path)
	if err != nil {
		return nil, &OpenError{Path: path, Err: err}
	}
	db, err := openDB(path, modeWrite)
	if err != nil {
		lk.release()
		return nil, &OpenError{Path: path, Err: writeCondition(err)}
	}
	p := &Project{path: path, db: db, mode: modeWrite, lock: lk, Now: time.Now}
	if clock != nil {
		p.Now = clock
	}
	fail := func(err error) (*Project, error) {
		db.Close()
		lk.release()
		return nil, &OpenError{Path: path, Err: writeCondition(err)}
	}
	// Nothing is written before the file has passed the check.
	if err := damageOf(QuickCheck(context.Background(), db)); err != nil {
		return fail(err)
	}
	pl, err := planFor(db, version)
	if err != nil {
		return fail(err)
	}
	if pl.hasSteps() || pl.layout < SchemaVersion {
		if err := p.upgrade(pl, ""); err != nil {
			return fail(err)
		}
	}
	if err := p.loadMeta(); err != nil {
		return fail(classify(err))
	}
	// A log that an earlier session could not copy into the main file (a
	// full disk, a crash) is copied now, so the file is whole on its own
	// again as soon as there is room.
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		p.mu.Lock()
		p.checkpointLocked("TRUNCATE")
		p.mu.Unlock()
	}
	return p, nil
}

// openReader opens the project read-only, in the way its place allows.
func openReader(path string, version int, clock func() time.Time, damaged bool) (*Project, error) {
	mode := readMode(path)
	if damaged && mode == modeShared {
		mode = modeImmutable
		if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
			mode = modeRO
		}
	}
	db, err := openDB(path, mode)
	if err != nil {
		if st, serr := os.Stat(path + "-wal"); serr == nil && st.Size() > 0 && mode != modeShared {
			err = fmt.Errorf("%w: its latest changes are in %s, which cannot be read without write access to the folder; copy both files together to a folder where you can write (%v)",
				ErrCannotWrite, filepath.Base(path)+"-wal", err)
		}
		return nil, &OpenError{Path: path, Err: err}
	}
	p := &Project{path: path, db: db, mode: mode, Now: time.Now}
	if clock != nil {
		p.Now = clock
	}
	fail := func(err error) (*Project, error) {
		db.Close()
		return nil, &OpenError{Path: path, Err: err}
	}
	pl, err := planFor(db, version)
	if err != nil {
		return fail(err)
	}
	// A file from an earlier version is upgraded when opened for writing.
	// Read-only (a shared folder, a CD, a file being edited elsewhere) it is
	// read through an upgraded copy in the temporary folder: reading never
	// needs write access, and the file itself is left as it is.
	if pl.hasSteps() {
		if damaged {
			return fail(fmt.Errorf("%w: it is damaged and from an earlier version of the program; recover it with wb recover", ErrReadOnly))
		}
		q, err := openUpgradedCopy(path, db, clock)
		db.Close()
		if err != nil {
			return nil, &OpenError{Path: path, Err: err}
		}
		return q, nil
	}
	if err := p.loadMeta(); err != nil {
		return fail(classify(err))
	}
	return p, nil
}

// openUpgradedCopy copies the project that db reads (VACUUM INTO works on a
// read-only connection) into a new temporary folder, upgrades the copy and
// opens it read-only. The project keeps the original's path; Close removes
// the copy.
func openUpgradedCopy(path string, db *sql.DB, clock func() time.Time) (*Project, error) {
	dir, err := os.MkdirTemp("", "ewb-read-")
	if err != nil {
		return nil, fmt.Errorf("%w: it is from an earlier version and no upgraded copy could be made to read it (%v)", ErrReadOnly, err)
	}
	copyPath := filepath.Join(dir, filepath.Base(path))
	// The reader's connection is query-only; VACUUM INTO writes nothing to
	// the file it reads, so the guard is lifted on one connection for it.
	conn, err := db.Conn(context.Background())
	if err == nil {
		defer conn.Close()
		if _, err = conn.ExecContext(context.Background(), `PRAGMA query_only = 0`); err == nil {
			_, err = conn.ExecContext(context.Background(), `VACUUM INTO ?`, copyPath)
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("%w: it is from an earlier version and no upgraded copy could be made to read it (%v)", ErrReadOnly, classify(err))
	}
	version, err := inspect(copyPath)
	if err == nil {
		var w *Project
		if w, err = openWriter(copyPath, version, clock); err == nil {
			err = w.Close()
		}
	}
	var q *Project
	if err == nil {
		if version, err = inspect(copyPath); err == nil {
			q, err = openReader(copyPath, version, clock, false)
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	q.path, q.tempDir = path, dir
	return q, nil
}

// damageOf turns the quick check's findings into an ErrCorrupt error
// listing the first few (nil when the file is sound). A busy file is
// reported as locked, not damaged.
func damageOf(problems []string, err error) error {
	if err != nil {
		if !IsDamage(err) {
			return classify(err)
		}
		problems = append(problems, err.Error())
	}
	if len(problems) == 0 {
		return nil
	}
	shown := problems
	if len(shown) > 3 {
		shown = shown[:3]
	}
	more := ""
	if n := len(problems) - len(shown); n > 0 {
		more = fmt.Sprintf(" and %d more", n)
	}
	return fmt.Errorf("%w (%s%s)", ErrCorrupt, strings.Join(shown, "; "), more)
}

func (p *Project) loadMeta() error {
	return p.db.QueryRow(`SELECT value FROM meta WHERE key = 'guid'`).Scan(&p.guid)
}

// Close releases the file and its lock. A project open for writing copies
// its log into the main file first, so the file is whole on its own; when
// the disk has no room for that, the changes stay safe in the log beside
// the file and Close says so (ErrDiskFull).
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
	var err error
	switch p.mode {
	case modeWrite:
		err = p.checkpointLocked("TRUNCATE")
	case modeShared:
		// SQLite copies the log when the last connection closes.
		err = p.roomForLog()
	}
	// The handle stays set: later calls fail with "database is closed"
	// instead of crashing a goroutine that still holds the project.
	var cerr error
	if err != nil && errors.Is(err, ErrDiskFull) {
		cerr = closeKeepingLog(p.path, p.db)
	} else {
		cerr = p.db.Close()
	}
	p.lock.release()
	if p.tempDir != "" {
		os.RemoveAll(p.tempDir)
	}
	if err != nil && errors.Is(err, ErrDiskFull) {
		return &OpenError{Path: p.path, Err: fmt.Errorf("%w: the latest changes are safe in %s but could not be copied into the project file yet",
			err, filepath.Base(p.path)+"-wal")}
	}
	return cerr
}

// Path returns the project file's path.
func (p *Project) Path() string { return p.path }

// GUID returns the project's identity, which keys its derived search index.
func (p *Project) GUID() string { return p.guid }

// ReadOnly reports whether changes are refused: the project was opened
// read-only, or fell back to read-only, or damage was found in it.
func (p *Project) ReadOnly() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.mode != modeWrite || p.reason != nil
}

// ReadOnlyReason says why the project is read-only although it was meant
// to be written: an *OpenError wrapping ErrCannotWrite, ErrLocked (with a
// *LockedError naming the holder) or ErrCorrupt. It is nil when the project
// is writable or was opened read-only on request.
func (p *Project) ReadOnlyReason() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.reason
}

// writableLocked returns the error for a change when the project is
// read-only (call with mu held).
func (p *Project) writableLocked() error {
	if p.mode != modeWrite || p.reason != nil {
		return &ReadOnlyError{Path: p.path, Reason: p.reason}
	}
	if p.closed {
		return &OpenError{Path: p.path, Err: errors.New("the project is closed")}
	}
	return nil
}

// writable returns the error for a change when the project is read-only.
func (p *Project) writable() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.writableLocked()
}

// NoteDamage looks at an error from reading or writing the project: when
// it says the file is damaged ("database disk image is malformed"), the
// project turns read-only (every later change fails with a message naming
// the file and what to do) and NoteDamage returns true. Do, Undo and Redo
// note damage themselves; the layers above pass errors from their own
// reads.
func (p *Project) NoteDamage(err error) bool {
	if !IsDamage(err) {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.noteDamageLocked(err)
	return true
}

func (p *Project) noteDamageLocked(err error) {
	if p.reason == nil || !errors.Is(p.reason, ErrCorrupt) {
		p.reason = &OpenError{Path: p.path, Err: fmt.Errorf("%w (%v)", ErrCorrupt, strings.TrimPrefix(err.Error(), ErrCorrupt.Error()+" "))}
		if f := p.onReadOnly; f != nil {
			go f(p.reason)
		}
	}
}

// OnReadOnly sets f to hear, on a goroutine of its own, when damage found
// during the session turns the project read-only (the desktop program
// shows it); the reason is what ReadOnlyReason returns then.
func (p *Project) OnReadOnly(f func(reason error)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.onReadOnly = f
}

// fileError names the file in an error from SQLite (damage turns the
// project read-only, a full disk says so); errors of the layers above pass
// unchanged. Call with mu held.
func (p *Project) fileError(err error) error {
	switch {
	case err == nil:
		return nil
	case IsDamage(err):
		p.noteDamageLocked(err)
		return p.reason
	}
	c := classify(err)
	if errors.Is(c, ErrDiskFull) || errors.Is(c, ErrCannotWrite) || errors.Is(c, ErrLocked) || isIOError(err) {
		return pathError(p.path, c)
	}
	return err
}

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
