"""The layout of a 公文 (GB/T 9704-2012, 党政机关公文格式) for the Word reports.

Only layout lives here: page, margins, the fonts and sizes of each element, fixed line
spacing, page numbers, the signature block and attachments on their own pages. What the
document says is in `reports/docx.py`.

Sizes are the standard's 号 (2号 = 22 pt, 3号 = 16 pt, 4号 = 14 pt). The standard's fonts
(方正小标宋简体, 仿宋_GB2312, 楷体_GB2312) are not on every machine: each is declared in the
document's font table with the common font Word and LibreOffice substitute for it (w:altName),
so a machine without them still shows a 宋体/仿宋/楷体 document rather than a default one.
"""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

SIZE_2 = 22.0
SIZE_3 = 16.0
SIZE_4 = 14.0

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
# The font a machine without the standard's font shows instead (w:altName).
FALLBACK = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", H2_FONT: "楷体"}

PAGE = {"width": Mm(210), "height": Mm(297)}
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
# 22 lines of 28 characters on the page above: a fixed line pitch of about 28.95 pt.
LINE_PITCH = Pt(28.95)


def set_font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = FALLBACK.get(name, name)
    run.font.size = Pt(size)
    run.font.bold = bold
    # Word picks the East Asian font from w:eastAsia, not from w:ascii.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def set_up_page(doc: DocumentObject) -> None:
    """A4 portrait, the standard's margins, fixed line pitch, odd/even page numbers."""
    for section in doc.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE["width"], PAGE["height"]
        section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
        section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
        section.footer_distance = Mm(28) - Mm(7)  # the number sits 7 mm below the text block
    normal = doc.styles["Normal"]
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = LINE_PITCH
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.font.size = Pt(SIZE_3)
    normal.font.name = FALLBACK[BODY_FONT]
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    _declare_fonts(doc)
    _page_numbers(doc)


def _declare_fonts(doc: DocumentObject) -> None:
    # python-docx keeps the font table as a plain part: edit its XML and put the bytes back.
    part = doc.part.part_related_by(RT.FONT_TABLE)
    table = parse_xml(part.blob)
    have = {f.get(qn("w:name")) for f in table.findall(qn("w:font"))}
    for name, alt in FALLBACK.items():
        if name in have:
            continue
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        alt_name = OxmlElement("w:altName")
        alt_name.set(qn("w:val"), alt)
        charset = OxmlElement("w:charset")
        charset.set(qn("w:val"), "86")  # GB2312
        font.append(alt_name)
        font.append(charset)
        table.append(font)
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_numbers(doc: DocumentObject) -> None:
    """“— 1 —” in 4号 宋体: odd pages right, even pages left, one character in (GB/T 9704 7.5)."""
    doc.settings.odd_and_even_pages_header_footer = True
    for section in doc.sections:
        for footer, align in (
            (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
            (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
        ):
            footer.is_linked_to_previous = False
            p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            p.alignment = align
            if align == WD_ALIGN_PARAGRAPH.RIGHT:
                p.paragraph_format.right_indent = Pt(SIZE_4)
            else:
                p.paragraph_format.left_indent = Pt(SIZE_4)
            set_font(p.add_run("— "), PAGE_NUMBER_FONT, SIZE_4)
            _page_field(p)
            set_font(p.add_run(" —"), PAGE_NUMBER_FONT, SIZE_4)


def _page_field(paragraph) -> None:
    run = paragraph.add_run()
    set_font(run, PAGE_NUMBER_FONT, SIZE_4)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._element.append(fld)


def paragraph(
    doc: DocumentObject,
    text: str,
    *,
    font: str = BODY_FONT,
    size: float = SIZE_3,
    bold: bool = False,
    align: str = "indent",
    right_chars: float = 0,
):
    """One paragraph. align: indent (first line two characters in), left, center, right."""
    p = doc.add_paragraph()
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(size * right_chars)
    elif align == "indent":
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Pt(size * 2)
    if text:
        set_font(p.add_run(alternate_quotes(text)), font, size, bold)
    return p


def body_paragraph(doc: DocumentObject, text: str) -> None:
    """Body text; a leading “（一）…。” is the second-level heading, set in 楷体."""
    text = alternate_quotes(text)
    p = paragraph(doc, "")
    head, sep, rest = text.partition("。")
    if text.startswith("（") and "）" in head[:5] and sep and len(head) <= 30:
        set_font(p.add_run(head + sep), H2_FONT, SIZE_3)
        set_font(p.add_run(rest), BODY_FONT, SIZE_3)
    else:
        set_font(p.add_run(text), BODY_FONT, SIZE_3)


def title(doc: DocumentObject, lines: list[str], subtitle: str | None = None) -> None:
    """2号 小标宋, centred, one run broken into the given lines (a 3号 楷体 line under it if
    given); a blank line below."""
    p = paragraph(doc, "", align="center")
    run = p.add_run()
    for i, line in enumerate(lines):
        if i:
            run.add_break()  # a line break inside the title, not a new paragraph
        run.add_text(alternate_quotes(line))
    set_font(run, TITLE_FONT, SIZE_2)
    if subtitle:
        paragraph(doc, subtitle, font=H2_FONT, align="center")
    paragraph(doc, "", align="left")


def heading(doc: DocumentObject, text: str) -> None:
    """First-level heading (一、…): 3号 黑体, two characters in like the body."""
    paragraph(doc, text, font=H1_FONT)


def addressee(doc: DocumentObject, name: str) -> None:
    """主送机关: flush left, followed by a full-width colon."""
    paragraph(doc, f"{name}：", align="left")


def signature(doc: DocumentObject, organ: str, date_text: str) -> None:
    """发文机关署名 centred over the 成文日期, which stands four characters from the right."""
    paragraph(doc, "", align="left")
    # Centre the organ over the date: its right edge moves in by half the length difference.
    offset = 4 + max(0, len(date_text) - len(organ)) / 2
    paragraph(doc, organ, align="right", right_chars=offset)
    paragraph(doc, date_text, align="right", right_chars=4)


def attachment_note(doc: DocumentObject, names: list[str]) -> None:
    """附件说明 under the body: “附件：1. …” with later items aligned under the first."""
    if not names:
        return
    paragraph(doc, "", align="left")
    for i, name in enumerate(names, start=1):
        lead = "附件：" if i == 1 else "　　　"
        paragraph(doc, f"{lead}{i}. {name}" if len(names) > 1 else f"附件：{name}")


def attachment_page(doc: DocumentObject, number: int, name: str) -> None:
    """A new page headed 附件N (3号 黑体, top left) and the attachment's title.

    The heading itself starts the page (page break before): a break in a paragraph of its
    own leaves a blank page when the body happens to fill the page before it.
    """
    head = paragraph(doc, f"附件{number}", font=H1_FONT, align="left")
    head.paragraph_format.page_break_before = True
    paragraph(doc, "", align="left")
    paragraph(doc, name, font=TITLE_FONT, size=SIZE_2, align="center")
    paragraph(doc, "", align="left")


def alternate_quotes(text: str) -> str:
    """Nested double quotes become single ones: “…‘…’…” as Chinese typesetting wants."""
    out: list[str] = []
    depth = 0
    for ch in text:
        if ch == "“":
            out.append("“" if depth % 2 == 0 else "‘")
            depth += 1
        elif ch == "”" and depth > 0:
            depth -= 1
            out.append("”" if depth % 2 == 0 else "’")
        else:
            out.append(ch)
    return "".join(out)
