package template

import "github.com/nianbao/nianbao/shared/report"

// FileName is the name a person saves version v's template under, with
// ext ("xlsx", "docx"): its title, as the file's own heading says it.
func FileName(v report.Version, ext string) string {
	return title(v) + "." + ext
}
