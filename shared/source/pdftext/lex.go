package pdftext

import (
	"bytes"
	"strconv"
)

// A content stream is a flat sequence of operands followed by an operator.
// The lexer below reads only that: numbers, names, strings, arrays and
// dictionaries as operands (BDC's properties), and keywords as operators.
// Inline images (BI … ID data EI) are skipped whole.

type kind uint8

const (
	kNum kind = iota + 1
	kName
	kStr
	kArray
	kDict
	kBool
	kNull
)

// operand is one operand of a content-stream operator.
type operand struct {
	kind kind
	num  float64
	str  string // name (without '/') or string bytes
	arr  []operand
	dict map[string]operand
}

// maxNest bounds arrays and dictionaries inside a content stream: TJ arrays
// are flat and BDC dictionaries shallow, so anything deeper is hostile.
const maxNest = 32

// maxOperands bounds the operand stack of a content stream: no operator
// takes more than six operands (a TJ array is one). CMaps list up to 100
// entries per block and get a larger stack (cmapOperands).
const (
	maxOperands  = 64
	cmapOperands = 4096
)

type lexer struct {
	b       []byte
	pos     int
	maxArgs int // operands kept before an operator; 0 is maxOperands
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *lexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		switch {
		case isSpace(c):
			l.pos++
		case c == '%':
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
		default:
			return
		}
	}
}

// next returns the next operator with its operands; ok is false at the end.
// Malformed bytes are skipped rather than refused: a viewer draws what it can.
func (l *lexer) next(ops []operand) (op string, args []operand, ok bool) {
	args = ops[:0]
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return "", args, false
		}
		c := l.b[l.pos]
		if isRegular(c) && !isNumStart(c) {
			kw := l.keyword()
			switch kw {
			case "true", "false":
				args = push(args, operand{kind: kBool, num: b2f(kw == "true")}, l.maxArgs)
				continue
			case "null":
				args = push(args, operand{kind: kNull}, l.maxArgs)
				continue
			case "BI":
				l.skipInlineImage()
				return kw, args[:0], true
			}
			return kw, args, true
		}
		o, good := l.operand(0)
		if !good {
			l.pos++ // a stray delimiter
			continue
		}
		args = push(args, o, l.maxArgs)
	}
}

func push(args []operand, o operand, limit int) []operand {
	if limit == 0 {
		limit = maxOperands
	}
	if len(args) >= limit {
		copy(args, args[1:])
		args = args[:len(args)-1]
	}
	return append(args, o)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func isRegular(c byte) bool { return !isSpace(c) && !isDelim(c) }

func isNumStart(c byte) bool { return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' }

func (l *lexer) keyword() string {
	start := l.pos
	for l.pos < len(l.b) && isRegular(l.b[l.pos]) {
		l.pos++
	}
	return string(l.b[start:l.pos])
}

// operand reads one operand at l.pos.
func (l *lexer) operand(depth int) (operand, bool) {
	if depth > maxNest {
		return operand{}, false
	}
	l.skipSpace()
	if l.pos >= len(l.b) {
		return operand{}, false
	}
	c := l.b[l.pos]
	switch {
	case isNumStart(c):
		start := l.pos
		l.pos++
		for l.pos < len(l.b) && isRegular(l.b[l.pos]) {
			l.pos++
		}
		f, err := strconv.ParseFloat(string(l.b[start:l.pos]), 64)
		if err != nil {
			f = lenientNumber(l.b[start:l.pos])
		}
		return operand{kind: kNum, num: f}, true
	case c == '/':
		l.pos++
		return operand{kind: kName, str: l.name()}, true
	case c == '(':
		l.pos++
		return operand{kind: kStr, str: l.literal()}, true
	case c == '<' && l.pos+1 < len(l.b) && l.b[l.pos+1] == '<':
		l.pos += 2
		return l.dict(depth)
	case c == '<':
		l.pos++
		return operand{kind: kStr, str: l.hex()}, true
	case c == '[':
		l.pos++
		var arr []operand
		for {
			l.skipSpace()
			if l.pos >= len(l.b) {
				return operand{kind: kArray, arr: arr}, true
			}
			if l.b[l.pos] == ']' {
				l.pos++
				return operand{kind: kArray, arr: arr}, true
			}
			if isRegular(l.b[l.pos]) && !isNumStart(l.b[l.pos]) {
				l.keyword() // true, false, null or junk inside an array
				continue
			}
			o, ok := l.operand(depth + 1)
			if !ok {
				l.pos++
				continue
			}
			if len(arr) < 1<<16 {
				arr = append(arr, o)
			}
		}
	}
	return operand{}, false
}

// lenientNumber reads numbers such as "--5" or "1.2.3" the way viewers do:
// as much of a number as the prefix gives, else 0.
func lenientNumber(b []byte) float64 {
	b = bytes.TrimLeft(b, "+-")
	end := 0
	dot := false
	for end < len(b) && (b[end] >= '0' && b[end] <= '9' || b[end] == '.' && !dot) {
		dot = dot || b[end] == '.'
		end++
	}
	f, _ := strconv.ParseFloat(string(b[:end]), 64)
	return f
}

func (l *lexer) dict(depth int) (operand, bool) {
	d := map[string]operand{}
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return operand{kind: kDict, dict: d}, true
		}
		if l.b[l.pos] == '>' {
			l.pos++
			if l.pos < len(l.b) && l.b[l.pos] == '>' {
				l.pos++
			}
			return operand{kind: kDict, dict: d}, true
		}
		if l.b[l.pos] != '/' {
			if _, ok := l.operand(depth + 1); !ok {
				l.pos++
			}
			continue
		}
		l.pos++
		key := l.name()
		v, ok := l.operand(depth + 1)
		if !ok {
			if isRegular(l.peek()) {
				l.keyword()
			}
			continue
		}
		if len(d) < 256 {
			d[key] = v
		}
	}
}

func (l *lexer) peek() byte {
	if l.pos < len(l.b) {
		return l.b[l.pos]
	}
	return ' '
}

func (l *lexer) name() string {
	var sb []byte
	for l.pos < len(l.b) && isRegular(l.b[l.pos]) {
		c := l.b[l.pos]
		if c == '#' && l.pos+2 < len(l.b) {
			if v, err := strconv.ParseUint(string(l.b[l.pos+1:l.pos+3]), 16, 8); err == nil {
				sb = append(sb, byte(v))
				l.pos += 3
				continue
			}
		}
		sb = append(sb, c)
		l.pos++
	}
	return string(sb)
}

// literal reads a (string) after its '(' with the escapes of PDF 7.3.4.2.
func (l *lexer) literal() string {
	var out []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			if depth--; depth == 0 {
				return string(out)
			}
		case '\\':
			if l.pos >= len(l.b) {
				return string(out)
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for i := 0; i < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; i++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return string(out)
}

func (l *lexer) hex() string {
	var out []byte
	var hi byte
	half := false
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		var v byte
		switch {
		case c == '>':
			if half {
				out = append(out, hi<<4)
			}
			return string(out)
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if half {
			out = append(out, hi<<4|v)
		} else {
			hi = v
		}
		half = !half
	}
	return string(out)
}

// skipInlineImage skips an inline image's dictionary and data up to EI,
// which must stand alone between white space.
func (l *lexer) skipInlineImage() {
	i := bytes.Index(l.b[l.pos:], []byte("ID"))
	if i < 0 {
		l.pos = len(l.b)
		return
	}
	l.pos += i + 2
	for {
		j := bytes.Index(l.b[l.pos:], []byte("EI"))
		if j < 0 {
			l.pos = len(l.b)
			return
		}
		at := l.pos + j
		l.pos = at + 2
		if at > 0 && isSpace(l.b[at-1]) && (l.pos >= len(l.b) || isSpace(l.b[l.pos])) {
			return
		}
	}
}
