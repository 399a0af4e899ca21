package chart

// Bars is a horizontal bar chart: one bar per label, made of one segment
// per series (stacked), with each bar's total written at its end. Long
// labels are shortened; the page's table gives them whole.
type Bars struct {
	ID     string // unique on the page: the SVG's title and description ids start with it
	Title  string
	Desc   string
	Labels []string
	Series []Series // Values[i] belongs to Labels[i]; values below zero count as zero
	Unit   string   // written after each total, e.g. 件
}

const (
	labelWidth = 150.0
	barHeight  = 16.0
)

// SVG draws the chart.
func (c Bars) SVG() string {
	totals := make([]int64, len(c.Labels))
	var peak int64
	for i := range c.Labels {
		for _, se := range c.Series {
			if i < len(se.Values) && se.Values[i] > 0 {
				totals[i] += se.Values[i]
			}
		}
		peak = max(peak, totals[i])
	}
	legend := 0.0
	if len(c.Series) > 1 {
		legend = lineHeight * float64(1+legendRows(c.Series))
	}
	height := int(margin*2 + legend + float64(len(c.Labels))*lineHeight)
	var s svg
	s.open(c.ID, c.Title, c.Desc, max(height, lineHeight+2*margin))
	if len(c.Series) > 1 {
		s.legend(c.Series, margin, margin+12)
	}
	// Room for the longest total at the end of the longest bar.
	valueRoom := textWidth(Group(peak)+c.Unit) + 8
	plot := width - margin - labelWidth - valueRoom
	top := margin + legend
	for i, label := range c.Labels {
		y := top + float64(i)*lineHeight
		s.text(labelWidth-6, y+barHeight-3, "end", "", fit(label, labelWidth-margin-6))
		x := labelWidth
		for k, se := range c.Series {
			if i >= len(se.Values) || se.Values[i] <= 0 || peak == 0 {
				continue
			}
			w := plot * float64(se.Values[i]) / float64(peak)
			s.rect(x, y+2, w, barHeight-2, Palette[k%len(Palette)], label+" "+se.Name+"："+Group(se.Values[i])+c.Unit)
			x += w
		}
		s.text(x+4, y+barHeight-3, "", "", Group(totals[i])+c.Unit)
	}
	s.line(labelWidth, top, labelWidth, top+float64(len(c.Labels))*lineHeight, "#59636e", 1)
	return s.close()
}

// legendRows is how many rows the legend wraps onto, less one.
func legendRows(series []Series) int {
	rows, x := 0, float64(margin)
	for _, se := range series {
		w := 16 + textWidth(se.Name) + 16
		if x+w > width-margin && x > margin {
			rows++
			x = margin
		}
		x += w
	}
	return rows
}
