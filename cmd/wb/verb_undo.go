package main

import (
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/evidence-workbench/workbench/corpus"
)

func init() {
	register(&verb{
		name: "undo", args: "FILE", nargs: [2]int{1, 1},
		summary: "undo the project's most recent action (the same undo history as the desktop program)",
		help: `Reverts the most recent action that is not undone yet, whoever made it and in whichever program
(a wrong "wb attributes --import", a coding made in the desktop program), and says what it was,
by whom and when. "wb redo FILE" makes it again; "wb history FILE" lists the actions.
With --json: the action, the studies it touched (null when it bears on every study, as a
codebook change does) and the labels of the next undo and redo.`,
		opts: withoutFlags(func(c *call) error { return runReplay(c, true) }),
	})
	register(&verb{
		name: "redo", args: "FILE", nargs: [2]int{1, 1},
		summary: "redo the most recently undone action",
		opts:    withoutFlags(func(c *call) error { return runReplay(c, false) }),
	})
	register(&verb{
		name: "history", args: "FILE", nargs: [2]int{1, 1},
		summary: "list the project's actions, newest first: what, by whom, when, and whether undone",
		opts:    func() options { return &historyOptions{} },
	})
}

// actionJSON is one entry of the undo history as --json prints it.
type actionJSON struct {
	Seq       int64     `json:"seq"`
	Label     string    `json:"label"`
	Coder     string    `json:"coder"`
	CoderGUID string    `json:"coder_guid"`
	At        time.Time `json:"at"`
	Undone    bool      `json:"undone"`
}

// coderNames maps the project's coder GUIDs to names.
func coderNames(p *corpus.Project) map[string]string {
	out := map[string]string{}
	cs, _ := p.Coders()
	for _, cd := range cs {
		out[cd.GUID] = cd.Name
	}
	return out
}

func toJSON(a corpus.Action, names map[string]string) actionJSON {
	name := names[a.Coder]
	if name == "" {
		name = "unknown coder"
	}
	return actionJSON{Seq: a.Seq, Label: a.Label, Coder: name, CoderGUID: a.Coder, At: a.At, Undone: a.Undone}
}

// when formats an action's time for a sentence.
func when(t time.Time) string { return t.Local().Format("2 Jan 2006 15:04:05") }

func runReplay(c *call, undo bool) error {
	// Undo and redo are not attributed to anyone: no coder is needed.
	p, err := corpus.Open(c.args[0], corpus.Options{})
	if err != nil {
		return err
	}
	defer p.Close()
	var a corpus.Action
	if undo {
		a, err = p.Undo(c.ctx)
	} else {
		a, err = p.Redo(c.ctx)
	}
	if errors.Is(err, corpus.ErrNothingToUndo) || errors.Is(err, corpus.ErrNothingToRedo) {
		return exitError{code: 1, msg: fmt.Sprintf("%s: %v", p.Path(), err)}
	}
	if err != nil {
		return err
	}
	j := toJSON(a, coderNames(p))
	if c.json {
		verb := "redone"
		if undo {
			verb = "undone"
		}
		return c.printJSON(map[string]any{"file": p.Path(), verb: j, "studies": a.Studies, "next_undo": p.CanUndo(), "next_redo": p.CanRedo()})
	}
	verb := "Redid"
	if undo {
		verb = "Undid"
	}
	fmt.Fprintf(c.stdout, "%s %q (by %s, %s)\n", verb, j.Label, j.Coder, when(j.At))
	if undo {
		if next := p.CanUndo(); next != "" {
			fmt.Fprintf(c.stdout, "Next to undo: %q. \"wb redo %s\" makes it again.\n", next, p.Path())
		} else {
			fmt.Fprintf(c.stdout, "Nothing more to undo. \"wb redo %s\" makes it again.\n", p.Path())
		}
	}
	return nil
}

// historyOptions are the flags of wb history.
type historyOptions struct {
	limit int
}

func (o *historyOptions) define(fs *flag.FlagSet) {
	fs.IntVar(&o.limit, "limit", 20, "show at most this many actions (0: all)")
}

func (o *historyOptions) check() error {
	if o.limit < 0 {
		return usageError("--limit must be 0 or more")
	}
	return nil
}

func (o *historyOptions) run(c *call) error {
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	acts, err := p.History(o.limit)
	if err != nil {
		return err
	}
	names := coderNames(p)
	if c.json {
		out := make([]actionJSON, len(acts))
		for i, a := range acts {
			out[i] = toJSON(a, names)
		}
		return c.printJSON(out)
	}
	if len(acts) == 0 {
		fmt.Fprintf(c.stdout, "%s: no actions yet\n", p.Path())
		return nil
	}
	w := c.table()
	fmt.Fprintln(w, "#\tWHEN\tCODER\tACTION\tSTATE")
	for _, a := range acts {
		j := toJSON(a, names)
		state := ""
		if a.Undone {
			state = "undone (redo makes it again)"
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", a.Seq, when(a.At), j.Coder, clip(a.Label, 60), state)
	}
	return w.Flush()
}
