package assets

import (
	"bytes"
	"errors"
	"image/png"
	"strings"
	"testing"
)

func TestIconIsA512PNG(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon))
	if err != nil {
		t.Fatalf("decode icon: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 512 || b.Dy() != 512 {
		t.Fatalf("icon is %v, want 512x512", b)
	}
}

func TestEmbeddedTemplatesParse(t *testing.T) {
	ts, err := Templates()
	if err != nil {
		t.Fatal(err)
	}
	wantIDs := map[string]bool{"trafficking-rigor": true, "victim-identification-tools": true, "protection-framework": true}
	if len(ts) != len(wantIDs) {
		t.Fatalf("got %d templates, want %d", len(ts), len(wantIDs))
	}
	if ts[0].ID != DefaultTemplateID {
		t.Errorf("first template is %q, want the default", ts[0].ID)
	}
	for _, tpl := range ts {
		if !wantIDs[tpl.ID] {
			t.Errorf("unexpected template %q", tpl.ID)
		}
		n := 0
		tpl.Walk(func(parents []string, c TemplateCode) bool {
			n++
			if c.Definition == "" {
				t.Errorf("%s: code %q has no definition", tpl.ID, strings.Join(append(parents, c.Name), " > "))
			}
			if !ValidColor(c.Color) || c.Kind == "" {
				t.Errorf("%s: code %q not normalised: %+v", tpl.ID, c.Name, c)
			}
			return true
		})
		if n < 10 {
			t.Errorf("%s: only %d codes", tpl.ID, n)
		}
	}
}

func TestDefaultTemplateContent(t *testing.T) {
	d := DefaultTemplate()
	if d.ID != DefaultTemplateID {
		t.Fatalf("default ID %q", d.ID)
	}
	// Names are unique across the whole default tree, so demo codings and
	// appraisals can refer to codes by name alone.
	seen := map[string]bool{}
	d.Walk(func(_ []string, c TemplateCode) bool {
		k := strings.ToLower(c.Name)
		if seen[k] {
			t.Errorf("code name %q occurs twice in the default template", c.Name)
		}
		seen[k] = true
		return true
	})
	for _, want := range []struct{ name, kind string }{
		{"Sampling explained", KindRigor},
		{"Trafficking defined in line with the Palermo Protocol", KindRigor},
		{"Findings supported by data", KindRigor},
		{"Fishing and seafood processing", KindSector},
		{"Domestic work", KindSector},
		{"Debt bondage", KindTheme},
		{"Access to justice", KindTheme},
	} {
		c, ok := d.Find(want.name)
		if !ok {
			t.Errorf("default template lacks %q", want.name)
			continue
		}
		if c.Kind != want.kind {
			t.Errorf("%q has kind %q, want %q", want.name, c.Kind, want.kind)
		}
		if c.Inclusion == "" || c.Exclusion == "" {
			t.Errorf("%q lacks inclusion or exclusion notes", want.name)
		}
	}
	rigor, _ := d.Find("Rigor")
	if len(rigor.Children) != 9 {
		t.Errorf("Rigor has %d criteria, want 9", len(rigor.Children))
	}
}

func TestParseTemplateInheritsAndNormalises(t *testing.T) {
	tpl, err := ParseTemplate([]byte(`{"id":"t","name":" T ","codes":[
		{"name":" Group ","kind":"Theme","color":"#AABBCC","children":[{"name":"Child"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	g := tpl.Codes[0]
	if tpl.Name != "T" || g.Name != "Group" || g.Kind != KindTheme || g.Color != "#aabbcc" {
		t.Errorf("group not normalised: %+v", g)
	}
	if ch := g.Children[0]; ch.Kind != KindTheme || ch.Color != "#aabbcc" {
		t.Errorf("child did not inherit: %+v", ch)
	}
}

func TestParseTemplateRejects(t *testing.T) {
	cases := []struct{ name, json, want string }{
		{"syntax", `{"id":`, "not valid template JSON"},
		{"unknown field", `{"id":"t","name":"T","colour":"#000000","codes":[]}`, "unknown field"},
		{"trailing data", `{"id":"t","name":"T","codes":[{"name":"A","kind":"other","color":"#000000"}]} {}`, "after the template"},
		{"no id", `{"name":"T","codes":[{"name":"A","kind":"other","color":"#000000"}]}`, "no id"},
		{"no name", `{"id":"t","codes":[{"name":"A","kind":"other","color":"#000000"}]}`, "no name"},
		{"no codes", `{"id":"t","name":"T","codes":[]}`, "no codes"},
		{"empty code name", `{"id":"t","name":"T","codes":[{"name":"  ","kind":"other","color":"#000000"}]}`, "code number 1 has no name"},
		{"duplicate sibling", `{"id":"t","name":"T","codes":[{"name":"A","kind":"other","color":"#000000","children":[{"name":"x"},{"name":"X "}]}]}`, `code "A > X" appears more than once`},
		{"bad kind", `{"id":"t","name":"T","codes":[{"name":"A","kind":"topic","color":"#000000"}]}`, `kind "topic"`},
		{"missing kind", `{"id":"t","name":"T","codes":[{"name":"A","color":"#000000"}]}`, "has no kind"},
		{"bad colour", `{"id":"t","name":"T","codes":[{"name":"A","kind":"other","color":"red"}]}`, `colour "red"`},
		{"short colour", `{"id":"t","name":"T","codes":[{"name":"A","kind":"other","color":"#fff"}]}`, `colour "#fff"`},
		{"missing colour", `{"id":"t","name":"T","codes":[{"name":"A","kind":"other"}]}`, "has no colour"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseTemplate([]byte(tc.json))
			if err == nil {
				t.Fatalf("accepted %s", tc.json)
			}
			if !errors.Is(err, ErrInvalidTemplate) {
				t.Errorf("error %v does not wrap ErrInvalidTemplate", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

func TestParseTemplateReportsAllProblemsAndDepth(t *testing.T) {
	_, err := ParseTemplate([]byte(`{"id":"","name":"","codes":[{"name":"A","kind":"x","color":"y"}]}`))
	var te *TemplateError
	if !errors.As(err, &te) || len(te.Problems) != 4 {
		t.Fatalf("want 4 problems, got %v", err)
	}
	deep := `{"name":"leaf"}`
	for i := 0; i < 20; i++ {
		deep = `{"name":"n","children":[` + deep + `]}`
	}
	_, err = ParseTemplate([]byte(`{"id":"t","name":"T","codes":[{"name":"root","kind":"other","color":"#000000","children":[` + deep + `]}]}`))
	if err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Fatalf("deep nesting: %v", err)
	}
}

func TestValidColor(t *testing.T) {
	for s, want := range map[string]bool{"#000000": true, "#A1b2C3": true, "#12345": false, "123456": false, "#12345g": false, "": false, "#1234567": false} {
		if got := ValidColor(s); got != want {
			t.Errorf("ValidColor(%q) = %v", s, got)
		}
	}
}

func TestTemplateByID(t *testing.T) {
	tpl, err := TemplateByID("protection-framework")
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := tpl.Find("Lao PDR"); !ok || c.Kind != KindOther {
		t.Errorf("protection framework lacks country Lao PDR: %+v", c)
	}
	for _, id := range []string{"", "nope", "../codebooks/protection-framework", "protection-framework.json"} {
		if _, err := TemplateByID(id); !errors.Is(err, ErrUnknownTemplate) {
			t.Errorf("TemplateByID(%q) = %v, want ErrUnknownTemplate", id, err)
		}
	}
}
