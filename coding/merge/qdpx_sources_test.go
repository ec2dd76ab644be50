package merge

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/coding/refi"
)

// TestMergeQDPXSourcesEmptyAndTwins merges an archive from another program
// with a source whose text is empty (import-qdpx accepts it, so merge must
// too) and two sources with identical texts: every source becomes its own
// study in the master, with its own codings.
func TestMergeQDPXSourcesEmptyAndTwins(t *testing.T) {
	id := func(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }
	twin := func(n int, name string) *refi.TextSource {
		return &refi.TextSource{GUID: id(n), Name: name, PlainTextContent: "Same words in both.",
			Selections: []refi.PlainTextSelection{{GUID: id(n + 1), Start: 0, End: 4,
				Codings: []refi.Coding{{GUID: id(n + 2), CodeGUID: id(1)}}}}}
	}
	rp := &refi.Project{Name: "Other program", Origin: "Test QDA",
		Codes:       []*refi.Code{{GUID: id(1), Name: "Theme", IsCodable: true}},
		TextSources: []*refi.TextSource{{GUID: id(5), Name: "Empty transcript"}, twin(10, "Interview A"), twin(20, "Interview B")}}
	archive := filepath.Join(t.TempDir(), "other.qdpx")
	ctx := context.Background()
	if err := refi.WriteQDPXFile(ctx, archive, rp, nil, nil); err != nil {
		t.Fatal(err)
	}
	m := openAs(t, filepath.Join(t.TempDir(), "master.ewb"), lead, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	r, _, cleanup, err := OpenQDPX(ctx, archive, lead, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	plan := must(Plan(ctx, m, r))(t)
	plan.Source = archive
	rep, err := Apply(ctx, m, plan, Resolutions{}, nil)
	if err != nil {
		t.Fatalf("merge: %v", err)
	}
	if rep.New.Studies != 3 || rep.New.Codings != 2 {
		t.Fatalf("merge report: %+v\n%s", rep.New, rep)
	}
	for _, n := range []int{10, 20} {
		if c := count(t, m, `SELECT COUNT(*) FROM codings WHERE study = ? AND guid = ?`, id(n), id(n+2)); c != 1 {
			t.Errorf("source %d: its coding is not on its study", n)
		}
	}
	if s, err := m.Study(id(5)); err != nil || s.Title != "Empty transcript" {
		t.Errorf("empty source: %+v, %v", s, err)
	}
}
