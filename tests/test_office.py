"""Office formats without LibreOffice: workbooks read as tables, --tables, formats told by content,
and the one-line error when LibreOffice is missing.  (Conversions themselves: test_office_heavy.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrator.check import review_document
from narrator.check.tablefacts import tables_file
from narrator.app.commands import run_check
from narrator.errors import ExitCode, InputError
from narrator.extract import extract
from narrator.extract.office import office_kind, spreadsheet_text
from office_files import narrative_txt, tables_xlsx

SEEDS = Path(__file__).parent / "data" / "seeds"
SEED000 = next(SEEDS.glob("000_*.txt"))


def ids_and_values(findings, prefix: str) -> list[tuple[str, str, str]]:
    return sorted((f.id, f.stated, f.expected) for f in findings if f.id.startswith(prefix))


@pytest.fixture(scope="module")
def split_seed(tmp_path_factory):
    """Seed 000 published in two parts: its narrative as text, its 决算表 as a workbook."""
    folder = tmp_path_factory.mktemp("split")
    return narrative_txt(SEED000, folder / "说明.txt"), tables_xlsx(SEED000, folder / "决算报表.xlsx")


def test_a_workbook_reads_as_tab_separated_rows_at_excel_precision(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "01收入支出决算总表"  # the title only in the sheet's name
    sheet.append(["项目", "决算数", None, None])
    sheet.append(["本年收入合计", 12.34, 0.1 + 0.2, None])
    sheet.append(["年初结转和结余", 100.0, "多行\n标签", None])
    path = tmp_path / "book.xlsx"
    book.save(path)
    text = spreadsheet_text(path.read_bytes(), path)
    assert text.splitlines()[:4] == ["收入支出决算总表", "项目\t决算数", "本年收入合计\t12.34\t0.3",
                                     "年初结转和结余\t100\t多行标签"]


def test_narrative_with_tables_from_a_workbook_binds_like_the_whole_document(split_seed):
    narrative, workbook = split_seed
    whole, _ = review_document(extract(SEED000))
    alone, _ = review_document(extract(narrative))
    tables, _ = tables_file(workbook)
    bound, _ = review_document(extract(narrative), tables=tables)
    assert ids_and_values(whole, "fact.")  # the seed has level-2 findings (其他收入 against its table …)
    assert ids_and_values(alone, "fact.") == []
    assert ids_and_values(bound, "fact.") == ids_and_values(whole, "fact.")


def test_check_tables_option_on_the_command(split_seed, capsys):
    narrative, workbook = split_seed
    code = run_check(narrative, None, "json", "error", [], None, None, True, None, None,
                     warn=lambda _: None, tables=workbook)
    out = json.loads(capsys.readouterr().out)
    assert code == ExitCode.FINDINGS
    assert any(f["id"] == "fact.amount" for f in out["findings"])


def test_a_workbook_as_the_document_checks_its_tables(split_seed):
    _, workbook = split_seed
    document = extract(workbook)
    assert document.format == "spreadsheet"
    found, _ = review_document(document)
    whole, _ = review_document(extract(SEED000))
    assert ids_and_values(found, "table.") == ids_and_values(whole, "table.")


def test_tables_file_without_tables_is_one_input_error(split_seed):
    narrative, _ = split_seed
    with pytest.raises(InputError, match="未读到可用的决算表"):
        tables_file(narrative)


RTF = b"{\\rtf1\\ansi x}"
BROKEN_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


@pytest.mark.parametrize(("head", "name", "kind"), [(RTF, "a.rtf", "writer"), (RTF, "a.txt", "writer"),
                                                    (b"plain text", "a.doc", None)])
def test_office_formats_are_told_by_content(head, name, kind):
    assert office_kind(head, Path(name)) == kind


@pytest.mark.parametrize("name", ["说明.doc", "说明.xls", "说明.wps"])
def test_a_damaged_compound_file_is_one_line(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(BROKEN_OLE2)
    with pytest.raises(InputError, match="已损坏") as info:
        extract(path)
    assert "\n" not in str(info.value)


def test_odf_is_told_by_its_mimetype(tmp_path):
    import zipfile

    path = tmp_path / "x.bin"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    assert office_kind(path.read_bytes(), path) == "writer"


def test_missing_libreoffice_is_one_line_naming_the_package(tmp_path, monkeypatch):
    monkeypatch.setenv("NARRATOR_SOFFICE", str(tmp_path / "no-soffice-here"))
    path = tmp_path / "说明.rtf"
    path.write_bytes(RTF)
    with pytest.raises(InputError) as info:
        extract(path)
    message = str(info.value)
    assert "\n" not in message
    assert "LibreOffice" in message and "libreoffice-writer-nogui" in message


@pytest.mark.heavy
def test_a_conversion_past_its_limit_is_killed_with_its_children(tmp_path, monkeypatch):
    """A converter that hangs (here a stand-in soffice whose child sleeps) is killed, process group and all."""
    import time

    marker = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 30 &\necho $! > {marker}\nwait\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("NARRATOR_SOFFICE", str(fake))
    monkeypatch.setenv("NARRATOR_CONVERT_TIMEOUT", "3")  # time enough for the stand-in to start its child
    path = tmp_path / "说明.rtf"
    path.write_bytes(RTF)
    started = time.monotonic()
    with pytest.raises(InputError, match="转换超时"):
        extract(path)
    assert time.monotonic() - started < 20
    assert not _alive(int(marker.read_text()))


def _alive(pid: int) -> bool:
    """Running, not merely a zombie waiting for whoever adopted it to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"


def test_in_a_review_a_missing_libreoffice_is_that_documents_row(tmp_path, monkeypatch):
    from narrator.app.review import review

    monkeypatch.setenv("NARRATOR_SOFFICE", str(tmp_path / "no-soffice-here"))
    (tmp_path / "说明.rtf").write_bytes(RTF)
    (tmp_path / "说明.txt").write_text(SEED000.read_text(encoding="utf-8"), encoding="utf-8")
    result = review([tmp_path], progress=False)
    rows = {Path(d.path).suffix: d for d in result.documents}
    assert rows[".txt"].ok and not rows[".rtf"].ok
    assert "libreoffice-writer-nogui" in rows[".rtf"].error
