"""Mining: known phrases from the seeds, provenance at the right line, determinism."""

from __future__ import annotations

from collections import Counter

import shutil

import pytest

from drafter.cli import main
from drafter.corpus.lines import TextLine
from drafter.corpus.pipeline import load_pieces
from drafter.model import Paragraph, Section, Source, Speech
from drafter.phrases.bank import OUTDATED_TAG, literal_parts, load_banks
from drafter.phrases import mine as mining
from drafter.phrases.mine import (anonymised, classify_quote, corpus_files, generalise_heading, merge,
                                  mine_corpus, mine_document, mine_file, parallel_lists)

from conftest import SEED_000, SEEDS


@pytest.fixture(autouse=True)
def _private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def mined_seeds(tmp_path_factory):
    out = tmp_path_factory.mktemp("mined")
    assert main(["mine", str(SEEDS), "-o", str(out)]) == 0
    return out


def _by_function(entries):
    out = {}
    for e in entries:
        out.setdefault(e.function, set()).add(e.text)
    return out


def test_seed_000_yields_its_saying_parallel_lists_and_formulas():
    records, speeches = mine_file(str(SEED_000), "seeds/" + SEED_000.name)
    found = _by_function(merge(records))
    assert speeches == 1
    assert "火车跑得快，全靠车头带" in found["saying"]
    assert {"讲学习、讲政治、讲正气", "强班子、树正气、促发展", "强核心、强素质、强管理、强服务、强实力"} <= found["parallel"]
    assert "下面，我就{{ topic }}讲四点意见。" in found["transition.points"]
    assert "统一思想，充分认识{{ topic }}的重要性" in found["heading.pattern"]
    assert "要在{{ topic }}上下功夫" in found["heading.pattern"]
    assert {"“三树一创”", "“五好”", "“三个代表”"} <= found["slogan"]
    assert any(t.startswith("同志们，只要我们") for t in found["closing.resolve"])
    assert any("{{ name }}同志" in t for t in found["opening.acknowledge"])


def test_sayings_count_recurrence_across_speeches(mined_seeds):
    banks = {b.bank: b for b in load_banks([mined_seeds], use_cache=False)}
    sayings = {e.text: e for e in banks["mined-sayings"].entries}
    train = sayings["火车跑得快，全靠车头带"]
    assert train.count == {"occurrences": 2, "documents": 2}
    base = next(e for t, e in sayings.items() if t.replace("、", "，") == "基础不牢，地动山摇")
    assert base.count["documents"] >= 2
    assert "冰冻三尺非一日之寒" in sayings


def test_every_mined_entry_is_found_in_its_source_at_its_line(mined_seeds):
    pieces = {}
    checked = 0
    for bank in load_banks([mined_seeds], use_cache=False):
        for e in bank.entries:
            src = e.source
            assert src and src["file"].startswith("seeds/"), e.id
            if src["file"] not in pieces:
                pieces[src["file"]] = [tl for p in load_pieces(SEEDS.parent / src["file"]) for tl in p.lines]
            parts = literal_parts(e.text)
            assert any(_found_at(tl, parts, src["line"]) for tl in pieces[src["file"]]), (e.id, e.text, src)
            checked += 1
    assert checked > 200


def _found_at(tl: TextLine, parts: list[str], line: int) -> bool:
    start = tl.text.find(parts[0])
    while start != -1:
        pos, ok = start + len(parts[0]), True
        for p in parts[1:]:
            nxt = tl.text.find(p, pos)
            if nxt == -1:
                ok = False
                break
            pos = nxt + len(p)
        if ok and tl.line_at(start) == line:
            return True
        start = tl.text.find(parts[0], start + 1)
    return False


def test_committed_banks_are_what_mining_the_seeds_writes(mined_seeds, root):
    written = sorted(p.name for p in mined_seeds.glob("mined-*.yaml"))
    committed = sorted(p.name for p in (root / "phrasebanks").glob("mined-*.yaml"))
    assert written == committed and len(written) >= 6
    for name in written:
        assert (mined_seeds / name).read_bytes() == (root / "phrasebanks" / name).read_bytes(), name


def test_mining_twice_is_identical_and_parallel_equals_serial(monkeypatch):
    files = corpus_files([str(SEEDS)])
    serial = mine_corpus(files)
    again = mine_corpus(files)
    monkeypatch.setattr(mining, "PARALLEL_THRESHOLD", 0)
    monkeypatch.setattr(mining, "PARALLEL_MIN_BYTES", 0)
    parallel = mine_corpus(files, workers=2)
    as_dicts = [[e.to_dict() for e in r.entries] for r in (serial, again, parallel)]
    assert as_dicts[0] == as_dicts[1] == as_dicts[2]
    assert serial.documents == parallel.documents == 9


def test_provenance_names_do_not_depend_on_how_the_corpus_is_named(monkeypatch):
    monkeypatch.chdir(SEEDS.parent)
    assert [f.name for f in corpus_files(["seeds"])] == [f.name for f in corpus_files([str(SEEDS)])]
    assert corpus_files([str(SEED_000)])[0].name == "seeds/" + SEED_000.name


def test_anonymisation_marks_become_slots():
    assert anonymised("**区开展活动") == "{{ region }}开展活动"
    assert anonymised("**区委要把") == "{{ region }}委要把"
    assert anonymised("刚才，*同志说") == "刚才，{{ name }}同志说"
    assert anonymised("xx书记") == "{{ name }}书记"
    assert anonymised("在x月和xx月开展") == "在{{ month }}月和{{ month }}月开展"
    assert anonymised("*镇*村等*个村") == "{{ town }}{{ village }}等{{ count }}个村"
    assert anonymised("Linux box") == "Linux box"


def test_heading_frames_generalise_the_variable_middle():
    assert generalise_heading("统一思想，充分认识加强基层党建工作的重要性") == "统一思想，充分认识{{ topic }}的重要性"
    assert generalise_heading("总结经验，找准问题，为做好今年整顿工作奠定基础") == "总结经验，找准问题，为{{ topic }}奠定基础"
    assert generalise_heading("强化问题导向，推动基层治理提质增效") == "强化问题导向，推动{{ topic }}提质增效"
    assert generalise_heading("自身要硬") == "自身要硬"


def test_parallel_lists_need_equal_items_and_trim_at_word_boundaries():
    text = "做到强核心、强素质、强管理、强服务、强实力。乡镇、街道、社区、村干部的能力"
    found = [t for _, t in parallel_lists(text)]
    assert found == ["强核心、强素质、强管理、强服务、强实力"]
    words_cut = "换出活力、换出激情、换出高素质"
    bounds = {0, 2, 4, 5, 7, 9, 10, 12, 15}  # 换出|活力|、|换出|激情|、|换出|高素质
    assert parallel_lists(words_cut, bounds) == []
    assert [t for _, t in parallel_lists("相互信任，相互理解，相互支持，相互补台。")] == ["相互信任，相互理解，相互支持，相互补台"]


@pytest.mark.parametrize("quote, kind", [("火车跑得快，全靠车头带", "saying"), ("冰冻三尺非一日之寒", "saying"),
                                         ("三会一课", "slogan"), ("两个确立", "slogan"), ("第一书记", None),
                                         ("党员诚信示范岗", None), ("十二五", None)])
def test_quotes_are_told_apart(quote, kind):
    assert classify_quote(quote) == kind


def test_mine_document_works_on_a_hand_made_speech():
    lines = [TextLine("同志们：", 3),
             TextLine("刚才，王明同志就做好换届工作作了部署，我都同意。", 4),
             TextLine("下面，我就抓好基层党建讲三点意见。", 5),
             TextLine("一、统一思想，充分认识抓好村级换届的重要性", 7),
             TextLine("我们常说，基础不牢，地动山摇，抓好换届意义重大。要坚持“三会一课”，讲团结、讲规矩、讲奉献。", 8),
             TextLine("同志们，只要我们坚定信心，就一定能够完成任务！", 10)]
    speech = Speech(salutation="同志们：", opening=[Paragraph(lines[1].text, 4)],
                    transition=Paragraph(lines[2].text, 5),
                    sections=[Section("一、", 1, 1, "统一思想，充分认识抓好村级换届的重要性", 7,
                                      [Paragraph(lines[4].text, 8)])],
                    closing=[Paragraph(lines[5].text, 10)], source=Source("x/demo.txt"))
    records = mine_document(speech, lines, "x/demo.txt", segment=lambda t: list(t))
    got = {(r.function, r.text, r.line) for r in records if r.function != "collocation"}
    assert ("opening.acknowledge", "刚才，{{ name }}同志就{{ topic }}作了部署，我都同意。", 4) in got
    assert ("transition.points", "下面，我就{{ topic }}讲三点意见。", 5) in got
    assert ("heading.pattern", "统一思想，充分认识{{ topic }}的重要性", 7) in got
    assert ("saying", "基础不牢，地动山摇", 8) in got
    assert ("slogan", "“三会一课”", 8) in got
    assert ("parallel", "讲团结、讲规矩、讲奉献", 8) in got
    assert ("closing.resolve", "同志们，只要我们坚定信心，就一定能够完成任务！", 10) in got


def test_entries_are_dated_by_their_own_wording_not_their_speech(mined_seeds):
    entries = {e.text: e for b in load_banks([mined_seeds], use_cache=False) for e in b.entries}
    # Timeless lines from a 2004 speech are not old wording.
    for text in ("统一思想，充分认识{{ topic }}的重要性", "抓早抓小", "下面，我讲四点意见：", "火车跑得快，全靠车头带",
                 "“两个确立”"):
        assert entries[text].era == "通用" and OUTDATED_TAG not in entries[text].tags, text
    # A 2022 opening that names 十九届六中全会 and 2021年 is dated and marked, though 十九大 is "new".
    plenum = next(e for t, e in entries.items() if "十九届六中全会" in t and "总结2021年工作" in t)
    assert plenum.era == "十九大时期" and OUTDATED_TAG in plenum.tags
    assert entries["“两个务必”"].era == "十九大时期" and OUTDATED_TAG in entries["“两个务必”"].tags
    assert all(e.era != "新时代" for e in entries.values())


def test_mining_keeps_usable_units_and_counts_what_it_drops(mined_seeds):
    banks = load_banks([mined_seeds], use_cache=False)
    texts = {e.text for b in banks for e in b.entries}
    assert "发挥党员" not in texts  # a fragment
    assert not any("清醒的认识到" in t for t in texts)  # 的/地 misuse copied from the source
    assert not any(t.startswith("作风过硬，") for t in texts)  # half a sentence
    assert not any("教育管理扩大" in t for t in texts)  # a comma missing between verb phrases
    dropped = Counter()
    for b in banks:
        dropped.update(b.dropped)
    assert dropped["fragment"] >= 1 and dropped["de-di"] == 1 and dropped["half-sentence"] >= 1
    local = {e.text: e for b in banks for e in b.entries if "地方做法" in e.tags}
    assert "“一会四评”" in local and "“三市并举”" in local
    assert all(e.count["documents"] == 1 for e in local.values())
    assert "“三会一课”" in texts and "“三会一课”" not in local


def test_mine_reports_bad_files_skips_them_and_exits_1(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED_000, corpus / "a.txt")
    (corpus / "b.txt").write_bytes(b"")
    (corpus / "c.txt").write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out"
    assert main(["mine", str(corpus), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "b.txt" in err and "c.txt" in err and "Traceback" not in err
    sayings = (out / "mined-sayings.yaml").read_text(encoding="utf-8")
    assert "火车跑得快，全靠车头带" in sayings and "file: corpus/a.txt" in sayings


def test_mine_refuses_to_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["mine", str(SEED_000), "-o", str(out)]) == 0
    assert main(["mine", str(SEED_000), "-o", str(out)]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["mine", str(SEED_000), "-o", str(out), "--force"]) == 0


def test_mine_reads_docx_corpora(tmp_path):
    import docx

    document = docx.Document()
    for line in SEED_000.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    corpus = tmp_path / "word"
    corpus.mkdir()
    document.save(corpus / "speech.docx")
    out = tmp_path / "out"
    assert main(["mine", str(corpus), "-o", str(out)]) == 0
    sayings = (out / "mined-sayings.yaml").read_text(encoding="utf-8")
    assert "火车跑得快，全靠车头带" in sayings and "file: word/speech.docx" in sayings


def test_same_named_folders_keep_their_files_apart(tmp_path):
    for side in ("a", "b"):
        folder = tmp_path / side / "corpus"
        folder.mkdir(parents=True)
        shutil.copy(SEED_000, folder / "speech.txt")
    files = corpus_files([str(tmp_path / "a" / "corpus"), str(tmp_path / "b" / "corpus"),
                          str(tmp_path / "a" / "corpus" / "speech.txt")])
    assert len(files) == 2 and files[0].name == "corpus/speech.txt" and files[1].name != files[0].name
