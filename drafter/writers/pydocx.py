"""The .docx work done with python-docx: preparing the empty documents, and writing into a reference.

`prepare_default` builds a layout's empty document (styles, page setup,
footers, font table) from python-docx's template; `prepare_reference` empties
a user's reference document and adds our missing styles; both are cached as
bytes by drafter.writers.docx. `write_with_python_docx` adds a speech's
paragraphs (drafter.writers.wordml.speech_paragraphs) with python-docx: used
for reference documents, and by the tests as the yardstick of the text writer.
Only imported when one of these is needed (python-docx and lxml load here).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import InputFileError
from drafter.model import Speech
from drafter.writers.docx import STYLES, StyleSpec, sanitised_reference
from drafter.writers.layout import Font, Layout
from drafter.writers.wordml import Para, clean, core_values, needs_hint, speech_paragraphs

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Windows faces Word may substitute when the official ones are missing
# (written to the font table as w:altName, with the GB2312 charset).
ALT_NAMES = {
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
    "方正小标宋简体": "宋体",
    "方正小标宋_GBK": "宋体",
    "黑体": "SimHei",
    "宋体": "SimSun",
    "仿宋": "FangSong",
    "楷体": "KaiTi",
}


def write_with_python_docx(speech: Speech, layout: Layout, base: bytes, from_reference: bool) -> bytes:
    """The speech written into the prepared document `base` with python-docx (reference documents,
    whose style ids and page are their own; tests compare it with the text writer)."""
    import docx

    doc = docx.Document(io.BytesIO(base))
    writer = _Writer(doc, layout, from_reference=from_reference)
    writer.bind_styles()
    writer.write(speech)
    _set_core_properties(doc, speech)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- opening documents


def prepare_default(layout: Layout) -> bytes:
    """Build the empty document of a layout."""
    doc = _open_default()
    _Writer(doc, layout, from_reference=False).prepare()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def prepare_reference(path: Path, layout: Layout) -> bytes:
    """A reference document emptied and given our missing styles."""
    doc = _open_reference(path)
    writer = _Writer(doc, layout, from_reference=True)
    if doc.element.body.sectPr.find(_w("pgSz")) is None:  # no page setup of its own: ours
        writer._page_setup()
    writer.prepare()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _open_default() -> "Document":
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    doc = docx.Document()
    package = doc.part.package
    for rels, reltype in ((package.rels, RT.THUMBNAIL), (doc.part.rels, RT.NUMBERING),
                          (doc.part.rels, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")):
        for rid, rel in list(rels.items()):
            if rel.reltype == reltype:
                del rels[rid]
    _prune_template_styles(doc)
    _clear_body(doc)
    return doc


def _prune_template_styles(doc: "Document") -> None:
    """Drop the template's unused styles (blue Calibri headings, list styles...).

    Word's style pane then shows ours, and nothing of the template's look can
    be picked up by accident. The defaults (Normal, Default Paragraph Font,
    Table Normal, No List) and the footer's styles (redefined later) stay.
    """
    keep = {"Normal", "Footer", "FooterChar"}
    root = doc.styles.element
    for style in root.findall(_w("style")):
        if style.get(_w("default")) not in ("1", "true", "on") and style.get(_w("styleId")) not in keep:
            root.remove(style)


def _open_reference(path: Path) -> "Document":
    """The reference document with its body cleared and nothing but styles and page setup left."""
    import docx

    doc_bytes = sanitised_reference(Path(path)).data
    try:
        doc = docx.Document(io.BytesIO(doc_bytes))
    except Exception as exc:  # python-docx raises KeyError, ValueError, PackageNotFoundError...
        reason = str(exc).split(" at 0x")[0].strip() or type(exc).__name__
        raise InputFileError(f"reference document is not a readable .docx ({type(exc).__name__}: {reason})",
                             path=path) from None
    _clear_body(doc)
    doc.element.body.get_or_add_sectPr()  # a document without page setup gets the default one
    return doc


def _clear_body(doc: "Document") -> None:
    """Remove every paragraph and table of the body, keeping the final section properties."""
    body = doc.element.body
    for child in list(body):
        if child.tag != _w("sectPr"):
            body.remove(child)


# --------------------------------------------------------------------------- helpers


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _twips(pt: float) -> int:
    return round(pt * 20)


def _child(parent: Any, tag: str, before: tuple[str, ...] = ()) -> Any:
    """Get or create `parent/w:tag`, inserted before the first of `before` if present."""
    from lxml import etree

    found = parent.find(_w(tag))
    if found is not None:
        return found
    el = etree.SubElement(parent, _w(tag))
    for name in before:
        other = parent.find(_w(name))
        if other is not None:
            other.addprevious(el)
            break
    return el


def _set_fonts(rPr: Any, font: Font, hint: bool = False) -> None:
    """rFonts with explicit faces only (no theme fonts): Latin/digits and East Asian."""
    rFonts = rPr.get_or_add_rFonts()
    for attr in list(rFonts.attrib):
        del rFonts.attrib[attr]
    rFonts.set(_w("ascii"), font.latin)
    rFonts.set(_w("hAnsi"), font.latin)
    rFonts.set(_w("eastAsia"), font.east_asia)
    rFonts.set(_w("cs"), font.latin)
    if hint:
        rFonts.set(_w("hint"), "eastAsia")


def _add_run(paragraph: Any, text: str, char_style_id: str | None = None) -> Any:
    run = paragraph.add_run(clean(text))
    if char_style_id is not None:
        run._r.style = char_style_id
    if needs_hint(text):
        run._r.get_or_add_rPr().get_or_add_rFonts().set(_w("hint"), "eastAsia")
    return run


# --------------------------------------------------------------------------- the writer


class _Writer:
    def __init__(self, doc: "Document", layout: Layout, from_reference: bool):
        self.doc = doc
        self.layout = layout
        self.from_reference = from_reference
        self.styles: dict[str, Any] = {}

    # ---- document set-up

    def prepare(self) -> None:
        if not self.from_reference:
            self._reset_defaults()
            self._page_setup()
        self._make_styles()
        if not self.from_reference:
            self._footer_style()
        self._page_numbers()
        self._font_table()

    def _reset_defaults(self) -> None:
        """docDefaults and settings: explicit fonts, Chinese language, no theme fonts anywhere."""
        styles_el = self.doc.styles.element
        for rFonts in styles_el.iter(_w("rFonts")):
            for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                rFonts.attrib.pop(_w(attr), None)
        defaults = _child(styles_el, "docDefaults", before=("latentStyles", "style"))
        rPr_default = _child(defaults, "rPrDefault", before=("pPrDefault",))
        rPr = _child(rPr_default, "rPr")
        for el in list(rPr):
            rPr.remove(el)
        body = self.layout.body
        for tag, attrs in (
            ("rFonts", {"ascii": body.latin, "hAnsi": body.latin, "eastAsia": body.east_asia, "cs": body.latin}),
            ("kern", {"val": "2"}),
            ("sz", {"val": str(round(body.size * 2))}),
            ("szCs", {"val": str(round(body.size * 2))}),
            ("lang", {"val": "en-US", "eastAsia": "zh-CN", "bidi": "ar-SA"}),
        ):
            el = _child(rPr, tag)
            for k, v in attrs.items():
                el.set(_w(k), v)
        pPr_default = _child(defaults, "pPrDefault")
        pPr = _child(pPr_default, "pPr")
        for el in list(pPr):
            pPr.remove(el)
        spacing = _child(pPr, "spacing")
        spacing.set(_w("after"), "0")
        spacing.set(_w("line"), "240")
        spacing.set(_w("lineRule"), "auto")

        settings = self.doc.settings.element
        lang = settings.find(_w("themeFontLang"))
        if lang is not None:
            lang.set(_w("val"), "en-US")
            lang.set(_w("eastAsia"), "zh-CN")

    def _page_setup(self) -> None:
        from docx.enum.section import WD_ORIENT
        from docx.shared import Twips

        lay = self.layout
        for section in self.doc.sections:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width = Twips(lay.page_width)
            section.page_height = Twips(lay.page_height)
            section.top_margin = Twips(lay.margin_top)
            section.bottom_margin = Twips(lay.margin_bottom)
            section.left_margin = Twips(lay.margin_left)
            section.right_margin = Twips(lay.margin_right)
            section.gutter = Twips(0)
            section.header_distance = Twips(851)  # 15 mm
            section.footer_distance = Twips(lay.footer_distance)
            sectPr = section._sectPr
            grid = sectPr.find(_w("docGrid"))
            if grid is None:
                from lxml import etree
                grid = etree.SubElement(sectPr, _w("docGrid"))
            for attr in list(grid.attrib):
                del grid.attrib[attr]
            grid.set(_w("type"), "lines")
            grid.set(_w("linePitch"), str(lay.line_pitch))

    def bind_styles(self) -> None:
        """Find our styles in a document prepared earlier."""
        styles = {s.name: s for s in self.doc.styles}
        self.styles = {key: styles[spec.name] for key, spec in STYLES.items()}

    # ---- styles

    def _font_for(self, key: str) -> Font:
        lay = self.layout
        if key.startswith("heading"):
            return lay.heading(int(key[-1]))
        if key.startswith("runin"):
            return lay.heading(int(key[-1]))
        return {"title": lay.title, "subtitle": lay.subtitle, "byline": lay.byline}.get(key, lay.body)

    def _make_styles(self) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        styles = self.doc.styles
        existing = {s.name: s for s in styles}
        for key, spec in STYLES.items():
            style = existing.get(spec.name)
            if style is not None and self.from_reference:
                self.styles[key] = style  # the organisation's own definition wins
                continue
            kind = WD_STYLE_TYPE.CHARACTER if spec.kind == "character" else WD_STYLE_TYPE.PARAGRAPH
            if style is None:
                style = styles.add_style(spec.name, kind, builtin=spec.builtin)
                style.element.styleId = spec.style_id
            else:  # a built-in of the default template: start from a clean definition
                for tag in ("pPr", "rPr", "basedOn", "next", "link"):
                    for el in style.element.findall(_w(tag)):
                        style.element.remove(el)
            style.hidden = False
            style.quick_style = True
            if spec.kind == "character":
                self._character_style(style, key)
            else:
                self._paragraph_style(style, spec, key)
            self.styles[key] = style

    def _paragraph_style(self, style: Any, spec: StyleSpec, key: str) -> None:
        from docx.enum.text import WD_LINE_SPACING, WD_PARAGRAPH_ALIGNMENT
        from docx.shared import Pt, Twips

        lay = self.layout
        if key != "body":
            style.base_style = self.styles["body"]
            style.next_paragraph_style = self.styles["body"]
        font = self._font_for(key)
        pf = style.paragraph_format
        pf.alignment = {"both": WD_PARAGRAPH_ALIGNMENT.JUSTIFY, "center": WD_PARAGRAPH_ALIGNMENT.CENTER,
                        "left": WD_PARAGRAPH_ALIGNMENT.LEFT}[spec.align]
        pf.first_line_indent = Twips(_twips(lay.first_line_indent)) if spec.indent else Twips(0)
        pf.left_indent = Twips(0)
        pf.right_indent = Twips(0)
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Twips(_twips(lay.line_spacing))
        pf.widow_control = False  # keep the 22-line grid: Chinese documents do not move widows
        pf.keep_with_next = spec.keep_next
        pPr = style.element.get_or_add_pPr()
        if key == "title":
            # Word ignores the grid for exact spacing; LibreOffice would give each
            # 22 pt line two grid lines unless told not to snap.
            _child(pPr, "snapToGrid", before=("spacing", "ind", "jc")).set(_w("val"), "0")
        if spec.outline is not None:
            _child(pPr, "outlineLvl").set(_w("val"), str(spec.outline))
        self._run_props(style, font)

    def _character_style(self, style: Any, key: str) -> None:
        style.base_style = None
        self._run_props(style, self._font_for(key))

    def _run_props(self, style: Any, font: Font) -> None:
        from docx.shared import Pt

        style.font.size = Pt(font.size)
        style.font.bold = font.bold
        style.font.italic = False
        _set_fonts(style.element.get_or_add_rPr(), font)

    def _footer_style(self) -> None:
        """Word's Footer style (页脚) as the page numbers' look, without the template's Letter tab stops."""
        from docx.shared import Pt, Twips

        try:
            style = self.doc.styles["Footer"]
        except KeyError:
            return
        for tag in ("pPr", "rPr"):
            for el in style.element.findall(_w(tag)):
                style.element.remove(el)
        pf = style.paragraph_format
        pf.first_line_indent = Twips(0)
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing = 1.0
        _child(style.element.get_or_add_pPr(), "snapToGrid", before=("spacing", "ind", "jc")).set(_w("val"), "0")
        self._run_props(style, self.layout.page_number)

    # ---- page numbers

    def _page_numbers(self) -> None:
        section = self.doc.sections[-1]
        if self.from_reference and _has_page_field(section):
            return
        settings = self.doc.settings
        lay = self.layout
        if lay.page_numbers == "outer":
            settings.odd_and_even_pages_header_footer = True
            self._footer(section.footer, "right")
            self._footer(section.even_page_footer, "left")
        else:
            settings.odd_and_even_pages_header_footer = False
            self._footer(section.footer, "center")

    def _footer(self, footer: Any, side: str) -> None:
        from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
        from docx.shared import Pt, Twips
        from lxml import etree

        footer.is_linked_to_previous = False
        el = footer._element
        for child in list(el):
            el.remove(child)
        p = footer.add_paragraph()
        try:
            p.style = self.doc.styles["Footer"]
        except KeyError:
            pass
        font = self.layout.page_number
        one_char = Twips(_twips(font.size))
        pf = p.paragraph_format
        pf.alignment = {"right": WD_PARAGRAPH_ALIGNMENT.RIGHT, "left": WD_PARAGRAPH_ALIGNMENT.LEFT,
                        "center": WD_PARAGRAPH_ALIGNMENT.CENTER}[side]
        pf.first_line_indent = Twips(0)
        pf.left_indent = one_char if side == "left" else Twips(0)
        pf.right_indent = one_char if side == "right" else Twips(0)
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing = 1.0
        _child(p._p.get_or_add_pPr(), "snapToGrid", before=("spacing", "ind", "jc")).set(_w("val"), "0")

        def run(text: str = "") -> Any:
            r = p.add_run(text)
            r.font.size = Pt(font.size)
            _set_fonts(r._r.get_or_add_rPr(), font, hint=needs_hint(text))
            return r

        run("\u2014 ")
        for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
            r = run()
            if kind:
                fld = etree.SubElement(r._r, _w("fldChar"))
                fld.set(_w("fldCharType"), kind)
            elif instr == "1":
                r.text = "1"
            else:
                it = etree.SubElement(r._r, _w("instrText"))
                it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                it.text = instr
        run(" \u2014")

    # ---- font table

    def _font_table(self) -> None:
        """Declare our faces with their Windows stand-ins and the GB2312 charset."""
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from lxml import etree

        try:
            part = self.doc.part.part_related_by(RT.FONT_TABLE)
        except KeyError:
            return
        try:
            root = etree.fromstring(part.blob)
        except etree.XMLSyntaxError:
            return
        lay = self.layout
        faces = {f.east_asia for f in (lay.title, lay.subtitle, lay.byline, lay.body, lay.heading1, lay.heading2,
                                       lay.heading3, lay.heading4, lay.page_number)}
        known = {f.get(_w("name")) for f in root.findall(_w("font"))}
        for face in sorted(faces - known):
            font = etree.SubElement(root, _w("font"))
            font.set(_w("name"), face)
            if face in ALT_NAMES:
                etree.SubElement(font, _w("altName")).set(_w("val"), ALT_NAMES[face])
            etree.SubElement(font, _w("charset")).set(_w("val"), "86")
            etree.SubElement(font, _w("family")).set(_w("val"), "modern" if "黑" in face else "roman")
            etree.SubElement(font, _w("pitch")).set(_w("val"), "variable")
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    # ---- content

    def write(self, speech: Speech) -> None:
        """The speech's paragraphs (the same walk as the text writer's) added with python-docx."""
        for para in speech_paragraphs(speech, self._title_chars_per_line()):
            self._emit(para)

    def _emit(self, para: Para) -> None:
        p = self.doc.add_paragraph()
        style = self.styles[para.role]
        if style.element.get(_w("default")) not in ("1", "true", "on"):
            p._p.style = style.style_id  # by id: python-docx's lookup by object is slow
        for run in para.runs:
            r = _add_run(p, run.text, self.styles[run.char_role].style_id if run.char_role else None)
            if run.br:
                r.add_break()

    def _title_chars_per_line(self) -> int:
        """Title characters that fit a line: from the layout, or a reference's own page and title style."""
        if not self.from_reference:
            return self.layout.title_chars_per_line
        section = self.doc.sections[-1]
        try:
            width = (section.page_width - section.left_margin - section.right_margin) / 635  # EMU -> dxa
        except TypeError:  # page size or margins left to Word's defaults
            width = self.layout.text_width
        size = None
        style = self.styles["title"]
        while style is not None and size is None:
            size = style.font.size
            style = style.base_style
        pt = size.pt if size is not None else self.layout.title.size
        return max(4, int(width / 20 // pt))


def _has_page_field(section: Any) -> bool:
    """Whether any footer of `section` (own, not inherited) shows a PAGE field."""
    for footer in (section.footer, section.even_page_footer, section.first_page_footer):
        if footer.is_linked_to_previous:
            continue
        el = footer._element
        instr = " ".join(t.text or "" for t in el.iter(_w("instrText")))
        simple = " ".join(f.get(_w("instr"), "") for f in el.iter(_w("fldSimple")))
        if "PAGE" in f"{instr} {simple}".upper():
            return True
    return False


# --------------------------------------------------------------------------- properties


def _set_core_properties(doc: "Document", speech: Speech) -> None:
    """The core properties of `core_values` set through python-docx."""
    props = doc.core_properties
    for name, value in core_values(speech):
        setattr(props, name, value)
