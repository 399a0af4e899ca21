// Package memberstest is an in-memory members.Source for tests, and makes
// distinct valid reports whose sums are known: the 2021 example with every
// cell multiplied by a factor (the format's identities are linear, so a
// multiple of a valid report is valid).
package memberstest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/report/reporttest"
	"github.com/nianbao/nianbao/shared/testkit"
)

// Source holds filed reports in memory, by year.
type Source struct {
	mu      sync.Mutex
	entries map[int][]members.Entry
	docs    map[string][]byte
	// Fail, when set, is returned by every read: a store that is down.
	Fail error
}

// New returns an empty source.
func New() *Source {
	return &Source{entries: map[int][]members.Entry{}, docs: map[string][]byte{}}
}

// File adds a report as its agency's current version, filed at filedAt.
func (s *Source) File(t testing.TB, r *report.Report, filedAt time.Time) members.Entry {
	t.Helper()
	doc := r.Canonical()
	sum := sha256.Sum256(doc)
	id := registry.ID{Year: r.ReportYear, CreditCode: r.Agency.CreditCode, SHA256: hex.EncodeToString(sum[:])}.String()
	e := members.Entry{ID: id, CreditCode: r.Agency.CreditCode, Name: r.Agency.Name, Region: r.Agency.Region,
		FormatVersion: r.FormatVersion, FiledAt: filedAt, Versions: 1}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[id] = doc
	es := slices.DeleteFunc(s.entries[r.ReportYear], func(x members.Entry) bool { return x.CreditCode == e.CreditCode })
	es = append(es, e)
	slices.SortFunc(es, func(a, b members.Entry) int { return strings.Compare(a.CreditCode, b.CreditCode) })
	s.entries[r.ReportYear] = es
	return e
}

// Corrupt replaces the stored JSON of a filed version.
func (s *Source) Corrupt(id string, doc []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs[id] = doc
}

// Entries lists the year's current reports by credit code.
func (s *Source) Entries(_ context.Context, year int) ([]members.Entry, error) {
	if s.Fail != nil {
		return nil, s.Fail
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.entries[year]), nil
}

// OpenJSON opens a filed version's JSON.
func (s *Source) OpenJSON(_ context.Context, id string) (io.ReadCloser, error) {
	if s.Fail != nil {
		return nil, s.Fail
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	doc, ok := s.docs[id]
	if !ok {
		return nil, fmt.Errorf("%w: %s", registry.ErrNotFound, id)
	}
	return io.NopCloser(bytes.NewReader(doc)), nil
}

// Example returns the 2021 example (testdata/example-2021.json, a 2023
// report) decoded.
func Example(t testing.TB) *report.Report {
	t.Helper()
	r, fs := report.Decode(testkit.Testdata(t, "example-2021.json"))
	if r == nil || report.HasErrors(fs) {
		t.Fatalf("decode the example: %v", fs)
	}
	return r
}

// Agency returns the example as filed by test agency n, named name, in
// region, with every cell multiplied by factor.
func Agency(t testing.TB, n int, name, region string, factor int64) *report.Report {
	t.Helper()
	r := Scaled(Example(t), factor)
	r.Agency = report.Agency{Name: name, CreditCode: reporttest.CreditCode(n), Region: region}
	r.Title = ""
	return r
}

// Scaled returns r with every number multiplied by factor.
func Scaled(r *report.Report, factor int64) *report.Report {
	out := r.Clone()
	for _, c := range out.Layout().Cells() {
		cell, _ := out.Cell(c.Path)
		if cell.State == report.Number {
			cell.Value *= report.Decimal(factor)
			out.SetCell(c.Path, cell)
		}
	}
	// The prose's figures must follow the tables (S4): keep it to words.
	out.Sections.Overview = "本机关" + strconv.Itoa(out.ReportYear) + "年认真贯彻落实政府信息公开条例。"
	out.Sections.Proactive, out.Sections.Requests, out.Sections.ReviewLitigation = "", "", ""
	return out
}
