package corpus

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/evidence-workbench/workbench/assets"
	"github.com/evidence-workbench/workbench/corpus/names"
)

// TestAuthorsMigration opens a file whose authors are the old list of
// strings: each string becomes structured authors by the import's rules,
// and an undo record holding old strings still reads back.
func TestAuthorsMigration(t *testing.T) {
	path := legacyFile(t, LegacyVersion)
	db, err := openDB(path, modeWrite)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE studies SET authors = ? WHERE guid = 's1'`,
		`["Nguyen Van Minh","Thura Aung, Rebecca Okafor","Smith, John","Daw Hnin Wai","International Labour Organization"]`); err != nil {
		t.Fatal(err)
	}
	db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	db.Close()
	p, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	s, err := p.Study("s1")
	if err != nil {
		t.Fatal(err)
	}
	want := []names.Author{
		{Family: "Nguyen", Given: "Van Minh", Order: names.FamilyFirst}, {Name: "Thura Aung"},
		{Family: "Okafor", Given: "Rebecca"}, {Family: "Smith", Given: "John"}, {Name: "Daw Hnin Wai"},
		{Name: "International Labour Organization"},
	}
	if !reflect.DeepEqual(s.Authors, want) || s.DOI != "" || s.Title != "Old study" {
		t.Errorf("after migration %+v", s.Attributes)
	}
	var stored string
	p.DB().QueryRow(`SELECT authors FROM studies WHERE guid = 's1'`).Scan(&stored)
	if stored != `[{"family":"Nguyen","given":"Van Minh","order":"family-first"},{"name":"Thura Aung"},{"family":"Okafor","given":"Rebecca"},{"family":"Smith","given":"John"},{"name":"Daw Hnin Wai"},{"name":"International Labour Organization"}]` {
		t.Errorf("stored %s", stored)
	}
	// Attributes with a DOI round-trip; undo restores the old authors.
	a := s.Attributes
	a.DOI, a.Authors = "10.1000/xyz", a.Authors[:1]
	if err := p.Do("edit", func(tx *Tx) error { return tx.SetAttributes("s1", a) }); err != nil {
		t.Fatal(err)
	}
	if s, _ := p.Study("s1"); s.DOI != "10.1000/xyz" || len(s.Authors) != 1 {
		t.Errorf("after edit %+v", s.Attributes)
	}
	if _, err := p.Undo(context.Background()); err != nil {
		t.Fatal(err)
	}
	if s, _ := p.Study("s1"); !reflect.DeepEqual(s.Authors, want) || s.DOI != "" {
		t.Errorf("after undo %+v", s.Attributes)
	}
	if got := ReadAuthors(`["Pham Thu Ha"]`); !reflect.DeepEqual(got, []names.Author{{Family: "Pham", Given: "Thu Ha", Order: names.FamilyFirst}}) {
		t.Errorf("old strings read as %+v", got)
	}
	if got := migrateAuthors(`not json, Jane Doe`); got != `[{"family":"json","given":"not"},{"family":"Doe","given":"Jane"}]` {
		t.Errorf("non-JSON authors migrate to %s", got)
	}
}

// TestImportSplitsMetadataAuthors imports a demo PDF whose Info Author is
// "Thura Aung, Rebecca Okafor": two people, the Burmese name whole.
func TestImportSplitsMetadataAuthors(t *testing.T) {
	data, err := assets.DemoPDF("02-thailand-fishing-myanmar-crew.pdf")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "crew.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	p := MustCreate(t)
	res, err := p.Import(context.Background(), []string{path}, ImportOptions{}, nil)
	if err != nil || len(res) != 1 || res[0].Study == "" {
		t.Fatalf("import %+v %v", res, err)
	}
	s, err := p.Study(res[0].Study)
	if err != nil {
		t.Fatal(err)
	}
	if want := []names.Author{{Name: "Thura Aung"}, {Family: "Okafor", Given: "Rebecca"}}; !reflect.DeepEqual(s.Authors, want) {
		t.Errorf("authors %+v, want %+v", s.Authors, want)
	}
}
