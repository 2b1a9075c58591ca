"""Prompts are files: ``prompts/<task>.j2`` with a ``system`` and a ``user`` block.

They are loaded through the one resolver (checkout or wheel) and rendered sandboxed with
``StrictUndefined``, so a prompt that names a missing variable fails loudly.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from narrator.resources import prompts_dir


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(prompts_dir())),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def available_prompts() -> list[str]:
    return sorted(p.stem for p in prompts_dir().glob("*.j2"))


def prompt_source(task: str) -> str:
    """The prompt file's text: its version, for the answer cache's key."""
    return (prompts_dir() / f"{task}.j2").read_text(encoding="utf-8")


def render_prompt(task: str, variables: dict[str, Any]) -> tuple[str, str]:
    """(system, user) messages of a task's prompt file."""
    template = _environment().get_template(f"{task}.j2")
    context = template.new_context(variables)
    missing = {"system", "user"} - set(template.blocks)
    if missing:
        raise ValueError(f"prompts/{task}.j2 缺少块: {', '.join(sorted(missing))}")
    system = "".join(template.blocks["system"](context)).strip()
    user = "".join(template.blocks["user"](context)).strip()
    return system, user
