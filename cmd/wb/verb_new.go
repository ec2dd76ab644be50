package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/evidence-workbench/workbench/corpus"
)

func init() {
	register(&verb{
		name: "new", args: "FILE", nargs: [2]int{1, 1},
		summary: "create a new, empty review project file",
		run:     runNew,
	})
}

func runNew(c *call) error {
	path := c.args[0]
	if filepath.Ext(path) == "" {
		path += corpus.Extension
	}
	p, err := corpus.Create(path, strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	if err != nil {
		return err
	}
	defer p.Close()
	if c.json {
		return c.printJSON(map[string]any{"file": p.Path(), "guid": p.GUID(), "schema_version": corpus.SchemaVersion})
	}
	fmt.Fprintf(c.stdout, "Created %s\n", p.Path())
	return nil
}
