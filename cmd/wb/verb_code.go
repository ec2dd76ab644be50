package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

func init() {
	register(&verb{
		name: "code", args: "FILE", nargs: [2]int{1, 1},
		summary: "code passages of a study (by range or matching text) or areas of its pages; list, remove or verify codings",
		help: `--study S --code C --range START:END codes the passage from code point START (counted
from 0) up to END of the study's text; --match TEXT codes the first place where TEXT occurs
(ignoring case and differences in spaces and line breaks), --all every place, as one
undoable action. S is a study GUID or a unique title prefix; C is a code GUID, name or path
("Parent/Child"). --memo adds a note to the coding. The coder is --coder NAME, $EWB_CODER or
the saved identity. With --study alone, lists the study's codings and area codings.

--area PAGE:X1,Y1,X2,Y2 codes a rectangle of a page of the study's PDF (a table, a figure, a
photo) instead of a passage: PAGE counts from 1; X1,Y1 and X2,Y2 are two opposite corners in PDF
points (1/72 inch) measured from the top-left corner of the page as a PDF viewer shows it (crop
box and rotation applied), x to the right and y downwards, as wb page draws it (at 72 dpi one
pixel is one point). For example --area 3:72,90,540,300 is a band across the top of page 3 of a
Letter page. --label says what the area shows ("table", "figure"). The rectangle is checked
against the page (reading the PDF); an edge less than a point outside is clipped.

--remove G deletes the coding or area coding with GUID G (one undoable action). --verify
checks that every coding's stored quote still matches the text at its offsets (of --study, or
of all studies) and lists the ones that do not; the status is 1 when there are any.`,
		opts: func() options { return &codeOptions{} },
	})
}

// codeOptions are the flags of wb code.
type codeOptions struct {
	study, code, rng, match string
	all, verify             bool
	memo                    string
	remove                  optString
	start, end              int // --range, set by check
	area, label             string
	place                   areaArg // --area, set by check
}

func (o *codeOptions) define(fs *flag.FlagSet) {
	fs.StringVar(&o.study, "study", "", "study GUID or unique title prefix")
	fs.StringVar(&o.code, "code", "", "code GUID, name or path")
	fs.StringVar(&o.rng, "range", "", "START:END code points of the passage")
	fs.StringVar(&o.match, "match", "", "code where this text occurs")
	fs.BoolVar(&o.all, "all", false, "with --match, code every occurrence")
	fs.StringVar(&o.memo, "memo", "", "note on the new coding(s)")
	fs.StringVar(&o.area, "area", "", "PAGE:X1,Y1,X2,Y2 code a rectangle of a page (points from the top left)")
	fs.StringVar(&o.label, "label", "", "with --area: what the area shows (table, figure, ...)")
	fs.Var(&o.remove, "remove", "delete the coding or area coding with this GUID")
	fs.BoolVar(&o.verify, "verify", false, "list codings whose quote no longer matches the text")
}

// list reports whether the call lists the study's codings (--study alone).
func (o *codeOptions) list() bool {
	return o.code == "" && o.rng == "" && o.match == "" && o.area == ""
}

// check rejects flag combinations that make no sense and reads --range.
func (o *codeOptions) check() error {
	if o.remove.set || o.verify {
		if !o.list() || o.remove.set && o.verify {
			return usageError("--remove and --verify go alone (--verify with an optional --study)")
		}
		return nil
	}
	if o.study == "" {
		return usageError("--study is required")
	}
	if o.list() {
		return nil
	}
	if o.label != "" && o.area == "" {
		return usageError("--label goes with --area")
	}
	switch {
	case o.code == "":
		return usageError("--code is required")
	case o.area != "":
		if o.rng != "" || o.match != "" {
			return usageError("give one of --range, --match or --area")
		}
		var err error
		o.place, err = parseAreaArg(o.area)
		return err
	case (o.rng == "") == (o.match == ""):
		return usageError("give either --range START:END or --match TEXT (or --area PAGE:X1,Y1,X2,Y2)")
	case o.all && o.match == "":
		return usageError("--all goes with --match")
	}
	if o.rng != "" {
		a, b, ok := strings.Cut(o.rng, ":")
		var err1, err2 error
		o.start, err1 = strconv.Atoi(strings.TrimSpace(a))
		o.end, err2 = strconv.Atoi(strings.TrimSpace(b))
		if !ok || err1 != nil || err2 != nil {
			return usageError("--range %q: write START:END, for example 120:245", o.rng)
		}
	}
	return nil
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

func (o *codeOptions) run(c *call) error {
	if o.remove.set {
		return removeCoding(c, o.remove.v)
	}
	if o.verify {
		return verifyCodings(c, o.study)
	}
	list := o.list()
	p, err := c.open(!list)
	if err != nil {
		return err
	}
	defer p.Close()
	s, err := p.ResolveStudy(o.study)
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
		as, err := coding.AreasOfStudy(p, s.GUID)
		if err != nil {
			return err
		}
		return printCodingsAndAreas(c, t, s.Title, cs, as)
	}
	code, err := t.Resolve(o.code)
	if err != nil {
		return err
	}
	if o.area != "" {
		return o.codeArea(c, p, s, t, code.GUID)
	}
	var res coding.BulkResult
	if o.rng != "" {
		cd, err := coding.ApplyCode(p, s.GUID, code.GUID, o.start, o.end, o.memo)
		if err != nil {
			return err
		}
		res.Added = []coding.Coding{cd}
	} else {
		res, err = coding.ApplyCodeToMatches(p, s.GUID, code.GUID, o.match, o.all, o.memo)
		if err != nil {
			return err
		}
		if len(res.Added) == 0 {
			return fmt.Errorf("every occurrence of %q already has the code %q from you: %w", o.match, t.Path(code.GUID), coding.ErrDuplicateCoding)
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
func shortQuote(q string, n int) string { return strconv.Quote(clip(q, n)) }

func removeCoding(c *call, guid string) error {
	p, err := c.open(true)
	if err != nil {
		return err
	}
	defer p.Close()
	cd, err := coding.GetCoding(p, strings.TrimSpace(guid))
	if errors.Is(err, corpus.ErrNotFound) {
		if a, aerr := coding.GetArea(p, strings.TrimSpace(guid)); aerr == nil {
			return removeArea(c, p, a)
		}
	}
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
