package emulator

import (
	"strings"
	"testing"
)

func TestTail(t *testing.T) {
	tests := []struct {
		max    int
		writes []string
		want   string
	}{
		{10, []string{"abc"}, "abc"},
		{5, []string{"abc", "def"}, "bcdef"},
		{4, []string{"0123456789"}, "6789"},
		{4, nil, ""},
	}
	for _, tt := range tests {
		tl := newTail(tt.max)
		for _, w := range tt.writes {
			if n, err := tl.Write([]byte(w)); n != len(w) || err != nil {
				t.Errorf("Write(%q) = %d, %v", w, n, err)
			}
		}
		if got := tl.String(); got != tt.want {
			t.Errorf("tail(%d) after %s = %q, want %q", tt.max, strings.Join(tt.writes, ","), got, tt.want)
		}
	}
}
