"""Checking files: specs (load -> render -> check) and drafts (.txt/.md/.docx: parse -> check).

A spec is checked twice over: its raw values (so unfilled {{ slots }} and
*同志 are caught with their spec line, even when rendering fails on them) and
its rendered speech (numbering, counts, punctuation, wording, length). A
draft is parsed piece by piece and checked with its cleaned lines; ASCII
punctuation is looked for in the raw lines, since cleaning normalises it.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator

from drafter.check.context import Block, Context, speech_blocks
from drafter.check.findings import Finding, Targets
from drafter.check.rulefile import FormulationRule
from drafter.check.rules import placeholders, punctuation
from drafter.check.runner import check_speech, formulation_rules, sort_findings
from drafter.errors import DrafterError, InputFileError, ValidationError, YamlError
from drafter.numerals import marker

SPEC_SUFFIXES = {".yaml", ".yml"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
DOCX_SUFFIXES = {".docx", ".docm"}
# Spec keys whose values are ids or settings, not text that is printed.
_NOT_TEXT = {"outline", "style", "targets", "role", "phrase", "date"}
_LEVEL_STYLES = ["一、", "（一）", "1.", "（1）"]


def check_file(path: str | Path, targets: Targets | None = None, rule_files: Iterable[str | Path] = (),
               rules: list[FormulationRule] | None = None, skip: Iterable[str] = ()) -> list[Finding]:
    """Findings for one file, each with `file` set; raises DrafterError when the file cannot be read.

    `skip` drops rule families or ids, as `check_speech` does (import skips the slow repetition family)."""
    p = Path(path)
    if rules is None:
        rules = formulation_rules(rule_files)
    suffix = p.suffix.lower()
    if suffix in SPEC_SUFFIXES:
        findings = check_spec(p, targets, rules, skip)
    elif suffix in TEXT_SUFFIXES or suffix in DOCX_SUFFIXES:
        findings = check_draft(p, targets, rules, skip)
    elif p.is_dir():
        raise InputFileError("is a directory, not a file", path=str(p))
    else:
        raise InputFileError(f"cannot check {suffix or 'files without an extension'}: "
                             "expected a spec (.yaml/.yml) or a draft (.txt, .md, .docx)", path=str(p))
    for f in findings:
        f.file = str(p)
    return findings


# --------------------------------------------------------------------------- drafts

def check_draft(path: Path, targets: Targets | None, rules: list[FormulationRule],
                skip: Iterable[str] = ()) -> list[Finding]:
    from drafter.corpus.load import load
    from drafter.corpus.parse import parse_piece
    from drafter.corpus.pipeline import pieces_of

    markdown = path.suffix.lower() in (".md", ".markdown")
    loaded = load(path)  # read once: the raw lines too are checked (half-width punctuation)
    raw = {tl.line: tl.text for tl in loaded.lines}  # Markdown already reads as plain text here
    findings: list[Finding] = []
    for piece in pieces_of(loaded, path):
        speech = parse_piece(piece)
        findings.extend(check_speech(speech, piece.lines, targets, rules=rules, markdown=markdown, skip=skip))
        findings.extend(_raw_half_width(piece.lines, raw, Context.build(speech, piece.lines)))
    return sort_findings(findings)


def _raw_half_width(lines, raw: dict[int, str], ctx: Context) -> Iterator[Finding]:
    """ASCII punctuation in the source lines a piece was cleaned from."""
    covered = sorted({tl.line for tl in lines} | {ln for tl in lines for _, ln in tl.joins})
    where = {b.line: b.location for b in ctx.text_blocks}
    for ln in covered:
        text = raw.get(ln, "")
        spots = punctuation.half_width_positions(text)
        if spots:
            block = Block(text, "line", ln, where.get(ln))
            yield from (f for f in punctuation.block_findings(block) if f.rule == "punct.half-width")


# --------------------------------------------------------------------------- specs

def check_spec(path: Path, targets: Targets | None, rules: list[FormulationRule],
               skip: Iterable[str] = ()) -> list[Finding]:
    from drafter.yamlsrc import load_yaml

    doc = load_yaml(path)  # unreadable or malformed YAML: the file is bad, raise
    data = doc.data if isinstance(doc.data, dict) else {}
    facts = data.get("facts") if isinstance(data.get("facts"), dict) else {}
    raw_hits = list(_raw_placeholders(doc, facts, _numbering(data.get("outline"))))
    raw = [f for _, f in raw_hits]
    spec_targets = _spec_targets(data).merged(targets)
    year = _fact_year(facts)
    try:
        spec, speech = _render(path)
    except (InputFileError, YamlError):
        raise
    except DrafterError as exc:
        problems = exc.problems if isinstance(exc, ValidationError) else [exc]
        slot_lines = {f.line for f in raw if f.rule == "placeholder.slot"}
        for problem in problems:
            loc = problem.location
            if loc is not None and loc.path and Path(loc.path) != path:
                # a problem in another file (the outline, a template): name it in full
                raw.append(Finding("spec.invalid", "error", f"无法生成讲话稿：{problem}", None, None))
                continue
            if loc is not None and loc.line in slot_lines and "undefined" in problem.message:
                continue  # already reported as an unfilled slot on that line
            raw.append(Finding("spec.invalid", "error", f"规格文件有误，无法生成讲话稿：{problem.message}",
                               loc.line if loc else None, loc.field if loc else None))
        return sort_findings(raw)
    for warning in getattr(spec, "warnings", []):  # e.g. a marker typed in a heading (the engine numbers them)
        loc = warning.location
        raw.append(Finding("spec.warning", "warning", f"规格文件提示：{warning.message}",
                           loc.line if loc else None, loc.field if loc else None))
    if year is not None:
        speech.meta.setdefault("date", str(facts.get("date")))
    rendered = check_speech(speech, None, spec_targets, rules=rules, year=year, skip={"placeholders", *skip})
    ctx = Context.build(speech)
    seen = {key for key, _ in raw_hits}
    for block in ctx.blocks:  # placeholders that came from outlines or phrase banks, not from the spec's text
        for hit in placeholders.find_placeholders(block.text):
            if (hit.rule, hit.token) not in seen:
                rendered.append(Finding(hit.rule, placeholders.RULES[hit.rule][0], placeholders.message(hit, block.text),
                                        None, block.location))
    lines = _spec_lines(speech, data, doc)
    for f in rendered:
        if f.line is None and f.location in lines:
            f.line = lines[f.location]
    return sort_findings(raw + rendered, ctx)


def _render(path: Path):
    from drafter.outlines import get_outline
    from drafter.render import render_speech
    from drafter.spec import load_spec

    spec = load_spec(path)
    return spec, render_speech(spec, get_outline(spec.outline))


def _spec_targets(data: dict) -> Targets:
    t = data.get("targets")
    return Targets.coerce(t if isinstance(t, dict) else None)


def _fact_year(facts: dict) -> int | None:
    value = facts.get("date")
    if isinstance(value, date):
        return value.year
    m = re.match(r"\s*((?:19|20)\d\d)", str(value)) if value is not None else None
    return int(m.group(1)) if m else None


_SLOT_NAME = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)")


def _numbering(outline_id: Any) -> tuple[str, ...]:
    """The outline's marker style per level, for naming places in the spec ("二、（一）第3段")."""
    try:
        from drafter.outlines import get_outline

        return tuple(get_outline(outline_id).numbering) or tuple(_LEVEL_STYLES)
    except DrafterError:  # an unknown or broken outline is reported by rendering; names fall back to GB style
        return tuple(_LEVEL_STYLES)


def _raw_placeholders(doc, facts: dict, numbering: tuple[str, ...]) -> Iterator[tuple[tuple[str, str], Finding]]:
    """Placeholders in the spec's own text values, with their lines; declared, filled slots are fine."""
    for path, text in _strings(doc.data, ()):
        line = doc.loc(*path).line
        where = _spec_location(path, numbering)
        for hit in placeholders.find_placeholders(text):
            if hit.rule == "placeholder.slot":
                m = _SLOT_NAME.match(hit.token)
                if m and m.group(1) in facts and facts[m.group(1)] not in (None, "", [], {}):
                    continue
            yield (hit.rule, hit.token), Finding(hit.rule, placeholders.RULES[hit.rule][0],
                                                 placeholders.message(hit, text), line, where)


def _strings(node: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in _NOT_TEXT:
                yield from _strings(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, path + (i,))


def _spec_location(path: tuple, numbering: tuple[str, ...] = tuple(_LEVEL_STYLES)) -> str:
    """("sections", 1, "children", 0, "paragraphs", 2) -> "二、（一）第3段"; other fields dotted."""
    if not path or path[0] != "sections":
        if path and path[0] in ("opening", "closing") and len(path) > 1 and isinstance(path[1], int):
            return f"{'开头' if path[0] == 'opening' else '结尾'}第{path[1] + 1}段"
        return ".".join(str(p) for p in path)
    label, level = "", 0
    rest = list(path[1:])
    while rest and isinstance(rest[0], int):
        try:
            label += marker(numbering[min(level, len(numbering) - 1)], rest[0] + 1)
        except ValueError:
            try:
                label += marker(_LEVEL_STYLES[min(level, 3)], rest[0] + 1)
            except ValueError:  # a mapping key, not an index (children: {99999…: x}): say it as it is
                return ".".join(str(p)[:20] for p in path)
        level += 1
        rest = rest[1:]
        if rest and rest[0] == "children":
            rest = rest[1:]
            continue
        break
    if rest and rest[0] == "paragraphs" and len(rest) > 1 and isinstance(rest[1], int):
        return f"{label}第{rest[1] + 1}段"
    if rest and rest[0] == "heading":
        return f"{label}标题"
    return label + (".".join(str(p) for p in rest) if rest else "")


def _spec_lines(speech, data: dict, doc) -> dict[str, int]:
    """Rendered locations -> spec lines, where the rendered outline mirrors the spec's."""
    out: dict[str, int] = {}
    labels = {id(b.section): b.location[: -len("标题")] for b in speech_blocks(speech) if b.kind == "heading"}

    def mirror(sections, items, path: tuple) -> None:
        if not isinstance(items, list) or len(sections) != len(items):
            return
        for i, (s, item) in enumerate(zip(sections, items)):
            if not isinstance(item, dict) or id(s) not in labels:
                continue
            here, label = path + (i,), labels[id(s)]
            out[f"{label}标题"] = doc.loc(*here, "heading").line
            paras = item.get("paragraphs")
            if isinstance(paras, list) and len(paras) == len(s.paragraphs):
                for j in range(len(paras)):
                    out[f"{label}第{j + 1}段"] = doc.loc(*here, "paragraphs", j).line
            mirror(s.children, item.get("children"), here + ("children",))

    mirror(speech.sections, data.get("sections"), ("sections",))
    for key, part in (("opening", speech.opening), ("closing", speech.closing)):
        items = data.get(key)
        if isinstance(items, list) and items and len(items) == len(part):
            for j in range(len(part)):
                out[f"{'开头' if key == 'opening' else '结尾'}第{j + 1}段"] = doc.loc(key, j).line
    return out


# --------------------------------------------------------------------------- review in Word

def annotate_file(path: str | Path, out: str | Path, targets: Targets | None = None,
                  rules: list[FormulationRule] | None = None, force: bool = False) -> tuple[list[Finding], Path]:
    """Check a .docx and write a copy with each finding as a Word comment on its paragraph."""
    from drafter.annotate import annotate_draft
    from drafter.errors import OutputExistsError
    from drafter.textio import atomic_write, read_bytes

    p, target = Path(path), Path(out)
    if p.suffix.lower() not in DOCX_SUFFIXES:
        raise InputFileError("--annotate writes Word comments: give a .docx to check", path=str(p))
    if target.exists() and not force:
        raise OutputExistsError("already exists (use --force to overwrite)", path=str(target))
    try:
        if target.resolve() == p.resolve():
            raise OutputExistsError("is the checked document itself; write the annotated copy elsewhere",
                                    path=str(target))
    except OSError:
        pass
    findings = check_file(p, targets, rules=rules)
    data = annotate_draft(read_bytes(p), findings)
    return findings, atomic_write(target, data, force=force)
