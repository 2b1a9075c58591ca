"""Secrets out of every message: a server's error text may echo the key it was sent.

``redact`` removes the configured API key (and the keys the environment holds)
and anything shaped like a bearer token or an ``sk-…`` key, before a message
reaches stderr.  The CLI passes every line it prints through it; the model
client passes its failure reasons with the key it was configured with.
"""

from __future__ import annotations

import os
import re
from typing import Iterable

HIDDEN = "***"
_KEY_VARIABLES = ("NARRATOR_API_KEY", "OPENAI_API_KEY")
_SHAPES = (
    re.compile(r"(?i)\b(bearer|token)(\s+|[=:]\s*)[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(r"\bsk-[A-Za-z0-9_*.-]{6,}"),
    re.compile(r"(?i)\b(api[_-]?key|authorization)([\"']?\s*[:=]\s*[\"']?)[^\s\"',;}]{8,}"),
)
_PLACEHOLDERS = {"", "not-needed"}  # what narrator sends when no key is configured


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    for secret in sorted({*secrets, *_environment_keys()} - _PLACEHOLDERS, key=len, reverse=True):
        if len(secret) >= 4:  # a one-letter "key" would blank out half the message
            text = text.replace(secret, HIDDEN)
    text = _SHAPES[0].sub(lambda m: f"{m.group(1)}{m.group(2)}{HIDDEN}", text)
    text = _SHAPES[1].sub(HIDDEN, text)
    return _SHAPES[2].sub(lambda m: f"{m.group(1)}{m.group(2)}{HIDDEN}", text)


def _environment_keys() -> set[str]:
    return {os.environ.get(name, "").strip() for name in _KEY_VARIABLES}
