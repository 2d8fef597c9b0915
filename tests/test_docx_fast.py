"""The text writer (drafter.writers.wordml) writes the same package python-docx writes.

A build without a reference document writes the speech's paragraphs as text
into the prepared document; python-docx, adding the same paragraphs to the same
prepared document, is the yardstick: every part of the package must be byte
for byte the same, for every example and for hostile text (tabs, line breaks,
outer spaces, XML metacharacters, control characters, curly quotes). And a
build must not pay for python-docx, lxml, Textual or jieba.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("docx")

from drafter.model import Paragraph, Section, Speech  # noqa: E402
from drafter.outlines import get_outline  # noqa: E402
from drafter.render import render_speech  # noqa: E402
from drafter.spec import load_spec  # noqa: E402
from drafter.writers import docx as writer  # noqa: E402
from drafter.writers.layout import layout_from_style  # noqa: E402
from drafter.writers.pydocx import write_with_python_docx  # noqa: E402
from drafter.writers.wordml import set_core_properties, speech_paragraphs  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _both(speech: Speech, style: dict | None = None) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """(the text writer's parts, python-docx's parts) for one speech, in order."""
    layout = layout_from_style(style or {})
    fast = writer.write_docx(speech, layout)
    slow = write_with_python_docx(speech, layout, writer._prepared_default(layout), from_reference=False)
    return _parts(fast), _parts(slow)


def _assert_same(fast: dict[str, bytes], slow: dict[str, bytes]) -> None:
    assert list(fast) == list(slow)
    for name in slow:
        if fast[name] != slow[name]:
            at = next(i for i, (a, b) in enumerate(zip(fast[name] + b"\0", slow[name] + b"\1")) if a != b)
            pytest.fail(f"{name} differs at byte {at}: {fast[name][at - 80:at + 80]!r} != {slow[name][at - 80:at + 80]!r}")


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_is_written_exactly_as_python_docx_writes_it(path):
    spec = load_spec(path)
    speech = render_speech(spec, get_outline(spec.outline))
    fast, slow = _both(speech, spec.style)
    assert b"<w:p>" in fast["word/document.xml"]
    _assert_same(fast, slow)


@pytest.mark.parametrize("preset", ["standard", "podium", "windows"])
def test_each_layout_preset_is_written_exactly_as_python_docx_writes_it(preset):
    spec = load_spec(ROOT / "examples" / "county-party-building.yaml")
    _assert_same(*_both(render_speech(spec, get_outline(spec.outline)), {"preset": preset}))


_TEXT = st.lists(st.sampled_from(list("全县基层党建 \t\n\r\u3000&<>\"'“”‘’—…·§x1\x00\x0b\x1f\ufffe\ud800")
                                  + ["]]>", "&amp;", "（2026年11月23日）"]), max_size=12).map("".join)


@given(title=_TEXT, subtitle=_TEXT, byline=_TEXT, heading=_TEXT, body=_TEXT, run_in=st.booleans(),
       level=st.integers(min_value=0, max_value=6))
def test_any_text_is_written_exactly_as_python_docx_writes_it(title, subtitle, byline, heading, body, run_in, level):
    speech = Speech(title=title, subtitle=subtitle, byline=byline, salutation=heading, opening=[Paragraph(body)],
                    transition=Paragraph(title), closing=[Paragraph(subtitle)],
                    sections=[Section(marker="一、", number=1, level=level, heading=heading, run_in=run_in,
                                      paragraphs=[Paragraph(body), Paragraph(heading)],
                                      children=[Section(marker="", number=None, level=level + 1, heading=body,
                                                        run_in=not run_in, paragraphs=[Paragraph("")])])],
                    meta={"speaker": byline, "date": "2026-11-23"})
    _assert_same(*_both(speech))


def test_an_undated_speech_gets_todays_date_on_both_paths(monkeypatch):
    speech = Speech(title="在全县会议上的讲话", byline="王建国", opening=[Paragraph("同志们。")])
    fast, slow = _both(speech)
    assert fast["word/document.xml"] == slow["word/document.xml"]
    assert b"<dc:creator>\xe7\x8e\x8b\xe5\xbb\xba\xe5\x9b\xbd</dc:creator>" in fast["docProps/core.xml"]


def test_a_long_title_is_one_paragraph_of_lines_in_both_writers():
    title = "在全县“软弱涣散”村（社区）党组织整顿提升暨基层党建工作推进会议上的讲话"
    paragraphs = speech_paragraphs(Speech(title=title), 20)
    assert [p.role for p in paragraphs] == ["title", "body"]
    lines = paragraphs[0].runs
    assert len(lines) >= 2 and "".join(r.text for r in lines) == title
    assert [r.br for r in lines] == [True] * (len(lines) - 1) + [False]


def test_core_properties_over_the_limit_are_cut_instead_of_failing():
    speech = Speech(title="长" * 300, subtitle="——" + "副" * 300, meta={"speaker": "王" * 300, "date": "2026-11-23"})
    fast, slow = _both(speech)
    _assert_same(fast, slow)
    assert "长" * 255 + "</dc:title>" in fast["docProps/core.xml"].decode()


def test_a_core_part_not_shaped_as_prepared_is_refused():
    with pytest.raises(ValueError):
        set_core_properties(b"<cp:coreProperties><dc:title>x</dc:title>text</cp:coreProperties>", [])


def test_a_build_loads_neither_python_docx_nor_lxml_textual_or_jieba(tmp_path):
    """Once the prepared document and the title's words are cached, a cold `drafter build` (the longest
    title among the examples, broken into lines) imports none of the heavy libraries."""
    titles = {p: render_speech(s, get_outline(s.outline)).title for p in EXAMPLES for s in [load_spec(p)]}
    spec = max(titles, key=lambda p: len(titles[p]))
    env = dict(os.environ, DRAFTER_CACHE_DIR=str(tmp_path / "cache"))
    code = ("import sys, runpy\n"
            f"sys.argv = ['drafter', 'build', '-q', '--force', {str(spec)!r}, '-o', {str(tmp_path / 'out.docx')!r}]\n"
            "try:\n    runpy.run_module('drafter', run_name='__main__')\n"
            "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
            "import json\n"
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'docx', 'lxml', 'textual', 'jieba', 'rich', 'importlib_resources'})))\n")
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert "docx" in json.loads(first.stdout)  # the first build prepares the document with python-docx
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert json.loads(again.stdout) == []
    assert zipfile.ZipFile(tmp_path / "out.docx").read("word/document.xml").count(b"<w:br/>") >= 1
