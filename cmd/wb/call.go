package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/evidence-workbench/workbench/corpus"
)

// verb is one command of the tool. Each verb lives in its own verb_*.go
// file and registers itself in init.
type verb struct {
	name    string                          // as typed
	args    string                          // positional argument synopsis, e.g. "FILE STUDY"
	summary string                          // one line for the verb list
	help    string                          // longer description (optional)
	nargs   [2]int                          // minimum and maximum positional arguments (-1 = unbounded)
	flags   func(fs *flag.FlagSet, c *call) // defines the verb's own flags
	run     func(c *call) error             // does the work
}

var verbs = map[string]*verb{}

func register(v *verb) { verbs[v.name] = v }

var errHelp = errors.New("help requested")

// call is one invocation of a verb: parsed flags, arguments and output.
type call struct {
	ctx    context.Context
	v      *verb
	fs     *flag.FlagSet
	args   []string
	json   bool
	coder  string
	stdout io.Writer
	stderr io.Writer
}

func newCall(ctx context.Context, v *verb, stdout, stderr io.Writer) *call {
	c := &call{ctx: ctx, v: v, stdout: stdout, stderr: stderr}
	c.fs = flag.NewFlagSet("wb "+v.name, flag.ContinueOnError)
	c.fs.SetOutput(io.Discard)
	c.fs.BoolVar(&c.json, "json", false, "print machine-readable JSON")
	c.fs.StringVar(&c.coder, "coder", "", "coder name for changes (default: $EWB_CODER or the saved identity)")
	if v.flags != nil {
		v.flags(c.fs, c)
	}
	return c
}

// parse accepts flags before, between and after the positional arguments.
func (c *call) parse(args []string) error {
	var pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) < 2 || a[0] != '-' {
			pos = append(pos, a)
			continue
		}
		name := strings.TrimLeft(a, "-")
		if name == "h" || name == "help" {
			return errHelp
		}
		fl := []string{a}
		if !strings.Contains(name, "=") {
			f := c.fs.Lookup(name)
			if f == nil {
				return fmt.Errorf("unknown flag %s", a)
			}
			if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !bf.IsBoolFlag() {
				if i+1 >= len(args) {
					return fmt.Errorf("flag %s needs a value", a)
				}
				fl = append(fl, args[i+1])
				i++
			}
		}
		if err := c.fs.Parse(fl); err != nil {
			return err
		}
	}
	lo, hi := c.v.nargs[0], c.v.nargs[1]
	if len(pos) < lo || (hi >= 0 && len(pos) > hi) {
		return fmt.Errorf("expected %s", c.v.args)
	}
	c.args = pos
	return nil
}

func (c *call) help(w io.Writer) {
	fmt.Fprintf(w, "Usage: wb %s [flags] %s\n\n%s\n", c.v.name, c.v.args, c.v.summary)
	if c.v.help != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.v.help))
	}
	fmt.Fprintln(w, "\nFlags:")
	c.fs.VisitAll(func(f *flag.Flag) {
		def := ""
		if f.DefValue != "" && f.DefValue != "false" {
			def = fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "  --%-14s %s%s\n", f.Name, f.Usage, def)
	})
}

// printJSON writes v as indented JSON.
func (c *call) printJSON(v any) error {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// table returns a tab-aligned writer; call Flush when done.
func (c *call) table() *tabwriter.Writer {
	return tabwriter.NewWriter(c.stdout, 2, 4, 2, ' ', 0)
}

// identity returns the coder for changes made by this call.
func (c *call) identity() (corpus.Coder, error) {
	name := c.coder
	if name == "" {
		name = os.Getenv("EWB_CODER")
	}
	saved, err := corpus.LoadIdentity()
	if name == "" {
		if err != nil {
			return corpus.Coder{}, fmt.Errorf("no coder: pass --coder NAME or set EWB_CODER (%v)", err)
		}
		return saved, nil
	}
	if err == nil && strings.EqualFold(saved.Name, name) {
		return saved, nil
	}
	return corpus.CoderNamed(name), nil
}

// open opens the project named by the first argument. Writing verbs also set the coder.
func (c *call) open(write bool) (*corpus.Project, error) {
	p, err := corpus.Open(c.args[0], corpus.Options{ReadOnly: !write})
	if err != nil {
		return nil, err
	}
	if write {
		id, err := c.identity()
		if err != nil {
			p.Close()
			return nil, err
		}
		if known, ok := p.CoderByName(id.Name); ok {
			id = known
		}
		if err := p.SetCoder(id); err != nil {
			p.Close()
			return nil, err
		}
	}
	return p, nil
}
