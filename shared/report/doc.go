// Package report is the data model of a 政府信息公开工作年度报告 (annual government
// information-disclosure report) in both national formats, with the strict decoder
// and the canonical encoder of its public JSON contract.
//
// The layout of each format version (every table cell, its path and the labels the
// national format prints) is described once, in this package, as data: the decoder,
// the validator, the renderer and the filing form all read the same description.
package report
