package exchange

import (
	"archive/zip"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/coding/refi"
	"github.com/evidence-workbench/workbench/corpus"
	"github.com/evidence-workbench/workbench/internal/demo"
	"github.com/evidence-workbench/workbench/internal/testkit"
)

const refiShared = "../../../shared/refi"

// demoProject builds the demo project with a few memos and an excluded study added, opened for writing.
func demoProject(t *testing.T) *corpus.Project {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.ewb")
	if err := demo.Build(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	p, err := corpus.Open(path, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	if err := p.SetCoder(demo.Coder); err != nil {
		t.Fatal(err)
	}
	studies, _ := p.Studies()
	codings, _ := coding.Codings(p, coding.CodingFilter{})
	codes, _ := coding.Codebook(p)
	if len(studies) < 2 || len(codings) < 2 {
		t.Fatalf("demo has %d studies, %d codings", len(studies), len(codings))
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(coding.SetMemo(p, coding.MemoStudy, studies[0].GUID, "Strong ethnography; check the sampling."))
	must(coding.SetMemo(p, coding.MemoCode, codes[0].GUID, "Use for recruitment debt only."))
	must(coding.SetMemo(p, coding.MemoCoding, codings[1].GUID, "Quote used in the brief."))
	if _, err := coding.AddExclusionReason(p, "Out of scope"); err != nil {
		t.Fatal(err)
	}
	must(coding.SetStatus(p, []string{studies[1].GUID}, corpus.StatusExcluded, "Out of scope"))
	// A second coder, so creatingUser really varies.
	if err := p.SetCoder(corpus.CoderNamed("Second reviewer")); err != nil {
		t.Fatal(err)
	}
	if _, err := coding.ApplyCode(p, codings[0].Study, codings[0].Code, codings[0].Start, codings[0].End, "second opinion"); err != nil {
		t.Fatal(err)
	}
	return p
}

// emptyProject creates a project without codebook or studies.
func emptyProject(t *testing.T) *corpus.Project {
	t.Helper()
	p, err := corpus.Create(filepath.Join(t.TempDir(), "in.ewb"), "Imported")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	if err := p.SetCoder(corpus.CoderNamed("Importer")); err != nil {
		t.Fatal(err)
	}
	return p
}

// validateQDE checks project.qde of a .qdpx against Project.xsd when xmllint and the schema are present.
func validateQDE(t *testing.T, qdpx string) {
	t.Helper()
	xsd := filepath.Join(refiShared, "Project.xsd")
	if _, err := os.Stat(xsd); err != nil {
		t.Logf("%s not available: schema validation skipped", xsd)
		return
	}
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		t.Log("xmllint not installed: schema validation skipped")
		return
	}
	zr, err := zip.OpenReader(qdpx)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.Open("project.qde")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(rc)
	rc.Close()
	f := filepath.Join(t.TempDir(), "project.qde")
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "--noout", "--schema", xsd, f).CombinedOutput(); err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
}

func memoSet(t *testing.T, p *corpus.Project) []string {
	t.Helper()
	ms, err := coding.SearchMemos(p, "")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		out = append(out, m.TargetKind+"|"+m.Target+"|"+m.Coder+"|"+m.Text)
	}
	slices.Sort(out)
	return out
}

func TestQDPXRoundTrip(t *testing.T) {
	src := demoProject(t)
	out := filepath.Join(t.TempDir(), "demo.qdpx")
	var stages []string
	if err := ExportQDPX(context.Background(), src, out, func(pr refi.Progress) { stages = append(stages, pr.Stage) }); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(stages, "sources") || !slices.Contains(stages, "project") {
		t.Errorf("progress stages %v", stages)
	}
	validateQDE(t, out)

	dst := emptyProject(t)
	rep, err := ImportQDPX(context.Background(), dst, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	srcStudies, _ := src.Studies()
	srcCodes, _ := coding.Codebook(src)
	srcCodings, _ := coding.Codings(src, coding.CodingFilter{})
	srcCoders, _ := src.Coders()
	if rep.StudiesAdded != len(srcStudies) || rep.PDFs != len(srcStudies) || rep.CodesAdded != len(srcCodes) ||
		rep.Codings != len(srcCodings) || rep.Users != len(srcCoders) || rep.CodingsSkipped != 0 || rep.Memos != 6 {
		t.Errorf("report %+v; want %d studies, %d codes, %d codings, %d users, 6 memos (2 of them the brief's texts)", rep, len(srcStudies), len(srcCodes), len(srcCodings), len(srcCoders))
	}
	if len(rep.Warnings) != 0 {
		t.Errorf("warnings: %q", rep.Warnings)
	}

	// Studies: same GUIDs, texts, pages, PDFs, attributes and statuses.
	dstStudies, _ := dst.Studies()
	if len(dstStudies) != len(srcStudies) {
		t.Fatalf("%d studies, want %d", len(dstStudies), len(srcStudies))
	}
	for i, s := range srcStudies {
		d := dstStudies[i]
		if d.GUID != s.GUID || !reflect.DeepEqual(d.Attributes, s.Attributes) || d.Status != s.Status ||
			d.ExclusionReason != s.ExclusionReason || d.Pages != s.Pages || d.TextLen != s.TextLen {
			t.Errorf("study %d:\n got %+v\nwant %+v", i, d, s)
		}
		st, _ := src.Text(s.GUID)
		dt, _ := dst.Text(d.GUID)
		if st.String != dt.String || !reflect.DeepEqual(st.PageStarts, dt.PageStarts) {
			t.Errorf("study %q: text or pages differ", s.Title)
		}
		_, sp, _ := src.PDF(s.GUID)
		_, dp, _ := dst.PDF(d.GUID)
		if string(sp) != string(dp) {
			t.Errorf("study %q: PDF differs", s.Title)
		}
	}
	// Codes: GUIDs, names, colours, parents, definitions, kinds.
	dstCodes, _ := coding.Codebook(dst)
	strip := func(cs []coding.Code) []coding.Code {
		out := slices.Clone(cs)
		for i := range out {
			out[i].Position, out[i].Pinned = 0, 0
		}
		slices.SortFunc(out, func(a, b coding.Code) int { return strings.Compare(a.GUID, b.GUID) })
		return out
	}
	if !reflect.DeepEqual(strip(dstCodes), strip(srcCodes)) {
		t.Errorf("codebook differs:\n got %+v\nwant %+v", strip(dstCodes), strip(srcCodes))
	}
	// Codings: GUIDs, ranges, quotes, coders, times (to the second), memos.
	dstCodings, _ := coding.Codings(dst, coding.CodingFilter{})
	if len(dstCodings) != len(srcCodings) {
		t.Fatalf("%d codings, want %d", len(dstCodings), len(srcCodings))
	}
	for i, c := range srcCodings {
		d := dstCodings[i]
		c.CreatedAt, d.CreatedAt = c.CreatedAt.Truncate(time.Second), d.CreatedAt.Truncate(time.Second)
		if d != c {
			t.Errorf("coding %d:\n got %+v\nwant %+v", i, d, c)
		}
	}
	dstCoders, _ := dst.Coders()
	for _, c := range srcCoders {
		if !slices.Contains(dstCoders, c) {
			t.Errorf("coder %+v missing from %+v", c, dstCoders)
		}
	}
	if got, want := memoSet(t, dst), memoSet(t, src); !reflect.DeepEqual(got, want) {
		t.Errorf("memos\n got %q\nwant %q", got, want)
	}
	reasons, _ := coding.ExclusionReasons(dst)
	if len(reasons) != 1 || reasons[0].Name != "Out of scope" {
		t.Errorf("exclusion reasons %+v", reasons)
	}

	// The import is one undo step, and importing again adds nothing.
	again, err := ImportQDPX(context.Background(), dst, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.StudiesAdded+again.CodesAdded+again.Codings+again.CodersAdded+again.Memos != 0 ||
		again.StudiesExisting != len(srcStudies) || again.CodingsExisting != len(srcCodings) || len(again.Warnings) != 0 {
		t.Errorf("second import %+v", again)
	}
	if _, err := dst.Undo(context.Background()); err != nil { // the empty second import wrote nothing
		t.Fatal(err)
	}
	if st, _ := coding.Stats(dst); st.Studies != 0 || st.Codings != 0 || st.Codes != 0 || st.Memos != 0 {
		t.Errorf("after undo: %+v", st)
	}
}

// TestQDPXImportExisting imports into a project that already has one of the
// studies with a different text and a code of the same name: codings are
// re-anchored and mapped onto the existing code.
func TestQDPXImportExisting(t *testing.T) {
	src := testkit.Project(t)
	study := testkit.Study(t, src, "Brick kilns", "Workers owed debts.\fDebt bondage persisted for years.")
	code, err := coding.CreateCode(src, coding.Code{Name: "Debt bondage", Color: "#aa0000", Kind: coding.KindTheme, Definition: "Work to repay a debt."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := coding.ApplyCode(src, study, code, 20, 32, ""); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "x.qdpx")
	if err := ExportQDPX(context.Background(), src, out, nil); err != nil {
		t.Fatal(err)
	}
	validateQDE(t, out)

	dst := testkit.Project(t)
	mine, _ := coding.CreateCode(dst, coding.Code{Name: "debt BONDAGE", Kind: coding.KindTheme})
	_, pdf, _ := src.PDF(study)
	err = dst.Do("Import", func(tx *corpus.Tx) error { // the same PDF, extracted with an extra line break
		_, err := tx.AddStudy(corpus.NewStudy{FileName: "kilns.pdf", PDF: pdf, Text: "Intro.\nWorkers owed debts.\fDebt bondage persisted for years."})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ImportQDPX(context.Background(), dst, out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.StudiesExisting != 1 || rep.StudiesAdded != 0 || rep.CodesAdded != 0 || rep.Codings != 1 {
		t.Fatalf("report %+v", rep)
	}
	cs, _ := coding.Codings(dst, coding.CodingFilter{})
	if len(cs) != 1 || cs[0].Code != mine || cs[0].Start != 27 || cs[0].Quote != "Debt bondage" || cs[0].Coder != testkit.Ann.GUID {
		t.Errorf("codings %+v", cs)
	}
}

// sampleProject imports one of the shared REFI samples into a fresh project.
func sampleProject(t *testing.T, name string) (*corpus.Project, *QDPXImportReport) {
	t.Helper()
	path := filepath.Join(refiShared, "samples", name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s not available", path)
	}
	p := emptyProject(t)
	rep, err := ImportQDPX(context.Background(), p, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %+v", name, *rep)
	return p, rep
}

// countCodings counts a project's codings per coder name.
func countCodings(t *testing.T, p *corpus.Project) map[string]int {
	t.Helper()
	coders, _ := p.Coders()
	names := map[string]string{}
	for _, c := range coders {
		names[c.GUID] = c.Name
	}
	cs, _ := coding.Codings(p, coding.CodingFilter{})
	out := map[string]int{}
	for _, c := range cs {
		out[names[c.Coder]]++
		if got := corpus.SliceRunes(mustText(t, p, c.Study), c.Start, c.End); got != c.Quote || c.Quote == "" {
			t.Fatalf("coding %s: quote %q, text has %q", c.GUID, c.Quote, got)
		}
	}
	return out
}

var textCache = map[string]string{}

func mustText(t *testing.T, p *corpus.Project, study string) string {
	if s, ok := textCache[p.Path()+study]; ok {
		return s
	}
	tx, err := p.Text(study)
	if err != nil {
		t.Fatal(err)
	}
	textCache[p.Path()+study] = tx.String
	return tx.String
}

func TestQDPXImportNVivoSample(t *testing.T) {
	p, rep := sampleProject(t, "nvivo12.6-two-coders.qdpx")
	// Figures verified in coding/refi's sample tests: 152 codes, 303 selections
	// with one coding each (all created by Gergo), 2 text sources, 2 users.
	if rep.Users != 2 || rep.CodersAdded != 2 || rep.Codes != 152 || rep.CodesAdded != 152 || rep.Sources != 2 ||
		rep.StudiesAdded != 2 || rep.TextOnly != 2 || rep.Codings != 303 || rep.CodingsSkipped != 0 {
		t.Errorf("report %+v", rep)
	}
	st, _ := coding.Stats(p)
	if st.Codes != 152 || st.Studies != 2 || st.Codings != rep.Codings || st.Coders != 3 {
		t.Errorf("stats %+v", st)
	}
	if by := countCodings(t, p); by["Gergo"] != rep.Codings {
		t.Errorf("codings per coder %v", by)
	}
	// The GUID of a coding is kept, with its code-point range (converted from UTF-16 by the reader).
	c, err := coding.GetCoding(p, "da50c6de-cd58-40da-a7e3-be4b82d7f00c")
	if err != nil || c.Start != 3132 || c.End != 3279 || c.Code != "e8811e5d-feb6-458a-b0dd-ae1dbfef84b8" ||
		!strings.HasPrefix(c.Quote, "Senkit nem lehet kötelezni oltásra") {
		t.Errorf("coding %+v, %v", c, err)
	}
	studies, _ := p.Studies()
	for _, s := range studies {
		name, data, _ := p.PDF(s.GUID)
		if !strings.HasSuffix(name, ".txt") || string(data) != mustText(t, p, s.GUID) {
			t.Errorf("study %q: source %s is not its text", s.Title, name)
		}
	}
}

func TestQDPXImportQCSample(t *testing.T) {
	p, rep := sampleProject(t, "qc1.3.2-demo.qdpx")
	// 262 codes, 158 selections carrying 205 codings, 2 text sources (coding/refi's sample test).
	if rep.Users != 1 || rep.Codes != 262 || rep.CodesAdded != 262 || rep.StudiesAdded != 2 || rep.Codings != 205 || rep.CodingsSkipped != 0 {
		t.Errorf("report %+v", rep)
	}
	st, _ := coding.Stats(p)
	if st.Codes != 262 || st.Studies != 2 || st.Codings != rep.Codings {
		t.Errorf("stats %+v", st)
	}
	countCodings(t, p)
	// Re-export what was imported: the archive is valid and reads back with the same counts.
	out := filepath.Join(t.TempDir(), "qc.qdpx")
	if err := ExportQDPX(context.Background(), p, out, nil); err != nil {
		t.Fatal(err)
	}
	validateQDE(t, out)
	q, err := refi.ReadQDPX(out)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if s := q.Project.Stats(); s.Codes != 262 || s.TextSources != 2 || s.PDFSources != 0 || s.Codings != rep.Codings {
		t.Errorf("re-exported %+v", s)
	}
}

func TestQDPXImportErrors(t *testing.T) {
	p := emptyProject(t)
	bad := filepath.Join(t.TempDir(), "bad.qdpx")
	os.WriteFile(bad, []byte("not a zip"), 0o644)
	if _, err := ImportQDPX(context.Background(), p, bad, nil); !errors.Is(err, refi.ErrNotREFI) {
		t.Errorf("not a zip: %v", err)
	}
	src := demoProject(t)
	out := filepath.Join(t.TempDir(), "demo.qdpx")
	if err := ExportQDPX(context.Background(), src, out, nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ImportQDPX(ctx, p, out, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled import: %v", err)
	}
	if st, _ := coding.Stats(p); st.Studies+st.Codes+st.Codings != 0 {
		t.Errorf("a cancelled import left %+v", st)
	}
	if err := ExportQDPX(ctx, src, filepath.Join(t.TempDir(), "c.qdpx"), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled export: %v", err)
	}
}

func TestVariableField(t *testing.T) {
	for name, want := range map[string]string{"Countries": coding.FieldCountries, "country": coding.FieldCountries, "Publication type": coding.FieldPubType,
		"PublicationType": coding.FieldPubType, "sample_size": coding.FieldSampleSize, "ReviewStatus": fieldStatus, "Age group": ""} {
		if got := variableField(name); got != want {
			t.Errorf("%q -> %q, want %q", name, got, want)
		}
	}
}
