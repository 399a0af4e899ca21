// Package agencies tells which agency a published report comes from.
// Published reports rarely print their 统一社会信用代码, so a batch comes
// with a list — an agencies file (机关名称, 统一社会信用代码, 行政区划) or the
// year's roster — and the name a report prints is looked up in it through
// the variations real names show: spaces anywhere, full-width letters and
// brackets, and the name written with or without its region in front
// (西工区教育体育局, 洛阳市西工区教育体育局, 河南省洛阳市西工区教育体育局).
//
// A name that matches no agency, or more than one, is not matched: the
// package never guesses between two. An exact name is preferred over a
// variant, and a region, when the report gives one, may tell candidates
// apart; nothing else does.
package agencies
