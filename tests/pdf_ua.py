"""PDF/UA-1 (ISO 14289-1) checks for the platform's PDFs, read with pikepdf.

veraPDF, the reference validator, is a Java application served from Maven Central, which
these machines do not reach; so this module checks the failure conditions of the PDF
Association's Matterhorn Protocol 1.1 that a program can decide from the file alone, one
function per condition, named by the protocol's checkpoint or the clause of ISO 14289-1 or
ISO 32000-1 it comes from. It says nothing of the ones
that need a person (is the alternative text right, is the reading order the intended one),
which the tests that call it check by content.

`problems(content, language=...)` lists every failure; an empty list is a pass.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pikepdf

# ISO 32000-1 §14.8.4: the standard structure types; anything else must be role-mapped.
STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form",
}  # fmt: skip
SHOWS_CONTENT = {"Tj", "TJ", "'", '"', "Do", "sh", "BI"}


def problems(content: bytes, *, language: str) -> list[str]:
    pdf = pikepdf.open(io.BytesIO(content))
    root = pdf.Root
    found: list[str] = []
    found += _marked(root)
    found += _metadata(pdf)
    found += _title_shown(root, pdf)
    found += _language(root, language)
    if "/StructTreeRoot" not in root:
        return [*found, "ISO 14289-1 7.1: no structure tree"]
    elements = list(_elements(root.StructTreeRoot))
    found += _standard_types(root.StructTreeRoot, elements)
    found += _figures(elements)
    found += _headings(elements)
    found += _table_headers(elements)
    found += _untagged_content(pdf)
    found += _fonts_embedded(pdf)
    found += _links(pdf)
    return found


def structure_types(content: bytes) -> list[str]:
    """Every structure element's type, in the tree's (reading) order."""
    pdf = pikepdf.open(io.BytesIO(content))
    return [_type(e) for e in _elements(pdf.Root.StructTreeRoot)]


def figure_texts(content: bytes) -> list[str]:
    pdf = pikepdf.open(io.BytesIO(content))
    return [str(e.get("/Alt", "")) for e in _elements(pdf.Root.StructTreeRoot) if _type(e) == "Figure"]


def _elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _type(element: pikepdf.Dictionary) -> str:
    return str(element.S)[1:]


def _marked(root: pikepdf.Dictionary) -> list[str]:
    info = root.get("/MarkInfo")
    if info is None or not bool(info.get("/Marked", False)):
        return ["ISO 14289-1 7.1: the catalogue's MarkInfo has no Marked true"]
    if bool(info.get("/Suspects", False)):
        return ["01-007: MarkInfo Suspects is true"]
    return []


def _metadata(pdf: pikepdf.Pdf) -> list[str]:
    if "/Metadata" not in pdf.Root:
        return ["06-001: no XMP metadata stream"]
    xmp = pdf.Root.Metadata.read_bytes().decode("utf-8", "replace")
    found = []
    if not re.search(r"pdfuaid:part(>|=\")\s*1", xmp):
        found.append("06-002: the metadata has no PDF/UA identifier (pdfuaid:part 1)")
    if "dc:title" not in xmp:
        found.append("06-003: the metadata has no dc:title")
    return found


def _title_shown(root: pikepdf.Dictionary, pdf: pikepdf.Pdf) -> list[str]:
    found = []
    preferences = root.get("/ViewerPreferences")
    if preferences is None or "/DisplayDocTitle" not in preferences:
        found.append("07-001: ViewerPreferences has no DisplayDocTitle")
    elif not bool(preferences.DisplayDocTitle):
        found.append("07-002: DisplayDocTitle is false")
    if not str(pdf.docinfo.get("/Title", "")).strip():
        found.append("07-001: the document has no title to display")
    return found


def _language(root: pikepdf.Dictionary, language: str) -> list[str]:
    declared = str(root.get("/Lang", ""))
    if not declared:
        return ["11-006: the document's natural language is not declared"]
    if declared.split("-")[0] != language:
        return [f"11-007: the document declares {declared!r}, its text is {language!r}"]
    return []


def _standard_types(tree: pikepdf.Dictionary, elements: list[pikepdf.Dictionary]) -> list[str]:
    role_map = tree.get("/RoleMap", {})
    unmapped = {_type(e) for e in elements} - STANDARD_TYPES - {str(k)[1:] for k in role_map}
    return [
        f"02-001: structure type {name!r} is neither standard nor role-mapped" for name in sorted(unmapped)
    ]


def _figures(elements: list[pikepdf.Dictionary]) -> list[str]:
    missing = [e for e in elements if _type(e) == "Figure" and not str(e.get("/Alt", "")).strip()]
    return [f"13-004: {len(missing)} figure(s) without alternative text"] if missing else []


def _headings(elements: list[pikepdf.Dictionary]) -> list[str]:
    levels = [int(_type(e)[1]) for e in elements if re.fullmatch(r"H[1-6]", _type(e))]
    found = []
    if levels and levels[0] != 1:
        found.append(f"14-002: the first heading is H{levels[0]}, not H1")
    for before, after in zip(levels, levels[1:], strict=False):
        if after > before + 1:
            found.append(f"14-003: heading level skipped, H{before} then H{after}")
    return found


def _table_headers(elements: list[pikepdf.Dictionary]) -> list[str]:
    """Tables are organised with IDs on the TH cells and Headers on the TD cells (Matterhorn 15):
    every Headers entry must name a TH of the same document."""
    header_ids = {str(e.ID) for e in elements if _type(e) == "TH" and "/ID" in e}
    found = []
    for element in elements:
        if _type(element) != "TD":
            continue
        attributes = element.get("/A", {})
        for header in attributes.get("/Headers", []):
            if str(header) not in header_ids:
                found.append(f"ISO 32000-1 14.8.5.7: a cell's Headers names {str(header)!r}, which is no TH")
    for element in elements:
        if _type(element) == "TH" and "/ID" not in element:
            scope = element.get("/A", {}).get("/Scope")
            if scope is None:
                found.append("15-003: a TH has neither an ID for Headers nor a Scope")
    return found


def _untagged_content(pdf: pikepdf.Pdf) -> list[str]:
    """01-005: every mark on a page is inside marked content (a tag or an Artifact)."""
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        depth = 0
        for _operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name in ("BDC", "BMC"):
                depth += 1
            elif name == "EMC":
                depth -= 1
            elif name in SHOWS_CONTENT and depth == 0:
                found.append(
                    f"01-005: page {number} shows content ({name}) that is neither tagged nor an artifact"
                )
                break
        if "/StructParents" not in page.obj:
            found.append(f"01-005: page {number} is not in the structure tree's parent tree")
    return found


def _fonts_embedded(pdf: pikepdf.Pdf) -> list[str]:
    found = set()
    for page in pdf.pages:
        for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
            fonts = font.get("/DescendantFonts", [font])
            for actual in fonts:
                descriptor = actual.get("/FontDescriptor")
                if descriptor is None or not any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    found.add(f"ISO 14289-1 7.21.4.1: font {actual.get('/BaseFont')} is not embedded")
    return sorted(found)


def _links(pdf: pikepdf.Pdf) -> list[str]:
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") == "/Link" and "/StructParent" not in annotation:
                found.append(f"28-011: a link on page {number} is not in a Link tag")
    return found
