package bag_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/nianbao/nianbao/shared/bag"
)

func Example() {
	var zipped bytes.Buffer
	w := bag.NewWriter(&zipped, bag.Info{
		Name:               "nianbao-2020-410000",
		SourceOrganization: "河南省人民政府办公厅",
		ExternalIdentifier: "nianbao:2020:410000",
		Date:               time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC),
	})
	pdf, json := "%PDF-1.7 …", `{"reportYear":2020}`
	ctx := context.Background()
	if err := w.Add(ctx, "11410303MB0000001X/2020/report.pdf", int64(len(pdf)), strings.NewReader(pdf)); err != nil {
		log.Fatal(err)
	}
	if err := w.Add(ctx, "11410303MB0000001X/2020/report.json", int64(len(json)), strings.NewReader(json)); err != nil {
		log.Fatal(err)
	}
	sum, err := w.Close()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("Payload-Oxum:", sum.PayloadOxum)

	rep, err := bag.Verify(bytes.NewReader(zipped.Bytes()), int64(zipped.Len()))
	fmt.Println("valid:", err == nil, "payload files:", rep.PayloadFiles)
	// Output:
	// Payload-Oxum: 290.3
	// valid: true payload files: 3
}
