"""Every bound narrator puts on what an input may grow into: one home, each with its setting.

A small hostile file must not become gigabytes in memory or minutes of work: a
file on disk is refused over a size, a ZIP (DOCX, XLSX) over what its members
unpack to, a YAML or JSON figures file over its nesting depth or what its
aliases expand to.  Each limit has a default that no real 决算 comes near and an
environment variable to change it; docs/limits.md lists them all.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from narrator.errors import NarratorError


@dataclass(frozen=True)
class Limit:
    env: str  # the environment variable that sets it
    default: int
    meaning: str  # in Chinese, for messages and docs/limits.md

    def value(self) -> int:
        """The limit in force: the environment's positive integer, else the default."""
        text = os.environ.get(self.env, "").strip()
        if not text:
            return self.default
        try:
            number = int(text)
        except ValueError:
            number = 0
        if number <= 0:
            raise NarratorError(f"环境变量 {self.env} 应为正整数，而不是 {text!r}")
        return number

    def hint(self) -> str:
        return f"可设置环境变量 {self.env} 放宽"


MIB = 1024 * 1024

# A published 决算 is a few MB at most.
DOCUMENT_BYTES = Limit("NARRATOR_MAX_BYTES", 20 * MIB, "输入文件大小（字节）")
# What a DOCX/XLSX may unpack to, all members together: a real one is a few times its file size.
UNZIPPED_BYTES = Limit("NARRATOR_MAX_UNZIPPED_BYTES", 100 * MIB, "DOCX/XLSX 解压后总大小（字节）")
# Its XML parts alone: they become element trees of about 13 times their size (python-docx, lxml),
# so 24 MB of XML stays under 500 MB of memory; a 100-page 决算's document.xml is a few MB.
UNZIPPED_XML_BYTES = Limit("NARRATOR_MAX_XML_BYTES", 24 * MIB, "DOCX/XLSX 中 XML 部分解压后大小（字节）")
# A LibreOffice conversion (.doc .wps .odt .rtf, some .et) of a real 决算 takes a few seconds.
CONVERT_SECONDS = Limit("NARRATOR_CONVERT_TIMEOUT", 60, "LibreOffice 转换一个文件的时限（秒）")
# A figures file is two or three levels deep; deeper is a mistake or an attack.
NESTING_DEPTH = Limit("NARRATOR_MAX_DEPTH", 64, "数据文件嵌套层数")
# Values and keys of a figures file after YAML aliases are expanded; a real one has a few thousand.
DATA_NODES = Limit("NARRATOR_MAX_NODES", 200_000, "数据文件展开别名后的值个数")
# The review cache (narrator review's results by content hash): a result is a few kB to a few hundred kB,
# so 500 MB keeps a few years of a 财政局's submissions; past it the least recently used go first.
REVIEW_CACHE_MB = Limit("NARRATOR_REVIEW_CACHE_MB", 500, "审核结果缓存的大小上限（MB）")
# The largest amount a figures file may state: 10^18 is far past any budget, and Decimal
# arithmetic at two decimals stays exact below it.
AMOUNT_DIGITS = 18

ALL = (DOCUMENT_BYTES, UNZIPPED_BYTES, UNZIPPED_XML_BYTES, CONVERT_SECONDS, NESTING_DEPTH, DATA_NODES,
       REVIEW_CACHE_MB)
