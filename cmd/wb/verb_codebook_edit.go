package main

import (
	"fmt"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// The editing actions of wb codebook: --add, --edit, --move, --merge, --delete.

// applyFields copies the code fields given on the command line.
func (o *codebookOptions) applyFields(k *coding.Code) {
	for _, f := range []struct {
		v   optString
		dst *string
	}{{o.name, &k.Name}, {o.color, &k.Color}, {o.kind, &k.Kind}, {o.definition, &k.Definition},
		{o.inclusion, &k.Inclusion}, {o.exclusion, &k.Exclusion}} {
		if f.v.set {
			*f.dst = f.v.v
		}
	}
	if o.pin.set {
		k.Pinned = o.pin.v
	}
}

// editCodebook adds, edits, moves, merges or deletes a code.
func (o *codebookOptions) editCodebook(c *call, p *corpus.Project) error {
	action, ref := o.action, o.arg
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		return err
	}
	var code coding.Code
	if action != "add" {
		if code, err = t.Resolve(ref); err != nil {
			return err
		}
	}
	before := t.Path(code.GUID)
	var done string
	switch action {
	case "add":
		path := strings.Trim(ref, "/ ")
		k := coding.Code{Name: path}
		if i := strings.LastIndex(path, "/"); i >= 0 {
			parent, err := t.Resolve(path[:i])
			if err != nil {
				return fmt.Errorf("parent of %q: %w", path, err)
			}
			// A sub-code starts with its parent's kind and colour.
			k = coding.Code{Parent: parent.GUID, Name: strings.TrimSpace(path[i+1:]), Kind: parent.Kind, Color: parent.Color}
		}
		o.applyFields(&k)
		if code.GUID, err = coding.CreateCode(p, k); err != nil {
			return err
		}
		done = "Added"
	case "edit":
		o.applyFields(&code)
		if err := coding.UpdateCode(p, code); err != nil {
			return err
		}
		done = "Edited"
	case "move":
		parent := ""
		if to := strings.Trim(o.to.v, "/ "); to != "" {
			pc, err := t.Resolve(to)
			if err != nil {
				return fmt.Errorf("--to: %w", err)
			}
			parent = pc.GUID
		}
		if err := coding.MoveCode(p, code.GUID, parent, o.position); err != nil {
			return err
		}
		done = "Moved"
	case "merge":
		into, err := t.Resolve(o.into)
		if err != nil {
			return fmt.Errorf("--into: %w", err)
		}
		if err := coding.MergeCodes(p, code.GUID, into.GUID); err != nil {
			return err
		}
		code, done = into, "Merged "+before+" into"
	case "delete":
		if err := coding.DeleteCode(p, code.GUID); err != nil {
			return err
		}
		if c.json {
			return c.printJSON(map[string]any{"action": action, "deleted": code.GUID, "path": before})
		}
		fmt.Fprintf(c.stdout, "Deleted %s with its sub-codes and codings (%s)\n", before, code.GUID)
		return nil
	}
	t, err = coding.LoadCodeTree(p)
	if err != nil {
		return err
	}
	k, _ := t.Get(code.GUID)
	if c.json {
		counts, err := coding.CodeCounts(p)
		if err != nil {
			return err
		}
		return c.printJSON(map[string]any{"action": action, "code": toCodeJSON(t, k, counts)})
	}
	fmt.Fprintf(c.stdout, "%s %s (%s)\n", done, t.Path(k.GUID), k.GUID)
	return nil
}
