"""The .docx writer: GB/T 9704 page, named styles with East Asian fonts, page numbers, presets.

Every test builds a realistic speech, writes it and reads the package back
with python-docx and the raw XML, checking the numbers of GUIDE.md §3.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from drafter.errors import InputFileError, UnknownNameError  # noqa: E402
from drafter.model import Paragraph, Section, Speech  # noqa: E402
from drafter.segment import words  # noqa: E402
from drafter.writers.docx import style_name, write_docx  # noqa: E402
from drafter.writers.layout import PODIUM, STANDARD, WINDOWS, layout_from_style  # noqa: E402
from drafter.writers.titles import CLOSING, OPENING, break_title, text_width  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TITLE = "在全县“软弱涣散”村（社区）党组织整顿提升暨基层党建工作推进会议上的讲话"
CN = "一二三四五"


def make_speech() -> Speech:
    """A speech of the genre: long title, subtitle, byline, four sections with run-in points."""
    P = Paragraph
    speech = Speech(
        title=TITLE,
        subtitle="——在2026年全县基层党建工作推进会上的讲话",
        byline="王建国（2026年11月23日）",
        salutation="同志们：",
        opening=[P("今天召开全县“软弱涣散”村（社区）党组织整顿提升工作会议，主要任务是总结2025年整顿工作，"
                   "部署下一阶段任务。刚才，李明同志通报了全县整顿工作情况，讲得很好，我都同意。")],
        transition=P("下面，我讲四点意见。"),
        meta={"speaker": "王建国", "date": "2026-11-23", "outline": "rectification"},
    )
    headings = ["统一思想，充分认识整顿提升工作的重要性", "总结经验，找准问题，为整顿工作奠定坚实基础",
                "突出重点，扎实推进整顿提升各项任务", "加强领导，压实责任，确保整顿工作取得实效"]
    for i, heading in enumerate(headings):
        section = Section(marker=f"{CN[i]}、", number=i + 1, level=1, heading=heading, role="tasks",
                          paragraphs=[P("基础不牢，地动山摇。“火车跑得快，全靠车头带”，全县共有312个村（社区），"
                                        f"排查确定软弱涣散党组织27个，占比8.7%。这是第{i + 1}部分的正文。")])
        for j in range(2):
            section.children.append(Section(
                marker=f"（{CN[j]}）", number=j + 1, level=2, heading=f"要在转变作风、服务群众上下功夫{CN[i]}{CN[j]}",
                run_in=True,
                paragraphs=[P("要建立健全联系服务群众制度，真正做到‘民有所呼、我有所应’。"),
                            P("各乡镇要在12月底前完成第一轮走访。")]))
        if i == 2:
            section.children[0].children.append(Section(
                marker="1.", number=1, level=3, heading="完善村级组织运行机制",
                paragraphs=[P("要健全“四议两公开”工作法，规范村级重大事项决策程序。")]))
        speech.sections.append(section)
    speech.closing = [P("同志们，只要我们坚定信心、真抓实干，就一定能够实现整顿工作的各项目标任务！")]
    return speech


def build(speech: Speech | None = None, layout=STANDARD, reference_doc=None):
    data = write_docx(speech or make_speech(), layout, reference_doc)
    return docx.Document(io.BytesIO(data)), data


def parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))}


def rfonts(el) -> dict[str, str]:
    r = el.find(f"{W}rPr/{W}rFonts")
    return {k.replace(W, ""): v for k, v in r.attrib.items()} if r is not None else {}


def east_asian_font(doc, paragraph, run) -> str:
    """The East Asian face Word would use for `run`: run, its character style, the paragraph style chain."""
    if (ea := rfonts(run._r).get("eastAsia")):
        return ea
    chain = []
    if run.style is not None and run.style.style_id != "DefaultParagraphFont":
        chain.append(run.style)
    style = paragraph.style
    while style is not None:
        chain.append(style)
        style = style.base_style
    for style in chain:
        if (ea := rfonts(style.element).get("eastAsia")):
            return ea
    defaults = doc.styles.element.find(f"{W}docDefaults/{W}rPrDefault")
    return rfonts(defaults)["eastAsia"]


def size_of(paragraph, run) -> float:
    for source in (run.font.size, run.style.font.size if run.style is not None else None):
        if source is not None:
            return source.pt
    style = paragraph.style
    while style is not None:
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    raise AssertionError("no size")


def by_style(doc, name: str):
    return [p for p in doc.paragraphs if p.style.name == name]


# --------------------------------------------------------------------------- the page


def test_page_is_a4_with_gb9704_margins_and_line_grid():
    doc, data = build()
    for section in doc.sections:
        assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
        assert (section.top_margin.twips, section.bottom_margin.twips) == (2098, 1984)
        assert (section.left_margin.twips, section.right_margin.twips) == (1588, 1474)
        grid = section._sectPr.find(f"{W}docGrid")
        assert grid.get(f"{W}type") == "lines" and grid.get(f"{W}linePitch") == "579"
    document_xml = parts(data)["word/document.xml"]
    assert 'w:w="12240"' not in document_xml and 'w:h="15840"' not in document_xml  # no Letter size


def test_nothing_of_the_default_template_leaks():
    doc, data = build()
    xml = parts(data)
    assert not [name for name, text in xml.items() if "ja-JP" in text]
    assert not re.search(r"(asciiTheme|eastAsiaTheme|hAnsiTheme)=", xml["word/styles.xml"])
    assert "stylesWithEffects" not in " ".join(xml) and "thumbnail" not in xml["_rels/.rels"]
    lang = doc.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}eastAsia") == "zh-CN"
    assert 'w:eastAsia="zh-CN"' in xml["word/settings.xml"]
    assert "python-docx" not in xml["docProps/core.xml"]


def test_footer_puts_the_dash_about_7mm_below_the_type_area():
    doc, _ = build()
    section = doc.sections[0]
    gap_mm = (section.bottom_margin.twips - section.footer_distance.twips) / 56.69 - 14 / 2 * 0.3528
    assert 6.0 <= gap_mm <= 8.0


# --------------------------------------------------------------------------- styles and fonts


ROLE_FONTS = {
    "body": ("仿宋_GB2312", 16), "title": ("方正小标宋简体", 22), "subtitle": ("楷体_GB2312", 16),
    "byline": ("楷体_GB2312", 16), "salutation": ("仿宋_GB2312", 16), "closing": ("仿宋_GB2312", 16),
    "heading1": ("黑体", 16), "heading2": ("楷体_GB2312", 16), "heading3": ("仿宋_GB2312", 16),
    "heading4": ("仿宋_GB2312", 16), "runin2": ("楷体_GB2312", 16), "runin3": ("仿宋_GB2312", 16),
}


def test_every_role_has_a_named_style_with_its_east_asian_and_latin_fonts():
    doc, _ = build()
    names = {s.name for s in doc.styles}
    for role, (face, size) in ROLE_FONTS.items():
        name = style_name(role)
        assert name in names, name
        style = doc.styles[name]
        fonts = rfonts(style.element)
        assert fonts["eastAsia"] == face, (role, fonts)
        assert fonts["ascii"] == fonts["hAnsi"] == "Times New Roman"
        assert style.font.size.pt == size
    assert {"讲话标题", "讲话副标题", "讲话署名", "一级标题", "二级标题", "三级标题", "四级标题", "段内二级标题"} <= names


def test_every_run_resolves_to_its_role_font_and_size():
    doc, _ = build()
    expected = {style_name(k): v for k, v in ROLE_FONTS.items() if not k.startswith("runin")}
    checked = 0
    for p in doc.paragraphs:
        for run in p.runs:
            face, size = expected[p.style.name]
            if run.style is not None and run.style.name.startswith("段内"):
                face, size = ROLE_FONTS["runin" + str("一二三四".index(run.style.name[2]) + 1)]
            assert east_asian_font(doc, p, run) == face, (p.text, run.text)
            assert size_of(p, run) == size
            checked += 1
    assert checked > 30


def test_body_is_justified_with_exact_lines_two_character_indent_and_no_spacing():
    doc, _ = build()
    body = doc.styles[style_name("body")]
    pf = body.paragraph_format
    assert pf.line_spacing_rule == docx.enum.text.WD_LINE_SPACING.EXACTLY
    assert pf.line_spacing.twips == 579 and round(pf.line_spacing.pt, 2) == 28.95
    assert pf.first_line_indent.pt == 32
    assert pf.space_before.pt == 0 and pf.space_after.pt == 0
    assert pf.alignment == docx.enum.text.WD_PARAGRAPH_ALIGNMENT.JUSTIFY
    paragraphs = [p for p in doc.paragraphs if p.style.name == body.name and p.text]
    assert len(paragraphs) > 10
    for p in paragraphs:  # no direct formatting overrides the style
        assert p.paragraph_format.first_line_indent is None and p.paragraph_format.line_spacing is None


def test_headings_are_indented_like_body_without_bold_and_keep_their_markers():
    doc, _ = build()
    level1 = by_style(doc, "一级标题")
    assert [p.text for p in level1][0] == "一、统一思想，充分认识整顿提升工作的重要性"
    assert len(level1) == 4
    assert by_style(doc, "三级标题")[0].text == "1.完善村级组织运行机制"
    for name in ("一级标题", "二级标题", "三级标题", "四级标题"):
        style = doc.styles[name]
        assert style.font.bold is False
        assert style.paragraph_format.first_line_indent.pt == 32
        assert style.paragraph_format.keep_with_next


def test_run_in_heading_shares_its_paragraph_with_the_body_text():
    doc, _ = build()
    p = next(p for p in doc.paragraphs if p.text.startswith("（一）要在转变作风"))
    assert p.style.name == style_name("body")
    head, text = p.runs[0], p.runs[1]
    assert head.text == "（一）要在转变作风、服务群众上下功夫一一。"
    assert head.style.name == "段内二级标题"
    assert text.text.startswith("要建立健全") and text.style.name == "Default Paragraph Font"


def test_title_is_centred_and_broken_between_jieba_words_as_a_trapezoid():
    doc, _ = build()
    (title,) = by_style(doc, "讲话标题")
    assert title.style.paragraph_format.alignment == docx.enum.text.WD_PARAGRAPH_ALIGNMENT.CENTER
    assert doc.styles["讲话标题"].font.size.pt == 22
    lines = title.text.split("\n")
    assert "".join(lines) == TITLE and len(lines) >= 2
    assert all(text_width(line) <= 20 for line in lines)
    bounds = set()
    pos = 0
    for w in words(TITLE):
        pos += len(w)
        bounds.add(pos)
    pos = 0
    for line in lines[:-1]:
        pos += len(line)
        assert pos in bounds, f"break inside a word at {TITLE[:pos]}|{TITLE[pos:]}"
    widths = [text_width(line) for line in lines]
    assert widths[0] <= widths[-1] + 1  # never an inverted trapezoid


@pytest.mark.parametrize("title", [
    TITLE,
    "在全市基层党组织书记加强社会管理培训班上的讲话",
    "在2026年全县基层党建工作推进会暨“两个确立”专题学习会上的讲话",
    "关于进一步加强和改进新时代基层党组织建设的若干意见",
    "在中国共产党某某省某某市第十五次代表大会第三次全体会议暨全市组织工作会议上的讲话",
    "坚持以习近平新时代中国特色社会主义思想为指导全面推进新时代党的建设新的伟大工程",
])
def test_title_lines_never_split_a_word_or_start_with_a_closing_mark(title):
    lines = break_title(title, 20)
    assert "".join(lines) == title and len(lines) >= 2
    bounds, pos = set(), 0
    for w in words(title):
        pos += len(w)
        bounds.add(pos)
    pos = 0
    for line, nxt in zip(lines, lines[1:]):
        pos += len(line)
        assert pos in bounds
        assert nxt[0] not in CLOSING and line[-1] not in OPENING
    widths = [text_width(line) for line in lines]
    assert max(widths) <= 20
    peak = widths.index(max(widths))  # trapezoid (peak last) or diamond: rising then falling
    assert all(a <= b + 1 for a, b in zip(widths[:peak], widths[1:peak + 1]))
    assert all(a >= b for a, b in zip(widths[peak:], widths[peak + 1:]))


def test_short_title_stays_on_one_line():
    assert break_title("在全县基层党建工作会议上的讲话", 20) == ["在全县基层党建工作会议上的讲话"]


def test_subtitle_and_byline_are_centred_kaiti_with_the_date_on_its_own_line():
    doc, _ = build()
    texts = [p.text for p in doc.paragraphs]
    (sub,) = by_style(doc, "讲话副标题")
    (byline,) = by_style(doc, "讲话署名")
    assert sub.text.startswith("——在2026年")
    assert byline.text.split("\n") == ["王建国", "（2026年11月23日）"]
    for p in (sub, byline):
        assert p.style.paragraph_format.alignment == docx.enum.text.WD_PARAGRAPH_ALIGNMENT.CENTER
        assert p.style.paragraph_format.first_line_indent.pt == 0
    i = texts.index(byline.text)
    assert texts[i - 1] == "" and texts[i + 1] == ""  # a blank line above and below


def test_salutation_is_flush_left():
    doc, _ = build()
    (sal,) = by_style(doc, style_name("salutation"))
    assert sal.text == "同志们："
    assert sal.style.paragraph_format.first_line_indent.pt == 0
    assert sal.style.paragraph_format.alignment == docx.enum.text.WD_PARAGRAPH_ALIGNMENT.LEFT


def test_closing_paragraphs_have_their_own_style():
    doc, _ = build()
    (closing,) = by_style(doc, style_name("closing"))
    assert closing.text.startswith("同志们，只要我们")
    assert closing.style.paragraph_format.first_line_indent.pt == 32


def test_runs_with_chinese_quotes_carry_the_east_asian_hint():
    doc, _ = build()
    quoted = [r for p in doc.paragraphs for r in p.runs if re.search("[“”‘’]", r.text)]
    assert len(quoted) >= 10
    for run in quoted:
        assert rfonts(run._r).get("hint") == "eastAsia", run.text


# --------------------------------------------------------------------------- page numbers


def page_field_footer(footer):
    el = footer._element
    instr = "".join(t.text for t in el.iter(f"{W}instrText"))
    kinds = [f.get(f"{W}fldCharType") for f in el.iter(f"{W}fldChar")]
    return instr.strip(), kinds, footer.paragraphs[0]


def test_outer_page_numbers_sit_right_on_odd_and_left_on_even_pages():
    doc, _ = build()
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        assert not footer.is_linked_to_previous
        instr, kinds, p = page_field_footer(footer)
        assert instr == "PAGE" and kinds == ["begin", "separate", "end"]
        assert p.text.startswith("\u2014 ") and p.text.endswith(" \u2014")
        assert p.paragraph_format.alignment == getattr(docx.enum.text.WD_PARAGRAPH_ALIGNMENT, side.upper())
        indent = p.paragraph_format.right_indent if side == "right" else p.paragraph_format.left_indent
        assert indent.pt == 14  # one character in from the edge
        for run in p.runs:
            assert run.font.size.pt == 14 and rfonts(run._r)["eastAsia"] == "宋体"
            assert rfonts(run._r)["ascii"] == "宋体"  # half-width 宋体 digits


def test_centred_page_numbers_use_one_footer():
    doc, data = build(layout=layout_from_style({"page_numbers": "center"}))
    assert not doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    instr, kinds, p = page_field_footer(section.footer)
    assert instr == "PAGE" and kinds == ["begin", "separate", "end"]
    assert p.paragraph_format.alignment == docx.enum.text.WD_PARAGRAPH_ALIGNMENT.CENTER
    assert section.even_page_footer.is_linked_to_previous
    assert parts(data)["word/document.xml"].count("footerReference") == 1


# --------------------------------------------------------------------------- properties


def test_core_properties_name_the_speech_speaker_and_date():
    doc, _ = build()
    props = doc.core_properties
    assert props.title == TITLE
    assert props.author == "王建国"
    assert props.created.date() == datetime(2026, 11, 23).date()
    assert props.language == "zh-CN"


def test_created_falls_back_to_the_byline_date_then_now():
    speech = make_speech()
    speech.meta = {}
    doc, _ = build(speech)
    assert doc.core_properties.created.date() == datetime(2026, 11, 23).date()
    assert doc.core_properties.author == "王建国"
    speech.byline = ""
    doc, _ = build(speech)
    assert abs((datetime.now(timezone.utc) - doc.core_properties.created).total_seconds()) < 120


# --------------------------------------------------------------------------- presets and settings


def test_windows_preset_uses_fonts_every_windows_machine_has():
    doc, _ = build(layout=layout_from_style({"preset": "windows"}))
    assert rfonts(doc.styles[style_name("body")].element)["eastAsia"] == "仿宋"
    assert rfonts(doc.styles["二级标题"].element)["eastAsia"] == "楷体"
    assert rfonts(doc.styles["一级标题"].element)["eastAsia"] == "黑体"
    title = doc.styles["讲话标题"]
    assert rfonts(title.element)["eastAsia"] == "宋体" and title.font.bold is True
    xml = doc.styles.element.xml
    assert "_GB2312" not in xml and "方正" not in xml


def test_podium_preset_sets_larger_type_on_wider_lines():
    doc, _ = build(layout=layout_from_style({"preset": "podium"}))
    assert doc.styles["讲话标题"].font.size.pt == 24
    body = doc.styles[style_name("body")]
    assert body.font.size.pt == 18 and body.paragraph_format.line_spacing.pt == 30
    assert body.paragraph_format.first_line_indent.pt == 36
    assert doc.styles["一级标题"].font.size.pt == 18
    assert doc.sections[0]._sectPr.find(f"{W}docGrid").get(f"{W}linePitch") == "600"
    assert PODIUM.title_chars_per_line < STANDARD.title_chars_per_line


def test_bold_level3_setting_bolds_levels_three_and_four_only():
    plain, _ = build()
    assert plain.styles["三级标题"].font.bold is False
    doc, _ = build(layout=layout_from_style({"bold_level3": True}))
    assert doc.styles["三级标题"].font.bold is True and doc.styles["四级标题"].font.bold is True
    assert doc.styles["段内三级标题"].font.bold is True
    assert doc.styles["一级标题"].font.bold is False and doc.styles["二级标题"].font.bold is False


def test_layout_from_style_defaults_to_the_standard_preset():
    assert layout_from_style({}) == STANDARD and layout_from_style(None) == STANDARD
    assert layout_from_style({"preset": "windows", "page_numbers": "center"}) == replace(WINDOWS, page_numbers="center")


@pytest.mark.parametrize("style, field, known", [
    ({"preset": "fancy"}, "style.preset", "standard, windows, podium"),
    ({"page_numbers": "left"}, "style.page_numbers", "outer, center"),
    ({"bold_level3": "yes"}, "style.bold_level3", "true, false"),
    ({"font": "宋体"}, "style.font", "preset, page_numbers, bold_level3"),
])
def test_unknown_style_values_name_the_field_and_the_known_values(style, field, known):
    with pytest.raises(UnknownNameError) as err:
        layout_from_style(style)
    assert err.value.location.field == field
    assert known in str(err.value)


# --------------------------------------------------------------------------- reference document


def make_reference(tmp_path: Path, *, page_field: bool) -> Path:
    from docx.shared import Pt, Twips

    ref = docx.Document()
    section = ref.sections[0]
    section.page_width, section.page_height = Twips(10319), Twips(14571)  # B5 (JIS)
    section.top_margin = section.bottom_margin = Twips(1440)
    section.left_margin = section.right_margin = Twips(1304)
    title = ref.styles.add_style("讲话标题", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    title.font.size = Pt(26)
    title.element.get_or_add_rPr().get_or_add_rFonts().set(f"{W}eastAsia", "华文中宋")
    ref.add_paragraph("一份旧文件的正文，不应出现在输出中。")
    ref.add_paragraph("第二段旧内容。")
    if page_field:
        p = section.footer.paragraphs[0]
        p.text = "第"
        run = p.add_run()
        from lxml import etree
        for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
            if kind:
                etree.SubElement(run._r, f"{W}fldChar").set(f"{W}fldCharType", kind)
            else:
                etree.SubElement(run._r, f"{W}instrText").text = text
        p.add_run("页")
    path = tmp_path / "机关模板.docx"
    ref.save(str(path))
    return path


def test_reference_doc_gives_page_setup_and_styles_and_loses_its_body(tmp_path):
    ref = make_reference(tmp_path, page_field=False)
    doc, _ = build(reference_doc=ref)
    section = doc.sections[0]
    assert (section.page_width.twips, section.page_height.twips) == (10319, 14571)
    assert section.left_margin.twips == 1304
    title = doc.styles["讲话标题"]
    assert title.font.size.pt == 26 and rfonts(title.element)["eastAsia"] == "华文中宋"
    assert rfonts(doc.styles["一级标题"].element)["eastAsia"] == "黑体"  # missing there: ours added
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "旧内容" not in text and "旧文件" not in text
    assert "同志们：" in text
    (title_p,) = by_style(doc, "讲话标题")  # broken for its 26 pt type on a B5 measure (14 characters)
    assert max(text_width(line) for line in title_p.text.split("\n")) <= 14
    instr, _, _ = page_field_footer(section.footer)  # no page numbers there: ours added
    assert instr == "PAGE"


def test_reference_doc_footers_with_page_numbers_are_kept(tmp_path):
    ref = make_reference(tmp_path, page_field=True)
    doc, _ = build(reference_doc=ref)
    footer = doc.sections[0].footer
    assert footer.paragraphs[0].text.startswith("第") and "\u2014" not in footer.paragraphs[0].text
    assert not doc.settings.odd_and_even_pages_header_footer


def test_an_edited_output_serves_as_reference_for_the_next_build(tmp_path):
    doc, _ = build()
    body = doc.styles[style_name("body")]
    rPr = body.element.get_or_add_rPr()
    rPr.get_or_add_rFonts().set(f"{W}eastAsia", "宋体")  # the office restyles 正文 in Word
    path = tmp_path / "上次的讲话.docx"
    doc.save(str(path))
    speech = make_speech()
    speech.title = "在全县组织工作会议上的讲话"
    again, _ = build(speech, reference_doc=path)
    assert rfonts(again.styles[style_name("body")].element)["eastAsia"] == "宋体"
    assert rfonts(again.styles["一级标题"].element)["eastAsia"] == "黑体"
    assert by_style(again, "讲话标题")[0].text == "在全县组织工作会议上的讲话"
    assert sum(p.text.startswith("一、") for p in again.paragraphs) == 1  # the old body is gone
    assert again.settings.odd_and_even_pages_header_footer  # its page numbers are kept
    assert page_field_footer(again.sections[0].even_page_footer)[0] == "PAGE"


@pytest.mark.parametrize("content", [b"not a word file at all", b"", None, "zip"])
def test_unreadable_reference_doc_is_an_input_error_naming_it(tmp_path, content):
    path = tmp_path / "ref.docx"
    if content == "zip":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hello.txt", "hi")
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(InputFileError) as err:
        write_docx(make_speech(), STANDARD, path)
    assert "ref.docx" in str(err.value)


# --------------------------------------------------------------------------- robustness


def test_minimal_and_odd_speeches_still_build():
    speech = Speech(title="短标题", opening=[Paragraph("正文里有\x0c控制字符和\x00空字符。")],
                    sections=[Section(marker="", number=None, level=7, heading="没有编号的深层标题",
                                      run_in=True)])
    doc, _ = build(speech)
    texts = [p.text for p in doc.paragraphs]
    assert "正文里有控制字符和空字符。" in texts
    assert "没有编号的深层标题。" in texts
    build(Speech())


def test_importing_the_writer_loads_neither_python_docx_nor_jieba():
    code = ("import sys, drafter.writers.docx, drafter.writers.layout;"
            "print([m for m in ('docx', 'jieba') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_title_breaks_where_the_writer_put_a_space():
    assert break_title("深学笃行 固本强基 以高质量党建引领基层治理现代化", 20) == [
        "深学笃行 固本强基", "以高质量党建引领基层治理现代化"]


def test_an_abnormally_long_title_is_cut_evenly_instead_of_searched():
    title = "在全县基层党建工作会议暨作风建设大会上的讲话" * 8
    lines = break_title(title, 20)
    assert "".join(lines) == title and len(lines) >= 9
    assert all(0 < text_width(line) <= 24 for line in lines)
