package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evidence-workbench/workbench/corpus"
)

func init() {
	register(&verb{
		name: "import", args: "FILE PDF-or-FOLDER...", nargs: [2]int{2, -1},
		summary: "import PDFs (files or whole folders, recursively) as studies",
		help: `Each PDF is read on all cores; its text is extracted and the PDF is stored in the project.
The same PDF twice (by SHA-256) is reported as a duplicate, not added again. A file whose pages
lost text (damaged data, characters that could not be decoded) is imported with status warning and
a message naming the pages; a scan without a text layer gets warning too ("scanned, no text").
A run with failed files still imports the good ones; the exit status is non-zero only when nothing
could be imported. --password opens password-protected files (tried on each file of the run).
With --json, one record per input file: path, status (ok, duplicate, warning, failed), message,
study (GUID), pages, page_stats (per page: glyphs drawn, chars read, unreadable, images, no_text,
damaged, failed) and unreadable (the share of the file's characters that could not be read).`,
		opts: func() options { return &importOptions{} },
	})
}

// importOptions are wb import's flags.
type importOptions struct {
	password string
}

func (o *importOptions) define(fs *flag.FlagSet) {
	fs.StringVar(&o.password, "password", "", "password of protected PDFs")
}

func (o *importOptions) check() error { return nil }

func (o *importOptions) run(c *call) error {
	p, err := c.open(true)
	if err != nil {
		return err
	}
	defer p.Close()
	files, err := corpus.CollectPDFs(c.args[1:])
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return exitError{code: 1, msg: "no PDF files found in " + strings.Join(c.args[1:], ", ")}
	}
	bar := newProgressBar(c.stderr, !c.json && isTerminal(os.Stderr))
	results, runErr := p.Import(c.ctx, files, corpus.ImportOptions{Password: o.password}, func(pr corpus.ImportProgress) {
		bar.update(pr.FilesDone, pr.Files, fmt.Sprintf("%d pages", pr.Pages))
	})
	bar.done()
	counts := map[string]int{}
	for _, r := range results {
		counts[r.Status]++
	}
	if c.json {
		if err := c.printJSON(results); err != nil {
			return err
		}
	} else {
		w := c.table()
		fmt.Fprintln(w, "STATUS\tPAGES\tFILE\tMESSAGE")
		for _, r := range results {
			fmt.Fprintf(w, "%s\t%d\t%s\t%s\n", r.Status, r.Pages, filepath.Base(r.Path), r.Message)
		}
		w.Flush()
		fmt.Fprintf(c.stdout, "\n%d files: %d ok, %d with warnings, %d duplicates, %d failed\n",
			len(results), counts[corpus.ImportOK], counts[corpus.ImportWarning], counts[corpus.ImportDuplicate], counts[corpus.ImportFailed])
	}
	if runErr != nil {
		return runErr
	}
	if counts[corpus.ImportOK]+counts[corpus.ImportWarning] == 0 && counts[corpus.ImportDuplicate] < len(results) {
		return exitError{code: 1, msg: "nothing could be imported"}
	}
	return nil
}
