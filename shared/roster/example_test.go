package roster_test

import (
	"fmt"

	"github.com/nianbao/nianbao/shared/roster"
)

func ExampleCategory_Deadline() {
	fmt.Println(roster.Department.Deadline(2024))
	fmt.Println(roster.Government.DueDate(2024))
	// Output:
	// 2025-02-01 00:00:00 +0800 CST
	// 2025-03-31
}
