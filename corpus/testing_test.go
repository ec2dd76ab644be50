package corpus

import (
	"path/filepath"
	"testing"
	"time"
)

// MustCreate makes a project in a temp dir with a fixed clock and a coder.
func MustCreate(tb testing.TB) *Project {
	tb.Helper()
	p, err := Create(filepath.Join(tb.TempDir(), "p"+Extension), "Test review")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { p.Close() })
	clock := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	p.Now = func() time.Time { clock = clock.Add(time.Second); return clock }
	if err := p.SetCoder(Coder{GUID: "11111111-1111-1111-1111-111111111111", Name: "Ann"}); err != nil {
		tb.Fatal(err)
	}
	return p
}

// MustAddStudy adds a study with the given text (pages split on "\f").
func MustAddStudy(tb testing.TB, p *Project, name, text string) string {
	tb.Helper()
	var guid string
	starts := []int{0}
	n := 0
	for _, r := range text {
		n++
		if r == '\f' {
			starts = append(starts, n)
		}
	}
	err := p.Do("Import "+name, func(tx *Tx) error {
		var err error
		guid, err = tx.AddStudy(NewStudy{FileName: name, PDF: []byte("%PDF-1.4 " + name), Text: text, PageStarts: starts,
			Attributes: Attributes{Title: name, Year: 2020}})
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return guid
}
