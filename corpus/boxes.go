package corpus

import (
	"bytes"
	"compress/flate"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/evidence-workbench/workbench/corpus/pdftext"
)

// PageBoxes is one page's geometry for the page view: its displayed size and
// one box per code point of its text, so that a drag across words maps to
// text offsets and codings can be painted on the page.
type PageBoxes struct {
	Page          int     // 1-based page number
	Width, Height float64 // the displayed page (crop box, rotated) in points
	Start         int     // code-point offset of the page's text in the study's text
	// Boxes[i] is the box of code point Start+i, in points with the origin at
	// the displayed page's top left corner and y downwards; an empty box
	// (all zero) marks a line break. Nil for pages without text.
	Boxes []pdftext.Box
}

// boxesVersion is the first byte of an encoded box set.
const boxesVersion = 1

// boxUnit is the precision boxes are stored with: 1/8 point.
const boxUnit = 8

// encodeBoxes packs a study's page boxes compactly: a header (version, page
// count, then for each page the size of its data and its width and height)
// followed by each page's boxes, compressed on their own so that one page
// can be read without the others. A box is stored, in 1/8 pt, as its width
// plus one (0 for an empty box), then its left edge less the previous box's
// right edge and its top less the previous box's top (zig-zag varints), then
// its height.
func encodeBoxes(pages [][]pdftext.Box, sizes [][2]float64) []byte {
	var chunks [][]byte
	var raw []byte
	var buf bytes.Buffer
	for _, boxes := range pages {
		raw = raw[:0]
		raw = binary.AppendUvarint(raw, uint64(len(boxes)))
		var px1, py0 int64
		for _, b := range boxes {
			if b.Empty() {
				raw = append(raw, 0)
				continue
			}
			x0, y0, x1, y1 := q(b.X0), q(b.Y0), q(b.X1), q(b.Y1)
			raw = binary.AppendUvarint(raw, uint64(max(x1-x0, 0))+1)
			raw = binary.AppendVarint(raw, x0-px1)
			raw = binary.AppendVarint(raw, y0-py0)
			raw = binary.AppendUvarint(raw, uint64(max(y1-y0, 0)))
			px1, py0 = x1, y0
		}
		buf.Reset()
		w, _ := flate.NewWriter(&buf, flate.DefaultCompression)
		w.Write(raw)
		w.Close()
		chunks = append(chunks, append([]byte(nil), buf.Bytes()...))
	}
	out := []byte{boxesVersion}
	out = binary.AppendUvarint(out, uint64(len(pages)))
	for i, c := range chunks {
		var wd, ht float64
		if i < len(sizes) {
			wd, ht = sizes[i][0], sizes[i][1]
		}
		out = binary.AppendUvarint(out, uint64(len(c)))
		out = binary.AppendUvarint(out, uint64(max(q(float32(wd)), 0)))
		out = binary.AppendUvarint(out, uint64(max(q(float32(ht)), 0)))
	}
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out
}

func q(v float32) int64 { return int64(math.Round(float64(v) * boxUnit)) }

// errBoxes means stored boxes could not be decoded.
var errBoxes = errors.New("page boxes are damaged")

// decodePageBoxes unpacks page (0-based) of an encoded box set: its boxes
// and its width and height.
func decodePageBoxes(blob []byte, page int) ([]pdftext.Box, float64, float64, error) {
	if len(blob) == 0 {
		return nil, 0, 0, nil
	}
	if blob[0] != boxesVersion {
		return nil, 0, 0, errBoxes
	}
	r := bytes.NewReader(blob[1:])
	n, err := binary.ReadUvarint(r)
	if err != nil || page < 0 || uint64(page) >= n || n > 1<<20 {
		return nil, 0, 0, errBoxes
	}
	var off, size uint64
	var wd, ht uint64
	for i := uint64(0); i < n; i++ {
		l, err1 := binary.ReadUvarint(r)
		w, err2 := binary.ReadUvarint(r)
		h, err3 := binary.ReadUvarint(r)
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, 0, 0, errBoxes
		}
		if i < uint64(page) {
			off += l
		} else if i == uint64(page) {
			size, wd, ht = l, w, h
		}
	}
	start := uint64(len(blob)-r.Len()) + off
	if start+size > uint64(len(blob)) {
		return nil, 0, 0, errBoxes
	}
	raw, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(blob[start:start+size])), 64<<20))
	if err != nil {
		return nil, 0, 0, errBoxes
	}
	br := bytes.NewReader(raw)
	count, err := binary.ReadUvarint(br)
	if err != nil || count > uint64(len(raw)) {
		return nil, 0, 0, errBoxes
	}
	boxes := make([]pdftext.Box, 0, count)
	var px1, py0 int64
	for i := uint64(0); i < count; i++ {
		w1, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, 0, 0, errBoxes
		}
		if w1 == 0 {
			boxes = append(boxes, pdftext.Box{})
			continue
		}
		dx, err1 := binary.ReadVarint(br)
		dy, err2 := binary.ReadVarint(br)
		h, err3 := binary.ReadUvarint(br)
		if err1 != nil || err2 != nil || err3 != nil {
			return nil, 0, 0, errBoxes
		}
		x0, y0 := px1+dx, py0+dy
		x1, y1 := x0+int64(w1-1), y0+int64(h)
		boxes = append(boxes, pdftext.Box{X0: float32(x0) / boxUnit, Y0: float32(y0) / boxUnit, X1: float32(x1) / boxUnit, Y1: float32(y1) / boxUnit})
		px1, py0 = x1, y0
	}
	return boxes, float64(wd) / boxUnit, float64(ht) / boxUnit, nil
}

// PageBoxes returns one page's geometry (1-based page): its size, where its
// text starts and one box per code point of its text. Studies imported before
// boxes were kept return no boxes (re-extract them to get some).
func (p *Project) PageBoxes(study string, page int) (PageBoxes, error) {
	pb := PageBoxes{Page: page}
	var blob []byte
	var starts string
	err := p.db.QueryRow(`SELECT page_starts, page_boxes FROM studies WHERE guid = ?`, study).Scan(&starts, &blob)
	if errors.Is(err, sql.ErrNoRows) {
		return pb, fmt.Errorf("study %s: %w", study, ErrNotFound)
	}
	if err != nil {
		return pb, classify(err)
	}
	var ps []int
	if err := json.Unmarshal([]byte(starts), &ps); err != nil || page < 1 || page > max(len(ps), 1) {
		return pb, fmt.Errorf("study %s has no page %d: %w", study, page, ErrNotFound)
	}
	if page <= len(ps) {
		pb.Start = ps[page-1]
	}
	pb.Boxes, pb.Width, pb.Height, err = decodePageBoxes(blob, page-1)
	if err != nil {
		return pb, fmt.Errorf("study %s, page %d: %w", study, page, err)
	}
	return pb, nil
}
