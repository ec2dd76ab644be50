// Package query answers the analysis questions of a coded corpus: coded
// segments selected by code, coder, study attributes and co-occurrence
// conditions (Segments), code frequencies (CodeFrequencies) and the code x
// study attribute matrix (CodeMatrix), read in one pass over a cached
// projection of the codings table. It only reads the project.
package query
