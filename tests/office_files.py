"""Office files for the tests, built from a seed text: a DOCX with its tables, a workbook of its tables,
and (with LibreOffice) the legacy formats a reviewer receives, converted from those."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from narrator.extract import extract
from narrator.extract.tables import find_tables

_AMOUNT = re.compile(r"-?[\d,]+\.\d+")


def seed_docx(seed: Path, out: Path) -> Path:
    """The seed as a DOCX: each run of tab-separated lines a table, every other line a paragraph."""
    import docx

    document = docx.Document()
    block: list[list[str]] = []
    for line in seed.read_text(encoding="utf-8").splitlines() + [""]:
        if "\t" in line:
            block.append(line.split("\t"))
            continue
        if block:
            _table(document, block)
            block = []
        document.add_paragraph(line)
    document.save(out)
    return out


def _table(document, rows: list[list[str]]) -> None:
    width = max(len(r) for r in rows)
    table = document.add_table(rows=len(rows), cols=width)
    for row, cells in zip(table.rows, rows):
        for cell, text in zip(row.cells, cells):
            cell.text = text


def tables_xlsx(seed: Path, out: Path) -> Path:
    """The seed's 决算表 as a workbook: one sheet per table, its title in the first row, amounts as numbers."""
    import openpyxl

    document = extract(seed)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for index, table in enumerate(find_tables(document.text, document.narrative_span[0]), start=1):
        sheet = book.create_sheet(f"表{index:02d}")
        sheet.append([table.title])
        for row in table.rows:
            sheet.append([float(c.replace(",", "")) if _AMOUNT.fullmatch(c) else c for c in row.cells])
    book.save(out)
    return out


def narrative_txt(seed: Path, out: Path) -> Path:
    """The seed's narrative alone (第三部分 onwards), as published apart from its tables."""
    document = extract(seed)
    out.write_text(document.text[document.narrative_span[0]:], encoding="utf-8")
    return out


def soffice_convert(source: Path, target: str, outdir: Path) -> Path:
    """``source`` converted by LibreOffice (a DOCX goes to .doc through ODT: LibreOffice 7.4 drops
    python-docx's tables when it writes .doc from the DOCX directly)."""
    if target == "doc" and source.suffix == ".docx":
        source = soffice_convert(source, "odt", outdir / "odt")
    outdir.mkdir(parents=True, exist_ok=True)
    profile = (outdir / ".profile").resolve().as_uri()
    subprocess.run([shutil.which("soffice") or "soffice", "--headless", "--norestore", f"-env:UserInstallation={profile}",
                    "--convert-to", target, "--outdir", str(outdir), str(source)],
                   check=True, capture_output=True, timeout=120)
    return outdir / f"{source.stem}.{target}"
