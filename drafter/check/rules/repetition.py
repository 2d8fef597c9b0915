"""Repetition: the same sentence twice, a stock phrase crowded together, an outsize paragraph.

Speeches recycled from several sources repeat whole sentences; drafts lean
on the same four-character phrase (贯彻落实, 切实加强) paragraph after
paragraph. Nouns (the topic: 基层组织, 创先争优) are expected to recur and
are not counted.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from typing import Iterator

from drafter.check.context import Block, Context, excerpt, iter_paragraphs
from drafter.check.findings import Finding

RULES = {
    "repetition.sentence": ("warning", "同一句话重复出现"),
    "repetition.phrase": ("info", "同一四字词语在短距离内反复使用"),
    "repetition.long-paragraph": ("info", "段落远长于其他段落，建议拆分"),
}

MIN_SENTENCE = 10  # CJK characters: shorter sentences (口号, sayings) may recur on purpose
PHRASE_WINDOW = 300  # characters
PHRASE_TIMES = 4  # uses within one window
LONG_FACTOR = 3.0  # times the median paragraph length
LONG_MIN = 500  # characters
_SENTENCE = re.compile(r"[^。！？；!?;\n]+[。！？；!?;]?")
_CJK4 = re.compile(r"[\u4e00-\u9fff]{4}")
_NOT_COUNTED = ("n", "m", "q", "r", "t", "s", "f", "x")  # nouns, numerals, pronouns, places, names


def _key(sentence: str) -> str:
    """The sentence without a short lead-in (同志们，/同时，), quotes, commas and its end mark."""
    sentence = re.sub(r"^\s*[^，,。]{1,4}[，,]", "", sentence.strip())
    return re.sub(r"[\s“”‘’\"'，,、]", "", sentence.rstrip("。！？；!?;"))


def sentence_findings(blocks: list[Block]) -> Iterator[Finding]:
    first: dict[str, Block] = {}
    for block in blocks:
        for m in _SENTENCE.finditer(block.text):
            key = _key(m.group(0))
            if len(re.findall(r"[\u4e00-\u9fff]", key)) < MIN_SENTENCE:
                continue
            if key in first:
                where = first[key]
                place = f"第{where.line}行" if where.line is not None else (where.location or "前文")
                yield Finding("repetition.sentence", "warning",
                              f"句子重复（{place}已出现）：“{excerpt(m.group(0).strip(), 0, 0, 30)}”",
                              block.line_at(m.start()), block.location)
            else:
                first[key] = block


def crowded_strings(blocks: list[Block], topic: str = "") -> set[str]:
    """Four-character CJK strings (not in the topic) used PHRASE_TIMES times within PHRASE_WINDOW.

    Every crowded word is one of these (a word is a substring at the same offset),
    so when there are none the tagger, which costs a second to load, is not needed.
    """
    spots: dict[str, list[int]] = defaultdict(list)
    base = 0
    for block in blocks:
        if block.kind in ("title", "subtitle", "byline"):
            continue
        for m in re.finditer(r"(?=([\u4e00-\u9fff]{4}))", block.text):
            spots[m.group(1)].append(base + m.start())
        base += len(block.text) + 1
    out = set()
    for s, at in spots.items():
        if len(at) >= PHRASE_TIMES and s not in topic and any(
                at[i + PHRASE_TIMES - 1] - at[i] <= PHRASE_WINDOW for i in range(len(at) - PHRASE_TIMES + 1)):
            out.add(s)
    return out


def phrase_findings(blocks: list[Block], topic: str = "") -> Iterator[Finding]:
    """Four-character words (not nouns, not words of the title or headings) crowded in a window."""
    candidates = crowded_strings(blocks, topic)
    if not candidates:
        return
    from drafter.segment import tagged_words

    uses: dict[str, list[tuple[int, Block, int]]] = defaultdict(list)
    base = 0
    for block in blocks:
        if block.kind in ("title", "subtitle", "byline"):
            continue
        if any(c in block.text for c in candidates):  # other blocks cannot hold a crowded word
            offset = 0
            for word, flag in tagged_words(block.text):
                if word in candidates and not flag.startswith(_NOT_COUNTED):
                    uses[word].append((base + offset, block, offset))
                offset += len(word)
        base += len(block.text) + 1
    for word, spots in uses.items():
        i = 0
        while i + PHRASE_TIMES - 1 < len(spots):
            j = i + PHRASE_TIMES - 1
            if spots[j][0] - spots[i][0] <= PHRASE_WINDOW:
                while j + 1 < len(spots) and spots[j + 1][0] - spots[i][0] <= PHRASE_WINDOW:
                    j += 1
                _, block, off = spots[i]
                yield Finding("repetition.phrase", "info",
                              f"“{word}”在{spots[j][0] - spots[i][0] + 4}字内用了{j - i + 1}次，建议换用其他说法",
                              block.line_at(off), block.location)
                i = j + 1
            else:
                i += 1


def long_paragraph_findings(ctx: Context) -> Iterator[Finding]:
    paragraphs = [p for _, p, _ in iter_paragraphs(ctx.speech)]
    if len(paragraphs) < 4:
        return
    median = statistics.median(len(p.text) for p in paragraphs)
    limit = max(LONG_FACTOR * median, LONG_MIN)
    where = {(b.text, b.line): b.location for b in ctx.blocks}
    for p in paragraphs:
        if len(p.text) > limit:
            yield Finding("repetition.long-paragraph", "info",
                          f"段落过长（{len(p.text)}字，全文段落中位数{median:.0f}字），建议拆分：“{excerpt(p.text, 0, 0, 16)}”",
                          p.line, where.get((p.text, p.line)))


def check(ctx: Context) -> Iterator[Finding]:
    yield from sentence_findings(ctx.text_blocks)
    speech = ctx.speech
    topic = "\n".join([speech.title, speech.subtitle] + [s.heading for s in speech.walk()])
    yield from phrase_findings(ctx.text_blocks, topic)
    yield from long_paragraph_findings(ctx)
