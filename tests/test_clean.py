"""Cleaning steps, each on the seed text that shows the problem."""

from __future__ import annotations

import re

import pytest

from drafter.corpus.clean import (
    clean_lines,
    drop_blank,
    drop_bullet,
    drop_invisible,
    drop_page_numbers,
    drop_repeated_headline,
    drop_thread_label,
    drop_trailing_metadata,
    find_anomalies,
    normalise_lookalikes,
    normalise_punctuation,
    page_furniture,
    rejoin_chunks,
    remove_pinyin,
    strip_chrome,
    to_simplified,
    undo_censor_hyphens,
    unrepaired_spans,
    wrap_width,
)
from drafter.corpus.lines import TextLine
from drafter.corpus.load import load
from drafter.corpus.pipeline import load_pieces

from conftest import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004


def source_line(path, n: int) -> str:
    return path.read_text(encoding="utf-8").split("\n")[n - 1]


def cleaned(path) -> list[TextLine]:
    return clean_lines(load(path).lines)


def line_numbers(lines):
    return [tl.line for tl in lines]


# ----------------------------------------------------------------------------- 001: script damage

def test_pinyin_after_characters_is_removed():
    text = remove_pinyin(source_line(SEED_001, 2))
    assert text == "創先爭優促進黨的先進性建設"


def test_pinyin_removal_leaves_latin_in_brackets_alone():
    assert remove_pinyin("加入世贸组织(WTO)以来") == "加入世贸组织(WTO)以来"


def test_censorship_hyphens_are_undone_but_dates_and_dashes_kept():
    line5 = undo_censor_hyphens(remove_pinyin(source_line(SEED_001, 5)))
    assert "共產黨員先進性教育" in line5 and "-" not in line5
    line21 = undo_censor_hyphens(remove_pinyin(source_line(SEED_001, 21)))
    assert "和諧家園" in line21 and "知民情解民意訪民難" in line21 and "——國資委黨委——" in line21
    assert "民主" in undo_censor_hyphens(remove_pinyin(source_line(SEED_001, 28)))
    assert undo_censor_hyphens("2017-04-27 20:55") == "2017-04-27 20:55"


def test_traditional_script_becomes_simplified_and_simplified_is_untouched():
    assert to_simplified("創先爭優促進黨的先進性建設") == "创先争优促进党的先进性建设"
    text = SEED_000.read_text(encoding="utf-8")
    assert to_simplified(text) == text


def test_garbled_text_is_kept_and_reported_with_its_line():
    lines = cleaned(SEED_001)
    line8 = next(tl for tl in lines if tl.line == 8)
    assert "变?yōu)閳?jiān)强" in line8.text  # kept as found, "?" not made full-width
    notes = find_anomalies(lines)
    assert any(n.kind == "unrepaired" and n.line == 8 and "变?yōu)閳?jiān)强" in n.message for n in notes)
    assert {n.line for n in notes if n.kind == "unrepaired"} == {6, 8, 26, 27}


def test_replacement_characters_and_orphan_pinyin_are_unrepaired():
    assert unrepaired_spans("正常的文字") == []
    assert unrepaired_spans("党的\ufffd建设") == [(1, 4)]
    assert unrepaired_spans("实践楝F(xiàn)实") != []
    assert unrepaired_spans("你好ÄãºÃ世界") == [(1, 7)] and unrepaired_spans("锟斤拷") != []
    assert unrepaired_spans("气温25°C") == []


# ----------------------------------------------------------------------------- web chrome

def test_site_header_and_prev_next_footer_are_removed_000():
    lines = cleaned(SEED_000)
    assert line_numbers(lines) == [1] + list(range(4, 22))
    assert lines[1].text == "同志们："


def test_news_header_share_disclaimer_and_related_links_are_removed_003():
    lines = cleaned(SEED_003)
    assert lines[0].line == 3 and lines[0].text.startswith("邓华梁：深学细悟 踔厉奋发 在守正创新中")
    assert lines[-1].line == 36 and lines[-1].text.endswith("（作者系松溪县委常委、组织部部长 邓华梁）")
    body = "\n".join(tl.text for tl in lines)
    for chrome in ("当前位置", "来源", "责任编辑", "2016年1月26号", "分享", "免责声明", "本网", "相关阅读", "[更多]"):
        assert chrome not in body


def test_document_sharing_chrome_is_removed_004():
    kept = strip_chrome(load(SEED_004).lines)
    texts = [tl.text for tl in kept if tl.text.strip()]
    assert len(texts) == 12 and all(re.match(r"\d+、", t) for t in texts)


def test_paged_article_notices_and_related_lists_are_removed_001():
    plain = [TextLine(to_simplified(remove_pinyin(tl.text)), tl.line) for tl in load(SEED_001).lines]
    kept = [tl for tl in strip_chrome(plain) if tl.text.strip()]
    assert kept[0].line == 2  # the title after the "相關推薦" header stays
    assert 11 in line_numbers(kept)  # the floor marker line is for split.py
    assert 13 not in line_numbers(kept) and 22 not in line_numbers(kept)
    assert kept[-1].line == 28


def test_chrome_rules_generalise_to_other_sites():
    lines = [TextLine(t, i) for i, t in enumerate([
        "您的位置：首页 > 讲话稿 > 正文", "发布时间：2024-01-02  浏览次数：35", "在全区工作会议上的讲话",
        "同志们：", "今天的会议很重要。", "推荐阅读", "关于做好某项工作的通知 2024-01-01", "打印 | 关闭窗口",
        "Copyright © 2024 某某网 版权所有", "京ICP备12345678号"], start=1)]
    assert [tl.text for tl in strip_chrome(lines)] == ["在全区工作会议上的讲话", "同志们：", "今天的会议很重要。"]


def test_government_site_font_size_and_print_buttons_are_removed():
    lines = [TextLine(t, i) for i, t in enumerate([
        "在全县工作会议上的讲话", "【字体：大 中 小】 打印本页 关闭窗口", "同志们：", "【打印本页】【关闭窗口】"], start=1)]
    assert [tl.text for tl in strip_chrome(lines)] == ["在全县工作会议上的讲话", "同志们："]
    assert strip_chrome([TextLine("打印本页面上的材料要节约纸张。", 1)]) != []


def test_lone_page_numbers_and_trailing_editor_notes_are_removed():
    lines = [TextLine(t, i) for i, t in enumerate(["同志们：", "- 3 -", "今天的会议很重要。（责任编辑：王五）", "12"], start=1)]
    assert [tl.text for tl in clean_lines(lines)] == ["同志们：", "今天的会议很重要。"]


def test_a_body_sentence_starting_like_a_notice_is_kept():
    lines = [TextLine("郑重声明：我们坚决反对形式主义。", 1), TextLine("1、要认真学习。", 2)]
    assert strip_chrome(lines) == lines


def test_stray_bullet_at_line_start_is_dropped_003():
    assert drop_bullet(source_line(SEED_003, 24)).startswith("抓人才强支撑。")
    assert drop_bullet("?你好吗") == "?你好吗"


# ----------------------------------------------------------------------------- punctuation

def test_ascii_punctuation_in_chinese_becomes_full_width_000():
    assert normalise_punctuation(source_line(SEED_000, 6)) == "下面，我就如何贯彻十六届四中全会精神，进一步加强基层党建工作讲四点意见。"
    assert normalise_punctuation("同志们:") == "同志们："
    line11 = normalise_punctuation(source_line(SEED_000, 11))
    assert "乡镇（街道）、社区（村）" in line11 and "," not in line11 and ";" not in line11


def test_numbers_times_and_latin_text_keep_their_punctuation():
    assert normalise_punctuation("各县市区财政按1:1等量配套") == "各县市区财政按1:1等量配套"
    assert normalise_punctuation("会议于20:55结束,共有1,200人参加") == "会议于20:55结束，共有1,200人参加"
    assert normalise_punctuation("推行“4+2”工作法,增长3.5%") == "推行“4+2”工作法，增长3.5%"
    assert normalise_punctuation("He said: hello, world (really)!") == "He said: hello, world (really)!"


def test_straight_quotes_and_dots_in_chinese_are_normalised():
    assert normalise_punctuation('要做到"三个过硬"和"两个维护"...') == "要做到“三个过硬”和“两个维护”……"
    assert normalise_punctuation("工作.下面") == "工作。下面"
    assert normalise_punctuation('He said "hi" 3.5') == 'He said "hi" 3.5'


def test_dashes_questions_and_spaced_colons_are_normalised_002():
    assert normalise_punctuation(source_line(SEED_002, 11)) == "——在全市基层党组织书记加强社会管理培训班上的讲话"
    assert normalise_punctuation(source_line(SEED_002, 239)).startswith("下面，我讲四点意见：第一，基层党建工作")
    assert "不难要我们这些领导干什么？要我们这些党员干什么？" in normalise_punctuation(source_line(SEED_002, 277))
    assert normalise_punctuation(source_line(SEED_002, 231)) == "唐 利 民（2010年11月29日）"


# ----------------------------------------------------------------------------- page numbers

def test_stray_page_numbers_inside_sentences_are_dropped_002():
    text = "\n".join(tl.text for tl in cleaned(SEED_002))
    assert "是干部人事制度改革的一项重要内容，" in text
    assert "内江的经济需要转型" in text and "抓好年底的群众测评，抓好工作的纵深" in text
    assert not re.search(r"[\u4e00-\u9fff，] ?\d+ [\u4e00-\u9fff]", text)
    for real in ("40、50下岗人员", "我们希望到2015年", "5个县（区）作了交流发言"):
        assert real in text


def test_numbers_with_measure_words_are_not_page_numbers():
    lines = [TextLine("全县 5 个乡镇和第 3 批村", 1), TextLine("重要内 9 容", 2)]
    assert [tl.text for tl in drop_page_numbers(lines)] == ["全县 5 个乡镇和第 3 批村", "重要内容"]


# ----------------------------------------------------------------------------- chunks

def test_chunks_cut_mid_word_are_rejoined_004():
    lines = cleaned(SEED_004)
    assert len(lines) == 1
    text = lines[0].text
    assert "示范带动整顿工作的深入开展。二是摸清底数。" in text
    assert "帮助第一书记为派驻村办实事" in text and "简单模仿。" in text
    assert not re.search(r"\d+、", text.replace("1、2", ""))


def test_rejoined_text_keeps_each_characters_source_line_004():
    line = cleaned(SEED_004)[0]
    at = line.text.index("深入开展。") + len("深入开")
    assert line.text[at] == "展" and line.line_at(at) == 24
    assert line.line_at(at - 1) == 22
    assert line.line_at(line.text.index("仿。要注重")) == 44


def test_real_numbered_list_items_are_not_joined():
    text001 = [tl.text for tl in cleaned(SEED_001)]
    assert sum(1 for t in text001 if re.match(r"[123]、", t)) == 3
    text002 = [tl.text for tl in cleaned(SEED_002)]
    assert any(t.startswith("1、要认真组织开展“三会一课”") for t in text002)
    assert any(t.startswith("5、要做好党员关怀帮扶工作") for t in text002)
    items = [TextLine("1、要认真学习。", 1), TextLine("2、要加强管理。", 2)]
    assert rejoin_chunks(items) == items


# ----------------------------------------------------------------------------- whole files

def test_blank_lines_are_dropped_and_lines_trimmed_002():
    lines = cleaned(SEED_002)
    assert all(tl.text and tl.text == tl.text.strip() for tl in lines)


def test_truncated_fragment_is_kept_and_reported_002():
    piece = load_pieces(SEED_002)[1]
    assert any(tl.text == "的先进作用，更好地推动企业健康发展。" for tl in piece.lines)
    kinds = {(n.kind, n.line) for n in piece.notes}
    assert ("truncated", 223) in kinds and ("truncated", 221) in kinds


@pytest.mark.parametrize("seed", [SEED_000, SEED_001, SEED_002, SEED_003, SEED_004])
def test_cleaning_never_invents_characters(seed):
    source = to_simplified(remove_pinyin(seed.read_text(encoding="utf-8")))
    known = set(source)
    for tl in cleaned(seed):
        assert {c for c in tl.text if "\u4e00" <= c <= "\u9fff"} <= known
        assert len(tl.text) <= len(source)


def _hard_wrap(text: str, width: int) -> str:
    out = []
    for line in text.split("\n"):
        out.extend(line[i:i + width] for i in range(0, len(line), width)) if line else out.append("")
    return "\n".join(out)


def test_hard_wrapped_copy_cleans_to_the_same_paragraphs_000(tmp_path):
    wrapped = tmp_path / "wrapped.txt"
    lines = SEED_000.read_text(encoding="utf-8").split("\n")  # the speech is wrapped, the web page around it is not
    wrapped.write_text("\n".join(lines[:3] + [_hard_wrap("\n".join(lines[3:21]), 30)] + lines[21:]), encoding="utf-8")
    original, unwrapped = cleaned(SEED_000), cleaned(wrapped)
    assert "".join(tl.text for tl in unwrapped) == "".join(tl.text for tl in original)
    texts = [tl.text for tl in unwrapped]
    for heading in ("一、统一思想，充分认识加强基层党建工作的重要性", "四、讲究方法，确保主题教育活动取得实效", "同志们："):
        assert heading in texts
    # a paragraph comes back whole unless a wrapped line happened to end at a full stop
    assert len(original) <= len(unwrapped) <= len(original) + 3
    line = next(tl for tl in unwrapped if tl.text.startswith("（一）要在转变作风"))
    assert line.line_at(len(line.text) - 1) > line.line


def test_files_with_whole_paragraph_lines_are_not_unwrapped():
    for seed in (SEED_000, SEED_001, SEED_002, SEED_003, SEED_004):
        assert wrap_width(load(seed).lines) is None


def test_related_lists_of_bare_titles_are_removed_but_a_headline_after_a_header_is_kept():
    from drafter.corpus.clean import strip_chrome
    from drafter.corpus.lines import TextLine

    tail = ["同志们，希望大家真抓实干，为建设幸福家园作出新的更大贡献！", "相关阅读",
            "我区召开基层党建工作重点任务推进会", "区委组织部开展新任社区书记培训"]
    assert [t.text for t in strip_chrome([TextLine(s, i) for i, s in enumerate(tail, 1)])] == tail[:1]
    head = ["相关推荐", "创先争优促进党的先进性建设", "当前，全党正在深入开展创先争优活动。这是新的重大措施，意义深远。"]
    assert [t.text for t in strip_chrome([TextLine(s, i) for i, s in enumerate(head, 1)])] == head[1:]


def test_first_line_indents_tell_wrapped_paragraphs_apart_000(tmp_path):
    # Text saved from Word: every paragraph indented with two ideographic spaces, then wrapped.
    # A wrapped line ending at a full stop mid-paragraph continues on the unindented next line.
    lines = SEED_000.read_text(encoding="utf-8").split("\n")
    body = "\n".join("\u3000\u3000" + ln if ln.strip() else ln for ln in lines[3:21])
    wrapped = tmp_path / "word.txt"
    wrapped.write_text("\n".join(lines[:3] + [_hard_wrap(body, 30)] + lines[21:]), encoding="utf-8")
    original, unwrapped = cleaned(SEED_000), cleaned(wrapped)
    assert [tl.text for tl in unwrapped] == [tl.text for tl in original]


# ----------------------------------------------------------------------------- noise of unseen copies
# (tests/fixtures/unseen/20-24 show each kind inside a whole speech)

def texts_of(lines):
    return [tl.text for tl in lines]


def numbered(texts):
    return [TextLine(t, i) for i, t in enumerate(texts, start=1)]


def test_lookalike_marks_and_full_width_digits_are_normalised():
    assert normalise_lookalikes("一､坚持政治引领") == "一、坚持政治引领"
    assert normalise_lookalikes("用好“三会一课”﹑主题党日﹐做到︰一是") == "用好“三会一课”、主题党日，做到：一是"
    assert normalise_lookalikes("（２０２６年１月１６日）ＡＩ应用") == "（2026年1月16日）AI应用"
    # standard full-width punctuation and signs are content, not look-alikes
    text = "同志们：增长８％？不，是“百分之八”！（一）、；。"
    assert normalise_lookalikes(text) == text.replace("８", "8")


def test_zero_width_characters_are_removed_but_visible_spaces_kept():
    assert drop_invisible("把党建工作融入\u200b企业发展") == "把党建工作融入企业发展"
    assert drop_invisible("配齐\u2060建强\u00ad") == "配齐建强"
    # a no-break or ideographic space may separate a run-in heading from its body (fixture 19)
    kept = "（一）抓早抓小\u3000要建立常态化排查机制。新\u00a0社会组织"
    assert drop_invisible(kept) == kept


def test_editorial_notes_are_dropped_only_as_whole_lines_or_after_the_last_sentence():
    lines = numbered(["（本报记者 孙立伟 整理）", "在全市组织工作会议上的讲话", "同志们：",
                      "今天的会议很重要。", "（此文为作者在全市组织工作会议上的讲话，有删节）"])
    assert texts_of(strip_chrome(lines)) == ["在全市组织工作会议上的讲话", "同志们：", "今天的会议很重要。"]
    assert drop_trailing_metadata("注入更强动力！（根据录音整理，有删节）") == "注入更强动力！"
    # inside a sentence, with a date (a byline), or an author line: content
    for text in ("他把发言稿（根据录音整理）交给了我们。", "要把记录（根据录音整理）及时归档"):
        assert drop_trailing_metadata(text) == text and strip_chrome(numbered([text])) != []
    for text in ("（2026年1月16日，根据录音整理）", "（作者系松溪县委常委、组织部部长 邓华梁）"):
        assert texts_of(strip_chrome(numbered([text]))) == [text]


def test_wechat_public_account_chrome_is_removed():
    lines = numbered(["点击蓝字 关注我们", "原创 青山组工 青山组工 2026-03-15 08:30", "在全县培训班开班式上的讲话",
                      "同志们：", "今天的会议很重要。", "END", "编辑：李红 审核：王刚 校对：赵亮", "长按二维码关注",
                      "关注我们", "往期推荐", "◆ 我县召开基层党建工作推进会", "◆ 一图读懂2026年党员发展工作要点",
                      "预览时标签不可点", "阅读原文", "分享 收藏 点赞 在看"])
    assert texts_of(strip_chrome(lines)) == ["在全县培训班开班式上的讲话", "同志们：", "今天的会议很重要。"]


def test_body_sentences_like_wechat_chrome_are_kept():
    body = ["点击量持续上升，关注度不断提高。", "要关注群众的急难愁盼。", "会议定于2026-03-15 08:30召开。",
            "阅读原文件要认真细致。", "在看问题上要坚持辩证思维。"]
    assert texts_of(strip_chrome(numbered(body))) == body


def test_forum_thread_chrome_and_signature_are_removed():
    lines = numbered(["查看: 1523 | 回复: 12", "楼主", "发表于 2026-1-5 09:12 | 只看该作者",
                      "本帖最后由 老李 于 2026-1-5 09:20 编辑", "在全镇党员冬训动员会上的讲话", "同志们：",
                      "今天的会议很重要。", "个性签名：基层工作，用心用情。", "回复 引用 举报 TOP", "返回列表 发新帖"])
    assert texts_of(strip_chrome(lines)) == ["在全镇党员冬训动员会上的讲话", "同志们：", "今天的会议很重要。"]
    body = ["回复群众关切是我们的责任。", "要把楼主的意见转给有关部门。", "引用典故要准确。"]
    assert texts_of(strip_chrome(numbered(body))) == body
    assert "#2楼" in texts_of(strip_chrome(numbered(["标题2017-04-27 20:55 | #2楼"])))[0]  # split.py's


def test_thread_label_and_link_buttons_leave_the_title():
    assert drop_thread_label("标题：在全镇党员冬训动员会上的讲话 [复制链接]") == "在全镇党员冬训动员会上的讲话"
    assert drop_thread_label("在全镇会议上的讲话【打印】【关闭】") == "在全镇会议上的讲话"
    for text in ("标题：在全镇会议上的讲话", "要把【复制链接】这类按钮从页面上去掉。"):
        assert drop_thread_label(text) == text


def test_a_headline_given_twice_is_kept_once():
    lines = numbered(["在全镇会议上的讲话", "", "在全镇会议上的讲话", "同志们："])
    assert texts_of(drop_blank(drop_repeated_headline(lines))) == ["在全镇会议上的讲话", "同志们："]
    other = numbered(["在全镇会议上的讲话", "同志们：", "同志们："])
    assert drop_repeated_headline(other) == other


def _paged(paragraphs: list[str], header: str) -> list[str]:
    """One paragraph a line; a page break (footer, form feed, running header) 40 characters into
    the first two paragraphs of 80+ characters."""
    out, page = [header, ""], 0
    for p in paragraphs:
        if len(p) >= 80 and page < 2:
            page += 1
            out += [p[:40], "", f"— {page} —", "", "\f" + header, "", p[40:]]
        else:
            out.append(p)
    return out + ["", "第 3 页 共 3 页"]


def test_page_breaks_and_running_headers_are_removed_and_split_paragraphs_rejoined_000():
    paragraphs = [tl.text for tl in cleaned(SEED_000)]
    lines = numbered(_paged(paragraphs, "中共某某县委办公室文件"))
    out = clean_lines(lines)
    assert texts_of(out) == paragraphs
    split = next(tl for tl in out if tl.joins)
    assert split.line_at(39) == split.line and split.line_at(40) == split.line + 6  # provenance across the break


def test_paragraph_ending_at_a_page_break_and_repeated_lines_without_page_numbers_are_kept():
    lines = numbered(["同志们：", "今天的会议很重要，大家要认真学习领会，抓好贯彻落实，务求取得实效。", "", "— 1 —", "",
                      "一、统一思想", "要统一思想，提高认识。"])
    assert texts_of(clean_lines(lines)) == ["同志们：", "今天的会议很重要，大家要认真学习领会，抓好贯彻落实，务求取得实效。",
                                            "一、统一思想", "要统一思想，提高认识。"]
    repeated = numbered(["同志们：", "要抓好落实", "一是抓学习。", "要抓好落实", "二是抓整改。", "要抓好落实"])
    assert page_furniture(repeated) == set()
    assert texts_of(clean_lines(repeated)) == texts_of(repeated)
