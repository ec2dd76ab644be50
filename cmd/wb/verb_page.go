package main

import (
	"bufio"
	"flag"
	"fmt"
	"image/png"
	"io"
	"strconv"

	"github.com/evidence-workbench/workbench/corpus/pdfpage"
)

func init() {
	register(&verb{
		name: "page", args: "FILE STUDY N", nargs: [2]int{3, 3},
		summary: "render page N of a study's PDF to a PNG image",
		help: `STUDY is a study's GUID or a unique prefix of its title or file name; N counts from 1.
Writes -o OUT (a PNG file, or - for standard output) at --dpi dots per inch (default 100;
1400 px wide is about 165 dpi for a Letter page). The page is drawn as a PDF viewer shows it
(CropBox and rotation applied). The first run on a computer prepares the page renderer, which
takes from a few seconds to a minute; it is kept in the user's cache folder for later runs.`,
		opts: func() options { return &pageOptions{} },
	})
}

// pageOptions are wb page's flags.
type pageOptions struct {
	out string
	dpi float64
}

func (o *pageOptions) define(fs *flag.FlagSet) {
	fs.StringVar(&o.out, "o", "", "output PNG file (- for standard output)")
	fs.Float64Var(&o.dpi, "dpi", 100, "resolution in dots per inch")
}

func (o *pageOptions) check() error {
	if o.out == "" {
		return usageError("give the output file with -o OUT.png (or -o - for standard output)")
	}
	if o.dpi < pdfpage.MinDPI || o.dpi > pdfpage.MaxDPI {
		return usageError("--dpi %v: give a resolution from %d to %d", o.dpi, pdfpage.MinDPI, pdfpage.MaxDPI)
	}
	return nil
}

func (o *pageOptions) run(c *call) error {
	out, dpi := o.out, o.dpi
	n, err := strconv.Atoi(c.args[2])
	if err != nil || n < 1 {
		return usageError("page %q: give a page number from 1", c.args[2])
	}
	p, err := c.open(false)
	if err != nil {
		return err
	}
	defer p.Close()
	s, err := p.ResolveStudy(c.args[1])
	if err != nil {
		return err
	}
	name, data, err := p.PDF(s.GUID)
	if err != nil {
		return err
	}
	doc, err := pdfpage.Open(c.ctx, data)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer doc.Close()
	if n > doc.PageCount() {
		return exitError{code: 1, msg: fmt.Sprintf("%s has %d pages; there is no page %d", name, doc.PageCount(), n)}
	}
	img, err := doc.Render(c.ctx, n-1, dpi)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if out == "-" {
		w := bufio.NewWriter(c.stdout)
		if err := enc.Encode(w, img); err != nil {
			return err
		}
		return w.Flush()
	}
	if err := writeExport(out, func(w io.Writer) error { return enc.Encode(w, img) }); err != nil {
		return err
	}
	size := doc.PageSize(n - 1)
	if c.json {
		return c.printJSON(map[string]any{"file": out, "study": s.GUID, "pdf": name, "page": n, "pages": doc.PageCount(),
			"dpi": dpi, "width": img.Bounds().Dx(), "height": img.Bounds().Dy(), "points": []float64{size.W, size.H}})
	}
	_, err = fmt.Fprintf(c.stdout, "Wrote page %d of %d of %s (%dx%d px at %g dpi) to %s\n", n, doc.PageCount(), name,
		img.Bounds().Dx(), img.Bounds().Dy(), dpi, out)
	return err
}
