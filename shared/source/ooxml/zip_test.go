package ooxml

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"strconv"
	"testing"

	"github.com/nianbao/nianbao/shared/source"
)

type entry struct {
	name string
	data []byte
	// declared, when set, is the uncompressed size the header claims.
	declared uint64
	fast     bool // compress fast (for large tests)
}

func zipOf(t testing.TB, entries ...entry) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, e := range entries {
		var raw bytes.Buffer
		level := flate.BestCompression
		if e.fast {
			level = flate.BestSpeed
		}
		fw, _ := flate.NewWriter(&raw, level)
		_, _ = fw.Write(e.data)
		_ = fw.Close()
		size := uint64(len(e.data))
		if e.declared != 0 {
			size = e.declared
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(e.data),
			CompressedSize64: uint64(raw.Len()), UncompressedSize64: size})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(raw.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func refusal(t *testing.T, err error, code string) {
	t.Helper()
	var refused *source.RefusedError
	if !errors.As(err, &refused) || refused.Code != code {
		t.Fatalf("got %v, want refusal %s", err, code)
	}
	if refused.Reason == "" {
		t.Error("a refusal without a Chinese reason")
	}
}

func TestOpenRefuses(t *testing.T) {
	lim := source.DefaultLimits
	zeros := make([]byte, 20<<20)
	t.Run("a deflate bomb", func(t *testing.T) {
		_, err := Open(zipOf(t, entry{name: "word/document.xml", data: zeros}), lim)
		refusal(t, err, source.InflateLimit)
	})
	t.Run("entries declaring more than the budget together", func(t *testing.T) {
		small := lim
		small.MaxInflated = 1 << 20
		half := bytes.Repeat([]byte("<w:p>文字</w:p>"), 40_000) // ~600 KB, compresses ~100×
		_, err := Open(zipOf(t, entry{name: "a.xml", data: half}, entry{name: "b.xml", data: half}), small)
		refusal(t, err, source.InflateLimit)
	})
	t.Run("too many entries", func(t *testing.T) {
		var es []entry
		for i := range lim.MaxEntries + 1 {
			es = append(es, entry{name: "p" + strconv.Itoa(i)})
		}
		_, err := Open(zipOf(t, es...), lim)
		refusal(t, err, source.InflateLimit)
	})
	t.Run("not a zip", func(t *testing.T) {
		_, err := Open([]byte("PK\x03\x04 not really"), lim)
		refusal(t, err, source.Malformed)
	})
	t.Run("an entry that inflates past its declared size", func(t *testing.T) {
		p, err := Open(zipOf(t, entry{name: "word/document.xml", data: bytes.Repeat([]byte("x"), 100_000), declared: 100}), lim)
		if err != nil {
			t.Fatal(err)
		}
		_, err = p.Decoder("word/document.xml")
		refusal(t, err, source.Malformed)
		rc, err := p.OpenPart("word/document.xml")
		if err != nil {
			t.Fatal(err)
		}
		n, err := io.Copy(io.Discard, rc)
		if err == nil || n > 100 {
			t.Fatalf("read %d bytes, err %v; want an error within the declared 100", n, err)
		}
	})
	t.Run("an XML part past MaxPart", func(t *testing.T) {
		big := make([]byte, MaxPart+1) // digits that compress as little as text
		x := uint32(1)
		for i := range big {
			x = x*1664525 + 1013904223
			big[i] = '0' + byte(x>>24)%10
		}
		p, err := Open(zipOf(t, entry{name: "word/document.xml", data: big, fast: true}), lim)
		if err != nil {
			t.Fatal(err)
		}
		_, err = p.Decoder("word/document.xml")
		refusal(t, err, source.TooComplex)
	})
}

func TestRelsAndProperties(t *testing.T) {
	data := zipOf(t,
		entry{name: "_rels/.rels", data: []byte(`<Relationships xmlns="r"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/xl/workbook.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>` +
			`<Relationship Id="rId4" Type="http://x/hyperlink" Target="http://example.invalid/" TargetMode="External"/></Relationships>`)},
		entry{name: "xl/workbook.xml", data: []byte(`<workbook/>`)},
		entry{name: "docProps/core.xml", data: []byte(`<cp:coreProperties xmlns:cp="c" xmlns:dc="d"><dc:title> 某局年报 </dc:title></cp:coreProperties>`)},
		entry{name: "docProps/custom.xml", data: []byte(`<Properties><property name="nianbao.formatVersion" pid="2"><vt:lpwstr>2021</vt:lpwstr></property></Properties>`)},
	)
	p, err := Open(data, source.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	main, err := p.MainPart()
	if err != nil || main != "xl/workbook.xml" {
		t.Fatalf("MainPart = %q, %v; want xl/workbook.xml (strict relationship type, absolute target)", main, err)
	}
	title, custom, err := p.Properties()
	if err != nil || title != "某局年报" || custom["nianbao.formatVersion"] != "2021" {
		t.Fatalf("Properties = %q, %v, %v", title, custom, err)
	}
	if got := Resolve("word/document.xml", "../media/a.png"); got != "media/a.png" {
		t.Errorf("Resolve = %q, want media/a.png", got)
	}
}
