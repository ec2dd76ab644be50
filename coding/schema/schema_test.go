package schema_test

import (
	"database/sql"
	"slices"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/internal/codingtest"
	"github.com/evidence-workbench/workbench/coding/schema"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

// mismatches compares a table's declared columns with the file's (PRAGMA
// table_info) and describes every difference.
func mismatches(t *testing.T, db *sql.DB, table string, declared []string) []string {
	t.Helper()
	real, err := corpus.QueryStrings(db, `SELECT name FROM pragma_table_info(?)`, table)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	if len(real) == 0 {
		return []string{"table " + table + " is not in the file"}
	}
	for _, c := range declared {
		if !slices.Contains(real, c) {
			out = append(out, table+"."+c+" is declared but not in the file")
		}
	}
	for _, c := range real {
		if !slices.Contains(declared, c) {
			out = append(out, table+"."+c+" is in the file but not declared")
		}
	}
	return out
}

func TestDeclaredColumnsMatchTheFile(t *testing.T) {
	p := testkit.Project(t)
	decl := corpus.DeclaredTables()
	for _, table := range []string{"codes", "codings", "areas", "appraisals", "judgements", "memos", "exclusion_reasons", "reconcile", "studies", "coders"} {
		if _, ok := decl[table]; !ok {
			t.Errorf("table %s has no typed rows", table)
		}
	}
	for table, cols := range decl {
		for _, m := range mismatches(t, p.DB(), table, cols) {
			t.Error(m)
		}
	}
	// The comparison catches a misspelt column.
	bad := slices.Clone(decl["codings"])
	bad[slices.Index(bad, "start")] = "strat"
	if m := mismatches(t, p.DB(), "codings", bad); len(m) != 2 || !strings.Contains(m[0], "codings.strat is declared") {
		t.Fatalf("a misspelt column was not caught: %v", m)
	}
}

func TestMisspeltColumnStopsTheProgram(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(r.(string), `"strat"`) {
			t.Fatalf("recover() = %v, want a panic naming the column", r)
		}
	}()
	schema.Codings.Col("strat")
}

// codingProject is a project with a study, a theme code, a coding, an
// appraisal with a judgement and memos.
type codingProject struct {
	p            *corpus.Project
	study, other string
	code, coding string
	criterion    string
}

func newCodingProject(t *testing.T) codingProject {
	t.Helper()
	f := codingProject{p: testkit.Project(t)}
	tree := codingtest.Codebook(t, f.p)
	f.code = codingtest.Code(t, tree, "Debt bondage")
	f.criterion = coding.CriteriaOf(tree)[0].GUID
	f.study = testkit.Study(t, f.p, "Deleted", "Debt bondage in fishing.\fPage two.")
	f.other = testkit.Study(t, f.p, "Kept", "Debt bondage on farms.")
	f.coding = codingtest.Apply(t, f.p, f.study, f.code, 0, 12)
	for _, s := range []string{f.study, f.other} {
		if _, err := coding.ApplyArea(f.p, coding.PageArea{Study: s, Page: 0, Rect: coding.Rect{X0: 72, Y0: 90.5, X1: 540, Y1: 300},
			PageW: 612, PageH: 792, Label: "table"}, f.code, "wage table"); err != nil {
			t.Fatal(err)
		}
	}
	codingtest.Apply(t, f.p, f.study, f.code, 13, 24)
	codingtest.Apply(t, f.p, f.other, f.code, 0, 12)
	codingtest.Judge(t, f.p, f.study, f.criterion, coding.Met)
	codingtest.Judge(t, f.p, f.other, f.criterion, coding.NotMet)
	for _, s := range []string{f.study, f.other} {
		if err := coding.SetMemo(f.p, coding.MemoStudy, s, "memo on "+s); err != nil {
			t.Fatal(err)
		}
	}
	if err := coding.SetMemo(f.p, coding.MemoCode, f.code, "memo on the code"); err != nil {
		t.Fatal(err)
	}
	return f
}

// dump renders every row of coding's tables and of studies.
func dump(t *testing.T, p *corpus.Project) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		`SELECT guid || '|' || study || '|' || code || '|' || start || '|' || "end" || '|' || quote || '|' || coder || '|' || created_at || '|' || memo || '|' || consensus FROM codings ORDER BY guid`,
		`SELECT guid || '|' || study || '|' || code || '|' || page || '|' || x0 || '|' || y0 || '|' || x1 || '|' || y1 || '|' || page_w || '|' || label || '|' || memo || '|' || created_at FROM areas ORDER BY guid`,
		`SELECT guid || '|' || study || '|' || coder || '|' || rating || '|' || consensus || '|' || updated_at FROM appraisals ORDER BY guid`,
		`SELECT guid || '|' || appraisal || '|' || criterion || '|' || judgement || '|' || justification || '|' || links FROM judgements ORDER BY guid`,
		`SELECT guid || '|' || target_kind || '|' || target || '|' || text FROM memos ORDER BY guid`,
		`SELECT guid || '|' || title || '|' || status || '|' || text_len FROM studies ORDER BY guid`,
	} {
		rows, err := corpus.QueryStrings(p.DB(), q)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(strings.Join(rows, "\n") + "\n--\n")
	}
	return b.String()
}

func TestDeleteStudyCascadeAndUndo(t *testing.T) {
	f := newCodingProject(t)
	p := f.p
	before := dump(t, p)
	st, _ := coding.Stats(p)
	if st.Studies != 2 || st.Codings != 3 || st.Areas != 2 || st.Appraisals != 2 || st.Memos != 3 {
		t.Fatalf("stats before %+v", st)
	}
	if err := p.Do("Delete study", func(tx *corpus.Tx) error { return tx.DeleteStudy(f.study) }); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q    string
		want int
	}{
		{`SELECT COUNT(*) FROM codings WHERE study = ?`, 0},
		{`SELECT COUNT(*) FROM areas WHERE study = ?`, 0},
		{`SELECT COUNT(*) FROM appraisals WHERE study = ?`, 0},
		{`SELECT COUNT(*) FROM judgements j WHERE NOT EXISTS (SELECT 1 FROM appraisals a WHERE a.guid = j.appraisal) AND ? <> ''`, 0},
		{`SELECT COUNT(*) FROM memos WHERE target_kind = 'study' AND target = ?`, 0},
		{`SELECT COUNT(*) FROM studies WHERE guid = ?`, 0},
	} {
		var n int
		if err := p.DB().QueryRow(c.q, f.study).Scan(&n); err != nil || n != c.want {
			t.Errorf("%s: %d (%v), want %d", c.q, n, err, c.want)
		}
	}
	st, _ = coding.Stats(p)
	if st.Studies != 1 || st.Codings != 1 || st.Areas != 1 || st.Appraisals != 1 || st.Memos != 2 {
		t.Fatalf("stats after delete %+v: the other study's rows must stay", st)
	}
	if problems, err := p.Check(t.Context()); err != nil || len(problems) != 0 {
		t.Fatalf("check after delete: %v %v", problems, err)
	}
	act, err := p.Undo(t.Context())
	if err != nil || !slices.Equal(act.Studies, []string{f.study}) {
		t.Fatalf("undo = %+v %v", act, err)
	}
	if after := dump(t, p); after != before {
		t.Fatalf("undo did not bring everything back:\n%s\nwant\n%s", after, before)
	}
	// An undo of a codebook change names no particular study.
	if err := coding.UpdateCode(p, coding.Code{GUID: f.code, Name: "Debt", Color: "#123456", Kind: coding.KindTheme}); err != nil {
		t.Fatal(err)
	}
	if act, err := p.Undo(t.Context()); err != nil || act.Studies != nil {
		t.Fatalf("undo of a code edit names %v (%v), want every study (nil)", act.Studies, err)
	}
}

func TestCheckFindsEachCodingProblem(t *testing.T) {
	for _, tc := range []struct {
		want string
		q    string // breaks one rule; ? is the study, ?2 the code
	}{
		{"1 codings of a missing study", `INSERT INTO codings(guid, study, code, start, "end", created_at) VALUES ('x', 'gone', ?2, 0, 1, 't')`},
		{"1 codings of a missing code", `INSERT INTO codings(guid, study, code, start, "end", created_at) VALUES ('x', ?1, 'gone', 0, 1, 't')`},
		{"1 codings outside their study text", `INSERT INTO codings(guid, study, code, start, "end", created_at) VALUES ('x', ?1, ?2, 20, 999, 't')`},
		{"1 codes under a missing parent", `INSERT INTO codes(guid, parent, name) VALUES ('x', 'gone', 'Orphan')`},
		{"1 appraisals of a missing study", `INSERT INTO appraisals(guid, study, coder, created_at, updated_at) VALUES ('x', 'gone', 'u', 't', 't')`},
		{"1 judgements of a missing appraisal", `INSERT INTO judgements(guid, appraisal, criterion) VALUES ('x', 'gone', ?2)`},
		{"1 area codings of a missing study", `INSERT INTO areas(guid, study, code, page, x0, y0, x1, y1, created_at) VALUES ('x', 'gone', ?2, 0, 1, 1, 9, 9, 't')`},
		{"1 area codings of a missing code", `INSERT INTO areas(guid, study, code, page, x0, y0, x1, y1, created_at) VALUES ('x', ?1, 'gone', 0, 1, 1, 9, 9, 't')`},
		{"1 area codings outside their page", `INSERT INTO areas(guid, study, code, page, x0, y0, x1, y1, page_w, page_h, created_at) VALUES ('x', ?1, ?2, 0, 1, 1, 700, 9, 612, 792, 't')`},
		{"1 area codings outside their page", `INSERT INTO areas(guid, study, code, page, x0, y0, x1, y1, created_at) VALUES ('x', ?1, ?2, 0, 9, 1, 9, 9, 't')`},
	} {
		t.Run(tc.want, func(t *testing.T) {
			f := newCodingProject(t)
			if problems, err := f.p.Check(t.Context()); err != nil || len(problems) != 0 {
				t.Fatalf("sound project: %v %v", problems, err)
			}
			if _, err := f.p.DB().Exec(tc.q, f.study, f.code); err != nil {
				t.Fatal(err)
			}
			problems, err := f.p.Check(t.Context())
			if err != nil || !slices.Equal(problems, []string{tc.want}) {
				t.Fatalf("check = %q %v, want %q", problems, err, tc.want)
			}
		})
	}
}
