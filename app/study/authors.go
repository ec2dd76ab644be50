package study

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/evidence-workbench/workbench/coding"
	"github.com/evidence-workbench/workbench/corpus/names"
)

// The kinds of name an author row can hold, in the order the editor offers.
var nameKinds = []string{
	"Given name first (Western; romanised Thai, Lao)",
	"Family name first (Vietnamese, Chinese, Khmer)",
	"Cited by the full name (Thai practice)",
	"One name, cited whole (Burmese, organisation)",
}

func kindOf(a names.Author) string {
	switch {
	case a.Single():
		return nameKinds[3]
	case a.Order == names.FamilyFirst:
		return nameKinds[1]
	case a.Order == names.FullName:
		return nameKinds[2]
	}
	return nameKinds[0]
}

// authorsHelp explains the text form of the authors field.
const authorsHelp = "Authors are separated by “; ”, each written as the name is written (“Nguyen Van Minh; Daw Hnin Wai; " +
	"Sophea Chan”) or as “Family, Given”. Mark a wrong guess: “/Li/ Wei” names the family name, “{May Lin Chen}” is a name " +
	"cited whole. Or use “People…” to edit each author's family and given names."

// citedPreview says how the authors in the field's text will be cited.
func citedPreview(text string) string {
	authors := coding.ParseAuthors(text)
	if len(authors) == 0 {
		return "No authors: the brief cites the title's first words."
	}
	parts := make([]string, 0, len(authors))
	for _, a := range authors {
		parts = append(parts, a.Cited())
	}
	refs := make([]string, 0, len(authors))
	for _, a := range authors {
		refs = append(refs, a.Inverted())
	}
	return "Cited as " + strings.Join(parts, ", ") + "; in references: " + strings.Join(refs, "; ")
}

// authorRow is one author in the people editor.
type authorRow struct {
	family, given *widget.Entry
	kind          *widget.Select
}

func (r *authorRow) author() names.Author {
	fam, given := strings.TrimSpace(r.family.Text), strings.TrimSpace(r.given.Text)
	switch r.kind.Selected {
	case nameKinds[3]:
		return names.SingleName(strings.TrimSpace(given + " " + fam))
	case nameKinds[1]:
		return names.New(fam, given, names.FamilyFirst)
	case nameKinds[2]:
		return names.New(fam, given, names.FullName)
	}
	return names.New(fam, given, names.GivenFirst)
}

// peopleEditor edits a list of authors person by person.
type peopleEditor struct {
	rows []*authorRow
	box  *fyne.Container
}

func newPeopleEditor(authors []names.Author) *peopleEditor {
	e := &peopleEditor{box: container.NewVBox()}
	for _, a := range authors {
		e.add(a)
	}
	if len(authors) == 0 {
		e.add(names.Author{})
	}
	return e
}

// add appends a row for a (a single name goes in the family field).
func (e *peopleEditor) add(a names.Author) {
	r := &authorRow{family: widget.NewEntry(), given: widget.NewEntry(), kind: widget.NewSelect(nameKinds, nil)}
	r.family.SetPlaceHolder("Family name (or the one name)")
	r.given.SetPlaceHolder("Given names")
	if a.Single() {
		r.family.SetText(a.Name)
	} else {
		r.family.SetText(a.Family)
		r.given.SetText(a.Given)
	}
	r.kind.SetSelected(kindOf(a))
	e.rows = append(e.rows, r)
	e.refresh()
}

func (e *peopleEditor) remove(r *authorRow) {
	for i, x := range e.rows {
		if x == r {
			e.rows = append(e.rows[:i], e.rows[i+1:]...)
			break
		}
	}
	e.refresh()
}

func (e *peopleEditor) refresh() {
	e.box.RemoveAll()
	for _, r := range e.rows {
		r := r
		del := widget.NewButton("Remove", func() { e.remove(r) })
		e.box.Add(container.NewBorder(nil, nil, nil, del, container.NewGridWithColumns(3, r.family, r.given, r.kind)))
	}
	e.box.Refresh()
}

// authors returns the edited authors, empty rows dropped.
func (e *peopleEditor) authors() []names.Author {
	out := make([]names.Author, 0, len(e.rows))
	for _, r := range e.rows {
		out = append(out, r.author())
	}
	return names.Clean(out)
}

// onPeople opens the people editor over the authors field's text and
// writes the result back into the field.
func (p *attributesPanel) onPeople() {
	ed := newPeopleEditor(coding.ParseAuthors(p.authors.Text))
	add := widget.NewButton("Add author", func() { ed.add(names.Author{}) })
	scroll := container.NewVScroll(ed.box)
	scroll.SetMinSize(fyne.NewSize(640, 260))
	content := container.NewBorder(widget.NewLabel("Family name, given names and how the name is written and cited:"), add, nil, nil, scroll)
	dialog.NewCustomConfirm("Authors", "Use these authors", "Cancel", content, func(ok bool) {
		if ok {
			p.authors.SetText(names.JoinText(ed.authors()))
		}
	}, p.host.Window()).Show()
}
