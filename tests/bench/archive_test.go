//go:build integration

package bench

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/testkit"

	"github.com/nianbao/nianbao/shared/archive"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/fsstore"
	"github.com/nianbao/nianbao/shared/store/s3store"
	"github.com/nianbao/nianbao/shared/store/s3store/s3test"
)

// pdfStandIn renders a fixed-size, incompressible stand-in for a report's
// PDF: filing 10,000 reports for a benchmark should not take 10,000 renders.
type pdfStandIn struct{ data []byte }

func newStandIn() *pdfStandIn {
	rng := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 150<<10)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return &pdfStandIn{data: append([]byte("%PDF-1.7\n"), b...)}
}

func (*pdfStandIn) HasGlyph(rune) bool { return true }

func (p *pdfStandIn) Render(_ context.Context, w io.Writer, _ *render.Document) error {
	_, err := w.Write(p.data)
	return err
}

// fill files n distinct agencies' reports for 2023 into st.
func fill(b *testing.B, st store.Store, n int) {
	doc := testkit.Testdata(b, "example-2021.json")
	reg := registry.New(st, newStandIn())
	var wg sync.WaitGroup
	work := make(chan int)
	for range 8 {
		wg.Go(func() {
			for i := range work {
				if _, err := reg.Submit(context.Background(), reporttest.Variant(doc, i, 0)); err != nil {
					b.Errorf("fill %d: %v", i, err)
				}
			}
		})
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
}

func counts() []int {
	spec := os.Getenv("NIANBAO_BENCH_ARCHIVE_N")
	if spec == "" {
		spec = "1000,10000"
	}
	var ns []int
	for f := range strings.SplitSeq(spec, ",") {
		n, err := strconv.Atoi(f)
		if err == nil && n > 0 {
			ns = append(ns, n)
		}
	}
	return ns
}

// BenchmarkArchive runs `nianbao archive` as a separate process over n filed
// reports, from the filesystem store and from local S3 servers, and reports
// reports per second and the process's peak RSS (flat as n grows).
func BenchmarkArchive(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "nianbao")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/nianbao").CombinedOutput(); err != nil {
		b.Fatalf("build: %v\n%s", err, out)
	}
	for _, n := range counts() {
		dir := b.TempDir()
		fs, err := fsstore.New(dir)
		if err != nil {
			b.Fatal(err)
		}
		fill(b, fs, n)
		b.Run(fmt.Sprintf("fs/reports=%d", n), func(b *testing.B) {
			archiveProcess(b, bin, n, []string{"NIANBAO_DATA_DIR=" + dir}, "--data", dir)
		})
		for _, kind := range []s3test.Kind{s3test.Versitygw, s3test.MinIO} {
			srv := s3test.Start(b, kind)
			bucket := srv.NewBucket(b)
			st, err := s3store.New(srv.Config(), s3store.Options{Bucket: bucket, UsePathStyle: true})
			if err != nil {
				b.Fatal(err)
			}
			fill(b, st, n)
			creds, _ := srv.Config().Credentials.Retrieve(context.Background())
			env := []string{"REPORTS_BUCKET=" + bucket, "AWS_ENDPOINT_URL_S3=" + *srv.Config().BaseEndpoint,
				"S3_FORCE_PATH_STYLE=true", "AWS_REGION=" + srv.Config().Region,
				"AWS_ACCESS_KEY_ID=" + creds.AccessKeyID, "AWS_SECRET_ACCESS_KEY=" + creds.SecretAccessKey}
			b.Run(fmt.Sprintf("%s/reports=%d", kind, n), func(b *testing.B) {
				archiveProcess(b, bin, n, env)
			})
			srv.Stop()
		}
	}
}

func archiveProcess(b *testing.B, bin string, n int, env []string, args ...string) {
	out := filepath.Join(b.TempDir(), "bag.zip")
	var elapsed time.Duration
	var peakKB int64
	for b.Loop() {
		cmd := exec.Command(bin, append([]string{"archive", "--year", "2023", "-o", out}, args...)...)
		cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}, env...)
		start := time.Now()
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("nianbao archive: %v\n%s", err, msg)
		}
		elapsed += time.Since(start)
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && runtime.GOOS == "linux" {
			peakKB = max(peakKB, ru.Maxrss)
		}
	}
	b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "reports/s")
	b.ReportMetric(float64(peakKB)/1024, "peak-RSS-MB")
	if err := os.Remove(out); err != nil {
		b.Fatal(err)
	}
	_ = archive.Done
}
