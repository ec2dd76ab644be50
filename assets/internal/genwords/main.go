// Command genwords packs a word list (one word a line on standard input)
// into the compact form that assets/words holds: the words sorted and
// deduplicated, each written as one byte counting the bytes it shares with
// the previous word, the rest of its bytes and a newline, the whole
// compressed with zlib. assets.Words decodes it.
//
// Usage (see genwords.sh, which feeds it ICU's dictionaries):
//
//	go run ./assets/internal/genwords -out assets/words/thai.words.z < thai.txt
package main

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
)

func main() {
	out := flag.String("out", "", "output file")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "genwords: -out is required")
		os.Exit(2)
	}
	var words []string
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" {
			words = append(words, w)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "genwords:", err)
		os.Exit(1)
	}
	data := Pack(words)
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "genwords:", err)
		os.Exit(1)
	}
	fmt.Printf("%s: %d words, %d bytes\n", *out, len(slices.Compact(slices.Sorted(slices.Values(words)))), len(data))
}

// Pack front-codes the sorted, deduplicated words and compresses them.
func Pack(words []string) []byte {
	words = slices.Compact(slices.Sorted(slices.Values(words)))
	var raw bytes.Buffer
	prev := ""
	for _, w := range words {
		n := 0
		for n < len(w) && n < len(prev) && n < 255 && w[n] == prev[n] {
			n++
		}
		raw.WriteByte(byte(n))
		raw.WriteString(w[n:])
		raw.WriteByte('\n')
		prev = w
	}
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write(raw.Bytes())
	zw.Close()
	return z.Bytes()
}
