package corpus

import "strings"

// The rows of corpus's own journaled tables (see Table). Sources are
// content-addressed and written outside the journal.

// studyRow is a row of the studies table.
type studyRow struct {
	GUID              string `db:"guid"`
	Source            string `db:"source"`
	Title             string `db:"title"`
	Authors           string `db:"authors"` // JSON list of names.Author
	Year              int    `db:"year"`
	Countries         string `db:"countries"` // JSON list
	Sectors           string `db:"sectors"`   // JSON list
	Method            string `db:"method"`
	SampleSize        int    `db:"sample_size"`
	Population        string `db:"population"`
	Language          string `db:"language"`
	PubType           string `db:"pub_type"`
	Publisher         string `db:"publisher"`
	DOI               string `db:"doi"`
	Status            string `db:"status"`
	ExclusionReason   string `db:"exclusion_reason"`
	Pages             int    `db:"pages"`
	TextLen           int    `db:"text_len"`
	Extraction        string `db:"extraction"`
	ExtractionMessage string `db:"extraction_message"`
	AddedAt           string `db:"added_at"`
	AddedBy           string `db:"added_by"`
	PageStarts        string `db:"page_starts"` // JSON list of code-point offsets
	Marks             string `db:"marks"`       // JSON list of Mark
	Text              string `db:"text"`
	PageStats         string `db:"page_stats"` // JSON list of pdftext.PageStats
	PageBoxes         []byte `db:"page_boxes"` // encodeBoxes; nil when none
}

// coderRow is a row of the coders table.
type coderRow struct {
	GUID      string `db:"guid"`
	Name      string `db:"name"`
	CreatedAt string `db:"created_at"`
}

var (
	studiesTable = NewTable[studyRow]("studies")
	codersTable  = NewTable[coderRow]("coders")

	colTitle             = studiesTable.Col("title")
	colAuthors           = studiesTable.Col("authors")
	colYear              = studiesTable.Col("year")
	colCountries         = studiesTable.Col("countries")
	colSectors           = studiesTable.Col("sectors")
	colMethod            = studiesTable.Col("method")
	colSampleSize        = studiesTable.Col("sample_size")
	colPopulation        = studiesTable.Col("population")
	colLanguage          = studiesTable.Col("language")
	colPubType           = studiesTable.Col("pub_type")
	colPublisher         = studiesTable.Col("publisher")
	colDOI               = studiesTable.Col("doi")
	colStatus            = studiesTable.Col("status")
	colExclusionReason   = studiesTable.Col("exclusion_reason")
	colText              = studiesTable.Col("text")
	colPageStarts        = studiesTable.Col("page_starts")
	colMarks             = studiesTable.Col("marks")
	colPageStats         = studiesTable.Col("page_stats")
	colPageBoxes         = studiesTable.Col("page_boxes")
	colPages             = studiesTable.Col("pages")
	colTextLen           = studiesTable.Col("text_len")
	colExtraction        = studiesTable.Col("extraction")
	colExtractionMessage = studiesTable.Col("extraction_message")
)

// attributeSets are the updates that store a study's attributes.
func attributeSets(a Attributes) []Set {
	return []Set{
		colTitle.To(strings.TrimSpace(a.Title)), colAuthors.To(authorsJSON(a.Authors)), colYear.To(a.Year),
		colCountries.To(mustJSON(nonNilS(a.Countries))), colSectors.To(mustJSON(nonNilS(a.Sectors))),
		colMethod.To(a.Method), colSampleSize.To(a.SampleSize), colPopulation.To(a.Population),
		colLanguage.To(a.Language), colPubType.To(a.PubType), colPublisher.To(a.Publisher), colDOI.To(a.DOI),
	}
}
