"""Flattened copies of the unseen speeches parse like the clean ones.

Every fixture of `tests/fixtures/unseen/` is flattened here the way document-sharing sites and PDF
viewers damage text (`flatten_support.flatten`: one long line or paragraphs parted only by runs of
spaces, heading-end punctuation gone, page furniture inside sentences, a URL and SEO headline above
the title, a table of contents before the speech). The parse of the copy must give the clean parse's
title, level-1 headings and announced count.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.corpus.flat import drop_inline_furniture, glued_heading_end, split_flattened
from drafter.corpus.lines import TextLine
from drafter.corpus.parse import parse_file
from drafter.corpus.pipeline import load_pieces

from flatten_support import UNSEEN, VARIANTS, flatten

TEXTS = sorted(UNSEEN.glob("[0-9][0-9]_*.txt"))


def _clean(path: Path):
    return parse_file(path)[0]


def _printed(section) -> str:
    return f"{section.marker}{section.heading}"


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("path", TEXTS, ids=[p.stem for p in TEXTS])
def test_flattened_copy_parses_to_the_clean_title_headings_and_count(path: Path, variant: str, tmp_path):
    clean = _clean(path)
    copy = tmp_path / f"{path.stem}.txt"
    copy.write_text(flatten(path, variant, [_printed(s) for s in clean.sections], clean.title), encoding="utf-8")
    assert "\n" not in copy.read_text(encoding="utf-8")  # really one line
    (flat,) = parse_file(copy)
    assert flat.title == clean.title
    assert [s.heading for s in flat.sections] == [s.heading for s in clean.sections]
    assert flat.announced_points == clean.announced_points


def test_page_count_inside_a_sentence_goes_and_a_page_count_line_stays():
    assert drop_inline_furniture("要健全激励第 2 页 共 9 页保障机制。") == "要健全激励保障机制。"
    assert drop_inline_furniture("要第2页/共3页健全激励保障机制。") == "要健全激励保障机制。"
    assert drop_inline_furniture("党建 - 3 - 工作") == "党建工作"
    assert drop_inline_furniture("第 3 页 共 5 页") == "第 3 页 共 5 页"  # a page-break line: page_furniture's job
    assert drop_inline_furniture("增长 - 3 -") == "增长 - 3 -"


def test_url_seo_headline_and_contents_go_before_the_real_title(tmp_path):
    body = "换届工作政治性、政策性很强，事关基层政权巩固和长治久安，必须高标准、严要求抓好每一个环节。" * 3
    text = ("https://www.example.com/doc/123.html  在全县换届工作会议上的讲话_百度文库  在全县换届工作会议上的讲话  "
            "目录  一、提高政治站位  二、严明换届纪律  同志们：  今天召开会议，部署换届工作。下面，我讲两个方面的问题。  "
            f"一、提高政治站位  {body}  二、严明换届纪律  {body}  同志们，让我们共同努力！")
    path = tmp_path / "web.txt"
    path.write_text(text, encoding="utf-8")
    (speech,) = parse_file(path)
    assert speech.title == "在全县换届工作会议上的讲话"
    assert [s.heading for s in speech.sections] == ["提高政治站位", "严明换届纪律"]
    assert speech.announced_points == 2
    lines = [tl.text for tl in load_pieces(path)[0].lines]
    assert not any("http" in line or "百度文库" in line or line == "目录" for line in lines)


def test_heading_glued_to_its_body_without_punctuation_is_cut_at_the_body(tmp_path):
    body = "党的基层组织是党的全部工作和战斗力的基础，是落实党的路线方针政策和各项工作任务的战斗堡垒。" * 3
    text = ("在全县村（社区）“两委”换届工作会议上的讲话同志们：今天召开会议，对换届工作进行部署。我讲三个方面的问题。"
            f"一、提高政治站位，切实增强做好换届工作的责任感{body}"
            f"二、严格人选标准，选优配强村级班子要坚持好干部标准，把政治标准放在首位。{body}"
            f"三、严明换届纪律，确保风清气正各级党组织要加强监督，严肃查处违纪行为。{body}")
    path = tmp_path / "flat.txt"
    path.write_text(text, encoding="utf-8")
    (speech,) = parse_file(path)
    assert [s.heading for s in speech.sections] == [
        "提高政治站位，切实增强做好换届工作的责任感", "严格人选标准，选优配强村级班子", "严明换届纪律，确保风清气正"]
    assert speech.announced_points == 3
    assert speech.sections[0].paragraphs[0].text.startswith("党的基层组织是")


def test_counts_announced_in_other_words_are_read():
    from drafter.corpus.parse import announced_count

    assert announced_count("我讲三个方面的问题。") == (True, 3)
    assert announced_count("我的讲话分为四个部分。")[1] == 4
    assert announced_count("今天的讲话共分三部分。")[1] == 3


def test_glued_heading_is_left_alone_when_no_body_follows():
    assert glued_heading_end("客观看待成绩，清醒认识当前工作中存在的问题") is None
    assert glued_heading_end("要在转变作风上下功夫。要建立……") is None


def test_an_ordinary_long_paragraph_is_not_cut():
    line = TextLine("今年以来，全县各级党组织认真落实县委部署，基层党建工作取得了新的进展，" * 20, 1)
    assert split_flattened([line]) == [line]


def test_viewer_page_counters_site_name_and_seo_tag_go(tmp_path):
    body = "要坚持把政治标准放在首位，严把人选资格条件，切实把政治过硬、能力突出的优秀人才选进班子。" * 4
    text = (f"范文大全网\n在全县村级组织换届工作会议上的讲话（完整版）\n同志们：\n今天召开会议。我讲两点意见。\n"
            f"一、提高政治站位\n{body[:40]}1/3{body[40:]}\n二、严明换届纪律\n{body[:50]}2/3{body[50:]}\n"
            f"同志们，让我们共同努力！3/3\n")
    path = tmp_path / "viewer.txt"
    path.write_text(text, encoding="utf-8")
    (speech,) = parse_file(path)
    assert speech.title == "在全县村级组织换届工作会议上的讲话"
    assert [s.heading for s in speech.sections] == ["提高政治站位", "严明换届纪律"]
    assert all("/3" not in p.text for s in speech.sections for p in s.paragraphs)


def test_a_fraction_in_the_text_is_not_a_page_counter():
    from drafter.corpus.flat import drop_page_counters

    lines = [TextLine("全县已有1/3的村完成了换届，其余村要抓紧推进。", 1)]
    assert drop_page_counters(lines) == lines


def test_a_sharing_site_collection_of_selected_speeches_is_split(tmp_path):
    one = "同志们：\n今天召开会议。\n一、提高认识\n要统一思想，提高认识，把思想和行动统一到部署上来。\n二、狠抓落实\n要压实责任。\n"
    text = f"在全县基层党建工作会议上的讲话（精选2篇）\n在全县基层党建工作会议上的讲话篇1\n{one}在全县基层党建工作会议上的讲话篇2\n{one}"
    path = tmp_path / "collection.txt"
    path.write_text(text, encoding="utf-8")
    speeches = parse_file(path)
    assert len(speeches) == 2 and all(len(s.sections) == 2 for s in speeches)
