package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus/ocr"
)

func init() {
	register(&verb{
		name: "ocr", args: "FILE STUDY", nargs: [2]int{2, 2},
		summary: "read a study's scanned pages with Tesseract OCR and store their text",
		help: `STUDY is a study's GUID or a unique prefix of its title or file name. Without --pages the
pages the import flagged (no text layer, text that could not be read) are read. --lang gives
Tesseract's languages (default: guessed from the study's Language attribute or countries,
English added, e.g. tha+eng). The pages' text and a box per character replace what the study
had for them in one undoable action; codings are re-anchored by their text and the ones that
cannot be are listed. Needs Tesseract and its language packs (on Debian and Ubuntu:
sudo apt install tesseract-ocr tesseract-ocr-tha ...). Nothing is stored if a page fails.`,
		opts: func() options { return &ocrOptions{} },
	})
}

// ocrOptions are wb ocr's flags.
type ocrOptions struct {
	lang      string
	pagesFlag string
	psm       int
	pages     []int // 0-based, nil: the flagged pages
}

func (o *ocrOptions) define(fs *flag.FlagSet) {
	fs.StringVar(&o.lang, "lang", "", "Tesseract languages, e.g. tha+eng (default: from the study's language or countries)")
	fs.StringVar(&o.pagesFlag, "pages", "", "pages to read, e.g. 1-3,7 (default: the scanned or unreadable pages)")
	fs.IntVar(&o.psm, "psm", 0, "Tesseract page segmentation mode (4: a single column; default automatic)")
}

func (o *ocrOptions) check() error {
	if o.pagesFlag != "" {
		pages, err := coding.ParsePages(o.pagesFlag)
		if err != nil {
			return usageError("--pages %q: %v", o.pagesFlag, err)
		}
		o.pages = pages
	}
	for _, l := range ocr.SplitLangs(o.lang) {
		if strings.ContainsAny(l, " /\\") {
			return usageError("--lang %q: give Tesseract language codes joined by +, e.g. tha+eng", o.lang)
		}
	}
	if o.psm < 0 || o.psm > 13 {
		return usageError("--psm %d: give a page segmentation mode from 0 to 13", o.psm)
	}
	return nil
}

func (o *ocrOptions) run(c *call) error {
	p, err := c.open(true)
	if err != nil {
		return err
	}
	defer p.Close()
	s, err := p.ResolveStudy(c.args[1])
	if err != nil {
		return err
	}
	lang := o.lang
	if lang == "" {
		lang = ocr.Langs(s.Language, s.Countries)
	}
	progress := func(done, total int) {
		if !c.json {
			fmt.Fprintf(c.stderr, "OCR: %d of %d pages read\n", done, total)
		}
	}
	res, err := coding.OCR(c.ctx, p, s.GUID, o.pages, ocr.Options{Lang: lang, PSM: o.psm}, progress)
	if err != nil {
		return fmt.Errorf("%s: %w", s.FileName, err)
	}
	if c.json {
		return c.printJSON(res)
	}
	pages := make([]string, len(res.Pages))
	for i, pg := range res.Pages {
		pages[i] = strconv.Itoa(pg + 1)
	}
	fmt.Fprintf(c.stdout, "%s: read %d pages by OCR (%s): %s; %d characters, mean confidence %.0f%%; %d codings moved, %d unchanged, %d could not be re-anchored\n",
		s.FileName, len(res.Pages), res.Lang, strings.Join(pages, ", "), res.Chars, res.Conf, res.Moved, res.Unchanged, len(res.Lost))
	for _, l := range res.Lost {
		fmt.Fprintf(c.stdout, "  lost: coding %s at %d-%d %q\n", l.GUID, l.Start, l.End, l.Quote)
	}
	return nil
}
