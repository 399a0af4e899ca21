package bench

import (
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// BenchmarkColdStart times the upload, index and office functions from
// process start to ready: the moment the Lambda runtime client first asks
// the Runtime API for an invocation, after configuration, store and fonts
// are loaded. A fake Runtime API on loopback stands in for Lambda's.
func BenchmarkColdStart(b *testing.B) {
	for _, fn := range []string{"upload", "index", "office"} {
		b.Run(fn, func(b *testing.B) {
			bin := filepath.Join(b.TempDir(), "bootstrap")
			build := exec.Command("go", "build", "-tags", "lambda.norpc", "-trimpath", "-o", bin, "../../functions/"+fn)
			build.Env = append(os.Environ(), "CGO_ENABLED=0", "GOARCH="+runtime.GOARCH)
			if out, err := build.CombinedOutput(); err != nil {
				b.Fatalf("build: %v\n%s", err, out)
			}
			ready := make(chan time.Time, 1)
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				select {
				case ready <- time.Now():
				default:
				}
				<-r.Context().Done() // hold the long poll until the process is killed
			})}
			go srv.Serve(ln)
			defer srv.Close()
			data := b.TempDir()
			var total time.Duration
			for b.Loop() {
				cmd := exec.Command(bin)
				cmd.Env = []string{"AWS_LAMBDA_RUNTIME_API=" + ln.Addr().String(), "NIANBAO_DATA_DIR=" + data, "LOG_LEVEL=warn"}
				start := time.Now()
				if err := cmd.Start(); err != nil {
					b.Fatal(err)
				}
				select {
				case at := <-ready:
					total += at.Sub(start)
				case <-time.After(10 * time.Second):
					b.Fatal("the function never asked for an invocation")
				}
				_ = cmd.Process.Kill()
				_ = cmd.Wait()
			}
			b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms-to-ready")
		})
	}
}
