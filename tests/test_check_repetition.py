"""Repetition: repeated sentences, crowded four-character phrases, outsize paragraphs."""

from __future__ import annotations

from check_support import clean_speech, level1, variant

from drafter.check import check_speech
from drafter.model import Paragraph


def _repetition(speech):
    return [f for f in check_speech(speech, skip={"length"}) if f.rule.startswith("repetition.")]


def test_repeated_sentence_is_flagged_at_its_second_use():
    sentence = "基层党组织是党在社会基层组织中的战斗堡垒。"
    speech = variant(opening=[Paragraph(sentence + "这次会议很重要。", 3)],
                     closing=[Paragraph("同志们，" + sentence, 40)])
    found = [f for f in _repetition(speech) if f.rule == "repetition.sentence"]
    assert len(found) == 1 and found[0].line == 40 and "第3行已出现" in found[0].message


def test_short_repeated_slogans_are_not_flagged():
    speech = variant(closing=[Paragraph("基础不牢，地动山摇。我们常说，基础不牢，地动山摇。")])
    assert [f for f in _repetition(speech) if f.rule == "repetition.sentence"] == []


def test_stock_phrase_crowded_together_is_flagged_but_topic_nouns_are_not():
    crowded = "要切实加强组织建设，切实加强队伍建设，切实加强制度建设，切实加强作风建设。"
    speech = variant(closing=[Paragraph(crowded)])
    found = [f for f in _repetition(speech) if f.rule == "repetition.phrase"]
    assert len(found) == 1 and "“切实加强”" in found[0].message and "4次" in found[0].message
    nouns = "基层组织要强，基层组织要实，基层组织要活，基层组织要新。"
    assert [f for f in _repetition(variant(closing=[Paragraph(nouns)])) if f.rule == "repetition.phrase"] == []


def test_paragraph_far_longer_than_the_rest_is_flagged():
    sections = clean_speech().sections
    sections.append(level1(4, "加强领导", "各级党组织要加强领导，压实责任，确保各项工作落到实处。" * 30))
    found = [f for f in _repetition(variant(sections=sections)) if f.rule == "repetition.long-paragraph"]
    assert len(found) == 1 and found[0].location == "四、第1段" and "建议拆分" in found[0].message


def test_clean_speech_has_no_repetition():
    assert _repetition(clean_speech()) == []


def test_checking_a_page_without_crowded_phrases_does_not_load_jieba():
    import subprocess
    import sys
    from pathlib import Path

    page = Path(__file__).parent / "fixtures" / "era-drafts" / "clean-2026-rural.txt"
    code = ("import sys; from drafter.check.files import check_file; check_file(sys.argv[1]); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jieba', 'rjieba')))")
    out = subprocess.run([sys.executable, "-c", code, str(page)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_tagger_is_asked_only_about_crowded_strings_outside_the_topic():
    from drafter.check.context import Block
    from drafter.check.rules.repetition import crowded_strings

    crowded = Block("要切实加强组织建设，切实加强队伍建设，切实加强制度建设，切实加强作风建设。", "paragraph", 3)
    assert crowded_strings([crowded]) == {"切实加强"}
    assert crowded_strings([crowded], topic="切实加强组织建设") == set()
    spread = Block("切实加强" + "。" * 300 + "切实加强切实加强切实加强", "paragraph", 3)
    assert crowded_strings([spread]) == set()
