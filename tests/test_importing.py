"""`drafter import`: old speeches become specs that build, with their words kept and updates marked."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.building import spec_bytes
from drafter.errors import DrafterError
from drafter.importing import (choose_outline, earlier_speakers, import_file, import_speech, read_speeches,
                               speech_facts, spec_yaml)
from drafter.outlines import load_outlines
from drafter.spec import load_spec, parse_spec
from drafter.yamlsrc import load_yaml

from conftest import SEED_000, SEED_002, SEED_004
from flatten_support import UNSEEN, flatten

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
TODAY = dt.date(2026, 11, 29)
FIXTURES = sorted(UNSEEN.glob("[0-9][0-9]_*.txt"))


def drafter(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], cwd=cwd or ROOT, capture_output=True,
                          text=True, timeout=180, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def write_spec(imported, path: Path) -> Path:
    path.write_text(imported.yaml, encoding="utf-8")
    return path


def text_of(spec: Path) -> str:
    return spec_bytes(spec, "txt", None, []).decode("utf-8")


# --------------------------------------------------------------------------- round trip

@pytest.mark.parametrize("fmt", ["docx", "md", "txt"])
@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_build_then_import_then_build_gives_the_same_text(example: Path, fmt: str, tmp_path):
    built = tmp_path / f"{example.stem}.{fmt}"
    built.write_bytes(spec_bytes(example, fmt, None, []))
    (imported,) = import_file(built, today=TODAY)
    spec = write_spec(imported, tmp_path / "imported.yaml")
    load_spec(spec)  # loads without errors
    assert text_of(spec) == text_of(example)


def _built(example: str, fmt: str, tmp_path: Path) -> Path:
    built = tmp_path / f"{example}.{fmt}"
    built.write_bytes(spec_bytes(ROOT / "examples" / f"{example}.yaml", fmt, None, []))
    return built


def _example(example: str) -> dict:
    return load_yaml(ROOT / "examples" / f"{example}.yaml").data


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_import_picks_the_outline_each_example_was_built_with(example: Path, tmp_path):
    (imported,) = import_file(_built(example.stem, "txt", tmp_path), today=TODAY, check=False)
    print(f"{example.stem}: {imported.choice.describe()}")  # the reasons, shown with pytest -s or on failure
    assert imported.choice.chosen.outline == load_yaml(example).data["outline"], imported.choice.describe()
    assert imported.choice.chosen.reasons
    assert imported.choice.chosen.value > imported.choice.runner_up.value


@pytest.mark.parametrize("fmt", ["docx", "txt"])
@pytest.mark.parametrize("example", ["host-script", "org-life"])
def test_agenda_lines_become_sections_through_the_outline_item_template(example, fmt, tmp_path):
    (imported,) = import_file(_built(example, fmt, tmp_path), today=TODAY, check=False)
    want = _example(example)
    assert [s["heading"] for s in imported.data["sections"]] == [s["heading"] for s in want["sections"]]
    assert not any("进行第" in p for p in imported.data.get("opening", []))
    assert "agenda items follow its item template" in imported.choice.describe()


def test_facts_are_read_back_through_the_salutation_and_adjacent_slots(tmp_path):
    facts = {e: import_file(_built(e, "txt", tmp_path), today=TODAY, check=False)[0].data["facts"]
             for e in ("work-report", "pledge", "democratic-life-comment", "host-script", "party-lecture")}
    assert facts["work-report"]["addressee"] == "陈书记"  # 尊敬的{{ addressee }}，各位领导：
    assert (facts["work-report"]["unit"], facts["work-report"]["topic"]) == ("石门镇", "乡村振兴")
    assert facts["pledge"]["unit"] == "石门镇" and facts["pledge"]["addressee"] == "王书记"
    assert (facts["democratic-life-comment"]["org"], facts["democratic-life-comment"]["meeting"]) == \
        ("县民政局", "2026年度民主生活会")
    assert facts["democratic-life-comment"]["focus"] == "抓好整改落实"
    assert (facts["host-script"]["speaker"], facts["host-script"]["scope"], facts["host-script"]["meeting"]) == \
        ("刘海峰", "全县", "安全生产工作会议")
    assert facts["party-lecture"]["theme"] == "赓续红色血脉 勇担时代使命" and facts["party-lecture"]["kind"] == "七一党课"


def test_the_lines_the_closing_template_writes_become_the_closing(tmp_path):
    (imported,) = import_file(_built("pledge", "txt", tmp_path), today=TODAY, check=False)
    closing = imported.data["closing"]
    assert closing[-1] == "以上表态，请各位领导和同志们监督。" and closing[0].startswith("我们一定在")
    last = imported.data["sections"][-1]
    assert not any(p in closing for p in last["paragraphs"])


def test_a_transition_inside_the_opening_paragraph_stays_there(tmp_path):
    (imported,) = import_file(_built("study-discussion", "txt", tmp_path), today=TODAY, check=False)
    assert len(imported.data["opening"]) == 1
    assert imported.data["opening"][0].endswith("下面，结合思想和工作实际，谈三点学习体会。")


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("example", ["host-script", "org-life", "democratic-life-check", "party-building-duty-report",
                                     "pledge"])
def test_parse_reads_the_head_points_and_closing_of_the_new_genres(example, fmt, tmp_path):
    from drafter.corpus.parse import parse_file

    (speech,) = parse_file(_built(example, fmt, tmp_path))  # as `drafter parse` reads it, styles unused
    want = _example(example)
    assert len(speech.sections) == len(want["sections"])
    assert speech.closing and not any(a.kind == "no_sections" for a in speech.anomalies)
    assert speech.meta["speaker"] == want["facts"]["speaker"] and speech.meta["date"] == str(want["facts"]["date"])
    assert want["facts"]["speaker"] not in speech.title  # the byline is not read as the title's second line


# --------------------------------------------------------------------------- parser fixtures

def _expected_level1(stem: str) -> list[str]:
    return [s["heading"] for s in load_yaml(UNSEEN / f"{stem}.expected.yaml").data["sections"]]


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_import_of_a_fixture_builds_with_its_headings(path: Path, tmp_path):
    (imported,) = import_file(path, today=TODAY)
    spec = write_spec(imported, tmp_path / "spec.yaml")
    assert [s.heading for s in load_spec(spec).sections] == _expected_level1(path.stem)
    built = text_of(spec)
    for heading in _expected_level1(path.stem):
        assert heading in built


@pytest.mark.parametrize("path", FIXTURES[::3], ids=[p.stem for p in FIXTURES[::3]])
def test_import_of_a_flattened_fixture_builds_with_its_headings(path: Path, tmp_path):
    (clean,) = read_speeches(path)
    copy = tmp_path / "flat.txt"
    copy.write_text(flatten(path, "joined", [f"{s.marker}{s.heading}" for s in clean.sections], clean.title),
                    encoding="utf-8")
    (imported,) = import_file(copy, today=TODAY)
    spec = write_spec(imported, tmp_path / "spec.yaml")
    load_spec(spec)
    assert [s["heading"] for s in imported.data["sections"]] == _expected_level1(path.stem)
    assert "第2页" not in text_of(spec) and "http" not in text_of(spec)


# --------------------------------------------------------------------------- verbatim text and facts

def test_import_keeps_the_words_verbatim_and_headings_without_markers(tmp_path):
    path = UNSEEN / "01_county_work_meeting.txt"
    (speech,) = read_speeches(path)
    (imported,) = import_file(path, today=TODAY)
    data = imported.data
    assert [s["heading"] for s in data["sections"]] == [s.heading for s in speech.sections]
    assert not any(h["heading"].startswith(("一、", "二、", "（一）")) for h in data["sections"])
    assert data["sections"][1]["children"][0]["heading"] == "着力建强村级组织带头人队伍"
    assert data["opening"] == [p.text for p in speech.opening]
    assert data["closing"] == [p.text for p in speech.closing]
    assert all(p.text in " ".join(s["paragraphs"]) for s in data["sections"][:1] for p in speech.sections[0].paragraphs)


def test_facts_are_read_from_the_title_byline_and_opening():
    (speech,) = read_speeches(UNSEEN / "01_county_work_meeting.txt")
    facts = speech_facts(speech)
    assert facts["scope"] == "全县" and facts["meeting"] == "基层党建工作会议" and facts["topic"] == "基层党建"
    assert facts["date"] == dt.date(2026, 3, 5)
    assert facts["earlier_speakers"] == ["刘志强同志"]


def test_position_and_speaker_are_read_from_a_byline_beside_its_date():
    from drafter.model import Speech

    facts = speech_facts(Speech(title="深学笃行 固本强基", byline="县委常委、组织部部长　林晓峰 （2026年6月30日）"))
    assert facts["position"] == "县委常委、组织部部长" and facts["speaker"] == "林晓峰"
    assert facts["date"] == dt.date(2026, 6, 30)


def test_earlier_speakers_keep_their_office():
    assert earlier_speakers("刚才，市委常委、组织部部长周敏同志作了全面的工作报告，我都同意。") == ["市委常委、组织部部长周敏同志"]
    assert earlier_speakers("刚才，李明同志、张华同志分别作了发言。") == ["李明同志", "张华同志"]
    assert earlier_speakers("今天召开会议。") == []


def test_a_thematic_title_becomes_theme_and_the_subtitle_gives_the_meeting():
    (speech,) = read_speeches(UNSEEN / "02_training_class_opening.txt")
    facts = speech_facts(speech)
    assert facts["theme"] == speech.title
    assert facts["meeting"].endswith(("开班式", "培训班"))


# --------------------------------------------------------------------------- outline choice

def test_outline_choice_names_the_runner_up_and_why():
    (speech,) = read_speeches(SEED_004)
    choice = choose_outline(speech, speech_facts(speech), load_outlines())
    assert choice.runner_up is not None and choice.runner_up.outline != choice.chosen.outline
    assert choice.chosen.value >= choice.runner_up.value
    assert "runner-up" in choice.describe() and choice.chosen.reasons


def test_outline_choice_is_scored_over_whatever_outlines_load():
    (speech,) = read_speeches(SEED_004)
    outlines = load_outlines()
    for oid in outlines:  # any single outline is a valid answer when it is the only one
        assert choose_outline(speech, speech_facts(speech), {oid: outlines[oid]}).chosen.outline == oid


def test_forced_outline_is_used_and_the_spec_builds(tmp_path):
    for oid in load_outlines():
        (imported,) = import_file(SEED_004, outline=oid, today=TODAY)
        assert imported.data["outline"] == oid and imported.choice.forced
        text_of(write_spec(imported, tmp_path / f"{oid}.yaml"))


# --------------------------------------------------------------------------- what needs updating

def test_outdated_wording_is_marked_above_its_paragraph():
    (imported,) = import_file(SEED_000, today=TODAY)
    lines = imported.yaml.splitlines()
    marked = [i for i, line in enumerate(lines) if "[formulation." in line]
    assert marked
    for i in marked:  # the comment sits right above the item it concerns (or another comment for it)
        j = i + 1
        while lines[j].lstrip().startswith("#"):
            j += 1
        assert lines[j].lstrip().startswith(("- ", "heading:")) or "heading:" in lines[j]
    assert any(f.rule.startswith("formulation.") for f in imported.findings)


def test_an_old_date_and_years_named_as_current_are_marked(tmp_path):
    path = tmp_path / "old.txt"
    path.write_text("在全县基层党建工作会议上的讲话\n（2019年3月5日）\n同志们：\n今年是全面建成小康社会的关键之年。"
                    "下面，我讲两点意见。\n一、提高认识\n2019年，全县要抓好基层党建。\n二、狠抓落实\n"
                    "要把各项任务落到实处。\n", encoding="utf-8")
    (imported,) = import_file(path, today=TODAY)
    rules = {f.rule for f in imported.findings}
    assert {"import.old-date", "import.stale-year", "import.relative-date"} <= rules
    text = imported.yaml
    assert text.index("旧稿日期 2019-03-05") < text.index("date: 2019-03-05")
    assert text.index("提到2019年") < text.index("2019年，全县要抓好基层党建")


def test_missing_required_facts_are_filled_so_the_spec_loads_and_marked(tmp_path):
    path = tmp_path / "bare.txt"
    path.write_text("一、提高认识\n要统一思想。\n二、狠抓落实\n要把各项任务落到实处。\n", encoding="utf-8")
    (imported,) = import_file(path, today=TODAY)
    load_spec(write_spec(imported, tmp_path / "bare.yaml"))
    assert "旧稿中没有" in imported.yaml and imported.filled


def test_spec_yaml_reads_back_as_the_same_data():
    (imported,) = import_file(UNSEEN / "05_mobilisation_meeting.txt", today=TODAY)
    spec = parse_spec(imported.yaml)
    again = parse_spec(spec_yaml(imported.data))
    assert spec.sections == again.sections and spec.facts == again.facts


def test_import_speech_gives_spec_dicts_for_the_ui():
    specs = import_speech(SEED_002)
    assert len(specs) == 4 and all(s["outline"] in load_outlines() and s["sections"] for s in specs)


@pytest.mark.parametrize("kind", ["docx", "txt", "flattened"])
def test_import_speech_gives_a_spec_that_builds_the_same_text_from_docx_txt_or_a_flattened_copy(kind, tmp_path):
    from drafter.spec import dump_spec

    example = ROOT / "examples" / "county-party-building.yaml"
    if kind == "flattened":
        (clean,) = read_speeches(_built(example.stem, "txt", tmp_path))
        path = tmp_path / "flat.txt"
        path.write_text(flatten(_built(example.stem, "txt", tmp_path), "joined",
                                [f"{s.marker}{s.heading}" for s in clean.sections], clean.title), encoding="utf-8")
    else:
        path = _built(example.stem, kind, tmp_path)
    (data,) = import_speech(path)
    assert data["outline"] == "work-meeting"
    spec = tmp_path / "spec.yaml"
    spec.write_text(dump_spec(data), encoding="utf-8")
    if kind == "flattened":  # the headings survive; page furniture does not
        assert [s["heading"] for s in data["sections"]] == [s.heading for s in clean.sections]
        assert "第2页" not in text_of(spec) and "http" not in text_of(spec)
    else:
        assert text_of(spec) == text_of(example)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("一二三、（）。，：同志们讲话在全县会议上的 \n要抓好工作第页共12")), max_size=300))
def test_any_text_imports_to_a_loadable_spec_or_a_clear_error(tmp_path, text):
    path = tmp_path / "any.txt"
    path.write_text(text, encoding="utf-8")
    try:
        results = import_file(path, today=TODAY)
    except DrafterError:
        return
    for imported in results:
        parse_spec(imported.yaml)


# --------------------------------------------------------------------------- the command

def test_import_command_prints_the_choice_and_a_summary_and_writes_the_spec(tmp_path):
    out = tmp_path / "旧稿.yaml"
    proc = drafter("import", SEED_000, "-o", out)
    assert proc.returncode == 0, proc.stderr
    assert "outline" in proc.stderr and "runner-up" in proc.stderr and "to update" in proc.stderr
    assert drafter("build", out, "-o", tmp_path / "x.txt").returncode == 0
    again = drafter("import", SEED_000, "-o", out)
    assert again.returncode == 1 and "--force" in again.stderr
    assert drafter("import", SEED_000, "-o", out, "--force").returncode == 0


def test_several_speeches_need_a_folder_and_give_one_spec_each(tmp_path):
    proc = drafter("import", SEED_002)
    assert proc.returncode == 1 and "-o FOLDER/" in proc.stderr
    folder = tmp_path / "specs"
    proc = drafter("import", SEED_002, "-o", f"{folder}/")
    assert proc.returncode == 0, proc.stderr
    specs = sorted(folder.glob("*.yaml"))
    assert len(specs) == 4
    assert drafter("build", *specs, "-o", tmp_path / "out", "--format", "txt").returncode == 0


def test_one_speech_without_output_goes_to_stdout():
    proc = drafter("import", UNSEEN / "01_county_work_meeting.txt", "--outline", "work-meeting")
    assert proc.returncode == 0 and proc.stdout.lstrip().startswith("#")
    assert "outline: work-meeting" in proc.stdout


def test_an_unknown_outline_is_a_clear_error():
    proc = drafter("import", SEED_000, "--outline", "no-such-outline")
    assert proc.returncode == 1 and "no-such-outline" in proc.stderr


@pytest.mark.parametrize("content", [b"hello world\n", "\ufeffReport on the meeting.\n\nThanks.\n".encode(),
                                     "恋摡\n".encode("utf-16")])
def test_a_file_without_a_chinese_speech_is_an_error_not_an_empty_spec(content, tmp_path):
    old = tmp_path / "old.txt"
    old.write_bytes(content)
    with pytest.raises(DrafterError, match="no speech found"):
        import_file(old)
    run = subprocess.run([sys.executable, "-m", "drafter", "import", str(old), "-o", str(tmp_path / "new.yaml")],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "old.txt" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "new.yaml").exists()
