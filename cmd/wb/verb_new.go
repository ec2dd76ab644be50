package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// findTemplate finds a bundled template by ID, a user template by name, or reads a template file.
func findTemplate(ref string) (assets.Template, error) {
	if t, err := assets.TemplateByID(ref); err == nil {
		return t, nil
	}
	if dir, err := coding.UserTemplatesDir(); err == nil {
		if ts, err := coding.UserTemplates(dir); err == nil {
			for _, t := range ts {
				if strings.EqualFold(t.Name, ref) || strings.EqualFold(t.ID, ref) {
					return t, nil
				}
			}
		}
	}
	data, err := os.ReadFile(ref)
	if err != nil {
		return assets.Template{}, fmt.Errorf("unknown template %q: use trafficking-rigor, victim-identification-tools, protection-framework, a template file or none", ref)
	}
	return assets.ParseTemplate(data)
}

func init() {
	register(&verb{
		name: "new", args: "FILE", nargs: [2]int{1, 1},
		summary: "create a new review project file, starting from a codebook template",
		help: `The codebook comes from --template: trafficking-rigor (the default: rigor criteria, sectors and
themes of trafficking research), victim-identification-tools, protection-framework, the file name of a
template saved with "wb codebook --save-template", or "none" for an empty codebook.`,
		opts: func() options { return &newOptions{} },
	})
}

// newOptions are the flags of wb new.
type newOptions struct {
	template string
}

func (o *newOptions) define(fs *flag.FlagSet) {
	fs.StringVar(&o.template, "template", assets.DefaultTemplateID, "codebook template ID or file, or none")
}

func (o *newOptions) check() error { return nil }

func (o *newOptions) run(c *call) error {
	path := c.args[0]
	if filepath.Ext(path) == "" {
		path += corpus.Extension
	}
	var tmpl *assets.Template
	if o.template != "none" && o.template != "" {
		t, err := findTemplate(o.template)
		if err != nil {
			return err
		}
		tmpl = &t
	}
	p, err := corpus.Create(path, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	if err != nil {
		return err
	}
	defer p.Close()
	if tmpl != nil {
		if id, err := c.identity(); err == nil {
			p.SetCoder(id)
		}
		if _, err := coding.ApplyTemplate(p, *tmpl); err != nil {
			return err
		}
	}
	if c.json {
		return c.printJSON(map[string]any{"file": p.Path(), "guid": p.GUID(), "schema_version": corpus.SchemaVersion})
	}
	fmt.Fprintf(c.stdout, "Created %s\n", p.Path())
	return nil
}
