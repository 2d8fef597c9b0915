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
layout (and reference file) with python-docx (drafter.writers.pydocx) and kept
as bytes, per process and, for the layouts, in the per-user cache. A build
then writes the speech into it as text (drafter.writers.wordml): a cold build
whose prepared document is cached loads neither python-docx nor lxml. A
reference document's speech is added with python-docx, from the same
paragraph walk.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from drafter.errors import InputFileError
from drafter.model import Speech
from drafter.writers.layout import Layout
from drafter.writers.wordml import EAST_ASIAN_AMBIGUOUS, body_xml, core_values, fill_package, speech_paragraphs

__all__ = ["EAST_ASIAN_AMBIGUOUS", "STYLES", "sanitised_reference", "style_name", "write_docx"]


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
            from drafter.writers.pydocx import write_with_python_docx

            return write_with_python_docx(speech, layout, base, from_reference=False)
    path = Path(reference_doc)
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = None
    from drafter.writers.pydocx import write_with_python_docx

    return write_with_python_docx(speech, layout, _prepared_reference(str(path), stamp, layout), from_reference=True)


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
        for source in (spec.origin if spec is not None else None, __file__, _source("pydocx"), _source("layout")):
            key.update(Path(source).read_bytes() if source else b"-")
        return cache_dir() / f"docx-{key.hexdigest()[:32]}.docx"
    except (OSError, RuntimeError, ValueError, ImportError):
        return None


def _source(module: str) -> str:
    """The file of a sibling module (its code is part of the prepared document's cache key)."""
    return str(Path(__file__).with_name(f"{module}.py"))


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
    """Build the empty document of a layout (with python-docx)."""
    from drafter.writers.pydocx import prepare_default

    return prepare_default(layout)


@lru_cache(maxsize=8)
def _prepared_reference(path: str, stamp: tuple[int, int] | None, layout: Layout) -> bytes:
    """A reference document emptied and given our missing styles, once per file version (`stamp`)."""
    from drafter.writers.pydocx import prepare_reference

    return prepare_reference(Path(path), layout)


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


