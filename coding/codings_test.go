package coding

import (
	"errors"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/corpus"
)

func TestApplyCode(t *testing.T) {
	p := MustProject(t)
	// Multi-byte text: offsets are code points, not bytes.
	st := MustStudy(t, p, "Étude", "Les travailleurs étrangers\fDeuxième page: dette, «servitude».")
	code := mustCode(t, p, "", "Debt")
	other := mustCode(t, p, "", "Other")
	cases := []struct {
		name       string
		study      string
		code       string
		start, end int
		quote      string
		wantErr    error
	}{
		{"first word", st, code, 0, 3, "Les", nil},
		{"accented", st, code, 17, 26, "étrangers", nil},
		{"across page break", st, code, 17, 35, "étrangers\fDeuxième", nil},
		{"overlap allowed", st, code, 4, 26, "travailleurs étrangers", nil},
		{"to the end", st, code, 49, 61, "«servitude».", nil},
		{"other code same range", st, other, 0, 3, "Les", nil},
		{"duplicate", st, code, 0, 3, "", ErrDuplicateCoding},
		{"empty", st, code, 5, 5, "", ErrCodingRange},
		{"reversed", st, code, 6, 5, "", ErrCodingRange},
		{"negative", st, code, -1, 5, "", ErrCodingRange},
		{"past end", st, code, 50, 62, "", ErrCodingRange},
		{"unknown study", "nope", code, 0, 3, "", corpus.ErrNotFound},
		{"unknown code", st, "nope", 0, 3, "", corpus.ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := countRows(t, p, "codings", "")
			got, err := ApplyCode(p, c.study, c.code, c.start, c.end, " memo ")
			if c.wantErr != nil {
				if !errors.Is(err, c.wantErr) {
					t.Fatalf("err = %v, want %v", err, c.wantErr)
				}
				if countRows(t, p, "codings", "") != n {
					t.Fatal("a refused coding was stored")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Quote != c.quote || got.Coder != testCoder.GUID || got.Memo != "memo" || got.CreatedAt.IsZero() {
				t.Fatalf("coding = %+v", got)
			}
			stored, err := GetCoding(p, got.GUID)
			if err != nil || stored != got {
				t.Fatalf("stored %+v, returned %+v (%v)", stored, got, err)
			}
			if p.CanUndo() != "Code passage" {
				t.Fatalf("undo label %q", p.CanUndo())
			}
			MustUndo(t, p)
			if _, err := GetCoding(p, got.GUID); !errors.Is(err, corpus.ErrNotFound) {
				t.Fatalf("undo left the coding: %v", err)
			}
			MustRedo(t, p)
			if _, err := GetCoding(p, got.GUID); err != nil {
				t.Fatalf("redo: %v", err)
			}
		})
	}
	// Another coder may code the same passage.
	if err := p.SetCoder(corpus.Coder{GUID: "22222222-2222-2222-2222-222222222222", Name: "Ben"}); err != nil {
		t.Fatal(err)
	}
	if _, err := ApplyCode(p, st, code, 0, 3, ""); err != nil {
		t.Fatalf("second coder: %v", err)
	}
	if cs, _ := Codings(p, CodingFilter{Code: code, Coder: testCoder.GUID}); len(cs) != 5 {
		t.Fatalf("Ann's codings of Debt = %d", len(cs))
	}
	if cs, _ := CodingsOfStudy(p, st); len(cs) != 7 || cs[0].Start != 0 || cs[len(cs)-1].Start != 49 {
		t.Fatalf("study codings = %+v", cs)
	}
}

func TestCodingEdits(t *testing.T) {
	p := MustProject(t)
	st := MustStudy(t, p, "S", "one two three")
	a := mustCode(t, p, "", "A")
	b := mustCode(t, p, "", "B")
	c := mustApply(t, p, st, a, 0, 3)
	mustApply(t, p, st, b, 4, 7)

	steps := []struct {
		name  string
		do    func() error
		check func(Coding, error) bool
	}{
		{"change code", func() error { return ChangeCode(p, c.GUID, b) },
			func(x Coding, err error) bool { return err == nil && x.Code == b }},
		{"set memo", func() error { return SetCodingMemo(p, c.GUID, "why") },
			func(x Coding, err error) bool { return err == nil && x.Memo == "why" }},
		{"remove", func() error { return RemoveCoding(p, c.GUID) },
			func(x Coding, err error) bool { return errors.Is(err, corpus.ErrNotFound) }},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			before, _ := GetCoding(p, c.GUID)
			if err := s.do(); err != nil {
				t.Fatal(err)
			}
			if !s.check(GetCoding(p, c.GUID)) {
				after, err := GetCoding(p, c.GUID)
				t.Fatalf("after %s: %+v %v", s.name, after, err)
			}
			MustUndo(t, p)
			if got, err := GetCoding(p, c.GUID); err != nil || got != before {
				t.Fatalf("undo: %+v %v, want %+v", got, err, before)
			}
			MustRedo(t, p)
			if !s.check(GetCoding(p, c.GUID)) {
				t.Fatal("redo did not re-apply")
			}
			if s.name != "remove" {
				return
			}
		})
	}
	c2 := mustApply(t, p, st, a, 4, 7)
	if err := ChangeCode(p, c2.GUID, b); !errors.Is(err, ErrDuplicateCoding) {
		t.Fatalf("change onto duplicate: %v", err)
	}
	if err := ChangeCode(p, c2.GUID, "nope"); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("change to missing code: %v", err)
	}
	if err := RemoveCoding(p, "nope"); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("remove missing: %v", err)
	}
}

func TestNoCoder(t *testing.T) {
	p, err := corpus.Create(t.TempDir()+"/x.ewb", "x")
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	p.Now = func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	st := MustStudy(t, p, "S", "text")
	code := mustCode(t, p, "", "A")
	if _, err := ApplyCode(p, st, code, 0, 2, ""); !errors.Is(err, ErrNoCoder) {
		t.Fatalf("err = %v", err)
	}
}

func TestBulkApply(t *testing.T) {
	p := MustProject(t)
	s1 := MustStudy(t, p, "One", "Debt bondage is common. DEBT\nbondage again, and debt  bondage.")
	s2 := MustStudy(t, p, "Two", "No match here.")
	code := mustCode(t, p, "", "Debt")
	res, err := ApplyCodeToMatches(p, s1, code, "debt bondage", false, "")
	if err != nil || len(res.Added) != 1 || res.Added[0].Quote != "Debt bondage" {
		t.Fatalf("first match: %+v %v", res, err)
	}
	res, err = ApplyCodeToMatches(p, s1, code, "debt bondage", true, "")
	if err != nil || len(res.Added) != 2 || res.Skipped != 1 {
		t.Fatalf("all matches: %+v %v", res, err)
	}
	if res.Added[0].Quote != "DEBT\nbondage" || res.Added[1].Quote != "debt  bondage" {
		t.Fatalf("quotes %q %q", res.Added[0].Quote, res.Added[1].Quote)
	}
	if p.CanUndo() != "Code 3 passages" {
		t.Fatalf("label %q", p.CanUndo())
	}
	MustUndo(t, p) // one step removes both
	if n := countRows(t, p, "codings", ""); n != 1 {
		t.Fatalf("after undo %d codings", n)
	}
	if _, err := ApplyCodeToMatches(p, s2, code, "debt", true, ""); !errors.Is(err, ErrNoMatch) {
		t.Fatalf("no match: %v", err)
	}
	// One bad span cancels the whole action.
	_, err = ApplyCodeSpans(p, code, []CodingSpan{{s2, 0, 2}, {s2, 0, 999}}, "")
	if !errors.Is(err, ErrCodingRange) || countRows(t, p, "codings", "") != 1 {
		t.Fatalf("bad span: %v", err)
	}
	for _, bad := range []struct {
		code  string
		spans []CodingSpan
	}{
		{code, []CodingSpan{{s2, 0, 2}, {"nope", 0, 2}}},
		{"nope", []CodingSpan{{s2, 0, 2}, {s2, 3, 5}}},
	} {
		if _, err := ApplyCodeSpans(p, bad.code, bad.spans, ""); !errors.Is(err, corpus.ErrNotFound) {
			t.Fatalf("%+v: %v", bad, err)
		}
	}
	// Spans over two studies, interleaved, with a memo and a repeated span.
	res, err = ApplyCodeSpans(p, code, []CodingSpan{{s2, 0, 2}, {s1, 5, 12}, {s2, 3, 8}, {s2, 0, 2}}, " hit ")
	if err != nil || len(res.Added) != 3 || res.Skipped != 1 {
		t.Fatalf("two studies: %+v %v", res, err)
	}
	if got := res.Added[0].Quote + "|" + res.Added[1].Quote + "|" + res.Added[2].Quote; got != "No|bondage|match" || res.Added[1].Memo != "hit" {
		t.Fatalf("quotes %q, %+v", got, res.Added[1])
	}
	if ms, _ := VerifyCodings(p, ""); len(ms) != 0 {
		t.Fatalf("bulk quotes mismatch: %+v", ms)
	}
}

func TestFindText(t *testing.T) {
	cases := []struct {
		text, needle string
		want         [][2]int
	}{
		{"abc abc", "abc", [][2]int{{0, 3}, {4, 7}}},
		{"aaa", "aa", [][2]int{{0, 2}, {1, 3}}},
		{"Ünïcode  TEXT\fhere", "ünïcode text here", [][2]int{{0, 18}}},
		{"x", "  ", nil},
		{"short", "much longer", nil},
	}
	for _, c := range cases {
		got := FindText(c.text, c.needle)
		if len(got) != len(c.want) {
			t.Errorf("%q in %q: %v, want %v", c.needle, c.text, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%q in %q: %v, want %v", c.needle, c.text, got, c.want)
			}
		}
	}
}
