"""Office files other than DOCX, as a reviewer receives them: .doc .wps .odt .rtf, .xlsx .xls .et .ods.

What a file is comes from its content: an Office 97-2003 compound file (.doc
.wps .xls .et) by the streams it holds (olefile), a ZIP by its parts or ODF
mimetype, RTF by its header.  Word-processor files are converted to DOCX by
LibreOffice headless (the real converter of these formats) and then read like
any DOCX, tables included.
Spreadsheets are read by python-calamine (xlsx, xls, ods); a workbook it cannot
open (some WPS .et files) is converted to XLSX by LibreOffice first.  Each sheet
becomes tab-separated rows, the shape every reader produces, so the one table
reader finds the 决算表 in it by their titles.

Every conversion runs in a fresh temporary folder, with a LibreOffice profile
(``-env:UserInstallation``) private to the process: two conversions at once
(``review --jobs``, or forked workers) would otherwise share one profile and one
running instance, and the second would fail or wait.  One process reuses its
profile, since making a new one costs LibreOffice about two seconds.
Each has a time limit (``narrator.limits.CONVERT_SECONDS``: ``NARRATOR_CONVERT_TIMEOUT``
seconds, default 60) and is killed with its whole process group when it runs over.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from narrator.errors import InputError

if TYPE_CHECKING:
    from narrator.extract.types import PageMap

PACKAGES = "libreoffice-writer-nogui libreoffice-calc-nogui"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file header of .doc .wps .xls .et
_RTF = b"{\\rtf"
# What an OLE2 compound file holds is named by its streams (olefile reads the directory).
_OLE_KINDS = {"WordDocument": "writer", "Workbook": "sheet", "Book": "sheet"}
_ODF_KINDS = {b"application/vnd.oasis.opendocument.text": "writer",
              b"application/vnd.oasis.opendocument.spreadsheet": "sheet"}


def office_kind(raw: bytes, path: Path) -> str | None:
    """"writer" or "sheet" for an office file other than DOCX, by content; None for anything else."""
    if raw.startswith(_RTF):
        return "writer"
    if raw.startswith(_OLE2):
        return _ole_kind(raw, path)
    if raw.startswith(b"PK\x03\x04"):
        return _zip_kind(raw, path)
    return None


def _ole_kind(raw: bytes, path: Path) -> str:
    """Word/WPS 文字 or Excel/WPS 表格 by the streams inside; a damaged or encrypted file is one line.
    (LibreOffice would import a damaged .doc as plain text and give pages of noise.)"""
    import olefile

    try:
        streams = {entry[0] for entry in olefile.OleFileIO(io.BytesIO(raw)).listdir()}
    except Exception:  # olefile raises its own kinds on a broken directory
        raise InputError(f"{path}: 文件已损坏（Office 97-2003 复合文档的结构无法读取）") from None
    if "EncryptedPackage" in streams or "EncryptionInfo" in streams:
        raise InputError(f"{path}: 文件有密码保护，请提供未加密的文件")
    for stream, kind in _OLE_KINDS.items():
        if stream in streams:
            return kind
    raise InputError(f"{path}: 是 Office 97-2003 复合文档，但不是文字（.doc/.wps）或表格（.xls/.et）文件")


def _zip_kind(raw: bytes, path: Path) -> str | None:
    """An XLSX or ODF file, its members first checked against the unpacked-size limits (a ZIP bomb is one line)."""
    from narrator.zipped import checked_members

    names = set(checked_members(raw, path, "XLSX/ODF"))
    if "xl/workbook.xml" in names:
        return "sheet"
    if "mimetype" in names:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return _ODF_KINDS.get(archive.read("mimetype")[:100].strip())
    return None


def office_source(raw: bytes, path: Path, kind: str) -> "tuple[str, PageMap | None]":
    """The text of an office file of ``kind`` (see ``office_kind``) and its pages where known: a
    converted document's explicit page breaks (as for any DOCX); a workbook has none."""
    if kind == "sheet":
        return spreadsheet_text(raw, path), None
    from narrator.extract.docxtext import docx_text

    return docx_text(convert(raw, path, "docx"), path)


# ---------------------------------------------------------------- spreadsheets


def spreadsheet_text(raw: bytes, path: Path) -> str:
    """Every sheet as tab-separated rows, sheets apart by a blank line; a sheet whose rows carry no
    table title but whose name is one (01收入支出决算总表) gets its name as the title line."""
    book = _workbook(raw, path)
    parts = []
    for name in book.sheet_names:
        try:
            rows = book.get_sheet_by_name(name).to_python()
        except Exception as exc:  # calamine raises its own kinds on a broken sheet
            raise InputError(f"{path}: 工作表「{name}」无法读取 — {type(exc).__name__}") from None
        lines = [_row_line(row) for row in rows]
        parts.append("\n".join(_titled(name, lines)))
    return "\n\n".join(parts) + "\n"


def _workbook(raw: bytes, path: Path):
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(raw))
    except Exception as first:  # calamine raises its own kinds on what it cannot open
        if not raw.startswith(_OLE2):
            raise InputError(f"{path}: 工作簿无法读取 — {type(first).__name__}") from None
    # an OLE2 workbook calamine cannot open (some .et files): LibreOffice reads more of them
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(convert(raw, path, "xlsx")))
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{path}: 工作簿无法读取 — {type(exc).__name__}") from None


def _row_line(row: list) -> str:
    cells = [_cell_text(value) for value in row]
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cells)


def _cell_text(value: object) -> str:
    """A cell as the table reader reads printed text: numbers at Excel's own precision, text on one line."""
    from narrator.numbers import from_spreadsheet

    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{from_spreadsheet(value):f}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return "".join(part.strip() for part in str(value or "").replace("\t", " ").splitlines())


_SHEET_NUMBER = re.compile(r"^[\d\s._、-]+")  # 01收入支出决算总表, 1.收入决算表


def _titled(name: str, lines: list[str]) -> list[str]:
    from narrator.extract.tables import title_kind

    title = _SHEET_NUMBER.sub("", name)
    if any(title_kind(line) for line in lines[:6] if len(line) < 60) or not title_kind(title):
        return lines
    return [title, *lines]


# ---------------------------------------------------------------- LibreOffice


def convert(raw: bytes, path: Path, target: str) -> bytes:
    """``raw`` converted by LibreOffice headless to ``target`` (docx, xlsx), in a private folder and profile."""
    soffice = soffice_path(path)
    with tempfile.TemporaryDirectory(prefix="narrator-office-") as folder:
        work = Path(folder)
        source = work / f"in{path.suffix.lower() or '.bin'}"
        source.write_bytes(raw)
        command = [soffice, "--headless", "--norestore", "--nolockcheck",
                   f"-env:UserInstallation={_profile().as_uri()}",
                   "--convert-to", target, "--outdir", str(work / "out"), str(source)]
        _run(command, path)
        produced = work / "out" / f"in.{target}"
        if not produced.is_file():
            raise InputError(f"{path}: LibreOffice 未能转换此文件（文件可能已损坏或不是办公文档）")
        return produced.read_bytes()


_PROFILES: dict[int, Path] = {}  # by process id: a forked worker must not use its parent's


def _profile() -> Path:
    """This process's own LibreOffice profile folder, ``narrator-office-<uid>/<pid>`` in the temporary
    folder.  Workers are killed rather than ended (a timeout, the end of a batch), so nothing removes
    a profile on exit; instead each new one sweeps away those whose process is gone."""
    pid = os.getpid()
    if pid not in _PROFILES:
        root = Path(tempfile.gettempdir()) / f"narrator-office-{getattr(os, 'getuid', lambda: 0)()}"
        root.mkdir(mode=0o700, exist_ok=True)
        if root.is_symlink() or root.stat().st_uid != getattr(os, "getuid", lambda: root.stat().st_uid)():
            root = Path(tempfile.mkdtemp(prefix="narrator-office-"))  # someone else's folder: not ours to use
        _sweep(root)
        _PROFILES[pid] = root / str(pid)
        _PROFILES[pid].mkdir(exist_ok=True)
    return _PROFILES[pid]


def _sweep(root: Path) -> None:
    for folder in root.iterdir():
        if folder.name.isdigit() and not _running(int(folder.name)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def soffice_path(path: Path) -> str:
    """LibreOffice's ``soffice``: ``NARRATOR_SOFFICE``, else the one on PATH; one line naming the package if none."""
    named = os.environ.get("NARRATOR_SOFFICE")
    found = shutil.which(named) if named else shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise InputError(f"{path}: 读取 {path.suffix or '此类'} 文件需要 LibreOffice，但未找到 soffice；"
                         f"请安装（Debian/Ubuntu：apt-get install {PACKAGES}）或用 NARRATOR_SOFFICE 指明其路径")
    return found


def convert_timeout() -> int:
    from narrator.limits import CONVERT_SECONDS

    return CONVERT_SECONDS.value()


def _run(command: list[str], path: Path) -> None:
    """Run LibreOffice in its own process group, so that a timeout kills it with every child it started."""
    limit = convert_timeout()
    posix = os.name == "posix"
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               stdin=subprocess.DEVNULL, start_new_session=posix,
                               preexec_fn=_unbounded if posix else None)
    try:
        process.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        if posix:
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
        process.wait()
        from narrator.limits import CONVERT_SECONDS

        raise InputError(f"{path}: LibreOffice 转换超时（超过 {limit} 秒）；{CONVERT_SECONDS.hint()}") from None


def _unbounded() -> None:
    """LibreOffice reserves far more address space than it uses: a review worker's memory bound
    (a soft RLIMIT_AS) is lifted for it; its time limit still holds."""
    import resource

    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
