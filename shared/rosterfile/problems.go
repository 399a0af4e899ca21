package rosterfile

import (
	"fmt"

	"github.com/nianbao/nianbao/shared/roster"
)

// problems collects a file's problems up to MaxProblems.
type problems struct{ roster.InvalidError }

func (p *problems) add(row int, column, format string, args ...any) {
	if len(p.Problems) == roster.MaxProblems {
		p.Omitted++
		return
	}
	msg := fmt.Sprintf(format, args...)
	switch {
	case row > 0 && column != "":
		msg = fmt.Sprintf("第 %d 行“%s”列：%s", row, column, msg)
	case row > 0:
		msg = fmt.Sprintf("第 %d 行：%s", row, msg)
	}
	p.Problems = append(p.Problems, roster.Problem{Row: row, Column: column, Message: msg})
}

func (p *problems) err() error {
	if len(p.Problems) == 0 {
		return nil
	}
	e := p.InvalidError
	return &e
}

// whole refuses a file with one problem about the whole of it.
func whole(format string, args ...any) error {
	var p problems
	p.add(0, "", format, args...)
	return p.err()
}
