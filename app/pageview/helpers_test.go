package pageview

import (
	"context"
	"image"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/corpus/pdfpage"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

func TestMain(m *testing.M) { uitest.Main(m) }

// projectSource draws a stored study's pages, as the main window's does.
type projectSource struct {
	doc   *pdfpage.Doc
	p     *corpus.Project
	study string
}

func (s *projectSource) Render(ctx context.Context, page, width int) (image.Image, error) {
	return s.doc.RenderWidth(ctx, page, width)
}

func (s *projectSource) Boxes(_ context.Context, page int) (int, []pdfpage.Rect, error) {
	pb, err := s.p.PageBoxes(s.study, page+1)
	if err != nil {
		return 0, nil, err
	}
	out := make([]pdfpage.Rect, len(pb.Boxes))
	for i, b := range pb.Boxes {
		out[i] = pdfpage.Rect{X0: float64(b.X0), Y0: float64(b.Y0), X1: float64(b.X1), Y1: float64(b.Y1)}
	}
	return pb.Start, out, nil
}

// importPDF stores a PDF as a study of a new project and opens its pages.
func importPDF(t *testing.T, name string, data []byte) (*projectSource, *corpus.Text, []pdfpage.Size) {
	t.Helper()
	p := testkit.Project(t)
	path := filepath.Join(t.TempDir(), name+".pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := p.Import(context.Background(), []string{path}, corpus.ImportOptions{}, nil)
	if err != nil || len(res) != 1 || res[0].Status == corpus.ImportFailed || res[0].Study == "" {
		t.Fatalf("import %s: %v %+v", name, err, res)
	}
	study := res[0].Study
	text, err := p.Text(study)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := pdfpage.Open(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(doc.Close)
	sizes := make([]pdfpage.Size, doc.PageCount())
	for i := range sizes {
		sizes[i] = doc.PageSize(i)
	}
	return &projectSource{doc: doc, p: p, study: study}, text, sizes
}

// abs is a position of o's coordinate space on the canvas.
func abs(o fyne.CanvasObject, pos fyne.Position) fyne.Position {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Add(pos)
}
