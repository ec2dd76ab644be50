package corpus

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Schema is the part of the project file that one package owns: its tables
// (created and changed by its own migrations) and what the project as a
// whole must know about them. corpus owns the file, its own tables (meta,
// coders, sources, studies, history) and the machinery; every other owner
// registers its Schema with Register, and corpus then creates and upgrades
// its tables, checks them, counts them and deletes their rows with a study,
// without knowing them by name.
type Schema struct {
	// Owner names the schema (a short lower-case word, e.g. "coding"); its
	// version is stored in the file under that name.
	Owner string
	// Migrations are the owner's schema steps: Migrations[i] takes the
	// owner's tables from version i to version i+1. Steps are only ever
	// appended; a released step is never edited. A step touches only the
	// owner's own tables.
	Migrations []string
	// Legacy maps the combined schema versions of files written before
	// schemas had owners (PRAGMA user_version 0..LegacyVersion) to the
	// owner's version: Legacy[v] is how many of the owner's steps a file at
	// combined version v had. Nil for an owner born later (version 0).
	Legacy []int
	// Checks are the owner's consistency checks (see Project.Check).
	Checks []Check
	// Cascades are the rows that go with a deleted study, deleted in this
	// order before the study (see Tx.DeleteStudy).
	Cascades []Cascade
	// WideTables are the owner's tables whose changes bear on every study
	// (an undo of such a change reports no particular studies; see
	// Action.Studies).
	WideTables []string
	// Counts are what Project.Stats counts for the owner.
	Counts []Count
}

// Check is one consistency check: Query counts the rows that break a rule
// and What names them for the user ("studies without their source PDF").
// Fix, when set, repairs them (deletes the rows or mends them); Recover
// runs it on a recovered file, whose rows may point at rows that were lost.
type Check struct {
	What  string
	Query string
	Fix   string
}

// Cascade names rows to delete with a study: Query selects the guid column
// of Table's rows given the study GUID as its only argument.
type Cascade struct {
	Table string
	Query string
}

// Count is one figure of Project.Stats: Query returns one number, filed in
// Stats.Counts under Name.
type Count struct {
	Name  string
	Query string
}

var registry struct {
	sync.Mutex
	schemas []Schema // sorted by owner
}

// Register adds an owner's schema; every project created or opened later
// gets its tables. Owners register from an init function, so a program that
// links the owner's package can never open a project without its tables.
// Register panics on a duplicate or invalid owner (a programming error).
func Register(s Schema) {
	registry.Lock()
	defer registry.Unlock()
	switch {
	case s.Owner == "" || s.Owner == corpusOwner || s.Owner == legacyKey || strings.ContainsAny(s.Owner, ". \t\n"):
		panic(fmt.Sprintf("corpus.Register: invalid owner %q", s.Owner))
	case len(s.Legacy) > 0 && len(s.Legacy) != LegacyVersion+1:
		panic(fmt.Sprintf("corpus.Register: %s: Legacy needs one version per combined version 0..%d", s.Owner, LegacyVersion))
	}
	for _, v := range s.Legacy {
		if v < 0 || v > len(s.Migrations) {
			panic(fmt.Sprintf("corpus.Register: %s: legacy version %d out of range", s.Owner, v))
		}
	}
	for _, o := range registry.schemas {
		if o.Owner == s.Owner {
			panic(fmt.Sprintf("corpus.Register: owner %q registered twice", s.Owner))
		}
	}
	registry.schemas = append(registry.schemas, s)
	sort.Slice(registry.schemas, func(i, j int) bool { return registry.schemas[i].Owner < registry.schemas[j].Owner })
}

// Owners lists the registered owners with their schema versions (corpus's
// own included), for diagnostics.
func Owners() map[string]int {
	out := map[string]int{}
	for _, s := range schemas() {
		out[s.Owner] = len(s.Migrations)
	}
	return out
}

// schemas returns corpus's own schema followed by the registered ones (by
// owner name): the order in which migrations, checks and cascades run.
func schemas() []Schema {
	registry.Lock()
	defer registry.Unlock()
	return append([]Schema{corpusSchema}, registry.schemas...)
}

// legacyVersion is the owner's version in a file at combined version v.
func (s Schema) legacyVersion(v int) int {
	if s.Legacy == nil || v < 0 {
		return 0
	}
	return s.Legacy[min(v, LegacyVersion)]
}

// wideTable reports whether a registered owner declared table wide.
func wideTable(table string) bool {
	for _, s := range schemas() {
		if slices.Contains(s.WideTables, table) {
			return true
		}
	}
	return false
}
