"""`drafter parse FILE… [--json]`: readable outlines, JSON documents, bad files reported."""

from __future__ import annotations

import json

from drafter.cli import main

from conftest import SEED_000, SEED_002, SEED_003, SEED_004

DOC_KEYS = {"source", "title", "byline", "salutation", "announced_points", "sections", "closing", "anomalies"}
SECTION_KEYS = {"marker", "number", "level", "heading", "children", "paragraphs", "line"}


def run(capsys, *argv):
    code = main(["parse", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def walk(sections):
    for s in sections:
        yield s
        yield from walk(s["children"])


def test_json_output_is_a_list_of_documents_with_the_documented_keys(capsys):
    code, out, err = run(capsys, "--json", SEED_000, SEED_002)
    assert code == 0 and err == ""
    docs = json.loads(out)
    assert len(docs) == 5
    assert all(DOC_KEYS <= doc.keys() for doc in docs)
    assert [doc["source"]["piece"] for doc in docs] == [0, 0, 1, 2, 3]
    assert docs[0]["source"]["file"] == str(SEED_000)
    for doc in docs:
        for section in walk(doc["sections"]):
            assert SECTION_KEYS <= section.keys()
            assert all(isinstance(p, str) for p in section["paragraphs"])
        for anomaly in doc["anomalies"]:
            assert set(anomaly) == {"kind", "message", "line"}


def test_json_output_keeps_chinese_unescaped_and_pins_the_outline(capsys):
    code, out, _ = run(capsys, "--json", SEED_004)
    assert code == 0
    assert "同志们：" in out and "\\u" not in out
    (doc,) = json.loads(out)
    assert doc["announced_points"] == 2
    assert [(s["marker"], s["number"], s["level"]) for s in doc["sections"]] == [("一、", 1, 1), ("二、", 2, 1)]
    assert doc["sections"][1]["heading"] == "明确思路，强化措施，全面推动整顿工作扎实有效开展"
    assert len(doc["sections"][1]["children"]) == 5
    assert doc["closing"][0].startswith("同志们，")


def test_json_reports_the_numbering_anomaly_of_002_piece_one(capsys):
    _, out, _ = run(capsys, "--json", SEED_002)
    doc = json.loads(out)[0]
    kinds = [(a["kind"], a["line"]) for a in doc["anomalies"]]
    assert ("numbering", 131) in kinds and ("numbering", 187) in kinds
    assert doc["announced_points"] == 6


def test_readable_outline_shows_headings_markers_counts_and_anomalies(capsys):
    code, out, _ = run(capsys, SEED_000, SEED_002, SEED_003)
    assert code == 0
    assert "  salutation: 同志们：\n  opening: 1 ¶\n  transition: 下面，我就如何贯彻" in out
    assert "(announced: 4)" in out
    assert "    三、注重实效，务求解决实际问题  (3 sub-points" in out
    assert "      （一）要在转变作风、服务群众上下功夫  (1 ¶, line 14)" in out
    assert "byline: 唐 利 民（2010年11月29日）" in out
    assert "! numbering: line 131: level 1: expected 四、 after 三、, found 五、" in out
    assert "    ·建强组织体系，锻造坚强有力战斗堡垒  (3 sub-points" in out


def test_bad_files_are_reported_and_the_others_still_parsed(capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 20)
    code, out, err = run(capsys, "--json", empty, tmp_path, binary, SEED_004, tmp_path / "missing.txt")
    assert code == 1
    assert len(json.loads(out)) == 1
    lines = err.strip().splitlines()
    assert len(lines) == 4 and all(line.startswith("drafter: error: ") for line in lines)
    assert "Traceback" not in err
    assert str(empty) in lines[0] and str(binary) in lines[2]


def test_readable_mode_also_goes_on_after_a_bad_file(capsys, tmp_path):
    code, out, err = run(capsys, tmp_path / "missing.txt", SEED_004)
    assert code == 1
    assert "sections: 2" in out and "missing.txt" in err
