package report

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

// docs/report-format.md quotes every label of both layouts exactly, in
// backticks, and names every JSON key; docs/report-json.md names every key
// and every field path. A row added to a layout must be documented.
func TestDocsNameEveryLabelAndKey(t *testing.T) {
	format, contract := readDoc(t, "report-format.md"), readDoc(t, "report-json.md")
	labels, keys := map[string]bool{}, map[string]bool{}
	for _, h := range SectionHeadings {
		labels[h] = true
	}
	for _, v := range Versions {
		l := LayoutOf(v)
		for _, st := range l.Table2 {
			labels[st.Caption], keys[st.Key] = true, true
			for _, r := range st.Rows {
				labels[r.Label], keys[r.Key] = true, true
			}
			for _, c := range st.Columns {
				labels[c.Label], keys[c.Key] = true, true
			}
		}
		for _, r := range l.Table3.Rows {
			for _, label := range []string{r.Level1, r.Level2, r.Level3} {
				labels[label] = true
			}
			for _, k := range strings.Split(r.Key, ".") {
				keys[k] = true
			}
		}
		for _, c := range l.Table3.Columns {
			labels[c.Label], labels[c.Group], keys[c.Key] = true, true, true
		}
		for _, g := range l.Table4.Groups {
			labels[g.Label], labels[g.Group], keys[g.Key] = true, true, true
		}
		for _, c := range l.Table4.Columns {
			labels[c.Label], keys[c.Key] = true, true
		}
	}
	delete(labels, "")
	for label := range labels {
		if !strings.Contains(format, "`"+label+"`") {
			t.Errorf("docs/report-format.md does not quote the label `%s`", label)
		}
	}
	for key := range keys {
		word := regexp.MustCompile(`\b` + regexp.QuoteMeta(key) + `\b`)
		for name, doc := range map[string]string{"report-format.md": format, "report-json.md": contract} {
			if !word.MatchString(doc) {
				t.Errorf("docs/%s does not name the key %s", name, key)
			}
		}
	}
	paths := []string{"formatVersion", "reportYear", "agency.creditCode", "publishedOn"}
	for _, f := range TextFields {
		paths = append(paths, f.Path)
	}
	for _, p := range paths {
		if !strings.Contains(contract, "`"+p+"`") {
			t.Errorf("docs/report-json.md does not describe the field `%s`", p)
		}
	}
}

func readDoc(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(testkit.Path(t, "docs", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
