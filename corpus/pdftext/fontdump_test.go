package pdftext

import (
	"context"
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

func TestCMapDump(t *testing.T) {
	f := os.Getenv("PDFTEXT_FONTS")
	if f == "" {
		t.Skip()
	}
	_, r, _ := pdf.Open(f)
	v := r.Page(1).Resources().Key("Font").Key(os.Getenv("PDFTEXT_FONT"))
	x := &extractor{streamLeft: 1 << 30}
	b, err := x.readStream(v.Key("ToUnicode"))
	fmt.Println(string(b), err)
	fmt.Println(v.Key("Widths"), v.Key("FirstChar"))
}

func TestGlyphDump(t *testing.T) {
	f := os.Getenv("PDFTEXT_FONTS")
	if f == "" {
		t.Skip()
	}
	pg, _ := strconv.Atoi(os.Getenv("PDFTEXT_PAGE"))
	_, r, _ := pdf.Open(f)
	x := &extractor{ctx: context.Background(), r: r, streamLeft: 1 << 30, glyphLeft: 1 << 30, fonts: map[objKey]*font{}}
	p := r.Page(pg)
	data, _ := x.contents(p.V.Key("Contents"))
	var gl []glyph
	x.runContent(data, p.Resources(), gstate{ctm: identity, th: 1}, &gl, map[uint64]bool{}, 0)
	want := os.Getenv("PDFTEXT_NEAR")
	for i, g := range gl {
		if g.text == want {
			for _, h := range gl[max(0, i-3):min(len(gl), i+5)] {
				fmt.Printf("%q x=%.2f y=%.2f adv=%.2f size=%.2f sp=%v\n", h.text, h.x, h.y, h.adv, h.size, h.spaceAfter)
			}
			fmt.Println("--")
		}
	}
}
