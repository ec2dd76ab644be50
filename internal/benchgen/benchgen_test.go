package benchgen

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
)

func TestCreate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bench.ewb")
	p, err := Create(path, 7, 30, 500)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	st, err := coding.Stats(p)
	if err != nil {
		t.Fatal(err)
	}
	if st.Studies != 7 || st.Pages != 30 || st.Codings != 500 || st.Coders != len(Coders) || st.Codes < 20 {
		t.Fatalf("stats %+v", st)
	}
	if p.CurrentCoder() != Coders[0] {
		t.Fatalf("coder %+v", p.CurrentCoder())
	}
	if problems, err := p.Check(context.Background()); err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
	if ms, err := coding.VerifyCodings(p, ""); err != nil || len(ms) != 0 {
		t.Fatalf("quotes do not match the text: %d %v", len(ms), err)
	}
	studies, _ := p.Studies()
	txt, err := p.Text(studies[0].GUID)
	if err != nil {
		t.Fatal(err)
	}
	if n := studies[0].TextLen / studies[0].Pages; n < PageChars || n > PageChars+300 {
		t.Fatalf("%d code points per page", n)
	}
	for i, s := range txt.PageStarts[1:] {
		if []rune(txt.String)[s-1] != '\f' {
			t.Fatalf("page %d does not follow a form feed", i+2)
		}
	}
	// Codings are spread over coders and codes, and work like any others.
	counts, _ := coding.CodeCounts(p)
	if len(counts) < 10 {
		t.Fatalf("codings use only %d codes", len(counts))
	}
	for _, c := range Coders {
		if cs, _ := coding.Codings(p, coding.CodingFilter{Coder: c.GUID}); len(cs) < 100 {
			t.Fatalf("%s has %d codings", c.Name, len(cs))
		}
	}
	codes, _ := coding.Codebook(p)
	if _, err := coding.ApplyCode(p, studies[0].GUID, codes[0].GUID, 0, 10, ""); err != nil {
		t.Fatal(err)
	}
	// The same arguments give the same content.
	q, err := Create(filepath.Join(t.TempDir(), "again.ewb"), 7, 30, 500)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	txt2, _ := q.Text(studies[0].GUID)
	if txt2 == nil || txt2.String != txt.String {
		t.Fatal("generator is not deterministic")
	}
	if _, err := Create(path, 1, 1, 0); err == nil {
		t.Fatal("overwrote an existing file")
	}
	if _, err := Create(filepath.Join(t.TempDir(), "x.ewb"), 2, 1, 0); err == nil {
		t.Fatal("accepted fewer pages than studies")
	}
}
