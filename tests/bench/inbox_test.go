//go:build integration

package bench

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/inbox/inboxtest"
	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/store/s3store/s3test"
)

// inboxCounts are the batch sizes BenchmarkInbox files: NIANBAO_BENCH_INBOX_N
// (comma-separated) or 100 and 1,000.
func inboxCounts() []int {
	spec := os.Getenv("NIANBAO_BENCH_INBOX_N")
	if spec == "" {
		spec = "100,1000"
	}
	var ns []int
	for f := range strings.SplitSeq(spec, ",") {
		if n, err := strconv.Atoi(f); err == nil && n > 0 {
			ns = append(ns, n)
		}
	}
	return ns
}

// BenchmarkInbox runs `nianbao import --file` as a separate process on a
// year's published reports — half web pages (shared/template.HTML), half
// PDFs with a text layer (our renderer), the 2021 example under a distinct
// agency each (inboxtest), 5% of agencies not on the agencies file (they
// wait for review), 1% files that are no report (refused) — into a fresh
// filesystem store and fresh MinIO and versitygw buckets. It reports
// files/s over the whole run (process start to exit) and the process's
// peak RSS, which must stay flat as the batch grows.
func BenchmarkInbox(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "nianbao")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/nianbao").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	rnd, err := render.New()
	if err != nil {
		b.Fatal(err)
	}
	ns := inboxCounts()
	largest := slicesMax(ns)
	batch := inboxtest.Write(b, b.TempDir(), rnd, inboxtest.Options{N: largest, Unlisted: 20, Junk: 100})
	servers := map[s3test.Kind]*s3test.Server{}
	for _, kind := range []s3test.Kind{s3test.Versitygw, s3test.MinIO} {
		servers[kind] = s3test.Start(b, kind)
	}
	for _, n := range ns {
		docs := subset(b, batch, n)
		b.Run(fmt.Sprintf("fs/reports=%d", n), func(b *testing.B) {
			inboxProcess(b, bin, n, batch.Agencies, docs, func() ([]string, []string) {
				dir := b.TempDir()
				return []string{"NIANBAO_DATA_DIR=" + dir}, []string{"--data", dir}
			})
		})
		for _, kind := range []s3test.Kind{s3test.Versitygw, s3test.MinIO} {
			srv := servers[kind]
			b.Run(fmt.Sprintf("%s/reports=%d", kind, n), func(b *testing.B) {
				before := processCPU(b, srv.PID())
				defer func() {
					// The server shares the machine's two cores with the import.
					b.ReportMetric(float64(processCPU(b, srv.PID())-before)/float64(time.Millisecond)/float64(n*b.N), "server-cpu-ms/report")
				}()
				inboxProcess(b, bin, n, batch.Agencies, docs, func() ([]string, []string) {
					creds, _ := srv.Config().Credentials.Retrieve(context.Background())
					return []string{"REPORTS_BUCKET=" + srv.NewBucket(b), "AWS_ENDPOINT_URL_S3=" + *srv.Config().BaseEndpoint,
						"S3_FORCE_PATH_STYLE=true", "AWS_REGION=" + srv.Config().Region,
						"AWS_ACCESS_KEY_ID=" + creds.AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + creds.SecretAccessKey}, nil
				})
			})
		}
	}
}

// subset is a folder holding the batch's first n documents (hard links).
func subset(b *testing.B, batch inboxtest.Batch, n int) string {
	dir := filepath.Join(b.TempDir(), "docs")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	for _, f := range batch.Files[:n] {
		if err := os.Link(f.Path, filepath.Join(dir, filepath.Base(f.Path))); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// inboxProcess files docs into a fresh store per run (store returns its
// environment and flags) and reports files/s and the peak RSS.
func inboxProcess(b *testing.B, bin string, n int, agencies, docs string, store func() (env, args []string)) {
	var elapsed, cpu time.Duration
	var peakKB int64
	for b.Loop() {
		env, args := store()
		cmd := exec.Command(bin, append(append([]string{"import", "--file", "--year", strconv.Itoa(inboxtest.Year), "--agencies", agencies}, args...), docs)...)
		cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}, env...)
		start := time.Now()
		out, err := cmd.CombinedOutput()
		elapsed += time.Since(start)
		if code := cmd.ProcessState.ExitCode(); code != 1 { // some wait for review, some are refused
			b.Fatalf("nianbao import --file: exit %d (%v), want 1\n%s", code, err, out)
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && runtime.GOOS == "linux" {
			peakKB = max(peakKB, ru.Maxrss)
		}
		cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		if !strings.Contains(string(out), fmt.Sprintf("%d 个文件", n)) {
			b.Fatalf("unexpected summary:\n%s", out)
		}
	}
	b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "reports/s")
	b.ReportMetric(float64(peakKB)/1024, "peak-RSS-MB")
	// CPU per report: on a machine shared with other builds, wall time
	// includes the waits for a core; 2 cores at this cost give the
	// throughput of an idle machine (2000/cpu-ms reports/s).
	b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(n*b.N), "cpu-ms/report")
}

// processCPU is the user and system time a running process has used.
func processCPU(b *testing.B, pid int) time.Duration {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Skipf("no /proc: %v", err)
	}
	// Fields after the command (in parentheses): utime and stime are the 14th and 15th of the line.
	f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+2:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * (time.Second / 100) // USER_HZ, 100 on Linux
}

func slicesMax(ns []int) int {
	m := 0
	for _, n := range ns {
		m = max(m, n)
	}
	return m
}
