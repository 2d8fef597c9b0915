"""Reading corpus files into numbered lines.

Curators hand us what they already have: web pages saved as .txt/.md in
UTF-8, UTF-8 with BOM or GB18030/GBK, and Word files. Every later stage wants
the same thing from all of them: lines of text that remember their source line
(for .docx, the 1-based paragraph index), so warnings and parsed sections can
point back into the file.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from drafter.corpus.lines import TextLine
from drafter.errors import InputFileError
from drafter.textio import decode, read_bytes

DOCX_SUFFIXES = {".docx", ".docm"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")


@dataclass
class LoadedText:
    lines: list[TextLine]
    encoding: str  # "utf-8", "utf-8-sig", "gb18030", "utf-16" or "docx"


def split_lines(text: str) -> list[TextLine]:
    """Number the lines of `text` from 1 (CRLF, CR and LF all end a line).

    `str.splitlines` is not used: it also breaks at form feeds and U+2028,
    which editors do not count as lines, so line numbers would drift.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [TextLine(t, i) for i, t in enumerate(text.split("\n"), start=1)]


def _unbreak(text: str) -> str:
    """Join a paragraph's manual line breaks (a title set as a trapezoid, a byline
    with the date under the name): nothing between Chinese characters, a space
    between Latin words."""
    return re.sub(r"(?<=[^\x00-\x7f])\n|\n(?=[^\x00-\x7f])", "", text).replace("\n", " ")


def load_docx(data: bytes, name: str) -> list[TextLine]:
    """Paragraphs of a .docx body, one line each, numbered by paragraph index."""
    try:
        import docx  # python-docx: imported here so the CLI stays light

        from drafter.docxsafe import open_docx_bytes

        data = open_docx_bytes(data, name)  # zip-bomb limits; .docm read as the document it is
        document = docx.Document(io.BytesIO(data))
        paragraphs = [_unbreak(p.text) for p in document.paragraphs]
    except InputFileError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own errors
        reason = str(exc).split(" at 0x")[0].strip() or type(exc).__name__
        raise InputFileError(f"not a readable .docx file ({reason})", path=name) from None
    if not any(p.strip() for p in paragraphs):
        raise InputFileError("the document has no text", path=name)
    return [TextLine(text, i) for i, text in enumerate(paragraphs, start=1)]


def load(path: str | Path) -> LoadedText:
    """Read a corpus file (.txt/.md or .docx) as numbered lines.

    Raises InputFileError naming the file when it is missing, a directory,
    unreadable, binary, empty, undecodable or a corrupt .docx.
    """
    p = Path(path)
    data = read_bytes(p)
    if p.suffix.lower() in DOCX_SUFFIXES:
        if not data.strip():
            raise InputFileError("file is empty", path=str(p))
        return LoadedText(load_docx(data, str(p)), "docx")
    decoded = decode(data, str(p))
    lines = split_lines(decoded.text)
    if p.suffix.lower() in MARKDOWN_SUFFIXES:
        lines = [strip_markdown(tl) for tl in lines]
    return LoadedText(lines, decoded.encoding)


_MD_BOLD_LEAD = re.compile(r"^(\s*)\*\*(.+?)\*\*")
_MD_ESCAPE = re.compile(r"^(\s*)\\(?=[#>\-+*\d])")


def strip_markdown(tl: TextLine) -> TextLine:
    """A Markdown line as the plain text the parser reads: "## 一、统一思想" -> "一、统一思想",
    "**（一）要……。**正文" -> "（一）要……。正文" (how `--format md` sets run-in headings),
    "\\1. " -> "1. ".

    Bold elsewhere stays: a lone "**区" is how the corpus anonymises place names.
    """
    m = _MD_HEADING.match(tl.text)
    if m:
        tl = tl.slice(m.start(1), m.end(1))
    text = _MD_ESCAPE.sub(lambda m: m.group(1), _MD_BOLD_LEAD.sub(lambda m: m.group(1) + m.group(2), tl.text))
    return tl if text == tl.text else TextLine(text, tl.line)
