package query

// ForgetCodingIndex drops the cached coding index, for benchmarks of cold
// reads (the first matrix after a change).
func ForgetCodingIndex() {
	indexCache.Lock()
	indexCache.p, indexCache.ix = nil, nil
	indexCache.Unlock()
}
