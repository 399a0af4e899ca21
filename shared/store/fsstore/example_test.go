package fsstore_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/nianbao/nianbao/shared/store"
	"github.com/nianbao/nianbao/shared/store/fsstore"
)

func Example() {
	dir, err := os.MkdirTemp("", "fsstore-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	s, err := fsstore.New(dir)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	// Create-only: a second create of the same key loses.
	key := "reports/2020/西工区教育体育局.json"
	info, err := s.Put(ctx, key, []byte(`{"reportYear":2020}`), store.PutOptions{ContentType: "application/json", IfNoneMatch: true})
	if err != nil {
		log.Fatal(err)
	}
	_, err = s.Put(ctx, key, []byte(`{}`), store.PutOptions{IfNoneMatch: true})
	fmt.Println("second create:", errors.Is(err, store.ErrPreconditionFailed))

	// Compare-and-swap with the ETag from the first write.
	if _, err := s.Put(ctx, key, []byte(`{"reportYear":2021}`), store.PutOptions{ContentType: "application/json", IfMatch: info.ETag}); err != nil {
		log.Fatal(err)
	}
	_, err = s.Put(ctx, key, []byte(`{}`), store.PutOptions{IfMatch: info.ETag})
	fmt.Println("stale swap:", errors.Is(err, store.ErrPreconditionFailed))

	rc, got, err := s.Get(ctx, key)
	if err != nil {
		log.Fatal(err)
	}
	defer rc.Close()
	body, err := io.ReadAll(rc) // verifies the SHA-256 at the end
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(body), got.ContentType, got.Size)

	list, err := s.List(ctx, "reports/", "", 10)
	if err != nil {
		log.Fatal(err)
	}
	for _, o := range list {
		fmt.Println(o.Key)
	}
	// Output:
	// second create: true
	// stale swap: true
	// {"reportYear":2021} application/json 19
	// reports/2020/西工区教育体育局.json
}
