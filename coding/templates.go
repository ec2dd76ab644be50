package coding

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/atomicfile"
)

// ApplyTemplate adds a codebook template's code tree to the project as one
// action and returns how many codes it created. Codes already present at the
// same path (names compared ignoring case) are kept as they are, so applying
// a template twice adds nothing the second time.
func ApplyTemplate(p *corpus.Project, t assets.Template) (int, error) {
	added := 0
	err := p.Do("Apply codebook template "+t.Name, func(tx *corpus.Tx) error {
		added = 0
		codes, err := LoadCodes(tx)
		if err != nil {
			return err
		}
		existing := map[string]string{} // parent GUID + "\x00" + lower name -> GUID
		for _, c := range codes {
			existing[c.Parent+"\x00"+strings.ToLower(c.Name)] = c.GUID
		}
		var add func(parent string, tcs []assets.TemplateCode) error
		add = func(parent string, tcs []assets.TemplateCode) error {
			for _, tc := range tcs {
				key := parent + "\x00" + strings.ToLower(strings.TrimSpace(tc.Name))
				g, ok := existing[key]
				if !ok {
					g, err = CreateCodeTx(tx, Code{Parent: parent, Name: tc.Name, Kind: tc.Kind, Color: tc.Color,
						Definition: tc.Definition, Inclusion: tc.Inclusion, Exclusion: tc.Exclusion})
					if err != nil {
						return fmt.Errorf("template %s: %w", t.Name, err)
					}
					existing[key] = g
					added++
				}
				if err := add(g, tc.Children); err != nil {
					return err
				}
			}
			return nil
		}
		return add("", t.Codes)
	})
	return added, err
}

// UserTemplatesDir is the folder of the user's own codebook templates,
// shared by the desktop program and the command-line tool.
func UserTemplatesDir() (string, error) {
	d, err := corpus.ConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the templates folder: %w", err)
	}
	return filepath.Join(d, "templates"), nil
}

// TemplateFromCodebook returns the project's codebook as a template (the
// form SaveTemplate writes).
func TemplateFromCodebook(p *corpus.Project, name string) (assets.Template, error) {
	tree, err := LoadCodeTree(p)
	if err != nil {
		return assets.Template{}, err
	}
	var build func(parent string) []assets.TemplateCode
	build = func(parent string) []assets.TemplateCode {
		var out []assets.TemplateCode
		for _, g := range tree.Children(parent) {
			c, _ := tree.Get(g)
			out = append(out, assets.TemplateCode{Name: c.Name, Kind: c.Kind, Color: c.Color,
				Definition: c.Definition, Inclusion: c.Inclusion, Exclusion: c.Exclusion, Children: build(g)})
		}
		return out
	}
	name = strings.TrimSpace(name)
	return assets.Template{ID: templateID(name), Name: name,
		Description: "Codebook of the project " + p.Name() + ".", Codes: build("")}, nil
}

// templateID makes a file-name-like identifier from a template name.
func templateID(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// SaveTemplate writes the project's codebook as a template JSON file named
// after the template into dir (usually UserTemplatesDir), replacing a
// template of the same name, and returns the file's path. The file is
// checked with assets.ParseTemplate before it is written.
func SaveTemplate(p *corpus.Project, name, dir string) (string, error) {
	t, err := TemplateFromCodebook(p, name)
	if err != nil {
		return "", err
	}
	if t.ID == "" {
		return "", fmt.Errorf("save template: %w: give the template a name with letters or digits", assets.ErrInvalidTemplate)
	}
	data, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return "", fmt.Errorf("save template: %w", err)
	}
	if _, err := assets.ParseTemplate(data); err != nil {
		return "", fmt.Errorf("save template %q: %w", name, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("save template: %w", err)
	}
	path := filepath.Join(dir, t.ID+".json")
	if err := atomicfile.WriteFile(path, append(data, '\n')); err != nil {
		return "", fmt.Errorf("save template: %w", err)
	}
	return path, nil
}

// UserTemplates reads the templates in dir, ordered by name. A missing
// folder holds no templates. Files that cannot be read or are not valid
// templates are left out and reported together in the error, which is
// returned alongside the good templates.
func UserTemplates(dir string) ([]assets.Template, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read templates folder: %w", err)
	}
	var out []assets.Template
	var errs []error
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".json") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err == nil {
			var t assets.Template
			if t, err = assets.ParseTemplate(data); err == nil {
				out = append(out, t)
				continue
			}
		}
		errs = append(errs, fmt.Errorf("%s: %w", e.Name(), err))
	}
	sort.SliceStable(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, errors.Join(errs...)
}
