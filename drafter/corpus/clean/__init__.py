"""Cleaning real-world speech files: remove web chrome, undo site damage.

Speeches reach curators as pages copied from news sites, forums and
document-sharing sites. Each kind of damage has its own small pure function,
in a module for its family, so each can be tested on the seed that shows it
and reused on unseen files of the genre:

* `script`: pinyin notes, censor hyphens, traditional script (`remove_pinyin`,
  `undo_censor_hyphens`, `to_simplified`);
* `chars`: characters and punctuation (`drop_control`, `drop_invisible`,
  `normalise_lookalikes`, `drop_bullet`, `normalise_punctuation`, `control_notes`);
* `web`: web and site chrome (`strip_chrome`, `drop_thread_label`, `drop_column_tag`,
  `drop_repeated_headline`, `drop_trailing_metadata`);
* `page`: page furniture and hard wraps (`drop_page_breaks`, `join_page_splits`,
  `drop_page_numbers`, `unwrap_lines`, `rejoin_chunks`);
* `drafter.corpus.flat`: copies that lost their line breaks;
* `repair`: what cleaning cannot repair (`find_anomalies`, `unrepaired_spans`),
  reported instead of guessed: cleaning never invents text;
* `common`: character classes and line helpers (`map_text`, `strip_line`, `drop_blank`).

This module holds the pipeline order, in one place: `clean_lines` composes the
steps in the order that matters (pinyin first, so that the other patterns see
plain characters; rejoining last, so that every text step works on single
source lines and provenance stays exact). Every public name of the families is
re-exported here, so callers import from `drafter.corpus.clean`.
"""

from __future__ import annotations

from typing import Callable

from drafter.corpus.clean.chars import (control_notes, drop_bullet, drop_control, drop_invisible, normalise_lookalikes,
                                        normalise_punctuation)
from drafter.corpus.clean.common import (CJK, FW_PUNCT, TERMINAL, drop_blank, is_chinese, map_text, strip_line,
                                        trigger_of)
from drafter.corpus.clean.page import (PAGE_NUMBER_LINE, display_width, drop_page_breaks, drop_page_numbers,
                                       is_cut_run, join_page_splits, page_furniture, rejoin_chunks, unwrap_lines,
                                       wrap_width)
from drafter.corpus.clean.repair import find_anomalies, unrepaired_spans
from drafter.corpus.clean.script import remove_pinyin, simplified_lines, to_simplified, undo_censor_hyphens
from drafter.corpus.clean.web import (EDITORIAL_NOTE, FLOOR_MARKER, drop_column_tag, drop_repeated_headline,
                                      drop_thread_label, drop_trailing_metadata, is_chrome, strip_chrome)
from drafter.corpus.flat import (cut_glued_headings, drop_contents, drop_inline_furniture, drop_page_counters,
                                 drop_seo_headline, split_flattened)
from drafter.corpus.lines import TextLine

__all__ = [
    "CJK", "EDITORIAL_NOTE", "FLOOR_MARKER", "FW_PUNCT", "LATE_TEXT_STEPS", "PAGE_NUMBER_LINE", "TERMINAL",
    "TEXT_STEPS", "clean_lines", "control_notes", "display_width", "drop_blank", "drop_bullet", "drop_column_tag",
    "drop_control", "drop_invisible", "drop_page_breaks", "drop_page_numbers", "drop_repeated_headline",
    "drop_thread_label", "drop_trailing_metadata", "find_anomalies", "is_chinese", "is_chrome", "is_cut_run",
    "join_page_splits", "map_text", "normalise_lookalikes", "normalise_punctuation", "page_furniture",
    "rejoin_chunks", "remove_pinyin", "strip_chrome", "strip_line", "to_simplified", "undo_censor_hyphens",
    "unrepaired_spans", "unwrap_lines", "wrap_width",
]


# --------------------------------------------------------------------------- composition

TEXT_STEPS: list[Callable[[str], str]] = [
    drop_control, drop_invisible, normalise_lookalikes, remove_pinyin, undo_censor_hyphens, to_simplified, drop_thread_label,
]
LATE_TEXT_STEPS: list[Callable[[str], str]] = [drop_trailing_metadata, drop_bullet, normalise_punctuation]


def _chain(steps: list[Callable[[str], str]]) -> Callable[[str], str]:
    """Text steps as one function, so a file's lines are visited once for all of them (and, when
    every step declares a trigger, only the lines one of them finds)."""
    def run(text: str) -> str:
        for step in steps:
            text = step(text)
        return text
    trigger = trigger_of(steps)
    if trigger is not None:
        run.trigger = trigger  # type: ignore[attr-defined]
    return run


def _run_text_steps(lines: list[TextLine]) -> list[TextLine]:
    """TEXT_STEPS on every line, to_simplified as one call for the file (`simplified_lines`)."""
    at = TEXT_STEPS.index(to_simplified)
    lines = map_text(lines, _chain(TEXT_STEPS[:at]))
    return map_text(simplified_lines(lines), _chain(TEXT_STEPS[at + 1:]))


def clean_lines(lines: list[TextLine]) -> list[TextLine]:
    """All cleaning steps in order; the result has no blank lines."""
    lines = _run_text_steps(lines)
    lines = split_flattened(map_text(lines, drop_inline_furniture))  # a copy that lost its line breaks
    lines = drop_page_counters(lines)
    lines, page_ends = drop_page_breaks(lines)
    lines = drop_repeated_headline(drop_column_tag(strip_chrome(lines)))
    lines = drop_seo_headline(lines)
    lines = drop_contents(lines)
    lines = cut_glued_headings(lines)
    lines = map_text(lines, _chain(LATE_TEXT_STEPS))
    lines = join_page_splits(drop_page_numbers(lines), page_ends)
    lines = drop_blank(unwrap_lines(lines))
    return rejoin_chunks(lines)
