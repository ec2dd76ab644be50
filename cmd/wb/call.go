package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// verb is one command of the tool. Each verb lives in its own verb_*.go
// file and registers itself in init.
type verb struct {
	name    string         // as typed
	args    string         // positional argument synopsis, e.g. "FILE STUDY"
	summary string         // one line for the verb list
	help    string         // longer description (optional)
	nargs   [2]int         // minimum and maximum positional arguments (-1 = unbounded)
	opts    func() options // a fresh value of the verb's options
}

// options are a verb's own flags as a typed struct, e.g. segmentsOptions.
// The life of one invocation: define binds the fields to the flag set, the
// command line is parsed, check turns the raw strings into typed values
// (once, before any project is opened) and run does the work.
//
// An error from check is reported like one from run: status 1, or the
// status of an exitError (usage errors are exitError{code: 2}).
type options interface {
	define(fs *flag.FlagSet)
	check() error
	run(c *call) error
}

// noFlags are the options of a verb with only the common flags (--json,
// --coder): just its run function.
type noFlags func(c *call) error

func (noFlags) define(*flag.FlagSet) {}
func (noFlags) check() error         { return nil }
func (f noFlags) run(c *call) error  { return f(c) }

// withoutFlags registers run as a verb without flags of its own.
func withoutFlags(run func(c *call) error) func() options {
	return func() options { return noFlags(run) }
}

var verbs = map[string]*verb{}

func register(v *verb) { verbs[v.name] = v }

var errHelp = errors.New("help requested")

// usageError is a usage error: status 2 and a plain message.
func usageError(format string, a ...any) error {
	return exitError{code: 2, msg: fmt.Sprintf(format, a...)}
}

// call is one invocation of a verb: its options, arguments and output.
type call struct {
	ctx    context.Context
	v      *verb
	fs     *flag.FlagSet
	opts   options
	args   []string
	json   bool
	coder  string
	stdout io.Writer
	stderr io.Writer
}

func newCall(ctx context.Context, v *verb, stdout, stderr io.Writer) *call {
	c := &call{ctx: ctx, v: v, stdout: stdout, stderr: stderr, opts: v.opts()}
	c.fs = flag.NewFlagSet("wb "+v.name, flag.ContinueOnError)
	c.fs.SetOutput(io.Discard)
	c.fs.BoolVar(&c.json, "json", false, "print machine-readable JSON")
	c.fs.StringVar(&c.coder, "coder", "", "coder name for changes (default: $EWB_CODER, the saved identity, or your account's name)")
	c.opts.define(c.fs)
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

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ", ") }

// Set appends a value.
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// optString is a string flag that knows whether it was given, for flags
// where an empty value means something ("--judgement ”" clears).
type optString struct {
	v   string
	set bool
}

func (o *optString) String() string { return o.v }

// Set records the value.
func (o *optString) Set(v string) error { o.v, o.set = v, true; return nil }

// optInt is an int flag that knows whether it was given.
type optInt struct {
	v   int
	set bool
}

func (o *optInt) String() string { return strconv.Itoa(o.v) }

// Set parses the value as the flag package does for int flags.
func (o *optInt) Set(v string) error {
	n, err := strconv.ParseInt(v, 0, strconv.IntSize)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return errors.New("value out of range")
		}
		return errors.New("parse error")
	}
	o.v, o.set = int(n), true
	return nil
}

// splitComma splits a comma-separated flag value, dropping empty items.
func splitComma(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// studyFlags are the study filter flags shared by the query verbs.
type studyFlags struct {
	sector, country, method string
	status                  listFlag
	reportable              bool
	value                   coding.StudyFilter // set by check
}

func (s *studyFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&s.sector, "sector", "", "only studies with this sector")
	fs.StringVar(&s.country, "country", "", "only studies with this country")
	fs.StringVar(&s.method, "method", "", "only studies with this method")
	fs.Var(&s.status, "status", "only studies with this review status (repeatable)")
	fs.BoolVar(&s.reportable, "reportable", false, "only studies that count in reports (included and later)")
}

// check normalises the method and statuses into the filter.
func (s *studyFlags) check() error {
	s.value = coding.StudyFilter{Sector: s.sector, Country: s.country, Reportable: s.reportable}
	if s.method != "" {
		m, err := coding.NormaliseMethod(s.method)
		if err != nil {
			return err
		}
		s.value.Method = m
	}
	for _, st := range s.status {
		n, err := coding.NormaliseStatus(st)
		if err != nil {
			return err
		}
		s.value.Status = append(s.value.Status, n)
	}
	return nil
}

// identity returns the coder for changes made by this call: --coder, else
// $EWB_CODER, else the identity the desktop program saved, else the
// operating-system account's full name (with a note on stderr, so a first
// run works without setting anything up).
func (c *call) identity() (corpus.Coder, error) {
	name := c.coder
	if name == "" {
		name = os.Getenv("EWB_CODER")
	}
	saved, err := corpus.LoadIdentity()
	if name == "" {
		if err == nil {
			return saved, nil
		}
		name = accountName()
		c.note("no coder given: changes are made as %q (your account's name); pass --coder NAME or set EWB_CODER to choose", name)
		return corpus.CoderNamed(name), nil
	}
	if err == nil && strings.EqualFold(saved.Name, name) {
		return saved, nil
	}
	return corpus.CoderNamed(name), nil
}

// accountName is the operating-system account's full name, else its user
// name, else "Unknown coder".
func accountName() string {
	if u, err := user.Current(); err == nil {
		// The full name is the first field of the GECOS entry ("Ana Reyes,,,").
		if full, _, _ := strings.Cut(u.Name, ","); strings.TrimSpace(full) != "" {
			return strings.TrimSpace(full)
		}
		if u.Username != "" {
			return u.Username
		}
	}
	for _, v := range []string{"USER", "USERNAME", "LOGNAME"} {
		if n := strings.TrimSpace(os.Getenv(v)); n != "" {
			return n
		}
	}
	return "Unknown coder"
}

// open opens the project named by the first argument: read-only (beside a
// program editing it, in a place that cannot be written) or, for a verb
// that changes it, for writing with the coder set. A project that cannot
// be written (held by another program, damaged, in a read-only place) is
// refused with a message naming the file, before any work is done.
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

// coderFilter returns the --coder flag as a filter (none when not given).
func (c *call) coderFilter() []string {
	if c.coder == "" {
		return nil
	}
	return []string{c.coder}
}

// resolveCodes turns code references into GUIDs.
func resolveCodes(t *coding.CodeTree, refs []string) ([]string, error) {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		c, err := t.Resolve(r)
		if err != nil {
			return nil, err
		}
		out = append(out, c.GUID)
	}
	return out, nil
}

// resolveCoders turns coder names (or GUIDs) into GUIDs.
func resolveCoders(p *corpus.Project, names []string) ([]string, error) {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if cd, ok := p.CoderByName(n); ok {
			out = append(out, cd.GUID)
			continue
		}
		cs, _ := p.Coders()
		found := false
		for _, cd := range cs {
			if cd.GUID == strings.ToLower(strings.TrimSpace(n)) {
				out, found = append(out, cd.GUID), true
			}
		}
		if !found {
			return nil, fmt.Errorf("no coder named %q in this project", n)
		}
	}
	return out, nil
}

// resolveStudies turns study references into GUIDs.
func resolveStudies(p *corpus.Project, refs []string) ([]string, error) {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		s, err := p.ResolveStudy(r)
		if err != nil {
			return nil, err
		}
		out = append(out, s.GUID)
	}
	return out, nil
}
