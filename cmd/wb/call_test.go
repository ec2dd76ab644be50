package main

import (
	"github.com/evidence-workbench/workbench/coding/merge"
)

// mergeResolutions checks a parsed wb merge call and returns the
// resolutions read from --resolve and --conflict.
func mergeResolutions(c *call) (merge.Resolutions, error) {
	o := c.opts.(*mergeOptions)
	err := o.check()
	return o.res, err
}
