package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/inbox"
	"github.com/nianbao/nianbao/shared/ingest"
	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/roster"
	"github.com/nianbao/nianbao/shared/rosterfile"
)

// filing is `nianbao import --file`: the S3 inbox's pipeline on files named
// on the command line.
type filing struct {
	year     int
	agencies string // the agencies file, "" to use the stored list or roster
	data     string
	asJSON   bool
}

// Exit codes of `nianbao import --file`: exitOK when every file was filed,
// exitFindings when some wait for review or were refused (the rest filed),
// exitUsage for a bad command line, agencies file or store, or a file that
// failed to be stored (run the command again to retry it).

func (f filing) run(paths []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	var list []byte
	if f.agencies != "" {
		// Check the list before opening the store: a wrong file needs no bucket.
		var err error
		if list, err = readCappedFile(f.agencies, rosterfile.MaxBytes); err != nil {
			fmt.Fprintf(stderr, "nianbao import: %v\n", err)
			return exitUsage
		}
		if _, err := rosterfile.ParseAgencies(list, f.year); err != nil {
			printListProblems(stderr, f.agencies, err)
			return exitUsage
		}
	}
	files, err := collectFiles(paths, f.agencies)
	if err != nil {
		fmt.Fprintf(stderr, "nianbao import: %v\n", err)
		return exitUsage
	}
	a, err := app.Open(ctx, dataEnv(f.data), app.WithRenderer(render.New))
	if err != nil {
		fmt.Fprintf(stderr, "nianbao import: %v\n", err)
		return exitUsage
	}
	ingest.TuneMemory(a.Config.Runtime)
	p := inbox.New(a.Registry, a.Store)
	if list != nil {
		if _, err := p.SetAgencies(ctx, f.year, list); err != nil {
			fmt.Fprintf(stderr, "nianbao import: %v\n", err)
			return exitUsage
		}
		// Reports of earlier runs that waited for this list.
		if r, err := p.Rematch(ctx, f.year); err != nil {
			fmt.Fprintf(stderr, "nianbao import: 按新名单重新匹配时出错：%v\n", err)
		} else if r.Filed > 0 {
			fmt.Fprintf(stdout, "按新名单归档了此前等待处理的 %d 个文件\n", r.Filed)
		}
	}
	start := time.Now()
	results := f.process(ctx, p, files, stderr)
	if f.asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		for _, r := range results {
			if err := enc.Encode(r); err != nil {
				return exitUsage
			}
		}
	} else {
		printFiling(stdout, f.year, results, time.Since(start))
	}
	return filingCode(results)
}

// filedFile is one file's outcome, as --json prints it.
type filedFile struct {
	File    string           `json:"file"`
	State   imports.State    `json:"state,omitempty"`
	Import  string           `json:"import,omitempty"` // {year}/{sha256}: the entry
	ID      string           `json:"id,omitempty"`
	Reasons []imports.Reason `json:"reasons,omitempty"`
	Error   string           `json:"error,omitempty"`
}

// workers is how many files are filed at once: two per core, so that one
// file's waits on the store (an S3 round trip, a file system sync; a filing
// takes about fourteen) overlap another's import and render. Each holds at
// most one file of the import's size cap.
func workers() int { return 2 * runtime.GOMAXPROCS(0) }

// process imports the files on every core, with a progress bar on a
// terminal; results keep the files' order.
func (f filing) process(ctx context.Context, p *inbox.Processor, files []string, stderr io.Writer) []filedFile {
	results := make([]filedFile, len(files))
	bar := newProgress(stderr)
	var mu sync.Mutex
	done := 0
	bar.update(0, len(files))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(workers(), max(len(files), 1)) {
		wg.Go(func() {
			for i := range work {
				results[i] = f.one(ctx, p, files[i])
				mu.Lock()
				done++
				bar.update(done, len(files))
				mu.Unlock()
			}
		})
	}
	for i := range files {
		if ctx.Err() != nil {
			results[i] = filedFile{File: files[i], Error: "已中断"}
			continue
		}
		work <- i
	}
	close(work)
	wg.Wait()
	bar.finish()
	return results
}

func (f filing) one(ctx context.Context, p *inbox.Processor, path string) filedFile {
	file, err := os.Open(path)
	if err != nil {
		return filedFile{File: path, Error: err.Error()}
	}
	in, err := inbox.ReadInput(f.year, path, file)
	file.Close()
	if err != nil {
		return filedFile{File: path, Error: err.Error()}
	}
	e, err := p.Process(ctx, in)
	if err != nil {
		return filedFile{File: path, Error: err.Error()}
	}
	return filedFile{File: path, State: e.State, Import: e.Ref(), ID: e.ID, Reasons: e.Reasons}
}

// collectFiles lists the files to import: each FILE, and every regular
// file under each DIR (not hidden ones, not the agencies file), in order.
func collectFiles(paths []string, agencies string) ([]string, error) {
	var files []string
	skip, _ := filepath.Abs(agencies)
	for _, root := range paths {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			hidden := path != root && strings.HasPrefix(d.Name(), ".")
			switch {
			case d.IsDir() && hidden:
				return filepath.SkipDir
			case hidden || !d.Type().IsRegular():
				return nil
			}
			if abs, _ := filepath.Abs(path); agencies != "" && abs == skip {
				return nil
			}
			files = append(files, path)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if len(files) == 0 {
		return nil, errors.New("没有要导入的文件")
	}
	slices.Sort(files)
	return slices.Compact(files), nil
}

func printListProblems(w io.Writer, file string, err error) {
	var inv *roster.InvalidError
	if !errors.As(err, &inv) {
		fmt.Fprintf(w, "nianbao import: %s: %v\n", file, err)
		return
	}
	fmt.Fprintf(w, "%s：机关名单有 %d 处错误，未导入任何文件：\n", file, len(inv.Problems)+inv.Omitted)
	for _, p := range inv.Problems {
		fmt.Fprintf(w, "  %s\n", p.Message)
	}
}

// reasonLabels name the reasons in the summary table.
var reasonLabels = map[string]string{
	imports.AgencyUnknown:   "机关不在名单中",
	imports.AgencyAmbiguous: "机关名称对应多个机关",
	imports.YearMissing:     "未读出年度",
	imports.YearMismatch:    "年度不符",
	imports.Invalid:         "草稿有错误",
	imports.NotReadable:     "不是可读的年报",
	imports.StorageFailed:   "存储失败",
}

// printFiling writes the summary: a table of outcomes with their reasons
// counted, then every file not filed and why.
func printFiling(w io.Writer, year int, results []filedFile, took time.Duration) {
	counts := map[imports.State]int{}
	why := map[imports.State]map[string]int{}
	failed := 0
	for _, r := range results {
		if r.Error != "" {
			failed++
			continue
		}
		counts[r.State]++
		for _, reason := range r.Reasons {
			if why[r.State] == nil {
				why[r.State] = map[string]int{}
			}
			why[r.State][reason.Code]++
		}
	}
	fmt.Fprintf(w, "%d 年度：%d 个文件，用时 %.1f 秒\n", year, len(results), took.Seconds())
	rows := [][]string{{"结果", "文件数", "原因"}}
	for _, s := range []imports.State{imports.Filed, imports.Review, imports.Refused, imports.Failed} {
		var reasons []string
		for code, n := range why[s] {
			reasons = append(reasons, fmt.Sprintf("%s %d", reasonLabels[code], n))
		}
		slices.Sort(reasons)
		rows = append(rows, []string{s.Label(), fmt.Sprint(counts[s]), strings.Join(reasons, "，")})
	}
	if failed > 0 {
		rows = append(rows, []string{"出错", fmt.Sprint(failed), "读取文件或存储时出错，重新运行即可重试"})
	}
	widths := [2]int{}
	for _, r := range rows {
		widths[0], widths[1] = max(widths[0], displayWidth(r[0])), max(widths[1], displayWidth(r[1]))
	}
	for _, r := range rows {
		line := "  " + r[0] + strings.Repeat(" ", widths[0]-displayWidth(r[0])+2) + r[1] + strings.Repeat(" ", widths[1]-displayWidth(r[1])+2) + r[2]
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	for _, s := range []imports.State{imports.Review, imports.Refused, imports.Failed} {
		if counts[s] == 0 {
			continue
		}
		fmt.Fprintf(w, "%s：\n", s.Label())
		for _, r := range results {
			if r.Error == "" && r.State == s {
				var msgs []string
				for _, reason := range r.Reasons {
					msgs = append(msgs, reason.Message)
				}
				fmt.Fprintf(w, "  %s\n    %s\n", r.File, strings.Join(msgs, "；"))
			}
		}
	}
	if failed > 0 {
		fmt.Fprintln(w, "出错：")
		for _, r := range results {
			if r.Error != "" {
				fmt.Fprintf(w, "  %s\n    %s\n", r.File, r.Error)
			}
		}
	}
	if counts[imports.Review] > 0 {
		fmt.Fprintf(w, "待人工处理的文件在审核页列出：nianbao serve 后打开 /imports/%d\n", year)
	}
}

func filingCode(results []filedFile) int {
	code := exitOK
	for _, r := range results {
		switch {
		case r.Error != "" || r.State == imports.Failed:
			return exitUsage
		case r.State != imports.Filed:
			code = exitFindings
		}
	}
	return code
}
