// Package agreement measures how consistently a project's reviewers coded
// and appraised its studies: Compute gives Krippendorff's alpha, kappas and
// percent agreement per code and overall at character, sentence, paragraph
// or study level, with the units each figure rests on, the missing-data
// rule (Absent) and a bootstrapped interval for alpha, and the reviewers'
// agreement per rigor criterion; Disagreements lists the passages and
// judgements where they differ, for reconciliation (coding/merge). The
// coefficients themselves are coding/agree's.
package agreement
