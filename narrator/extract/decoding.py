"""A text file's encoding, found by a detector and said when it is not UTF-8.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are certain.  Anything else
goes to charset-normalizer, not to a fixed list of guesses: GB18030 decodes
almost any byte string without error, so trying it first reads a Big5 file as
GB18030 garbage and says nothing.  The detector can tie on a short text; among
tied encodings the one Chinese government files most often use is taken, and
the tie is reported as a low-confidence decode (the detector already drops
candidates whose text looks like noise).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from narrator.errors import InputError

_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", None), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# Where the detector ties, the more common encoding of Chinese public documents wins.
_PREFERRED = ("gb18030", "big5")
# The detector drops readings messier than 0.2 (its default); a second look accepts up to this,
# and what it finds there is reported as a low-confidence decode.
_MESSY = 0.5
_FAMILIES = {"gb2312": "gb18030", "gbk": "gb18030", "hz": "gb18030", "big5hkscs": "big5", "cp950": "big5"}


@dataclass(frozen=True)
class Decoded:
    text: str
    notes: tuple[str, ...] = ()  # what a person should know about the decoding (not UTF-8, unsure)


def decode_text(raw: bytes, path: Path) -> Decoded:
    for mark, encoding, label in _BOMS:
        if raw.startswith(mark):
            return Decoded(_strict(raw, encoding, path), _said(path, label) if label else ())
    if b"\x00" in raw[:4096]:
        raise InputError(f"{path}: 是二进制文件，不是文本、PDF 或 DOCX 文档")
    try:
        return Decoded(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return _detected(raw, path)


def _detected(raw: bytes, path: Path) -> Decoded:
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(raw) if m.encoding]
    unsure = not matches
    if unsure:  # text the detector finds messy (tables flattened into one line): let it look harder
        matches = [m for m in from_bytes(raw, threshold=_MESSY) if m.encoding]
    if not matches:
        return _last_resort(raw, path)
    tied = [m for m in matches if m.chaos == matches[0].chaos]
    names = [_FAMILIES.get(m.encoding, m.encoding) for m in tied]
    chosen = next((tied[names.index(p)] for p in _PREFERRED if p in names), tied[0])
    encoding = _FAMILIES.get(chosen.encoding, chosen.encoding)
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text = str(chosen)
    notes = _said(path, _label(encoding))
    others = "、".join(_label(n) for n in dict.fromkeys(names) if n != encoding)
    if others:  # the detector found these just as likely: a low-confidence decode
        notes += _unsure(path, f"也可能是 {others}")
    elif unsure:
        notes += _unsure(path, "文字杂乱")
    return Decoded(text, notes)


def _last_resort(raw: bytes, path: Path) -> Decoded:
    """GB18030 decodes nearly anything, so it is tried only when the detector has no answer, and said."""
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(f"{path}: 无法识别文件编码（不是 UTF-8，也不像 GBK、Big5 等常见编码）") from None
    return Decoded(text, _said(path, _label("gb18030")) + _unsure(path, "检测器未能判断"))


def _unsure(path: Path, why: str) -> tuple[str, ...]:
    return (f"{path}: 编码识别把握不大（{why}）；如文字显示为乱码，请先转换为 UTF-8 再审核",)


def _strict(raw: bytes, encoding: str, path: Path) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"{path}: 文件开头标明 {encoding} 编码，但内容不符（文件已损坏？）") from None


def _said(path: Path, label: str) -> tuple[str, ...]:
    return (f"{path}: 文件不是 UTF-8 编码，已按 {label} 解码",)


def _label(encoding: str) -> str:
    return {"gb18030": "GB18030（含 GBK）", "big5": "Big5"}.get(encoding, encoding.upper().replace("_", "-"))
