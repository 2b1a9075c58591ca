"""项目支出绩效自评结果 read from a 绩效 section: each project's 年初预算, 全年预算 and 全年执行数.

Narratives report them project by project ("一是邮政业安全保障经费全年预算42.69万元，实际支出
39.98万元，执行率93.64%"; "“综合业务保障经费”项目年初预算数为500万元，全年预算数为552.59万元").
Only sections whose title speaks of 绩效 are read, so a 五(三) sentence with 全年预算 is never taken
for a project.  The 执行率 is not read: drafting computes it.
"""

from __future__ import annotations

import re

from narrator.extract.types import Section
from narrator.numbers import convert, parse_number

_NUMBER = r"([0-9][0-9,]*(?:\.[0-9]+)?)(万元|元)"
_NAME = r"(?:[一二三四五六七八九十]+是|\d+[.、．])?[“\"「]?(?P<name>[^，,。；;：:“”\"「」]{2,40}?)[”\"」]?(?:项目)?(?:的)?"
_BUDGETS = re.compile(_NAME + r"年初预算(?:数)?(?:为)?" + _NUMBER + r"[，,]全年预算(?:数)?(?:为)?" + _NUMBER)
_EXECUTED = re.compile(_NAME + r"全年预算(?:数)?(?:为)?" + _NUMBER
                       + r"[，,](?:全年)?(?:实际)?(?:支出|执行数|执行)(?:数)?(?:为)?" + _NUMBER)


def read_projects(text: str, sections: list[Section], unit: str) -> list[dict]:
    """The projects of the 绩效 sections, in the order first named, amounts in ``unit``."""
    from narrator.read.claims import squeeze
    from narrator.read.statements import statements  # the reader imports extract's sections: not at import time

    projects: dict[str, dict] = {}
    for section in sections:
        if "绩效" not in section.title:
            continue
        for statement in statements(text, (section.start, section.end)):
            _read(squeeze(text[statement.start:statement.end]), unit, projects)
    return list(projects.values())


def _read(sentence: str, unit: str, projects: dict[str, dict]) -> None:
    """The projects a statement names, in the order it names them (一是…；二是…)."""
    found = [(match, fields) for pattern, fields in ((_BUDGETS, ("budget", "full_year_budget")),
                                                     (_EXECUTED, ("full_year_budget", "actual")))
             for match in pattern.finditer(sentence)]
    for match, fields in sorted(found, key=lambda each: each[0].start()):
        project = projects.setdefault(match.group("name"), {"name": match.group("name")})
        for field, (number, stated_unit) in zip(fields, (match.group(2, 3), match.group(4, 5))):
            project.setdefault(field, convert(parse_number(number).value, stated_unit, unit))
