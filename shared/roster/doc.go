// Package roster is a supervising office's list of the agencies expected to
// report for a year (报送名册): its name, 统一社会信用代码, 行政区划 and 类别,
// which sets the deadline (条例 第四十九条: departments by 31 January,
// governments by 31 March of the following year, Beijing time).
//
// Offices keep the list in Excel or WPS; Parse reads it as CSV (UTF-8 with
// or without BOM, GB18030, UTF-16 "Unicode text") or XLSX, checks every
// row and names each problem by row and column. Save and Load keep it in the
// bucket at rosters/{year}/roster.json.
package roster
