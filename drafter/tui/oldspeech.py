"""从旧稿开始: an old speech (.txt/.md/.docx) read into new drafts, and what the writer is told.

The UI side of `drafter.importing`: which files the dialog accepts, a label for
each speech of a file (to choose one when there are several), and the
`# 待更新` notes of an import as lines the writer can read (a toast, the preview).

The notes live in the spec as `# 待更新：……` comments above their item, as
`drafter import` writes them. The UI keeps them across saves and restarts:
each note is anchored to the text of its item (a paragraph, a heading, a
fact), written back above wherever that item now is, and dropped once the
writer has changed the item (the update is done).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Mapping

SUFFIXES = (".txt", ".md", ".docx")


@dataclass(frozen=True)
class UpdateNote:
    """A `# 待更新` note and the item it is about: its path when written and the item's text then."""

    path: tuple
    anchor: str
    text: str


@dataclass
class OldSpeech:
    """One speech of an old file, ready to become a draft."""

    data: dict[str, Any]  # spec data that validates with its outline
    outline: str
    label: str  # how the chooser names it
    updates: list[str] = field(default_factory=list)  # "where：what needs updating", one per note
    notes: list[UpdateNote] = field(default_factory=list)  # the same notes, anchored to their items


def path_problem(raw: str) -> str | None:
    """Why `raw` cannot be imported, in Chinese; None when it can be tried."""
    raw = raw.strip()
    if not raw:
        return "请填写旧稿的文件路径"
    try:
        path = Path(raw).expanduser()
        if path.is_dir():
            return "这是文件夹，请写上文件名"
        if path.suffix.lower() not in SUFFIXES:
            return "只能导入 .txt、.md 或 .docx 文件"
        if not path.exists():
            return "文件不存在"
    except (ValueError, OSError, RuntimeError):  # a NUL byte, a name too long, ~nosuchuser
        return "文件路径有误"
    return None


def speech_label(data: dict[str, Any], index: int) -> str:
    """'第2篇 在全县……会议上的讲话' from the facts import read (title, else theme, else the first heading)."""
    from drafter.importing import FILL

    facts = data.get("facts") or {}
    names = [facts.get(k) for k in ("title", "theme", "meeting", "topic")]
    name = next((str(n) for n in names if n and str(n) != FILL), "")
    if not name and data.get("sections"):
        name = data["sections"][0].get("heading", "")
    return f"第{index + 1}篇 {name}".rstrip()


def update_lines(notes: dict[tuple, list[str]]) -> list[str]:
    """Each `# 待更新` note as '位置：内容', in the order of the spec (a fact's note names the fact itself)."""
    from drafter.importing import _label

    out = []
    for path, texts in notes.items():
        where = _label(path) if path and path[0] != "facts" else ""
        out += [f"{where}：{text}" if where else text for text in texts]
    return out


def read_old_speeches(path: str | Path) -> list[OldSpeech]:
    """Every speech in the old file, with its update notes (slow: jieba, check; run it in a worker).

    Unreadable files raise DrafterError naming the file.
    """
    from drafter.importing import import_file

    found = import_file(path)
    return [OldSpeech(imp.data, imp.data["outline"], speech_label(imp.data, k), update_lines(imp.notes),
                      anchored_notes(imp.data, imp.notes))
            for k, imp in enumerate(found)]


def summary(speech: OldSpeech, shown: int = 3) -> str:
    """The toast after an import: how many places need updating, the first few of them."""
    if not speech.updates:
        return "未发现需要更新之处；请通读后再用"
    lines = [f"有 {len(speech.updates)} 处需要更新（F4 预览中列出）："]
    lines += [f"· {u}" for u in speech.updates[:shown]]
    if len(speech.updates) > shown:
        lines.append(f"……另有 {len(speech.updates) - shown} 处")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- notes kept in the spec

NOTE_MARK = "# 待更新："


def _at(data: Any, path: tuple) -> Any:
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _anchor(data: Any, path: tuple) -> str | None:
    """The text that identifies the item at `path`: a section by its heading, a fact by its key and value."""
    value = _at(data, path)
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("heading", value.get("phrase"))
    if path[:1] == ("facts",) and len(path) >= 2:
        return f"{path[1]}={value}"
    return None if value is None or isinstance(value, (list, dict)) else str(value)


def _paths(data: Any, path: tuple = ()) -> Iterator[tuple]:
    """Every key and item path of the spec data, parents first."""
    if path:
        yield path
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, path + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, path + (i,))


def anchored_notes(data: Mapping[str, Any], notes: Mapping[tuple, list[str]]) -> list[UpdateNote]:
    """Import's notes by path, each tied to the text of its item (notes on the spec as a whole dropped)."""
    out = []
    for path, texts in notes.items():
        anchor = _anchor(data, tuple(path)) if path else None
        if anchor is not None:
            out += [UpdateNote(tuple(path), anchor, " ".join(str(t).split())) for t in texts]
    return out


def _shape(path: tuple) -> tuple:
    return tuple(k if isinstance(k, str) else 0 for k in path)


def place_notes(data: Mapping[str, Any], notes: list[UpdateNote]) -> list[UpdateNote]:
    """The notes whose item is still there, at its current path (same path first, else the first item of
    the same kind with the same text); a note whose item the writer changed is gone."""
    placed = []
    candidates: dict[tuple, list[tuple]] | None = None
    for note in notes:
        if _anchor(data, note.path) == note.anchor:
            placed.append(note)
            continue
        if candidates is None:
            candidates = {}
            for p in _paths(data):
                candidates.setdefault(_shape(p), []).append(p)
        found = next((p for p in candidates.get(_shape(note.path), []) if _anchor(data, p) == note.anchor), None)
        if found is not None:
            placed.append(UpdateNote(found, note.anchor, note.text))
    return placed


def with_notes(text: str, notes: list[UpdateNote]) -> str:
    """Spec YAML `text` with each note as a `# 待更新：` comment above the line of its item.

    Only notes whose item is still in `text` are written (see `place_notes`)."""
    from drafter.yamlsrc import parse_yaml

    if not notes:
        return text
    doc = parse_yaml(text, "spec")
    lines = text.splitlines(keepends=True)
    above: dict[int, list[str]] = {}
    for note in place_notes(doc.data, notes):
        mark = doc.marks.get(note.path)
        if mark is None or not 1 <= mark[0] <= len(lines):
            continue
        line = lines[mark[0] - 1]
        indent = line[: len(line) - len(line.lstrip(" "))]
        comment = f"{indent}{NOTE_MARK}{note.text}\n"
        if comment not in above.setdefault(mark[0], []):
            above[mark[0]].append(comment)
    return "".join("".join(above.get(n, [])) + line for n, line in enumerate(lines, 1))


def notes_in(text: str) -> list[UpdateNote]:
    """The `# 待更新：` comments of a spec file, each anchored to the item on the next line."""
    from drafter.errors import DrafterError
    from drafter.yamlsrc import parse_yaml

    if NOTE_MARK not in text:
        return []
    try:
        doc = parse_yaml(text, "spec")
    except DrafterError:
        return []
    at_line: dict[int, tuple] = {}
    for path, (line, _col) in doc.marks.items():
        if path:
            at_line.setdefault(line, path)  # parents first: a section before its heading
    notes, pending = [], []
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith(NOTE_MARK):
            pending.append(stripped[len(NOTE_MARK):].strip())
        elif stripped and not stripped.startswith("#"):
            path = at_line.get(n)
            anchor = _anchor(doc.data, path) if path else None
            if anchor is not None:
                notes += [UpdateNote(path, anchor, t) for t in pending if t]
            pending = []
    return notes


def note_lines(notes: list[UpdateNote]) -> list[str]:
    """The notes as '位置：内容' lines for the preview."""
    grouped: dict[tuple, list[str]] = {}
    for n in notes:
        grouped.setdefault(n.path, []).append(n.text)
    return update_lines(grouped)


def without_notes(text: str) -> str:
    """`text` without its `# 待更新：` lines (they are kept on save; other comments are not)."""
    return "".join(line for line in text.splitlines(keepends=True) if not line.lstrip().startswith(NOTE_MARK))
