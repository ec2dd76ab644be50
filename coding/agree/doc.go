// Package agree computes inter-coder agreement statistics for qualitative
// research reviews: how consistently reviewers rated studies and coded
// passages of text.
//
// Two kinds of input are supported.
//
// Reliability data (type Data) is a units x coders table of values with
// missing cells, as used by percent agreement, Cohen's kappa, weighted kappa,
// Fleiss' kappa and Krippendorff's alpha (nominal, ordinal, interval and ratio
// metrics). Units may carry weights: a unit of weight w counts as w identical
// copies of that unit, which lets long runs of identical text be counted once.
//
// Unitised text (type Corpus) is, for each study text, every coder's coded
// spans per code in Unicode code points. Unitise turns it into weighted
// binary reliability data at character, segment or study level without
// allocating per character (a sweep over span boundaries yields runs of
// identical coder vectors), and Disagreements lists the passages where
// coders differ.
//
// BootstrapAlpha gives alpha an interval and the probabilities that it lies
// below the conventional floors 0.667 and 0.8, by Krippendorff's bootstrap
// as Hayes and Krippendorff's KALPHA computes it, with a fixed seed.
//
// Coefficients that are undefined for the data (a single coder, no pairable
// values, no variation at all) are reported as NaN together with one of the
// sentinel errors below; nothing in this package panics on bad input.
package agree
