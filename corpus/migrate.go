package corpus

import (
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// step is one owner's pending schema steps: from its version in the file to
// the version this program knows.
type step struct {
	s        Schema
	from, to int
}

// plan is what opening a file at a layout version needs: every owner's
// pending steps.
type plan struct {
	layout int    // the file's PRAGMA user_version
	steps  []step // one per owner, in run order (possibly from == to)
}

// hasSteps reports whether an owner is behind this program.
func (pl plan) hasSteps() bool {
	for _, st := range pl.steps {
		if st.from < st.to {
			return true
		}
	}
	return false
}

// planFor reads the owners' versions from a file at the given layout (0 for
// a new, empty file) and refuses a file that a newer program wrote: an
// owner at a version beyond this program's, or an owner this program does
// not know.
func planFor(q Querier, layout int) (plan, error) {
	pl := plan{layout: layout}
	stored := map[string]int{}
	if layout >= SchemaVersion {
		rows, err := q.Query(`SELECT key, value FROM meta WHERE key LIKE 'schema.%'`)
		if err != nil {
			return pl, classify(err)
		}
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				rows.Close()
				return pl, classify(err)
			}
			n, err := strconv.Atoi(v)
			if err != nil {
				rows.Close()
				return pl, fmt.Errorf("%w: schema version %q of %s is not a number", ErrCorrupt, v, k)
			}
			stored[strings.TrimPrefix(k, metaPrefix)] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return pl, classify(err)
		}
	}
	all := schemas()
	known := map[string]bool{legacyKey: true}
	for _, s := range all {
		known[s.Owner] = true
		from, ok := stored[s.Owner]
		switch {
		case layout < SchemaVersion:
			from = s.legacyVersion(layout)
		case !ok:
			// An owner the file has not met: none of its steps ran, unless
			// the file was converted from a combined version that had them.
			from = 0
			if lv, ok := stored[legacyKey]; ok {
				from = s.legacyVersion(lv)
			}
		}
		if from > len(s.Migrations) {
			return pl, fmt.Errorf("%w (its %s schema is version %d, this program reads up to %d)",
				ErrNewerVersion, s.Owner, from, len(s.Migrations))
		}
		pl.steps = append(pl.steps, step{s: s, from: from, to: len(s.Migrations)})
	}
	for owner := range stored {
		if !known[owner] {
			return pl, fmt.Errorf("%w (it holds %q data this program does not know)", ErrNewerVersion, owner)
		}
	}
	return pl, nil
}

// upgrade runs a plan in one transaction: every owner's pending steps
// (corpus's first), the project's identity when the file is new, each
// owner's version in meta, and the layout version in the header.
func (p *Project) upgrade(pl plan, name string) error {
	tx, err := p.db.Begin()
	if err != nil {
		return classify(err)
	}
	defer tx.Rollback()
	for _, st := range pl.steps {
		for v := st.from; v < st.to; v++ {
			if _, err := tx.Exec(st.s.Migrations[v]); err != nil {
				return fmt.Errorf("upgrade the %s schema to version %d: %w", st.s.Owner, v+1, classify(err))
			}
		}
	}
	if pl.layout == 0 {
		now := p.Now().UTC().Format(time.RFC3339Nano)
		for k, v := range map[string]string{"guid": uuid.NewString(), "name": name, "created": now, "generation": "0"} {
			if _, err := tx.Exec(`INSERT INTO meta(key, value) VALUES (?, ?)`, k, v); err != nil {
				return err
			}
		}
	} else if pl.layout < SchemaVersion {
		if err := setMeta(tx, metaPrefix+legacyKey, pl.layout); err != nil {
			return err
		}
	}
	for _, st := range pl.steps {
		if err := setMeta(tx, metaPrefix+st.s.Owner, st.to); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(fmt.Sprintf(`PRAGMA application_id = %d; PRAGMA user_version = %d`, ApplicationID, SchemaVersion)); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return classify(err)
	}
	// Copy the new header into the main file at once, so the version check
	// that runs before SQLite opens it always sees the truth.
	_, err = p.db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}

func setMeta(tx *sql.Tx, key string, v int) error {
	_, err := tx.Exec(`INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, strconv.Itoa(v))
	return classify(err)
}

// SchemaVersions returns the schema version of every owner recorded in the
// open file (corpus's own under "corpus").
func (p *Project) SchemaVersions() (map[string]int, error) {
	rows, err := p.db.Query(`SELECT key, value FROM meta WHERE key LIKE 'schema.%' AND key <> 'schema.legacy'`)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, classify(err)
		}
		out[strings.TrimPrefix(k, metaPrefix)], _ = strconv.Atoi(v)
	}
	return out, rows.Err()
}
