package pdftext

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

// bookProof writes pages of a typesetter's proof: a QuarkXPress slug line
// ("...qxd 3/12/08 10:15 AM Page i") at the top, a running head with the page
// number, body text with the printer's line numbers in the left margin
// (the last ones prefixed as proofs mark them, "S32 R33") and a folio at the
// bottom.
func bookProof(t *testing.T, pages int) []byte {
	f := fpdf.New("P", "pt", "Letter", "")
	f.SetCompression(true)
	labels := []string{"i", "ii", "iii", "iv", "1", "2", "3", "4", "5", "6", "7", "8"}
	words := strings.Fields("Cash transfers were delivered to households in three districts over two years and the evaluation followed every household through repeated survey rounds with careful attention to attrition outcomes included school attendance food security and small business income")
	for p := 0; p < pages; p++ {
		f.AddPage()
		f.SetFont("Helvetica", "", 7)
		f.Text(36, 18, fmt.Sprintf("Smith_ch01.qxd   3/1%d/08   %d:%02d %s   Page %s", p%10, 9+p%4, 7*p%60, []string{"AM", "PM"}[p%2], labels[p]))
		f.SetFont("Times", "", 9)
		if p%2 == 0 {
			f.Text(90, 60, fmt.Sprintf("%d", p+1))
			f.Text(120, 60, "CASH TRANSFERS IN PRACTICE")
		} else {
			f.Text(400, 60, "CHAPTER ONE: THE EVIDENCE")
			f.Text(540, 60, fmt.Sprintf("%d", p+1))
		}
		f.SetFont("Times", "", 11)
		for l := 0; l < 33; l++ {
			y := 100 + float64(l)*18
			var line []string
			for k := 0; k < 11; k++ {
				line = append(line, words[(p*7+l*11+k)%len(words)])
			}
			f.Text(90, y, strings.Join(line, " "))
			f.SetFont("Helvetica", "", 6)
			num := fmt.Sprint(l + 1)
			switch l {
			case 31:
				num = "S32"
			case 32:
				num = "R33"
			}
			f.Text(40, y, num)
			f.SetFont("Times", "", 11)
		}
		f.SetFont("Times", "", 9)
		f.Text(300, 760, fmt.Sprint(p+1))
	}
	return render(t, f)
}

// TestBookProofMarks: on a typesetter's proof, the slug lines, running heads,
// page numbers and the printer's line numbers are marks, and nothing of the
// body is.
func TestBookProofMarks(t *testing.T) {
	const pages = 8
	doc := extractOK(t, bookProof(t, pages))
	if len(doc.Pages) != pages {
		t.Fatalf("%d pages", len(doc.Pages))
	}
	kinds := map[MarkKind]int{}
	for _, m := range doc.Marks {
		kinds[m.Kind]++
	}
	if kinds[LineNumber] != 33*pages || kinds[PageNumber] < pages || kinds[Header] != 2*pages {
		t.Errorf("marks by kind %v, want %d line numbers, %d headers and a page number on every page", kinds, 33*pages, 2*pages)
	}
	for i := range doc.Pages {
		shown := pageOf(unmarked(doc), i)
		for _, w := range strings.Fields(shown) {
			if lineNumRE.MatchString(w) || strings.Contains(w, "qxd") || w == "CHAPTER" || w == "PRACTICE" {
				t.Errorf("page %d shows %q:\n%s", i+1, w, shown)
				break
			}
		}
		if body := strings.Join(strings.Fields(shown), " "); !strings.HasPrefix(body, "Cash transfers") && !strings.HasPrefix(body, "years and") &&
			strings.Count(body, " ") < 33*10 {
			t.Errorf("page %d lost body text: %q", i+1, body)
		}
	}
}

// pageOf returns page i of a text whose pages are joined by form feeds.
func pageOf(text string, i int) string { return strings.Split(text, "\f")[i] }

// unmarked is the text with its marks blanked out.
func unmarked(doc *Document) string {
	r := []rune(doc.Text)
	for _, m := range doc.Marks {
		for i := m.Start; i < m.End; i++ {
			if r[i] != '\n' && r[i] != '\f' {
				r[i] = ' '
			}
		}
	}
	return string(r)
}

// TestPageNumberColumnIsNotLineNumbers: a contents page's column of page
// numbers, and numbered items, are text.
func TestPageNumberColumnIsNotLineNumbers(t *testing.T) {
	f := newDoc()
	f.AddPage()
	f.SetFont("Helvetica", "", 11)
	pagesOf := []int{3, 7, 8, 15, 21, 22, 30, 41, 44, 52}
	for i, p := range pagesOf {
		y := 100 + float64(i)*40
		f.Text(50, y, fmt.Sprintf("Chapter %d: findings of the review, part %d", i+1, i+1))
		f.Text(520, y, fmt.Sprint(p))
	}
	doc := extractOK(t, render(t, f))
	for _, m := range doc.Marks {
		t.Errorf("marked %s %q", m.Kind, []rune(doc.Text)[m.Start:m.End])
	}
}

// TestRealRunningHeadsAndLineNumbers checks marks on real files of the shared
// corpus: a LaTeX lecture script's running heads and page numbers (its top
// line on every body page, never a section's heading), a court transcript's
// line numbers and a book's InDesign slug lines.
func TestRealRunningHeadsAndLineNumbers(t *testing.T) {
	corpusFiles(t)
	read := func(name string) *Document {
		data, err := os.ReadFile(filepath.Join(corpusDir, name))
		if err != nil {
			t.Skipf("%s absent", name)
		}
		doc, err := Extract(context.Background(), data, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return doc
	}
	t.Run("lecture script", func(t *testing.T) {
		doc := read("pypdf_GeoTopo-komprimiert.pdf")
		shown := unmarked(doc)
		for i := 6; i <= 26; i++ { // chapter 1's body pages carry "N  1.x. TITLE"
			first := strings.SplitN(pageOf(doc.Text, i), "\n", 2)[0]
			if strings.TrimSpace(strings.SplitN(pageOf(shown, i), "\n", 2)[0]) != "" {
				t.Errorf("page %d shows its running head %q", i+1, first)
			}
		}
		for _, heading := range []string{"1.1 Topologische Räume", "1.2 Metrische Räume", "3.1 Homotopie von Wegen"} {
			if !strings.Contains(shown, heading) {
				t.Errorf("the heading %q is hidden", heading)
			}
		}
	})
	t.Run("court transcript", func(t *testing.T) {
		doc := read("plumb_scotus-transcript-p1.pdf")
		var got []string
		for _, m := range doc.Marks {
			if m.Kind == LineNumber {
				got = append(got, string([]rune(doc.Text)[m.Start:m.End]))
			}
		}
		if len(got) != 25 || got[0] != "1" || got[24] != "25" {
			t.Errorf("line numbers %q", got)
		}
		if !strings.Contains(unmarked(doc), "IN THE SUPREME COURT OF THE UNITED STATES") {
			t.Error("body text hidden")
		}
	})
	t.Run("book slug lines", func(t *testing.T) {
		doc := read("plumb_issue-71-duplicate-chars-2.pdf")
		shown := unmarked(doc)
		if n := strings.Count(doc.Text, ".indb"); n != len(doc.Pages) || strings.Contains(shown, ".indb") || strings.Contains(shown, "14/09/2018 10:37") {
			t.Errorf("%d slug lines in %d pages; shown after hiding: %v %v", n, len(doc.Pages), strings.Contains(shown, ".indb"), strings.Contains(shown, "14/09/2018"))
		}
	})
}
