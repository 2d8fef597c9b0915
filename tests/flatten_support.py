"""Flattened copies of the unseen fixtures, made the way sharing sites and PDF viewers damage text.

From the cleaned text of a clean fixture: every line break lost (joined with nothing, or with a run
of spaces), heading-end punctuation stripped, page furniture ("第 2 页 共 9 页") inserted inside
sentences, a URL and a site's SEO line above the title, and a table of contents (the level-1
headings listed once) before the speech. Deterministic: the same fixture gives the same copy.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from drafter.corpus.parse.markers import match_marker
from drafter.corpus.pipeline import load_pieces

UNSEEN = Path(__file__).resolve().parent / "fixtures" / "unseen"
VARIANTS = ("joined", "spaced")
NO_CONTENTS = False


def clean_lines(path: Path) -> list[str]:
    pieces = load_pieces(path)
    return [tl.text.strip() for tl in pieces[0].lines if tl.text.strip()]


def _strip_heading_end(line: str) -> str:
    m = match_marker(line)
    if m and m.family in ("一、", "（一）", "第一部分") and len(line) <= 70:
        sentence_end = re.search(r"[。！？!?]", line[m.end:])
        if sentence_end is None or sentence_end.end() == len(line) - m.end:
            return line.rstrip("。；;：:，, ")
    return line


def flatten(path: Path, variant: str, headings: list[str], title: str) -> str:
    """The flattened copy of a fixture; `headings` are its level-1 headings as printed (with markers)."""
    rng = random.Random(f"{path.name}:{variant}")
    lines = [_strip_heading_end(line) for line in clean_lines(path)]
    sep = "" if variant == "joined" else " " * rng.choice((2, 3, 4, 6))
    # a table of contents: the level-1 headings once, after the title (or before it)
    contents = ["目　录", *headings] if headings and not NO_CONTENTS else []
    if contents and lines and lines[0].strip() == title:
        lines = [lines[0], *contents, *lines[1:]]
    else:
        lines = [*contents, *lines]
    body = sep.join(lines)
    # page furniture inside sentences, every 500-900 characters, between two Chinese characters
    out, last, page = [], 0, 1
    pages = max(2, len(body) // 700 + 1)
    pos = rng.randint(500, 900)
    while pos < len(body) - 50:
        while pos < len(body) - 1 and not (re.match(r"[\u4e00-\u9fff]", body[pos - 1]) and re.match(r"[\u4e00-\u9fff]", body[pos])):
            pos += 1
        page += 1
        out += [body[last:pos], rng.choice((f" 第 {page} 页 共 {pages} 页 ", f"第{page}页/共{pages}页", f" - {page} - "))]
        last = pos
        pos += rng.randint(500, 900)
    out.append(body[last:])
    body = "".join(out)
    head = [f"https://wenku.example.com/view/{rng.getrandbits(40):x}.html", f"{title}_文库下载_范文网"]
    return sep.join(head) + (sep or "") + body if variant == "spaced" else "".join(head) + body
