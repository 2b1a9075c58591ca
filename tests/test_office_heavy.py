"""The heavy tier: real LibreOffice conversions, a mixed folder of every format a reviewer receives,
and a stalled document in a batch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from narrator.extract import extract
from narrator.app.review import review
from narrator.report.summary import summary_dict
from office_files import seed_docx, soffice_convert, tables_xlsx

pytestmark = pytest.mark.heavy

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"
SEED000 = next(SEEDS.glob("000_*.txt"))
SEED002 = next(SEEDS.glob("002_*.txt"))
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice 未安装（apt-get install libreoffice-writer-nogui libreoffice-calc-nogui）")


def values(findings) -> list[tuple[str, str, str]]:
    return sorted((f.id, f.stated, f.expected) for f in findings)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """A year's folder: a PDF, a text, a DOCX and the same narrative as .doc .wps .odt .rtf, the tables as
    .xlsx .xls .et, and files that are no documents (a YAML, a ZIP, a lock file, hidden ones)."""
    work = tmp_path_factory.mktemp("office")
    folder = work / "2024年度"
    (folder / "区县" / ".git").mkdir(parents=True)
    docx = seed_docx(SEED002, folder / "区县" / "单位甲.docx")
    for target in ("doc", "odt", "rtf"):
        made = soffice_convert(docx, target, work / target)
        shutil.copy(made, folder / f"单位乙.{target}")
    shutil.copy(folder / "单位乙.doc", folder / "单位丙.wps")  # a WPS writer file is the Word 97 format
    xlsx = tables_xlsx(SEED000, folder / "决算报表.xlsx")
    xls = soffice_convert(xlsx, "xls", work / "xls")
    shutil.copy(xls, folder / "决算报表旧.xls")
    shutil.copy(xls, folder / "决算报表.et")  # a WPS spreadsheet is the Excel 97 format
    shutil.copy(DATA / "pdf" / "caizhengju-2024-planted-errors.pdf", folder / "财政局.pdf")
    shutil.copy(SEED000, folder / "单位丁.txt")
    (folder / "说明.yaml").write_text("a: 1\n", encoding="utf-8")
    (folder / "附件.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    (folder / "~$单位甲.docx").write_bytes(b"lock")
    (folder / ".DS_Store").write_bytes(b"\0")
    (folder / "区县" / ".git" / "HEAD").write_text("ref\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def mixed_review(mixed):
    return review([mixed], jobs=2, progress=False)


@needs_soffice
def test_every_file_in_a_mixed_folder_is_checked_or_listed_with_why(mixed, mixed_review):
    checked = {Path(d.path).name for d in mixed_review.documents}
    skipped = {Path(s.path).name: s.reason for s in mixed_review.skipped}
    assert checked == {"单位甲.docx", "单位乙.doc", "单位乙.odt", "单位乙.rtf", "单位丙.wps", "决算报表.xlsx",
                       "决算报表旧.xls", "决算报表.et", "财政局.pdf", "单位丁.txt"}
    assert all(d.ok for d in mixed_review.documents), [d.error for d in mixed_review.documents]
    assert "不支持的文件类型（.yaml）" in skipped["说明.yaml"] and "（.zip）" in skipped["附件.zip"]
    assert "临时锁定" in skipped["~$单位甲.docx"] and "隐藏" in skipped[".DS_Store"] and "隐藏目录" in skipped[".git"]
    everything = {p for p in mixed.rglob("*") if ".git" not in p.parts[:-1] and p.is_file() or p.name == ".git"}
    assert len(everything) == mixed_review.files == summary_dict(mixed_review)["summary"]["files"]


@needs_soffice
def test_converted_narratives_give_the_docx_findings(mixed_review):
    by_name = {Path(d.path).name: d for d in mixed_review.documents}
    original = values(by_name["单位甲.docx"].findings)
    assert any(f[0] == "rate.direction" for f in original)  # seed 002's known errors survive the DOCX
    for name in ("单位乙.doc", "单位丙.wps", "单位乙.odt", "单位乙.rtf"):
        assert values(by_name[name].findings) == original, name


@needs_soffice
def test_legacy_workbooks_give_the_xlsx_table_findings(mixed_review):
    by_name = {Path(d.path).name: d for d in mixed_review.documents}
    original = values(by_name["决算报表.xlsx"].findings)
    assert any(f[0].startswith("table.") for f in original)
    assert values(by_name["决算报表旧.xls"].findings) == original
    assert values(by_name["决算报表.et"].findings) == original


@needs_soffice
def test_conversions_in_parallel_do_not_collide(mixed):
    """Four LibreOffice conversions at once, each with its process's own profile — also in workers
    forked from a process that has a profile already."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    names = [mixed / "单位乙.doc", mixed / "单位乙.odt", mixed / "单位乙.rtf", mixed / "单位丙.wps"]
    _text(names[0])  # this process now has its profile; the forked workers must not share it
    with ProcessPoolExecutor(max_workers=4, mp_context=get_context("fork")) as pool:
        texts = list(pool.map(_text, names))
    assert len(set(texts)) == 1 and "第三部分" in texts[0]


def _text(path: Path) -> str:
    return extract(path).text


def test_a_stalled_document_is_one_row_and_the_batch_finishes(tmp_path, monkeypatch):
    for seed in sorted(SEEDS.glob("00[0-2]_*.txt")):
        shutil.copy(seed, tmp_path / seed.name)
    shutil.copy(SEED002, tmp_path / "stall-me.txt")
    monkeypatch.setenv("NARRATOR_TEST_STALL", "stall-me")
    result = review([tmp_path], jobs=2, timeout=4, progress=False)
    stalled = [d for d in result.documents if not d.ok]
    assert [Path(d.path).name for d in stalled] == ["stall-me.txt"]
    assert "超过 4 秒" in stalled[0].error
    assert len(result.documents) == 4 and sum(d.ok for d in result.documents) == 3


def test_a_document_over_the_memory_bound_is_one_row(tmp_path, monkeypatch):
    """A DOCX of 0.7 MB whose XML inflates to 300 MB: its parse outgrows a 400 MB worker; the others are checked.
    (The unpacked-size limits, which refuse such a file before parsing, are raised to reach the memory bound.)"""
    import zipfile

    monkeypatch.setenv("NARRATOR_MAX_UNZIPPED_BYTES", str(2 ** 30))
    monkeypatch.setenv("NARRATOR_MAX_XML_BYTES", str(2 ** 30))

    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        with archive.open("word/document.xml", "w") as xml:
            xml.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            paragraph = b"<w:p><w:r><w:t>" + b"x" * 1000 + b"</w:t></w:r></w:p>"
            for _ in range(300):
                xml.write(paragraph * 1000)
            xml.write(b"</w:body></w:document>")
    shutil.copy(SEED002, tmp_path / "ok.txt")
    result = review([tmp_path], max_memory_mb=400, timeout=120, progress=False)
    by_name = {Path(d.path).name: d for d in result.documents}
    assert by_name["ok.txt"].ok
    error = by_name["bomb.docx"].error or ""
    assert "MemoryError" in error or "内存" in error


_CONTENT_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                  'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="word/document.xml"/></Relationships>')


@pytest.mark.parametrize("option", [["--timeout", "0"], ["--max-memory", "10"], ["--jobs", "0"]])
def test_bad_bounds_are_one_line_and_exit_2(option):
    from conftest import run_cli

    result = run_cli("review", str(SEEDS), "--no-cache", *option)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_check_with_tables_on_the_command_line(tmp_path):
    from conftest import run_cli
    from office_files import narrative_txt

    narrative = narrative_txt(SEED000, tmp_path / "说明.txt")
    workbook = tables_xlsx(SEED000, tmp_path / "决算报表.xlsx")
    result = run_cli("check", str(narrative), "--tables", str(workbook), "--no-model", "--format", "json")
    assert result.returncode == 1 and '"fact.amount"' in result.stdout
    missing = run_cli("check", str(narrative), "--tables", str(tmp_path / "无.xlsx"), "--no-model")
    assert missing.returncode == 2 and "不存在" in missing.stderr and "Traceback" not in missing.stderr


@needs_soffice
def test_a_renamed_office_file_is_read_by_what_it_holds(mixed, tmp_path):
    """Formats by content: a .doc named .xls is still a text document, an .xls named .doc a workbook."""
    shutil.copy(mixed / "单位乙.doc", tmp_path / "其实是文字.xls")
    shutil.copy(mixed / "决算报表旧.xls", tmp_path / "其实是表格.doc")
    assert extract(tmp_path / "其实是文字.xls").format == "office"
    assert extract(tmp_path / "其实是表格.doc").format == "spreadsheet"
