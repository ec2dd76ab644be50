package merge

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/exchange"
	"github.com/evidence-workbench/workbench/corpus"
)

var (
	lead = corpus.Coder{GUID: "00000000-0000-0000-0000-00000000000a", Name: "Lead"}
	ann  = corpus.Coder{GUID: "00000000-0000-0000-0000-0000000000a1", Name: "Ann"}
	bob  = corpus.Coder{GUID: "00000000-0000-0000-0000-0000000000b0", Name: "Bob"}
)

// openAs opens (or creates) a project with a ticking clock and a coder; it is closed when the test ends.
func openAs(tb testing.TB, path string, c corpus.Coder, start time.Time) *corpus.Project {
	tb.Helper()
	var p *corpus.Project
	var err error
	if _, serr := os.Stat(path); serr == nil {
		p, err = corpus.Open(path, corpus.Options{})
	} else {
		p, err = corpus.Create(path, "Review")
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { p.Close() })
	clock := start
	p.Now = func() time.Time { clock = clock.Add(time.Millisecond); return clock }
	if err := p.SetCoder(c); err != nil {
		tb.Fatal(err)
	}
	return p
}

// must turns a value and an error into a function that returns the value or fails the test: must(f())(t).
func must[T any](v T, err error) func(testing.TB) T {
	return func(tb testing.TB) T {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
		return v
	}
}

func addStudy(tb testing.TB, p *corpus.Project, name, pdf, text string) string {
	tb.Helper()
	var g string
	err := p.Do("Import", func(tx *corpus.Tx) error {
		var err error
		g, err = tx.AddStudy(corpus.NewStudy{FileName: name + ".pdf", PDF: []byte(pdf), Text: text, Attributes: corpus.Attributes{Title: name}})
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// codeText codes the first occurrence of passage (exact) in a study.
func codeText(tb testing.TB, p *corpus.Project, study, code, passage string) coding.Coding {
	tb.Helper()
	t := must(p.Text(study))(tb)
	i := strings.Index(t.String, passage)
	if i < 0 {
		tb.Fatalf("%q not in study text", passage)
	}
	s := len([]rune(t.String[:i]))
	return must(coding.ApplyCode(p, study, code, s, s+len([]rune(passage)), ""))(tb)
}

func copyFile(tb testing.TB, src, dst string) {
	tb.Helper()
	b := must(os.ReadFile(src))(tb)
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		tb.Fatal(err)
	}
}

func count(tb testing.TB, p *corpus.Project, q string, args ...any) int {
	tb.Helper()
	var n int
	if err := p.DB().QueryRow(q, args...).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

const (
	textA = "Migrant workers reported debt bondage.\nEmployers kept passports."
	textB = "Summary page.\fMigrant  workers reported\ndebt bondage. Employers kept passports."
	pdfX  = "%PDF-1.4 study X, the same bytes in both reviewers' files"
)

// fixture is a master and two reviewer files made from copies of it.
type fixture struct {
	master, a, b                       string // paths
	wages, fees, crit, s1, s2          string // master GUIDs
	debtA, debtB, bondage, xA, xB      string // reviewer GUIDs
	reanchoredCoding, unanchoredCoding string
}

func newFixture(t *testing.T) *fixture {
	dir := t.TempDir()
	f := &fixture{master: filepath.Join(dir, "master.ewb"), a: filepath.Join(dir, "ann.ewb"), b: filepath.Join(dir, "bob.ewb")}
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	m := openAs(t, f.master, lead, t0)
	f.wages = must(coding.CreateCode(m, coding.Code{Name: "Wages", Color: "#111111"}))(t)
	rec := must(coding.CreateCode(m, coding.Code{Name: "Recruitment"}))(t)
	f.fees = must(coding.CreateCode(m, coding.Code{Name: "Fees", Parent: rec}))(t)
	f.crit = must(coding.CreateCode(m, coding.Code{Name: "Sampling explained", Kind: coding.KindRigor}))(t)
	f.s1 = addStudy(t, m, "S1", "%PDF-1.4 s1", "Workers in the field earn low wages. Fees are charged by recruiters.")
	f.s2 = addStudy(t, m, "S2", "%PDF-1.4 s2", "Debts grow with every month of work abroad.")
	m.Close()
	copyFile(t, f.master, f.a)
	copyFile(t, f.master, f.b)

	a := openAs(t, f.a, ann, t0.Add(time.Hour))
	codeText(t, a, f.s1, f.wages, "low wages")
	f.debtA = must(coding.CreateCode(a, coding.Code{Name: "Debt", Color: "#aa0000"}))(t)
	codeText(t, a, f.s2, f.debtA, "Debts grow")
	fees := must(coding.ResolveCode(a, f.fees))(t)
	fees.Name = "Recruitment fees"
	if err := coding.UpdateCode(a, fees); err != nil {
		t.Fatal(err)
	}
	f.xA = addStudy(t, a, "X", pdfX, textA)
	codeText(t, a, f.xA, f.debtA, "kept passports")
	if err := coding.SetMemo(a, coding.MemoStudy, f.s1, "check the wage figures"); err != nil {
		t.Fatal(err)
	}
	if err := coding.SetJudgement(a, f.s1, f.crit, coding.Met, "clear"); err != nil {
		t.Fatal(err)
	}
	a.Close()

	b := openAs(t, f.b, bob, t0.Add(2*time.Hour))
	codeText(t, b, f.s1, f.wages, "earn low")
	f.debtB = must(coding.CreateCode(b, coding.Code{Name: "debt", Color: "#00aa00"}))(t)
	codeText(t, b, f.s2, f.debtB, "every month")
	f.bondage = must(coding.CreateCode(b, coding.Code{Name: "Bondage", Parent: f.debtB}))(t)
	codeText(t, b, f.s2, f.bondage, "Debts")
	wages := must(coding.ResolveCode(b, f.wages))(t)
	wages.Color = "#222222"
	if err := coding.UpdateCode(b, wages); err != nil {
		t.Fatal(err)
	}
	f.xB = addStudy(t, b, "X", pdfX, textB)
	f.reanchoredCoding = codeText(t, b, f.xB, f.debtB, "workers reported\ndebt bondage").GUID
	f.unanchoredCoding = codeText(t, b, f.xB, f.debtB, "Summary page").GUID
	if err := coding.SetJudgement(b, f.s1, f.crit, coding.PartlyMet, "vague"); err != nil {
		t.Fatal(err)
	}
	b.Close()
	return f
}

// mergeFile plans and applies one reviewer file.
func mergeFile(t *testing.T, m *corpus.Project, path string, res Resolutions) *Report {
	t.Helper()
	r := must(corpus.Open(path, corpus.Options{ReadOnly: true}))(t)
	defer r.Close()
	plan := must(Plan(context.Background(), m, r))(t)
	return must(Apply(context.Background(), m, plan, res, nil))(t)
}

func TestMergeTwoReviewers(t *testing.T) {
	f := newFixture(t)
	m := openAs(t, f.master, lead, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	r := must(corpus.Open(f.a, corpus.Options{ReadOnly: true}))(t)
	plan := must(Plan(context.Background(), m, r))(t)
	if plan.Preview.New.Codings != 3 || len(plan.Conflicts) != 1 || count(t, m, `SELECT COUNT(*) FROM codings`) != 0 {
		t.Fatalf("plan: %+v conflicts %+v", plan.Preview.New, plan.Conflicts)
	}
	c := plan.Conflicts[0]
	if c.ID != "code:"+f.fees || c.Kind != ConflictChanged || c.Master.Name != "Fees" || c.Reviewer.Name != "Recruitment fees" ||
		c.Resolution.Action != KeepMaster || !strings.Contains(c.Describe(), `"Recruitment fees"`) {
		t.Errorf("conflict %+v", c)
	}
	rep := must(Apply(context.Background(), m, plan, Resolutions{}, nil))(t)
	r.Close()
	want := Counts{Studies: 1, Codes: 1, Codings: 3, Appraisals: 1, Memos: 1, Coders: 1}
	if rep.New != want || len(rep.Unanchored) != 0 {
		t.Fatalf("merge A: %+v\n%s", rep.New, rep)
	}
	if n := count(t, m, `SELECT COUNT(*) FROM codes WHERE name = 'Fees'`); n != 1 {
		t.Errorf("keep master renamed Fees")
	}

	rep = mergeFile(t, m, f.b, Resolutions{})
	want = Counts{Codes: 1, Codings: 4, Appraisals: 1, Coders: 1}
	if rep.New != want || rep.MatchedBySHA != 1 || rep.Reanchored != 1 || len(rep.Conflicts) != 2 {
		t.Fatalf("merge B: %+v matched %d reanchored %d\n%s", rep.New, rep.MatchedBySHA, rep.Reanchored, rep)
	}
	if len(rep.Unanchored) != 1 || rep.Unanchored[0].Coding != f.unanchoredCoding || rep.Unanchored[0].Quote != "Summary page" ||
		rep.Unanchored[0].Coder != "Bob" || !strings.Contains(rep.String(), "Summary page") {
		t.Errorf("unanchored %+v", rep.Unanchored)
	}
	// B's "debt" has the name of A's Debt (ignoring case): mapped onto it.
	for _, c := range rep.Conflicts {
		if c.Kind == ConflictSameName && (c.Master.GUID != f.debtA || c.Reviewer.GUID != f.debtB) {
			t.Errorf("same-name conflict %+v", c)
		}
	}
	if n := count(t, m, `SELECT COUNT(*) FROM codings WHERE code = ? AND coder = ?`, f.debtA, bob.GUID); n != 2 {
		t.Errorf("Bob's debt codings on A's Debt: %d", n)
	}
	if n := count(t, m, `SELECT COUNT(*) FROM codes WHERE guid = ?`, f.debtB); n != 0 {
		t.Errorf("B's debt code came in although mapped")
	}
	// B's sub-code of its "debt" comes in under the code it was mapped onto.
	if n := count(t, m, `SELECT COUNT(*) FROM codes WHERE guid = ? AND parent = ?`, f.bondage, f.debtA); n != 1 {
		t.Errorf("B's Bondage is not under A's Debt")
	}
	// The re-anchored coding sits on the master's (A's) text of X.
	got := must(coding.GetCoding(m, f.reanchoredCoding))(t)
	start := len([]rune(textA[:strings.Index(textA, "workers")]))
	if got.Study != f.xA || got.Start != start || got.Quote != "workers reported debt bondage" || got.Coder != bob.GUID {
		t.Errorf("re-anchored coding %+v", got)
	}
	if n := count(t, m, `SELECT COUNT(*) FROM studies`); n != 3 {
		t.Errorf("%d studies, want 3 (X once)", n)
	}
	if probs := must(m.Check(context.Background()))(t); len(probs) != 0 {
		t.Errorf("check: %v", probs)
	}
	if n := count(t, m, `SELECT COUNT(*) FROM appraisals a JOIN judgements j ON j.appraisal = a.guid WHERE a.study = ?`, f.s1); n != 2 {
		t.Errorf("%d judgements of S1, want one per reviewer", n)
	}

	// Idempotent: both files again bring nothing and record no action.
	hist := len(must(m.History(0))(t))
	gen := m.Generation()
	for _, path := range []string{f.a, f.b} {
		rep = mergeFile(t, m, path, Resolutions{})
		if rep.Changed() || rep.New.Total() != 0 || !strings.Contains(rep.String(), "Nothing new") {
			t.Errorf("second merge of %s: %+v %+v", path, rep.New, rep.Updated)
		}
	}
	if h := len(must(m.History(0))(t)); h != hist || m.Generation() != gen {
		t.Errorf("history grew from %d to %d", hist, h)
	}
}

func TestMergeResolutions(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	fresh := func(t *testing.T) *corpus.Project {
		p := filepath.Join(t.TempDir(), "m.ewb")
		copyFile(t, f.master, p)
		m := openAs(t, p, lead, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
		mergeFile(t, m, f.a, Resolutions{})
		return m
	}
	t.Run("take-reviewer", func(t *testing.T) {
		m := fresh(t)
		r := must(corpus.Open(f.b, corpus.Options{ReadOnly: true}))(t)
		plan := must(Plan(ctx, m, r))(t)
		pre := must(plan.PreviewWith(ctx, m, Resolutions{Default: TakeReviewer}))(t)
		r.Close()
		if pre.Updated.Codes != 2 || must(coding.ResolveCode(m, f.wages))(t).Color != "#111111" {
			t.Errorf("preview: %+v", pre.Updated)
		}
		rep := mergeFile(t, m, f.b, Resolutions{Default: TakeReviewer})
		if rep.Updated.Codes != 2 {
			t.Errorf("updated %+v\n%s", rep.Updated, rep)
		}
		w := must(coding.ResolveCode(m, f.wages))(t)
		d := must(coding.ResolveCode(m, f.debtA))(t)
		if w.Color != "#222222" || d.Name != "debt" || d.Color != "#00aa00" {
			t.Errorf("wages %+v debt %+v", w, d)
		}
		if n := count(t, m, `SELECT COUNT(*) FROM codings WHERE code = ? AND coder = ?`, f.debtA, bob.GUID); n != 2 {
			t.Errorf("Bob's codings on the taken code: %d", n)
		}
		// Merging B again changes nothing: its versions are the master's now,
		// so nothing is updated and no conflict is listed again.
		hist := len(must(m.History(0))(t))
		again := mergeFile(t, m, f.b, Resolutions{Default: TakeReviewer})
		if again.Changed() || again.Updated.Total() != 0 || len(again.Conflicts) != 0 || !strings.Contains(again.String(), "Nothing new") ||
			strings.Contains(again.String(), "Updated") {
			t.Errorf("re-merge after take-reviewer:\n%s", again)
		}
		if h := len(must(m.History(0))(t)); h != hist {
			t.Errorf("re-merge recorded an action (%d -> %d)", hist, h)
		}
		// Merging A again: A's Fees rename is still a conflict; under take-reviewer it renames.
		rep = mergeFile(t, m, f.a, Resolutions{Default: TakeReviewer})
		if must(coding.ResolveCode(m, f.fees))(t).Name != "Recruitment fees" {
			t.Errorf("fees not renamed: %s", rep)
		}
	})
	t.Run("keep-both", func(t *testing.T) {
		m := fresh(t)
		rep := mergeFile(t, m, f.b, Resolutions{Default: KeepBoth})
		if rep.New.Codes != 3 {
			t.Fatalf("new %+v\n%s", rep.New, rep)
		}
		tree := must(coding.LoadCodeTree(m))(t)
		copyOfDebt := must(tree.Resolve("debt (2)"))(t)
		copyOfWages := must(tree.Resolve("Wages (2)"))(t)
		if copyOfWages.Color != "#222222" || copyOfDebt.Color != "#00aa00" {
			t.Errorf("copies %+v %+v", copyOfWages, copyOfDebt)
		}
		if b := must(tree.Resolve(f.bondage))(t); b.Parent != copyOfDebt.GUID {
			t.Errorf("Bondage under %s, want the copy of debt", b.Parent)
		}
		if n := count(t, m, `SELECT COUNT(*) FROM codings WHERE code = ? AND coder = ?`, copyOfDebt.GUID, bob.GUID); n != 2 {
			t.Errorf("Bob's debt codings on the copy: %d", n)
		}
		if n := count(t, m, `SELECT COUNT(*) FROM codings WHERE code = ? AND coder = ?`, copyOfWages.GUID, bob.GUID); n != 1 {
			t.Errorf("Bob's wages coding on the copy: %d", n)
		}
		// Again with the same policy: the copies are found, nothing new.
		if rep := mergeFile(t, m, f.b, Resolutions{Default: KeepBoth}); rep.Changed() {
			t.Errorf("keep-both is not idempotent:\n%s", rep)
		}
	})
	t.Run("map", func(t *testing.T) {
		m := fresh(t)
		res := Resolutions{ByConflict: map[string]Resolution{"code:" + f.debtB: {Action: MapTo, Target: f.fees}}}
		rep := mergeFile(t, m, f.b, res)
		if n := count(t, m, `SELECT COUNT(*) FROM codings WHERE code = ? AND coder = ?`, f.fees, bob.GUID); n != 2 {
			t.Errorf("Bob's debt codings mapped onto Fees: %d\n%s", n, rep)
		}
		r := must(corpus.Open(f.b, corpus.Options{ReadOnly: true}))(t)
		defer r.Close()
		plan := must(Plan(ctx, m, r))(t)
		bad := Resolutions{ByConflict: map[string]Resolution{"code:" + f.debtB: {Action: MapTo, Target: "no-such-code"}}}
		if _, err := Apply(ctx, m, plan, bad, nil); !errors.Is(err, ErrResolution) {
			t.Errorf("map onto a missing code: %v", err)
		}
		if _, err := plan.PreviewWith(ctx, m, bad); !errors.Is(err, ErrResolution) {
			t.Errorf("preview with a bad mapping: %v", err)
		}
		if _, err := ParseAction("merge-all"); !errors.Is(err, ErrResolution) {
			t.Errorf("bad action: %v", err)
		}
	})
}

func TestMergeCancelAndUndo(t *testing.T) {
	f := newFixture(t)
	a := openAs(t, f.a, ann, time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	var spans []coding.CodingSpan
	for i := 0; i < 600; i++ {
		spans = append(spans, coding.CodingSpan{Study: f.xA, Start: i % 40, End: i%40 + 1 + i/40})
	}
	must(coding.ApplyCodeSpans(a, f.wages, spans, ""))(t)
	a.Close()

	m := openAs(t, f.master, lead, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	before := must(coding.Stats(m))(t)
	hist := len(must(m.History(0))(t))
	r := must(corpus.Open(f.a, corpus.Options{ReadOnly: true}))(t)
	defer r.Close()
	plan := must(Plan(context.Background(), m, r))(t)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := Apply(ctx, m, plan, Resolutions{}, func(done, total int) {
		calls++
		if done > 0 && done < total {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || calls < 2 {
		t.Fatalf("cancelled merge: %v after %d progress calls", err, calls)
	}
	after := must(coding.Stats(m))(t)
	if !reflect.DeepEqual(after, before) || len(must(m.History(0))(t)) != hist {
		t.Fatalf("cancel changed the master: %+v -> %+v", before, after)
	}
	rep := must(Apply(context.Background(), m, plan, Resolutions{}, nil))(t)
	if rep.New.Codings != 603 {
		t.Fatalf("merged %d codings", rep.New.Codings)
	}
	act := must(m.Undo(context.Background()))(t)
	if act.Label != "Merge ann.ewb" {
		t.Errorf("undo label %q", act.Label)
	}
	if after := must(coding.Stats(m))(t); after.Codings != before.Codings || after.Studies != before.Studies ||
		after.Codes != before.Codes || after.Coders != before.Coders || after.Memos != before.Memos {
		t.Errorf("undo left %+v, want %+v", after, before)
	}
	must(m.Redo(context.Background()))(t)
	if n := count(t, m, `SELECT COUNT(*) FROM codings`); n != 603 {
		t.Errorf("redo: %d codings", n)
	}
}

func TestMergeLaterEdits(t *testing.T) {
	f := newFixture(t)
	m := openAs(t, f.master, lead, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	mergeFile(t, m, f.a, Resolutions{})
	// Ann goes on working in her file: edits her memo and a judgement, adds an exclusion reason.
	a := openAs(t, f.a, ann, time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC))
	if err := coding.SetMemo(a, coding.MemoStudy, f.s1, "wage figures checked"); err != nil {
		t.Fatal(err)
	}
	if err := coding.SetJudgement(a, f.s1, f.crit, coding.NotMet, "on second reading"); err != nil {
		t.Fatal(err)
	}
	must(coding.AddExclusionReason(a, "Not about labour migration"))(t)
	a.Close()
	rep := mergeFile(t, m, f.a, Resolutions{})
	if rep.Updated.Memos != 1 || rep.Updated.Appraisals != 1 || rep.New.ExclusionReasons != 1 || rep.New.Codings != 0 {
		t.Fatalf("later edits: new %+v updated %+v", rep.New, rep.Updated)
	}
	ms := must(coding.Memos(m, coding.MemoStudy, f.s1))(t)
	if len(ms) != 1 || ms[0].Text != "wage figures checked" {
		t.Errorf("memos %+v", ms)
	}
	ap := must(coding.AppraisalOf(m, f.s1, ann.GUID))(t)
	if j := ap.Judgements[f.crit]; j.Judgement != coding.NotMet || j.Justification != "on second reading" {
		t.Errorf("judgement %+v", j)
	}
	// The same file again: the master now has the reviewer's latest versions.
	if rep := mergeFile(t, m, f.a, Resolutions{}); rep.Changed() {
		t.Errorf("third merge changed:\n%s", rep)
	}
}

func TestMergeQDPX(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a := openAs(t, f.a, ann, time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	archive := filepath.Join(t.TempDir(), "ann.qdpx")
	if err := exchange.ExportQDPX(ctx, a, archive, nil); err != nil {
		t.Fatal(err)
	}
	a.Close()
	if !IsQDPX(archive) || IsQDPX(f.a) {
		t.Fatal("IsQDPX")
	}
	m := openAs(t, f.master, lead, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	r, imp, cleanup, err := OpenQDPX(ctx, archive, lead, nil)
	if err != nil {
		t.Fatal(err)
	}
	tmp := r.Path()
	plan := must(Plan(ctx, m, r))(t)
	plan.Source = archive
	rep := must(Apply(ctx, m, plan, Resolutions{}, nil))(t)
	cleanup()
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("temporary project left behind: %v", err)
	}
	if rep.New.Codings != 3 || rep.Source != archive || imp == nil {
		t.Fatalf("qdpx merge: %+v\n%s", rep.New, rep)
	}
	if n := count(t, m, `SELECT COUNT(*) FROM codings WHERE coder = ?`, ann.GUID); n != 3 {
		t.Errorf("%d codings by Ann", n)
	}
	// The archive kept the identities: merging Ann's project file now adds no codings.
	if rep := mergeFile(t, m, f.a, Resolutions{}); rep.New.Codings != 0 {
		t.Errorf("project file after its archive: %+v\n%s", rep.New, rep)
	}
}

// TestMergeSameFile: merging the master into itself says so, under any
// spelling of its path, instead of failing to open a project that is open.
func TestMergeSameFile(t *testing.T) {
	f := newFixture(t)
	m := openAs(t, f.master, lead, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	dir := filepath.Dir(f.master)
	link := filepath.Join(t.TempDir(), "link.ewb")
	if err := os.Symlink(f.master, link); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{f.master, filepath.Join(dir, ".", filepath.Base(f.master)), link} {
		err := CheckReviewerPath(m, p)
		if !errors.Is(err, ErrSameFile) || !strings.Contains(err.Error(), "is the master project itself") {
			t.Errorf("%s: %v", p, err)
		}
	}
	if err := CheckReviewerPath(m, f.a); err != nil {
		t.Errorf("a reviewer file: %v", err)
	}
	if _, err := Plan(context.Background(), m, m); !errors.Is(err, ErrSameFile) {
		t.Errorf("plan of the master into itself: %v", err)
	}
}
