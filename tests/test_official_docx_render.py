"""The official DOCX as LibreOffice lays it out: A4 pages, text inside the GB/T 9704 margins (heavy tier)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from narrator.draft import draft, load_template_set
from narrator.draft.official_docx import official_docx
from narrator.figures import load_figures

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "changzhi-2024.yaml"
MM = 72 / 25.4  # points per millimetre

pytestmark = [pytest.mark.heavy,
              pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")]


def test_pages_are_a4_and_text_stays_inside_the_margins(tmp_path):
    import pypdfium2

    markdown = draft(load_figures(EXAMPLE), load_template_set("national")).markdown
    source = tmp_path / "draft.docx"
    source.write_bytes(official_docx(markdown))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=240)
    pdf = pypdfium2.PdfDocument(str(tmp_path / "draft.pdf"))
    assert len(pdf) >= 3
    width, height = pdf[0].get_size()
    assert (round(width / MM), round(height / MM)) == (210, 297)
    image = pdf[1].render(scale=1).to_pil().convert("L")  # a page of body text
    inked = [(x, y) for x in range(0, image.width, 2) for y in range(0, image.height, 2) if image.getpixel((x, y)) < 128]
    left, right = min(x for x, _ in inked), max(x for x, _ in inked)
    top, bottom = min(y for _, y in inked), max(y for _, y in inked)
    assert left >= 27 * MM and right <= width - 25 * MM  # 28 mm and 26 mm, less a millimetre of anti-aliasing
    assert top >= 30 * MM and bottom <= height - 30 * MM  # inside 37 mm / 35 mm less the line's leading
    _numbers_are_never_broken_across_lines(markdown, pdf)


def _numbers_are_never_broken_across_lines(markdown, pdf):
    """Every amount and percentage of the draft stands whole on one line of the laid-out pages (not 27/8.49)."""
    lines = [line.replace(" ", "") for page in pdf for line in page.get_textpage().get_text_range().splitlines()]
    numbers = set(re.findall(r"\d+\.\d+", markdown))
    assert numbers
    broken = [number for number in numbers if not any(number in line for line in lines)]
    assert broken == []
