package names

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in          string
		want        Author
		cited, full string
		inverted    string
	}{
		{"Nguyen Van Minh", Author{Family: "Nguyen", Given: "Van Minh", Order: FamilyFirst}, "Nguyen", "Nguyen Van Minh", "Nguyen, V. M."},
		{"Tran Thi Lan", Author{Family: "Tran", Given: "Thi Lan", Order: FamilyFirst}, "Tran", "Tran Thi Lan", "Tran, T. L."},
		{"Pham Thu Ha", Author{Family: "Pham", Given: "Thu Ha", Order: FamilyFirst}, "Pham", "Pham Thu Ha", "Pham, T. H."},
		{"Nguyễn Thị Mai", Author{Family: "Nguyễn", Given: "Thị Mai", Order: FamilyFirst}, "Nguyễn", "Nguyễn Thị Mai", "Nguyễn, T. M."},
		{"Daw Hnin Wai", Author{Name: "Daw Hnin Wai"}, "Daw Hnin Wai", "Daw Hnin Wai", "Daw Hnin Wai"},
		{"Thura Aung", Author{Name: "Thura Aung"}, "Thura Aung", "Thura Aung", "Thura Aung"},
		{"Nang Seng Hom", Author{Name: "Nang Seng Hom"}, "Nang Seng Hom", "Nang Seng Hom", "Nang Seng Hom"},
		{"ဒေါ်နှင်းဝေ", Author{Name: "ဒေါ်နှင်းဝေ"}, "ဒေါ်နှင်းဝေ", "ဒေါ်နှင်းဝေ", "ဒေါ်နှင်းဝေ"},
		{"Sophea Chan", Author{Family: "Chan", Given: "Sophea"}, "Chan", "Sophea Chan", "Chan, S."},
		{"Chan Sophea", Author{Family: "Chan", Given: "Sophea", Order: FamilyFirst}, "Chan", "Chan Sophea", "Chan, S."},
		{"ជា សុខា", Author{Family: "ជា", Given: "សុខា", Order: FamilyFirst}, "ជា", "ជា សុខា", "ជា, សុខា"},
		{"สมชาย ใจดี", Author{Family: "ใจดี", Given: "สมชาย", Order: FullName}, "สมชาย ใจดี", "สมชาย ใจดี", "สมชาย ใจดี"},
		{"Anurak Phromsiri", Author{Family: "Phromsiri", Given: "Anurak"}, "Phromsiri", "Anurak Phromsiri", "Phromsiri, A."},
		{"Khamla Vongsay", Author{Family: "Vongsay", Given: "Khamla"}, "Vongsay", "Khamla Vongsay", "Vongsay, K."},
		{"王小明", Author{Family: "王", Given: "小明", Order: FamilyFirst}, "王", "王 小明", "王, 小明"},
		{"Wang Xiaoming", Author{Family: "Wang", Given: "Xiaoming", Order: FamilyFirst}, "Wang", "Wang Xiaoming", "Wang, X."},
		{"Xiaoming Wang", Author{Family: "Wang", Given: "Xiaoming"}, "Wang", "Xiaoming Wang", "Wang, X."},
		{"John Smith", Author{Family: "Smith", Given: "John"}, "Smith", "John Smith", "Smith, J."},
		{"Smith, John", Author{Family: "Smith", Given: "John"}, "Smith", "John Smith", "Smith, J."},
		{"Nguyen, Van Minh", Author{Family: "Nguyen", Given: "Van Minh", Order: FamilyFirst}, "Nguyen", "Nguyen Van Minh", "Nguyen, V. M."},
		{"Wai, Daw Hnin", Author{Name: "Daw Hnin Wai"}, "Daw Hnin Wai", "Daw Hnin Wai", "Daw Hnin Wai"},
		{"Ludwig van Beethoven", Author{Family: "van Beethoven", Given: "Ludwig"}, "van Beethoven", "Ludwig van Beethoven", "van Beethoven, L."},
		{"Martin Luther King Jr.", Author{Family: "King Jr.", Given: "Martin Luther"}, "King Jr.", "Martin Luther King Jr.", "King Jr., M. L."},
		{"Jean-Paul Sartre", Author{Family: "Sartre", Given: "Jean-Paul"}, "Sartre", "Jean-Paul Sartre", "Sartre, J.-P."},
		{"International Labour Organization", Author{Name: "International Labour Organization"}, "International Labour Organization", "International Labour Organization", "International Labour Organization"},
		{"UNODC", Author{Name: "UNODC"}, "UNODC", "UNODC", "UNODC"},
		{"Minh /Nguyen/", Author{Family: "Nguyen", Given: "Minh"}, "Nguyen", "Minh Nguyen", "Nguyen, M."},
		{"/Li/ Wei", Author{Family: "Li", Given: "Wei", Order: FamilyFirst}, "Li", "Li Wei", "Li, W."},
		{"{Thura Aung}", Author{Name: "Thura Aung"}, "Thura Aung", "Thura Aung", "Thura Aung"},
		{"{Anurak /Phromsiri/}", Author{Family: "Phromsiri", Given: "Anurak", Order: FullName}, "Anurak Phromsiri", "Anurak Phromsiri", "Anurak Phromsiri"},
		{"Nguyen|Van Minh", Author{Family: "Nguyen", Given: "Van Minh", Order: FamilyFirst}, "Nguyen", "Nguyen Van Minh", "Nguyen, V. M."},
		{"Smith|J. K.", Author{Family: "Smith", Given: "J. K."}, "Smith", "J. K. Smith", "Smith, J. K."},
		{"  ", Author{}, "", "", ""},
	}
	for _, c := range cases {
		got := Parse(c.in)
		if got != c.want {
			t.Errorf("Parse(%q) = %+v, want %+v", c.in, got, c.want)
			continue
		}
		if got.Cited() != c.cited || got.Full() != c.full || got.Inverted() != c.inverted {
			t.Errorf("%q: cited %q full %q inverted %q, want %q %q %q", c.in, got.Cited(), got.Full(), got.Inverted(), c.cited, c.full, c.inverted)
		}
		if back := Parse(got.Text()); back != got {
			t.Errorf("%q: text %q reads back as %+v", c.in, got.Text(), back)
		}
	}
}

func TestTextMarksOnlyWhatParsingGetsWrong(t *testing.T) {
	cases := map[Author]string{
		{Family: "Nguyen", Given: "Van Minh", Order: FamilyFirst}: "Nguyen Van Minh",
		{Family: "Smith", Given: "John"}:                          "John Smith",
		{Family: "Li", Given: "Wei", Order: FamilyFirst}:          "/Li/ Wei",
		{Family: "Aung", Given: "Thura"}:                          "Thura /Aung/",
		{Name: "Madonna"}:                                         "Madonna",
		{Name: "May Lin Chen"}:                                    "{May Lin Chen}",
		{Family: "Phromsiri", Given: "Anurak", Order: FullName}:   "{Anurak /Phromsiri/}",
		{Family: "Smith"}:                                         "/Smith/",
	}
	for a, want := range cases {
		if got := a.Text(); got != want {
			t.Errorf("%+v.Text() = %q, want %q", a, got, want)
		}
		if back := Parse(a.Text()); back != a {
			t.Errorf("%q reads back as %+v, want %+v", a.Text(), back, a)
		}
	}
}

func TestSplitList(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Thura Aung, Rebecca Okafor", []string{"Thura Aung", "Rebecca Okafor"}},
		{"Thura Aung, R. O.", []string{"Thura Aung, R. O."}},
		{"Smith, John", []string{"Smith, John"}},
		{"Smith, J., Lee, K., Brown, A.", []string{"Smith, J.", "Lee, K.", "Brown, A."}},
		{"Smith, J. and Lee, K.", []string{"Smith, J.", "Lee, K."}},
		{"Nguyen Van Minh, Tran Thi Lan and Pham Thu Ha", []string{"Nguyen Van Minh", "Tran Thi Lan", "Pham Thu Ha"}},
		{"Daw Hnin Wai; Peter Sandoval", []string{"Daw Hnin Wai", "Peter Sandoval"}},
		{"Garcia, Maria; Chen, Tao", []string{"Garcia, Maria", "Chen, Tao"}},
		{"A. Smith & B. Jones", []string{"A. Smith", "B. Jones"}},
		{"International Labour Organization", []string{"International Labour Organization"}},
		{"Ministry of Labour, Invalids and Social Affairs", []string{"Ministry of Labour, Invalids and Social Affairs"}},
		{"", nil},
	}
	for _, c := range cases {
		if got := SplitList(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("SplitList(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	got := ParseList("Thura Aung, Rebecca Okafor")
	want := []Author{{Name: "Thura Aung"}, {Family: "Okafor", Given: "Rebecca"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseList = %+v, want %+v", got, want)
	}
}

func TestJSONReadsOldStrings(t *testing.T) {
	var got []Author
	if err := json.Unmarshal([]byte(`["Nguyen Van Minh",{"family":"Tran","given":"Thi Lan","order":"family-first"},{"name":"Daw Hnin Wai"},{"family":" ","given":"Cher"}]`), &got); err != nil {
		t.Fatal(err)
	}
	want := []Author{{Family: "Nguyen", Given: "Van Minh", Order: FamilyFirst}, {Family: "Tran", Given: "Thi Lan", Order: FamilyFirst}, {Name: "Daw Hnin Wai"}, {Name: "Cher"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	b, _ := json.Marshal(want[:1])
	if string(b) != `[{"family":"Nguyen","given":"Van Minh","order":"family-first"}]` {
		t.Errorf("marshal %s", b)
	}
}

func TestInitialsKeepsCaselessScripts(t *testing.T) {
	for in, want := range map[string]string{"Jean-Paul mary": "J.-P. M.", "J.K.": "J. K.", "สมชาย": "สมชาย", "": ""} {
		if got := Initials(in); got != want {
			t.Errorf("Initials(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitListCaselessScripts(t *testing.T) {
	if got := ParseList("ใจดี, สมชาย"); !reflect.DeepEqual(got, []Author{{Family: "ใจดี", Given: "สมชาย", Order: FullName}}) {
		t.Errorf("Thai inverted name: %+v", got)
	}
}
