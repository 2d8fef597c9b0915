"""Packaging: the bundled data travels inside the package, wherever pip installs it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("drafter", "templates", "phrasebanks", "examples", "pyproject.toml", "setup.py", "README.md", "LICENSE")


@pytest.fixture(scope="module")
def target_install(tmp_path_factory) -> Path:
    """`pip install --target DIR` of a copy of this checkout, built offline."""
    pytest.importorskip("setuptools", minversion="77")
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__", "_data"))
        else:
            shutil.copy(path, src / name)
    target = tmp_path_factory.mktemp("target")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    "--no-index", "--target", str(target), str(src)], check=True, capture_output=True, text=True)
    return target


def _drafter_from(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """Run drafter from `target` only: no site hooks, so the checkout's editable install is not seen."""
    code = ("import sys; sys.path[:0] = [sys.argv.pop(1), sys.argv.pop(1)]; "
            "from drafter.cli import main; sys.exit(main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-S", "-c", code, str(target), sysconfig.get_paths()["purelib"], *args],
                          cwd=cwd, capture_output=True, text=True, timeout=120)


def test_a_target_install_finds_its_outlines_banks_and_examples(target_install, tmp_path):
    assert (target_install / "drafter" / "_data" / "templates" / "work-meeting.yaml").is_file()
    outlines = _drafter_from(target_install, tmp_path, "outlines")
    assert outlines.returncode == 0, outlines.stderr
    assert "work-meeting" in outlines.stdout
    stats = _drafter_from(target_install, tmp_path, "phrases", "stats")
    assert stats.returncode == 0 and "curated" in stats.stdout, stats.stderr
    example = target_install / "drafter" / "_data" / "examples" / "county-party-building.yaml"
    built = _drafter_from(target_install, tmp_path, "build", str(example), "-o", "out.md")
    assert built.returncode == 0, built.stderr
    assert "在全县" in (tmp_path / "out.md").read_text(encoding="utf-8")


def test_the_package_ships_its_licence(target_install):
    licences = list(target_install.glob("drafter-*.dist-info/licenses/LICENSE"))
    assert licences and "MIT License" in licences[0].read_text()
