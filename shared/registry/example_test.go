package registry_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/nianbao/nianbao/shared/registry"
	"github.com/nianbao/nianbao/shared/render"
	"github.com/nianbao/nianbao/shared/store/fsstore"
)

// Filing a report and finding it again in the year's listing; a service
// without a renderer reads everything but cannot file.
func ExampleService_List() {
	dir, _ := os.MkdirTemp("", "registry-example")
	defer os.RemoveAll(dir)
	st, _ := fsstore.New(dir)
	rnd, _ := render.New()
	ctx := context.Background()

	seed, _ := os.ReadFile("../../testdata/seed-2020.json")
	receipt, err := registry.New(st, rnd).Submit(ctx, seed)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("filed", receipt.CreditCode, receipt.Year, "with", len(receipt.Warnings), "warnings")

	reader := registry.New(st, nil) // the index function: no fonts to load
	page, _ := reader.List(ctx, registry.Filter{Year: 2020, Query: "教育"})
	for _, it := range page.Items {
		fmt.Println(it.AgencyName, it.Year, "versions:", it.Versions, "skipped:", page.Skipped)
	}
	_, err = reader.Submit(ctx, seed)
	fmt.Println(errors.Is(err, registry.ErrNoRenderer))
	// Output:
	// filed 11410303MB0000001X 2020 with 4 warnings
	// 西工区教育体育局 2020 versions: 1 skipped: 0
	// true
}
