"""`drafter build/new/outlines/schema` end to end, in a subprocess: outputs, errors, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
COUNTY = ROOT / "examples" / "county-party-building.yaml"
HAVE_DOCX = (ROOT / "drafter" / "writers" / "docx.py").exists()


def drafter(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], cwd=cwd or ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith(".")]


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_every_example_builds_to_text_formats(tmp_path, fmt):
    proc = drafter("build", *EXAMPLES, "-o", tmp_path, "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    for path in EXAMPLES:
        out = tmp_path / f"{path.stem}.{fmt}"
        assert out.is_file() and _rendered(path).title in out.read_text(encoding="utf-8")


def _rendered(path):
    from drafter.outlines import get_outline
    from drafter.render import render_speech
    from drafter.spec import load_spec

    spec = load_spec(path)
    return render_speech(spec, get_outline(spec.outline))


@pytest.mark.skipif(not HAVE_DOCX, reason="the .docx writer is not in this tree yet")
def test_every_example_builds_a_docx_that_opens(tmp_path):
    import docx

    proc = drafter("build", *EXAMPLES, "-o", tmp_path)
    assert proc.returncode == 0, proc.stderr
    for path in EXAMPLES:
        document = docx.Document(str(tmp_path / f"{path.stem}.docx"))
        texts = [p.text for p in document.paragraphs]
        first = _rendered(path).sections[0]  # its numbered heading, or an agenda item's lead line
        start = first.title if first.heading else first.paragraphs[0].text
        assert any(t.startswith(start[:8]) for t in texts), path.name
        assert document.core_properties.title


@pytest.mark.skipif(not HAVE_DOCX, reason="the .docx writer is not in this tree yet")
def test_readme_quick_start_command(tmp_path):
    proc = drafter("build", COUNTY, "-o", "讲话.docx", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "讲话.docx").stat().st_size > 5000


def test_format_follows_the_output_suffix(tmp_path):
    assert drafter("build", COUNTY, "-o", tmp_path / "a.md").returncode == 0
    assert (tmp_path / "a.md").read_text(encoding="utf-8").startswith("# 在全县基层党建工作会议上的讲话")
    assert drafter("build", COUNTY, "-o", tmp_path / "a.txt").returncode == 0
    assert (tmp_path / "a.txt").read_text(encoding="utf-8").startswith("在全县基层党建工作会议上的讲话\n")


def test_default_output_name_comes_from_the_spec(tmp_path):
    proc = drafter("build", COUNTY, "--format", "txt", cwd=tmp_path)
    assert proc.returncode == 0 and (tmp_path / "county-party-building.txt").is_file()


def test_existing_output_is_kept_unless_force(tmp_path):
    out = tmp_path / "out.txt"
    out.write_text("keep me", encoding="utf-8")
    proc = drafter("build", COUNTY, "-o", out)
    assert proc.returncode == 1 and "already exists" in proc.stderr and "--force" in proc.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert drafter("build", COUNTY, "-o", out, "--force").returncode == 0
    assert out.read_text(encoding="utf-8").startswith("在全县")
    assert leftovers(tmp_path) == []


def test_a_bad_spec_is_reported_and_the_others_still_build(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(COUNTY.read_text(encoding="utf-8").replace("  speaker: 王建国\n", ""), encoding="utf-8")
    outdir = tmp_path / "out"
    proc = drafter("build", COUNTY, bad, "-o", outdir, "--format", "txt")
    assert proc.returncode == 1
    assert f"{bad}:" in proc.stderr and "speaker" in proc.stderr
    assert (outdir / "county-party-building.txt").is_file() and not (outdir / "bad.txt").exists()
    assert leftovers(outdir) == []


def test_malformed_yaml_is_reported_with_line_and_column(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("outline: work-meeting\nfacts:\n  speaker: [王建国\n  date: 2026-11-23\n", encoding="utf-8")
    proc = drafter("build", bad, "-o", tmp_path / "x.txt")
    assert proc.returncode == 1
    line = proc.stderr.strip().splitlines()[0]
    assert line.startswith(f"drafter: error: {bad}:")
    parts = line[len(f"drafter: error: {bad}:"):].split(":")
    assert parts[0].isdigit() and parts[1].isdigit()
    assert not (tmp_path / "x.txt").exists()


def test_unknown_outline_lists_the_known_ones(tmp_path):
    bad = tmp_path / "o.yaml"
    bad.write_text(COUNTY.read_text(encoding="utf-8").replace("outline: work-meeting", "outline: work-meting"),
                   encoding="utf-8")
    proc = drafter("build", bad, "-o", tmp_path / "x.txt")
    assert proc.returncode == 1 and "work-meting" in proc.stderr and "training-class" in proc.stderr


def test_python_object_tags_are_refused(tmp_path):
    bad = tmp_path / "evil.yaml"
    bad.write_text("outline: !!python/object/apply:os.system [\"touch pwned\"]\nsections: []\n", encoding="utf-8")
    proc = drafter("build", bad, "-o", tmp_path / "x.txt", cwd=tmp_path)
    assert proc.returncode == 1 and "evil.yaml:1:" in proc.stderr
    assert not (tmp_path / "pwned").exists()


def test_hostile_template_text_is_refused(tmp_path):
    bad = tmp_path / "h.yaml"
    text = COUNTY.read_text(encoding="utf-8").replace(
        "      - 今年以来，全县各级党组织", "      - \"{{ ''.__class__.__mro__[1].__subclasses__() }}\"\n      - 今年以来，全县各级党组织")
    text = text.replace("  - heading: 突出重点", "  - heading: \"{{ range(10**9)|list }}\"\n    paragraphs: []\n"
                                                "  - heading: 突出重点")
    bad.write_text(text, encoding="utf-8")
    proc = drafter("build", bad, "-o", tmp_path / "x.txt")
    assert proc.returncode == 1
    assert proc.stderr.count(f"{bad}:") >= 2
    assert not (tmp_path / "x.txt").exists()


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"\x00\x01\x02PK\x03\x04binary" * 20, "binary"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_empty_and_binary_specs_are_clear_errors(tmp_path, content, message):
    bad = tmp_path / "spec.yaml"
    bad.write_bytes(content)
    proc = drafter("build", bad, "-o", tmp_path / "x.txt")
    assert proc.returncode == 1 and message in proc.stderr and str(bad) in proc.stderr


def test_gb18030_spec_builds(tmp_path):
    spec = tmp_path / "gb.yaml"
    spec.write_bytes(COUNTY.read_text(encoding="utf-8").encode("gb18030"))
    proc = drafter("build", spec, "-o", tmp_path / "gb.txt")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "gb.txt").read_text(encoding="utf-8").startswith("在全县基层党建工作会议上的讲话")


def test_missing_spec_file_is_a_clear_error(tmp_path):
    proc = drafter("build", tmp_path / "nope.yaml", "-o", tmp_path / "x.txt")
    assert proc.returncode == 1 and "no such file" in proc.stderr


def test_reference_doc_only_applies_to_docx(tmp_path):
    proc = drafter("build", COUNTY, "-o", tmp_path / "x.md", "--reference-doc", COUNTY)
    assert proc.returncode == 1 and "reference-doc" in proc.stderr


def test_failed_write_leaves_no_temp_file(tmp_path, monkeypatch):
    from drafter.building import build_one

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr("drafter.textio.os.replace", boom)
    monkeypatch.setattr("drafter.textio.os.link", boom)  # the no-overwrite path links instead of renaming
    from drafter.errors import InputFileError

    with pytest.raises(InputFileError, match="cannot write: disk full"):  # a user error, not a traceback
        build_one(COUNTY, tmp_path / "x.txt", "txt", None, False)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("outline", ["work-meeting", "theme-education", "training-class", "annual-organisation",
                                     "rectification", "signed-article"])
def test_new_spec_builds_as_is(tmp_path, outline):
    spec = tmp_path / f"{outline}.yaml"
    proc = drafter("new", outline, "-o", spec)
    assert proc.returncode == 0, proc.stderr
    text = spec.read_text(encoding="utf-8")
    assert text.count("# ") > 10 and "要求：" in text
    proc = drafter("build", spec, "-o", tmp_path / f"{outline}.txt")
    assert proc.returncode == 0, proc.stderr
    assert drafter("new", outline, "-o", spec).returncode == 1  # kept without --force


def test_new_with_unknown_outline_lists_known(tmp_path):
    proc = drafter("new", "nope")
    assert proc.returncode == 1 and "work-meeting" in proc.stderr


def test_outlines_command_lists_ids_descriptions_and_sources():
    proc = drafter("outlines")
    assert proc.returncode == 0
    for oid in ("work-meeting", "theme-education", "training-class", "annual-organisation", "rectification",
                "signed-article"):
        assert oid in proc.stdout
    assert "seeds/004_3ec68d113b8b0e76.txt" in proc.stdout
    data = json.loads(drafter("outlines", "--json").stdout)
    assert {o["id"] for o in data} >= {"work-meeting", "signed-article"}


def test_schema_command_prints_json_schema():
    proc = drafter("schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["$schema"].endswith("2020-12/schema") and "sections" in schema["required"]


def test_large_batches_report_each_bad_spec_and_build_the_rest(tmp_path):
    specs = []
    for i in range(10):
        path = tmp_path / f"s{i}.yaml"
        text = COUNTY.read_text(encoding="utf-8").replace("王建国", f"王建{'一二三四五六七八九十'[i]}")
        if i in (3, 7):
            text = text.replace("outline: work-meeting", "outline: nope")
        path.write_text(text, encoding="utf-8")
        specs.append(path)
    outdir = tmp_path / "out"
    proc = drafter("build", *specs, "-o", outdir, "--format", "txt")
    assert proc.returncode == 1
    assert f"{specs[3]}:3:" in proc.stderr and f"{specs[7]}:3:" in proc.stderr and "2 of 10" in proc.stderr
    built = sorted(p.name for p in outdir.iterdir())
    assert built == sorted(f"s{i}.txt" for i in range(10) if i not in (3, 7))
    assert "王建五" in (outdir / "s4.txt").read_text(encoding="utf-8")
    assert [line.split("/")[-1] for line in proc.stdout.splitlines()] == built


@pytest.mark.skipif(not HAVE_DOCX, reason="the .docx writer is not in this tree yet")
def test_reference_doc_is_passed_to_the_docx_writer(tmp_path):
    import docx

    ref = tmp_path / "ref.docx"
    assert drafter("build", COUNTY, "-o", ref).returncode == 0
    proc = drafter("build", ROOT / "examples" / "county-article.yaml", "-o", tmp_path / "a.docx", "--reference-doc", ref)
    assert proc.returncode == 0, proc.stderr
    assert any(p.text.startswith("建强组织体系") for p in docx.Document(str(tmp_path / "a.docx")).paragraphs)


def test_help_lists_the_build_commands():
    proc = drafter("--help")
    for name in ("build", "new", "outlines", "schema"):
        assert name in proc.stdout


def test_writing_to_a_device_streams_into_it_and_a_symlink_updates_its_target(tmp_path):
    proc = drafter("build", COUNTY, "-o", "/dev/null", "--format", "txt")
    assert proc.returncode == 0 and Path("/dev/null").is_char_device()
    real, link = tmp_path / "real.txt", tmp_path / "link.txt"
    real.write_text("old", encoding="utf-8")
    link.symlink_to(real)
    assert drafter("build", COUNTY, "-o", link, "--force").returncode == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("在全县")
    assert oct(real.stat().st_mode & 0o777) != oct(0o600) or os.umask(os.umask(0)) & 0o044


def test_dash_writes_to_standard_output():
    proc = drafter("build", COUNTY, "-o", "-", "--format", "md")
    assert proc.returncode == 0 and proc.stdout.startswith("# 在全县基层党建工作会议上的讲话")


def test_output_ending_in_a_slash_is_a_folder_even_before_it_exists(tmp_path):
    proc = drafter("build", COUNTY, "-o", f"{tmp_path / 'out'}/", "--format", "txt")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "county-party-building.txt").is_file()


def test_several_specs_refuse_a_file_name_for_output(tmp_path):
    proc = drafter("build", *EXAMPLES, "-o", tmp_path / "one.docx")
    assert proc.returncode == 1 and "need a folder" in proc.stderr
    assert not (tmp_path / "one.docx").exists()


def test_new_and_schema_print_for_dash_and_refuse_a_folder_name(tmp_path):
    proc = drafter("new", "work-meeting", "-o", "-", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith("# ") and not (tmp_path / "-").exists()
    proc = drafter("schema", "-o", f"{tmp_path / 'folder'}/")
    assert proc.returncode == 1 and "give a file name" in proc.stderr


def _worker_term_handler(jobs, fmt, reference_doc, force):
    """Stands in for `building._build_serially` in a pool worker: reports the worker's TERM handler."""
    import signal

    return [(index, str(signal.getsignal(signal.SIGTERM)), None, []) for index, _, _ in jobs]


def test_batch_workers_die_on_term_and_finish_without_being_signalled(tmp_path, monkeypatch):
    """A Python TERM handler in a pool worker can miss a TERM that lands as the worker blocks on
    its queue, and the batch then hangs in `Pool.terminate`: workers take the default action,
    and a batch that finished closes its pool instead of terminating it."""
    import multiprocessing.pool
    import signal

    from drafter import building

    terminated: list[bool] = []
    real_terminate = multiprocessing.pool.Pool.terminate

    def terminate(self):
        terminated.append(True)
        real_terminate(self)

    monkeypatch.setattr(building, "_build_serially", _worker_term_handler)
    monkeypatch.setattr(multiprocessing.pool.Pool, "terminate", terminate)
    monkeypatch.delenv("DRAFTER_JOBS", raising=False)
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)  # as the CLI installs one
    try:
        jobs = [(i, str(COUNTY), tmp_path / f"{i}.txt") for i in range(building.PARALLEL_MIN * 2)]
        results = building.build_batch(jobs, "txt", None, False)
    finally:
        signal.signal(signal.SIGTERM, previous)
    if building._workers(len(jobs)) < 2:
        pytest.skip("one CPU: the batch runs in this process")
    assert [r[0] for r in results] == list(range(len(jobs)))
    assert {r[1] for r in results} == {str(signal.SIG_DFL)}
    assert terminated == []
