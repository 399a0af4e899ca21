"""Checks a tagged PDF the way a PDF/UA-1 checker does, with pikepdf.

Usage: python3 markedcontent.py FILE.pdf
Prints one line per problem and exits 1, or prints a JSON summary and exits 0.

Checked: the catalog (MarkInfo, Lang, DisplayDocTitle, StructTreeRoot, no
embedded files), the XMP identification (PDF/A-2a, PDF/UA-1, a title); every
structure element (a standard type or role-mapped to one, /P pointing at its
parent, tables built of THead/TBody/TR/TH/TD, TH with a Scope, a Caption first
or last in its table, headings not skipping a level); every page's content
stream (all text and all painted paths inside marked content, either an
Artifact or a sequence with an MCID; no marked content nested in another);
and the parent tree against the content (every MCID on a page belongs to the
element the parent tree names, whose /K lists it, and every MCID an element
lists is on its page); every ID in a Headers attribute names, through the
IDTree, a TH of the same table.
"""

import json
import re
import sys

import pikepdf
from pikepdf import Name

STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody",
    "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
    "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP",
    "Figure", "Formula", "Form",
}
TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI"}

problems = []


def problem(msg):
    problems.append(msg)


def key(obj):
    return obj.objgen


def main(path):
    pdf = pikepdf.open(path)
    root = pdf.Root

    mark = root.get("/MarkInfo")
    if mark is None or not bool(mark.get("/Marked", False)):
        problem("catalog: /MarkInfo /Marked is not true")
    if str(root.get("/Lang", "")) != "zh-CN":
        problem("catalog: /Lang is %r, want zh-CN" % str(root.get("/Lang", "")))
    vp = root.get("/ViewerPreferences")
    if vp is None or not bool(vp.get("/DisplayDocTitle", False)):
        problem("catalog: /ViewerPreferences /DisplayDocTitle is not true")
    if "/Names" in root and "/EmbeddedFiles" in root.Names:
        problem("catalog: embedded files (PDF/A-2 admits only PDF/A files)")
    if "/AF" in root:
        problem("catalog: /AF associated files")

    with pdf.open_metadata() as meta:
        want = {
            "pdfaid:part": "2",
            "pdfaid:conformance": "A",
            "{http://www.aiim.org/pdfua/ns/id/}part": "1",  # pikepdf knows no pdfuaid prefix
        }
        for k, v in want.items():
            if str(meta.get(k, "")) != v:
                problem("XMP: %s is %r, want %r" % (k, meta.get(k), v))
        if not meta.get("dc:title"):
            problem("XMP: no dc:title")

    tree = root.get("/StructTreeRoot")
    if tree is None:
        problem("catalog: no /StructTreeRoot")
        return report()
    rolemap = tree.get("/RoleMap", pikepdf.Dictionary())

    def standard(s):
        seen = set()
        while s not in STANDARD and s not in seen:
            seen.add(s)
            mapped = rolemap.get("/" + s)
            if mapped is None:
                return None
            s = str(mapped)[1:]
        return s if s in STANDARD else None

    ids = {}

    def name_tree(node):
        if "/Names" in node:
            n = list(node.Names)
            for i in range(0, len(n), 2):
                ids[bytes(n[i])] = n[i + 1]
        for kid in node.get("/Kids", []):
            name_tree(kid)

    if "/IDTree" in tree:
        name_tree(tree.IDTree)
    headed = []  # (element, table, where) for every element with Headers
    table_of = {}  # element key -> its Table's key

    pages = {key(p.obj): i for i, p in enumerate(pdf.pages)}
    owner = {}  # (page index, mcid) -> element key
    elements = 0
    headings = []

    def kids_of(e):
        k = e.get("/K")
        if k is None:
            return []
        if isinstance(k, pikepdf.Array):
            return list(k)
        return [k]

    def walk(e, parent, path):
        nonlocal elements
        elements += 1
        s = str(e.get("/S", ""))[1:]
        t = standard(s)
        where = "%s/%s" % (path, s)
        if t is None:
            problem("%s: structure type %r is neither standard nor role-mapped" % (where, s))
        if parent is not None and ("/P" not in e or key(e.P) != key(parent)):
            problem("%s: /P does not point at its parent" % where)
        ptype = standard(str(parent.get("/S", ""))[1:]) if parent is not None and "/S" in parent else None
        if t == "TR" and ptype not in ("Table", "THead", "TBody", "TFoot"):
            problem("%s: TR inside %s" % (where, ptype))
        if t in ("TH", "TD") and ptype != "TR":
            problem("%s: %s inside %s" % (where, t, ptype))
        if t in ("THead", "TBody", "TFoot") and ptype != "Table":
            problem("%s: %s inside %s" % (where, t, ptype))
        if t == "Caption" and ptype == "Table":
            siblings = [k for k in kids_of(parent) if isinstance(k, pikepdf.Dictionary)]
            if key(siblings[0]) != key(e) and key(siblings[-1]) != key(e):
                problem("%s: Caption neither first nor last in its table" % where)
        if t == "Table":
            table_of[key(e)] = key(e)
        elif parent is not None and key(parent) in table_of:
            table_of[key(e)] = table_of[key(parent)]
        a = e.get("/A")
        attrs = list(a) if isinstance(a, pikepdf.Array) else [a] if a is not None else []
        for x in attrs:
            if isinstance(x, pikepdf.Dictionary) and "/Headers" in x:
                headed.append((e, x.Headers, where))
        if t == "TH":
            scopes = [str(x.get("/Scope", "")) for x in attrs if isinstance(x, pikepdf.Dictionary)]
            if not any(sc in ("/Row", "/Column", "/Both") for sc in scopes):
                problem("%s: TH without a Scope" % where)
        if t and re.fullmatch(r"H[1-6]", t):
            headings.append((int(t[1]), where))
        pg = e.get("/Pg")
        for i, k in enumerate(kids_of(e)):
            if isinstance(k, int) or (hasattr(k, "__int__") and not isinstance(k, pikepdf.Dictionary)):
                if pg is None:
                    problem("%s: MCID %d without /Pg" % (where, int(k)))
                    continue
                owner_add(pages.get(key(pg)), int(k), e, where)
            elif isinstance(k, pikepdf.Dictionary) and str(k.get("/Type", "")) == "/MCR":
                owner_add(pages.get(key(k.Pg)), int(k.MCID), e, where)
            elif isinstance(k, pikepdf.Dictionary):
                walk(k, e, where)
            else:
                problem("%s: kid %d of unexpected kind %r" % (where, i, k))

    def owner_add(page, mcid, e, where):
        if page is None:
            problem("%s: /Pg is not a page" % where)
            return
        if (page, mcid) in owner:
            problem("%s: page %d MCID %d claimed twice" % (where, page + 1, mcid))
        owner[(page, mcid)] = key(e)

    for k in (tree.K if isinstance(tree.K, pikepdf.Array) else [tree.K]):
        walk(k, None, "")

    for e, headers, where in headed:
        for h in headers:
            th = ids.get(bytes(h))
            if th is None:
                problem("%s: Headers names %s, which the IDTree lacks" % (where, bytes(h).decode()))
            elif str(th.get("/S", "")) != "/TH":
                problem("%s: Headers names %s, a %s" % (where, bytes(h).decode(), th.get("/S")))
            elif table_of.get(key(th)) != table_of.get(key(e)):
                problem("%s: Headers names %s, a TH of another table" % (where, bytes(h).decode()))

    if headings and headings[0][0] != 1:
        problem("%s: the first heading is not H1" % headings[0][1])
    for (a, _), (b, where) in zip(headings, headings[1:]):
        if b > a + 1:
            problem("%s: heading skips from H%d to H%d" % (where, a, b))

    nums = {}

    def number_tree(node):
        if "/Nums" in node:
            n = list(node.Nums)
            for i in range(0, len(n), 2):
                nums[int(n[i])] = n[i + 1]
        for kid in node.get("/Kids", []):
            number_tree(kid)

    number_tree(tree.ParentTree)

    seen = set()
    artifacts = 0
    for i, page in enumerate(pdf.pages):
        if "/StructParents" not in page.obj:
            problem("page %d: no /StructParents" % (i + 1))
            continue
        parents = nums.get(int(page.obj.StructParents))
        if parents is None:
            problem("page %d: no parent tree entry %d" % (i + 1, int(page.obj.StructParents)))
            continue
        stack = []
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op in ("BDC", "BMC"):
                if stack:
                    problem("page %d: marked content nested in %s" % (i + 1, stack[-1]))
                tag = str(operands[0])
                if tag == "/Artifact":
                    artifacts += 1
                    stack.append("Artifact")
                    continue
                props = operands[1] if op == "BDC" else None
                if not isinstance(props, pikepdf.Dictionary) or "/MCID" not in props:
                    problem("page %d: %s marked content without an MCID" % (i + 1, tag))
                    stack.append(tag)
                    continue
                mcid = int(props.MCID)
                stack.append("%s MCID %d" % (tag, mcid))
                seen.add((i, mcid))
                if mcid >= len(parents) or not isinstance(parents[mcid], pikepdf.Dictionary):
                    problem("page %d: MCID %d not in the parent tree" % (i + 1, mcid))
                    continue
                elem = parents[mcid]
                if owner.get((i, mcid)) != key(elem):
                    problem("page %d: MCID %d: the parent tree names an element whose /K does not list it" % (i + 1, mcid))
                if str(elem.S) != tag:
                    problem("page %d: MCID %d tagged %s in the content, %s in the tree" % (i + 1, mcid, tag, elem.S))
            elif op == "EMC":
                if not stack:
                    problem("page %d: EMC without a marked content sequence" % (i + 1))
                else:
                    stack.pop()
            elif (op in TEXT_OPS or op in PAINT_OPS) and not stack:
                problem("page %d: %s outside marked content (neither tagged nor an artifact)" % (i + 1, op))
        if stack:
            problem("page %d: marked content not closed" % (i + 1))
    for (page, mcid) in sorted(set(owner) - seen):
        problem("page %d: MCID %d is in the structure tree but not in the content" % (page + 1, mcid))
    return report(elements=elements, mcids=len(seen), artifacts=artifacts, headed=len(headed))


def report(**summary):
    if problems:
        for p in problems:
            print(p)
        return 1
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
