package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/app"
	"github.com/nianbao/nianbao/shared/localstack/stacktest"
	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/fsstore"
	"github.com/nianbao/nianbao/shared/testkit"
)

func TestCatalogRebuildAndCheck(t *testing.T) {
	data := t.TempDir()
	a, err := app.Open(context.Background(), dataEnv(data), stacktest.WithRenderer(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Registry.Submit(context.Background(), testkit.Testdata(t, "seed-2020.json")); err != nil {
		t.Fatal(err)
	}
	shard := func() []string {
		m, _ := filepath.Glob(filepath.Join(data, "catalog", "2020", "*"))
		return m
	}
	before := shard()
	if len(before) == 0 {
		t.Fatal("filing made no catalog")
	}
	if err := os.RemoveAll(filepath.Join(data, "catalog")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"catalog", "rebuild", "--year", "2020", "--data", data}, exitOK, "2020 年度目录：1 个机关"},
		{[]string{"catalog", "check", "--year", "2020", "--data", data}, exitOK, "修复 0 条"},
		{[]string{"catalog", "rebuild", "--year", "2021", "--data", data}, exitOK, "0 个机关"},
		{[]string{"catalog", "rebuild", "--data", data}, exitUsage, ""},
		{[]string{"catalog", "prune", "--year", "2020"}, exitUsage, ""},
		{[]string{"catalog"}, exitUsage, ""},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.out) {
			t.Errorf("nianbao %s: exit %d, %q %q; want exit %d containing %q", strings.Join(tt.args, " "), code, out, errOut, tt.code, tt.out)
		}
	}
	if got := shard(); len(got) != len(before) {
		t.Errorf("rebuild restored %d catalog objects, want %d", len(got), len(before))
	}

	// A damaged latest.json is named, and the command says so by its exit code.
	st, err := fsstore.New(data)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Put(context.Background(), "reports/2020/11410303MB0000001X/latest.json", []byte("{"), store.PutOptions{}); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, "catalog", "check", "--year", "2020", "--data", data)
	if code != exitFindings || !strings.Contains(out, "11410303MB0000001X") {
		t.Errorf("check over a damaged latest.json: exit %d, %q; want %d naming the agency", code, out, exitFindings)
	}
}
