package coding

import (
	"errors"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/corpus"
)

// mustCode creates a code or fails the test.
func mustCode(tb testing.TB, p *corpus.Project, parent, name string) string {
	tb.Helper()
	g, err := CreateCode(p, Code{Parent: parent, Name: name, Color: "#1f6f8b", Kind: KindTheme})
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// paths returns the codebook as "path" strings in display order.
func paths(tb testing.TB, p *corpus.Project) string {
	tb.Helper()
	t, err := LoadCodeTree(p)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, c := range t.Codes {
		out = append(out, t.Path(c.GUID))
	}
	return strings.Join(out, ", ")
}

func TestCreateCodeValidation(t *testing.T) {
	p := MustProject(t)
	root := mustCode(t, p, "", "Rigor")
	cases := []struct {
		name string
		code Code
		want error
	}{
		{"empty name", Code{Name: "  "}, ErrCodeName},
		{"bad colour", Code{Name: "X", Color: "red"}, ErrCodeColor},
		{"short colour", Code{Name: "X", Color: "#fff"}, ErrCodeColor},
		{"bad kind", Code{Name: "X", Kind: "mood"}, ErrCodeKind},
		{"bad pin", Code{Name: "X", Pinned: 10}, ErrCodePin},
		{"sibling name", Code{Name: "rigor"}, ErrCodeNameTaken},
		{"missing parent", Code{Name: "X", Parent: "nope"}, corpus.ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := CreateCode(p, c.code); !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
		})
	}
	// Same name under another parent is fine; colour is normalised.
	g, err := CreateCode(p, Code{Parent: root, Name: "Rigor", Color: "#ABCDEF"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := ResolveCode(p, g)
	if err != nil || c.Color != "#abcdef" || c.Kind != KindOther {
		t.Fatalf("code = %+v, %v", c, err)
	}
	if got := countRows(t, p, "codes", ""); got != 2 {
		t.Fatalf("codes = %d", got)
	}
}

func TestCodebookOrderAndUndo(t *testing.T) {
	p := MustProject(t)
	a := mustCode(t, p, "", "A")
	mustCode(t, p, "", "B")
	mustCode(t, p, a, "A2")
	mustCode(t, p, a, "A1")
	if got := paths(t, p); got != "A, A/A2, A/A1, B" {
		t.Fatalf("codebook = %s", got)
	}
	MustUndo(t, p)
	if got := paths(t, p); got != "A, A/A2, B" {
		t.Fatalf("after undo = %s", got)
	}
	MustRedo(t, p)
	if got := paths(t, p); got != "A, A/A2, A/A1, B" {
		t.Fatalf("after redo = %s", got)
	}
}

func TestUpdateCodeAndPins(t *testing.T) {
	p := MustProject(t)
	a := mustCode(t, p, "", "A")
	b := mustCode(t, p, "", "B")
	ca, _ := ResolveCode(p, a)
	ca.Name, ca.Color, ca.Definition, ca.Kind, ca.Pinned = "Alpha", "#00ff00", "first", KindRigor, 3
	if err := UpdateCode(p, ca); err != nil {
		t.Fatal(err)
	}
	cb, _ := ResolveCode(p, b)
	cb.Pinned = 3
	if err := UpdateCode(p, cb); err != nil {
		t.Fatal(err)
	}
	ca, _ = ResolveCode(p, a)
	cb, _ = ResolveCode(p, b)
	if ca.Name != "Alpha" || ca.Definition != "first" || ca.Kind != KindRigor || ca.Pinned != 0 || cb.Pinned != 3 {
		t.Fatalf("a = %+v, b = %+v", ca, cb)
	}
	MustUndo(t, p) // the pin goes back to Alpha
	ca, _ = ResolveCode(p, a)
	cb, _ = ResolveCode(p, b)
	if ca.Pinned != 3 || cb.Pinned != 0 {
		t.Fatalf("after undo a = %d, b = %d", ca.Pinned, cb.Pinned)
	}
	MustUndo(t, p)
	if ca, _ = ResolveCode(p, a); ca.Name != "A" || ca.Color != "#1f6f8b" {
		t.Fatalf("after second undo %+v", ca)
	}
	ca.Name = "Alpha"
	if err := UpdateCode(p, ca); err != nil {
		t.Fatal(err)
	}
	if err := UpdateCode(p, Code{GUID: b, Name: "ALPHA"}); !errors.Is(err, ErrCodeNameTaken) {
		t.Fatalf("rename onto sibling: %v", err)
	}
	// Renaming a code touches the studies coded with it (their index entries name it).
	st := MustStudy(t, p, "S", "some text")
	mustApply(t, p, st, a, 0, 4)
	ca, _ = ResolveCode(p, a)
	ca.Name = "Alpha renamed"
	touched, err := p.DoTouched("Rename", func(tx *corpus.Tx) error { return UpdateCodeTx(tx, ca) })
	if err != nil || len(touched) != 1 || touched[0] != st {
		t.Fatalf("touched %v, %v", touched, err)
	}
	ca.Color = "#123456"
	if touched, err := p.DoTouched("Recolour", func(tx *corpus.Tx) error { return UpdateCodeTx(tx, ca) }); err != nil || len(touched) != 0 {
		t.Fatalf("recolour touched %v, %v", touched, err)
	}
	if err := UpdateCode(p, Code{GUID: "missing", Name: "x"}); !errors.Is(err, corpus.ErrNotFound) {
		t.Fatalf("missing code: %v", err)
	}
}

func TestMoveCode(t *testing.T) {
	p := MustProject(t)
	a := mustCode(t, p, "", "A")
	b := mustCode(t, p, "", "B")
	c := mustCode(t, p, "", "C")
	a1 := mustCode(t, p, a, "A1")
	a11 := mustCode(t, p, a1, "A11")
	cases := []struct {
		name           string
		code, parent   string
		pos            int
		want           string
		wantErr        error
		undoRestoresTo string
	}{
		{"to front", c, "", 0, "C, A, A/A1, A/A1/A11, B", nil, ""},
		{"under sibling", b, a, 0, "A, A/B, A/A1, A/A1/A11, C", nil, ""},
		{"append past end", a11, "", 99, "A, A/A1, B, C, A11", nil, ""},
		{"self", a, a, 0, "", ErrCodeCycle, ""},
		{"under own child", a, a1, 0, "", ErrCodeCycle, ""},
		{"under own grandchild", a, a11, 0, "", ErrCodeCycle, ""},
		{"missing parent", a, "nope", 0, "", corpus.ErrNotFound, ""},
	}
	start := paths(t, p)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := MoveCode(p, tc.code, tc.parent, tc.pos)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				if got := paths(t, p); got != start {
					t.Fatalf("failed move changed the codebook: %s", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := paths(t, p); got != tc.want {
				t.Fatalf("after move %s, want %s", got, tc.want)
			}
			MustUndo(t, p)
			if got := paths(t, p); got != start {
				t.Fatalf("after undo %s, want %s", got, start)
			}
		})
	}
	// A name clash at the destination is refused.
	mustCode(t, p, b, "A1")
	if err := MoveCode(p, a1, b, 0); !errors.Is(err, ErrCodeNameTaken) {
		t.Fatalf("clash: %v", err)
	}
}

func TestResolveCode(t *testing.T) {
	p := MustProject(t)
	r := mustCode(t, p, "", "Rigor")
	s := mustCode(t, p, "", "Sector")
	rs := mustCode(t, p, r, "Sampling")
	ro := mustCode(t, p, r, "Other")
	so := mustCode(t, p, s, "Other")
	cases := []struct {
		ref     string
		want    string
		wantErr error
	}{
		{rs, rs, nil},
		{"Sampling", rs, nil},
		{"sampling", rs, nil},
		{"Rigor/Other", ro, nil},
		{" sector / other ", so, nil},
		{"Other", "", ErrAmbiguousCode},
		{"Nothing", "", corpus.ErrNotFound},
		{"", "", corpus.ErrNotFound},
	}
	for _, c := range cases {
		got, err := ResolveCode(p, c.ref)
		if c.wantErr != nil {
			if !errors.Is(err, c.wantErr) {
				t.Errorf("%q: err = %v, want %v", c.ref, err, c.wantErr)
			}
			continue
		}
		if err != nil || got.GUID != c.want {
			t.Errorf("%q: got %s, %v; want %s", c.ref, got.GUID, err, c.want)
		}
	}
	if _, err := ResolveCode(p, "Other"); err == nil || !strings.Contains(err.Error(), `"Rigor/Other"`) {
		t.Errorf("ambiguous error should list the paths: %v", err)
	}
}

func TestTreeHelpers(t *testing.T) {
	codes := []Code{
		{GUID: "c", Parent: "a", Name: "C", Position: 1},
		{GUID: "a", Name: "A"},
		{GUID: "b", Parent: "a", Name: "B", Position: 0},
		{GUID: "d", Parent: "b", Name: "D"},
		{GUID: "o", Parent: "gone", Name: "Orphan", Position: 5},
		{GUID: "x", Parent: "y", Name: "X"}, // a parent cycle stays visible
		{GUID: "y", Parent: "x", Name: "Y"},
	}
	tr := NewCodeTree(codes)
	var order []string
	for _, c := range tr.Codes {
		order = append(order, c.GUID)
	}
	if got := strings.Join(order, ""); got != "abdcoxy" {
		t.Fatalf("order = %s", got)
	}
	if got := tr.Path("d"); got != "A/B/D" {
		t.Errorf("path = %s", got)
	}
	if got := strings.Join(tr.Descendants("a"), ""); got != "bdc" {
		t.Errorf("descendants = %s", got)
	}
	if got := strings.Join(tr.Ancestors("d"), ""); got != "ab" {
		t.Errorf("ancestors = %s", got)
	}
	if tr.Depth("d") != 2 || tr.Depth("a") != 0 {
		t.Errorf("depths %d %d", tr.Depth("d"), tr.Depth("a"))
	}
	if got := strings.Join(tr.Children("a"), ""); got != "bc" {
		t.Errorf("children = %s", got)
	}
}
