"""Spec + outline -> Speech: fixed wording from templates, numbering by the engine.

The outline's Jinja templates give the title, byline, opening, transition
and closing formulas (the transition's count comes from the sections); the
spec gives the facts and the substance. Headings are numbered here with the
outline's style per level, never typed by the writer. User text goes through
`templating.render_string` (slots only); phrase-bank entries are filled by
plain slot replacement in `drafter.phrases.bank`.
"""

from __future__ import annotations

import datetime as _dt
from functools import cache
from typing import Any

from drafter.errors import DrafterError, TemplateError, UnknownNameError, ValidationError
from drafter.model import Paragraph, Section, Speech
from drafter.numerals import marker
from drafter.outlines import Outline
from drafter.spec import Item, Spec, SpecSection
from drafter.templating import DERIVED_SLOTS, date_cn, derive_facts, render_string, render_template

@cache
def _default_banks() -> list:
    """The bundled phrase banks, loaded once per process (lazily: only specs that cite phrases pay)."""
    try:
        from drafter.phrases.bank import load_banks
    except ImportError:
        raise TemplateError("phrase banks unavailable: this install has no drafter.phrases package") from None
    return load_banks()


# Optional facts the bundled templates test with `{% if … %}`; None when an outline does not declare them.
TEMPLATE_OPTIONAL = ("title", "theme", "speaker", "date", "organizer", "purpose", "focus", "goal",
                     "earlier_speakers", "earlier_remarks", "significance", "stage", "position", "speaker_role",
                     "campaign", "lead", "scope", "meeting", "topic", "year")


def _template_context(spec: Spec, outline: Outline) -> dict[str, Any]:
    """Every declared field (None when not given) and the derived slots, for the bundled templates."""
    ctx: dict[str, Any] = dict.fromkeys(TEMPLATE_OPTIONAL + tuple(DERIVED_SLOTS))
    ctx.update({f.name: spec.facts.get(f.name) for f in outline.fields})
    return derive_facts(ctx)


def _user_context(spec: Spec) -> dict[str, Any]:
    """Only the facts that have a value: a slot without one is an error in user text."""
    return derive_facts({k: v for k, v in spec.facts.items() if v not in (None, "", [])})


def _fill_facts(facts: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in facts.items():
        out[k] = date_cn(v) if isinstance(v, _dt.date) else v
    return out


class _Renderer:
    def __init__(self, spec: Spec, outline: Outline, banks: list | None):
        self.spec, self.outline, self.banks = spec, outline, banks
        self.user = _user_context(spec)
        self.problems: list[DrafterError] = []

    def text(self, text: str, where) -> str:
        try:
            return render_string(text, self.user, where)
        except DrafterError as exc:
            self.problems.append(exc)
            return text

    def item(self, item: Item) -> str | None:
        if item.text is not None:
            return self.text(item.text, item.where)
        try:
            if self.banks is None:
                self.banks = _default_banks()
            from drafter.phrases.bank import fill_slots, find_entry

            entry = find_entry(self.banks, item.phrase)
            unknown = sorted(set(item.slots) - set(entry.slots))
            if unknown:
                raise TemplateError(f"{item.phrase} has no slot {', '.join(unknown)} (its slots: "
                                    f"{', '.join(entry.slots) or 'none'})", item.where)
            from drafter.facts import marked_values, mend

            return mend(fill_slots(entry, marked_values({**_fill_facts(self.user), **item.slots})))
        except ImportError:
            self.problems.append(TemplateError("phrase banks unavailable: this install has no drafter.phrases "
                                               "package", item.where))
        except DrafterError as exc:
            self.problems.append(type(exc)(exc.message, item.where) if not isinstance(exc, ValidationError)
                                 else exc)
        return None

    def paragraphs(self, items: list[Item]) -> list[Paragraph]:
        out = []
        for it in items:
            text = self.item(it)
            if text is not None and text.strip():
                origin = self.phrase_origin(it.phrase) if it.phrase else None
                out.append(Paragraph(text.strip(), it.where.line if it.where else None, origin))
        return out

    def phrase_origin(self, entry_id: str) -> str:
        """"phrase ID (bank file; first source)" for --trace."""
        for bank in self.banks or []:
            for entry in bank.entries:
                if entry.id == entry_id:
                    where = [str(bank.path.name) if bank.path else bank.bank]
                    src = entry.source or {}
                    if src.get("file"):
                        where.append(f"{src['file']}:{src['line']}" if src.get("line") else str(src["file"]))
                    return f"phrase {entry_id} ({'; '.join(where)})"
        return f"phrase {entry_id}"

    def template_paragraphs(self, part: str, ctx: dict[str, Any]) -> list[Paragraph]:
        origin = f"template {self.outline.templates.get(part)} (outline {self.outline.id}, {part})"
        return [Paragraph(t, None, origin) for t in self.formula(part, ctx)]

    def section(self, s: SpecSection, n: int, level: int) -> Section:
        style = self.outline.style(level)
        return Section(
            marker=marker(style, n) if style else "",
            number=n if style else None,
            level=level,
            heading=self.text(s.heading, s.where).strip(),
            line=s.where.line if s.where else None,
            paragraphs=self.paragraphs(s.paragraphs),
            children=[self.section(c, i, level + 1) for i, c in enumerate(s.children, 1)],
            run_in=self.outline.is_run_in(level),
            role=s.role,
        )

    def formula(self, part: str, ctx: dict[str, Any]) -> list[str]:
        name = self.outline.templates.get(part)
        if not name:
            return []
        try:
            text = render_template(name, ctx)
        except DrafterError as exc:
            self.problems.append(exc)
            return []
        return [line.strip() for line in text.splitlines() if line.strip()]


def _lead_items(r: _Renderer, sections: list[Section], ctx: dict[str, Any]) -> None:
    """Agenda-style outlines: each top-level section opens with its item line and prints no heading."""
    for i, s in enumerate(sections, 1):
        lines = r.formula("item", {**ctx, "n": i, "heading": s.heading, "last": i == len(sections)})
        s.paragraphs[:0] = [Paragraph(t, s.line) for t in lines]
        s.heading, s.marker, s.number = "", "", None


def render_speech(spec: Spec, outline: Outline, banks: list | None = None) -> Speech:
    """Render a validated spec with its outline into the shared Speech model."""
    if spec.outline and spec.outline != outline.id:
        raise UnknownNameError(f"spec is for outline {spec.outline!r}, not {outline.id!r}")
    r = _Renderer(spec, outline, banks)
    sections = [r.section(s, i, 1) for i, s in enumerate(spec.sections, 1)]
    ctx = _template_context(spec, outline)
    ctx["sections"] = [{"heading": s.heading, "marker": s.marker, "role": s.role} for s in sections]
    ctx["outline"] = {"id": outline.id, "name": outline.name}

    if "item" in outline.templates:
        _lead_items(r, sections, ctx)
    title = (spec.facts.get("title") or "").strip() or " ".join(r.formula("title", ctx))
    ctx["title"] = title
    subtitle = " ".join(r.formula("subtitle", ctx))
    byline = "\n".join(r.formula("byline", ctx))
    opening = r.paragraphs(spec.opening) if spec.opening else r.template_paragraphs("opening", ctx)
    transition_lines = r.formula("transition", ctx) if sections else []
    closing = r.paragraphs(spec.closing) if spec.closing else r.template_paragraphs("closing", ctx)
    salutation = "".join(r.formula("salutation", ctx)) if "salutation" in outline.templates else outline.salutation
    if r.problems:
        raise ValidationError(r.problems)

    date = spec.facts.get("date")
    speech = Speech(
        title=title,
        subtitle=subtitle,
        byline=byline,
        salutation=salutation,
        opening=opening,
        transition=Paragraph("".join(transition_lines), None,
                             f"template {outline.templates.get('transition')} (outline {outline.id}, transition)")
        if transition_lines else None,
        announced_points=len(sections) if transition_lines else None,
        sections=sections,
        closing=closing,
    )
    speech.meta = {
        "title": title,
        "speaker": spec.facts.get("speaker") or "",
        "date": date.isoformat() if isinstance(date, _dt.date) else (date or ""),
        "outline": outline.id,
        "spec": spec.path,
    }
    for key in ("scope", "meeting", "topic", "position"):
        if spec.facts.get(key):
            speech.meta[key] = spec.facts[key]
    if spec.style:
        speech.meta["style"] = dict(spec.style)
    speech.origins = {part: f"template {outline.templates[part]} (outline {outline.id}, {part})"
                              for part, value in (("title", title if not (spec.facts.get("title") or "").strip() else ""),
                                                  ("subtitle", subtitle), ("byline", byline))
                              if value and outline.templates.get(part)}
    return speech
