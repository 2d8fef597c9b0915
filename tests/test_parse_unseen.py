"""The parser holds on speeches it has never seen.

`tests/fixtures/unseen/` holds fresh speeches of the genre written for this test (none of
them is a seed, none of their strings is in the parser), each with the outline a careful
reader sees in it (`NN_<slug>.expected.yaml`). Every fixture is one parametrized case, so a
failure names the speech and shows the whole outline as a diff: expected vs parsed.

Expectation format (read with drafter.yamlsrc):

    title: 在全县……的讲话
    subtitle: ——在……上的讲话        # optional; compared only when present
    announced_points: 3               # or null
    closing: 同志们，加强基层党建      # first 10 characters of the first closing paragraph, "" if none
    sections:                         # the tree; depth gives the level
      - marker: 一、                  # as printed after full-width normalisation, "" if unnumbered
        heading: ……                   # without marker and without the final 。
        children: [...]               # optional
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from drafter.corpus.parse import parse_file
from drafter.model import Section, Speech
from drafter.yamlsrc import load_yaml

UNSEEN = Path(__file__).resolve().parent / "fixtures" / "unseen"
CLOSING_PREFIX = 10

TEXTS = sorted(UNSEEN.glob("[0-9][0-9]_*.txt"))
# A Word file is built in tmp_path from this fixture's lines; it must parse to the same outline.
DOCX_FROM = "03_organisation_ministers_meeting"


def expected_path(stem: str) -> Path:
    return UNSEEN / f"{stem}.expected.yaml"


def render_expected(exp: dict) -> list[str]:
    out = ["pieces: 1", f"title: {exp['title']}"]
    if "subtitle" in exp:
        out.append(f"subtitle: {exp['subtitle']}")
    out.append(f"announced_points: {exp['announced_points']}")
    out.append(f"closing: {exp['closing']}")
    out.append("sections:")

    def walk(items: list[dict], depth: int) -> None:
        for item in items:
            out.append(f"{'  ' * (depth + 1)}{item['marker']}|{item['heading']}")
            walk(item.get("children") or [], depth + 1)

    walk(exp["sections"], 0)
    return out


def render_parsed(speeches: list[Speech], exp: dict) -> list[str]:
    out = [f"pieces: {len(speeches)}"]
    if not speeches:
        return out
    speech = speeches[0]
    out.append(f"title: {speech.title}")
    if "subtitle" in exp:
        out.append(f"subtitle: {speech.subtitle}")
    out.append(f"announced_points: {speech.announced_points}")
    out.append(f"closing: {speech.closing[0].text[:CLOSING_PREFIX] if speech.closing else ''}")
    out.append("sections:")

    def walk(sections: list[Section], depth: int) -> None:
        for s in sections:
            level = "" if s.level == depth + 1 else f"  [level {s.level} at depth {depth + 1}]"
            out.append(f"{'  ' * (depth + 1)}{s.marker}|{s.heading}{level}")
            walk(s.children, depth + 1)

    walk(speech.sections, 0)
    return out


def assert_outline(path: Path, stem: str) -> None:
    exp = load_yaml(expected_path(stem)).data
    want = render_expected(exp)
    got = render_parsed(parse_file(path), exp)
    if got != want:
        diff = "\n".join(difflib.unified_diff(want, got, "expected (reader)", f"parsed ({path.name})", lineterm=""))
        pytest.fail(f"outline of {path.name} differs from what a reader sees:\n{diff}", pytrace=False)


def test_every_unseen_fixture_has_an_expectation():
    assert len(TEXTS) >= 8
    assert [t.stem for t in TEXTS if not expected_path(t.stem).exists()] == []
    assert (UNSEEN / f"{DOCX_FROM}.txt").exists()
    assert set(KNOWN_GAPS) <= {t.stem for t in TEXTS}


# Gaps found by this measurement and reported for the parser/cleaner owners. Strict: once a
# fix makes the fixture pass, the XPASS fails the run until its entry is removed here.
# See every diff with `pytest --runxfail tests/test_parse_unseen.py`.
KNOWN_GAPS: dict[str, str] = {}


def _case(text: Path):
    gap = KNOWN_GAPS.get(text.stem)
    marks = [pytest.mark.xfail(reason=gap, strict=True, raises=pytest.fail.Exception)] if gap else []
    return pytest.param(text, id=text.stem, marks=marks)


@pytest.mark.parametrize("text", [_case(t) for t in TEXTS])
def test_unseen_speech_parses_to_the_outline_a_reader_sees(text: Path):
    assert_outline(text, text.stem)


def test_unseen_speech_as_docx_parses_to_the_same_outline(tmp_path):
    docx = pytest.importorskip("docx")
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    lines = [ln for ln in (UNSEEN / f"{DOCX_FROM}.txt").read_text(encoding="utf-8").split("\n") if ln.strip()]
    document = docx.Document()
    for i, line in enumerate(lines):
        paragraph = document.add_paragraph(line)
        if i == 0:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    path = tmp_path / f"{DOCX_FROM}.docx"
    document.save(path)
    assert_outline(path, DOCX_FROM)
