package exchange

import (
	"bytes"
	"strings"
	"testing"

	"github.com/evidence-workbench/workbench/coding/query"
)

func TestExportXLSXControlCharacters(t *testing.T) {
	long := strings.Repeat("é", 40000)
	segs := []query.Segment{{StudyTitle: "T", Quote: "end of page.\fNext page\x00\x01 text\ttab\r\nline", Memo: "\x1bmemo", CodePath: long}}
	var buf bytes.Buffer
	if err := WriteSegmentsXLSX(&buf, segs); err != nil {
		t.Fatal(err)
	}
	x := openXLSX(t, buf.Bytes())
	if v := cell(t, x, "Segments", "I2"); v != "end of page.\nNext page text\ttab\r\nline" {
		t.Fatalf("quote cell %q", v)
	}
	if v := cell(t, x, "Segments", "J2"); v != "memo" {
		t.Fatalf("memo cell %q", v)
	}
	if v := cell(t, x, "Segments", "C2"); len([]rune(v)) != 32767 {
		t.Fatalf("long cell has %d characters", len([]rune(v)))
	}
}
