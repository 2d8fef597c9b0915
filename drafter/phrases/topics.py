"""The topic thesaurus: related words per common topic (`topics.yaml` beside this module).

A writer types a topic (乡村振兴, 人才工作, 基层党建); ranking needs the words an
entry about that topic would use (农村、产业、村集体…), which jieba overlap with
the topic's own name cannot give. The file is small, curated and validated on
load; problems name the file, line and column. Its keys are declared once (`TOPIC`,
`TOP`) for the validator and the JSON Schema `drafter schema topics` prints.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from drafter.declare import NONBLANK, Key, Problems, check_mapping, checked_items, closed, document, strings, text
from drafter.errors import DrafterError, ValidationError
from drafter.yamlsrc import YamlDoc, load_yaml

THESAURUS = Path(__file__).with_name("topics.yaml")
_VAGUE = frozenset({"工作", "建设", "教育", "党的建设"})  # too vague to name a topic on their own


@dataclass(frozen=True)
class Topic:
    name: str
    aliases: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    outlines: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name,) + self.aliases

    @property
    def vocabulary(self) -> tuple[str, ...]:
        """Every word that shows an entry is about this topic: names first, then related words."""
        return tuple(dict.fromkeys(self.names + self.words))


@dataclass(frozen=True)
class Thesaurus:
    topics: tuple[Topic, ...]
    digest: str

    def matching(self, text: str, outline: str | None = None) -> tuple[Topic, ...]:
        """Topics named in `text` (or implied by the outline): 抓党建促乡村振兴 -> 乡村振兴, 基层党建; 人才 -> 人才工作."""
        text = (text or "").strip()
        core = text[:-2] if text.endswith("工作") and len(text) > 3 else text
        out = []
        for t in self.topics:
            if outline and outline in t.outlines:
                out.append(t)
            elif text and (any(n in text for n in t.names)
                           or (len(core) >= 2 and core not in _VAGUE and core in t.name)):
                out.append(t)
        return tuple(out)

    def words(self) -> tuple[str, ...]:
        """All words of all topics (what an entry is scanned for)."""
        return tuple(dict.fromkeys(w for t in self.topics for w in t.vocabulary + t.marks))


LISTS = ("aliases", "words", "tags", "outlines", "marks")
# The format, declared once for the validator and `drafter schema topics` (drafter.declare).
TOPIC: dict[str, Key] = {
    "name": text("name: a topic name is required", pattern=NONBLANK, required=True),
    **{k: strings(f"{k}: a list of non-empty strings is required", nullable=True) for k in LISTS},
}
TOP: dict[str, Key] = {
    "topics": Key({"type": "array", "items": {"$ref": "#/$defs/topic"}}, required=True),
}


def json_schema() -> dict[str, Any]:
    """JSON Schema of the topic thesaurus (what `drafter schema topics` prints)."""
    # Not in the schema: a topic name listed twice (JSON Schema compares whole items only).
    return document("topics", "drafter topic thesaurus", "主题词表：每个常见工作主题的相关词语，用于表述排序。",
                    closed(TOP), {"topic": closed(TOPIC)})


def parse_thesaurus(doc: YamlDoc, digest: str = "") -> Thesaurus:
    """Validate a thesaurus document; ValidationError lists every problem."""
    problems = Problems(doc)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise ValidationError([DrafterError("a thesaurus is a mapping with a `topics:` list", doc.loc())])
    check_mapping(data, TOP, problems)
    topics = []
    seen: set[str] = set()
    for at, raw, before in checked_items(data["topics"], TOPIC, problems, "topics",
                                         not_mapping="a topic is a mapping with name and words"):
        name = raw.get("name")
        if len(problems) == before and name in seen:
            problems(f"topic {name!r} is listed twice", *at, "name")
        if len(problems) == before:
            seen.add(name)
            topics.append(Topic(name.strip(), **{k: tuple(v.strip() for v in raw.get(k) or ()) for k in LISTS}))
    problems.raise_any()
    return Thesaurus(tuple(topics), digest)


@cache
def thesaurus(path: str | None = None) -> Thesaurus:
    """The bundled thesaurus (or the file at `path`), loaded once per process."""
    p = Path(path) if path else THESAURUS
    doc = load_yaml(p)
    return parse_thesaurus(doc, hashlib.sha256(p.read_bytes()).hexdigest()[:16])
