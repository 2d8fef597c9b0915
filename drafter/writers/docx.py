"""The .docx writer: a Speech laid out as offices lay out a 讲话稿 (GB/T 9704).

Every kind of paragraph has a named style carrying its East Asian font, so a
user restyles the whole document in Word by editing a style:

    role            style name (id)                 look (standard preset)
    body            Normal (Word's 正文)            仿宋_GB2312 16 pt, indent 2 chars, exact 28.95 pt
    title           讲话标题 (SpeechTitle)          方正小标宋简体 22 pt, centred, lines as a trapezoid
    subtitle        讲话副标题 (SpeechSubtitle)     楷体_GB2312 16 pt, centred
    byline          讲话署名 (SpeechByline)         楷体_GB2312 16 pt, centred (speaker / (date))
    salutation      Salutation (Word's 称呼)        body font, flush left
    headings 1..4   一级标题..四级标题 (SpeechHeading1..4)  黑体 / 楷体 / 仿宋 / 仿宋, indent 2 chars
    run-in heads    段内一级标题..段内四级标题 (RunInHeading1..4)  character styles
    closing         Closing (Word's 结束语)         as body
    page numbers    Footer (Word's 页脚)            "— 1 —" 宋体 14 pt

Body, salutation and closing use Word's built-in styles whose Chinese UI
names are 正文, 称呼 and 结束语: a second style of the same displayed name
would clash in Chinese Word, and editing 正文 then restyles everything based
on it, as office workers expect. Our own styles have Chinese names and
ASCII ids.

python-docx's default template is Letter size with a Japanese East Asian
theme font; nothing of it is left: page setup is set on every section,
docDefaults and every style lose their theme fonts, the language is zh-CN,
the template's unused styles, numbering, Word-2010 styles-with-effects copy
and thumbnail are dropped.

The empty prepared document (styles, page setup, footers) is built once per
layout (and reference file) and kept as bytes, so a batch build only adds
paragraphs. python-docx is imported only inside functions.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import InputFileError
from drafter.model import Speech
from drafter.writers.layout import Font, Layout
from drafter.writers.wordml import (EAST_ASIAN_AMBIGUOUS, Para, body_xml, clean, core_values, fill_package, needs_hint,
                                    speech_paragraphs)

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

__all__ = ["EAST_ASIAN_AMBIGUOUS", "STYLES", "sanitised_reference", "style_name", "write_docx"]

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


@dataclass(frozen=True)
class StyleSpec:
    """One named style the writer uses."""

    key: str
    style_id: str
    name: str
    kind: str = "paragraph"  # paragraph | character
    align: str = "both"  # both | center | left
    indent: bool = True  # first-line indent of two characters
    outline: int | None = None  # outline level (0 = level-1 heading) for the navigation pane
    keep_next: bool = False
    builtin: bool = False  # one of Word's own styles (Normal, Salutation, Closing)


STYLES: dict[str, StyleSpec] = {s.key: s for s in (
    StyleSpec("body", "Normal", "Normal", builtin=True),
    StyleSpec("title", "SpeechTitle", "讲话标题", align="center", indent=False, keep_next=True),
    StyleSpec("subtitle", "SpeechSubtitle", "讲话副标题", align="center", indent=False, keep_next=True),
    StyleSpec("byline", "SpeechByline", "讲话署名", align="center", indent=False, keep_next=True),
    StyleSpec("salutation", "Salutation", "Salutation", align="left", indent=False, keep_next=True, builtin=True),
    *(StyleSpec(f"heading{n}", f"SpeechHeading{n}", f"{cn}级标题", outline=n - 1, keep_next=True)
      for n, cn in ((1, "一"), (2, "二"), (3, "三"), (4, "四"))),
    *(StyleSpec(f"runin{n}", f"RunInHeading{n}", f"段内{cn}级标题", kind="character")
      for n, cn in ((1, "一"), (2, "二"), (3, "三"), (4, "四"))),
    StyleSpec("closing", "Closing", "Closing", builtin=True),
)}


def style_name(key: str) -> str:
    """The style name used for a role key (body, title, heading2, runin2, closing...)."""
    return STYLES[key].name


def write_docx(speech: Speech, layout: Layout, reference_doc: Path | None = None) -> bytes:
    """The .docx bytes of `speech` laid out by `layout`.

    With `reference_doc`, styles, page setup and footers come from that
    document (as pandoc's --reference-doc): its body is cleared, its styles are
    used where they exist under our style names, ours are added otherwise, and
    our page numbers are written only if its footers carry no PAGE field.

    Without one, the speech is written as text into the layout's prepared
    document (drafter.writers.wordml), without loading python-docx.
    """
    if reference_doc is None:
        base = _prepared_default(layout)
        paragraphs = speech_paragraphs(speech, layout.title_chars_per_line)
        try:
            return fill_package(base, body_xml(paragraphs, DEFAULT_STYLE_IDS), core_values(speech))
        except ValueError:  # a prepared document not shaped as expected: python-docx writes it
            return write_with_python_docx(speech, layout, base, from_reference=False)
    path = Path(reference_doc)
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = None
    return write_with_python_docx(speech, layout, _prepared_reference(str(path), stamp, layout), from_reference=True)


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


# Style ids of the prepared default document; Normal is its default paragraph style, written unnamed.
DEFAULT_STYLE_IDS: dict[str, str | None] = {key: None if key == "body" else spec.style_id
                                            for key, spec in STYLES.items()}


# --------------------------------------------------------------------------- opening documents


@lru_cache(maxsize=8)
def _prepared_default(layout: Layout) -> bytes:
    """The empty document of a layout (styles, page setup, footers), built once per process and kept
    in the per-user cache, so a cold build reuses it (keyed by the layout, python-docx's version and
    this writer's code: a change to either prepares it afresh)."""
    path = _prepared_cache_path(layout)
    if path is not None:
        try:
            data = path.read_bytes()
        except OSError:
            data = b""
        if _is_prepared(data):
            return data
    data = _prepare_default(layout)
    if path is not None:
        try:
            from drafter.resources import prune_cache
            from drafter.textio import atomic_write

            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, data, force=True)
            prune_cache(path.parent)
        except Exception:  # noqa: BLE001 - the cache is an optimisation; a read-only home must not break builds
            pass
    return data


def _prepared_cache_path(layout: Layout) -> Path | None:
    """Where the prepared document of `layout` is cached, or None when that cannot be worked out.

    Keyed by the layout, python-docx's `__init__` (its version; read, not imported: a build that
    finds its prepared document never loads python-docx) and this writer's code."""
    import hashlib
    from importlib.util import find_spec

    from drafter.resources import cache_dir

    try:
        key = hashlib.sha256(repr(layout).encode())
        spec = find_spec("docx")
        for source in (spec.origin if spec is not None else None, __file__, _layout_source()):
            key.update(Path(source).read_bytes() if source else b"-")
        return cache_dir() / f"docx-{key.hexdigest()[:32]}.docx"
    except (OSError, RuntimeError, ValueError, ImportError):
        return None


def _layout_source() -> str:
    from drafter.writers import layout as layout_module

    return layout_module.__file__


def _is_prepared(data: bytes) -> bool:
    """A cached prepared document that python-docx can open (a zip with the main document part)."""
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist() and zf.testzip() is None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _prepare_default(layout: Layout) -> bytes:
    """Build the empty document of a layout."""
    doc = _open_default()
    _Writer(doc, layout, from_reference=False).prepare()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@lru_cache(maxsize=8)
def _prepared_reference(path: str, stamp: tuple[int, int] | None, layout: Layout) -> bytes:
    """A reference document emptied and given our missing styles, once per file version (`stamp`)."""
    doc = _open_reference(Path(path))
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


def sanitised_reference(path: Path):
    """The reference document's bytes, read within the size limits and stripped of external
    relationships, macros and embedded objects (see drafter.docxsafe); `.dropped` says what went."""
    from drafter.docxsafe import sanitise_package
    from drafter.textio import read_bytes

    data = read_bytes(path)  # a folder, a loop, no permission, a device: each said as it is
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputFileError("reference document is not a .docx (not a zip package)", path=path)
    try:
        return sanitise_package(data, str(path))
    except InputFileError as exc:
        raise InputFileError(f"reference document: {exc.message}", path=path) from None


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
