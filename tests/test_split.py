"""Splitting files that hold several speeches, and removing injected collection titles."""

from __future__ import annotations

import pytest

from drafter.corpus.lines import TextLine
from drafter.corpus.pipeline import load_pieces
from drafter.corpus.split import remove_injected_title, split_pieces

from conftest import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004

TITLE_002 = "在全市基层党组织书记加强社会管理培训班上的讲话"


def test_collection_splits_into_its_four_speeches_002():
    pieces = load_pieces(SEED_002)
    assert [p.source.piece for p in pieces] == [0, 1, 2, 3]
    firsts = [(p.lines[0].line, p.lines[0].text[:12]) for p in pieces]
    assert firsts == [(9, "新形势下如何当好社区党支"), (209, "同志们："), (229, "工作会上的讲话"), (281, "市委召开这次组织部长会议")]
    headers = [tl for p in pieces for tl in p.lines if tl.text.endswith(("篇1", "篇2", "篇3", "篇4", "（共4篇）"))]
    assert headers == []
    assert pieces[2].lines[-1].line == 277 and pieces[3].lines[-1].line == 359


def test_forum_floor_marker_starts_the_second_article_with_its_title_001():
    pieces = load_pieces(SEED_001)
    assert len(pieces) == 2
    assert pieces[0].lines[0].text == "创先争优促进党的先进性建设"
    assert (pieces[1].lines[0].text, pieces[1].lines[0].line) == ("创先争优实践党的先进性 推进基层党组织领导体制建设", 11)
    assert pieces[1].lines[2].text.startswith("一、“创”体制改革之“先”")


@pytest.mark.parametrize("seed", [SEED_000, SEED_003, SEED_004])
def test_single_speech_files_stay_one_piece(seed):
    assert len(load_pieces(seed)) == 1


def test_title_injected_into_sentences_is_removed_but_title_lines_kept_002():
    first = load_pieces(SEED_002)[0]
    by_line = {tl.line: tl.text for tl in first.lines}
    assert by_line[11] == "——" + TITLE_002  # the real subtitle stays
    assert by_line[15].startswith("我们常说，基础不牢，地动山摇。社区是党在城市联系群众的最基层单位")
    assert by_line[205].endswith("为推动全市经济繁荣发展、社会和谐稳定作出新的贡献！")
    assert not any(TITLE_002 in tl.text for tl in first.lines if tl.line != 11)


def test_injected_title_removal_keeps_provenance_of_joined_text():
    joined = TextLine("基础不牢，地动山摇，", 5).join(TextLine("某某会议上的讲话。社区是", 7))
    out = remove_injected_title(joined, "某某会议上的讲话")
    assert out.text == "基础不牢，地动山摇。社区是"
    assert out.line_at(out.text.index("社")) == 7 and out.line_at(0) == 5


def test_collection_without_count_header_is_split_on_repeated_titles():
    lines = [TextLine(t, i) for i, t in enumerate(
        ["讲话汇编 篇1", "同志们：", "第一篇的正文。", "讲话汇编 篇2", "同志们：", "第二篇的正文。"], start=1)]
    assert [[tl.line for tl in p] for p in split_pieces(lines)] == [[2, 3], [5, 6]]


def test_a_lone_piece_label_is_not_a_collection():
    lines = [TextLine("这是第3篇", 1), TextLine("正文。", 2)]
    assert len(split_pieces(lines)) == 1
