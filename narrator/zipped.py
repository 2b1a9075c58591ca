"""A ZIP container (DOCX, XLSX) checked before any library unpacks it.

The file-size limit sees only the compressed file: a 700 KB DOCX can unpack to
gigabytes.  Here every member's declared size is added up and refused over the
limit.  Python's ``zipfile`` never returns more than a member declares (a member
that lies fails its CRC), and only stored or deflated members are accepted (what
Word and Excel write), whose decompression ``zipfile`` feeds in bounded pieces.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from narrator import limits
from narrator.errors import InputError

_PLAIN_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def checked_members(source: bytes | Path, path: Path, kind: str) -> list[str]:
    """The member names of a ZIP within the unpacked-size limit; one InputError line otherwise."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(f"{path}: ZIP/{kind} 文件已损坏或不完整") from None
    xml = [m for m in members if m.filename.lower().endswith((".xml", ".rels"))]
    for chosen, limit, what in ((members, limits.UNZIPPED_BYTES, ""), (xml, limits.UNZIPPED_XML_BYTES, "的 XML 部分")):
        unpacked = sum(member.file_size for member in chosen)
        if unpacked > limit.value():
            raise InputError(f"{path}: {kind} {what}解压后达 {unpacked / limits.MIB:.0f} MB，超过上限 "
                             f"{limit.value() / limits.MIB:.0f} MB（压缩炸弹？）；{limit.hint()}")
    odd = [m.filename for m in members if m.compress_type not in _PLAIN_COMPRESSION]
    if odd:
        raise InputError(f"{path}: {kind} 中的 {odd[0]} 使用了 Word/Excel 不用的压缩方式，不予解压")
    return [member.filename for member in members]
