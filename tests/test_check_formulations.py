"""Formulations: the bundled rule file, user rule files, years of validity."""

from __future__ import annotations

import pytest
from check_support import clean_speech, variant

from drafter.check import check_speech, formulation_rules
from drafter.check.rulefile import builtin_rules, load_rules
from drafter.errors import ValidationError, YamlError
from drafter.model import Paragraph


def _formulations(speech, **kw):
    return [f for f in check_speech(speech, skip={"length", "repetition"}, **kw) if f.rule.startswith("formulation.")]


def _hits(text, year=2026):
    return sorted({r.id for r in builtin_rules() if r.applies(year) and r.pattern.search(text)})


def test_bundled_file_has_at_least_fifteen_valid_rules_with_unique_ids():
    rules = builtin_rules()
    assert len(rules) >= 15
    assert len({r.id for r in rules}) == len(rules)
    assert all(r.message and r.severity in ("error", "warning", "info") for r in rules)


@pytest.mark.parametrize("text, rule_id", [
    ("认真贯彻党的十九届六中全会精神", "cpc19-as-current"),
    ("是认真贯彻落实党的十六届四中全会精神的具体行动", "cpc16-as-current"),
    ("深入开展保持共产党员先进性教育活动", "xianjinxing-jiaoyu"),
    ("以科学发展观为统领", "kexue-fazhanguan-as-guide"),
    ("坚持以“三个代表”重要思想为指导", "sange-daibiao-as-sole-guide"),
    ("增强“四个意识”、坚定“四个自信”、做到“两个确定”", "liangge-queli-typo"),
    ("深入学习新时代中国特色社会主义思想", "xi-thought-without-name"),
    ("学习习近平总书记新时代中国特色社会主义思想", "xi-thought-with-title"),
    ("以习近平总书记为核心的党中央", "core-with-title"),
    ("深入实施“十二五”规划", "plan-12th-current"),
    ("以习近平同志为总书记的党中央", "zongshuji-core"),
    ("党员干部要牢记“两个务必”", "liangge-wubi"),
    ("以党的十九大精神为指导", "cpc19-as-current"),
    ("以邓小平理论、“三个代表”重要思想和科学发展观为指导", "guide-list-without-xi"),
    ("胡锦涛总书记在七一讲话中指出", "hu-title"),
    ("学习贯彻党的二十大和二十届三中全会精神", "cpc20-plenums-stale"),
])
def test_outdated_and_wrong_formulations_are_caught(text, rule_id):
    assert rule_id in _hits(text)


@pytest.mark.parametrize("text", [
    "深入学习贯彻习近平新时代中国特色社会主义思想",
    "学习贯彻党的二十大和二十届历次全会精神",
    "党的十九大以来，我县基层党建取得新进展",
    "深入学习习近平经济思想和习近平法治思想",
    "以习近平同志为核心的党中央",
    "巩固拓展脱贫攻坚成果同乡村振兴有效衔接",
    "推动党纪学习教育常态化长效化",
    "巩固拓展主题教育成果",
    "牢记“三个务必”",
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”",
])
def test_current_formulations_are_quiet(text):
    assert _hits(text) == []


def test_every_outdated_rule_names_its_period_and_current_form():
    outdated = [r for r in builtin_rules() if r.kind == "outdated"]
    assert all(r.period and r.current for r in outdated), [r.id for r in outdated if not (r.period and r.current)]


def test_registry_file_rejects_an_unknown_period_and_both_current_names(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - pattern: 老\n    message: 旧\n    period: 新时代\n"
                   "  - pattern: 旧\n    message: 旧\n    current: 新\n    suggestion: 新\n", encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        load_rules(bad)
    assert "period" in str(exc.value) and "not both" in str(exc.value)


def test_rules_apply_only_from_their_since_year():
    text = "认真贯彻党的十九届六中全会精神"
    assert "cpc19-as-current" in _hits(text, 2026)
    assert "cpc19-as-current" not in _hits(text, 2021)


def test_finding_quotes_the_text_and_the_suggestion():
    speech = variant(closing=[Paragraph("同志们，让我们认真贯彻党的十九届六中全会精神，开拓进取！", 30)])
    found = _formulations(speech)
    assert len(found) == 1
    f = found[0]
    assert f.rule == "formulation.outdated" and f.severity == "error" and f.line == 30
    assert "“认真贯彻党的十九届六中全会精神”" in f.message or "“贯彻党的十九届六中全会精神”" in f.message
    assert "党的二十大和二十届历次全会精神" in f.message


def test_speech_year_from_its_date_gates_rules():
    speech = variant(closing=[Paragraph("认真贯彻党的十九届六中全会精神。")], meta={"date": "2021-12-01"})
    assert _formulations(speech) == []
    assert _formulations(speech, year=2026) != []


def test_clean_speech_has_no_formulation_findings():
    assert _formulations(clean_speech()) == []


def test_user_rule_file_adds_rules(tmp_path):
    user = tmp_path / "mine.yaml"
    user.write_text("rules:\n  - id: local\n    pattern: 老办法\n    message: 本单位已改称新机制\n"
                    "    suggestion: 新机制\n    severity: error\n    kind: wrong\n", encoding="utf-8")
    rules = formulation_rules([user])
    speech = variant(closing=[Paragraph("继续沿用老办法。")])
    found = _formulations(speech, rules=rules)
    assert [f.rule for f in found] == ["formulation.wrong"] and "“老办法”" in found[0].message


def test_bad_rule_file_reports_every_problem_with_its_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n"
                   "  - pattern: '(未闭合'\n    regex: true\n    message: 坏的正则\n"
                   "  - pattern: 好\n    message: 缺\n    severity: fatal\n"
                   "  - pattern: 好\n    mesage: 拼错的键\n"
                   "  - pattern: 好\n    message: 年份\n    since: 2030\n    until: 2020\n", encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        load_rules(bad)
    text = str(exc.value)
    assert f"{bad}:2:" in text and "regular expression" in text
    assert f"{bad}:7:" in text and "severity" in text
    assert f"{bad}:9:" in text and "mesage" in text
    assert "since" in text and len(exc.value.problems) >= 5


def test_rule_file_must_have_a_rules_list(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- pattern: x\n", encoding="utf-8")
    with pytest.raises(ValidationError):
        load_rules(bad)
    bad.write_text("rules: [\n", encoding="utf-8")
    with pytest.raises(YamlError):
        load_rules(bad)
