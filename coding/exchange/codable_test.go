package exchange

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding/refi"
)

// TestIsCodableRoundTrip: a code that only groups others (isCodable="false")
// stays so through a .qdpx import and export and a .qdc export and import.
func TestIsCodableRoundTrip(t *testing.T) {
	rp := &refi.Project{Name: "Groups", Origin: "Test QDA",
		Codes: []*refi.Code{{GUID: rid(1), Name: "Control", IsCodable: false,
			Children: []*refi.Code{{GUID: rid(2), Name: "Passports", IsCodable: true}}}},
		TextSources: []*refi.TextSource{{GUID: rid(10), Name: "t", PlainTextContent: "text"}}}
	p := emptyProject(t)
	if _, err := ImportQDPX(context.Background(), p, writeREFI(t, rp, nil), nil); err != nil {
		t.Fatal(err)
	}
	group, _ := codeByGUID(t, p, rid(1))
	child, _ := codeByGUID(t, p, rid(2))
	if !group.NotCodable || child.NotCodable {
		t.Fatalf("imported: group %+v, child %+v", group, child)
	}
	out := filepath.Join(t.TempDir(), "out.qdpx")
	if err := ExportQDPX(context.Background(), p, out, nil); err != nil {
		t.Fatal(err)
	}
	q, err := refi.ReadQDPX(out)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if c := q.Project.Codes[0]; c.IsCodable || !c.Children[0].IsCodable {
		t.Errorf("exported .qdpx: %+v / %+v", c, c.Children[0])
	}
	var qdc strings.Builder
	if err := ExportCodebookQDC(p, &qdc); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(qdc.String(), `isCodable="false"`) {
		t.Errorf("exported .qdc lacks isCodable=\"false\":\n%s", qdc.String())
	}
	fresh := emptyProject(t)
	if _, err := ImportCodebookQDC(fresh, strings.NewReader(qdc.String())); err != nil {
		t.Fatal(err)
	}
	if g, _ := codeByGUID(t, fresh, rid(1)); !g.NotCodable {
		t.Errorf(".qdc import lost isCodable: %+v", g)
	}
	// A later import of the code as codable updates it.
	rp.Codes[0].IsCodable = true
	if _, err := ImportQDPX(context.Background(), p, writeREFI(t, rp, nil), nil); err != nil {
		t.Fatal(err)
	}
	if g, _ := codeByGUID(t, p, rid(1)); g.NotCodable {
		t.Errorf("re-import as codable: %+v", g)
	}
}
