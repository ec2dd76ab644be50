package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/uuid"
)

// coderNamespace derives stable coder GUIDs from names given on the command line.
var coderNamespace = uuid.MustParse("6f1c9d2e-3b7a-4c55-9a0e-2d8f1b4e7c31")

// CoderNamed returns a coder whose GUID is derived from the name, so the same
// name typed twice is the same coder.
func CoderNamed(name string) Coder {
	name = strings.TrimSpace(name)
	return Coder{GUID: uuid.NewSHA1(coderNamespace, []byte(strings.ToLower(name))).String(), Name: name}
}

// ConfigDir is where the user's identity and settings shared by the desktop
// program and the command-line tool live ($EWB_CONFIG_DIR overrides it).
func ConfigDir() (string, error) {
	if d := os.Getenv("EWB_CONFIG_DIR"); d != "" {
		return d, nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "evidence-workbench"), nil
}

// ErrNoIdentity means the user has not yet said who they are.
var ErrNoIdentity = errors.New("no coder name saved yet")

// LoadIdentity returns the coder saved by SaveIdentity.
func LoadIdentity() (Coder, error) {
	dir, err := ConfigDir()
	if err != nil {
		return Coder{}, err
	}
	b, err := os.ReadFile(filepath.Join(dir, "identity.json"))
	if errors.Is(err, os.ErrNotExist) {
		return Coder{}, ErrNoIdentity
	}
	if err != nil {
		return Coder{}, err
	}
	var c Coder
	if err := json.Unmarshal(b, &c); err != nil || c.GUID == "" || c.Name == "" {
		return Coder{}, fmt.Errorf("%s: unreadable identity, it will be asked again: %w", filepath.Join(dir, "identity.json"), ErrNoIdentity)
	}
	return c, nil
}

// SaveIdentity remembers the coder for later sessions of both programs.
func SaveIdentity(c Coder) error {
	dir, err := ConfigDir()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	b, _ := json.MarshalIndent(c, "", "  ")
	tmp := filepath.Join(dir, "identity.json.tmp")
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, "identity.json"))
}

// CoderByName finds a coder of the project by name (case-insensitive).
func (p *Project) CoderByName(name string) (Coder, bool) {
	cs, _ := p.Coders()
	for _, c := range cs {
		if strings.EqualFold(c.Name, strings.TrimSpace(name)) {
			return c, true
		}
	}
	return Coder{}, false
}
