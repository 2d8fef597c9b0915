"""The draft being written: a YAML spec in memory, autosaved atomically.

Headless on purpose (never imports Textual): the UI edits a `Draft`, and the
draft's only on-disk form is the spec that `drafter build` reads, so a crash
loses at most the edit typed since the last autosave.

Sections are addressed by a *path*: a tuple of indexes, (2,) is the third
top-level point and (2, 0) its first sub-point.
"""

from __future__ import annotations

import copy
import os
import re
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

from drafter.textio import atomic_write
from drafter.yamlsrc import dump_yaml

SPEC_KEYS = ("outline", "facts", "opening", "sections", "closing", "style", "targets")
SECTION_KEYS = ("heading", "role", "done", "paragraphs", "children")

Path_ = tuple[int, ...]
UNDO_KEYS = ("opening", "sections", "closing")
UNDO_PAUSE = 2.0  # seconds: typing after a pause is a new undo step
UNDO_LIMIT = 200

# A paragraph that refers to a phrase-bank entry shows in the editor as one line like this.
PHRASE_LINE = re.compile(r"^〔短语：([A-Za-z0-9][A-Za-z0-9._-]*)〕$")


def drafts_dir() -> Path:
    """Where new drafts are autosaved: $XDG_DATA_HOME/drafter/drafts (~/.local/share/...)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "drafter" / "drafts"


@dataclass
class RecentDraft:
    path: Path
    title: str
    outline: str
    modified: float


def recent_drafts(limit: int = 20, folder: Path | None = None) -> list[RecentDraft]:
    """Autosaved drafts, newest first (unreadable files are skipped, never fatal)."""
    from drafter.errors import DrafterError
    from drafter.yamlsrc import load_yaml

    folder = folder or drafts_dir()
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.yaml"), key=lambda p: p.stat().st_mtime, reverse=True)[:limit]
    out = []
    for p in files:
        try:
            data = load_yaml(p).data
        except (DrafterError, OSError):
            continue
        if not isinstance(data, dict):
            continue
        facts = data.get("facts") if isinstance(data.get("facts"), dict) else {}
        title = str(facts.get("title") or facts.get("meeting") or facts.get("topic") or "未命名草稿")
        out.append(RecentDraft(p, title, str(data.get("outline") or ""), p.stat().st_mtime))
    return out


def new_draft_path(outline_id: str, folder: Path | None = None) -> Path:
    folder = folder or drafts_dir()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    p = folder / f"{stamp}-{outline_id}.yaml"
    n = 1
    while p.exists():
        n += 1
        p = folder / f"{stamp}-{outline_id}-{n}.yaml"
    return p


def _section(heading: str = "", role: str | None = None) -> dict[str, Any]:
    s: dict[str, Any] = {"heading": heading}
    if role:
        s["role"] = role
    s["paragraphs"] = []
    s["children"] = []
    return s


def blank_section() -> dict[str, Any]:
    """A point with nothing written yet."""
    return _section()


def _normalise_section(raw: Any) -> dict[str, Any]:
    raw = raw if isinstance(raw, dict) else {}
    s = _section(str(raw.get("heading") or ""), raw.get("role"))
    s["paragraphs"] = list(raw.get("paragraphs") or [])
    s["children"] = [_normalise_section(c) for c in raw.get("children") or []]
    for k, v in raw.items():  # keep anything else the spec format may add
        if k not in s:
            s[k] = v
    return s


@dataclass
class Draft:
    """A spec being edited, plus where it autosaves."""

    data: dict[str, Any]
    path: Path
    dirty: bool = False
    saved_at: float | None = None
    listeners: list = field(default_factory=list, repr=False)
    has_comments: bool = False  # the opened file had YAML comments (a save drops them)
    update_notes: list = field(default_factory=list, repr=False)  # `# 待更新` notes, kept on save (oldspeech)
    backup_pending: bool = False  # the opened file is not canonical: keep a .bak before the first rewrite
    focus: Any = None  # where the writer is (a path, "opening"/"closing"): undo returns there
    undo_stack: list = field(default_factory=list, repr=False)
    redo_stack: list = field(default_factory=list, repr=False)
    _group: Any = field(default=None, repr=False)
    _group_at: float = field(default=0.0, repr=False)

    # ------------------------------------------------------------------ creation

    @classmethod
    def new(cls, outline_id: str, roles: list[tuple[str | None, str]] | None = None,
            path: Path | None = None) -> "Draft":
        """A blank draft for an outline; `roles` lists (role, heading) per outline section."""
        data: dict[str, Any] = {"outline": outline_id, "facts": {}, "opening": [],
                                "sections": [_section(h, r) for r, h in roles or []], "closing": []}
        d = cls(data, path or new_draft_path(outline_id))
        d.dirty = True
        return d

    @classmethod
    def from_data(cls, data: dict[str, Any], path: Path) -> "Draft":
        data = dict(data)
        data["facts"] = dict(data.get("facts") or {})
        data["sections"] = [_normalise_section(s) for s in data.get("sections") or []]
        data.setdefault("opening", [])
        data.setdefault("closing", [])
        ordered = {k: data[k] for k in SPEC_KEYS if k in data}
        ordered.update({k: v for k, v in data.items() if k not in ordered})
        return cls(ordered, Path(path))

    @classmethod
    def open(cls, path: str | Path) -> "Draft":
        """Load a spec file as a draft (YAML errors raise DrafterError with file:line:col), and take
        its lock (`drafter.speclock`): DraftInUseError when another window or tab is editing it."""
        from drafter.errors import ValidationError, DrafterError
        from drafter.yamlsrc import load_yaml

        doc = load_yaml(path)
        if not isinstance(doc.data, dict):
            raise ValidationError([DrafterError("a spec must be a mapping with outline, facts and sections",
                                                path=str(path), line=1)])
        problems = []
        if not doc.data.get("outline"):
            problems.append(DrafterError("missing required key 'outline'", path=str(path), field="outline"))
        shapes = {"facts": dict, "sections": list, "opening": list, "closing": list, "style": dict, "targets": dict}
        for key, kind in shapes.items():
            value = doc.data.get(key)
            if value is not None and not isinstance(value, kind):
                problems.append(DrafterError(f"must be a {'mapping' if kind is dict else 'list'}",
                                             doc.loc(key)))

        def sections_ok(items: list, where: tuple) -> None:
            for i, s in enumerate(items):
                if not isinstance(s, dict):
                    problems.append(DrafterError("a section must be a mapping with heading and paragraphs",
                                                 doc.loc(*where, i)))
                    continue
                for key in ("paragraphs", "children"):
                    if s.get(key) is not None and not isinstance(s[key], list):
                        problems.append(DrafterError("must be a list", doc.loc(*where, i, key)))
                if s.get("heading") is not None and not isinstance(s["heading"], (str, int, float)):
                    problems.append(DrafterError("heading must be one line of text", doc.loc(*where, i, "heading")))
                if s.get("role") is not None and not isinstance(s["role"], str):
                    problems.append(DrafterError("role must be one word, like importance", doc.loc(*where, i, "role")))
                for j, p in enumerate(s.get("paragraphs") if isinstance(s.get("paragraphs"), list) else []):
                    if not isinstance(p, (str, int, float, dict)) or p is None:
                        problems.append(DrafterError("a paragraph must be a line of text",
                                                     doc.loc(*where, i, "paragraphs", j)))
                if isinstance(s.get("children"), list):
                    sections_ok(s["children"], where + (i, "children"))
        if isinstance(doc.data.get("sections"), list):
            sections_ok(doc.data["sections"], ("sections",))
        if problems:
            raise ValidationError(problems)
        from drafter import speclock

        if not speclock.hold(path):  # another window's autosaves and ours would overwrite each other
            from drafter.errors import DraftInUseError

            raise DraftInUseError("is open in another drafter window or tab; edit it there, or close it there "
                                  "first (one window edits a draft at a time; a drafter suspended with Ctrl+Z "
                                  "still holds it: bring it back with fg)", path=str(path))
        draft = cls.from_data(doc.data, Path(path))
        from drafter.textio import read_text
        try:
            original = read_text(path).text
        except (DrafterError, OSError):
            original = ""
        from drafter.tui.oldspeech import notes_in, without_notes

        draft.update_notes = notes_in(original)
        draft.has_comments = has_yaml_comments(without_notes(original))
        draft.backup_pending = bool(original) and original != draft.saved_text()
        return draft

    # ------------------------------------------------------------------ reading

    @property
    def outline_id(self) -> str:
        return str(self.data.get("outline") or "")

    @property
    def facts(self) -> dict[str, Any]:
        return self.data["facts"]

    @property
    def sections(self) -> list[dict[str, Any]]:
        return self.data["sections"]

    @property
    def targets(self) -> dict[str, Any]:
        return dict(self.data.get("targets") or {})

    def section(self, path: Path_) -> dict[str, Any]:
        items = self.sections
        node: dict[str, Any] = {}
        for i in path:
            node = items[i]
            items = node["children"]
        return node

    def walk(self) -> Iterator[tuple[Path_, dict[str, Any]]]:
        """Every section with its path, depth first."""
        def rec(items: list, prefix: Path_):
            for i, s in enumerate(items):
                yield prefix + (i,), s
                yield from rec(s["children"], prefix + (i,))
        yield from rec(self.sections, ())

    def siblings(self, path: Path_) -> list[dict[str, Any]]:
        return self.sections if len(path) == 1 else self.section(path[:-1])["children"]

    # ------------------------------------------------------------------ editing

    def changed(self) -> None:
        self.dirty = True
        for fn in list(self.listeners):
            fn(self)

    def set_fact(self, name: str, value: Any) -> None:
        if value in (None, "", []):
            if name not in self.facts:
                return
            self.facts.pop(name, None)
        elif self.facts.get(name) == value:
            return
        else:
            self.facts[name] = value
        self.changed()

    def set_target(self, name: str, value: Any) -> None:
        targets = dict(self.data.get("targets") or {})
        if value in (None, ""):
            targets.pop(name, None)
        else:
            targets[name] = value
        if targets:
            self.data["targets"] = targets
        else:
            self.data.pop("targets", None)
        self.changed()

    def set_style(self, name: str, value: Any) -> None:
        """A layout setting (`style:` preset, page_numbers…); None restores the default."""
        style = dict(self.data.get("style") or {})
        if style.get(name) == value:
            return
        if value is None:
            style.pop(name, None)
        else:
            style[name] = value
        if style:
            self.data["style"] = style
        else:
            self.data.pop("style", None)
        self.changed()

    def set_heading(self, path: Path_, heading: str) -> None:
        s = self.section(path)
        if s["heading"] != heading:
            self.checkpoint(("heading", id(s)))
            s["heading"] = heading
            self.changed()

    def set_done(self, path: Path_, done: bool) -> None:
        """Mark a point done by the writer (`done: true` in the spec) or not."""
        s = self.section(path)
        if bool(s.get("done")) != done:
            self.checkpoint()
            if done:
                s["done"] = True
            else:
                s.pop("done", None)
            self.changed()

    def body_text(self, path: Path_) -> str:
        """The section's paragraphs as editor text: one paragraph a line."""
        return "\n".join(paragraph_line(p) for p in self.section(path)["paragraphs"])

    def set_body_text(self, path: Path_, text: str) -> None:
        s = self.section(path)
        items = _items_from_text(text, s["paragraphs"])
        if items != s["paragraphs"]:
            self.checkpoint(("body", id(s)))
            s["paragraphs"] = items
            self.changed()

    def part_text(self, part: str) -> str:
        """The writer's own `opening` or `closing` as editor text ("" = the outline's formula)."""
        return "\n".join(paragraph_line(p) for p in self.data.get(part) or [])

    def set_part_text(self, part: str, text: str) -> None:
        """Set `opening` or `closing` from editor text; blank text restores the formula."""
        if part not in ("opening", "closing"):
            raise ValueError(part)
        old = list(self.data.get(part) or [])
        items = _items_from_text(text, old)
        if items != old:
            self.checkpoint(("part", part))
            self.data[part] = items
            self.changed()

    def add_section(self, after: Path_ | None = None, heading: str = "", role: str | None = None,
                    first: bool = False) -> Path_:
        """A new point after `after` at the same level (at the end when None, or first when `first`)."""
        self.checkpoint()
        if first:
            self.sections.insert(0, _section(heading, role))
            path = (0,)
        elif after is None:
            self.sections.append(_section(heading, role))
            path: Path_ = (len(self.sections) - 1,)
        else:
            sibs = self.siblings(after)
            sibs.insert(after[-1] + 1, _section(heading, role))
            path = after[:-1] + (after[-1] + 1,)
        self.changed()
        return path

    def add_child(self, parent: Path_, heading: str = "") -> Path_:
        self.checkpoint()
        children = self.section(parent)["children"]
        children.append(_section(heading))
        self.changed()
        return parent + (len(children) - 1,)

    def remove(self, path: Path_) -> Path_ | None:
        """Remove a section; returns the path that should take the focus."""
        self.checkpoint()
        sibs = self.siblings(path)
        del sibs[path[-1]]
        self.changed()
        if sibs:
            return path[:-1] + (min(path[-1], len(sibs) - 1),)
        return path[:-1] or None

    def move(self, path: Path_, delta: int) -> Path_:
        """Move a section up (-1) or down (+1) among its siblings; returns its new path."""
        sibs = self.siblings(path)
        i, j = path[-1], path[-1] + delta
        if not 0 <= j < len(sibs):
            return path
        self.checkpoint()
        sibs[i], sibs[j] = sibs[j], sibs[i]
        self.changed()
        return path[:-1] + (j,)

    # ------------------------------------------------------------------ undo

    def checkpoint(self, group: Any = None) -> None:
        """Remember the text and structure before an edit, as one undo step.

        Edits of one `group` (typing in one field of one section) in quick
        succession make one step; `group=None` (add, remove, move, insert) is
        always a step of its own. Facts, targets and style are not undone here.
        """
        now = time.monotonic()
        if group is not None and group == self._group and now - self._group_at < UNDO_PAUSE:
            self._group_at = now
            return
        self.undo_stack.append(self._snapshot())
        del self.undo_stack[:-UNDO_LIMIT]
        self.redo_stack.clear()
        self._group, self._group_at = group, now

    def break_group(self) -> None:
        """The next edit starts a new undo step."""
        self._group = None

    def _snapshot(self) -> tuple[dict[str, Any], Any]:
        return {k: copy.deepcopy(self.data.get(k) or []) for k in UNDO_KEYS}, self.focus

    def _restore(self, snap: tuple[dict[str, Any], Any]) -> Any:
        parts, focus = snap
        for k in UNDO_KEYS:
            self.data[k] = copy.deepcopy(parts[k])
        self._group = None
        self.changed()
        return focus

    def undo(self) -> tuple[bool, Any]:
        """Undo the last step: (done, where the writer was before it)."""
        if not self.undo_stack:
            return False, self.focus
        self.redo_stack.append(self._snapshot())
        return True, self._restore(self.undo_stack.pop())

    def redo(self) -> tuple[bool, Any]:
        if not self.redo_stack:
            return False, self.focus
        self.undo_stack.append(self._snapshot())
        return True, self._restore(self.redo_stack.pop())

    def path_of(self, section: Any) -> Path_ | None:
        """The path of this very section object (identity, not equality), or None when gone."""
        for path, s in self.walk():
            if s is section:
                return path
        return None

    # ------------------------------------------------------------------ saving

    def spec_data(self) -> dict[str, Any]:
        """The spec as `drafter build` reads it: blank points and empty lists left out.

        A deep copy, so a worker thread can render it while the writer types.
        """
        return copy.deepcopy(self._spec_data())

    def kept_points(self) -> list[int]:
        """Indexes of the top-level points the saved spec keeps (blank ones are left out), in order."""
        def kept(s: dict[str, Any]) -> bool:
            return bool(s["heading"].strip() or s["paragraphs"] or any(kept(c) for c in s["children"]))
        return [i for i, s in enumerate(self.sections) if kept(s)]

    def _spec_data(self) -> dict[str, Any]:
        def clean(s: dict[str, Any]) -> dict[str, Any] | None:
            children = [c for c in (clean(x) for x in s["children"]) if c]
            if not s["heading"].strip() and not s["paragraphs"] and not children:
                return None
            out = {k: v for k, v in s.items() if k not in ("children", "paragraphs")}
            out["heading"] = s["heading"]
            if s["paragraphs"]:
                out["paragraphs"] = list(s["paragraphs"])
            if children:
                out["children"] = children
            return {k: out[k] for k in (*SECTION_KEYS, *out) if k in out}

        out: dict[str, Any] = {}
        for k, v in self.data.items():
            if k == "sections":
                out[k] = [c for c in (clean(s) for s in v) if c]
            elif k in ("opening", "closing") and not v:
                continue
            else:
                out[k] = v
        return out

    def to_yaml(self) -> str:
        """The draft as saved: exactly what `drafter build` accepts (blank points left out)."""
        return dump_yaml(self.spec_data())

    def saved_text(self) -> str:
        """What a save writes: the YAML, with the `# 待更新` notes whose item is unchanged above it."""
        from drafter.tui.oldspeech import with_notes

        return with_notes(self.to_yaml(), self.update_notes)

    def merge_skeleton(self, roles: list[str | None]) -> None:
        """Give back a blank point for each outline role the draft lacks, in outline order.

        Saved drafts leave blank points out (a spec may not have empty
        headings); reopening restores them so the walker shows the outline.
        Not an edit: the draft stays clean.
        """
        present = {s.get("role") for s in self.sections if isinstance(s.get("role"), str)}
        for i, role in enumerate(roles):
            if not role or role in present:
                continue
            earlier = set(roles[:i])
            at = 0
            for j, s in enumerate(self.sections):
                if s.get("role") in earlier:
                    at = j + 1
            self.sections.insert(at, _section("", role))
            present.add(role)

    def backup_path(self) -> Path:
        """Where the next backup goes: `<name>.bak`, then `.bak.2`, `.bak.3`… never over an older one."""
        p, n = self.path.with_name(self.path.name + ".bak"), 1
        while p.exists() or p.is_symlink():
            n += 1
            p = self.path.with_name(f"{self.path.name}.bak.{n}")
        return p

    def backups(self) -> list[Path]:
        """Existing backups of this file, oldest first."""
        first = self.path.with_name(self.path.name + ".bak")
        more = sorted(self.path.parent.glob(self.path.name + ".bak.*"),
                      key=lambda p: int(p.suffix[1:]) if p.suffix[1:].isdigit() else 0)
        return ([first] if first.exists() else []) + [p for p in more if p.suffix[1:].isdigit()]

    def save(self, force: bool = False) -> bool:
        """Write the draft atomically if it changed since the last save; True when written.

        The first rewrite of an opened, non-canonical file (comments, own
        layout) first copies it to a fresh backup (`<name>.bak`, `.bak.2`…),
        never replacing an older one.
        """
        if not (self.dirty or force):
            return False
        if self.backup_pending:
            self._backup()
        atomic_write(self.path, self.saved_text(), force=True)
        self.dirty = False
        self.saved_at = time.time()
        return True


    def _backup(self) -> None:
        """Copy the opened file to `.bak` once; an unwritable backup refuses the save (DrafterError)."""
        from drafter.errors import InputFileError, OutputExistsError

        try:
            original = self.path.read_bytes()
        except FileNotFoundError:
            original = None  # gone meanwhile: nothing left to lose
        except OSError as exc:
            raise InputFileError(f"cannot read for backup: {exc.strerror or exc}", path=str(self.path)) from None
        if original is not None and not any(_same_bytes(b, original) for b in self.backups()):
            try:
                atomic_write(self.backup_path(), original, force=False)  # a fresh one, numbered
            except OutputExistsError:
                pass  # raced by another save: that one holds this original
        self.backup_pending = False


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _items_from_text(text: str, old_items: list[Any]) -> list[Any]:
    """Editor lines as paragraph items; a phrase line keeps its old mapping (slots)."""
    old = {p.get("phrase"): p for p in old_items if isinstance(p, dict) and p.get("phrase")}
    items: list[Any] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        m = PHRASE_LINE.match(line)
        items.append(old.get(m.group(1), {"phrase": m.group(1)}) if m else line)
    return items


def has_yaml_comments(text: str) -> bool:
    """True when YAML `text` holds a comment (a '#' outside every token: not in a string or scalar)."""
    import yaml

    if "#" not in text:
        return False
    lines = text.splitlines(keepends=True)
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln))
    spans = []
    try:
        for tok in yaml.scan(text, Loader=yaml.SafeLoader):
            a = starts[tok.start_mark.line] + tok.start_mark.column if tok.start_mark.line < len(starts) else len(text)
            b = starts[tok.end_mark.line] + tok.end_mark.column if tok.end_mark.line < len(starts) else len(text)
            if b > a:
                spans.append((a, b))
    except yaml.YAMLError:
        return any(ln.lstrip().startswith("#") for ln in lines)
    inside = bytearray(len(text) + 1)
    for a, b in spans:
        inside[a:b] = b"\x01" * (b - a)
    for i, ch in enumerate(text):
        if ch == "#" and not inside[i] and (i == 0 or text[i - 1] in " \t\r\n"):
            return True
    return False


def paragraph_line(item: Any) -> str:
    """One paragraph item of a spec as one editor line."""
    if isinstance(item, dict):
        if item.get("phrase"):
            return f"〔短语：{item['phrase']}〕"
        return str(item.get("text") or "")
    return str(item)


def path_label(path: Path_) -> str:
    return ".".join(str(i + 1) for i in path)
