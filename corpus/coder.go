package corpus

import (
	"database/sql"
	"fmt"
	"strings"

	"github.com/google/uuid"
)

// Coder is a reviewer working on the project. The app asks for the name once
// and remembers name and GUID in the user's preferences.
type Coder struct {
	GUID string // identity across projects, so merged coding keeps its author
	Name string // display name
}

// NewCoder makes a coder with a fresh GUID.
func NewCoder(name string) Coder {
	return Coder{GUID: uuid.NewString(), Name: strings.TrimSpace(name)}
}

// SetCoder makes c the author of every following action. The coder is
// recorded in the project with the first action that changes it (a coder
// that is already known keeps its row; a new name is updated), so a
// command that is refused leaves the file as it was.
func (p *Project) SetCoder(c Coder) error {
	if c.GUID == "" || strings.TrimSpace(c.Name) == "" {
		return fmt.Errorf("a coder needs a name")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.coder != c {
		p.coder = c
		p.coderSaved = false
	}
	p.lock.setCoder(c.Name)
	return nil
}

// saveCoder records the current coder inside the first action that
// changes the project (call with mu held).
func (p *Project) saveCoder(tx *sql.Tx) error {
	if p.coderSaved || p.coder.GUID == "" {
		return nil
	}
	_, err := tx.Exec(`INSERT INTO coders(guid, name, created_at) VALUES (?, ?, ?)
		ON CONFLICT(guid) DO UPDATE SET name = excluded.name WHERE name <> excluded.name`,
		p.coder.GUID, p.coder.Name, p.stamp())
	return classify(err)
}

// CurrentCoder returns the coder set with SetCoder.
func (p *Project) CurrentCoder() Coder {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.coder
}

// Coders lists every coder recorded in the project, by name.
func (p *Project) Coders() ([]Coder, error) {
	rows, err := p.db.Query(`SELECT guid, name FROM coders ORDER BY name, guid`)
	if err != nil {
		return nil, classify(err)
	}
	defer rows.Close()
	var out []Coder
	for rows.Next() {
		var c Coder
		if err := rows.Scan(&c.GUID, &c.Name); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// EnsureCoder records a coder (e.g. one coming in with a merged file)
// inside an action without changing the current coder.
func (t *Tx) EnsureCoder(c Coder) error {
	var n int
	if err := t.QueryRow(`SELECT COUNT(*) FROM coders WHERE guid = ?`, c.GUID).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	return codersTable.Insert(t, coderRow{GUID: c.GUID, Name: c.Name, CreatedAt: t.Stamp()})
}
