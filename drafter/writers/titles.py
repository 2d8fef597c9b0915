"""Breaking a long speech title into lines, as GB/T 9704 asks.

A title too long for one line is broken "where the meaning stays whole" and
its lines arranged as a trapezoid (upper lines shorter) or a diamond (the
middle line longest), never an inverted shape. Breaks fall only between jieba
words, never before a closing mark or after an opening one; among the
possible breaks we pick the one whose line lengths best fit the shape.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from itertools import combinations
from math import ceil, comb

SEARCH_LIMIT = 50_000  # combinations of breaks tried before falling back to even cuts

CLOSING = set("，。、；：？！）》〉」』】〕”’…—·%％")
OPENING = set("（《〈「『【〔“‘")
# One-character words: prepositions open a line well but end one badly (在|全县),
# conjunctions sit well at either end, particles only end a line.
PREPOSITIONS = set("在对把为以于从向由关")
CONJUNCTIONS = set("和与及暨并或")
PARTICLES = set("的之地得了")

PAIRS = {"（": "）", "《": "》", "“": "”", "‘": "’", "「": "」", "『": "』", "【": "】", "〈": "〉", "〔": "〕"}


def text_width(text: str) -> float:
    """Width in full-width characters: ASCII letters and digits count a half."""
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in "“”‘’—…·" else 1.0 for ch in text)


def _is_cjk(text: str) -> bool:
    return all("\u3400" <= ch <= "\u9fff" for ch in text)


def _nesting(text: str) -> list[int]:
    """Bracket/quote depth at each gap i (between text[i-1] and text[i])."""
    depth, open_stack, out = 0, [], [0]
    for ch in text:
        if ch in PAIRS:
            open_stack.append(PAIRS[ch])
            depth += 1
        elif open_stack and ch == open_stack[-1]:
            open_stack.pop()
            depth -= 1
        out.append(depth)
    return out


def _shape_penalty(widths: list[float]) -> float:
    """How far line widths are from a trapezoid (non-decreasing) or a diamond."""
    def trapezoid(ws: list[float]) -> float:
        # A line longer than the one below it: a one-character step reads as
        # a rectangle, a wider one as the inverted shape the standard forbids.
        return sum(3 * d + 3 * d * d for d in (max(0.0, a - b) for a, b in zip(ws, ws[1:])))

    best = trapezoid(widths)
    if len(widths) >= 3:
        for peak in range(1, len(widths) - 1):
            up = trapezoid(widths[: peak + 1])
            down = trapezoid(list(reversed(widths[peak:])))
            best = min(best, up + down)
    return best


def break_title(title: str, max_chars: int, words: Callable[[str], list[str]] | None = None) -> list[str]:
    """Lines of `title`, each at most `max_chars` wide, broken between words.

    `words` segments the title (default: jieba via `drafter.segment.title_words`,
    which looks up only the dictionary entries the title needs); it is only
    called when the title does not fit on one line.
    """
    title = title.strip()
    total = text_width(title)
    if total <= max_chars or max_chars <= 0:
        return [title] if title else []
    if words is None:  # a batch often repeats a title: break each one once
        return list(_break_with_jieba(title, max_chars))
    return _break(title, max_chars, total, words)


@lru_cache(maxsize=256)
def _break_with_jieba(title: str, max_chars: int) -> tuple[str, ...]:
    from drafter.segment import title_words

    return tuple(_break(title, max_chars, text_width(title), title_words))


def _break(title: str, max_chars: int, total: float, words: Callable[[str], list[str]]) -> list[str]:
    tokens = [t for t in words(title) if t]
    if "".join(tokens) != title:  # segmentation must cover the title exactly
        tokens = list(title)
    bounds, pos = [], 0
    for tok in tokens[:-1]:
        pos += len(tok)
        bounds.append(pos)
    token_at = dict(zip([0, *bounds], tokens))  # start offset -> token
    token_ending = {p + len(t): t for p, t in token_at.items()}  # end offset -> token
    depth = _nesting(title)

    def allowed(i: int) -> bool:
        return title[i] not in CLOSING and title[i - 1] not in OPENING

    def cost_of_break(i: int) -> float:
        cost = 0.0
        if title[i - 1].isspace() or title[i].isspace():
            return -4.0  # the writer spaced the title there: 深学笃行 固本强基 / 以……
        if depth[i] > 0:
            cost += 6.0  # inside quotes or brackets
        if title[i] in "（(" and title[i - 1] not in CLOSING:
            cost += 6.0  # a parenthesis glosses the word before it: 村（社区）
        nxt, prev = token_at.get(i, ""), token_ending.get(i, "")
        if len(nxt) == 1 and _is_cjk(nxt):
            # a line opening with 的/上 reads torn; a lone content character is
            # usually bound to its neighbour (新|时代, 推进|会) though jieba split it
            cost += 0.0 if nxt in PREPOSITIONS else 1.0 if nxt in CONJUNCTIONS else 6.0 if nxt in PARTICLES or nxt in "上中下" else 8.0
        if len(prev) == 1 and _is_cjk(prev):
            cost += 6.0 if prev in PREPOSITIONS else 1.0 if prev in CONJUNCTIONS else 3.0 if prev in PARTICLES else 8.0
        return cost

    candidates = [i for i in bounds if allowed(i)]
    best = _best_split(title, candidates, max_chars, total, cost_of_break)
    if best is None:  # a word wider than a line: fall back to any character gap
        gaps = [i for i in range(1, len(title)) if allowed(i)] or list(range(1, len(title)))
        best = _best_split(title, gaps, max_chars, total, cost_of_break)
    return best or [title]


def _best_split(title: str, candidates: list[int], max_chars: int, total: float,
                cost_of_break: Callable[[int], float]) -> list[str] | None:
    lines_min = max(2, ceil(total / max_chars))
    best: tuple[float, list[str]] | None = None
    for n in (lines_min, lines_min + 1):
        if n - 1 > len(candidates):
            break
        mean = total / n
        if comb(len(candidates), n - 1) > SEARCH_LIMIT:  # an abnormally long title: cut evenly
            return best[1] if best else _even_split(title, candidates, n)
        for cut in combinations(candidates, n - 1):
            edges = (0, *cut, len(title))
            lines = [title[a:b].strip() for a, b in zip(edges, edges[1:])]
            widths = [text_width(line) for line in lines]
            if max(widths) > max_chars:
                continue
            score = 0.5 * sum((w - mean) ** 2 for w in widths) / n
            score += _shape_penalty(widths)
            score += sum(cost_of_break(i) for i in cut)
            score += 10.0 * (n - lines_min)
            if best is None or score < best[0]:
                best = (score, lines)
        if best is not None and n == lines_min and best[0] < 4.0:
            break  # good enough without an extra line
    return best[1] if best else None


def _even_split(title: str, candidates: list[int], n: int) -> list[str]:
    """n lines cut at the allowed breaks nearest to equal widths (for very long titles)."""
    offsets = [text_width(title[:i]) for i in candidates]
    total = text_width(title)
    cuts: list[int] = []
    for k in range(1, n):
        target = total * k / n
        options = [(abs(w - target), i) for w, i in zip(offsets, candidates) if not cuts or i > cuts[-1]]
        if options:
            cuts.append(min(options)[1])
    edges = (0, *cuts, len(title))
    return [line for line in (title[a:b].strip() for a, b in zip(edges, edges[1:])) if line]
