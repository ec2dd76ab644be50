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
	"syscall"
	"time"

	"github.com/evidence-workbench/workbench/coding/merge"
)

func main() {
	ctx, stop := signalContext(context.Background())
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// signalContext cancels the context on Ctrl+C (SIGINT), SIGTERM or SIGHUP,
// so the work in progress stops, rolls back and removes its temporary
// files before the program exits; a second signal ends it at once.
func signalContext(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			cancel(interrupted{s})
		case <-done:
			return
		}
		select {
		case s := <-sigs:
			os.Exit(interrupted{s}.status())
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		close(done)
		cancel(nil)
	}
}

// interrupted is the cause of a context cancelled by a signal.
type interrupted struct{ sig os.Signal }

func (i interrupted) Error() string { return "interrupted (" + i.sig.String() + ")" }

// status is the shell's exit status for a program ended by the signal.
func (i interrupted) status() int {
	if s, ok := i.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 130
}

// staleTemp is how old a temporary folder left by a killed run must be
// before a later run removes it.
const staleTemp = 24 * time.Hour

// run executes one command line and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	merge.RemoveStaleTemp(staleTemp)
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
		if c.json || wantsJSON(args) {
			c.json = true
			return c.fail(exitError{code: 2, msg: err.Error()})
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
		return c.fail(err)
	}
	return 0
}

// wantsJSON reports whether --json is among the arguments (for errors met
// before the flags are parsed).
func wantsJSON(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if a == "--json" || a == "-json" || a == "--json=true" {
			return true
		}
	}
	return false
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
	fmt.Fprintln(w, "\nEvery verb takes --json for machine-readable output and --help. With --json, an error is a")
	fmt.Fprintln(w, "JSON object on stderr: {\"error\": ..., \"kind\": ..., \"file\": ..., \"verb\": ..., \"status\": ...}.")
	fmt.Fprintln(w, "The coder is taken from --coder NAME, else $EWB_CODER, else the identity the desktop program saved,")
	fmt.Fprintln(w, "else your account's full name (with a note on stderr).")
}

// exitError ends a verb with a given status and message.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string {
	return strings.TrimSpace(fmt.Sprintf("exit %d: %s", e.code, e.msg))
}
