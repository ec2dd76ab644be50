package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/coding/refi"
)

func init() {
	register(&verb{
		name: "export-qdpx", args: "FILE OUT.qdpx", nargs: [2]int{2, 2},
		summary: "export the whole project as a REFI-QDA project (.qdpx) for other QDA programs",
		help: `Writes coders (users), the codebook (GUIDs, hierarchy, colours; definition, inclusion and
exclusion in the description), every study as a PDF source with its PDF and extracted text,
every coding as a selection (code-point positions) with its coder and time, memos as notes,
and study attributes as variables with one case per study. Appraisals have no REFI-QDA form
and are not exported. The file is written through a temporary file, so a failed export
leaves nothing behind.`,
		opts: withoutFlags(runExportQDPX),
	})
	register(&verb{
		name: "import-qdpx", args: "FILE IN.qdpx", nargs: [2]int{2, 2},
		summary: "import a REFI-QDA project (.qdpx) into the project as one undoable action",
		help: `Brings in users as coders, the code tree (GUIDs kept; a code with the path of an existing one
but another GUID goes onto the existing code), text and PDF sources as studies (a PDF source
with its PDF; a text source stored as a .txt file), every coding with its GUID, range, coder
and time, notes as memos, and variable values whose names match study attributes. What cannot
be imported (pictures, audio, video, other variables, project notes) is listed. Importing the
same file again adds nothing. Start from an empty project with "wb new --template none FILE".

Each coded passage of a REFI-QDA file names a user twice: on the selection (who marked the passage)
and on its coding. Real files disagree: NVivo names the exporting user on every coding and the coder
on the selection. --coder-from coding (default) credits each coding to the user on the coding,
--coder-from selection to the user who made the selection; the summary says how many selections
name another user than their coding.`,
		opts: func() options { return &importQDPXOptions{} },
	})
}

// refiProgress draws a progress bar for REFI stages on a terminal.
func refiProgress(c *call) (func(refi.Progress), *progressBar) {
	bar := newProgressBar(c.stderr, !c.json && isTerminal(os.Stderr))
	return func(pr refi.Progress) { bar.update(pr.Done, pr.Total, pr.Stage) }, bar
}

func runExportQDPX(c *call) error {
	out := c.args[1]
	if !strings.EqualFold(filepath.Ext(out), ".qdpx") {
		return exitError{code: 2, msg: fmt.Sprintf("%s: the output file name must end in .qdpx", out)}
	}
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	progress, bar := refiProgress(c)
	err = exchange.ExportQDPX(c.ctx, p, out, progress)
	bar.done()
	if err != nil {
		return err
	}
	st, err := coding.Stats(p)
	if err != nil {
		return err
	}
	info, err := os.Stat(out)
	if err != nil {
		return err
	}
	if c.json {
		return c.printJSON(map[string]any{"file": out, "bytes": info.Size(), "studies": st.Studies, "codes": st.Codes,
			"codings": st.Codings, "areas": st.Areas, "coders": st.Coders, "memos": st.Memos})
	}
	areas := ""
	if st.Areas > 0 {
		areas = fmt.Sprintf(", %d area codings", st.Areas)
	}
	fmt.Fprintf(c.stdout, "Wrote %s (%d bytes): %d studies, %d codes, %d codings%s, %d coders, %d memos\n",
		out, info.Size(), st.Studies, st.Codes, st.Codings, areas, st.Coders, st.Memos)
	return nil
}

// importQDPXOptions are wb import-qdpx's flags.
type importQDPXOptions struct {
	coderFrom string
}

func (o *importQDPXOptions) define(fs *flag.FlagSet) {
	fs.StringVar(&o.coderFrom, "coder-from", exchange.CoderFromCoding, "whose work each coded selection is: coding (the user on the coding) or selection (who made it)")
}

func (o *importQDPXOptions) check() error {
	from, err := exchange.ParseCoderFrom(o.coderFrom)
	if err != nil {
		return usageError("--coder-from %s: write selection or coding", o.coderFrom)
	}
	o.coderFrom = from
	return nil
}

func (o *importQDPXOptions) run(c *call) error {
	p, err := c.open(true)
	if err != nil {
		return err
	}
	defer p.Close()
	progress, bar := refiProgress(c)
	rep, err := exchange.ImportQDPXWith(c.ctx, p, c.args[1], exchange.QDPXImportOptions{CoderFrom: o.coderFrom, Progress: progress})
	bar.done()
	if err != nil {
		return err
	}
	if c.json {
		if rep.Warnings == nil {
			rep.Warnings = []string{}
		}
		return c.printJSON(rep)
	}
	w := c.table()
	fmt.Fprintf(w, "From\t%s (%s)\n", filepath.Base(rep.File), rep.Origin)
	fmt.Fprintf(w, "Coders\t%d in the file, %d new\n", rep.Users, rep.CodersAdded)
	fmt.Fprintf(w, "Codes\t%d in the file, %d added, %d updated\n", rep.Codes, rep.CodesAdded, rep.CodesUpdated)
	fmt.Fprintf(w, "Studies\t%d sources, %d added (%d with PDF, %d text only), %d already here\n",
		rep.Sources, rep.StudiesAdded, rep.PDFs, rep.TextOnly, rep.StudiesExisting)
	fmt.Fprintf(w, "Codings\t%d imported, %d already here, %d not imported\n", rep.Codings, rep.CodingsExisting, rep.CodingsSkipped)
	if rep.Areas+rep.AreasExisting+rep.AreasSkipped > 0 {
		fmt.Fprintf(w, "Areas\t%d imported, %d already here, %d not imported\n", rep.Areas, rep.AreasExisting, rep.AreasSkipped)
	}
	fmt.Fprintf(w, "Memos\t%d\n", rep.Memos)
	fmt.Fprintf(w, "Attributes\t%d studies\n", rep.Attributes)
	if rep.Unsupported > 0 {
		fmt.Fprintf(w, "Not imported\t%d picture, audio or video sources\n", rep.Unsupported)
	}
	w.Flush()
	if note := rep.CoderNote(); note != "" {
		other := exchange.CoderFromSelection
		if rep.CoderFrom == exchange.CoderFromSelection {
			other = exchange.CoderFromCoding
		}
		fmt.Fprintf(c.stdout, "\nWhose work (--coder-from %s): %s To credit them the other way, import into a new project with --coder-from %s.\n",
			rep.CoderFrom, note, other)
	}
	if len(rep.Warnings) > 0 {
		fmt.Fprintf(c.stdout, "\nNot imported as-is (%d):\n", len(rep.Warnings))
		for _, s := range rep.Warnings {
			fmt.Fprintf(c.stdout, "  - %s\n", s)
		}
	}
	return nil
}
