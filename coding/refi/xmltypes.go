package refi

import "encoding/xml"

// The x* types mirror the REFI XML schemas. Their tags carry no namespace so
// that decoding accepts the official namespaces, variants and none at all;
// writing sets the default namespace on the root element. Field order follows
// the xsd:sequence order, which the encoder reproduces.

// Namespaces of the two REFI-QDA schemas.
const (
	NamespaceProject  = "urn:QDA-XML:project:1.0"
	NamespaceCodebook = "urn:QDA-XML:codebook:1.0"
)

// Written files name the official schema locations, as the REFI examples do.
const (
	xsiNamespace      = "http://www.w3.org/2001/XMLSchema-instance"
	projectSchemaLoc  = NamespaceProject + " http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"
	codebookSchemaLoc = NamespaceCodebook + " http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd"
)

type xAny struct {
	XMLName xml.Name
}

type xRef struct {
	TargetGUID string `xml:"targetGUID,attr"`
}

// xMember is MemberCode in both schemas: codebook files use guid=, project files targetGUID=.
type xMember struct {
	TargetGUID string `xml:"targetGUID,attr,omitempty"`
	GUID       string `xml:"guid,attr,omitempty"`
}

type xCodeBookFile struct {
	XMLName xml.Name
	Xmlns   string  `xml:"xmlns,attr,omitempty"`
	XSI     string  `xml:"xmlns:xsi,attr,omitempty"`
	SchemaL string  `xml:"xsi:schemaLocation,attr,omitempty"`
	Origin  string  `xml:"origin,attr,omitempty"`
	Codes   *xCodes `xml:"Codes"`
	Sets    *xSets  `xml:"Sets"`
	Other   []xAny  `xml:",any"`
}

type xCodes struct {
	Code []xCode `xml:"Code"`
}

type xCode struct {
	GUID        string  `xml:"guid,attr"`
	Name        string  `xml:"name,attr"`
	IsCodable   string  `xml:"isCodable,attr"`
	Color       string  `xml:"color,attr,omitempty"`
	Description string  `xml:"Description,omitempty"`
	NoteRefs    []xRef  `xml:"NoteRef"`
	Children    []xCode `xml:"Code"`
}

type xSets struct {
	Set []xSet `xml:"Set"`
}

type xSet struct {
	GUID          string    `xml:"guid,attr"`
	Name          string    `xml:"name,attr"`
	Description   string    `xml:"Description,omitempty"`
	MemberCodes   []xMember `xml:"MemberCode"`
	MemberSources []xRef    `xml:"MemberSource"`
	MemberNotes   []xRef    `xml:"MemberNote"`
}

type xProject struct {
	XMLName           xml.Name
	Xmlns             string        `xml:"xmlns,attr,omitempty"`
	XSI               string        `xml:"xmlns:xsi,attr,omitempty"`
	SchemaL           string        `xml:"xsi:schemaLocation,attr,omitempty"`
	Name              string        `xml:"name,attr"`
	Origin            string        `xml:"origin,attr,omitempty"`
	CreatingUserGUID  string        `xml:"creatingUserGUID,attr,omitempty"`
	CreationDateTime  string        `xml:"creationDateTime,attr,omitempty"`
	ModifyingUserGUID string        `xml:"modifyingUserGUID,attr,omitempty"`
	ModifiedDateTime  string        `xml:"modifiedDateTime,attr,omitempty"`
	BasePath          string        `xml:"basePath,attr,omitempty"`
	Users             *xUsers       `xml:"Users"`
	CodeBook          *xProjectBook `xml:"CodeBook"`
	Variables         *xVariables   `xml:"Variables"`
	Cases             *xCases       `xml:"Cases"`
	Sources           *xSources     `xml:"Sources"`
	Notes             *xNotes       `xml:"Notes"`
	Links             *xCounted     `xml:"Links"`
	Sets              *xSets        `xml:"Sets"`
	Graphs            *xCounted     `xml:"Graphs"`
	Description       string        `xml:"Description,omitempty"`
	NoteRefs          []xRef        `xml:"NoteRef"`
	Other             []xAny        `xml:",any"`
}

// xCounted reads only the number of children (Links, Graphs are not imported).
type xCounted struct {
	Items []xAny `xml:",any"`
}

type xUsers struct {
	User []xUser `xml:"User"`
}

type xUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr,omitempty"`
	ID   string `xml:"id,attr,omitempty"`
}

type xProjectBook struct {
	Codes *xCodes `xml:"Codes"`
}

type xVariables struct {
	Variable []xVariable `xml:"Variable"`
}

type xVariable struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	Type        string `xml:"typeOfVariable,attr"`
	Description string `xml:"Description,omitempty"`
}

type xVarValue struct {
	VariableRef   xRef    `xml:"VariableRef"`
	TextValue     *string `xml:"TextValue"`
	BooleanValue  *string `xml:"BooleanValue"`
	IntegerValue  *string `xml:"IntegerValue"`
	FloatValue    *string `xml:"FloatValue"`
	DateValue     *string `xml:"DateValue"`
	DateTimeValue *string `xml:"DateTimeValue"`
}

type xCases struct {
	Case []xCase `xml:"Case"`
}

type xCase struct {
	GUID          string      `xml:"guid,attr"`
	Name          string      `xml:"name,attr,omitempty"`
	Description   string      `xml:"Description,omitempty"`
	CodeRefs      []xRef      `xml:"CodeRef"`
	Values        []xVarValue `xml:"VariableValue"`
	SourceRefs    []xRef      `xml:"SourceRef"`
	SelectionRefs []xRef      `xml:"SelectionRef"`
}

type xSources struct {
	Text    []xTextSource `xml:"TextSource"`
	PDF     []xPDFSource  `xml:"PDFSource"`
	Picture []xMedia      `xml:"PictureSource"`
	Audio   []xMedia      `xml:"AudioSource"`
	Video   []xMedia      `xml:"VideoSource"`
	Other   []xAny        `xml:",any"`
}

type xStamp struct {
	CreatingUser     string `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string `xml:"creationDateTime,attr,omitempty"`
	ModifyingUser    string `xml:"modifyingUser,attr,omitempty"`
	ModifiedDateTime string `xml:"modifiedDateTime,attr,omitempty"`
}

type xTextSource struct {
	GUID          string `xml:"guid,attr"`
	Name          string `xml:"name,attr,omitempty"`
	RichTextPath  string `xml:"richTextPath,attr,omitempty"`
	PlainTextPath string `xml:"plainTextPath,attr,omitempty"`
	xStamp
	Description      string        `xml:"Description,omitempty"`
	PlainTextContent *string       `xml:"PlainTextContent"`
	Selections       []xSelection  `xml:"PlainTextSelection"`
	Codings          []xCoding     `xml:"Coding"`
	NoteRefs         []xRef        `xml:"NoteRef"`
	Values           []xVarValue   `xml:"VariableValue"`
	Other            []xMediaChild `xml:",any"`
}

type xSelection struct {
	GUID  string `xml:"guid,attr"`
	Name  string `xml:"name,attr,omitempty"`
	Start string `xml:"startPosition,attr"`
	End   string `xml:"endPosition,attr"`
	xStamp
	Description string    `xml:"Description,omitempty"`
	Codings     []xCoding `xml:"Coding"`
	NoteRefs    []xRef    `xml:"NoteRef"`
}

type xCoding struct {
	GUID             string `xml:"guid,attr"`
	CreatingUser     string `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string `xml:"creationDateTime,attr,omitempty"`
	CodeRef          *xRef  `xml:"CodeRef"`
	NoteRefs         []xRef `xml:"NoteRef"`
}

type xPDFSource struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr,omitempty"`
	Path        string `xml:"path,attr,omitempty"`
	CurrentPath string `xml:"currentPath,attr,omitempty"`
	xStamp
	Description    string          `xml:"Description,omitempty"`
	PDFSelections  []xPDFSelection `xml:"PDFSelection"`
	Representation *xTextSource    `xml:"Representation"`
	Codings        []xCoding       `xml:"Coding"`
	NoteRefs       []xRef          `xml:"NoteRef"`
	Values         []xVarValue     `xml:"VariableValue"`
}

type xPDFSelection struct {
	GUID    string `xml:"guid,attr"`
	Name    string `xml:"name,attr,omitempty"`
	Page    string `xml:"page,attr"`
	FirstX  string `xml:"firstX,attr"`
	FirstY  string `xml:"firstY,attr"`
	SecondX string `xml:"secondX,attr"`
	SecondY string `xml:"secondY,attr"`
	xStamp
	Description    string        `xml:"Description,omitempty"`
	Representation *xTextSource  `xml:"Representation"`
	Codings        []xCoding     `xml:"Coding"`
	NoteRefs       []xRef        `xml:"NoteRef"`
	Other          []xMediaChild `xml:",any"`
}

// xMedia reads a picture, audio or video source just far enough to report it.
type xMedia struct {
	GUID     string        `xml:"guid,attr"`
	Name     string        `xml:"name,attr"`
	Path     string        `xml:"path,attr"`
	Codings  []xCoding     `xml:"Coding"`
	Children []xMediaChild `xml:",any"`
}

// xMediaChild is any selection or transcript below a media source; nested
// selections (transcript selections) are counted through Children.
type xMediaChild struct {
	XMLName  xml.Name
	Codings  []xCoding     `xml:"Coding"`
	Children []xMediaChild `xml:",any"`
}

type xNotes struct {
	Note []xTextSource `xml:"Note"`
}
