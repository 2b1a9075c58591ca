"""What a document may put on the reviewer's terminal: text, never instructions to the terminal.

A published file can hold escape sequences (retitle the window, clear the
screen) and bidi overrides (show text in another order than it is stored).
Wherever document text reaches a terminal — check's text and Markdown reports,
every line on stderr — these characters are written out as escapes (``\\x1b``);
in JSON as JSON's own escapes (``\\u202e``), so a program reading it gets the text unchanged.
"""

from __future__ import annotations

import json
import re

# C0 controls but tab and newline, DEL, C1 controls, and the bidi embeddings, overrides and isolates.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every character that would steer a terminal written out as an escape."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def printable_json(data, **options) -> str:
    """``json.dumps`` (non-ASCII text as it is) with every character that would steer a terminal as a
    ``\\uXXXX`` escape: json escapes C0 controls itself, but not DEL, C1 controls or bidi marks."""
    text = json.dumps(data, ensure_ascii=False, **options)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
