package summary

import (
	"github.com/nianbao/nianbao/shared/members"
	"github.com/nianbao/nianbao/shared/report"
)

// scope is who the summary covers: the members that filed, and those that
// did not.
type scope struct {
	filed   []members.Entry
	missing []members.Agency
}

// resolve finds the request's members among the year's agencies (the
// roster's and those that filed) and refuses what cannot be summed.
func resolve(req Request, year int, agencies []members.Agency) (scope, error) {
	var chosen []members.Agency
	if req.Region != "" {
		for _, a := range members.InRegion(agencies, req.Region) {
			if a.CreditCode != req.Agency.CreditCode { // the office's own report is this summary
				chosen = append(chosen, a)
			}
		}
		if len(chosen) == 0 {
			return scope{}, refuse(ReasonNoMembers, "行政区划“"+req.Region+"”下没有任何机关：名册和已报送的年报中都没有")
		}
	} else {
		byCode := make(map[string]members.Agency, len(agencies))
		for _, a := range agencies {
			byCode[a.CreditCode] = a
		}
		var unknown []string
		for _, cc := range req.Members {
			a, ok := byCode[cc]
			if !ok {
				unknown = append(unknown, cc)
				continue
			}
			chosen = append(chosen, a)
		}
		if len(unknown) > 0 {
			return scope{}, refuse(ReasonUnknown, "以下成员既不在本年度名册中，也没有报送本年度年报："+listNames(unknown), unknown...)
		}
	}
	var s scope
	want := report.VersionForYear(year)
	var mixed, mixedNames []string
	for _, a := range chosen {
		switch {
		case a.Entry == nil:
			s.missing = append(s.missing, a)
		case a.Entry.FormatVersion != want:
			mixed = append(mixed, a.CreditCode)
			mixedNames = append(mixedNames, a.Name+"（"+a.Entry.FormatVersion.Label()+"）")
		default:
			s.filed = append(s.filed, *a.Entry)
		}
	}
	if len(mixed) > 0 {
		return scope{}, refuse(ReasonMixedFormat, itoa(year)+" 年度的汇总按"+want.Label()+"相加，以下成员的年报使用了其他格式，不能逐格相加："+
			listNames(mixedNames)+"。请这些机关按"+want.Label()+"重新报送，或把它们移出成员", mixed...)
	}
	if len(s.filed) == 0 {
		return scope{}, refuse(ReasonNoneFiled, "所选的 "+itoa(len(chosen))+" 个成员都还没有报送本年度年报，无法汇总")
	}
	return s, nil
}
