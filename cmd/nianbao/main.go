// Command nianbao validates, renders, serves and archives 政府信息公开工作年度报告
// (annual government information-disclosure reports).
//
// Usage:
//
//	nianbao validate [--json] [--previous PREV.json] FILE...
//	nianbao import [--json] [-o OUT.json] FILE...
//	nianbao import --file --year YEAR [--agencies FILE] [--data DIR] [--json] DIR_OR_FILE...
//	nianbao render FILE [-o OUT.pdf]
//	nianbao serve [--addr 127.0.0.1:8080] [--data DIR]
//	nianbao archive --year YEAR [--data DIR] [-o BAG.zip]
//	nianbao verify BAG.zip
//	nianbao catalog rebuild|check --year YEAR [--data DIR]
//	nianbao roster --year YEAR [--data DIR] [FILE.csv|FILE.xlsx]
package main

import (
	"fmt"
	"io"
	"os"
)

// Exit codes shared by the subcommands.
const (
	exitOK       = 0
	exitFindings = 1 // a report has an error finding
	exitUsage    = 2 // a file cannot be read or parsed, or the command line is wrong
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

var commands = []command{
	{"validate", "校验年报 JSON（勾稽关系、格式、字符）", runValidate},
	{"import", "从网页、PDF 等导入年报，生成待核对的草稿；--file 批量归档", runImport},
	{"render", "校验并生成归档 PDF（PDF/A-2a 与 PDF/UA-1，带标签，内嵌字体）", runRender},
	{"serve", "在本机启动完整服务（上传、索引、归档）", runServe},
	{"archive", "把一个年度的年报打包为 BagIt 归档包", runArchive},
	{"verify", "校验 BagIt 归档包（清单、校验和、Payload-Oxum）", runVerify},
	{"catalog", "重建或检查一个年度的年报目录（rebuild、check）", runCatalog},
	{"roster", "载入或查看一个年度的报送名册（CSV 或 Excel）", runRoster},
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "nianbao: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: nianbao <command> [arguments]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'nianbao <command> -h' for a command's flags.")
}
