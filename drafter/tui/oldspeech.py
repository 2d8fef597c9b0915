"""从旧稿开始: an old speech (.txt/.md/.docx) read into new drafts, and what the writer is told.

The UI side of `drafter.importing`: which files the dialog accepts, a label for
each speech of a file (to choose one when there are several), and the
`# 待更新` notes of an import as lines the writer can read (a toast, the preview).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SUFFIXES = (".txt", ".md", ".docx")


@dataclass
class OldSpeech:
    """One speech of an old file, ready to become a draft."""

    data: dict[str, Any]  # spec data that validates with its outline
    outline: str
    label: str  # how the chooser names it
    updates: list[str] = field(default_factory=list)  # "where：what needs updating", one per note


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
    return [OldSpeech(imp.data, imp.data["outline"], speech_label(imp.data, k), update_lines(imp.notes))
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
