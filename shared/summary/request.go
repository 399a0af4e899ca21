package summary

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/nianbao/nianbao/shared/report"
	"github.com/nianbao/nianbao/shared/roster"
)

// Request asks for a summary: the office's own agency, and either the
// members' credit codes or a region whose every agency is a member.
type Request struct {
	Agency  Agency   `json:"agency"`
	Members []string `json:"members,omitempty"`
	Region  string   `json:"region,omitempty"`
}

// Agency is the office's government, the draft's filing body.
type Agency struct {
	Name       string `json:"name"`
	CreditCode string `json:"creditCode"`
	Region     string `json:"region,omitempty"`
}

// MaxRequestBytes bounds a request: roster.MaxAgencies credit codes.
const MaxRequestBytes = 1 << 20

// DecodeRequest reads a request strictly: unknown fields, trailing data and
// bad values are refused with a Chinese message naming the field.
func DecodeRequest(data []byte) (Request, error) {
	var r Request
	if len(data) > MaxRequestBytes {
		return r, refuse(ReasonBadRequest, "请求不能超过 1 MiB")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return r, refuse(ReasonBadRequest, "请求不是有效的 JSON，或含有未知字段："+jsonReason(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return r, refuse(ReasonBadRequest, "请求 JSON 之后还有多余内容")
	}
	return r, r.check()
}

func jsonReason(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return "字段 " + te.Field + " 的类型不对"
	}
	return clip(err.Error())
}

func (r *Request) check() error {
	a := r.Agency
	if n := utf8.RuneCountInString(a.Name); n < 2 || n > 64 {
		return refuse(ReasonBadRequest, "agency.name（本机关名称）应为 2–64 个字")
	}
	if !report.ValidCreditCode(a.CreditCode) {
		return refuse(ReasonBadRequest, "agency.creditCode（本机关统一社会信用代码）无效")
	}
	if utf8.RuneCountInString(a.Region) > 64 || utf8.RuneCountInString(r.Region) > 64 {
		return refuse(ReasonBadRequest, "行政区划不能超过 64 个字")
	}
	switch {
	case len(r.Members) > 0 && r.Region != "":
		return refuse(ReasonBadRequest, "members 与 region 只能给出其一")
	case r.Members == nil && r.Region == "":
		return refuse(ReasonBadRequest, "请给出 members（成员机关的统一社会信用代码）或 region（行政区划）")
	case r.Members != nil && len(r.Members) == 0:
		return refuse(ReasonNoMembers, "members 为空：汇总至少需要一个成员机关")
	case len(r.Members) > roster.MaxAgencies:
		return refuse(ReasonBadRequest, fmt.Sprintf("members 不能超过 %d 个", roster.MaxAgencies))
	}
	seen := map[string]int{}
	for i, cc := range r.Members {
		if !report.ValidCreditCode(cc) {
			return refuse(ReasonBadRequest, "members 第 "+strconv.Itoa(i+1)+" 项“"+clip(cc)+"”不是有效的统一社会信用代码")
		}
		if j, dup := seen[cc]; dup {
			return refuse(ReasonBadRequest, fmt.Sprintf("members 第 %d 项与第 %d 项重复：%s", i+1, j+1, cc))
		}
		if cc == a.CreditCode {
			return refuse(ReasonBadRequest, "members 含有本机关自己（"+cc+"）：汇总的是成员机关的年报，本机关的年报就是这份汇总")
		}
		seen[cc] = i
	}
	return nil
}

// clip shortens what a client sent before it goes into a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 24 {
		return s
	}
	return string([]rune(s)[:24]) + "…"
}

func itoa(n int) string { return strconv.Itoa(n) }
