"""Rendered-page check of the .docx writer (needs LibreOffice; not a unit test).

    python tests/render_docx_pages.py [OUTDIR]

Builds the test speech in each preset, renders it with
/work/shared/tools/render_docx.sh (or $RENDER_DOCX) to PDF and PNG pages, and
checks on the PDF's word boxes what a reader sees: A4 pages, the title's lines
centred, body lines inside the 版心, the page numbers "— n —" on the outer side
(odd right, even left) or centred, with the dash about 7 mm below the 版心.
Look at the PNG pages in OUTDIR as well: fonts and quote widths need eyes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from test_docx_writer import make_speech  # noqa: E402

from drafter.writers.docx import write_docx  # noqa: E402
from drafter.writers.layout import layout_from_style  # noqa: E402

RENDER = os.environ.get("RENDER_DOCX", "/work/shared/tools/render_docx.sh")
MM = 72 / 25.4
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


def pages(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[(float(a), float(b), float(c), float(d), t) for a, b, c, d, t in WORD.findall(page)]
            for page in xml.split("<page ")[1:]]


def check(name: str, style: dict, out: Path) -> list[str]:
    layout = layout_from_style(style)
    path = out / f"{name}.docx"
    path.write_bytes(write_docx(make_speech(), layout))
    subprocess.run([RENDER, str(path), str(out / name)], check=True, capture_output=True)
    found = pages(out / name / f"{name}.pdf")
    problems = []
    width, height = layout.page_width / 20, layout.page_height / 20
    left, right = layout.margin_left / 20, width - layout.margin_right / 20
    bottom = height - layout.margin_bottom / 20
    # Title lines: the first lines of page 1, centred on the 版心.
    first = found[0]
    title_rows: dict[float, list] = {}
    for w in first:
        if w[1] < layout.margin_top / 20 + 2 * layout.line_spacing + 2:
            title_rows.setdefault(round(w[1]), []).append(w)
    for y, ws in title_rows.items():
        x0, x1 = min(w[0] for w in ws), max(w[2] for w in ws)
        if abs((x0 + x1) / 2 - (left + right) / 2) > 6:
            problems.append(f"{name}: title line at y={y} not centred ({x0:.0f}..{x1:.0f})")
    for n, page in enumerate(found, 1):
        dashes = [w for w in page if w[4] == "\u2014" and w[1] > bottom]
        body = [w for w in page if w[1] < bottom]
        if any(w[0] < left - 1 or w[2] > right + 18 for w in body):  # a hanging 。 may overflow
            problems.append(f"{name} p{n}: text outside the 版心")
        if len(dashes) != 2:
            problems.append(f"{name} p{n}: page number '— {n} —' not found")
            continue
        centre = (dashes[0][0] + dashes[1][2]) / 2
        side = layout.page_numbers
        if side == "outer" and (n % 2 == 1) != (centre > width / 2):
            problems.append(f"{name} p{n}: page number on the wrong side")
        if side == "center" and abs(centre - width / 2) > 6:
            problems.append(f"{name} p{n}: page number not centred")
        gap = ((dashes[0][1] + dashes[0][3]) / 2 - bottom) / MM  # the dash is a thin rule mid-box
        if not 5 <= gap <= 9:
            problems.append(f"{name} p{n}: dash {gap:.1f} mm below the 版心 (want about 7)")
    print(f"{name}: {len(found)} pages, {'ok' if not problems else f'{len(problems)} problem(s)'}")
    return problems


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="drafter-pages-"))
    out.mkdir(parents=True, exist_ok=True)
    problems = []
    for name, style in (("standard", {}), ("windows", {"preset": "windows", "page_numbers": "center"}),
                        ("podium", {"preset": "podium"})):
        problems += check(name, style, out)
    for p in problems:
        print("  " + p)
    print(f"pages in {out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
