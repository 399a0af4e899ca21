package xlsxwrite

import (
	"archive/zip"
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Options are what a workbook declares as a whole.
type Options struct {
	Properties Properties
	// CalcOnLoad asks the spreadsheet to compute every formula when it opens
	// the file, for formulas written without a cached value.
	CalcOnLoad bool
}

// Workbook writes an .xlsx to an io.Writer: sheets one after another, each
// streamed as its rows arrive, then the workbook's own parts at Close.
type Workbook struct {
	zw       *zip.Writer
	part     *bufio.Writer // the part being written
	opt      Options
	sheets   []sheetRef
	cur      *Sheet
	styles   styles
	names    []Name
	nameKeys map[string]bool
	err      error // the first failure to write: every later call returns it
	closed   bool
}

type sheetRef struct {
	name   string
	hidden bool
}

// New starts a workbook written to w.
func New(w io.Writer, opt Options) *Workbook {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, compressor)
	return &Workbook{zw: zw, part: bufio.NewWriterSize(nil, 64<<10), opt: opt}
}

// Style makes a style for cells of this workbook (the same Style twice gives
// the same StyleID).
func (wb *Workbook) Style(s Style) (StyleID, error) {
	id, err := wb.styles.add(s)
	if err != nil {
		return 0, fmt.Errorf("xlsxwrite: style: %w", err)
	}
	return id, nil
}

// AddSheet finishes the sheet being written, if any, and starts the next,
// named name: at most 31 characters, none of : \ / ? * [ ], unique
// ignoring case.
func (wb *Workbook) AddSheet(name string, opt SheetOptions) (*Sheet, error) {
	if wb.err != nil {
		return nil, wb.err
	}
	if wb.closed {
		return nil, ErrClosed
	}
	if err := checkSheetName(name); err != nil {
		return nil, fmt.Errorf("xlsxwrite: %w", err)
	}
	for _, s := range wb.sheets {
		if strings.EqualFold(s.name, name) {
			return nil, fmt.Errorf("xlsxwrite: sheet name %q: taken by sheet %q", name, s.name)
		}
	}
	if err := opt.check(); err != nil {
		return nil, fmt.Errorf("xlsxwrite: sheet %s: %w", name, err)
	}
	if err := wb.finishSheet(); err != nil {
		return nil, err
	}
	selected := !opt.Hidden && wb.activeTab() < 0
	wb.sheets = append(wb.sheets, sheetRef{name: name, hidden: opt.Hidden})
	if err := wb.open("xl/worksheets/sheet" + strconv.Itoa(len(wb.sheets)) + ".xml"); err != nil {
		return nil, err
	}
	s := &Sheet{wb: wb, name: name}
	wb.cur = s
	if err := s.start(opt, selected); err != nil {
		return nil, err
	}
	return s, nil
}

// activeTab is the first visible sheet's index, -1 for none yet.
func (wb *Workbook) activeTab() int {
	for i, s := range wb.sheets {
		if !s.hidden {
			return i
		}
	}
	return -1
}

// open starts a part of the zip. The headers carry no time, so the same
// workbook always has the same bytes.
func (wb *Workbook) open(name string) error {
	if err := wb.flush(); err != nil {
		return err
	}
	f, err := wb.zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
	if err != nil {
		return wb.fail(fmt.Errorf("xlsxwrite: start %s: %w", name, err))
	}
	wb.part.Reset(f)
	return nil
}

func (wb *Workbook) write(b []byte) error {
	if wb.err != nil {
		return wb.err
	}
	if _, err := wb.part.Write(b); err != nil {
		return wb.fail(fmt.Errorf("xlsxwrite: write: %w", err))
	}
	return nil
}

func (wb *Workbook) flush() error {
	if wb.err != nil {
		return wb.err
	}
	if err := wb.part.Flush(); err != nil {
		return wb.fail(fmt.Errorf("xlsxwrite: write: %w", err))
	}
	return nil
}

func (wb *Workbook) fail(err error) error {
	if wb.err == nil {
		wb.err = err
	}
	return wb.err
}

func (wb *Workbook) finishSheet() error {
	if wb.cur == nil {
		return nil
	}
	s := wb.cur
	wb.cur = nil
	return s.finish()
}

// Close finishes the last sheet and writes the workbook's parts: the sheet
// list, defined names, styles and properties. It does not close the
// underlying writer.
func (wb *Workbook) Close() error {
	if wb.closed {
		return wb.err
	}
	if err := wb.finishSheet(); err != nil {
		return err
	}
	wb.closed = true
	if wb.activeTab() < 0 {
		return wb.fail(errors.New("xlsxwrite: a workbook needs a sheet that is not hidden"))
	}
	wbXML, err := wb.workbookXML()
	if err != nil {
		return wb.fail(err)
	}
	core, custom, err := wb.opt.Properties.xml()
	if err != nil {
		return wb.fail(err)
	}
	parts := []struct {
		name string
		body []byte
	}{
		{"xl/workbook.xml", wbXML},
		{"xl/_rels/workbook.xml.rels", wb.workbookRels()},
		{"xl/styles.xml", wb.styles.xml()},
		{"docProps/core.xml", core},
		{"docProps/custom.xml", custom},
		{"_rels/.rels", packageRels(core != nil, custom != nil)},
		{"[Content_Types].xml", wb.contentTypes(core != nil, custom != nil)},
	}
	for _, p := range parts {
		if p.body == nil {
			continue
		}
		if err := wb.open(p.name); err != nil {
			return err
		}
		if err := wb.write(p.body); err != nil {
			return err
		}
	}
	if err := wb.flush(); err != nil {
		return err
	}
	if err := wb.zw.Close(); err != nil {
		return wb.fail(fmt.Errorf("xlsxwrite: finish the zip: %w", err))
	}
	return nil
}

func (wb *Workbook) workbookXML() ([]byte, error) {
	b := []byte(xmlHeader + `<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><bookViews><workbookView`)
	if tab := wb.activeTab(); tab > 0 {
		b = append(b, ` activeTab="`...)
		b = strconv.AppendInt(b, int64(tab), 10)
		b = append(b, '"')
	}
	b = append(b, `/></bookViews><sheets>`...)
	index := map[string]int{}
	for i, s := range wb.sheets {
		index[strings.ToLower(s.name)] = i
		b = append(b, `<sheet name="`...)
		b = appendAttr(b, s.name)
		b = append(b, `" sheetId="`...)
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, '"')
		if s.hidden {
			b = append(b, ` state="hidden"`...)
		}
		b = append(b, ` r:id="rId`...)
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, `"/>`...)
	}
	b = append(b, `</sheets>`...)
	if len(wb.names) > 0 {
		b = append(b, `<definedNames>`...)
		for _, n := range wb.names {
			b = append(b, `<definedName name="`...)
			b = appendAttr(b, n.Name)
			b = append(b, '"')
			if n.Sheet != "" {
				i, ok := index[strings.ToLower(n.Sheet)]
				if !ok {
					return nil, fmt.Errorf("xlsxwrite: defined name %s: no sheet %q", n.Name, n.Sheet)
				}
				b = append(b, ` localSheetId="`...)
				b = strconv.AppendInt(b, int64(i), 10)
				b = append(b, '"')
			}
			b = append(b, '>')
			b = appendText(b, n.RefersTo)
			b = append(b, `</definedName>`...)
		}
		b = append(b, `</definedNames>`...)
	}
	if wb.opt.CalcOnLoad {
		b = append(b, `<calcPr fullCalcOnLoad="1"/>`...)
	}
	return append(b, `</workbook>`...), nil
}

func (wb *Workbook) workbookRels() []byte {
	b := []byte(xmlHeader + `<Relationships xmlns="` + nsPkgRel + `">`)
	for i := range wb.sheets {
		id := strconv.Itoa(i + 1)
		b = append(b, `<Relationship Id="rId`+id+`" Type="`+nsRel+`/worksheet" Target="worksheets/sheet`+id+`.xml"/>`...)
	}
	id := strconv.Itoa(len(wb.sheets) + 1)
	b = append(b, `<Relationship Id="rId`+id+`" Type="`+nsRel+`/styles" Target="styles.xml"/>`...)
	return append(b, `</Relationships>`...)
}

func packageRels(core, custom bool) []byte {
	b := []byte(xmlHeader + `<Relationships xmlns="` + nsPkgRel + `">` +
		`<Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/>`)
	if core {
		b = append(b, `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>`...)
	}
	if custom {
		b = append(b, `<Relationship Id="rId3" Type="`+nsRel+`/custom-properties" Target="docProps/custom.xml"/>`...)
	}
	return append(b, `</Relationships>`...)
}

func (wb *Workbook) contentTypes(core, custom bool) []byte {
	const ct = "application/vnd.openxmlformats-"
	b := []byte(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="` + ct + `package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="` + ct + `officedocument.spreadsheetml.sheet.main+xml"/>`)
	for i := range wb.sheets {
		b = append(b, `<Override PartName="/xl/worksheets/sheet`+strconv.Itoa(i+1)+`.xml" ContentType="`+ct+`officedocument.spreadsheetml.worksheet+xml"/>`...)
	}
	b = append(b, `<Override PartName="/xl/styles.xml" ContentType="`+ct+`officedocument.spreadsheetml.styles+xml"/>`...)
	if core {
		b = append(b, `<Override PartName="/docProps/core.xml" ContentType="`+ct+`package.core-properties+xml"/>`...)
	}
	if custom {
		b = append(b, `<Override PartName="/docProps/custom.xml" ContentType="`+ct+`officedocument.custom-properties+xml"/>`...)
	}
	return append(b, `</Types>`...)
}

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	nsMain    = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRel  = "http://schemas.openxmlformats.org/package/2006/relationships"
)
