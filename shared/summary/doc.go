// Package summary drafts a supervising office's own report for its area
// (the government's 年报, whose tables summarise every member agency): each
// table cell the exact sum of the members' current reports, a generated
// 总体情况 paragraph with the year's main figures for the office to edit, and
// findings naming the members that are missing, unreadable or in error.
//
// The draft is a report in the public contract. Once the office writes its
// prose it validates and is filed like any other report.
package summary
