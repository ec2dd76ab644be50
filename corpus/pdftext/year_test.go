package pdftext

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"
)

func TestYearRule(t *testing.T) {
	cases := []struct {
		name                     string
		page                     string
		info, xmpPub, xmpCreated int
		want                     int
		from                     string
	}{
		{"a date line beats the file's creation", "Working Paper No. 12\nMarch 2009\nAbstract", 2010, 0, 0, 2009, "page"},
		{"copyright", "Some title\n© 2009 The Authors. Published by Elsevier Ltd.", 2010, 0, 0, 2009, "page"},
		{"the publication, not the receipt", "Received 12 March 2008; accepted 3 January 2009\nAvailable online 5 February 2009", 2010, 0, 0, 2009, "page"},
		{"an ISO date", "Report date: 2009-03-13", 2011, 0, 0, 2009, "page"},
		{"a year alone on a line (title page)", "Migration and Debt\n\n2009\n", 2010, 0, 0, 2009, "page"},
		{"German", "0. Auflage, 31. Dezember 2016", 2017, 0, 0, 2016, "page"},
		{"Vietnamese", "Hà Nội, tháng 3 năm 2009", 2010, 0, 0, 2009, "page"},
		{"Thai Buddhist era", "รายงานการวิจัย พ.ศ. 2552", 2010, 0, 0, 2009, "page"},
		{"no later than the file", "Targets for December 2030 and March 2009", 2010, 0, 0, 2009, "page"},
		{"a year in prose is not a date", "Smith (2004) found that 2003 was dry.", 2010, 0, 0, 2010, "info"},
		{"XMP's publication date next", "Smith (2004) found.", 2010, 2008, 0, 2008, "xmp"},
		{"XMP's creation date last of the file's", "Smith (2004) found.", 0, 0, 2007, 2007, "xmp"},
		{"a year in prose when the file says nothing", "Smith (2004) found.", 0, 0, 0, 2004, "page"},
		{"nothing", "no year here", 0, 0, 0, 0, ""},
	}
	for _, c := range cases {
		y, from := yearRule(c.page, c.info, c.xmpPub, c.xmpCreated)
		if y != c.want || from != c.from {
			t.Errorf("%s: %d from %q, want %d from %q", c.name, y, from, c.want, c.from)
		}
	}
}

// TestYearPrintedOnTheFirstPage: a report whose file was made in 2010 says
// it is from 2009 (issue 16's study).
func TestYearPrintedOnTheFirstPage(t *testing.T) {
	f := fpdf.New("P", "pt", "A4", "")
	f.SetCreationDate(time.Date(2010, 2, 1, 0, 0, 0, 0, time.UTC))
	f.SetTitle("Debt and Migration in the Mekong Region", true)
	f.AddPage()
	f.SetFont("Helvetica", "B", 20)
	f.Text(72, 100, "Debt and Migration in the Mekong Region")
	f.SetFont("Helvetica", "", 11)
	f.Text(72, 130, "Working paper, November 2009")
	f.Text(72, 160, "Recruitment fees were repaid over several seasons (see Chen 2004).")
	doc := extractOK(t, render(t, f))
	if doc.Meta.Year != 2009 || doc.Meta.Source != "info+page" {
		t.Errorf("meta %+v, want 2009 from the page", doc.Meta)
	}
}

func TestRealYears(t *testing.T) {
	corpusFiles(t)
	for name, want := range map[string]int{
		"plumb_scotus-transcript-p1.pdf": 2009, // "Tuesday, January 13, 2009"
		"pypdf_crazyones-pdfa.pdf":       1998, // "October 14, 1998" in a file made in 2023
		"pypdf_GeoTopo-komprimiert.pdf":  2016, // "31. Dezember 2016"
	} {
		data, err := os.ReadFile(filepath.Join(corpusDir, name))
		if err != nil {
			t.Skipf("%s absent", name)
		}
		if doc := extractOK(t, data); doc.Meta.Year != want {
			t.Errorf("%s: year %d (%s), want %d", name, doc.Meta.Year, doc.Meta.Source, want)
		}
	}
}
