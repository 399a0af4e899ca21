package webpage

import (
	"strings"

	"github.com/nianbao/nianbao/shared/source"
)

// articleShare is the share of the page's text a container must hold for
// the article to be looked for inside it.
const articleShare = 0.8

// document keeps the blocks of the article: starting from the page, it
// descends into the child container holding most of the text for as long
// as that child holds nearly all of it. Navigation and footers hold links
// and little prose; the article holds the report.
func (p *parser) document() *source.Document {
	for _, b := range p.out {
		for c := b.container; c >= 0; c = p.containers[c].parent {
			p.containers[c].weight += b.weight
		}
	}
	children := make([][]int, len(p.containers))
	for i, c := range p.containers {
		if c.parent >= 0 {
			children[c.parent] = append(children[c.parent], i)
		}
	}
	article := 0
	for {
		best := -1
		for _, k := range children[article] {
			if best < 0 || p.containers[k].weight > p.containers[best].weight {
				best = k
			}
		}
		if best < 0 || float64(p.containers[best].weight) < articleShare*float64(p.containers[article].weight) {
			break
		}
		article = best
	}
	doc := &source.Document{Kind: source.HTML, Meta: p.meta}
	doc.Title = strings.Join(strings.Fields(p.title.String()), " ")
	if p.firstH != "" && strings.Contains(p.firstH, "报告") && !strings.Contains(doc.Title, "报告") {
		doc.Title = p.firstH
	}
	for _, b := range p.out {
		if within(p.containers, b.container, article) {
			doc.Blocks = append(doc.Blocks, b.block)
		}
	}
	return doc
}

func within(cs []container, c, ancestor int) bool {
	for ; c >= 0; c = cs[c].parent {
		if c == ancestor {
			return true
		}
	}
	return false
}
