"""Fuzzing the user-facing entry points: nothing but DrafterError may escape.

Specs (as YAML text and as data), Jinja slots in spec text, the corpus
pipeline (decode -> lines -> clean -> split -> parse) and `check` are fed
hypothesis-generated input built from the genre's own pieces: numbering
markers (一、 （一） ① ⑳ 第一，一是), seed sentences, slots, control
characters, huge numbers, odd YAML.

CI runs a fixed, bounded budget (derandomized: the same examples every run,
about a minute in all). To fuzz longer, set the number of examples per test:

    DRAFTER_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py -q

and DRAFTER_FUZZ_RANDOM=1 to explore new examples instead of the fixed ones.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.errors import DrafterError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("DRAFTER_FUZZ_EXAMPLES") or 40)
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("DRAFTER_FUZZ_RANDOM"),
                suppress_health_check=list(HealthCheck), database=None, print_blob=True)

SPEC_TEXT = (ROOT / "examples" / "county-party-building.yaml").read_text(encoding="utf-8")
SEED_LINES = [ln.strip()[:120] for p in sorted((ROOT / "seeds").glob("*.txt"))
              for ln in p.read_text(encoding="utf-8").splitlines()[:40] if ln.strip()][:120]

MARKERS = ["一、", "二、", "十一、", "（一）", "(二)", "1.", "2、", "（3）", "①", "⑳", "⑴", "²", "第一，", "第一部分",
           "一是", "二要", "一、一、", "１．", "٣.", "#", "## ", "**", "> ", "- "]
ODD = ["\x1b[31m", "\x07", "\x00", "\ud800", "\u202e", "\u200b", "\ufeff", "\r", "\t", "\u3000", "\\", "'", '"',
       "{{ scope }}", "{{ self }}", "{{ range }}", "{{ lipsum }}", "{{ x|cn }}", "{{", "}}", "{%", "{# ", "%}",
       "{{ date|date_cn }}", "{{ 10**1000 }}", ": ", "- ", "&a ", "*a", "!!python/object ", "? ", "|", ">",
       "9" * 400, "9" * 5000, "（" + "9" * 5000 + "）", "１" * 5000, "1e308", ".inf", ".nan", "2026-13-45", "2026-01-01 25:00:00", "~", "null", "yes", "5:00"]
CHINESE = ["同志们：", "各位领导", "全县", "坚持", "党的建设", "。", "，", "；", "：", "“", "”", "（", "）", "……",
           "下面，我讲三点意见。", "下面，我讲", "点意见。", "（共", "篇）", "第", "篇", "讲两个方面", "总书记指出", "二十大", "十九届四中全会精神", "县委", "全市"]

piece = st.one_of(st.sampled_from(MARKERS), st.sampled_from(ODD), st.sampled_from(CHINESE),
                  st.sampled_from(SEED_LINES), st.text(max_size=12))
line = st.lists(piece, max_size=8).map("".join)
lines = st.lists(line, max_size=25)


def _only_drafter_errors(call, *args, **kwargs):
    """Run `call`; a DrafterError is a fine answer to bad input, anything else is a bug."""
    try:
        return call(*args, **kwargs)
    except DrafterError as exc:
        str(exc)  # the message itself must render
        return None


# --------------------------------------------------------------------------- specs

def _build_all(spec, docx: bool = False):
    from drafter.building import render_bytes
    from drafter.outlines import get_outline
    from drafter.render import render_speech

    speech = _only_drafter_errors(render_speech, spec, get_outline(spec.outline))
    if speech is None:
        return
    for fmt in ("md", "txt") + (("docx",) if docx else ()):
        _only_drafter_errors(render_bytes, speech, fmt, spec.style, None)


@FUZZ
@given(st.lists(st.tuples(st.integers(0, len(SPEC_TEXT)), line), min_size=1, max_size=4), st.booleans())
def test_spec_text_edits_raise_only_drafter_errors(edits, docx):
    from drafter.spec import parse_spec

    text = SPEC_TEXT
    for at, insert in sorted(edits, reverse=True):
        text = text[:at] + insert + text[at:]
    spec = _only_drafter_errors(parse_spec, text, "fuzz.yaml")
    if spec is not None:
        _build_all(spec, docx)


yaml_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=10**300, max_value=10**400),
                        st.floats(), st.dates(), st.datetimes(), line, st.sampled_from(ODD + MARKERS))
yaml_value = st.recursive(yaml_scalar, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                               st.dictionaries(st.one_of(line, st.integers()), inner,
                                                                               max_size=4)), max_leaves=12)


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, path + (i,))


def _set(node, path, value):
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


@FUZZ
@given(st.data())
def test_spec_data_with_any_value_anywhere_raises_only_drafter_errors(data):
    import yaml

    from drafter.spec import parse_spec
    from drafter.yamlsrc import dump_yaml, parse_yaml

    base = parse_yaml(SPEC_TEXT, "base.yaml").data
    paths = [p for p in _paths(base) if p]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        try:
            _set(base, path, data.draw(yaml_value))
        except (KeyError, IndexError, TypeError):
            continue
        paths = [p for p in _paths(base) if p]
    try:
        text = dump_yaml(base)
    except (yaml.YAMLError, UnicodeEncodeError, ValueError):  # data PyYAML itself cannot write
        return
    spec = _only_drafter_errors(parse_spec, text, "fuzz.yaml")
    if spec is not None:
        _build_all(spec)


@FUZZ
@given(line, st.dictionaries(st.sampled_from(["scope", "date", "x", "topic", "meeting", "year"]),
                             yaml_scalar, max_size=4))
def test_slots_in_spec_text_raise_only_template_errors(text, facts):
    from drafter.templating import render_string, user_slots

    from jinja2.exceptions import TemplateSyntaxError

    try:
        user_slots(text)
    except (DrafterError, TemplateSyntaxError):
        pass
    out = _only_drafter_errors(render_string, text, facts)
    if out is not None:
        for leak in ("<function", "<class", "TemplateReference", "<bound method"):
            assert leak not in out


# --------------------------------------------------------------------------- corpus pipeline and check

@FUZZ
@given(lines, st.sampled_from(["utf-8", "gb18030", "utf-16", "big5", "shift_jis", "utf-8-sig"]))
def test_corpus_pipeline_raises_only_drafter_errors(text_lines, encoding):
    from drafter.corpus.clean import clean_lines
    from drafter.corpus.load import split_lines, strip_markdown
    from drafter.corpus.parse import parse_lines
    from drafter.corpus.split import split_pieces
    from drafter.check.runner import check_speech
    from drafter.textio import decode

    raw = "\n".join(text_lines).encode(encoding, errors="replace") if encoding != "utf-8" else \
        "\n".join(text_lines).encode("utf-8", errors="surrogatepass")
    decoded = _only_drafter_errors(decode, raw, "fuzz.txt")
    if decoded is None:
        return
    for md in (False, True):
        tls = split_lines(decoded.text)
        if md:
            tls = [strip_markdown(tl) for tl in tls]
        for piece_lines in split_pieces(clean_lines(tls)):
            speech = _only_drafter_errors(parse_lines, piece_lines)
            if speech is not None:
                _only_drafter_errors(check_speech, speech, piece_lines, markdown=md)


_TMP = Path(tempfile.mkdtemp(prefix="drafter-fuzz-"))


@FUZZ
@given(lines, st.sampled_from([".txt", ".md", ".yaml"]))
def test_check_file_raises_only_drafter_errors(text_lines, suffix):
    from drafter.check.files import check_file

    path = _TMP / f"draft{suffix}"
    text = "\n".join(text_lines)
    if suffix == ".yaml":
        text = SPEC_TEXT.replace("    paragraphs:\n      - ", "    paragraphs:\n      - " + text.replace("\n", " "), 1)
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    _only_drafter_errors(check_file, path)


@pytest.mark.parametrize("data", [b"", b"\x00" * 10, b"PK\x03\x04", b"\xff\xfe\x00", "①\n".encode(), b"\xa4\xa4" * 50])
def test_odd_bytes_as_a_corpus_docx_or_text_raise_only_drafter_errors(data):
    from drafter.corpus.pipeline import load_pieces

    for suffix in (".txt", ".docx", ".docm", ".md"):
        path = _TMP / f"odd{suffix}"
        path.write_bytes(data)
        _only_drafter_errors(load_pieces, path)


@FUZZ
@given(st.dates(min_value=dt.date(1, 1, 1)), st.integers(), line)
def test_numbering_helpers_raise_only_value_errors_named_as_such(date, n, text):
    from drafter.numerals import from_chinese, marker, to_chinese
    from drafter.corpus.parse.markers import match_marker

    match_marker(text)
    from_chinese(text)
    for call in (lambda: to_chinese(n), lambda: marker("（一）", n)):
        try:
            call()
        except ValueError as exc:
            assert "Chinese numeral" in str(exc)
