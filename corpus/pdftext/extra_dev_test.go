package pdftext

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestExtraCorpus(t *testing.T) {
	if os.Getenv("PDFTEXT_EXTRA") == "" {
		t.Skip()
	}
	f, _ := os.Open("/tmp/extra_map.txt")
	sc := bufio.NewScanner(f)
	type job struct{ id, path string }
	var jobs []job
	for sc.Scan() {
		p := strings.SplitN(sc.Text(), " ", 2)
		jobs = append(jobs, job{p[0], p[1]})
	}
	ch := make(chan job)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for w := 0; w < 2; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range ch {
				start := time.Now()
				doc, err := ExtractFile(context.Background(), j.path, Options{Timeout: 30 * time.Second})
				d := time.Since(start)
				mu.Lock()
				if err != nil {
					fmt.Printf("ERR %s %v %s: %v\n", j.id, d.Round(time.Millisecond), j.path, err)
				} else {
					os.WriteFile("/tmp/xour/"+j.id+".txt", []byte(doc.Text), 0o644)
					if d > 5*time.Second {
						fmt.Printf("SLOW %s %v %s\n", j.id, d, j.path)
					}
				}
				mu.Unlock()
			}
		}()
	}
	for _, j := range jobs {
		ch <- j
	}
	close(ch)
	wg.Wait()
}
