package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
)

func init() {
	register(&verb{
		name: "code", args: "FILE", nargs: [2]int{1, 1},
		summary: "code passages of a study (by range or matching text), list, remove or verify codings",
		help: `--study S --code C --range START:END codes the passage from code point START (counted
from 0) up to END of the study's text; --match TEXT codes the first place where TEXT occurs
(ignoring case and differences in spaces and line breaks), --all every place, as one
undoable action. S is a study GUID or a unique title prefix; C is a code GUID, name or path
("Parent/Child"). --memo adds a note to the coding. The coder is --coder NAME, $EWB_CODER or
the saved identity. With --study alone, lists the study's codings.

--remove G deletes the coding with GUID G (one undoable action). --verify checks that every
coding's stored quote still matches the text at its offsets (of --study, or of all studies)
and lists the ones that do not; the status is 1 when there are any.`,
		flags: func(fs *flag.FlagSet, c *call) {
			fs.String("study", "", "study GUID or unique title prefix")
			fs.String("code", "", "code GUID, name or path")
			fs.String("range", "", "START:END code points of the passage")
			fs.String("match", "", "code where this text occurs")
			fs.Bool("all", false, "with --match, code every occurrence")
			fs.String("memo", "", "note on the new coding(s)")
			fs.String("remove", "", "delete the coding with this GUID")
			fs.Bool("verify", false, "list codings whose quote no longer matches the text")
		},
		run: runCode,
	})
}

// parseRange reads "START:END".
func parseRange(s string) (int, int, error) {
	a, b, ok := strings.Cut(s, ":")
	start, err1 := strconv.Atoi(strings.TrimSpace(a))
	end, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil {
		return 0, 0, exitError{code: 2, msg: fmt.Sprintf("--range %q: write START:END, for example 120:245", s)}
	}
	return start, end, nil
}

// codingJSON is a coding in --json output.
type codingJSON struct {
	GUID      string `json:"guid"`
	Study     string `json:"study"`
	Code      string `json:"code"`
	CodePath  string `json:"code_path"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Quote     string `json:"quote"`
	Coder     string `json:"coder"`
	CreatedAt string `json:"created_at"`
	Memo      string `json:"memo"`
}

func toCodingJSON(cd coding.Coding, t *coding.CodeTree) codingJSON {
	return codingJSON{GUID: cd.GUID, Study: cd.Study, Code: cd.Code, CodePath: t.Path(cd.Code), Start: cd.Start, End: cd.End,
		Quote: cd.Quote, Coder: cd.Coder, CreatedAt: cd.CreatedAt.UTC().Format("2006-01-02T15:04:05Z"), Memo: cd.Memo}
}

func runCode(c *call) error {
	studyRef, codeRef, rng, match := flagStr(c, "study"), flagStr(c, "code"), flagStr(c, "range"), flagStr(c, "match")
	if setFlag(c, "remove") || flagOn(c, "verify") {
		if codeRef != "" || rng != "" || match != "" || setFlag(c, "remove") && flagOn(c, "verify") {
			return exitError{code: 2, msg: "--remove and --verify go alone (--verify with an optional --study)"}
		}
		if setFlag(c, "remove") {
			return removeCoding(c, flagStr(c, "remove"))
		}
		return verifyCodings(c, studyRef)
	}
	if studyRef == "" {
		return exitError{code: 2, msg: "--study is required"}
	}
	list := codeRef == "" && rng == "" && match == ""
	if !list {
		switch {
		case codeRef == "":
			return exitError{code: 2, msg: "--code is required"}
		case (rng == "") == (match == ""):
			return exitError{code: 2, msg: "give either --range START:END or --match TEXT"}
		case flagOn(c, "all") && match == "":
			return exitError{code: 2, msg: "--all goes with --match"}
		}
	}
	p, err := c.open(!list)
	if err != nil {
		return err
	}
	defer p.Close()
	s, err := p.ResolveStudy(studyRef)
	if err != nil {
		return err
	}
	t, err := coding.LoadCodeTree(p)
	if err != nil {
		return err
	}
	if list {
		cs, err := coding.CodingsOfStudy(p, s.GUID)
		if err != nil {
			return err
		}
		return printCodings(c, t, s.Title, cs, 0)
	}
	code, err := t.Resolve(codeRef)
	if err != nil {
		return err
	}
	var res coding.BulkResult
	if rng != "" {
		start, end, err := parseRange(rng)
		if err != nil {
			return err
		}
		cd, err := coding.ApplyCode(p, s.GUID, code.GUID, start, end, flagStr(c, "memo"))
		if err != nil {
			return err
		}
		res.Added = []coding.Coding{cd}
	} else {
		res, err = coding.ApplyCodeToMatches(p, s.GUID, code.GUID, match, flagOn(c, "all"), flagStr(c, "memo"))
		if err != nil {
			return err
		}
		if len(res.Added) == 0 {
			return fmt.Errorf("every occurrence of %q already has the code %q from you: %w", match, t.Path(code.GUID), coding.ErrDuplicateCoding)
		}
	}
	return printCodings(c, t, s.Title, res.Added, res.Skipped)
}

func printCodings(c *call, t *coding.CodeTree, title string, cs []coding.Coding, skipped int) error {
	if c.json {
		out := make([]codingJSON, len(cs))
		for i, cd := range cs {
			out[i] = toCodingJSON(cd, t)
		}
		return c.printJSON(map[string]any{"codings": out, "skipped": skipped})
	}
	if len(cs) == 0 {
		fmt.Fprintf(c.stdout, "%s has no codings.\n", title)
		return nil
	}
	w := c.table()
	fmt.Fprintln(w, "RANGE\tCODE\tQUOTE\tGUID")
	for _, cd := range cs {
		fmt.Fprintf(w, "%d:%d\t%s\t%s\t%s\n", cd.Start, cd.End, t.Path(cd.Code), shortQuote(cd.Quote, 60), cd.GUID)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if skipped > 0 {
		fmt.Fprintf(c.stdout, "%d occurrence(s) already had the code and were skipped.\n", skipped)
	}
	return nil
}

// shortQuote shows a quote on one line, cut to n code points.
func shortQuote(q string, n int) string {
	q = strings.Join(strings.Fields(q), " ")
	if r := []rune(q); len(r) > n {
		q = string(r[:n-1]) + "…"
	}
	return strconv.Quote(q)
}

func removeCoding(c *call, guid string) error {
	p, err := c.open(true)
	if err != nil {
		return err
	}
	defer p.Close()
	cd, err := coding.GetCoding(p, strings.TrimSpace(guid))
	if err != nil {
		return err
	}
	if err := coding.RemoveCoding(p, cd.GUID); err != nil {
		return err
	}
	if c.json {
		return c.printJSON(map[string]any{"removed": cd.GUID, "study": cd.Study, "start": cd.Start, "end": cd.End})
	}
	fmt.Fprintf(c.stdout, "Removed coding %s (%d:%d %s)\n", cd.GUID, cd.Start, cd.End, shortQuote(cd.Quote, 60))
	return nil
}

func verifyCodings(c *call, studyRef string) error {
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	study := ""
	if studyRef != "" {
		s, err := p.ResolveStudy(studyRef)
		if err != nil {
			return err
		}
		study = s.GUID
	}
	ms, err := coding.VerifyCodingsContext(c.ctx, p, study, nil)
	if err != nil {
		return err
	}
	if c.json {
		out := make([]map[string]any, len(ms))
		for i, m := range ms {
			out[i] = map[string]any{"coding": m.GUID, "study": m.Study, "start": m.Start, "end": m.End, "quote": m.Quote, "found": m.Found}
		}
		if err := c.printJSON(map[string]any{"ok": len(ms) == 0, "mismatches": out}); err != nil {
			return err
		}
	} else if len(ms) == 0 {
		fmt.Fprintln(c.stdout, "Every coding matches its text.")
	} else {
		w := c.table()
		fmt.Fprintln(w, "CODING\tRANGE\tQUOTE\tTEXT NOW")
		for _, m := range ms {
			fmt.Fprintf(w, "%s\t%d:%d\t%s\t%s\n", m.GUID, m.Start, m.End, shortQuote(m.Quote, 40), shortQuote(m.Found, 40))
		}
		if err := w.Flush(); err != nil {
			return err
		}
	}
	if len(ms) > 0 {
		return exitError{code: 1, msg: fmt.Sprintf("%d coding(s) no longer match their text", len(ms))}
	}
	return nil
}
