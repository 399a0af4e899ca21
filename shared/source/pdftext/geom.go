package pdftext

import "math"

// matrix is a PDF transformation [a b c d e f]: a point (x, y) maps to
// (a·x + c·y + e, b·x + d·y + f).
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// then returns m followed by n (PDF's m × n).
func (m matrix) then(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

func translate(x, y float64) matrix { return matrix{1, 0, 0, 1, x, y} }

func finite(m matrix) bool {
	for _, v := range m {
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 1e7 {
			return false
		}
	}
	return true
}

// rect is an axis-aligned rectangle in page display coordinates: points
// from the top-left corner of the page as a viewer shows it, y downwards.
type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) w() float64 { return r.x1 - r.x0 }
func (r rect) h() float64 { return r.y1 - r.y0 }

func (r rect) contains(x, y float64) bool {
	return x >= r.x0 && x <= r.x1 && y >= r.y0 && y <= r.y1
}

func (r rect) union(s rect) rect {
	return rect{min(r.x0, s.x0), min(r.y0, s.y0), max(r.x1, s.x1), max(r.y1, s.y1)}
}

// display maps user space (after the CTM) to display coordinates: the
// visible box's top-left corner is the origin, and /Rotate is applied.
type display struct {
	llx, lly, urx, ury float64
	rotate             int // 0, 90, 180 or 270
}

func (d display) point(x, y float64) (float64, float64) {
	x0, y0 := x-d.llx, d.ury-y
	w, h := d.urx-d.llx, d.ury-d.lly
	switch d.rotate {
	case 90:
		return h - y0, x0
	case 180:
		return w - x0, h - y0
	case 270:
		return y0, w - x0
	}
	return x0, y0
}

// size returns the displayed page's width and height.
func (d display) size() (float64, float64) {
	w, h := d.urx-d.llx, d.ury-d.lly
	if d.rotate == 90 || d.rotate == 270 {
		return h, w
	}
	return w, h
}
