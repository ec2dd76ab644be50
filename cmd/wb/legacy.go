package main

import (
	"flag"

	"github.com/evidence-workbench/workbench/coding"
)

// legacyOptions adapt a verb still registered the old way, with flags
// defined by name and read back with flagStr, flagOn and flagList.
type legacyOptions struct {
	v *verb
	c *call
}

func (l legacyOptions) define(fs *flag.FlagSet) {
	if l.v.flags != nil {
		l.v.flags(fs, l.c)
	}
}

func (legacyOptions) check() error        { return nil }
func (l legacyOptions) run(c *call) error { return l.v.run(c) }

// flagStr returns a string flag's value.
func flagStr(c *call, name string) string { return c.fs.Lookup(name).Value.String() }

// flagOn returns a boolean flag's value.
func flagOn(c *call, name string) bool { return c.fs.Lookup(name).Value.String() == "true" }

// flagList returns a repeatable flag's values.
func flagList(c *call, name string) []string { return *c.fs.Lookup(name).Value.(*listFlag) }

// studyFilterFlags defines the study filter flags shared by the query verbs.
func studyFilterFlags(fs *flag.FlagSet) {
	fs.String("sector", "", "only studies with this sector")
	fs.String("country", "", "only studies with this country")
	fs.String("method", "", "only studies with this method")
	fs.Var(&listFlag{}, "status", "only studies with this review status (repeatable)")
	fs.Bool("reportable", false, "only studies that count in reports (included and later)")
}

// studyFilter reads the study filter flags.
func studyFilter(c *call) (coding.StudyFilter, error) {
	f := coding.StudyFilter{Sector: flagStr(c, "sector"), Country: flagStr(c, "country"),
		Reportable: flagOn(c, "reportable")}
	if m := flagStr(c, "method"); m != "" {
		nm, err := coding.NormaliseMethod(m)
		if err != nil {
			return f, err
		}
		f.Method = nm
	}
	for _, s := range flagList(c, "status") {
		st, err := coding.NormaliseStatus(s)
		if err != nil {
			return f, err
		}
		f.Status = append(f.Status, st)
	}
	return f, nil
}

// coderFilter returns the --coder flag as a filter (none when not given).
func coderFilter(c *call) []string {
	if c.coder == "" {
		return nil
	}
	return []string{c.coder}
}
