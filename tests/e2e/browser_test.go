//go:build integration

package e2e

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

var update = flag.Bool("update", false, "rewrite the screenshots in docs/images")

// chromiumPath is where Debian's chromium package puts the browser.
const chromiumPath = "/usr/bin/chromium"

// actionTimeout bounds every browser step: a page that never reaches the
// expected state fails the test instead of hanging it.
const actionTimeout = 20 * time.Second

// findChromium returns the browser binary, or skips the test when it is
// absent outside CI; under CI a missing browser is a failure.
func findChromium(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err == nil {
		return chromiumPath
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("chromium not found at %s or on PATH; install the Debian package chromium (infra/deps.sh)", chromiumPath)
	}
	t.Skipf("chromium not found at %s or on PATH; install the Debian package chromium, or set CI=true to make this a failure", chromiumPath)
	return ""
}

// browser is one headless Chromium tab on the stack at base. It records every
// dialog the page opens and every script error, so that a test can assert
// that hostile text stayed inert and that the CSP blocked nothing of ours.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string

	mu       sync.Mutex
	dialogs  []string
	problems []string
}

// newBrowser starts Chromium with the flags that work as root on these
// machines and a fresh profile, with a width×height window.
func newBrowser(t *testing.T, base string, width, height int) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(findChromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	b := &browser{t: t, ctx: ctx, base: base}
	if err := chromedp.Do(ctx); err != nil { // starts the browser, with no timeout
		t.Fatalf("start chromium: %v", err)
	}
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.dialogs = append(b.dialogs, string(ev.Type)+": "+ev.Message)
			b.mu.Unlock()
			// Dismissed, so that a dialog never blocks the steps that follow.
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	console := chromedp.Console(ctx)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			// A 422 from the upload is logged by the network layer; that is the
			// form working, not a fault.
			if (m.IsException() || m.Type == chromedp.ConsoleError) && m.Source != "network" {
				b.mu.Lock()
				b.problems = append(b.problems, m.String())
				b.mu.Unlock()
			}
		}
	}()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		t.Fatalf("set the viewport: %v", err)
	}
	return b
}

func (b *browser) timeout() (context.Context, context.CancelFunc) {
	return context.WithTimeout(b.ctx, actionTimeout)
}

// do runs steps and fails the test with what was being done.
func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := b.timeout()
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// open navigates to path on the stack.
func (b *browser) open(path string) {
	b.t.Helper()
	b.do("open "+path, chromedp.Navigate(b.base+path))
}

// follow runs an action that loads a new page (a link, a form's submit) and
// waits for that page's load event.
func (b *browser) follow(what string, trigger chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := b.timeout()
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, trigger)); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// pressEnter presses Enter as a keyboard does: one keyDown that carries the
// text "\r", so that the page's keydown handler can cancel what Enter would
// do (chromedp.KeyEvent sends a separate char event that no handler can stop).
func pressEnter() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
			p := input.DispatchKeyEventParams{Type: typ, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13}
			if typ == input.DispatchKeyEventTypeKeyDown {
				p.Text, p.UnmodifiedText = "\r", "\r"
			}
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, p); err != nil {
				return err
			}
		}
		return nil
	})
}

// eval evaluates a JavaScript expression and decodes its value into T.
func eval[T any](b *browser, js string) T {
	b.t.Helper()
	ctx, cancel := b.timeout()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluate %.120s: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript predicate until it is true, and fails the test
// with what was awaited and the page's current state (state is an expression).
func (b *browser) waitFor(what, predicate, state string) {
	b.t.Helper()
	ctx, cancel := b.timeout()
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](predicate,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(actionTimeout-time.Second)))
	if err != nil {
		got := "?"
		if state != "" {
			got = eval[string](b, "String("+state+")")
		}
		b.t.Fatalf("waiting for %s: %v; page state: %s", what, err, got)
	}
}

// screenshot writes the viewport as docs/images/name.png when -update is set.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	if !*update {
		return
	}
	ctx, cancel := b.timeout()
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join("..", "..", "docs", "images", name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("wrote %s (%d KB)", path, len(png)>>10)
}

// checkQuiet fails the test if any dialog opened or any script error or CSP
// violation was logged so far.
func (b *browser) checkQuiet(where string) {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.dialogs) > 0 {
		b.t.Errorf("%s: dialogs opened: %q", where, b.dialogs)
	}
	if len(b.problems) > 0 {
		b.t.Errorf("%s: console errors: %q", where, b.problems)
	}
}

// js quotes a Go string as a JavaScript string literal.
func js(s string) string {
	q, err := json.Marshal(s)
	if err != nil {
		panic(fmt.Sprintf("quote %q: %v", s, err))
	}
	return string(q)
}

// cellSelector is the CSS selector of the input for path in version v's
// tables, or of the text field for path when v is "".
func cellSelector(v, path string) chromedp.CSS {
	if v == "" {
		return chromedp.CSS(`[id="f-` + path + `"]`)
	}
	return chromedp.CSS(`.version-block[data-version="` + v + `"] [data-path="` + path + `"]`)
}

// cellJS is the JavaScript expression for the same element.
func cellJS(v, path string) string {
	return "document.querySelector(" + js(string(cellSelector(v, path))) + ")"
}
