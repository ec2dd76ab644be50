package pdftext

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/ledongthuc/pdf"
)

func TestFontDump(t *testing.T) {
	f := os.Getenv("PDFTEXT_FONTS")
	if f == "" {
		t.Skip()
	}
	pg, _ := strconv.Atoi(os.Getenv("PDFTEXT_PAGE"))
	_, r, err := pdf.Open(f)
	if err != nil {
		t.Fatal(err)
	}
	p := r.Page(pg)
	fonts := p.Resources().Key("Font")
	for _, k := range fonts.Keys() {
		v := fonts.Key(k)
		fmt.Println(k, v.Key("Subtype"), v.Key("BaseFont"), v.Key("Encoding"), "tu:", v.Key("ToUnicode").Kind() == pdf.Stream, v.Key("FontDescriptor").Keys())
		d := v.Key("DescendantFonts").Index(0)
		if !d.IsNull() {
			fmt.Println("   desc", d.Key("Subtype"), d.Key("CIDSystemInfo"), d.Key("CIDToGIDMap"), d.Key("FontDescriptor").Keys())
		}
	}
}
