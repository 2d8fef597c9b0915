"""What a cold command skips at start-up (issue 13: one cold build within 2.5x pandoc), and that
the shortcuts answer exactly as the work they skip: the collector's start-up pause, patterns
compiled only for text that could match them, and a place name's unit found without a regex."""

from __future__ import annotations

import gc
import re
import subprocess
import sys
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafter import cli, facts, gcpause, spec
from drafter.lazyre import _HARMLESS, lazy_unprintable
from drafter.writers import wordml

from conftest import ROOT

EXAMPLE = ROOT / "examples" / "county-party-building.yaml"

# Text made of what speeches hold plus what the patterns look for: CJK, numerals, brackets,
# circled numbers, digits of other scripts, blanks of every kind, control characters, surrogates.
_ALPHABET = st.sampled_from(list("全市县区街道省州盟旗镇乡委一二三四五六七八九十第是要的（()）、.．，,")
                            + list("0129٣①⑳\u3000\xa0 \t\n\r\x00\x07\x0b\x1f\x7f\x85\x9f\ufffe\uffff\ud800\udfff")
                            + ["丽", "水", "古", "城", "A", "x"])
TEXT = st.text(_ALPHABET, max_size=14)


# --------------------------------------------------------------------------- the collector pause


@pytest.fixture
def collector_on():
    assert gc.isenabled()
    yield
    gc.enable()


def test_a_build_in_process_leaves_the_collector_on(tmp_path, collector_on):
    assert cli.main(["build", "-q", str(EXAMPLE), "-o", str(tmp_path / "a.docx")]) == 0
    assert gc.isenabled()


def test_a_failed_build_and_a_usage_error_leave_the_collector_on(tmp_path, collector_on):
    bad = tmp_path / "bad.yaml"
    bad.write_text("outline: [unclosed\n", encoding="utf-8")
    assert cli.main(["build", "-q", str(bad), "-o", str(tmp_path / "b.docx")]) == 1
    assert gc.isenabled()
    with pytest.raises(SystemExit):
        cli.main(["build", "--no-such-flag"])
    assert gc.isenabled()


def test_a_batch_collects_again_after_its_first_spec(tmp_path, monkeypatch, collector_on):
    from drafter import building

    seen: list[bool] = []
    real = building.build_one

    def build_one(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(building, "build_one", build_one)
    monkeypatch.setenv("DRAFTER_JOBS", "1")
    specs = [str(p) for p in sorted((ROOT / "examples").glob("*.yaml"))[:3]]
    assert cli.main(["build", "-q", *specs, "-o", str(tmp_path / "out")]) == 0
    assert seen == [False, True, True]


def test_other_commands_run_with_the_collector_on(monkeypatch, collector_on, capsys):
    seen: list[bool] = []
    monkeypatch.setattr("drafter.commands.outlines.run", lambda args: seen.append(gc.isenabled()) or 0)
    assert cli.main(["outlines"]) == 0
    assert seen == [True]


def test_ending_start_up_leaves_a_pause_it_did_not_begin(collector_on):
    with gcpause.gc_paused():
        gcpause.pause_startup()  # already off: not ours to end
        gcpause.end_startup()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_cold_build_process_writes_the_same_document_with_and_without_the_pause(tmp_path):
    """The pause changes when memory is reclaimed, never what is written."""
    outs = []
    for name, pre in (("paused", ""), ("collecting", "import drafter.gcpause as g; g.pause_startup = lambda: None; ")):
        out = tmp_path / f"{name}.docx"
        code = pre + f"from drafter.cli import main; raise SystemExit(main(['build', '-q', {str(EXAMPLE)!r}, '-o', {str(out)!r}]))"
        subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path)
        with zipfile.ZipFile(out) as package:  # (each part's bytes: the zip stamps the time of writing)
            outs.append({info.filename: package.read(info) for info in package.infolist()})
    assert outs[0] == outs[1] and "word/document.xml" in outs[0]


# --------------------------------------------------------------------------- patterns skipped for plain text


@pytest.mark.parametrize("pattern", [spec.BAD_CHARS, wordml._XML_INVALID.pattern])
def test_unprintable_patterns_match_only_characters_isprintable_rejects(pattern):
    compiled = re.compile(pattern)
    for code in range(0x110000):
        ch = chr(code)
        if compiled.match(ch):
            assert not ch.isprintable(), f"U+{code:04X} is printable: the shortcut would miss it"
            assert ch.translate(_HARMLESS) == ch, f"U+{code:04X} is treated as harmless"


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_unprintable_search_and_sub_answer_as_the_compiled_pattern(text):
    for pattern in (spec.BAD_CHARS, wordml._XML_INVALID.pattern):
        compiled, lazy = re.compile(pattern), lazy_unprintable(pattern)
        want, got = compiled.search(text), lazy.search(text)
        assert (want and (want.start(), want.group(0))) == (got and (got.start(), got.group(0)))
        assert lazy.sub("", text) == compiled.sub("", text)


def test_plain_text_does_not_compile_an_unprintable_pattern():
    lazy = lazy_unprintable("[\x00-\x08]")
    assert lazy.search("孙海涛\n（2026年1月20日）\u3000") is None and lazy._compiled is None
    assert lazy.search("a\x01").start() == 1 and lazy._compiled is not None


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_a_heading_skipped_by_the_marker_prefilter_has_no_marker(heading):
    if not spec._may_be_marked(heading):
        assert re.match(spec.MARKER_RE.pattern, heading) is None


@pytest.mark.parametrize("heading", ["一、抓好落实", " （二）强化保障", "1. 总体要求", "(3)压实责任", "第一，提高认识",
                                     "一是加强领导", "①健全机制", "３、全角数字", "\u3000二、缩进"])
def test_headings_typed_with_a_marker_still_reach_the_pattern(heading):
    assert spec._may_be_marked(heading) and spec.MARKER_RE.match(heading)


# --------------------------------------------------------------------------- a place's unit


_OLD_PLACE_END = re.compile(r"[\u4e00-\u9fff](街道|[省市州盟县区旗镇乡])$")


@settings(max_examples=600, deadline=None)
@given(TEXT)
def test_the_place_unit_is_what_the_old_pattern_found(left):
    m = _OLD_PLACE_END.search(left)
    if left.endswith("\n"):  # `$` also matched before a final line break; values never end with one
        return
    assert facts._place_unit(left) == (m.group(1) if m else None)


@pytest.mark.parametrize(("left", "unit"), [("丽水市", "市"), ("古城街道", "街道"), ("青田县", "县"), ("街道", None),
                                            ("市", None), ("A市", None), ("全县", "县")])
def test_place_units(left, unit):
    assert facts._place_unit(left) == unit


def test_what_start_up_froze_is_collected_again_after_the_command(tmp_path, collector_on):
    specs = [str(p) for p in sorted((ROOT / "examples").glob("*.yaml"))[:2]]
    assert cli.main(["build", "-q", *specs, "-o", str(tmp_path / "out")]) == 0
    assert gc.get_freeze_count() == 0


def test_a_command_run_in_process_leaves_the_callers_signal_handlers_as_they_were(tmp_path):
    import signal

    before = (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP))
    assert cli.main(["build", "-q", str(EXAMPLE), "-o", str(tmp_path / "s.docx")]) == 0
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)) == before
