"""Speech builders for the check tests: a realistic clean speech and small variations."""

from __future__ import annotations

import copy

from drafter.model import Paragraph, Section, Speech
from drafter.numerals import to_chinese


def sec(marker: str, heading: str, *paragraphs: str, level: int = 1, children: list[Section] | None = None,
        number: int | None = None, run_in: bool = False, line: int | None = None) -> Section:
    return Section(marker, number, level, heading, line, [Paragraph(p) for p in paragraphs],
                   list(children or []), run_in)


def level1(n: int, heading: str, *paragraphs: str, children: list[Section] | None = None) -> Section:
    return sec(f"{to_chinese(n)}、", heading, *paragraphs, number=n, children=children)


def level2(n: int, heading: str, *paragraphs: str, run_in: bool = True) -> Section:
    return sec(f"（{to_chinese(n)}）", heading, *paragraphs, level=2, number=n, run_in=run_in)


def clean_speech() -> Speech:
    """A well-formed work-meeting speech: nothing in it should be an error."""
    return Speech(
        title="在全县基层党建工作会议上的讲话",
        byline="（2026年11月23日）",
        salutation="同志们：",
        opening=[Paragraph("这次会议的主要任务是，深入学习贯彻党的二十大和二十届历次全会精神，总结今年以来全县基层党建工作，"
                           "部署下一阶段重点任务。刚才，李明同志通报了全县基层党建工作情况，三个乡镇作了交流发言，讲得都很好，我都同意。")],
        transition=Paragraph("下面，我讲三点意见。"),
        sections=[
            level1(1, "提高站位，充分认识抓好基层党建工作的重要意义",
                   "基层党组织是党在社会基层组织中的战斗堡垒，是党全部工作和战斗力的基础。各级党组织要从巩固党的执政基础的高度，"
                   "把抓基层、打基础作为长远之计和固本之举。",
                   children=[
                       level2(1, "要在强化政治功能上下功夫。", "各级党组织要把政治建设摆在首位，引导党员干部坚定理想信念。"),
                       level2(2, "要在提升组织力上下功夫。", "要健全基层组织体系，规范组织生活，严格落实“三会一课”制度。"),
                   ]),
            level1(2, "突出重点，推动基层党建工作提质增效",
                   "今年以来，全县基层党建工作取得了新的成效，但也存在一些薄弱环节，对这些问题必须认真加以解决。",
                   children=[
                       level2(1, "抓好村级班子建设。", "要选优配强村党组织书记，加强后备力量培养。"),
                       level2(2, "抓好党员队伍建设。", "要严格党员发展程序，引导广大党员在乡村振兴中争当先锋。"),
                       level2(3, "抓好阵地建设。", "要建好管好用好党群服务中心，让群众办事更方便。"),
                   ]),
            level1(3, "压实责任，确保各项任务落到实处",
                   "各级党组织书记要切实履行第一责任人职责，亲自研究部署、亲自协调推动。县委组织部要加强统筹协调，定期督促检查。"),
        ],
        closing=[Paragraph("同志们，让我们更加紧密地团结在以习近平同志为核心的党中央周围，以习近平新时代中国特色社会主义思想为指导，"
                           "真抓实干、奋发有为，为推动全县高质量发展作出新的更大贡献！")],
        meta={"date": "2026-11-23"},
    )


def variant(**changes) -> Speech:
    """The clean speech with some fields replaced."""
    speech = copy.deepcopy(clean_speech())
    for key, value in changes.items():
        setattr(speech, key, value)
    return speech


def rules_of(findings) -> list[str]:
    return [f.rule for f in findings]
