// Package refi reads and writes the REFI-QDA 1.5 exchange formats: codebooks
// (.qdc, urn:QDA-XML:codebook:1.0) and projects (.qdpx, a zip holding
// project.qde in urn:QDA-XML:project:1.0 and the source files under Sources/).
//
// The package works at the format level only: it turns files into the plain
// Go model (Project, CodeBook and their parts) and back, and leaves mapping to
// and from the project store to its callers.
//
// Conventions of the model:
//   - every GUID is a lower-case UUID without braces; identifiers that are not
//     UUIDs are mapped to stable derived UUIDs (with a warning);
//   - text positions are Unicode code points from 0, End exclusive; positions
//     an exporter counted in UTF-16 units (NVivo 12) are detected and converted
//     when the archive is opened;
//   - PDF area selections (PDFSelection) keep the file's page (from 0) and
//     corners in PDF points from the bottom-left of the page's MediaBox (see
//     PDFSelection); written corners are rounded to whole points;
//   - anything a file holds that cannot be imported (pictures, audio, video,
//     graphs, links, unknown elements, dangling references, invalid values)
//     is reported as a Warning instead of being dropped silently; malformed
//     files give a *FormatError or a sentinel error wrapped with the file
//     name.
//
// Reading tolerates what real exports do: namespace and schemaLocation
// variants or no namespace, Sources/ or sources/ (also inside one top folder),
// byte-order marks and UTF-16, braced or upper-case GUIDs, empty <Sets/>, flat
// codes named with backslash paths (turned into a hierarchy), missing optional
// attributes, internal://, relative://, absolute:// and bare paths, URL-encoded
// names, HTML entities and raw control characters.
//
// Writing produces files that validate against the REFI XSDs: text goes to
// Sources/<guid>.txt (or inline when no file is supplied), PDFs to
// Sources/<guid>.pdf with their text representation as Sources/<guid>.txt.
// Picture, audio and video sources are not written.
package refi
