package corpus

import (
	"database/sql"
	"os"
	"time"
)

// The project file and its log. Every change is written to the log beside
// the file (PATH-wal) and made durable there; checkpoints copy the log into
// the main file, which is then whole on its own: the one file a user copies,
// backs up or e-mails. A checkpoint that runs out of disk space midway would
// leave the main file unusable without the log, so the project runs its own
// checkpoints (SQLite's automatic ones are off) and starts one only when
// the disk, and the process's file size limit, have room for the main file
// to grow to its full size. Without room the changes stay safe in the log
// and the main file keeps its last whole state; the next checkpoint with
// room (when idle, on close, or when the project is opened again) catches up.

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
		p.checkpointLocked("PASSIVE")
	}
}

// afterCommit checkpoints when the log has grown large (call with mu held).
func (p *Project) afterCommit() {
	if st, err := os.Stat(p.path + "-wal"); err == nil && st.Size() > walCheckpointBytes {
		p.checkpointLocked("PASSIVE")
	}
	p.touchIdle()
}

// checkpointLocked copies the log into the main file when there is room
// for it (mode PASSIVE or TRUNCATE); call with mu held. The reason there
// was no room is kept for Close and returned.
func (p *Project) checkpointLocked(mode string) error {
	if err := p.roomForLog(); err != nil {
		p.unfolded = err
		return err
	}
	if _, err := p.db.Exec(`PRAGMA wal_checkpoint(` + mode + `)`); err != nil {
		p.unfolded = classify(err)
		return p.unfolded
	}
	p.unfolded = nil
	return nil
}

// roomForLog reports ErrDiskFull when the main file could not grow to hold
// everything in the log.
func (p *Project) roomForLog() error {
	var pages, size int64
	if err := p.db.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		return nil // the checkpoint itself will tell
	}
	if err := p.db.QueryRow(`PRAGMA page_size`).Scan(&size); err != nil {
		return nil
	}
	st, err := os.Stat(p.path)
	if err != nil {
		return nil
	}
	return room(p.path, st.Size(), pages*size)
}

// closeKeepingLog closes db without letting SQLite copy the log into the
// main file: when the last connection to a file closes, SQLite checkpoints
// it, and a checkpoint that runs out of room midway would leave the main
// file unusable on its own. A second, read-only connection holding a read
// transaction keeps the first from being the last; closing a read-only
// connection never checkpoints.
func closeKeepingLog(path string, db *sql.DB) error {
	guard, err := openDB(path, modeRO)
	if err != nil {
		return db.Close()
	}
	defer guard.Close()
	tx, err := guard.Begin()
	if err == nil {
		defer tx.Rollback()
		var n int
		tx.QueryRow(`SELECT COUNT(*) FROM sqlite_schema`).Scan(&n)
	}
	return db.Close()
}
