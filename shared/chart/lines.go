package chart

// Lines is a line chart over a few points (the years on file), one line
// per series, each point marked and labelled with its value.
type Lines struct {
	ID     string // unique on the page: the SVG's title and description ids start with it
	Title  string
	Desc   string
	X      []string // the points' labels, e.g. 2021 2022 2023
	Series []Series
	Unit   string
}

const plotHeight = 220.0

// SVG draws the chart.
func (c Lines) SVG() string {
	var peak int64
	for _, se := range c.Series {
		for _, v := range se.Values {
			peak = max(peak, v)
		}
	}
	legend := lineHeight * float64(1+legendRows(c.Series))
	height := int(margin + legend + plotHeight + 2*lineHeight)
	var s svg
	s.open(c.ID, c.Title, c.Desc, height)
	s.legend(c.Series, margin, margin+12)
	left, right := 56.0, float64(width-margin-24)
	top := margin + legend + 8
	bottom := top + plotHeight
	// Axis with the peak and zero marked.
	s.line(left, top, left, bottom, "#59636e", 1)
	s.line(left, bottom, right, bottom, "#59636e", 1)
	s.text(left-6, bottom+4, "end", "#59636e", "0")
	s.text(left-6, top+4, "end", "#59636e", Group(peak))
	s.line(left, top, right, top, "#d0d7de", 1)
	n := len(c.X)
	xOf := func(i int) float64 {
		if n == 1 {
			return (left + right) / 2
		}
		return left + 20 + (right-left-40)*float64(i)/float64(n-1)
	}
	yOf := func(v int64) float64 {
		if peak == 0 {
			return bottom
		}
		return bottom - plotHeight*float64(max(v, 0))/float64(peak)
	}
	for i, x := range c.X {
		s.text(xOf(i), bottom+lineHeight, "middle", "", x)
	}
	for k, se := range c.Series {
		colour := Palette[k%len(Palette)]
		var d []byte
		for i := 0; i < n && i < len(se.Values); i++ {
			cmd := " L"
			if i == 0 {
				cmd = "M"
			}
			d = append(d, cmd+num(xOf(i))+" "+num(yOf(se.Values[i]))...)
		}
		if len(d) > 0 {
			s.b.WriteString(`<path d="` + string(d) + `" fill="none" stroke="` + colour + `" stroke-width="2"/>`)
		}
		for i := 0; i < n && i < len(se.Values); i++ {
			x, y := xOf(i), yOf(se.Values[i])
			s.b.WriteString(`<circle cx="` + num(x) + `" cy="` + num(y) + `" r="4" fill="` + colour + `"><title>` +
				esc(c.X[i]+" "+se.Name+"："+Group(se.Values[i])+c.Unit) + `</title></circle>`)
			s.text(x, y-8, "middle", "", Group(se.Values[i]))
		}
	}
	return s.close()
}
