// Package exchange moves a review in and out of files other programs read:
// the codebook as CSV and REFI-QDA codebook (.qdc), study attributes as
// CSV, the whole project as a REFI-QDA project archive (.qdpx, export and
// import), and the analysis results (segments, code frequencies, the code x
// attribute matrix) as CSV and Excel workbooks. Every import is one project
// action (one undo step) that changes nothing when it fails. It imports
// coding, coding/query and coding/refi.
package exchange
