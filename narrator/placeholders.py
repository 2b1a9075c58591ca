"""narrator's visible placeholders: one home for how a draft marks what is still to be filled in.

Drafting writes them (views, templates through ``placeholder``); checking finds them
(``unfinished.*``) and the DOCX writer highlights them, all through ``PLACEHOLDER``.
A placeholder names what is missing and, where the figures file has one, the field to fill:
【请补充原因（causes.general_budget.total）】.
"""

from __future__ import annotations

import re

OPEN = "【请补充"
CLOSE = "】"
PLACEHOLDER = re.compile(r"【请补充[^】\n]*】")

# A list word followed by nothing: 其中：。  包括：，  主要用于以下方面：。
EMPTY_LIST = re.compile(r"(?:其中|包括|如下|以下方面|主要有)\s*[：:]\s*[。，,；;]")


def placeholder(what: str, field: str = "") -> str:
    """【请补充WHAT】, or 【请补充WHAT（FIELD）】 when the figures file has a field for it."""
    return f"{OPEN}{what}{f'（{field}）' if field else ''}{CLOSE}"


CAUSE = placeholder("原因")
PRIOR = placeholder("上年决算数")
BUDGET = placeholder("年初预算数")
