package registry

// WithOriginal keeps the document an imported report was read from beside
// the version's files, as source.{ext}, listed with its size and SHA-256 in
// the manifest: the report page serves it and the yearly bag holds it. ext
// names its kind (pdf, docx, xlsx, html, txt): lower-case letters and
// digits, at most 8. A version filed before keeps what it was filed with:
// the same report read from another original is the same version.
func WithOriginal(ext, contentType string, data []byte) SubmitOption {
	return func(o *submitOptions) {
		o.original = &original{name: SourcePrefix + ext, contentType: contentType, data: data}
	}
}

// validExt accepts the extensions WithOriginal documents, so that a key or a
// bag path built from one never holds anything but a plain name.
func validExt(ext string) bool {
	if ext == "" || len(ext) > 8 {
		return false
	}
	for i := 0; i < len(ext); i++ {
		if c := ext[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}
