// Package roster is a supervising office's list of the agencies expected to
// report for a year (报送名册): each one's name, 统一社会信用代码, 行政区划 and
// 类别, which sets the deadline (条例 第四十九条: departments by 31 January,
// governments by 31 March of the following year, Beijing time).
//
// Save and Load keep it in the bucket at rosters/{year}/roster.json;
// package rosterfile reads it from the CSV or XLSX files offices keep.
package roster
