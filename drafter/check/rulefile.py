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
entry; every problem is reported with file:line, all at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from drafter.check.findings import SEVERITIES
from drafter.errors import DrafterError, ValidationError
from drafter.yamlsrc import YamlDoc, load_yaml

BUILTIN = Path(__file__).with_name("formulations.yaml")
KINDS = ("outdated", "wrong")
# Party congress periods, oldest first (drafter.eras names them; kept here so the registry loads alone).
PERIODS = ("十五大以前", "十六大时期", "十七大时期", "十八大时期", "十九大时期", "二十大时期")
_KEYS = {"id", "kind", "period", "pattern", "regex", "message", "current", "suggestion", "severity", "since", "until"}
_MARKER_KEYS = {"period", "words", "regex", "until"}


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


def _year(value, doc: YamlDoc, path: tuple, problems: list[DrafterError]) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1921 <= value <= 2200:
        problems.append(DrafterError(f"expected a year like 2023, got {value!r}", doc.loc(*path)))
        return None
    return value


def parse_rules(doc: YamlDoc) -> list[FormulationRule]:
    """Validate a loaded rule file; raise ValidationError listing every bad entry."""
    problems: list[DrafterError] = []
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ValidationError([DrafterError("a rule file is a mapping with a `rules:` list", doc.loc())])
    for key in data:
        if key not in ("rules", "markers"):
            problems.append(DrafterError(f"unknown key {key!r} (expected `rules` and optionally `markers`)",
                                         doc.loc(key)))
    rules: list[FormulationRule] = []
    seen: dict[str, int] = {}
    for i, entry in enumerate(data["rules"]):
        here = ("rules", i)
        if not isinstance(entry, dict):
            problems.append(DrafterError("each rule is a mapping with at least `pattern` and `message`", doc.loc(*here)))
            continue
        before = len(problems)
        for key in entry:
            if key not in _KEYS:
                problems.append(DrafterError(f"unknown key {key!r}; known: {', '.join(sorted(_KEYS))}",
                                             doc.loc(*here, key)))
        for key in ("pattern", "message"):
            if not isinstance(entry.get(key), str) or not entry.get(key, "").strip():
                problems.append(DrafterError(f"`{key}` is required and must be non-empty text", doc.loc(*here, key)))
        for key in ("current", "suggestion", "id"):
            if entry.get(key) is not None and not isinstance(entry[key], str):
                problems.append(DrafterError(f"`{key}` must be text", doc.loc(*here, key)))
        if entry.get("current") is not None and entry.get("suggestion") is not None:
            problems.append(DrafterError("give `current` (the current form) or its older name `suggestion`, not both",
                                         doc.loc(*here, "suggestion")))
        period = entry.get("period")
        if period is not None and period not in PERIODS:
            problems.append(DrafterError(f"`period` must be one of {', '.join(PERIODS)}, got {period!r}",
                                         doc.loc(*here, "period")))
        kind = entry.get("kind", "outdated")
        if kind not in KINDS:
            problems.append(DrafterError(f"`kind` must be one of {', '.join(KINDS)}, got {kind!r}", doc.loc(*here, "kind")))
        severity = entry.get("severity", "warning")
        if severity not in SEVERITIES:
            problems.append(DrafterError(f"`severity` must be one of {', '.join(SEVERITIES)}, got {severity!r}",
                                         doc.loc(*here, "severity")))
        is_regex = entry.get("regex", False)
        if not isinstance(is_regex, bool):
            problems.append(DrafterError("`regex` must be true or false", doc.loc(*here, "regex")))
        since = _year(entry.get("since"), doc, here + ("since",), problems)
        until = _year(entry.get("until"), doc, here + ("until",), problems)
        if since is not None and until is not None and since > until:
            problems.append(DrafterError(f"`since` ({since}) is after `until` ({until})", doc.loc(*here, "since")))
        rule_id = entry.get("id") or f"{Path(doc.name).name}#{i + 1}"
        if isinstance(rule_id, str) and rule_id in seen:
            problems.append(DrafterError(f"duplicate id {rule_id!r} (first in rule {seen[rule_id] + 1})",
                                         doc.loc(*here, "id")))
        if len(problems) > before:
            continue
        seen[rule_id] = i
        pattern_text = entry["pattern"]
        try:
            pattern = re.compile(pattern_text if is_regex else re.escape(pattern_text))
        except re.error as exc:
            problems.append(DrafterError(f"invalid regular expression: {exc}", doc.loc(*here, "pattern")))
            continue
        if pattern.search("") is not None:
            problems.append(DrafterError("pattern matches empty text", doc.loc(*here, "pattern")))
            continue
        slow = regex_hazard(pattern_text) if is_regex else None
        if slow:
            problems.append(DrafterError(slow, doc.loc(*here, "pattern")))
            continue
        loc = doc.loc(*here)
        current = entry.get("current") or entry.get("suggestion") or ""
        rules.append(FormulationRule(rule_id, kind, pattern, entry["message"].strip(), current.strip() or None,
                                     severity, since, until, f"{loc.path}:{loc.line}", period))
    if problems:
        raise ValidationError(problems)
    return rules


def parse_markers(doc: YamlDoc) -> list[Marker]:
    """The optional `markers:` list of a registry file (ValidationError listing every bad entry)."""
    data = doc.data
    raw = data.get("markers") if isinstance(data, dict) else None
    if raw is None:
        return []
    problems: list[DrafterError] = []
    if not isinstance(raw, list):
        raise ValidationError([DrafterError("`markers` must be a list of {period, words}", doc.loc("markers"))])
    out: list[Marker] = []
    for i, entry in enumerate(raw):
        here = ("markers", i)
        if not isinstance(entry, dict):
            problems.append(DrafterError("each marker is a mapping with `period` and `words`", doc.loc(*here)))
            continue
        for key in entry:
            if key not in _MARKER_KEYS:
                problems.append(DrafterError(f"unknown key {key!r}; known: {', '.join(sorted(_MARKER_KEYS))}",
                                             doc.loc(*here, key)))
        period = entry.get("period")
        if period not in PERIODS:
            problems.append(DrafterError(f"`period` must be one of {', '.join(PERIODS)}, got {period!r}",
                                         doc.loc(*here, "period")))
        words = entry.get("words")
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            problems.append(DrafterError("`words` must be a non-empty list of text", doc.loc(*here, "words")))
            continue
        is_regex = entry.get("regex", False)
        if not isinstance(is_regex, bool):
            problems.append(DrafterError("`regex` must be true or false", doc.loc(*here, "regex")))
            continue
        until = _year(entry.get("until"), doc, here + ("until",), problems)
        loc = doc.loc(*here)
        for j, word in enumerate(words):
            try:
                pattern = re.compile(word if is_regex else re.escape(word))
            except re.error as exc:
                problems.append(DrafterError(f"invalid regular expression: {exc}", doc.loc(*here, "words", j)))
                continue
            if pattern.search("") is not None:
                problems.append(DrafterError("pattern matches empty text", doc.loc(*here, "words", j)))
                continue
            if period in PERIODS:
                out.append(Marker(pattern, period, until, f"{loc.path}:{loc.line}"))
    if problems:
        raise ValidationError(problems)
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
