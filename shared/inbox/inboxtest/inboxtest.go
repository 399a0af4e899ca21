// Package inboxtest makes folders of published reports for the inbox's
// tests and benchmarks: the repository's 2021 example (testdata/
// example-2021.json, year 2023) published by distinct agencies, as web
// pages (shared/template.HTML) and as PDFs with a text layer (nianbao's own
// renderer), without the credit code and region published reports leave
// out, with the agencies file that names them.
package inboxtest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/reportpdf"
	"github.com/nianbao/nianbao/shared/template"
	"github.com/nianbao/nianbao/shared/testkit"
)

// Year is the year of the batch's reports.
const Year = 2023

// Region is every agency's 行政区划.
const Region = "浙江省湖州市"

// exampleName is the agency of testdata/example-2021.json.
const exampleName = "湖州市自然资源和规划局"

// Options say what a batch holds.
type Options struct {
	N int // documents
	// Unlisted leaves every Unlisted-th agency out of the agencies file:
	// its report waits for review. 0 lists every agency.
	Unlisted int
	// Junk makes every Junk-th document a text that is no report: refused.
	// 0 makes none.
	Junk int
}

// File is one document of a batch and what the inbox should make of it.
type File struct {
	Path       string
	Agency     string // "" for junk
	CreditCode string
	Kind       string // html, pdf or text
	Listed     bool   // in the agencies file: filed
}

// Batch is a folder of documents and the agencies file beside it.
type Batch struct {
	Dir      string
	Agencies string // outside Dir
	Files    []File
}

// AgencyName is the n-th agency's name: 湖州市 and a district of two
// characters (no digits, which the recogniser would read as figures);
// distinct for the first 1600.
func AgencyName(n int) string {
	const pool = "东南西北中安平和顺康宁泰兴盛昌明华光新城江河湖山川林溪桥云龙凤鹤松竹梅兰春秋朝阳"
	p := []rune(pool)
	return "湖州市" + string(p[n/len(p)%len(p)]) + string(p[n%len(p)]) + "区自然资源和规划局"
}

// Write makes a batch of o.N documents in dir/docs, every other one a PDF,
// and dir/agencies.csv; rnd renders the PDFs.
func Write(t testing.TB, dir string, rnd registry.Renderer, o Options) Batch {
	t.Helper()
	example := testkit.Testdata(t, "example-2021.json")
	b := Batch{Dir: filepath.Join(dir, "docs"), Agencies: filepath.Join(dir, "agencies.csv")}
	if err := os.MkdirAll(b.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var list strings.Builder
	list.WriteString("机关名称,统一社会信用代码,行政区划\n")
	for i := range o.N {
		if o.Junk > 0 && i%o.Junk == o.Junk-1 {
			f := File{Path: filepath.Join(b.Dir, fmt.Sprintf("说明%04d.txt", i)), Kind: "text"}
			write(t, f.Path, []byte(fmt.Sprintf("第%d号文件：本栏目收录各单位历年发布的信息，不是年报。", i)))
			b.Files = append(b.Files, f)
			continue
		}
		name := AgencyName(i)
		f := File{Agency: name, CreditCode: reporttest.CreditCode(i), Listed: o.Unlisted == 0 || i%o.Unlisted != o.Unlisted-1}
		r := published(t, example, i, name)
		var doc bytes.Buffer
		if i%2 == 0 {
			f.Kind, f.Path = "html", filepath.Join(b.Dir, fmt.Sprintf("%04d-%s.html", i, name))
			if err := template.HTML(&doc, r); err != nil {
				t.Fatal(err)
			}
		} else {
			f.Kind, f.Path = "pdf", filepath.Join(b.Dir, fmt.Sprintf("%04d-%s.pdf", i, name))
			if err := rnd.Render(context.Background(), &doc, reportpdf.Document(r)); err != nil {
				t.Fatal(err)
			}
		}
		write(t, f.Path, doc.Bytes())
		if f.Listed {
			fmt.Fprintf(&list, "%s,%s,%s\n", name, f.CreditCode, Region)
		}
		b.Files = append(b.Files, f)
	}
	write(t, b.Agencies, []byte(list.String()))
	return b
}

// published is the example filed by agency n under name, as published.
func published(t testing.TB, example []byte, n int, name string) *report.Report {
	t.Helper()
	doc := bytes.ReplaceAll(reporttest.Variant(example, n, n), []byte(exampleName), []byte(name))
	r, fs := report.Decode(doc)
	if r == nil || report.HasErrors(fs) {
		t.Fatalf("the example as agency %d: %v", n, fs)
	}
	r.Agency.CreditCode, r.Agency.Region = "", ""
	return r
}

func write(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
