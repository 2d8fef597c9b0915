"""The UI explains refused characters in Chinese, with where they are, not as a YAML layout problem."""

from __future__ import annotations

import pytest

from drafter.errors import DrafterError
from drafter.spec import parse_spec
from drafter.tui.chinese import explain

SPEC = "outline: work-meeting\nfacts:\n  topic: 基层党建\nsections:\n  - heading: {heading}\n    paragraphs: [正文。]\n"


@pytest.mark.parametrize("heading, code", [
    ("把党的建设\a摆在首位", "0007"),  # raw in the file: YAML's reader refuses it
    ('"把党的建设\\a摆在首位"', "0007"),  # an escape YAML decodes: the spec refuses it
    ('"把党的建设\\e[31m摆在首位"', "001B"),  # a terminal escape code
])
def test_a_control_character_is_explained_in_chinese_at_its_place(heading, code):
    with pytest.raises(DrafterError) as caught:
        parse_spec(SPEC.format(heading=heading), "讲话.yaml")
    text = explain(caught.value)
    assert f"控制字符（U+{code}）" in text and "第5行" in text, text
    assert "缩进" not in text and "heading" not in text.split("（")[0]


def test_a_lone_surrogate_is_explained_in_chinese():
    with pytest.raises(DrafterError) as caught:
        parse_spec(SPEC.format(heading="把党的建设\ud800摆在首位"), "讲话.yaml")
    text = explain(caught.value)
    assert "残缺的字符" in text and "第5行" in text, text


def test_a_noncharacter_is_named_for_what_it_is_in_both_languages():
    with pytest.raises(DrafterError) as caught:
        parse_spec(SPEC.format(heading="把党的建设\ufffe摆在首位"), "讲话.yaml")
    assert "contains a character (U+FFFE)" in str(caught.value) and "讲话.yaml:5:" in str(caught.value)
    assert "不允许的字符（U+FFFE）" in explain(caught.value)
