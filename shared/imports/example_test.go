package imports_test

import (
	"context"
	"fmt"
	"os"

	"github.com/nianbao/nianbao/shared/imports"
	"github.com/nianbao/nianbao/shared/store/fsstore"
)

// A report the inbox could not file waits for a person; the review page
// lists it, and filing it from the form marks it filed.
func ExampleQueue() {
	dir, _ := os.MkdirTemp("", "imports-example")
	defer os.RemoveAll(dir)
	st, _ := fsstore.New(dir)
	q := imports.New(st)
	ctx := context.Background()

	sha := "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	e := imports.Entry{Year: 2020, SHA256: sha, Name: "inbox/2020/民政局年报.pdf", Kind: "pdf", State: imports.Review,
		Reasons: []imports.Reason{{Code: imports.AgencyUnknown, Message: "机关名单中没有“西工区民政局”，请补填统一社会信用代码"}}}
	if _, err := q.Save(ctx, &e, ""); err != nil {
		fmt.Println(err)
		return
	}
	l, _ := q.List(ctx, 2020)
	for _, s := range l.Entries {
		fmt.Println(s.Name, s.State.Label(), s.Reasons[0].Message)
	}
	filed, _ := q.MarkFiled(ctx, 2020, sha, "2020-11410303MB0000009N-"+sha)
	fmt.Println(filed.Ref() == "2020/"+sha, filed.State.Label(), filed.FiledBy)
	// Output:
	// inbox/2020/民政局年报.pdf 待人工处理 机关名单中没有“西工区民政局”，请补填统一社会信用代码
	// true 已归档 form
}
