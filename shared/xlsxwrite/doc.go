// Package xlsxwrite writes SpreadsheetML workbooks (.xlsx, ECMA-376
// transitional) as Excel, WPS and LibreOffice read them: several sheets (any
// of them hidden), text, numbers written as numbers, formulas with cached
// values, merged ranges, workbook- and sheet-scoped defined names, column
// widths, row heights, frozen panes, a few styles (bold, size, wrap,
// alignment, a thin border, a solid fill, a number format, unlocked cells),
// and core and custom document properties. It is what nianbao's fillable
// templates (shared/template) and the office's Excel export (shared/export)
// need, and no more.
//
// Rows are streamed: each sheet is written into the zip as its rows arrive,
// through one buffer, and only its merged ranges are kept until the sheet
// ends; sheets are written one after another. Text is written inline in its
// cell (t="inlineStr") rather than in a shared-strings table, so that a
// workbook of any number of rows needs no table of every distinct string,
// and nothing of a sheet is held after its rows are written. Excel, WPS and
// LibreOffice read inline strings (Apache POI's streaming writer, behind
// most exports of Chinese government systems, writes them too), and turn
// them into shared strings when they save; the project's reader
// (shared/source/xlsx) reads both. Deflate absorbs the repetition that a
// shared table would have saved.
//
// Numbers are written as the caller spells them (Number("326.58"), as
// report.Decimal prints): exactly the decimal the report holds, which a
// spreadsheet reads as the nearest double — exact to 15 significant
// digits. Nothing goes through float64 here.
//
// The same calls give the same bytes: no timestamps in the zip, parts in a
// fixed order, styles and names in the order they were made. A Workbook is
// not safe for concurrent use.
//
// It replaces github.com/xuri/excelize/v2 in the programs: excelize's
// package initialisation alone (27 regular expressions and large tables)
// cost every process that linked it about 5 ms and 21,000 allocations at
// start, and its streamed sheets were buffered whole (in memory, in a
// temporary file past 16 MiB) to be copied into the zip at the end.
package xlsxwrite
