package app

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/app/internal/uitest"
	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus"
)

// commandItem returns a menu entry's item by label.
func commandItem(t *testing.T, wb *Workbench, label string) *command {
	t.Helper()
	for _, c := range wb.commands() {
		if c.label == label && c.item != nil {
			return c
		}
	}
	t.Fatalf("no menu entry %q", label)
	return nil
}

// A project another program is editing opens read-only with a banner
// naming who edits it; the entries and actions that change the project are
// off; Try again, once the other program closed it, opens it for editing.
func TestProjectEditedElsewhereOpensReadOnly(t *testing.T) {
	wb, a := newTestWorkbench(t)
	path := uitest.DemoCopy(t)
	other, err := corpus.Open(path, corpus.Options{})
	if err != nil {
		t.Fatal(err)
	}
	other.SetCoder(corpus.CoderNamed("Lena Lead"))
	p := openAndWait(t, wb, a, path)
	if !p.ReadOnly() || !wb.banner.box.Visible() {
		t.Fatalf("read-only %v, banner shown %v", p.ReadOnly(), wb.banner.box.Visible())
	}
	if text := wb.banner.text.Text; !strings.Contains(text, "Lena Lead") || !strings.Contains(text, "Try again") {
		t.Errorf("banner %q", text)
	}
	if !wb.banner.retry.Visible() || wb.banner.recover.Visible() {
		t.Errorf("buttons: retry %v recover %v", wb.banner.retry.Visible(), wb.banner.recover.Visible())
	}
	for _, label := range []string{"Import PDFs…", "Undo", "Merge reviewer files…", "Import attributes (CSV)…"} {
		if !commandItem(t, wb, label).item.Disabled {
			t.Errorf("%q is on for a read-only project", label)
		}
	}
	if commandItem(t, wb, "Export codebook (.qdc/.csv)…").item.Disabled {
		t.Error("exporting is off for a read-only project")
	}
	gen := p.Generation()
	wb.act("New code", func(proj *corpus.Project) error {
		_, err := coding.CreateCode(proj, coding.Code{Name: "Nope"})
		return err
	})
	openStudy(t, wb, a, 0)
	wb.reader.view.SetSelection(10, 30)
	wb.reader.applyCode(wb.codebook.codes[len(wb.codebook.codes)-1])
	wb.runCommand(commandItem(t, wb, "Import PDFs…"))
	a.Settle(t)
	if p.Generation() != gen || !strings.Contains(wb.status.Text, "read-only") {
		t.Errorf("changes on a read-only project: generation %d -> %d, status %q", gen, p.Generation(), wb.status.Text)
	}

	other.Close()
	wb.banner.retry.OnTapped()
	a.WaitFor(t, "the project to open for editing", func() bool { q := wb.Project(); return q != nil && q != p && !q.ReadOnly() })
	a.Settle(t)
	if wb.banner.box.Visible() || commandItem(t, wb, "Import PDFs…").item.Disabled {
		t.Errorf("after Try again: banner %v, import off %v", wb.banner.box.Visible(), commandItem(t, wb, "Import PDFs…").item.Disabled)
	}
}

// damagePage overwrites the first page of a table, as a failing disk would.
func damagePage(t *testing.T, path, table string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&immutable=1")
	if err != nil {
		t.Fatal(err)
	}
	var root, size int64
	err = db.QueryRow(`SELECT rootpage FROM sqlite_schema WHERE name = ?`, table).Scan(&root)
	if err == nil {
		err = db.QueryRow(`PRAGMA page_size`).Scan(&size)
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.WriteAt(bytes.Repeat([]byte{0xEE}, 64), (root-1)*size)
}

// A damaged project opens read-only with a banner saying so and offering
// Recover…, which saves what can be read into a new file the user can
// open and edit; the damaged file is left as it was.
func TestDamagedProjectOpensReadOnlyAndRecovers(t *testing.T) {
	wb, a := newTestWorkbench(t)
	path := uitest.DemoCopy(t)
	damagePage(t, path, "judgements")
	before, _ := os.ReadFile(path)
	p := openAndWait(t, wb, a, path)
	if !p.ReadOnly() || !errors.Is(p.ReadOnlyReason(), corpus.ErrCorrupt) {
		t.Fatalf("read-only %v reason %v", p.ReadOnly(), p.ReadOnlyReason())
	}
	if text := wb.banner.text.Text; !wb.banner.box.Visible() || !strings.Contains(text, "damaged") || !strings.Contains(text, "Recover") {
		t.Errorf("banner %q", text)
	}
	if !wb.banner.recover.Visible() || wb.banner.retry.Visible() {
		t.Errorf("buttons: recover %v retry %v", wb.banner.recover.Visible(), wb.banner.retry.Visible())
	}
	out := filepath.Join(t.TempDir(), "recovered.ewb")
	wb.recoverTo(path, out)
	a.Settle(t)
	if msg := uitest.OverlayText(t, wb.win); !strings.Contains(msg, "judgements") || !strings.Contains(msg, "lost") {
		t.Errorf("report %q", msg)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("the damaged file was changed")
	}
	wb.OpenProject(out)
	a.WaitFor(t, "the recovered project", func() bool { q := wb.Project(); return q != nil && q.Path() == out })
	a.Settle(t)
	q := wb.Project()
	if q.ReadOnly() || wb.banner.box.Visible() {
		t.Fatalf("the recovered project: read-only %v", q.ReadOnly())
	}
	if problems, err := q.Check(context.Background()); err != nil || len(problems) > 0 {
		t.Errorf("recovered project: %v %v", problems, err)
	}
}

// Damage met during the session turns the project read-only and shows the
// banner at once.
func TestDamageDuringSessionShowsBanner(t *testing.T) {
	wb, a := newTestWorkbench(t)
	p := openAndWait(t, wb, a, uitest.DemoCopy(t))
	if wb.banner.box.Visible() {
		t.Fatal("banner on a sound project")
	}
	p.NoteDamage(errors.New("load text: database disk image is malformed (11)"))
	a.WaitFor(t, "the banner", func() bool { return wb.banner.box.Visible() })
	if !commandItem(t, wb, "Import PDFs…").item.Disabled || !strings.Contains(wb.banner.text.Text, "damaged") {
		t.Errorf("after damage: import off %v, banner %q", commandItem(t, wb, "Import PDFs…").item.Disabled, wb.banner.text.Text)
	}
}

// Save a Copy As… makes one whole file with everything saved so far (also
// changes still in the log), checked, with its own identity, while the
// project stays open.
func TestSaveACopyIsWholeWhileOpen(t *testing.T) {
	wb, a := newTestWorkbench(t)
	p := openAndWait(t, wb, a, uitest.DemoCopy(t))
	wb.act("New code", func(proj *corpus.Project) error {
		_, err := coding.CreateCode(proj, coding.Code{Name: "Added just now"})
		return err
	})
	a.Settle(t)
	out := filepath.Join(t.TempDir(), "copy.ewb")
	wb.saveCopy(p, out)
	a.Settle(t)
	if side, _ := os.ReadDir(filepath.Dir(out)); len(side) != 1 {
		t.Errorf("beside the copy: %v", side)
	}
	c, err := corpus.Open(out, corpus.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if problems, err := c.Check(context.Background()); err != nil || len(problems) > 0 {
		t.Fatalf("copy: %v %v", problems, err)
	}
	codes, _ := coding.Codebook(c)
	found := false
	for _, k := range codes {
		found = found || k.Name == "Added just now"
	}
	if !found || c.GUID() == p.GUID() {
		t.Errorf("copy: latest code %v, identity %s (project %s)", found, c.GUID(), p.GUID())
	}
}
