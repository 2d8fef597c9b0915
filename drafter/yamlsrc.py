"""YAML loading that keeps positions, refuses duplicate keys and object tags.

PyYAML's `safe_load` forgets where values came from; specs, outlines, banks
and rule files all need "file:line:column" in their error messages. We
compose the node tree (libyaml's CSafeLoader when present), construct the
data with the safe constructor, and record the mark of every mapping key and
sequence item by its path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from drafter.errors import Location, YamlError
from drafter.gcpause import gc_paused
from drafter.textio import read_text

try:  # libyaml is an order of magnitude faster on large banks
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

PathKey = tuple  # e.g. ("sections", 2, "heading")

# No drafter file nests deeper than a handful of levels; PyYAML's own limit
# (and its wording) changes between releases, so we keep our own.
MAX_DEPTH = 64


@dataclass
class YamlDoc:
    """Loaded YAML data with the position of every key and item."""

    data: Any
    name: str
    marks: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def loc(self, *path: Any) -> Location:
        """Location of `path`, or of its nearest ancestor that has a mark."""
        key = tuple(path)
        while key and key not in self.marks:
            key = key[:-1]
        line, col = self.marks.get(key, (None, None))
        return Location(self.name, line, col, _dotted(path) if path else None)


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_yaml(path: str | Path) -> YamlDoc:
    """Read a YAML file (UTF-8 or GB18030) and load it with positions."""
    return parse_yaml(read_text(path).text, str(path))


def _line_column(text: str, at: int) -> tuple[int, int]:
    """1-based line and column of the character at offset `at`."""
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def parse_yaml(text: str, name: str) -> YamlDoc:
    try:  # UTF-8 refuses only lone surrogates: text from the UI or an API, not a file
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        at = exc.start
        line, column = _line_column(text, at)
        raise YamlError(f"contains a lone surrogate (U+{ord(text[at]):04X}), which is not a character; remove it",
                        path=name, line=line, column=column) from None
    with gc_paused():  # a large bank is over a million nodes, none of them garbage cycles
        return _parse(text, name)


def _refused_character(text: str, name: str, exc: yaml.reader.ReaderError) -> YamlError:
    """A character YAML refuses (a control character), placed at its line and column."""
    at = exc.position
    if _Loader is not yaml.SafeLoader:  # libyaml reads the text as UTF-8: its position counts bytes
        at = len(text.encode("utf-8")[:at].decode("utf-8", "ignore"))
    line, column = _line_column(text, at)
    import unicodedata  # (only on this error path: builds import this module)

    code = exc.character if isinstance(exc.character, int) else ord(exc.character)
    kind = "a control character" if unicodedata.category(chr(code)) == "Cc" else "a character"
    return YamlError(f"contains {kind} (U+{code:04X}), which YAML does not allow; remove it "
                     f"(or write it as an escape such as \\t in double quotes)", path=name, line=line,
                     column=column)


def _parse(text: str, name: str, fast: bool = True) -> YamlDoc:
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:  # the pure-Python reader checks every character first
        raise _refused_character(text, name, exc) from None
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(None, name, {})
        root = (node.start_mark.line + 1, node.start_mark.column + 1)
        if fast:
            built = _build_plain(node, loader, root)
            if built is not None:
                return YamlDoc(built[0], name, built[1])
            loader.dispose()  # the one pass let go of the nodes it built: compose them again
            loader = _Loader(text)
            node = loader.get_single_node()
        marks: dict[PathKey, tuple[int, int]] = {(): root}
        _walk(node, (), marks, name, set())
        try:
            data = loader.construct_document(node)
        except (ValueError, OverflowError) as exc:  # e.g. an impossible date such as 2026-13-45
            found = _bad_scalar(node)
            bad, cause = found if found is not None else (None, exc)
            mark = bad.start_mark if bad is not None else node.start_mark
            value = f" {bad.value[:40]!r}" if bad is not None else ""
            raise YamlError(f"invalid value{value}: {_reason(cause)}", path=name, line=mark.line + 1,
                            column=mark.column + 1) from None
    except RecursionError:
        raise YamlError("nested too deeply", path=name) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = "; ".join(p for p in (exc.context, exc.problem) if p) or "malformed YAML"
        if "nesting depth" in problem:  # PyYAML >= 6.0.3 has a limit of its own
            problem = f"nested too deeply (more than {MAX_DEPTH} levels)"
        elif "constructor" in problem and "tag" in problem:
            tag = problem.split("for the tag", 1)[-1].strip()
            problem = f"YAML tags that construct objects are not allowed ({tag})"
        raise YamlError(problem, path=name, line=mark.line + 1 if mark else None,
                        column=mark.column + 1 if mark else None) from None
    except yaml.reader.ReaderError as exc:
        raise _refused_character(text, name, exc) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"malformed YAML: {exc}", path=name) from None
    finally:
        loader.dispose()
    return YamlDoc(data, name, marks)


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
# Scalar tags the safe constructor turns into plain values (its own functions build them here).
_PLAIN_SCALARS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("null", "bool", "int", "float", "binary", "timestamp"))


class _Irregular(Exception):
    """Something only the reference path (walk, then construct) handles and reports exactly."""


def _build_plain(node: yaml.Node, loader: Any, root: tuple[int, int]) -> tuple[Any, dict] | None:
    """Data and marks in one pass, for documents of plain maps, lists and scalars; None otherwise.

    The reference path walks the node tree for marks and safety checks, then constructs it with
    PyYAML's generic (generator-based) constructor: two passes over a million nodes for a large
    bank. This pass builds the same data with the same scalar constructors and records the same
    marks, and gives up (None) at anything unusual: an alias of a list or mapping, a duplicate
    or non-scalar key, a merge key, another tag, too deep nesting, a value that fails to
    construct. The reference path then runs from scratch and reports it as it always has.
    Lists let go of their nodes as they are built, so a large bank's node tree and its data
    are not both held at once (the tree is then spent: the reference path composes anew).
    """
    marks: dict[PathKey, tuple[int, int]] = {(): root}
    try:
        return _plain(node, (), marks, set(), loader), marks
    except Exception:  # noqa: BLE001 - whatever it is, the reference path decides and reports it
        return None


def _plain(node: yaml.Node, path: PathKey, marks: dict, seen_nodes: set[int], loader: Any) -> Any:
    if len(path) > MAX_DEPTH:
        raise _Irregular
    kind = type(node)
    if kind is yaml.ScalarNode:
        return node.value if node.tag == _STR else _plain_scalar(node, loader)
    if id(node) in seen_nodes or (node.value and len(path) >= MAX_DEPTH):  # an alias; children too deep
        raise _Irregular
    seen_nodes.add(id(node))
    if kind is yaml.MappingNode and node.tag == _MAP:
        out: dict[Any, Any] = {}
        raw_keys: set[str] = set()
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode:
                raise _Irregular
            raw = key_node.value
            key = raw if key_node.tag == _STR else _plain_scalar(key_node, loader)
            if raw in raw_keys:
                raise _Irregular
            raw_keys.add(raw)
            sub = path + (raw,)
            mark = key_node.start_mark
            marks[sub] = (mark.line + 1, mark.column + 1)
            if type(value_node) is yaml.ScalarNode and value_node.tag == _STR:
                out[key] = value_node.value
            else:
                out[key] = _plain(value_node, sub, marks, seen_nodes, loader)
        return out
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        items: list[Any] = []
        children = node.value
        for i, item in enumerate(children):
            children[i] = None  # let go of each built item (a bank's entries): the nodes are the bulk
            sub = path + (i,)
            mark = item.start_mark
            marks[sub] = (mark.line + 1, mark.column + 1)
            items.append(item.value if type(item) is yaml.ScalarNode and item.tag == _STR
                         else _plain(item, sub, marks, seen_nodes, loader))
        return items
    raise _Irregular


def _plain_scalar(node: yaml.ScalarNode, loader: Any) -> Any:
    if node.tag not in _PLAIN_SCALARS:
        raise _Irregular
    return loader.yaml_constructors[node.tag](loader, node)


def _bad_scalar(node: yaml.Node) -> tuple[yaml.ScalarNode, Exception] | None:
    """The first scalar that cannot be constructed (an impossible date or time, a 5,000-digit
    number) and its error, so the message points at the value, not at the document."""
    if isinstance(node, yaml.ScalarNode):
        try:
            yaml.constructor.SafeConstructor().construct_object(node, deep=True)
        except (ValueError, OverflowError, TypeError) as exc:
            return node, exc
        except yaml.YAMLError:
            return None
        return None
    children = node.value if isinstance(node, yaml.SequenceNode) else (
        [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else [])
    for child in children:
        found = _bad_scalar(child)
        if found is not None:
            return found
    return None


def _reason(exc: Exception) -> str:
    """A construction error in the user's terms (Python's int-digits limit names a sys call)."""
    text = str(exc)
    if "set_int_max_str_digits" in text or "integer string conversion" in text:
        return "a number too long to read (more than 4,300 digits)"
    return text


def _walk(node: yaml.Node, path: PathKey, marks: dict, name: str, seen_nodes: set[int]) -> None:
    if len(path) > MAX_DEPTH:
        raise YamlError(f"nested too deeply (more than {MAX_DEPTH} levels)", path=name,
                        line=node.start_mark.line + 1, column=node.start_mark.column + 1)
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        # An alias (*name) reuses a node: a cycle would recurse forever and nested
        # aliases expand exponentially ("billion laughs"). Our files never need them.
        if id(node) in seen_nodes:
            raise YamlError("YAML aliases (*name) of mappings and lists are not supported", path=name,
                            line=node.start_mark.line + 1, column=node.start_mark.column + 1)
        seen_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node.value)
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            if key in seen:
                raise YamlError(
                    f"duplicate key {key!r} (first at line {seen[key].start_mark.line + 1})",
                    path=name, line=key_node.start_mark.line + 1, column=key_node.start_mark.column + 1)
            seen[key] = key_node
            sub = path + (key,)
            marks[sub] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _walk(value_node, sub, marks, name, seen_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            sub = path + (i,)
            marks[sub] = (item.start_mark.line + 1, item.start_mark.column + 1)
            _walk(item, sub, marks, name, seen_nodes)


def dump_yaml(data: Any) -> str:
    """Dump data as readable block YAML with Chinese left unescaped."""
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True,
                     sort_keys=False, default_flow_style=False, width=1000)
