"""Word packages from strangers: bounded unzipping, and reference documents cut down to their styles.

A .docx is a zip of XML parts. Two kinds of harm come in through it:

* size: a 2 MB file can hold a part that inflates to gigabytes (a zip bomb),
  so every package is checked (member count, each member's uncompressed size
  and compression ratio, the total) before python-docx or lxml sees it;
* reach: a reference document (`--reference-doc`) can carry an attached
  template on a remote server, external images, `file://` OLE objects and VBA
  macros, which Word would fetch or run when it opens *our* output. Only its
  styles and page setup are wanted, so `sanitise_package` drops every external
  relationship and every macro, OLE, ActiveX and embedded-package part, and
  says what it dropped.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from drafter.errors import InputFileError

MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 128 * 1024 * 1024  # one part, uncompressed
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # all parts, uncompressed
MAX_RATIO = 200  # uncompressed / compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# Main-part content types python-docx refuses though their XML is a document's: .docm, .dotx, .dotm.
_OTHER_MAINS = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
# Relationship types (by their last path segment) that bring in code, objects or other documents.
_UNSAFE_TYPES = {"attachedTemplate", "oleObject", "package", "vbaProject", "vbaData", "activeXControl",
                 "activeXControlBinary", "control", "frame", "subDocument", "aFChunk", "extensibility",
                 "ui/extensibility", "wordVbaData", "keyMapCustomizations", "attachedToolbars"}
_UNSAFE_PART = re.compile(r"(?:^|/)(?:vbaProject\.bin|vbaData\.xml|customizations\.xml|attachedToolbars\.bin)$"
                          r"|(?:^|/)(?:embeddings|activeX|customUI)/|\.bin$", re.I)
# Elements removed from XML parts when they point at a dropped relationship.
_HOLDERS = {f"{{{_W_NS}}}{t}" for t in ("r", "attachedTemplate", "object", "pict", "drawing", "altChunk",
                                         "subDoc", "control", "hyperlink")}


@dataclass
class Sanitised:
    data: bytes
    dropped: list[str] = field(default_factory=list)


def check_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """Open `data` as a zip package within the limits above; InputFileError naming `name` otherwise."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise InputFileError("not a .docx (not a zip package)", path=name) from None
    infos = package.infolist()
    if len(infos) > MAX_MEMBERS:
        raise InputFileError(f"refused: the package has {len(infos)} parts (at most {MAX_MEMBERS})", path=name)
    total = 0
    for info in infos:
        size = info.file_size
        if size > MAX_MEMBER_BYTES:
            raise InputFileError(f"refused: part {info.filename!r} unpacks to {size / 1048576:.0f} MB "
                                 f"(at most {MAX_MEMBER_BYTES // 1048576} MB per part; a zip bomb?)", path=name)
        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
            raise InputFileError(f"refused: part {info.filename!r} is compressed {size // max(info.compress_size, 1)}"
                                 f" to 1 (at most {MAX_RATIO} to 1; a zip bomb?)", path=name)
        total += size
        if total > MAX_TOTAL_BYTES:
            raise InputFileError(f"refused: the package unpacks to over {MAX_TOTAL_BYTES // 1048576} MB "
                                 f"(a zip bomb?)", path=name)
    return package


def _read_member(package: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """A member's bytes, never more than its declared size (a lying header cannot inflate further)."""
    try:
        with package.open(info) as fh:
            data = fh.read(info.file_size + 1)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError, EOFError, ValueError) as exc:
        raise InputFileError(f"not a readable .docx (part {info.filename!r}: {exc})", path=name) from None
    if len(data) > info.file_size:
        raise InputFileError(f"refused: part {info.filename!r} is larger than its header says", path=name)
    return data


def _xml(data: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


def _rels_source(rels_name: str) -> str:
    """word/_rels/document.xml.rels -> word/document.xml; _rels/.rels -> '' (the package)."""
    folder, base = posixpath.split(rels_name)
    owner_folder = posixpath.dirname(folder)
    return posixpath.join(owner_folder, base[: -len(".rels")]) if base != ".rels" else ""


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def open_docx_bytes(data: bytes, name: str) -> bytes:
    """`data` checked against zip bombs and, if it is a .docm/.dotx/.dotm, relabelled so python-docx reads it.

    For reading text only (the corpus): nothing in a package is executed, so
    macros do no harm there; their parts are left out anyway.
    """
    return sanitise_package(data, name).data


def sanitise_package(data: bytes, name: str) -> Sanitised:
    """The package without external relationships, macros, OLE/ActiveX objects or embedded packages.

    Returns the new bytes and one line per thing dropped (for a warning).
    """
    from lxml import etree

    package = check_zip(data, name)
    dropped: list[str] = []
    parts: dict[str, bytes] = {}
    infos = [i for i in package.infolist() if not i.is_dir()]
    for info in infos:
        if _UNSAFE_PART.search(info.filename):
            dropped.append(f"part {info.filename}")
            continue
        parts[info.filename] = _read_member(package, info, name)
    dropped_ids: dict[str, set[str]] = {}  # source part -> relationship ids removed
    try:
        for rels_name in [n for n in parts if n.endswith(".rels")]:
            root = _xml(parts[rels_name])
            source = _rels_source(rels_name)
            changed = False
            for rel in list(root):
                rtype = rel.get("Type", "")
                kind = rtype.rsplit("/", 2)
                short = kind[-1]
                target = rel.get("Target", "")
                external = rel.get("TargetMode", "") == "External"
                unsafe = short in _UNSAFE_TYPES or "/".join(kind[-2:]) in _UNSAFE_TYPES
                missing = not external and _target(source, target) not in parts
                if external or unsafe or (missing and _UNSAFE_PART.search(_target(source, target))):
                    what = "external " if external else ""
                    dropped.append(f"{what}{short} relationship to {target[:80]}")
                    dropped_ids.setdefault(source, set()).add(rel.get("Id", ""))
                    root.remove(rel)
                    changed = True
            if changed:
                parts[rels_name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        for source, ids in dropped_ids.items():
            if source and source in parts and source.endswith(".xml"):
                parts[source] = _drop_references(parts[source], ids)
        if "[Content_Types].xml" in parts:
            parts["[Content_Types].xml"] = _content_types(parts["[Content_Types].xml"], set(parts))
    except etree.XMLSyntaxError as exc:
        raise InputFileError(f"not a readable .docx (malformed XML: {exc})", path=name) from None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for filename, blob in parts.items():
            new.writestr(filename, blob)
    return Sanitised(out.getvalue(), dropped)


def _drop_references(data: bytes, ids: set[str]) -> bytes:
    """Remove the runs and elements of an XML part that point at dropped relationship ids."""
    from lxml import etree

    root = _xml(data)
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if any(k.startswith(f"{{{_R_NS}}}") and v in ids for k, v in el.attrib.items()):
            holder = el
            while holder is not None and holder.tag not in _HOLDERS:
                holder = holder.getparent()
            doomed.append(holder if holder is not None else el)
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _content_types(data: bytes, present: set[str]) -> bytes:
    """Content types without dropped parts, the main part labelled as a plain .docx."""
    from lxml import etree

    root = _xml(data)
    for el in list(root):
        ctype = el.get("ContentType", "")
        part = el.get("PartName", "").lstrip("/")
        if el.tag == f"{{{_CT_NS}}}Override" and part and part not in present:
            root.remove(el)
        elif ctype in _OTHER_MAINS:
            el.set("ContentType", DOCX_MAIN)
        elif "vbaProject" in ctype or "activeX" in ctype or "oleObject" in ctype:
            root.remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
