package store

import (
	"errors"
	"fmt"
	"mime"
	"testing"
	"time"
)

func TestContentDisposition(t *testing.T) {
	tests := []struct {
		filename  string
		want      string
		wantParse string // what an RFC 6266 reader (Go's mime) recovers
	}{
		{"", "attachment", ""},
		{"report.pdf", `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`, "report.pdf"},
		{
			"2020年报.pdf",
			`attachment; filename="2020__.pdf"; filename*=UTF-8''2020%E5%B9%B4%E6%8A%A5.pdf`,
			"2020年报.pdf",
		},
		{`a"b\c d.pdf`, `attachment; filename="a_b_c d.pdf"; filename*=UTF-8''a%22b%5Cc%20d.pdf`, `a"b\c d.pdf`},
		{"a\r\nb\xff.pdf", `attachment; filename="a__b_.pdf"; filename*=UTF-8''a__b_.pdf`, "a__b_.pdf"},
	}
	for _, tt := range tests {
		got := ContentDisposition(tt.filename)
		if got != tt.want {
			t.Errorf("ContentDisposition(%q) = %s, want %s", tt.filename, got, tt.want)
		}
		disp, params, err := mime.ParseMediaType(got)
		if err != nil || disp != "attachment" || params["filename"] != tt.wantParse {
			t.Errorf("ParseMediaType(%s) = %q, %q, %v; want filename %q", got, disp, params, err, tt.wantParse)
		}
	}
}

func FuzzContentDisposition(f *testing.F) {
	f.Add("2020年政府信息公开工作年度报告.pdf")
	f.Add("a\"b;c=d\\")
	f.Fuzz(func(t *testing.T, name string) {
		v := ContentDisposition(name)
		for i := 0; i < len(v); i++ {
			if c := v[i]; c < 0x20 || c > 0x7e {
				t.Fatalf("ContentDisposition(%q) = %q has byte %#x, not legal in a header", name, v, c)
			}
		}
		if _, _, err := mime.ParseMediaType(v); err != nil {
			t.Fatalf("ContentDisposition(%q) = %q does not parse: %v", name, v, err)
		}
	})
}

func TestValidateTTL(t *testing.T) {
	for _, tt := range []struct {
		ttl time.Duration
		ok  bool
	}{{time.Minute, true}, {MaxPresignTTL, true}, {0, false}, {-time.Second, false}, {MaxPresignTTL + time.Second, false}} {
		err := ValidateTTL(tt.ttl)
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrInvalidArgument)) {
			t.Errorf("ValidateTTL(%v) = %v, want ok=%v", tt.ttl, err, tt.ok)
		}
	}
}

func ExampleContentDisposition() {
	fmt.Println(ContentDisposition("2020年报.pdf"))
	// Output: attachment; filename="2020__.pdf"; filename*=UTF-8''2020%E5%B9%B4%E6%8A%A5.pdf
}
