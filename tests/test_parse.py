"""Parsing cleaned speeches into outline trees: every seed piece, plus fresh speeches of the genre."""

from __future__ import annotations

import functools

import pytest

from drafter.corpus.lines import TextLine
from drafter.corpus.parse import announced_count, parse_file, parse_lines, parse_piece, split_heading
from drafter.corpus.pipeline import load_pieces
from drafter.model import Section, Speech

from conftest import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004


@functools.cache
def parsed(path) -> tuple[Speech, ...]:
    return tuple(parse_file(path))


def titles(sections: list[Section]) -> list[str]:
    return [s.title for s in sections]


def child_counts(sections: list[Section]) -> list[int]:
    return [len(s.children) for s in sections]


def outline(speech: Speech) -> list[tuple]:
    """(level, marker, number, heading, child count) for every section, depth first."""
    return [(s.level, s.marker, s.number, s.heading, len(s.children)) for s in speech.walk()]


# --------------------------------------------------------------------------- seeds


def test_seed_000_has_four_sections_with_subsections_under_three_and_four():
    (speech,) = parsed(SEED_000)
    assert titles(speech.sections) == [
        "一、统一思想，充分认识加强基层党建工作的重要性",
        "二、把握关键，建强建好各级领导班子",
        "三、注重实效，务求解决实际问题",
        "四、讲究方法，确保主题教育活动取得实效",
    ]
    assert child_counts(speech.sections) == [0, 0, 3, 3]
    assert [c.marker for c in speech.sections[2].children] == ["（一）", "（二）", "（三）"]
    assert all(c.level == 2 and c.run_in for c in speech.sections[3].children)
    assert speech.sections[2].children[0].heading == "要在转变作风、服务群众上下功夫"
    assert speech.sections[2].children[0].paragraphs[0].text.startswith("要建立基层党组织")
    assert speech.salutation == "同志们："
    assert speech.announced_points == 4
    assert speech.transition.text == "下面，我就如何贯彻十六届四中全会精神，进一步加强基层党建工作讲四点意见。"
    assert speech.closing[0].text.startswith("同志们，只要我们") and speech.closing[0].line == 21
    assert not [a for a in speech.anomalies if a.kind in ("numbering", "announced_count")]


def test_seed_000_inline_enumerations_inside_paragraphs_are_not_headings():
    (speech,) = parsed(SEED_000)
    section_two = speech.sections[1]
    assert section_two.children == []
    assert "一是区级班子要开展" in section_two.paragraphs[0].text


def test_seed_004_glued_speech_splits_into_two_sections_with_five_under_the_second():
    (speech,) = parsed(SEED_004)
    assert speech.title == "在“软弱涣散”党组织整顿工作会议上的讲话"
    assert speech.salutation == "同志们："
    assert speech.opening[0].text.startswith("刚才，")
    assert speech.transition.text == "下面，我讲两点意见："
    assert speech.announced_points == 2
    assert titles(speech.sections) == [
        "一、总结经验，找准问题，为做好今年整顿工作奠定基础",
        "二、明确思路，强化措施，全面推动整顿工作扎实有效开展",
    ]
    first, second = speech.sections
    assert first.run_in and first.paragraphs[0].text.startswith("去年，按照省委")
    assert second.paragraphs[0].text.startswith("当前，我们正面临着")
    assert child_counts(speech.sections) == [0, 5]
    assert [c.marker for c in second.children] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
    assert second.children[0].heading == "统一思想认识，形成工作合力"
    # the inline 一是……二是…… inside the chunks stay body text
    assert "一是高度重视。" in first.paragraphs[0].text
    assert speech.closing[0].text.startswith("同志们，“软弱涣散”村级党组织整顿")
    assert speech.closing[0].text.endswith("做出积极贡献！")
    assert not second.children[-1].paragraphs[-1].text.endswith("贡献！")


def test_seed_004_keeps_source_lines_across_rejoined_chunks():
    (speech,) = parsed(SEED_004)
    second = speech.sections[1]
    assert [c.line for c in second.children] == [30, 34, 36, 40, 44]
    assert speech.sections[0].line == 22 and second.line == 30
    assert speech.closing[0].line == 44


def test_seed_002_piece1_numbering_anomaly_is_kept_and_reported():
    speech = parsed(SEED_002)[0]
    assert speech.title == "新形势下如何当好社区党支部书记"
    assert speech.subtitle == "——在全市基层党组织书记加强社会管理培训班上的讲话"
    assert speech.byline == "楚国良（湘潭市委党校 411100）"
    assert speech.announced_points == 6
    assert [s.number for s in speech.sections] == [1, 2, 3, 5, 6, 6]
    assert titles(speech.sections) == ["一、明确职责", "二、服务群众", "三、团结带队", "五、维护稳定",
                                       "六、推进民主", "六、创先争优"]
    numbering = [a for a in speech.anomalies if a.kind == "numbering" and a.message.startswith("level 1")]
    assert len(numbering) == 2
    assert "expected 四、 after 三、, found 五、" in numbering[0].message and numbering[0].line == 131
    assert "expected 七、 after 六、, found 六、 again" in numbering[1].message and numbering[1].line == 187
    # announced 6 and six level-1 headings found: no count anomaly
    assert not [a for a in speech.anomalies if a.kind == "announced_count"]


def test_seed_002_piece1_levels_follow_context_down_to_level_four():
    speech = parsed(SEED_002)[0]
    tuandui = speech.sections[2]
    assert child_counts(tuandui.children) == [3, 2, 4]
    team = tuandui.children[1]
    assert (team.marker, team.heading, team.run_in) == ("（二）", "团队要强", False)
    second = team.children[1]
    assert (second.level, second.marker, second.heading) == (3, "二是", "要抓党员队伍管理")
    assert [c.marker for c in second.children] == ["1、", "2、", "3、", "4、", "5、"]
    assert {c.level for c in second.children} == {4}
    # 一是 is level 2 directly under 一、 but level 3 under （一）
    assert speech.sections[0].children[0].level == 2 and tuandui.children[0].children[0].level == 3
    # "三要" continues the 一是/二是 list it sits in
    assert [c.marker for c in tuandui.children[2].children] == ["一是", "二是", "三要", "四是"]


def test_seed_002_piece3_level_one_starts_inside_the_transition():
    speech = parsed(SEED_002)[2]
    assert speech.title == "工作会上的讲话"
    assert speech.byline == "唐 利 民（2010年11月29日）"
    assert speech.meta["date"] == "2010-11-29"
    assert speech.transition.text == "下面，我讲四点意见："
    assert speech.announced_points == 4
    assert [s.marker for s in speech.sections] == ["第一，", "第二，", "第三，", "第四，"]
    assert [s.number for s in speech.sections] == [1, 2, 3, 4]
    assert speech.sections[0].heading.startswith("基层党建工作，既扎根于经济社会大发展")
    assert not speech.sections[0].heading.endswith("。")
    assert child_counts(speech.sections) == [0, 4, 6, 3]
    assert speech.sections[1].children[0].title == "一要继续强化学习，把创先争优体现在能力素质的有效提升上"


def test_seed_002_piece4_six_sections_with_first_second_under_two():
    speech = parsed(SEED_002)[3]
    assert [s.marker for s in speech.sections] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert speech.sections[0].heading == ("深刻学习领会习近平总书记关于党的建设和组织工作重要思想，"
                                          "以国省组织部长会议为引领推动我市组织工作开新局")
    assert speech.sections[5].heading == "切实加强党的领导，推动全市党的建设和组织工作再上新台阶"
    assert child_counts(speech.sections) == [0, 3, 3, 3, 3, 0]
    assert [(c.level, c.marker) for c in speech.sections[1].children] == [(2, "第一，"), (2, "第二，"), (2, "第三，")]
    heading_only = speech.sections[2].children[0]
    assert (heading_only.heading, heading_only.run_in) == ("全面提升各领域党的建设质量", False)
    assert speech.transition.text == "这里，我讲几点意见。" and speech.announced_points is None


def test_seed_002_piece2_fragment_still_parses():
    speech = parsed(SEED_002)[1]
    assert speech.salutation == "同志们："
    assert {a.kind for a in speech.anomalies} >= {"truncated"}


def test_seed_003_three_unnumbered_sections_with_three_lead_ins_each():
    (speech,) = parsed(SEED_003)
    assert titles(speech.sections) == [
        "建强组织体系，锻造坚强有力战斗堡垒",
        "着力夯基固本，激活乡村振兴内生动能",
        "强化问题导向，推动基层治理提质增效",
    ]
    assert all(s.marker == "" and s.number is None and s.level == 1 for s in speech.sections)
    assert child_counts(speech.sections) == [3, 3, 3]
    assert [c.heading for c in speech.sections[0].children] == ["扩面提质“挖潜”", "增固底板“挖潜”", "压实责任“挖潜”"]
    assert [c.heading for c in speech.sections[1].children] == ["抓基础强保障", "抓人才强支撑", "抓创新强品牌"]
    lead = speech.sections[0].children[0]
    assert lead.level == 2 and lead.run_in and lead.paragraphs[0].text.startswith("进一步优化党组织设置")
    # the intro paragraph under each heading stays with the heading
    assert speech.sections[0].paragraphs[0].text.startswith("党的二十大报告指出")
    # the trailing author note becomes the byline, out of the body text
    assert speech.meta["author_note"] == speech.byline == "（作者系松溪县委常委、组织部部长 邓华梁）"
    assert speech.meta["speaker"] == "邓华梁"
    last = speech.sections[2].children[2].paragraphs[-1].text
    assert "作者系" not in last and last.endswith("安全感。")
    assert speech.title == "深学细悟 踔厉奋发 在守正创新中谱写基层党建新篇章"


def test_seed_001_first_article_unnumbered_section_with_lead_in_items():
    first, _ = parsed(SEED_001)
    assert titles(first.sections) == ["突出先进性建设实践"]
    assert [c.heading for c in first.sections[0].children] == ["实践性", "创新性", "主体性"]
    assert first.sections[0].paragraphs[-1].text.endswith("主要具有以下三个特点：")


def test_seed_001_second_article_three_sections_with_three_children_each():
    _, second = parsed(SEED_001)
    assert second.title == "创先争优实践党的先进性 推进基层党组织领导体制建设"
    assert [s.marker for s in second.sections] == ["一、", "二、", "三、"]
    assert second.sections[2].heading == "深化基层党组织领导体制建设，永葆党的先进性的几点思考"
    assert child_counts(second.sections) == [3, 3, 3]
    assert [c.marker for c in second.sections[0].children] == ["一是", "二是", "三是"]
    assert [c.marker for c in second.sections[2].children] == ["1、", "2、", "3、"]


def test_parse_piece_copies_cleaning_notes_and_source():
    pieces = load_pieces(SEED_001)
    speech = parse_piece(pieces[0])
    assert speech.source == pieces[0].source
    assert [a for a in speech.anomalies if a.kind == "unrepaired"] == pieces[0].notes != []


def test_gb18030_copy_parses_to_the_same_outline(tmp_path):
    for seed in (SEED_000, SEED_002, SEED_004):
        copy = tmp_path / seed.name
        copy.write_bytes(seed.read_text(encoding="utf-8").encode("gb18030"))
        got, want = parse_file(copy), parsed(seed)
        assert got[0].source.encoding == "gb18030"
        assert [outline(s) for s in got] == [outline(s) for s in want]
        assert [s.announced_points for s in got] == [s.announced_points for s in want]


def test_docx_made_from_seed_lines_parses_to_the_same_outline(tmp_path):
    docx = pytest.importorskip("docx")
    for seed in (SEED_000, SEED_003):
        document = docx.Document()
        for line in seed.read_text(encoding="utf-8").split("\n"):
            document.add_paragraph(line)
        path = tmp_path / (seed.stem + ".docx")
        document.save(path)
        got, want = parse_file(path), parsed(seed)
        assert [outline(s) for s in got] == [outline(s) for s in want]
        assert [s.title for s in got] == [s.title for s in want]


# --------------------------------------------------------------------------- rules


@pytest.mark.parametrize("text, expected", [
    ("下面，我讲四点意见。", (True, 4)),
    ("下面，我讲两点意见：", (True, 2)),
    ("根据会议安排，我就如何抓好落实谈三点看法。", (True, 3)),
    ("主要讲六个方面的内容，供大家参考。", (True, 6)),
    ("今天，我想从以下四个方面谈谈认识。", (True, 4)),
    ("下面我讲三个方面。", (True, 3)),
    ("这里，我讲几点意见。", (True, None)),
    ("下面，我就做好今年工作提几点要求。", (True, None)),
    ("刚才，陈瑞商同志作了全面部署，我都同意。", (False, None)),
    ("刚才，张书记就抓好落实讲了三点意见，我完全同意。", (False, None)),
    ("今天，我再讲四句话，与大家交流。", (True, 4)),
    ("全县共有三个乡镇完成了任务。", (False, None)),
])
def test_announced_count_reads_the_transition(text, expected):
    assert announced_count(text) == expected


@pytest.mark.parametrize("rest, heading, body", [
    ("要在转变作风、服务群众上下功夫。要建立联系群众的机制。", "要在转变作风、服务群众上下功夫", "要建立联系群众的机制。"),
    ("统一思想，充分认识加强基层党建工作的重要性", "统一思想，充分认识加强基层党建工作的重要性", None),
    ("全面提升各领域党的建设质量。", "全面提升各领域党的建设质量", None),
    ("总结经验，找准问题，为做好今年工作奠定基础去年，按照上级部署，我们开展了整顿。",
     "总结经验，找准问题，为做好今年工作奠定基础", "去年，按照上级部署，我们开展了整顿。"),
    ("聚焦重点任务，扎实推动乡村振兴目前，全镇已有五个村完成改造。", "聚焦重点任务，扎实推动乡村振兴", "目前，全镇已有五个村完成改造。"),
    ("坚持问题导向补短板党的十八大以来，我县基层党建工作不断加强。", "坚持问题导向补短板", "党的十八大以来，我县基层党建工作不断加强。"),
    ("扭住关键环节，推动各项任务落地见效我们要紧盯年度目标，逐项细化措施。", "扭住关键环节，推动各项任务落地见效",
     "我们要紧盯年度目标，逐项细化措施。"),
    # a long heading sentence with 党的 inside is not cut
    ("基层党建工作，既扎根于经济社会大发展、孕育于党的建设大环境，又焕发出党的建设无限活力。",
     "基层党建工作，既扎根于经济社会大发展、孕育于党的建设大环境，又焕发出党的建设无限活力", None),
])
def test_split_heading_finds_run_in_and_glued_bodies(rest, heading, body):
    got_heading, at = split_heading(rest)
    assert got_heading == heading
    assert (rest[at:] if at is not None else None) == body


def test_inline_enumeration_after_colon_produces_no_heading():
    speech = parse_lines([
        "同志们：",
        "下面，我讲两点意见。",
        "一、提高认识，增强责任",
        "做好今年工作，重点抓好三项工作：一是抓学习；二是抓队伍；三是抓制度。我们要做到：第一，思想到位；第二，措施到位。",
        "二、突出重点，狠抓落实",
        "要做到以下几点：（一）明确任务；（二）压实责任。1、按月调度；2、按季通报。",
    ])
    assert titles(speech.sections) == ["一、提高认识，增强责任", "二、突出重点，狠抓落实"]
    assert child_counts(speech.sections) == [0, 0]
    assert speech.sections[0].paragraphs[0].text.startswith("做好今年工作")


def test_lone_short_first_sentence_is_not_a_lead_in():
    speech = parse_lines([
        "一、加强组织建设",
        "党的力量来自组织。我们党历来高度重视组织建设。",
        "建强组织体系，必须坚持大抓基层的鲜明导向。",
        "二、加强队伍建设",
        "干部是关键。要选优配强班子。",
    ])
    assert child_counts(speech.sections) == [0, 0]


def test_numbers_are_kept_as_found_and_gaps_reported():
    speech = parse_lines(["（一）甲项工作。正文。", "（三）乙项工作。正文。", "（三）丙项工作。正文。"])
    assert [s.number for s in speech.sections] == [1, 3, 3]
    messages = [a.message for a in speech.anomalies if a.kind == "numbering"]
    assert any("expected （二） after （一）, found （三）" in m for m in messages)
    assert any("（三） repeated" in m for m in messages)


def test_parse_lines_accepts_text_lines_and_keeps_their_provenance():
    lines = [TextLine("同志们：", 10), TextLine("一、抓好落实", 12), TextLine("要压实责任。", 14)]
    speech = parse_lines(lines)
    assert speech.sections[0].line == 12 and speech.sections[0].paragraphs[0].line == 14


# --------------------------------------------------------------------------- fresh speeches

FRESH_THEMATIC = """\
凝心聚力抓党建　担当作为促发展
——在全区机关党建工作推进会上的讲话
区委副书记　王建国
（2025年3月12日）
同志们、朋友们：
今天召开全区机关党建工作推进会，主要任务是总结去年工作，部署今年任务。刚才，李明同志通报了去年机关党建考核情况，三个单位作了交流发言，讲得都很好，我完全同意，请大家抓好落实。
下面，围绕做好今年机关党建工作，我讲三个方面的意见。
一、提高政治站位，切实增强做好机关党建工作的责任感
机关是党和国家政权体系的重要组成部分。我们要从讲政治的高度看待机关党建，做到三个到位：一是认识到位；二是责任到位；三是措施到位。
（一）深刻认识机关党建的政治属性。机关党组织是党在机关中的战斗堡垒，必须把政治建设摆在首位。
（二）准确把握新形势下的新要求。当前，机关党建面临许多新情况新问题，必须与时俱进、改革创新。
二、聚焦主责主业，着力提升机关党建质量
（一）抓实理论武装。
一要坚持集体学习制度。各级党组织要坚持每月开展一次集中学习，做到学有计划、学有记录。
二要创新学习方式。要用好线上平台，推行“微党课”“学习擂台”等形式。
三要强化学用结合。要把学习成效体现到推动工作上来。
（二）抓严组织生活。严格落实“三会一课”制度，重点抓好以下几项：
（1）规范支部主题党日。每月固定一天开展活动。
（2）开好组织生活会。认真开展批评和自我批评。
（三）抓好作风建设。坚决整治形式主义、官僚主义，切实为基层减负。
三、压实工作责任，确保各项任务落地见效
各级党组织书记要切实履行第一责任人职责，亲自抓、带头干。要健全考核评价机制，把机关党建考核结果与干部使用挂钩。
希望大家以这次会议为契机，奋发有为，真抓实干，为建设现代化新城区作出新的更大贡献！
"""

FRESH_FIRST_SECOND = """\
在全市“两新”组织党建工作座谈会上的讲话
同志们：
这次座谈会开得很好，大家谈了做法，讲了体会，提了建议，很有启发。
下面我讲三个方面。
第一，要充分肯定成绩，正视存在的不足。
近年来，全市“两新”组织党建工作取得了明显成效，主要体现在：一是组织覆盖不断扩大；二是工作机制逐步健全；三是作用发挥日益明显。同时也要看到，部分企业党组织活动不经常、作用不明显的问题仍然存在。
第二，要突出工作重点，推动“两个覆盖”提质扩面。
一是扩大组织覆盖。对具备条件的企业，要应建尽建。
1. 开展集中摸排。对规模以上企业逐一建立台账。
2. 推行联合组建。对党员人数不足三人的，实行区域联建。
二是扩大工作覆盖。暂不具备建立党组织条件的，要选派党建指导员。
第三，要强化组织保障，形成齐抓共管的工作合力。
各级党委要把“两新”组织党建纳入重要议事日程，定期研究，推动解决实际问题。
同志们，做好“两新”组织党建工作责任重大。只要我们坚定信心、真抓实干，就一定能够开创全市“两新”组织党建工作新局面！
"""

# One paragraph holding the whole speech (a pasted web page), headings glued to their bodies.
FRESH_ONE_LINE = (
    "在全县基层党建重点任务推进会上的讲话同志们：今天召开这次会议，主要是推进今年基层党建重点任务。"
    "今天，我主要讲以下四个方面：一、坚持问题导向补短板近年来，我县基层党建工作总体向好，但也存在发展不平衡的问题，"
    "必须下大力气解决。二、聚焦重点任务抓落实我们要紧盯年度目标，逐项细化措施，确保按期完成。（一）抓好村级组织换届。"
    "要严把人选关，选优配强村党组织书记。（二）抓好集体经济发展。要因村施策，发展特色产业。"
    "三、强化督促检查促提升目前，全县已建立任务清单，实行挂图作战，定期通报进展。"
    "同志们，任务艰巨，使命光荣。希望大家振奋精神，扎实工作，为全县高质量发展作出新的贡献！"
)


def test_fresh_thematic_title_with_subtitle_byline_and_three_levels():
    speech = parse_lines(FRESH_THEMATIC.splitlines())
    assert speech.title == "凝心聚力抓党建　担当作为促发展"
    assert speech.subtitle == "——在全区机关党建工作推进会上的讲话"
    assert "王建国" in speech.byline and "2025年3月12日" in speech.byline
    assert speech.meta["speaker"] == "王建国" and speech.meta["date"] == "2025-03-12"
    assert speech.salutation == "同志们、朋友们："
    assert len(speech.opening) == 1 and speech.announced_points == 3
    assert [s.heading for s in speech.sections] == [
        "提高政治站位，切实增强做好机关党建工作的责任感",
        "聚焦主责主业，着力提升机关党建质量",
        "压实工作责任，确保各项任务落地见效",
    ]
    assert child_counts(speech.sections) == [2, 3, 0]
    theory, life, _ = speech.sections[1].children
    assert [(c.level, c.marker) for c in theory.children] == [(3, "一要"), (3, "二要"), (3, "三要")]
    assert [(c.level, c.marker, c.heading) for c in life.children] == [
        (3, "（1）", "规范支部主题党日"), (3, "（2）", "开好组织生活会")]
    assert speech.closing[0].text.startswith("希望大家以这次会议为契机")
    assert not [a for a in speech.anomalies if a.kind in ("numbering", "announced_count")]


def test_fresh_first_second_level_one_with_yishi_and_arabic_below():
    speech = parse_lines(FRESH_FIRST_SECOND.splitlines())
    assert speech.transition.text == "下面我讲三个方面。" and speech.announced_points == 3
    assert [s.marker for s in speech.sections] == ["第一，", "第二，", "第三，"]
    assert speech.sections[0].heading == "要充分肯定成绩，正视存在的不足"
    assert child_counts(speech.sections) == [0, 2, 0]
    first = speech.sections[1].children[0]
    assert (first.level, first.marker, first.heading) == (2, "一是", "扩大组织覆盖")
    assert [(c.level, c.marker, c.heading) for c in first.children] == [
        (3, "1.", "开展集中摸排"), (3, "2.", "推行联合组建")]
    assert speech.closing[0].text.startswith("同志们，做好")


def test_fresh_one_line_speech_is_split_at_salutation_and_markers():
    speech = parse_lines([FRESH_ONE_LINE])
    assert speech.title == "在全县基层党建重点任务推进会上的讲话"
    assert speech.salutation == "同志们："
    assert speech.transition.text == "今天，我主要讲以下四个方面："
    assert [s.heading for s in speech.sections] == ["坚持问题导向补短板", "聚焦重点任务抓落实", "强化督促检查促提升"]
    assert speech.sections[0].paragraphs[0].text.startswith("近年来，我县")
    assert speech.sections[1].paragraphs[0].text.startswith("我们要紧盯年度目标")
    assert [c.heading for c in speech.sections[1].children] == ["抓好村级组织换届", "抓好集体经济发展"]
    assert speech.closing[0].text.startswith("同志们，任务艰巨")
    # four announced, three found: reported, not fixed
    (mismatch,) = [a for a in speech.anomalies if a.kind == "announced_count"]
    assert "announces 4" in mismatch.message and "3 level-1 sections" in mismatch.message


def test_one_line_page_with_dated_title_and_stray_page_number_before_the_first_point():
    speech = parse_lines([
        "在全镇村级组织建设工作会议上的讲话（2019年6月3日）同志们：刚才各村作了汇报，讲得都很好。"
        "下面我就做好下半年工作提几点意见：1 一、坚持抓基层打基础，全镇党建工作取得新成效今年是换届之年，任务十分繁重。"
        "（一）抓重点，换届工作圆满完成。三月份完成了换届。（二）抓基础，阵地建设稳步推进。新建活动场所十个。"
        "二、明确目标任务，推动下半年工作再上台阶当前，要重点抓好以下工作。"
    ])
    assert speech.title == "在全镇村级组织建设工作会议上的讲话"
    assert speech.byline == "（2019年6月3日）" and speech.meta["date"] == "2019-06-03"
    assert speech.transition.text == "下面我就做好下半年工作提几点意见："
    assert [s.heading for s in speech.sections] == ["坚持抓基层打基础，全镇党建工作取得新成效",
                                                    "明确目标任务，推动下半年工作再上台阶"]
    assert speech.sections[0].paragraphs[0].text == "今年是换届之年，任务十分繁重。"
    assert child_counts(speech.sections) == [2, 0]


@pytest.mark.parametrize("first_line", ["尊敬的各位领导、各位来宾：", "各位领导、同志们：", "同志们，朋友们："])
def test_salutation_variants(first_line):
    speech = parse_lines(["在全市组织工作会议上的讲话", first_line, "今天的会议很重要。", "一、提高认识", "正文。"])
    assert speech.salutation == first_line and speech.title == "在全市组织工作会议上的讲话"
    assert speech.opening[0].text == "今天的会议很重要。"


def test_opening_sentences_about_the_meeting_are_not_a_transition():
    speech = parse_lines(["同志们：", "今天，我们在这里召开全县会议，专题研究解决群众反映强烈的突出问题。",
                          "一、统一思想", "正文。"])
    assert speech.transition is None and len(speech.opening) == 1


def test_split_heading_does_not_cut_at_an_opener_inside_a_phrase():
    heading, at = split_heading("在抓好经济发展的同时，切实加强党的建设，推动各项工作全面进步。要做到……")
    assert heading == "在抓好经济发展的同时，切实加强党的建设，推动各项工作全面进步" and at is not None


def test_other_marker_spellings_are_recognised():
    speech = parse_lines([
        "第一部分：总结去年工作",
        "去年工作取得新进展。",
        "1）组织建设。稳步推进。",
        "2）队伍建设。持续加强。",
        "第二部分：部署今年任务",
        "今年任务很重。",
    ])
    assert [(s.marker, s.number, s.heading) for s in speech.sections] == [
        ("第一部分：", 1, "总结去年工作"), ("第二部分：", 2, "部署今年任务")]
    assert [c.heading for c in speech.sections[0].children] == ["组织建设", "队伍建设"]


FRESH_UNNUMBERED = """\
以高质量党建引领基层治理
近年来，我们坚持把抓基层、打基础作为长远之计和固本之举，基层治理水平不断提升。
夯实组织基础，激发治理活力
基层党组织是基层治理的领导核心。
（一）优化组织设置。推行“小区党支部+楼栋党小组”模式，实现组织覆盖。
（二）选优配强带头人。坚持从致富能手、退役军人中选拔村党组织书记。
健全工作机制，提升治理效能
机制管根本、管长远。
（一）完善议事协商机制。推行“群众点单、支部派单、党员接单”，及时回应群众关切。
（二）强化考核激励。把基层治理成效纳入年度考核，作为评先评优的重要依据。
（作者系某县委常委、组织部部长　李明）
"""


def test_fresh_unnumbered_sections_head_their_numbered_sub_points():
    speech = parse_lines(FRESH_UNNUMBERED.splitlines())
    assert speech.title == "以高质量党建引领基层治理"
    assert [s.heading for s in speech.sections] == ["夯实组织基础，激发治理活力", "健全工作机制，提升治理效能"]
    assert [[c.title for c in s.children] for s in speech.sections] == [
        ["（一）优化组织设置", "（二）选优配强带头人"], ["（一）完善议事协商机制", "（二）强化考核激励"]]
    assert speech.sections[0].paragraphs[0].text == "基层党组织是基层治理的领导核心。"
    assert speech.byline == "（作者系某县委常委、组织部部长　李明）" and speech.meta["speaker"] == "李明"
    assert not [a for a in speech.anomalies if a.kind == "numbering"]


def test_a_colon_can_end_a_run_in_heading():
    speech = parse_lines(["一、加强领导", "（一）压实责任：各级党委要切实扛起主体责任。", "（二）强化保障：要落实经费。"])
    sub = speech.sections[0].children
    assert [(c.heading, c.paragraphs[0].text, c.run_in) for c in sub] == [
        ("压实责任", "各级党委要切实扛起主体责任。", True), ("强化保障", "要落实经费。", True)]


def test_source_and_date_lines_are_not_unnumbered_headings():
    speech = parse_lines(["来源：组工信息", "2023-03-17 10:09", "正文第一段。", "责任编辑：王某", "正文第二段。"])
    assert speech.sections == []
    assert [a.kind for a in speech.anomalies] == ["no_sections"]


def test_a_built_text_draft_reads_back_into_the_same_outline():
    from drafter.model import Paragraph
    from drafter.numerals import marker
    from drafter.writers.text import write_text

    def sec(style, n, level, heading, body, children=(), run_in=False):
        return Section(marker(style, n), n, level, heading, paragraphs=[Paragraph(t) for t in body],
                       children=list(children), run_in=run_in)

    speech = Speech(
        title="在全县基层党建工作会议上的讲话", byline="王建国（2026年11月23日）", salutation="同志们：",
        opening=[Paragraph("今天召开全县基层党建工作会议，主要任务是部署明年工作。")],
        transition=Paragraph("下面，我讲两点意见。"), announced_points=2,
        sections=[
            sec("一、", 1, 1, "统一思想，充分认识基层党建工作的重要性", ["基层党组织是党的全部工作和战斗力的基础。"]),
            sec("一、", 2, 1, "突出重点，扎实推进各项任务落实", ["明年要重点抓好三项工作。"], [
                sec("（一）", 1, 2, "抓好班子建设", ["要选优配强村党组织书记。"], run_in=True, children=[
                    sec("一是", 1, 3, "严格人选标准", ["坚持把政治标准放在首位。"], run_in=True),
                    sec("一是", 2, 3, "加强教育培训", ["每年轮训一遍。"], run_in=True)]),
                sec("（一）", 2, 2, "抓好阵地建设", ["要整合活动场所资源。"], run_in=True)]),
        ],
        closing=[Paragraph("同志们，只要我们真抓实干，就一定能够开创基层党建工作新局面！")],
    )
    back = parse_lines(write_text(speech).splitlines())
    assert outline(back) == outline(speech)
    assert (back.title, back.byline, back.salutation, back.announced_points) == (
        speech.title, speech.byline, speech.salutation, 2)
    assert [p.text for p in back.opening] == [p.text for p in speech.opening]
    assert back.transition.text == speech.transition.text
    assert [p.text for p in back.closing] == [p.text for p in speech.closing]
    assert [p.text for s in back.walk() for p in s.paragraphs] == [p.text for s in speech.walk() for p in s.paragraphs]
    assert [s.run_in for s in back.walk()] == [s.run_in for s in speech.walk()]


def test_bare_marker_line_takes_the_next_line_as_its_heading():
    speech = parse_lines(["一、", "提高政治站位", "正文一。", "二、", "压实工作责任", "正文二。"])
    assert [(s.marker, s.heading, [p.text for p in s.paragraphs]) for s in speech.sections] == [
        ("一、", "提高政治站位", ["正文一。"]), ("二、", "压实工作责任", ["正文二。"])]


def test_trailing_wishes_and_thanks_close_the_speech_without_tongzhimen():
    speech = parse_lines(["一、抓好落实", "要压实责任。", "希望大家再接再厉，为全县发展作出新的更大贡献！", "谢谢大家！"])
    assert [p.text for p in speech.closing] == ["希望大家再接再厉，为全县发展作出新的更大贡献！", "谢谢大家！"]
    assert [p.text for p in speech.sections[0].paragraphs] == ["要压实责任。"]


def test_an_article_of_lead_in_items_only_gets_them_as_sections():
    speech = parse_lines(["创先争优的三个特点", "创先争优活动具有以下特点：",
                          "实践性。它要求基层党组织立足实践。", "创新性。它体现了改革创新精神。", "主体性。它的主体是广大党员。"])
    assert [(s.level, s.heading) for s in speech.sections] == [(1, "实践性"), (1, "创新性"), (1, "主体性")]
    assert [p.text for p in speech.opening] == ["创先争优活动具有以下特点："]


def test_yishi_marker_followed_by_a_comma():
    speech = parse_lines(["一、加强队伍建设", "一是，严把入口关。正文。", "二是，抓好教育培训。正文。"])
    assert [(c.marker, c.heading) for c in speech.sections[0].children] == [("一是，", "严把入口关"), ("二是，", "抓好教育培训")]


def test_bracket_numbers_can_be_level_one_and_lead_ins_can_sit_under_numbered_points():
    top = parse_lines(["（一）加强学习", "1.学理论。正文。", "2.学业务。正文。", "（二）改进作风", "正文。"])
    assert [(s.level, s.title) for s in top.walk()] == [
        (1, "（一）加强学习"), (2, "1.学理论"), (2, "2.学业务"), (1, "（二）改进作风")]
    leads = parse_lines(["一、提高认识", "强化政治引领。要把政治建设摆在首位。", "强化组织覆盖。要应建尽建。", "二、抓好落实", "正文。"])
    assert [(s.level, s.marker, s.heading) for s in leads.walk()] == [
        (1, "一、", "提高认识"), (2, "", "强化政治引领"), (2, "", "强化组织覆盖"), (1, "二、", "抓好落实")]


def test_markdown_heading_hashes_are_ignored():
    speech = parse_lines(["# 在全县会议上的讲话", "同志们：", "开会。", "## 一、提高认识", "正文。", "## 二、抓好落实", "正文。"])
    assert speech.title == "在全县会议上的讲话"
    assert titles(speech.sections) == ["一、提高认识", "二、抓好落实"]


def test_signed_title_gives_the_byline_and_column():
    speech = parse_lines(["【书记谈党建】王明：以组织振兴引领乡村振兴", "近年来，我们坚持抓党建促发展。",
                          "建强支部堡垒", "支部是基础。", "选好带头人", "带头人是关键。"])
    assert speech.title == "以组织振兴引领乡村振兴"
    assert (speech.byline, speech.meta["speaker"], speech.meta["column"]) == ("王明", "王明", "书记谈党建")
    assert titles(speech.sections) == ["建强支部堡垒", "选好带头人"]


# --------------------------------------------------------------------------- lead-in and glue rules


def test_run_in_body_of_a_heading_line_never_opens_a_lead_in():
    # the body after "三要……。" on the heading's own line is text, not a lead-in item
    run_in = parse_lines(["一、加强学习", "一要向书本学习。读书明理。要读原著、学原文。", "二要向实践学习。实践出真知。要多下基层。",
                          "调研出思路。要带着问题去调研。"])
    assert [c.children for c in run_in.sections[0].children] == [[], []]
    # the same items each opening a source paragraph are lead-ins
    paragraphs = parse_lines(["一、加强学习", "要向书本和实践学习。", "读书明理。要读原著、学原文。", "调研出思路。要带着问题去调研。"])
    assert [c.heading for c in paragraphs.sections[0].children] == ["读书明理", "调研出思路"]


def test_statement_sentences_are_not_lead_in_items():
    statements = parse_lines(["一、改进作风", "作风建设是永恒课题。要常抓不懈。", "调查研究重在深入。要沉到一线。", "二、抓好落实", "正文。"])
    assert child_counts(statements.sections) == [0, 0]
    labels = parse_lines(["一、改进作风", "改文风。要短、实、新。", "转会风。要开短会。", "二、抓好落实", "正文。"])
    assert [c.heading for c in labels.sections[0].children] == ["改文风", "转会风"]


def test_lead_in_run_keeps_only_items_of_one_shape():
    speech = parse_lines([
        "一、建强基层组织",
        "村级组织建设关系振兴大局。我们坚持大抓基层。",
        "配强班子“选将”。从致富能手中选书记。",
        "规范运行“立规”。完善议事规则。",
        "二、抓好落实", "正文。",
    ])
    first = speech.sections[0]
    assert [c.heading for c in first.children] == ["配强班子“选将”", "规范运行“立规”"]
    assert first.paragraphs[0].text.startswith("村级组织建设关系振兴大局。")


def test_a_verb_led_topic_sentence_glued_to_its_heading_is_cut():
    heading, at = split_heading("压实工作责任，推动各项部署落到实处抓好基层党建工作，必须坚持书记抓、抓书记。各级要……")
    assert heading == "压实工作责任，推动各项部署落到实处"
    # a couplet heading without a typical final word
    heading, at = split_heading("坚持问题导向，持续深化改革推进基层治理现代化，关键在于健全体系。要……")
    assert heading == "坚持问题导向，持续深化改革"
    # the same words inside one sentence, after punctuation, are not a glued body
    rest = "各级党组织要认真谋划，抓好基层党建工作，必须坚持书记抓、抓书记，推动工作落实。"
    assert split_heading(rest)[0] == _strip(rest)
    # a long first clause that is no heading is not cut before the opener
    rest = "我们要把今年各乡镇各部门都已经安排部署的重点工作统筹起来推进乡村振兴工作，必须抓紧抓实抓好。"
    assert split_heading(rest)[0] == _strip(rest)


def _strip(text: str) -> str:
    return text.rstrip("。")


def test_lead_in_items_of_very_different_lengths_are_not_one_run():
    speech = parse_lines(["一、加强队伍建设", "育人才。要加大培养力度。", "全面加强基层干部教育培训体系建设。要分级分类开展培训。",
                          "二、抓好落实", "正文。"])
    assert child_counts(speech.sections) == [0, 0]


def test_part_headings_rank_above_yi_and_each_part_restarts_its_list():
    speech = parse_lines(["在经济工作会议上的讲话", "同志们：", "下面，我讲两个部分的意见。",
                          "第一部分　回顾去年工作", "一、主要成绩", "成绩很大。", "二、存在问题", "问题不少。",
                          "第二部分：部署今年任务", "一、抓项目", "要抓项目。"])
    assert speech.announced_points == 2
    assert [(s.level, s.marker, s.number, s.heading) for s in speech.walk()] == [
        (1, "第一部分", 1, "回顾去年工作"), (2, "一、", 1, "主要成绩"), (2, "二、", 2, "存在问题"),
        (1, "第二部分：", 2, "部署今年任务"), (2, "一、", 1, "抓项目")]
    assert speech.anomalies == []


def test_a_sentence_about_a_part_is_not_a_part_heading():
    speech = parse_lines(["一、抓落实", "第一部分是总结，第二部分是部署。"])
    assert [s.heading for s in speech.walk()] == ["抓落实"]


@pytest.mark.parametrize("text, count", [
    ("今天我和大家交流三个方面的认识。", 3),
    ("借此机会，和大家分享两点体会。", 2),
    ("下面，我讲两个部分的意见。", 2),
])
def test_party_lecture_and_part_transitions_announce_their_count(text, count):
    assert announced_count(text) == (True, count)


def test_a_list_restarting_after_the_transition_is_the_points_and_the_earlier_one_stays_opening():
    speech = parse_lines(["在民主生活会上的讲话", "同志们：", "这次会议有三个特点：",
                          "一是准备充分。正文。", "二是查摆具体。正文。", "三是批评认真。正文。",
                          "为巩固成果，我讲两点意见：", "一是要抓学习。正文。", "二是要抓整改。正文。"])
    assert [(s.marker, s.heading) for s in speech.sections] == [("一是", "要抓学习"), ("二是", "要抓整改")]
    assert [p.text for p in speech.opening][:2] == ["这次会议有三个特点：", "一是准备充分。正文。"]
    assert speech.announced_points == 2 and speech.anomalies == []


def test_a_short_last_paragraph_ending_with_thanks_is_the_closing():
    speech = parse_lines(["第一个方面，关于选人。要选好。", "第二个方面，关于用人。要用好。",
                          "以上是我的一些粗浅思考，请批评指正。谢谢！"])
    assert [p.text for p in speech.closing] == ["以上是我的一些粗浅思考，请批评指正。谢谢！"]
    long_point = "第三个方面，关于管人。" + "要从严管理监督，抓早抓小。" * 8 + "谢谢！"
    assert parse_lines(["第一个方面，关于选人。要选好。", long_point]).closing == []


def test_a_short_sign_off_is_the_closing_but_a_summary_of_our_work_is_not():
    speech = parse_lines(["一、抓好粮食生产", "要稳面积。", "二、促进农民增收", "要拓渠道。", "好，我就讲这些。"])
    assert [p.text for p in speech.closing] == ["好，我就讲这些。"]
    speech = parse_lines(["一、抓好粮食生产", "要稳面积。", "二、促进农民增收", "以上是我们今年的重点工作。"])
    assert speech.closing == []


def test_numbered_sentences_of_a_three_sentence_speech_are_level_one():
    speech = parse_lines(["同志们：", "今天我讲两句话。", "第一句话：创建为民，是出发点。", "要为了人民。",
                          "第二句话：创建靠民，是着力点。", "要依靠群众。"])
    assert speech.announced_points == 2
    assert [(s.marker, s.heading, len(s.paragraphs)) for s in speech.sections] == [
        ("第一句话：", "创建为民，是出发点", 1), ("第二句话：", "创建靠民，是着力点", 1)]


def test_a_title_broken_before_its_last_words_is_joined_not_read_as_a_byline():
    speech = parse_lines(["在全县“三农”工作会议", "上的讲话", "县委书记　陈立军", "同志们：", "一、抓好粮食生产", "要稳面积。"])
    assert speech.title == "在全县“三农”工作会议上的讲话"
    assert speech.byline == "县委书记　陈立军" and speech.meta["speaker"] == "陈立军"


def test_a_space_left_where_a_bold_run_in_heading_ended_parts_heading_and_body():
    body = "信访工作是党的群众工作的重要组成部分，是了解社情民意的重要窗口。各级党委政府要高度重视，切实加强领导。"
    assert split_heading("提高政治站位\u3000" + body) == ("提高政治站位", len("提高政治站位\u3000"))
    assert split_heading("提高政治站位 " + body)[0] == "提高政治站位"
    # a heading of two clauses parted by a space stays whole, with or without its full stop
    assert split_heading("强化政治引领\u3000筑牢思想根基")[0] == "强化政治引领\u3000筑牢思想根基"
    assert split_heading("强化政治引领\u3000筑牢思想根基。要坚持理论武装。")[0] == "强化政治引领\u3000筑牢思想根基"


@pytest.mark.parametrize("text, expected", [
    ("刚才，王县长作了工作报告，我完全同意，下面我再讲三点意见。", (True, 3)),
    ("会上，市委书记讲了三点意见，我完全赞成，结合分管工作，我再补充两点。", (True, 2)),
    ("刚才，张书记讲了三点意见，我都同意，希望大家抓好落实。", (False, None)),
])
def test_own_points_announced_after_acknowledging_another_speaker_in_one_sentence(text, expected):
    assert announced_count(text) == expected


# --------------------------------------------------------------------------- round 4: unseen genre shapes


def _points(*extra: str) -> list[str]:
    return ["在座谈会上的讲话", "同志们：", "我谈几点体会。", "一是读书要有定力。要坚持读下去，日积月累。",
            "二是读书要有实践。要学以致用，知行合一。", *extra]


@pytest.mark.parametrize("sign_off", ["以上，与大家共勉。", "汇报完毕，请各位领导批评指正。", "不妥之处，请批评指正。"])
def test_a_modest_sign_off_or_a_reporters_sign_off_is_the_closing(sign_off):
    assert [p.text for p in parse_lines(_points(sign_off)).closing] == [sign_off]


def test_a_sentence_that_merely_starts_with_yishang_is_body_text():
    speech = parse_lines(_points("以上这些问题，必须引起我们高度重视。"))
    assert speech.closing == []


def test_a_wrap_up_ending_with_a_full_stop_is_closing_only_before_a_sign_off():
    wish = "青春是用来奋斗的。希望大家以书为友，在实干中成长成才。"
    speech = parse_lines(_points(wish, "以上，与大家共勉。"))
    assert [p.text for p in speech.closing] == [wish, "以上，与大家共勉。"]
    pledge = "我们将以这次会议为契机，确保全年目标任务圆满完成。"
    speech = parse_lines(_points(pledge, "汇报完毕，请批评指正。"))
    assert [p.text for p in speech.closing] == [pledge, "汇报完毕，请批评指正。"]
    # without the sign-off after it, such a paragraph stays in the last point
    speech = parse_lines(_points(wish))
    assert speech.closing == [] and speech.sections[-1].paragraphs[-1].text == wish


def test_the_audience_hailed_again_or_a_good_wish_starts_the_closing():
    speech = parse_lines(_points("学员们、同志们，希望大家学有所获。", "最后，预祝培训班圆满成功！"))
    assert [p.text[:6] for p in speech.closing] == ["学员们、同志", "最后，预祝培"]
    speech = parse_lines(_points("学员们来自不同岗位，要相互学习，取长补短。"))
    assert speech.closing == []


@pytest.mark.parametrize("text, expected", [
    ("借此机会，我提几点希望，就是希望大家做到“三个带头”：一是带头学习。", (True, 3)),
    ("下面，我讲几点意见，概括为两个“坚持”。", (True, 2)),
    ("下面，我讲几点意见，目的是要实现“两个转变”。", (True, None)),
    ("我们要做到“三个带头”。", (False, None)),
])
def test_a_quoted_count_says_how_many_points_a_vague_announcement_leads_to(text, expected):
    assert announced_count(text) == expected


def test_a_quoted_epigraph_under_the_title_is_neither_title_nor_byline():
    speech = parse_lines(["涵养为民情怀　践行初心使命", "“政贵有恒，辞尚体要。”——《尚书》", "县委办公室主任　赵文杰",
                          "同志们：", "一、为什么要坚持人民立场？", "正文。"])
    assert speech.title == "涵养为民情怀　践行初心使命"
    assert speech.meta["epigraph"] == "“政贵有恒，辞尚体要。”——《尚书》"
    assert speech.meta["speaker"] == "赵文杰"
    assert speech.sections[0].heading == "为什么要坚持人民立场？"
    # a second title line that only starts with a quoted name is still the title's end
    speech = parse_lines(["在全市", "“两优一先”表彰大会上的讲话", "同志们：", "一、向先进学习", "正文。"])
    assert speech.title == "在全市“两优一先”表彰大会上的讲话" and "epigraph" not in speech.meta


def test_brackets_round_an_unnumbered_heading_are_typography_not_words():
    speech = parse_lines(["同志们：", "我强调两点。", "【压实责任　守牢底线】", "要落实党政同责、一岗双责，层层压实责任。",
                          "【聚焦重点　精准施治】", "要紧盯重点行业领域，深入排查整治隐患。"])
    assert [(s.marker, s.heading) for s in speech.sections] == [("", "压实责任　守牢底线"), ("", "聚焦重点　精准施治")]
    speech = parse_lines(["同志们：", "一、压实【安全】责任", "正文。"])
    assert speech.sections[0].heading == "压实【安全】责任"


def test_parallel_colon_labels_opening_paragraphs_are_unnumbered_sub_points():
    speech = parse_lines(["一、聚焦重点", "要突出重点、以点带面。",
                          "坚持问题导向：要紧盯重点行业领域，深入开展隐患排查整治。",
                          "坚持源头防范：要把好项目准入关，从源头上降低安全风险。"])
    assert [(c.marker, c.heading) for c in speech.sections[0].children] == [("", "坚持问题导向"), ("", "坚持源头防范")]
    assert speech.sections[0].children[0].paragraphs[0].text.startswith("要紧盯")


def test_a_speakers_cue_before_a_colon_or_a_mix_of_colon_and_full_stop_labels_is_no_sub_point():
    quotes = parse_lines(["一、坚持人民立场", "要始终把人民放在心中。",
                          "习近平总书记指出：“江山就是人民，人民就是江山。”我们要牢记。",
                          "毛泽东同志说过：“我们共产党人好比种子，人民好比土地。”"])
    assert quotes.sections[0].children == []
    mixed = parse_lines(["一、聚焦重点", "要突出重点。", "坚持问题导向：要紧盯重点行业领域，深入排查整治。",
                         "源头防范。要把好项目准入关，从源头上降低安全风险。"])
    assert mixed.sections[0].children == []
    connectives = parse_lines(["一、聚焦重点", "要突出重点。", "具体来说：要紧盯重点行业领域，深入排查整治。",
                               "另一方面：要把好项目准入关，从源头上降低安全风险。"])
    assert connectives.sections[0].children == []
