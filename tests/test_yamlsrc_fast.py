"""The one-pass loader (plain maps, lists, scalars) gives exactly what the reference path gives:
the same data, the same positions, and for anything unusual the same error or value."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.errors import YamlError
from drafter.yamlsrc import MAX_DEPTH, _build_plain, _parse

ROOT = Path(__file__).resolve().parent.parent


def _outcome(text: str, fast: bool):
    try:
        doc = _parse(text, "t.yaml", fast)
    except YamlError as exc:
        return "error", str(exc)
    except Exception as exc:  # noqa: BLE001 - whatever the reference path does, the fast one must too
        return "raised", type(exc).__name__, str(exc)
    return "ok", _typed(doc.data), doc.marks


def _typed(value):
    """The data with every value's type spelt out (1 == True == 1.0 in plain equality)."""
    if isinstance(value, dict):
        return ("dict", [(_typed(k), _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_typed(v) for v in value])
    return (type(value).__name__, repr(value))


def _same(text: str):
    fast = _outcome(text, True)
    assert fast == _outcome(text, False)
    return fast


def _fast_path_taken(text: str) -> bool:
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
        return _build_plain(node, loader, (1, 1)) is not None
    finally:
        loader.dispose()


REPO_YAML = sorted(p for d in ("phrasebanks", "examples", "templates", "drafter") for p in (ROOT / d).rglob("*.yaml"))


@pytest.mark.parametrize("path", REPO_YAML, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_in_the_repository_loads_the_same_in_one_pass(path):
    text = path.read_text(encoding="utf-8")
    assert _same(text)[0] == "ok"


def test_banks_and_specs_take_the_one_pass_path():
    files = sorted((ROOT / "phrasebanks").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))
    assert len(files) > 5 and all(_fast_path_taken(p.read_text(encoding="utf-8")) for p in files)


ODD = [
    "a: 1\na: 2\n",  # duplicate key
    "a: 1\n'a': 2\n",  # duplicate by its text, different style
    "1: a\n0x1: b\n",  # different text, the same constructed key
    "yes: a\ntrue: b\n",
    "a: &x [1, 2]\nb: *x\n",  # alias of a list
    "a: &x {k: 1}\nb: *x\n",
    "a: &x text\nb: *x\n",  # alias of a scalar: allowed
    "a: &a [*a]\n",  # a cycle
    "base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n",  # merge key
    "? [1, 2]\n: v\n",  # a list as a key
    "? {a: 1}\n: v\n",
    "a: !!python/object:os.system {}\n",
    "a: !!python/name:os.system ''\n",
    "a: !custom 1\n",
    "a: !!set {x, y}\n",
    "a: !!omap [{x: 1}, {y: 2}]\n",
    "a: !!pairs [{x: 1}]\n",
    "a: !!binary aGVsbG8=\n",
    "a: !!binary '!!!not base64'\n",
    "a: !!str 12\nb: !!int '12'\nc: !!float '1.5'\n",
    "a: !!int nope\n",
    "date: 2026-13-45\n",
    "when: 2026-06-30 25:61:00\n",
    "when: 2026-06-30 12:00:00+08:00\nday: 2026-06-30\n",
    "n: " + "9" * 5000 + "\n",
    "f: 1e400\ng: .inf\nh: -.NaN\ni: 0o17\nj: 0b101\nk: 1_000\nl: 190:20:30\nm: ~\nn: null\no: Off\n",
    "=: a\n",  # the value key
    "~: a\nnull: b\n",
    "'': empty\n",
    "- a\n- [b, {c: d}]\n- {}\n- []\n- ''\n",
    "plain\n",
    "",
    "# only a comment\n",
    "a: [1, 2\n",  # malformed
    "a: 'unterminated\n",
    "a:\n\tb: 1\n",
    "--- a\n--- b\n",  # two documents
    "lol: &a [x, x]\nlol2: &b [*a, *a]\nlol3: [*b, *b]\n",  # billion laughs
    "%TAG !e! tag:example.com,2000:\n---\na: !e!x 1\n",
]


@pytest.mark.parametrize("text", ODD)
def test_unusual_documents_load_or_fail_exactly_as_the_reference_path(text):
    _same(text)


def _nested(depth: int, leaf: str) -> str:
    return "".join("  " * i + f"k{i}:\n" for i in range(depth - 1)) + "  " * (depth - 1) + f"k{depth - 1}: {leaf}\n"


@pytest.mark.parametrize("depth", [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, MAX_DEPTH + 2])
@pytest.mark.parametrize("leaf", ["x", "[x]", "{a: b}", "[]", "7"])
def test_the_depth_limit_is_the_same_at_its_edge(depth, leaf):
    outcome = _same(_nested(depth, leaf))
    if depth > MAX_DEPTH:
        assert outcome[0] == "error" and f"more than {MAX_DEPTH} levels" in outcome[1]


def test_sequences_at_the_depth_limit_are_the_same():
    for depth in (MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1):
        _same("[" * depth + "x" + "]" * depth)
        _same("[" * depth + "]" * depth)


scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                   st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
                   st.sampled_from(["yes", "No", "~", "null", "1_000", "0x1F", "2026-06-30", "1e5", "=", "<<",
                                    "讲话", "“十五五”", "- a", "a: b", "#", "&a", "*a", "!t"]),
                   st.dates())
key = st.one_of(st.text(st.characters(blacklist_categories=("Cs",)), max_size=8), st.integers(), st.booleans(),
                st.sampled_from(["yes", "1", "01", "1.0", "null", "~", "<<", "="]))
value = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(key, inner, max_size=4)), max_leaves=20)


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(value, st.booleans())
def test_dumped_data_loads_the_same_either_way(data, flow):
    _same(yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow))


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(list("ab1:-[]{},&*!?'\"# \n\t<=~") + ["!!int ", "!!str ", "&x ", "*x", "<<: ",
                                                                        "2026-01-01", "讲"]), max_size=40))
def test_yaml_shaped_noise_loads_or_fails_the_same_either_way(pieces):
    _same("".join(pieces))
