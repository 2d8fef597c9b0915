"""A single build reads only what its spec needs (issue 13: one cold build within 2.5x pandoc)."""

from __future__ import annotations

import shutil

import pytest

from drafter import outlines as outlines_mod
from drafter.errors import ValidationError
from drafter.spec import load_spec, parse_spec

from conftest import ROOT


@pytest.fixture
def fresh_outline_caches():
    outlines_mod._load_all.cache_clear()
    outlines_mod._load_one.cache_clear()
    yield
    outlines_mod._load_all.cache_clear()
    outlines_mod._load_one.cache_clear()


def test_loading_a_spec_parses_only_its_own_outline_file(monkeypatch, fresh_outline_caches):
    read: list[str] = []
    real = outlines_mod.load_yaml
    monkeypatch.setattr(outlines_mod, "load_yaml", lambda path: read.append(str(path)) or real(path))
    spec = load_spec(ROOT / "examples" / "county-party-building.yaml")
    assert [p.rsplit("/", 1)[-1] for p in read] == [f"{spec.outline}.yaml"]


def test_the_single_outline_is_the_same_as_the_one_loaded_with_all(fresh_outline_caches):
    one = outlines_mod.get_outline("work-meeting")
    assert one == outlines_mod.load_outlines()["work-meeting"]


def test_an_unknown_outline_still_lists_every_known_one(fresh_outline_caches):
    with pytest.raises(ValidationError) as info:
        parse_spec("outline: no-such\nsections:\n  - heading: 抓落实\n")
    message = str(info.value)
    assert "unknown outline 'no-such'" in message and "work-meeting" in message and "pledge" in message


def test_a_broken_outline_file_is_reported_when_its_spec_is_loaded(tmp_path, monkeypatch, fresh_outline_caches):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "templates", data / "templates")
    text = (data / "templates" / "work-meeting.yaml").read_text(encoding="utf-8")
    (data / "templates" / "work-meeting.yaml").write_text(text.replace("numbering:", "numbering_typo:", 1),
                                                          encoding="utf-8")
    monkeypatch.setenv("DRAFTER_DATA", str(data))
    from drafter.resources import data_dir

    data_dir.cache_clear()
    try:
        with pytest.raises(ValidationError) as info:
            load_spec(ROOT / "examples" / "county-party-building.yaml")
        assert "work-meeting.yaml" in str(info.value) and "numbering_typo" in str(info.value)
    finally:
        data_dir.cache_clear()


def test_the_known_total_of_jiebas_dictionary_is_the_summed_one():
    """The first build on a machine takes jieba's total from KNOWN_TOTALS instead of summing 350,000 counts;
    a wrong entry there would shift every title break."""
    from drafter import segment

    raw = open(segment._dict_path(), "rb").read()
    known = segment.known_total(raw)
    assert known is not None, "the installed jieba's dictionary is not in KNOWN_TOTALS"
    assert known == segment.dictionary_total(raw.decode("utf-8"))


def test_a_dictionary_not_listed_is_summed():
    from drafter import segment

    assert segment.known_total("测试 3 n\n".encode()) is None


def _fresh_prepared(monkeypatch, folder):
    from drafter.writers import docx as writer

    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(folder))
    writer._prepared_default.cache_clear()
    return writer


def test_the_prepared_document_is_kept_in_the_cache_and_reused_as_is(tmp_path, monkeypatch):
    from drafter.writers.layout import layout_from_style

    writer = _fresh_prepared(monkeypatch, tmp_path)
    layout = layout_from_style({})
    first = writer._prepared_default(layout)
    cached = list(tmp_path.glob("docx-*.docx"))
    assert len(cached) == 1 and cached[0].read_bytes() == first
    writer._prepared_default.cache_clear()
    monkeypatch.setattr(writer, "_prepare_default", lambda layout: pytest.fail("prepared again"))
    assert writer._prepared_default(layout) == first
    writer._prepared_default.cache_clear()


def test_another_layout_gets_its_own_prepared_document(tmp_path, monkeypatch):
    from drafter.writers.layout import layout_from_style

    writer = _fresh_prepared(monkeypatch, tmp_path)
    writer._prepared_default(layout_from_style({}))
    writer._prepared_default(layout_from_style({"preset": "podium"}))
    assert len(list(tmp_path.glob("docx-*.docx"))) == 2
    writer._prepared_default.cache_clear()


def test_a_damaged_prepared_document_is_prepared_afresh(tmp_path, monkeypatch):
    from drafter.writers.layout import layout_from_style

    writer = _fresh_prepared(monkeypatch, tmp_path)
    layout = layout_from_style({})
    good = writer._prepared_default(layout)
    (cached,) = tmp_path.glob("docx-*.docx")
    cached.write_bytes(good[: len(good) // 2])
    writer._prepared_default.cache_clear()
    assert writer._prepared_default(layout) == writer._prepare_default(layout) == cached.read_bytes()
    writer._prepared_default.cache_clear()


def test_a_build_with_a_cached_prepared_document_writes_the_same_docx(tmp_path, monkeypatch):
    """The speech's parts are byte-identical whether the empty document came from the cache or not."""
    import io
    import zipfile

    from drafter.building import spec_bytes

    writer = _fresh_prepared(monkeypatch, tmp_path / "cache")
    spec = ROOT / "examples" / "county-party-building.yaml"
    first = spec_bytes(spec, "docx", None, [])
    writer._prepared_default.cache_clear()
    again = spec_bytes(spec, "docx", None, [])
    writer._prepared_default.cache_clear()
    a, b = zipfile.ZipFile(io.BytesIO(first)), zipfile.ZipFile(io.BytesIO(again))
    assert a.namelist() == b.namelist() and all(a.read(n) == b.read(n) for n in a.namelist())


def test_bundled_templates_are_compiled_once_per_user_and_recompiled_when_edited(tmp_path, monkeypatch):
    from drafter import templating

    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "t.j2").write_text("{{ scope }}讲话", encoding="utf-8")
    templating.environment.cache_clear()
    try:
        assert templating.render_template("t.j2", {"scope": "全县"}, folder) == "全县讲话"
        assert list((tmp_path / "cache" / "jinja").iterdir())  # compiled code kept
        templating.environment.cache_clear()
        env = templating.environment(str(folder))
        monkeypatch.setattr(env, "compile", lambda *a, **k: pytest.fail("compiled again"))
        assert templating.render_template("t.j2", {"scope": "全市"}, folder) == "全市讲话"
        templating.environment.cache_clear()
        (folder / "t.j2").write_text("{{ scope }}的讲话", encoding="utf-8")
        assert templating.render_template("t.j2", {"scope": "全县"}, folder) == "全县的讲话"
    finally:
        templating.environment.cache_clear()
