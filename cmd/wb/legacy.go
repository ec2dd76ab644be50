package main

import (
	"flag"
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
