"""The quality bar for mined phrases: defects found, good units and curated wording left alone."""

from __future__ import annotations

import pytest

from drafter.phrases.bank import load_bank
from drafter.phrases.quality import defects, is_local


@pytest.mark.parametrize("text, function, reason", [
    ("发挥党员", "collocation", "fragment"),
    ("提高党员", "collocation", "fragment"),
    ("要把“三会一课”落到实处", "section.tasks", None),
    ("严格落实“三会一课", "section.tasks", "fragment"),
    ("加强基层组织建设和", "parallel", "fragment"),
    ("并且要加强党员教育管理。", "section.tasks", "half-sentence"),
    ("作风过硬，强化自重自警自律，做优秀的干部。", "section.style", "half-sentence"),
    ("我们还要清醒的认识到问题仍然存在。", "section.problems", "de-di"),
    ("要认真的开展组织生活会。", "section.tasks", "de-di"),
    ("加强流动党员教育管理扩大社区党组织的覆盖面。", "section.tasks", "missing-word"),
    ("要把的的确确的问题解决好。", "section.tasks", None),
    ("要把党的的政治建设摆在首位。", "section.tasks", "doubled"),
])
def test_defects_are_named_by_reason(text, function, reason):
    found = [d.reason for d in defects(text, function)]
    assert (found[0] if found else None) == reason, found


@pytest.mark.parametrize("text, function", [
    ("发挥党员先锋模范作用", "collocation"),
    ("刚才，几位同志作了交流发言，讲得都很好。", "opening.acknowledge"),
    ("近年来，全县基层党建工作取得明显成效。", "section.review"),
    ("要推动主体责任向基层延伸，形成齐抓共管的工作格局。", "section.leadership"),
    ("和谐家园我奉献，建设农村做先锋", "saying"),
    ("下面，我讲四点意见：", "transition.points"),
    ("需要特别强调的是，", "connective"),
    ("其身正不令而行，其身不正虽令不从", "saying"),
])
def test_complete_units_pass(text, function):
    assert defects(text, function) == []


def test_curated_wording_passes_the_bar(root):
    bank = load_bank(root / "phrasebanks" / "curated.yaml")
    failing = {e.id: [d.reason for d in defects(e.text, e.function)] for e in bank.entries
               if defects(e.text, e.function)}
    assert failing == {}


def test_one_off_numbered_slogans_and_place_brands_are_local_national_ones_are_not():
    assert is_local("“一会四评”", "slogan", 1) and is_local("“三市并举”", "slogan", 1)
    assert is_local("实施“三市并举”发展战略、打造“平安丽水”。", "section.importance", 1)
    assert not is_local("“三会一课”", "slogan", 1) and not is_local("“一岗双责”", "slogan", 1)
    assert not is_local("“一会四评”", "slogan", 2)  # recurs across speeches: general practice
    assert not is_local("要坚持“标本兼治”的方针。", "section.tasks", 1)
