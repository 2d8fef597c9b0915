"""The formulation registry: curator-editable YAML of dated, outdated or wrong wording.

    rules:
      - id: cpc19-as-current
        kind: outdated            # outdated | wrong -> rule formulation.outdated / formulation.wrong
        period: 十九大时期         # the last congress period the wording was current in (dates phrases)
        pattern: '十九届[一二三四五六七]中全会精神'
        regex: true               # default false: the pattern is plain text
        message: 把党的十九大或十九届全会精神当作当前指导
        current: 党的二十大和二十届历次全会精神   # `suggestion` is accepted as an older name
        severity: error           # error | warning | info (default warning)
        since: 2023               # applies to speeches given in or after this year
        until: 2030               # ... and up to this year (optional)
    markers:                      # optional: wording that dates a phrase without being an error
      - period: 十九大时期
        words: [十九届, 党史学习教育]
        regex: false
        until: 2025               # optional: the last year the wording is current

One file feeds `drafter check` (rules) and the era model (drafter.eras:
rules with a period, and markers). Loaded through yamlsrc, validated entry by
entry; every problem is reported with file:line, all at once. The keys are declared
once (`RULE`, `MARKER`, `TOP`) for the validator and `drafter schema rules`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from drafter.check.findings import SEVERITIES
from drafter.declare import (NONBLANK, Key, Problems, boolean, check_mapping, checked_items, choice, closed, document,
                             integer, strings, text)
from drafter.errors import DrafterError, ValidationError
from drafter.yamlsrc import YamlDoc, load_yaml

BUILTIN = Path(__file__).with_name("formulations.yaml")
KINDS = ("outdated", "wrong")
# Party congress periods, oldest first (drafter.eras names them; kept here so the registry loads alone).
PERIODS = ("十五大以前", "十六大时期", "十七大时期", "十八大时期", "十九大时期", "二十大时期")


@dataclass(frozen=True)
class FormulationRule:
    id: str
    kind: str
    pattern: re.Pattern
    message: str
    suggestion: str | None
    severity: str
    since: int | None
    until: int | None
    origin: str  # "file:line" of the entry
    period: str | None = None  # the last congress period the wording was current in

    @property
    def current(self) -> str | None:
        """The current form of the wording (the `current` field)."""
        return self.suggestion

    @property
    def rule(self) -> str:
        return f"formulation.{self.kind}"

    def applies(self, year: int) -> bool:
        return (self.since is None or year >= self.since) and (self.until is None or year <= self.until)


@dataclass(frozen=True)
class Marker:
    """Wording that dates a phrase to `period` (current until `until`, when given)."""

    pattern: re.Pattern
    period: str
    until: int | None
    origin: str


@dataclass(frozen=True)
class Registry:
    rules: tuple[FormulationRule, ...]
    markers: tuple[Marker, ...]


def _year() -> Key:
    return integer(lambda v: f"expected a year like 2023, got {v!r}", minimum=1921, maximum=2200, nullable=True)


def _text(key: str) -> Key:
    return text(f"`{key}` must be text", nullable=True)


# The format, declared once for the validator and `drafter schema rules` (drafter.declare).
RULE: dict[str, Key] = {
    "id": _text("id"),
    "kind": choice(KINDS, lambda v: f"`kind` must be one of {', '.join(KINDS)}, got {v!r}"),
    "period": choice(PERIODS, lambda v: f"`period` must be one of {', '.join(PERIODS)}, got {v!r}", nullable=True),
    "pattern": text("`pattern` is required and must be non-empty text", pattern=NONBLANK, required=True),
    "regex": boolean("`regex` must be true or false"),
    "message": text("`message` is required and must be non-empty text", pattern=NONBLANK, required=True),
    "current": _text("current"),
    "suggestion": _text("suggestion"),
    "severity": choice(SEVERITIES, lambda v: f"`severity` must be one of {', '.join(SEVERITIES)}, got {v!r}"),
    "since": _year(),
    "until": _year(),
}
MARKER: dict[str, Key] = {
    "period": choice(PERIODS, lambda v: f"`period` must be one of {', '.join(PERIODS)}, got {v!r}", required=True),
    "words": strings("`words` must be a non-empty list of text", min_items=1, required=True),
    "regex": boolean("`regex` must be true or false"),
    "until": _year(),
}
TOP: dict[str, Key] = {
    "rules": Key({"type": "array", "items": {"$ref": "#/$defs/rule"}}, required=True),
    "markers": Key({"type": "array", "items": {"$ref": "#/$defs/marker"}}, nullable=True),
}


def json_schema() -> dict[str, Any]:
    """JSON Schema of a rule file (formulations.yaml, `--rules FILE`): what `drafter schema rules` prints.

    Not in the schema (checked by the validator only): `since` after `until`, a repeated id, a
    regular expression that matches empty text or could take exponential time."""
    rule = closed(RULE, **{
        # `current` or its older name `suggestion`, not both.
        "not": {"properties": {"current": {"type": "string"}, "suggestion": {"type": "string"}},
                "required": ["current", "suggestion"]},
        # With `regex: true` the pattern must compile (jsonschema's "regex" format uses Python's re).
        "if": {"properties": {"regex": {"const": True}}, "required": ["regex"]},
        "then": {"properties": {"pattern": {"format": "regex"}}}})
    marker = closed(MARKER, **{
        "if": {"properties": {"regex": {"const": True}}, "required": ["regex"]},
        "then": {"properties": {"words": {"items": {"format": "regex"}}}}})
    return document("rules", "drafter formulation rules", "提法规则：过时或错误的提法（rules）与标示时期的词语（markers）。",
                    closed(TOP), {"rule": rule, "marker": marker})


def parse_rules(doc: YamlDoc) -> list[FormulationRule]:
    """Validate a loaded rule file; raise ValidationError listing every bad entry."""
    problems = Problems(doc)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ValidationError([DrafterError("a rule file is a mapping with a `rules:` list", doc.loc())])
    check_mapping(data, TOP, problems)
    rules: list[FormulationRule] = []
    seen: dict[str, int] = {}
    for here, entry, before in checked_items(data["rules"], RULE, problems, "rules",
                                             not_mapping="each rule is a mapping with at least `pattern` and `message`"):
        i = here[-1]
        if entry.get("current") is not None and entry.get("suggestion") is not None:
            problems("give `current` (the current form) or its older name `suggestion`, not both", *here, "suggestion")
        kind = entry.get("kind", "outdated")
        severity = entry.get("severity", "warning")
        is_regex = entry.get("regex", False)
        since, until = entry.get("since"), entry.get("until")
        if len(problems) == before and since is not None and until is not None and since > until:
            problems(f"`since` ({since}) is after `until` ({until})", *here, "since")
        rule_id = entry.get("id") or f"{Path(doc.name).name}#{i + 1}"
        if isinstance(rule_id, str) and rule_id in seen:
            problems(f"duplicate id {rule_id!r} (first in rule {seen[rule_id] + 1})", *here, "id")
        if len(problems) > before:
            continue
        seen[rule_id] = i
        pattern_text = entry["pattern"]
        try:
            pattern = re.compile(pattern_text if is_regex else re.escape(pattern_text))
        except re.error as exc:
            problems(f"invalid regular expression: {exc}", *here, "pattern")
            continue
        if pattern.search("") is not None:
            problems("pattern matches empty text", *here, "pattern")
            continue
        slow = regex_hazard(pattern_text) if is_regex else None
        if slow:
            problems(slow, *here, "pattern")
            continue
        loc = doc.loc(*here)
        current = entry.get("current") or entry.get("suggestion") or ""
        rules.append(FormulationRule(rule_id, kind, pattern, entry["message"].strip(), current.strip() or None,
                                     severity, since, until, f"{loc.path}:{loc.line}", entry.get("period")))
    problems.raise_any()
    return rules


def parse_markers(doc: YamlDoc) -> list[Marker]:
    """The optional `markers:` list of a registry file (ValidationError listing every bad entry)."""
    data = doc.data
    raw = data.get("markers") if isinstance(data, dict) else None
    if raw is None:
        return []
    problems = Problems(doc)
    if not isinstance(raw, list):
        raise ValidationError([DrafterError("`markers` must be a list of {period, words}", doc.loc("markers"))])
    out: list[Marker] = []
    for here, entry, before in checked_items(raw, MARKER, problems, "markers",
                                             not_mapping="each marker is a mapping with `period` and `words`"):
        if len(problems) > before:
            continue
        is_regex, period = entry.get("regex", False), entry["period"]
        until = entry.get("until")
        loc = doc.loc(*here)
        for j, word in enumerate(entry["words"]):
            try:
                pattern = re.compile(word if is_regex else re.escape(word))
            except re.error as exc:
                problems(f"invalid regular expression: {exc}", *here, "words", j)
                continue
            if pattern.search("") is not None:
                problems("pattern matches empty text", *here, "words", j)
                continue
            out.append(Marker(pattern, period, until, f"{loc.path}:{loc.line}"))
    problems.raise_any()
    return out


def load_registry(path: str | Path) -> Registry:
    """Rules and markers of one registry file, every problem reported together."""
    doc = load_yaml(path)
    problems: list[DrafterError] = []
    rules: list[FormulationRule] = []
    markers: list[Marker] = []
    try:
        rules = parse_rules(doc)
    except ValidationError as exc:
        problems.extend(exc.problems)
    try:
        markers = parse_markers(doc)
    except ValidationError as exc:
        problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    return Registry(tuple(rules), tuple(markers))


def load_rules(path: str | Path) -> list[FormulationRule]:
    """Load and validate one rule file (InputFileError, YamlError or ValidationError on bad input)."""
    return list(load_registry(path).rules)


MAX_PATTERN = 500  # characters of one rule's regular expression


def regex_hazard(pattern_text: str) -> str | None:
    """Why a rule's regular expression could take exponential time, or None if it cannot.

    Python's backtracking matcher needs exponential time for a repeated group
    that itself repeats or alternates, e.g. `(a+)+$` or `(a|aa)*$`: one rule
    file could hang every `drafter check`. Rules are words and phrases, which
    never need either, so such patterns are refused (as are very long ones).
    """
    import re._parser as sre_parse  # the parser re itself uses (no second engine)
    from re._constants import BRANCH, MAX_REPEAT, MAXREPEAT, MIN_REPEAT, SUBPATTERN, POSSESSIVE_REPEAT, ATOMIC_GROUP

    if len(pattern_text) > MAX_PATTERN:
        return f"regular expression longer than {MAX_PATTERN} characters"
    try:
        parsed = sre_parse.parse(pattern_text)
    except Exception:  # noqa: BLE001 - re.compile already accepted it
        return None

    def risky(items, inside_repeat: bool) -> bool:
        for op, arg in items:
            if op in (MAX_REPEAT, MIN_REPEAT):
                low, high, sub = arg
                unbounded = high == MAXREPEAT or high > 50
                if unbounded and inside_repeat:
                    return True
                if risky(sub, inside_repeat or unbounded):
                    return True
            elif op == BRANCH:
                if inside_repeat:
                    return True
                if any(risky(branch, inside_repeat) for branch in arg[1]):
                    return True
            elif op == SUBPATTERN:
                if risky(arg[-1], inside_repeat):
                    return True
            elif op in (POSSESSIVE_REPEAT, ATOMIC_GROUP):
                continue  # no backtracking into these
        return False

    if risky(parsed, False):
        return ("regular expression can take exponential time (a repeated group that repeats or alternates "
                "inside, like (a+)+ or (a|b)*); write the words out, or use a character class like [ab]+")
    return None


@cache
def builtin_registry() -> Registry:
    """The bundled formulations.yaml (rules and markers), loaded once per process."""
    return load_registry(BUILTIN)


def builtin_rules() -> tuple[FormulationRule, ...]:
    """The bundled rules, loaded once per process."""
    return builtin_registry().rules
