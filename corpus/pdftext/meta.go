package pdftext

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/evidence-workbench/workbench/corpus/names"
	pdf "github.com/evidence-workbench/workbench/corpus/pdftext/internal/pdfread"
)

var (
	xmpTitleRE  = regexp.MustCompile(`(?s)<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>`)
	xmpCreator  = regexp.MustCompile(`(?s)<dc:creator>(.*?)</dc:creator>`)
	xmpLi       = regexp.MustCompile(`(?s)<rdf:li[^>]*>(.*?)</rdf:li>`)
	xmpPubRE    = regexp.MustCompile(`(?s)(?:prism:publicationDate|prism:coverDate|dc:date)[^>]*>?\s*(?:<rdf:Seq>\s*<rdf:li>)?\s*"?(\d{4})`)
	xmpCreateRE = regexp.MustCompile(`(?s)xmp:CreateDate[^>]*>?\s*"?(\d{4})`)
	junkTitleRE = regexp.MustCompile(`(?i)^(untitled|microsoft word|document\d*$|doc\d*$)|\.(docx?|pdf|tex|dvi|rtf|indd|qxd)$|^[\w-]+\.\w{2,4}$`)
)

// metadata reads title, authors and year from the Info dictionary, then XMP,
// then first-page heuristics; the year follows yearRule.
func metadata(r pdf.Doc, pages []pageResult) (m Metadata) {
	var infoYear, xmpPub, xmpCreated int
	used := map[string]bool{}
	func() {
		defer func() { _ = recover() }()
		info := r.Trailer().Key("Info")
		if t := cleanMeta(info.Key("Title").Text()); t != "" && !junkTitleRE.MatchString(t) {
			m.Title, used["info"] = t, true
		}
		if a := cleanMeta(info.Key("Author").Text()); a != "" {
			m.Authors, used["info"] = names.SplitList(a), true
		}
		infoYear = pdfDateYear(info.Key("CreationDate").Text())
	}()
	var first string
	if len(pages) > 0 {
		first = pages[0].text
	}
	// XMP adds nothing when the Info dictionary names the title and authors
	// and the first page prints the year.
	needXMP := m.Title == "" || len(m.Authors) == 0 || infoYear == 0 || printedYear(head(first), infoYear+1) == 0
	func() {
		defer func() { _ = recover() }()
		if !needXMP {
			return
		}
		md := r.Trailer().Key("Root").Key("Metadata")
		if md.Kind() != pdf.Stream {
			return
		}
		x := &extractor{streamLeft: 8 << 20}
		data, err := x.readStream(md)
		if err != nil {
			return
		}
		s := string(data)
		if mm := xmpTitleRE.FindStringSubmatch(s); m.Title == "" && mm != nil {
			if t := cleanMeta(xmlText(mm[1])); t != "" && !junkTitleRE.MatchString(t) {
				m.Title, used["xmp"] = t, true
			}
		}
		if mm := xmpCreator.FindStringSubmatch(s); len(m.Authors) == 0 && mm != nil {
			for _, li := range xmpLi.FindAllStringSubmatch(mm[1], 50) {
				if a := cleanMeta(xmlText(li[1])); a != "" {
					m.Authors, used["xmp"] = append(m.Authors, a), true
				}
			}
		}
		if mm := xmpPubRE.FindStringSubmatch(s); mm != nil {
			xmpPub, _ = strconv.Atoi(mm[1])
		}
		if mm := xmpCreateRE.FindStringSubmatch(s); mm != nil {
			xmpCreated, _ = strconv.Atoi(mm[1])
		}
	}()
	if len(pages) > 0 && m.Title == "" {
		if t := titleFromPage(pages[0].first); t != "" {
			m.Title, used["page"] = t, true
		}
	}
	var from string
	m.Year, from = yearRule(first, infoYear, xmpPub, xmpCreated)
	if from != "" {
		used[from] = true
	}
	var sources []string
	for _, s := range []string{"info", "xmp", "page"} {
		if used[s] {
			sources = append(sources, s)
		}
	}
	m.Source = strings.Join(sources, "+")
	return m
}

// pdfDateYear reads the year of a PDF date string such as "D:20210504120000Z".
func pdfDateYear(s string) int {
	s = strings.TrimPrefix(strings.TrimSpace(s), "D:")
	if len(s) < 4 {
		return 0
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil || y < 1950 || y > 2100 {
		return 0
	}
	return y
}

func cleanMeta(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0xFFFD {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

func xmlText(s string) string {
	r := strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'")
	return r.Replace(s)
}

// titleFromPage takes the largest-type lines in the upper part of the first page.
func titleFromPage(glyphs []glyph) string {
	b := getBuffers()
	defer putBuffers(b)
	sc := &b.layout
	up, arena := sc.groups[0][:0], sc.arena[:0]
	for _, g := range glyphs {
		if rotation(g.dx, g.dy) == 0 {
			up = append(up, upright(g, 0, &arena))
		}
	}
	sc.groups[0], sc.arena, sc.words = up[:0], arena[:0], sc.words[:0]
	if len(up) == 0 {
		return ""
	}
	segs := buildSegments(up, sc)
	if len(segs) == 0 {
		return ""
	}
	sizes := make([]float64, len(segs))
	top, bot := math.MaxFloat64, -math.MaxFloat64
	for i, s := range segs {
		sizes[i] = s.size
		top, bot = math.Min(top, s.y), math.Max(bot, s.y)
	}
	sort.Float64s(sizes)
	median := sizes[len(sizes)/2]
	best := 0.0
	for _, s := range segs {
		if s.y <= top+0.6*(bot-top) && s.size > best {
			best = s.size
		}
	}
	if best < 1.15*median {
		return ""
	}
	var parts []string
	lastY := math.NaN()
	for _, s := range segs {
		if s.y > top+0.6*(bot-top) || math.Abs(s.size-best) > 0.05*best {
			continue
		}
		if !math.IsNaN(lastY) && s.y-lastY > 2.5*best {
			break
		}
		for _, w := range s.words {
			t, _ := cleanWord(w.text, w.bx)
			parts = append(parts, t)
		}
		lastY = s.y
	}
	t := cleanMeta(strings.Join(parts, " "))
	if len([]rune(t)) < 3 || len([]rune(t)) > 300 {
		return ""
	}
	return t
}
