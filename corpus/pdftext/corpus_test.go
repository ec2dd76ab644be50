package pdftext

const corpusDir = "../../../shared/corpus"
