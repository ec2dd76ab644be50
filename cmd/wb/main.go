// Command wb is the headless command-line tool of Evidence Workbench: every
// capability of the desktop program as a verb, for scripts and servers. It
// builds with CGO_ENABLED=0.
//
//	wb VERB [flags] ARGS...   (flags may come before or after the arguments)
//	wb help VERB
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" && len(args) == 1 {
		usage(stdout)
		return 0
	}
	name := args[0]
	if name == "help" {
		name, args = args[1], []string{args[1], "--help"}
	}
	v, ok := verbs[name]
	if !ok {
		fmt.Fprintf(stderr, "wb: unknown verb %q\n\n", name)
		usage(stderr)
		return 2
	}
	c := newCall(ctx, v, stdout, stderr)
	if err := c.parse(args[1:]); err != nil {
		if errors.Is(err, errHelp) {
			c.help(stdout)
			return 0
		}
		fmt.Fprintf(stderr, "wb %s: %v\n", v.name, err)
		c.help(stderr)
		return 2
	}
	err := c.opts.check()
	if err == nil {
		err = c.opts.run(c)
	}
	if err != nil {
		var ex exitError
		if errors.As(err, &ex) {
			if ex.msg != "" {
				fmt.Fprintf(stderr, "wb %s: %s\n", v.name, ex.msg)
			}
			return ex.code
		}
		fmt.Fprintf(stderr, "wb %s: %v\n", v.name, err)
		return 1
	}
	return 0
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "wb: Evidence Workbench on the command line.")
	fmt.Fprintln(w, "\nUsage: wb VERB [flags] ARGS...   (wb help VERB for a verb's flags)")
	fmt.Fprintln(w, "\nVerbs:")
	names := make([]string, 0, len(verbs))
	for n := range verbs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-13s %s\n", n, verbs[n].summary)
	}
	fmt.Fprintln(w, "\nEvery verb takes --json for machine-readable output and --help.")
	fmt.Fprintln(w, "The coder is taken from --coder NAME, else $EWB_CODER, else the identity the desktop program saved.")
}

// exitError ends a verb with a given status and message.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string {
	return strings.TrimSpace(fmt.Sprintf("exit %d: %s", e.code, e.msg))
}
