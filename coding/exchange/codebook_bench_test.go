package exchange

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/evidence-workbench/workbench/coding/refi"
	"github.com/evidence-workbench/workbench/internal/testkit"
	"github.com/google/uuid"
)

// bigCodebookQDC writes a REFI-QDA codebook of n codes: flat (all at the top
// level, the worst case for sibling checks) or as a tree of 100 themes.
func bigCodebookQDC(tb testing.TB, n int, flat bool) []byte {
	tb.Helper()
	cb := &refi.CodeBook{Origin: "bench"}
	var parents []*refi.Code
	if !flat {
		for i := range 100 {
			parents = append(parents, &refi.Code{GUID: uuid.NewString(), Name: fmt.Sprintf("Theme %03d", i), IsCodable: i%2 == 0})
		}
		cb.Codes = parents
		n -= len(parents)
	}
	for i := range n {
		c := &refi.Code{GUID: uuid.NewString(), Name: fmt.Sprintf("Code %06d", i), IsCodable: true, Color: "#336699",
			Description: "Definition of the code.\n\nInclusion: when it applies."}
		if flat {
			cb.Codes = append(cb.Codes, c)
		} else {
			p := parents[i%len(parents)]
			p.Children = append(p.Children, c)
		}
	}
	var buf bytes.Buffer
	if err := refi.WriteQDC(&buf, cb); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkImportQDC imports a .qdc codebook of 8,000 and 100,000 codes
// into a new empty project as one action (the project's creation outside
// the timing); flat puts every code at the top level, tree under 100
// themes. ms-cpu/op is process CPU time, peak-heap-MB the live heap's
// high-water mark above the start.
func BenchmarkImportQDC(b *testing.B) {
	for _, bc := range []struct {
		n    int
		flat bool
	}{{8000, true}, {100000, true}, {100000, false}} {
		shape := "tree"
		if bc.flat {
			shape = "flat"
		}
		b.Run(fmt.Sprintf("%d-%s", bc.n, shape), func(b *testing.B) {
			qdc := bigCodebookQDC(b, bc.n, bc.flat)
			b.SetBytes(int64(len(qdc)))
			var cpu time.Duration
			var peak float64
			runs := 0
			for b.Loop() {
				b.StopTimer()
				p := testkit.Project(b)
				stop, c0 := qdpxPeakHeap(), testkit.CPUTime()
				b.StartTimer()
				rep, err := ImportCodebookQDC(p, bytes.NewReader(qdc))
				b.StopTimer()
				cpu += testkit.CPUTime() - c0
				peak = max(peak, stop())
				runs++
				b.StartTimer()
				if err != nil || len(rep.Added) != bc.n {
					b.Fatalf("imported %d codes, want %d: %v", len(rep.Added), bc.n, err)
				}
			}
			b.ReportMetric(float64(bc.n), "codes")
			b.ReportMetric(float64(cpu.Milliseconds())/float64(runs), "ms-cpu/op")
			b.ReportMetric(peak, "peak-heap-MB")
		})
	}
}

// TestImportLargeCodebook imports 10,000 flat codes: every one comes in with
// its fields, in the file's order.
func TestImportLargeCodebook(t *testing.T) {
	if testing.Short() {
		t.Skip("large codebook")
	}
	const n = 10000
	p := testkit.Project(t)
	rep, err := ImportCodebookQDC(p, bytes.NewReader(bigCodebookQDC(t, n, true)))
	if err != nil || len(rep.Added) != n {
		t.Fatalf("imported %d, %v", len(rep.Added), err)
	}
}
