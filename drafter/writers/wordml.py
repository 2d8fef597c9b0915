"""The speech's paragraphs as WordprocessingML text, written into a prepared .docx package.

A build fills an empty document prepared once per layout (styles, page setup,
footers: drafter.writers.docx, with python-docx) with the speech. That filling
is plain string building and zipfile: neither python-docx nor lxml is imported,
which is most of a cold single build's time. `speech_paragraphs` decides what
the document holds (one walk of the Speech, shared by both emitters);
`body_xml` writes it byte for byte as python-docx (lxml) serialises the same
paragraphs, and `set_core_properties` edits docProps/core.xml as python-docx's
core properties do, so the two paths give the same package
(tests/test_docx_fast.py compares them on every example).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, timezone
from typing import NamedTuple

from drafter.lazyre import lazy_unprintable
from drafter.model import Paragraph, Section, Speech
from drafter.writers.titles import break_title

# Characters whose font Word picks by the run's hint: curly quotes share code
# points with Western quotes and would be drawn half-width in the Latin font.
EAST_ASIAN_AMBIGUOUS = frozenset("“”‘’—…·•°×※§")
_XML_INVALID = lazy_unprintable("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TERMINAL = tuple("。！？；：…")
_BYLINE_DATE = re.compile(r"^(?P<name>.*?)\s*(?P<date>[（(]\s*\d{4}\s*年[^）)]*[）)])\s*$")
_DATE_IN_TEXT = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_RUN_CONTROLS = re.compile(r"([\t\r\n])")
CORE_LIMIT = 255  # python-docx refuses longer core property values


class Run(NamedTuple):
    """A run of text; `char_role` is a character style's role key (runin1..4); `br` ends it with a line break."""

    text: str
    char_role: str | None = None
    br: bool = False


class Para(NamedTuple):
    """A paragraph of a role (body, title, heading2...) and its runs (none for a blank line)."""

    role: str
    runs: tuple[Run, ...] = ()


def clean(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry."""
    return _XML_INVALID.sub("", text)


def needs_hint(text: str) -> bool:
    return any(ch in EAST_ASIAN_AMBIGUOUS for ch in text)


# --------------------------------------------------------------------------- what the document holds


def speech_paragraphs(speech: Speech, title_chars: int) -> list[Para]:
    """The document's paragraphs in order: title (broken into lines), subtitle, byline, salutation,
    opening, transition, sections with numbered or run-in headings, closing."""
    out: list[Para] = []

    def para(role: str, text: str = "") -> None:
        out.append(Para(role, (Run(text),) if text else ()))

    def broken(role: str, lines: list[str]) -> None:
        out.append(Para(role, tuple(Run(line, br=i < len(lines) - 1) for i, line in enumerate(lines))))

    header = False
    if speech.title.strip():
        title = clean(speech.title).strip()
        lines = [line.strip() for line in title.splitlines() if line.strip()]  # the writer's own breaks
        if len(lines) <= 1:
            lines = break_title(title, title_chars)
        broken("title", lines)
        header = True
    if speech.subtitle.strip():
        para("subtitle", speech.subtitle.strip())
        header = True
    byline = byline_lines(speech.byline)
    if byline:
        if header:
            para("body")
        broken("byline", byline)
        header = True
    if header:
        para("body")
    if speech.salutation.strip():
        para("salutation", speech.salutation.strip())

    def body(p: Paragraph, role: str = "body") -> None:
        text = p.text.strip()
        if text:
            para(role, text)

    def section(s: Section) -> None:
        level = min(max(s.level, 1), 4)
        heading = f"{s.marker}{s.heading}".strip()
        paragraphs = list(s.paragraphs)
        if s.run_in and heading:
            bare = not s.heading.strip() or heading.endswith(_TERMINAL)  # "一是" alone, or "……？"
            runs = [Run(heading if bare else heading + "。", f"runin{level}")]
            if paragraphs:
                runs.append(Run(paragraphs.pop(0).text.strip()))
            out.append(Para("body", tuple(runs)))
        elif heading:
            para(f"heading{level}", heading)
        for p in paragraphs:
            body(p)
        for child in s.children:
            section(child)

    for p in speech.opening:
        body(p)
    if speech.transition is not None:
        body(speech.transition)
    for s in speech.sections:
        section(s)
    for p in speech.closing:
        body(p, "closing")
    return out


def byline_lines(byline: str) -> list[str]:
    """Speaker and date on their own lines: "王建国（2026年11月23日）" -> two lines."""
    lines = [line.strip() for line in clean(byline).splitlines() if line.strip()]
    if len(lines) == 1:
        m = _BYLINE_DATE.match(lines[0])
        if m and m.group("name").strip():
            lines = [m.group("name").strip(), m.group("date")]
    return lines


# --------------------------------------------------------------------------- WordprocessingML text


def _escape(text: str) -> str:
    """Text content escaped as libxml2 writes it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _run_xml(run: Run, style_ids: dict[str, str | None]) -> str:
    """One w:r as python-docx builds it: rStyle and the East Asian hint in rPr; tabs and line
    breaks in the text become w:tab and w:br; text with outer whitespace keeps it (xml:space)."""
    text = clean(run.text)
    props = ""
    if run.char_role is not None:
        props += f'<w:rStyle w:val="{style_ids[run.char_role]}"/>'
    if needs_hint(run.text):
        props += '<w:rFonts w:hint="eastAsia"/>'
    parts = [f"<w:rPr>{props}</w:rPr>"] if props else []
    for piece in _RUN_CONTROLS.split(text) if text else ():
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            parts.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            parts.append(f"<w:t{space}>{_escape(piece)}</w:t>")
    if run.br:
        parts.append("<w:br/>")
    return f"<w:r>{''.join(parts)}</w:r>" if parts else "<w:r/>"


def body_xml(paragraphs: list[Para], style_ids: dict[str, str | None]) -> str:
    """The w:p elements of `paragraphs`; `style_ids` maps a role to its style id (None: the
    document's default paragraph style, which is not named)."""
    out = []
    for p in paragraphs:
        style = style_ids[p.role]
        inner = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style is not None else ""
        inner += "".join(_run_xml(r, style_ids) for r in p.runs)
        out.append(f"<w:p>{inner}</w:p>" if inner else "<w:p/>")
    return "".join(out)


def insert_body(document_xml: bytes, paragraphs_xml: str) -> bytes:
    """The prepared (empty) document.xml with `paragraphs_xml` before the body's section properties."""
    at = document_xml.rfind(b"<w:sectPr")
    if at < 0 or document_xml.find(b"<w:body>") < 0 or document_xml.find(b"<w:p", document_xml.find(b"<w:body>"), at) >= 0:
        raise ValueError("not an empty prepared document")
    return document_xml[:at] + paragraphs_xml.encode("utf-8") + document_xml[at:]


# --------------------------------------------------------------------------- core properties


def core_values(speech: Speech) -> list[tuple[str, str | datetime | int]]:
    """docProps/core.xml's values for a speech, in the order they are set: title, subject (the
    subtitle), author and last editor (the speaker), dates (the speech's), category 讲话稿, zh-CN."""
    speaker = str(speech.meta.get("speaker") or "").strip()
    if not speaker:
        lines = byline_lines(speech.byline)
        if lines and not _DATE_IN_TEXT.search(lines[0]):
            speaker = lines[0]
    created = speech_date(speech) or datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    speaker = clean(speaker)[:CORE_LIMIT]
    return [
        ("title", clean(speech.title.strip())[:CORE_LIMIT]),
        ("subject", clean(speech.subtitle.strip().lstrip("—").strip())[:CORE_LIMIT]),
        ("author", speaker),
        ("last_modified_by", speaker),
        ("comments", ""),
        ("keywords", ""),
        ("category", "讲话稿"),
        ("created", created),
        ("modified", created),
        ("revision", 1),
        ("language", "zh-CN"),
    ]


def speech_date(speech: Speech) -> datetime | None:
    value = speech.meta.get("date")
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        try:
            d = date.fromisoformat(value.strip())
            return datetime(d.year, d.month, d.day)
        except ValueError:
            pass
    m = _DATE_IN_TEXT.search(speech.byline or "")
    if m:
        try:
            return datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


# python-docx property -> element of docProps/core.xml
CORE_ELEMENTS = {"title": "dc:title", "subject": "dc:subject", "author": "dc:creator",
                 "last_modified_by": "cp:lastModifiedBy", "comments": "dc:description",
                 "keywords": "cp:keywords", "category": "cp:category", "created": "dcterms:created",
                 "modified": "dcterms:modified", "revision": "cp:revision", "language": "dc:language"}
_CORE_CHILD = re.compile(r"<(?P<tag>[\w.-]+:[\w.-]+)(?P<attrs>(?:\s[^>]*?)?)(?:/>|>[^<]*</(?P=tag)>)")
_XSI_TYPE = re.compile(r'\sxsi:type="[^"]*"')
_W3CDTF = ' xsi:type="dcterms:W3CDTF"'


def set_core_properties(core_xml: bytes, values: list[tuple[str, str | datetime | int]]) -> bytes:
    """docProps/core.xml with `values` set as python-docx sets them: an element's text replaced
    where it exists, else the element appended; dates in W3CDTF with their xsi:type."""
    text = core_xml.decode("utf-8")
    start = text.find(">", text.find("<cp:coreProperties")) + 1
    end = text.rfind("</cp:coreProperties>")
    if start <= 0 or end < start or 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' not in text[:start]:
        raise ValueError("not a prepared core properties part")
    children: list[list[str]] = []  # [tag, attributes, element text]
    pos = start
    for m in _CORE_CHILD.finditer(text, start, end):
        if m.start() != pos:
            raise ValueError("not a flat core properties part")
        children.append([m.group("tag"), m.group("attrs"), m.group(0)])
        pos = m.end()
    if pos != end:
        raise ValueError("not a flat core properties part")
    by_tag: dict[str, list[str]] = {}
    for child in children:
        by_tag.setdefault(child[0], child)
    for prop, value in values:
        tag = CORE_ELEMENTS[prop]
        child = by_tag.get(tag)
        if child is None:
            child = by_tag[tag] = [tag, "", ""]
            children.append(child)
        if isinstance(value, datetime):
            content = value.strftime("%Y-%m-%dT%H:%M:%SZ")
            child[1] = _XSI_TYPE.sub(_W3CDTF, child[1]) if _XSI_TYPE.search(child[1]) else child[1] + _W3CDTF
        else:
            content = _escape(str(value))
        child[2] = f"<{tag}{child[1]}>{content}</{tag}>"
    return (text[:start] + "".join(child[2] for child in children) + text[end:]).encode("utf-8")


# --------------------------------------------------------------------------- the package


def fill_package(prepared: bytes, paragraphs_xml: str, core: list[tuple[str, str | datetime | int]]) -> bytes:
    """The prepared .docx with the speech's paragraphs in word/document.xml and its core properties,
    every other part as it was, in the same order (written as python-docx writes a package)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(prepared)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = insert_body(data, paragraphs_xml)
            elif info.filename == "docProps/core.xml":
                data = set_core_properties(data, core)
            dst.writestr(info.filename, data)
    return out.getvalue()
