package template

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/source"
	"github.com/nianbao/nianbao/shared/source/docx"
	"github.com/nianbao/nianbao/shared/source/xlsx"
	"github.com/nianbao/nianbao/shared/testkit"
)

func TestScratch(t *testing.T) {
	r, fs := report.Decode(testkit.Testdata(t, "example-2021.json"))
	if r == nil || report.HasErrors(fs) {
		t.Fatal(fs)
	}
	var b bytes.Buffer
	if err := FilledDOCX(&b, r); err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/scratch/filled.docx", b.Bytes(), 0o644)
	doc, err := docx.Read(context.Background(), b.Bytes(), source.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(doc.Title, doc.Meta)
	for _, bl := range doc.Blocks {
		if bl.Table == nil {
			fmt.Printf("%s %d %s: %.40s\n", bl.Kind, bl.Level, bl.Loc, bl.Text)
			continue
		}
		fmt.Println("TABLE", bl.Loc)
		for i := range bl.Table.Grid {
			for _, c := range bl.Table.Grid[i] {
				if c.Covered {
					fmt.Print("^ | ")
					continue
				}
				fmt.Printf("%.20s[%s] | ", c.Text, c.Key)
			}
			fmt.Println()
		}
	}
}

func TestScratchHTML(t *testing.T) {
	r, _ := report.Decode(testkit.Testdata(t, "example-2021.json"))
	var b bytes.Buffer
	if err := HTML(&b, r); err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/scratch/r.html", b.Bytes(), 0o644)
}

func TestScratchDump(t *testing.T) {
	p := os.Getenv("DUMP")
	if p == "" {
		t.Skip()
	}
	data, _ := os.ReadFile(p)
	var doc *source.Document
	var err error
	if p[len(p)-4:] == "xlsx" {
		doc, err = xlsx.Read(context.Background(), data, source.DefaultLimits)
	} else {
		doc, err = docx.Read(context.Background(), data, source.DefaultLimits)
	}
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(doc.Title, doc.Meta)
	for _, bl := range doc.Blocks {
		if bl.Table == nil {
			fmt.Printf("%s %d %s: %.40s\n", bl.Kind, bl.Level, bl.Loc, bl.Text)
			continue
		}
		fmt.Println("TABLE", bl.Loc)
		for i := range bl.Table.Grid {
			for _, c := range bl.Table.Grid[i] {
				if c.Covered {
					fmt.Print("^ | ")
					continue
				}
				fmt.Printf("%.12s[%s] | ", c.Text, c.Key)
			}
			fmt.Println()
		}
	}
}
