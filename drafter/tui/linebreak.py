"""Chinese line breaking (避头尾) for what the UI displays.

No line may start with closing punctuation (，。、；：？！）》」… ) and none may
end with an opening one (（《「“ …). A break that would do so moves one or
more characters earlier, carrying the character before it down with the
punctuation; lines only get shorter, so they still fit. Used for the
editor's own wrapping, the guidance and the preview (headless: no Textual).
"""

from __future__ import annotations

from rich.cells import cell_len

NO_START = set("，。、；：？！）》」』】〕〉”’…—％‰·,.;:?!)]}%")  # 行首禁则
NO_END = set("（《「『【〔〈“‘([{")  # 行尾禁则


def _forbidden(text: str, b: int) -> bool:
    return text[b] in NO_START or text[b - 1] in NO_END


def wrap_offsets(text: str, width: int, indent: int = 0) -> list[int]:
    """Break offsets (where each new line starts) for lines of at most `width` cells (a CJK character
    is two), greedy, with 避头尾: a forbidden break moves earlier, the characters it passes go down.
    `indent`: cells the first line already holds (a list's bullet)."""
    if width <= 0:
        return []
    offsets: list[int] = []
    start, used = 0, indent
    for i, ch in enumerate(text):
        w = cell_len(ch)
        if used + w > width and i > start:
            b = i
            while b - 1 > start and _forbidden(text, b):
                b -= 1
            if _forbidden(text, b):
                b = i  # nothing but punctuation to give: break where it fits
            offsets.append(b)
            start, used = b, cell_len(text[b:i])
            if used + w > width and i > start:  # a tiny width: what moved down leaves no room
                offsets.append(i)
                start, used = i, 0
        used += w
    return offsets


def wrap_lines(text: str, width: int) -> list[str]:
    """`text` (one paragraph) as display lines of at most `width` cells, 避头尾 applied."""
    cuts = [0, *wrap_offsets(text, width), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:])] or [""]


def wrap_paragraphs(text: str, width: int) -> str:
    """Every line of `text` wrapped with `wrap_lines`, joined back with newlines."""
    return "\n".join(x for line in text.split("\n") for x in wrap_lines(line, width))
