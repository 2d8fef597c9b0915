"""Run every rule family over a speech and return its findings in document order."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator

from drafter.check.context import Context
from drafter.check.findings import SEVERITY_RANK, Finding, Targets
from drafter.check.rulefile import FormulationRule, builtin_rules, load_rules
from drafter.check.rules import announced, formulations, length, numbering, placeholders, punctuation, repetition
from drafter.check.rules import fills
from drafter.corpus.lines import TextLine
from drafter.model import Speech

FAMILIES = (numbering, announced, placeholders, punctuation, formulations, repetition, length, fills)
# Reported by check_file for a spec that cannot be rendered (each of its problems, with its line).
FILE_RULES = {"spec.invalid": ("error", "规格文件本身有误，无法生成讲话稿"),
              "spec.warning": ("warning", "规格文件中被引擎自动纠正的写法（如标题里手写了编号）")}
Check = Callable[[Context], Iterator[Finding]]


def all_rules() -> dict[str, tuple[str, str]]:
    """Every rule id -> (default severity, what it catches)."""
    out: dict[str, tuple[str, str]] = {}
    for family in FAMILIES:
        out.update(family.RULES)
    out.update(FILE_RULES)
    return out


def formulation_rules(rule_files: Iterable[str | Path] = ()) -> list[FormulationRule]:
    """The bundled formulations plus the user's rule files (each validated, errors with file:line)."""
    rules = list(builtin_rules())
    for path in rule_files:
        rules.extend(load_rules(path))
    return rules


def check_speech(speech: Speech, text_lines: list[TextLine] | None = None, targets: Targets | None = None, *,
                 rules: list[FormulationRule] | None = None, year: int | None = None,
                 markdown: bool = False, skip: Iterable[str] = ()) -> list[Finding]:
    """All findings for one speech.

    `text_lines` are the cleaned source lines the speech was parsed from: text
    rules then scan them, so findings carry exact lines. `rules` defaults to
    the bundled formulations; `year` (the year the speech is given) to the
    speech's date, byline or this year. `skip` drops rule families ("repetition")
    or rule ids ("length.summary").
    """
    ctx = Context.build(speech, text_lines, targets, year, markdown)
    ctx.formulations = list(builtin_rules()) if rules is None else list(rules)
    skip = set(skip)
    findings: list[Finding] = []
    for family in FAMILIES:
        name = family.__name__.rsplit(".", 1)[-1]
        if name in skip:
            continue
        findings.extend(f for f in family.check(ctx) if f.rule not in skip and f.rule.split(".")[0] not in skip)
    return sort_findings(findings, ctx)


def sort_findings(findings: list[Finding], ctx: Context | None = None) -> list[Finding]:
    """By place: line when known, else the outline position of the location; then severity."""
    order = {b.location: b.order for b in ctx.blocks} if ctx else {}
    line_of = {b.location: b.line for b in ctx.blocks if b.line is not None} if ctx else {}

    def key(f: Finding):
        line = f.line if f.line is not None else line_of.get(f.location)
        pos = order.get(f.location, len(order))
        return (f.file or "", line is None, line or 0, pos, SEVERITY_RANK[f.severity], f.rule)

    return sorted(findings, key=key)
