package check

import (
	"errors"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/shared/testkit"
)

const (
	seed2020    = "seed-2020.json"
	example2021 = "example-2021.json"
)

func TestValidateExamples(t *testing.T) {
	for _, name := range []string{seed2020, example2021} {
		t.Run(name, func(t *testing.T) {
			if err := Validate(testkit.Testdata(t, name)); err != nil {
				t.Errorf("Validate(%s) = %v, want nil", name, err)
			}
		})
	}
}

// TestValidateAccepts covers edits that keep a document valid, so that the
// rejections below are known to come from the edit, not from the schema
// rejecting everything near the boundary.
func TestValidateAccepts(t *testing.T) {
	tests := []struct {
		name  string
		base  string
		edits []edit
	}{
		{"not applicable count", example2021, []edit{set("table3.newReceived.otherOrg", "/")}},
		{"not applicable amount", example2021, []edit{set("table2.art20_8.administrativeFees.feeAmountWanYuan", "/")}},
		{"largest count", example2021, []edit{set("table4.reconsideration.pending", num("1000000000"))}},
		{"count written 2.0", example2021, []edit{set("table4.reconsideration.pending", num("2.0"))}},
		{"amount as number", example2021, []edit{set("table2.art20_8.administrativeFees.feeAmountWanYuan", num("12.5"))}},
		{"amount number with 6 decimals", example2021, []edit{set("table2.art20_8.administrativeFees.feeAmountWanYuan", num("0.000001"))}},
		{"amount number with exponent", example2021, []edit{set("table2.art20_8.administrativeFees.feeAmountWanYuan", num("1.5e3"))}},
		{"largest amount number", example2021, []edit{set("table2.art20_8.administrativeFees.feeAmountWanYuan", num("1000000000000"))}},
		{"amount string with 6 decimals", seed2020, []edit{set("table2.art20_9.centralizedProcurement.procurementTotalAmount", "24252.311082")}},
		{"largest amount string", seed2020, []edit{set("table2.art20_9.centralizedProcurement.procurementTotalAmount", "999999999999.999999")}},
		{"zero amount string", seed2020, []edit{set("table2.art20_9.centralizedProcurement.procurementTotalAmount", "0")}},
		{"negative item change", seed2020, []edit{set("table2.art20_5.licensing.itemCountChange", num("-71"))}},
		{"smallest item change", seed2020, []edit{set("table2.art20_8.administrativeFees.itemCountChange", num("-1000000000"))}},
		{"optional fields absent", example2021, []edit{
			del("agency.region"), del("title"), del("publishedOn"),
			del("sections.proactive"), del("sections.requests"), del("sections.reviewLitigation"),
		}},
		{"leap day", example2021, []edit{set("publishedOn", "2024-02-29")}},
		{"text with leading space", example2021, []edit{set("agency.region", "　浙江省湖州市")}},
		{"two-character name", example2021, []edit{set("agency.name", "某局")}},
		{"longest section", example2021, []edit{set("sections.otherMatters", strings.Repeat("无", 100000))}},
		{"first reporting year", seed2020, []edit{set("reportYear", num("2019"))}},
		{"year with exponent", example2021, []edit{set("reportYear", num("2.023e3"))}},
		{"year 10^40", example2021, []edit{set("reportYear", num("1e40"))}}, // the validator bounds it
		{"count with zeros offsetting exponent", example2021, []edit{set("table4.reconsideration.pending", num("0.00000000000000000000000000000000000000000000000001e50"))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := decodeTree(t, testkit.Testdata(t, tt.base))
			for _, e := range tt.edits {
				e(t, doc)
			}
			data := encodeTree(t, doc)
			if err := Validate(data); err != nil {
				t.Errorf("Validate(%s edited) = %v, want nil", tt.base, err)
			}
			if !decoderBound[tt.name] {
				decoderAgrees(t, data, true)
			}
		})
	}
}

func TestValidateRejects(t *testing.T) {
	tests := []struct {
		name     string
		base     string
		edits    []edit
		wantPath string // dotted location of one expected violation; "" is the root
		wantMsg  string // substring of that violation's message
	}{
		{"unknown top-level field", example2021, []edit{set("comment", "x")}, "", "'comment'"},
		{"unknown cell field", example2021, []edit{set("table3.results.granted.subtotal", num("1"))}, "table3.results.granted", "'subtotal'"},
		{"unknown section", seed2020, []edit{set("sections.preamble", "前言")}, "sections", "'preamble'"},
		{"missing formatVersion", example2021, []edit{del("formatVersion")}, "", "'formatVersion'"},
		{"missing table4", seed2020, []edit{del("table4")}, "", "'table4'"},
		{"missing credit code", example2021, []edit{del("agency.creditCode")}, "agency", "'creditCode'"},
		{"missing overview", example2021, []edit{del("sections.overview")}, "sections", "'overview'"},
		{"missing otherMatters", seed2020, []edit{del("sections.otherMatters")}, "sections", "'otherMatters'"},
		{"missing cell", example2021, []edit{del("table3.carriedToNextYear.total")}, "table3.carriedToNextYear", "'total'"},
		{"missing table4 cell", example2021, []edit{del("table4.litigationDirect.pending")}, "table4.litigationDirect", "'pending'"},
		{"missing refused row", seed2020, []edit{del("table3.results.refused.processInfo")}, "table3.results.refused", "'processInfo'"},
		{"year as string", example2021, []edit{set("reportYear", "2023")}, "reportYear", "want integer"},
		{"year as fraction", example2021, []edit{set("reportYear", num("2023.5"))}, "reportYear", "want integer"},
		{"year before 2019", seed2020, []edit{set("reportYear", num("2018"))}, "reportYear", "minimum"},
		{"unknown format version", example2021, []edit{set("formatVersion", "2020")}, "formatVersion", "2019-trial"},
		{"agency not an object", example2021, []edit{set("agency", "湖州市自然资源和规划局")}, "agency", "want object"},
		{"negative count", example2021, []edit{set("table3.newReceived.naturalPerson", num("-1"))}, "table3.newReceived.naturalPerson", "minimum"},
		{"fractional count", example2021, []edit{set("table3.results.refused.stateSecret.commercialEnterprise", num("1.5"))}, "table3.results.refused.stateSecret.commercialEnterprise", "want integer"},
		{"count too large", example2021, []edit{set("table4.reconsideration.total", num("1000000001"))}, "table4.reconsideration.total", "maximum"},
		{"count as digit string", example2021, []edit{set("table3.newReceived.total", "116")}, "table3.newReceived.total", "want integer"},
		{"count written 无", seed2020, []edit{set("table2.art20_6.coercion.decisions", "无")}, "table2.art20_6.coercion.decisions", `value must be '/'`},
		{"dash for not applicable", seed2020, []edit{set("table2.art20_6.coercion.decisions", "-")}, "table2.art20_6.coercion.decisions", `value must be '/'`},
		{"null count", example2021, []edit{set("table4.litigationDirect.upheld", nil)}, "table4.litigationDirect.upheld", "got null"},
		{"null section", example2021, []edit{set("sections.proactive", nil)}, "sections.proactive", "got null"},
		{"null table", example2021, []edit{set("table3", nil)}, "table3", "got null"},
		{"boolean count", example2021, []edit{set("table3.newReceived.otherOrg", true)}, "table3.newReceived.otherOrg", "got boolean"},
		{"signed count below range", seed2020, []edit{set("table2.art20_5.licensing.itemCountChange", num("-1000000001"))}, "table2.art20_5.licensing.itemCountChange", "minimum"},
		{"fractional signed count", seed2020, []edit{set("table2.art20_6.penalty.itemCountChange", num("-0.5"))}, "table2.art20_6.penalty.itemCountChange", "want integer"},
		{"negative previous item count", seed2020, []edit{set("table2.art20_6.penalty.prevYearItemCount", num("-5"))}, "table2.art20_6.penalty.prevYearItemCount", "minimum"},
		{"empty name", example2021, []edit{set("agency.name", "")}, "agency.name", "minLength"},
		{"one-character name", example2021, []edit{set("agency.name", "局")}, "agency.name", "minLength"},
		{"name too long", example2021, []edit{set("agency.name", strings.Repeat("局", 65))}, "agency.name", "maxLength"},
		{"empty region", example2021, []edit{set("agency.region", "")}, "agency.region", "minLength"},
		{"title too long", example2021, []edit{set("title", strings.Repeat("报", 129))}, "title", "maxLength"},
		{"blank title", example2021, []edit{set("title", " \t")}, "title", "white space"},
		{"empty section", example2021, []edit{set("sections.requests", "")}, "sections.requests", "minLength"},
		{"blank section", example2021, []edit{set("sections.otherMatters", " \n\r\n")}, "sections.otherMatters", "white space"},
		{"ideographic-space section", seed2020, []edit{set("sections.overview", "\u3000\u3000")}, "sections.overview", "white space"},
		{"section too long", example2021, []edit{set("sections.overview", strings.Repeat("无", 100001))}, "sections.overview", "maxLength"},
		{"credit code lower case", example2021, []edit{set("agency.creditCode", "11330500mb1d58273f")}, "agency.creditCode", "does not match pattern"},
		{"credit code with O", example2021, []edit{set("agency.creditCode", "11330500MB1O58273F")}, "agency.creditCode", "does not match pattern"},
		{"credit code 17 characters", example2021, []edit{set("agency.creditCode", "11330500MB1D58273")}, "agency.creditCode", "does not match pattern"},
		{"credit code with newline", example2021, []edit{set("agency.creditCode", "11330500MB1D58273F\n")}, "agency.creditCode", "does not match pattern"},
		{"impossible date", example2021, []edit{set("publishedOn", "2023-02-29")}, "publishedOn", "not valid date"},
		{"unpadded date", example2021, []edit{set("publishedOn", "2024-1-26")}, "publishedOn", "not valid date"},
		{"date with time", example2021, []edit{set("publishedOn", "2024-01-26T09:00:00Z")}, "publishedOn", "not valid date"},
		{"amount string 7 decimals", example2021, []edit{set("table2.art20_8.administrativeFees.feeAmountWanYuan", "1.1234567")}, "table2.art20_8.administrativeFees.feeAmountWanYuan", "does not match pattern"},
		{"amount number 7 decimals", example2021, []edit{set("table2.art20_8.administrativeFees.feeAmountWanYuan", num("0.0000001"))}, "table2.art20_8.administrativeFees.feeAmountWanYuan", "multipleOf"},
		{"amount with leading zero", seed2020, []edit{set("table2.art20_9.centralizedProcurement.procurementTotalAmount", "0768")}, "table2.art20_9.centralizedProcurement.procurementTotalAmount", "does not match pattern"},
		{"amount with unit", seed2020, []edit{set("table2.art20_9.centralizedProcurement.procurementTotalAmount", "768万元")}, "table2.art20_9.centralizedProcurement.procurementTotalAmount", "does not match pattern"},
		{"amount string negative", seed2020, []edit{set("table2.art20_9.centralizedProcurement.procurementTotalAmount", "-1")}, "table2.art20_9.centralizedProcurement.procurementTotalAmount", "does not match pattern"},
		{"amount number negative", example2021, []edit{set("table2.art20_8.administrativeFees.feeAmountWanYuan", num("-0.5"))}, "table2.art20_8.administrativeFees.feeAmountWanYuan", "minimum"},
		{"amount number too large", example2021, []edit{set("table2.art20_8.administrativeFees.feeAmountWanYuan", num("1000000000000.5"))}, "table2.art20_8.administrativeFees.feeAmountWanYuan", "maximum"},
		{"amount string 13 digits", example2021, []edit{set("table2.art20_8.administrativeFees.feeAmountWanYuan", "1000000000000")}, "table2.art20_8.administrativeFees.feeAmountWanYuan", "does not match pattern"},
		{"empty amount", example2021, []edit{set("table2.art20_8.administrativeFees.feeAmountWanYuan", "")}, "table2.art20_8.administrativeFees.feeAmountWanYuan", "does not match pattern"},
		{"2021 document, 2019 table2: extra sub-table", example2021, []edit{graft("table2", seed2020)}, "table2", "'art20_9'"},
		{"2021 document, 2019 table2: 2019 columns", example2021, []edit{graft("table2", seed2020)}, "table2.art20_1.regulations", "'issued'"},
		{"2021 document, 2019 otherHandling", example2021, []edit{graft("table3.results.otherHandling", seed2020)}, "table3.results.otherHandling", "'unsplit'"},
		{"2019 document, 2021 otherHandling", seed2020, []edit{graft("table3.results.otherHandling", example2021)}, "table3.results.otherHandling", "'overdueFee'"},
		{"2019 document, 2021 table2", seed2020, []edit{graft("table2", example2021)}, "table2", "'art20_9'"},
		{"2021 document, 2019 item counts", example2021, []edit{set("table2.art20_5.licensing.prevYearItemCount", num("7"))}, "table2.art20_5.licensing", "'prevYearItemCount'"},
		{"count with huge exponent", example2021, []edit{set("table3.newReceived.otherOrg", num("1e10000000"))}, "table3.newReceived.otherOrg", "number out of range"},
		{"count with 1000 digits", example2021, []edit{set("table3.newReceived.otherOrg", num("1"+strings.Repeat("0", 1000)))}, "table3.newReceived.otherOrg", "number out of range"},
		{"amount with tiny exponent", example2021, []edit{set("table2.art20_8.administrativeFees.feeAmountWanYuan", num("5e-999999999"))}, "table2.art20_8.administrativeFees.feeAmountWanYuan", "number out of range"},
		{"year 10^41", example2021, []edit{set("reportYear", num("1e41"))}, "reportYear", "number out of range"},
		{"huge number in unknown field", example2021, []edit{set("agency.staff", num("1e99999"))}, "agency", "'staff'"},
		{"otherHandling not an object", example2021, []edit{set("table3.results.otherHandling", num("0"))}, "table3.results.otherHandling", "want object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := decodeTree(t, testkit.Testdata(t, tt.base))
			for _, e := range tt.edits {
				e(t, doc)
			}
			data := encodeTree(t, doc)
			decoderAgrees(t, data, false)
			err := Validate(data)
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("Validate(%s edited) = %v, want an error matching ErrInvalid", tt.base, err)
			}
			var serr *Error
			if !errors.As(err, &serr) {
				t.Fatalf("Validate(%s edited) = %T, want *Error", tt.base, err)
			}
			for _, v := range serr.Violations {
				if v.Path() == tt.wantPath && strings.Contains(v.Message, tt.wantMsg) {
					return
				}
			}
			t.Errorf("no violation at %q containing %q; got:\n%s", tt.wantPath, tt.wantMsg, list(serr.Violations))
		})
	}
}

func list(vs []Violation) string {
	var b strings.Builder
	for _, v := range vs {
		b.WriteString("  ")
		b.WriteString(v.String())
		b.WriteByte('\n')
	}
	return b.String()
}

func TestValidateUncheckableInput(t *testing.T) {
	tests := []struct {
		name string
		doc  []byte
		want error
	}{
		{"empty", nil, ErrSyntax},
		{"not JSON", []byte("年报"), ErrSyntax},
		{"truncated", []byte(`{"formatVersion": "2021"`), ErrSyntax},
		{"two values", []byte(`{} {}`), ErrSyntax},
		{"trailing garbage", []byte(`{}x`), ErrSyntax},
		{"not UTF-8", []byte("{\"title\": \"\xff\"}"), ErrSyntax},
		{"too large", make([]byte, MaxDocumentBytes+1), ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(tt.doc)
			if !errors.Is(err, tt.want) {
				t.Errorf("Validate(%.20q) = %v, want %v", tt.doc, err, tt.want)
			}
			if errors.Is(err, ErrInvalid) {
				t.Errorf("Validate(%.20q) = %v, which wrongly matches ErrInvalid", tt.doc, err)
			}
		})
	}
}

func TestViolationLocation(t *testing.T) {
	tests := []struct {
		loc         []string
		path, point string
		str         string
	}{
		{nil, "", "", "(document): m"},
		{[]string{"table3", "newReceived", "total"}, "table3.newReceived.total", "/table3/newReceived/total", "table3.newReceived.total: m"},
		{[]string{"a/b", "c~d"}, "a/b.c~d", "/a~1b/c~0d", "a/b.c~d: m"},
	}
	for _, tt := range tests {
		v := Violation{Location: tt.loc, Message: "m"}
		if got := v.Path(); got != tt.path {
			t.Errorf("Path(%q) = %q, want %q", tt.loc, got, tt.path)
		}
		if got := v.Pointer(); got != tt.point {
			t.Errorf("Pointer(%q) = %q, want %q", tt.loc, got, tt.point)
		}
		if got := v.String(); got != tt.str {
			t.Errorf("String(%q) = %q, want %q", tt.loc, got, tt.str)
		}
	}
}

func TestErrorString(t *testing.T) {
	tests := []struct {
		vs   []Violation
		want string
	}{
		{[]Violation{{Location: []string{"reportYear"}, Message: "m"}}, "report schema: 1 violation: reportYear: m"},
		{[]Violation{{Message: "a"}, {Location: []string{"x"}, Message: "b"}}, "report schema: 2 violations: (document): a; x: b"},
	}
	for _, tt := range tests {
		if got := (&Error{Violations: tt.vs}).Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}
