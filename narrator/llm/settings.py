"""Model settings: flags, then environment, then a config file.

Environment: ``NARRATOR_BASE_URL``, ``NARRATOR_MODEL``, ``NARRATOR_API_KEY`` (falling
back to ``OPENAI_API_KEY``), ``NARRATOR_MODE``, ``NARRATOR_TIMEOUT``, ``NARRATOR_LOCAL_MODEL``
(a GGUF file, run in-process when no server is named) and ``NARRATOR_THREADS`` (the local
model's threads); the config file is ``$NARRATOR_CONFIG`` or ``~/.config/narrator/config.toml``
with a ``[model]`` table of the same names in lower case (``base_url``, ``model``, ``api_key``,
``mode``, ``timeout``, ``max_retries``, ``local_model``, ``threads``).

``timeout`` is the total deadline of one model call — every try and every byte of every answer
(it starts again once a local model has loaded) — so a server that answers a byte at a time is
stopped too.

The key is a ``SecretStr`` so it never prints in a repr, a log or a traceback.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from pydantic import SecretStr

from narrator.errors import InputError

# Local servers (llama.cpp, vLLM, Ollama) honour a JSON schema; OpenAI proper does tools best.
DEFAULT_MODE_LOCAL = "json_schema"
DEFAULT_MODE_OPENAI = "tools"
MODES = ("json_schema", "json", "tools", "md_json")
# Seconds one model call may take.  A local model on a laptop's two busy cores answers a batch
# of ten causes in 10–40 s (measured, issue 15), a server in a few seconds.
DEFAULT_TIMEOUT = 60.0
DEFAULT_TIMEOUT_LOCAL = 120.0


@dataclass(frozen=True)
class ModelSettings:
    base_url: str | None
    model: str
    api_key: SecretStr = field(default_factory=lambda: SecretStr("not-needed"))
    mode: str = DEFAULT_MODE_LOCAL
    timeout: float = DEFAULT_TIMEOUT  # seconds for the whole of one model call, retries included
    max_retries: int = 2
    local_model: Path | None = None  # a GGUF file to run in-process (no base_url then)
    threads: int | None = None  # the local model's threads; None: default_threads()

    def __repr__(self) -> str:  # belt and braces: the key is already a SecretStr
        return f"ModelSettings(base_url={self.base_url!r}, model={self.model!r}, mode={self.mode!r})"

    @property
    def is_local(self) -> bool:
        return self.local_model is not None


def default_threads() -> int:
    """The CPUs this process may use, at most 8: llama.cpp gains little past that, and with
    passive waiting (local.py) a thread that finds its CPU busy sleeps instead of spinning."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        available = os.cpu_count() or 1
    return max(1, min(available, 8))


def config_path(env: Mapping[str, str]) -> Path:
    return Path(env.get("NARRATOR_CONFIG") or Path.home() / ".config" / "narrator" / "config.toml")


def _from_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: 配置文件无法解析 — {exc}") from None
    table = data.get("model", {})
    return table if isinstance(table, dict) else {}


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    names = {"base_url": "NARRATOR_BASE_URL", "model": "NARRATOR_MODEL", "api_key": "NARRATOR_API_KEY",
             "mode": "NARRATOR_MODE", "timeout": "NARRATOR_TIMEOUT", "local_model": "NARRATOR_LOCAL_MODEL",
             "threads": "NARRATOR_THREADS"}
    found = {key: env[var] for key, var in names.items() if env.get(var)}
    if "api_key" not in found and env.get("OPENAI_API_KEY"):
        found["api_key"] = env["OPENAI_API_KEY"]
    return found


def resolve_settings(flags: Mapping[str, Any] | None = None,
                     env: Mapping[str, str] | None = None) -> ModelSettings | None:
    """Merge the three sources; ``None`` when no model is configured at all."""
    env = os.environ if env is None else env
    merged: dict[str, Any] = {}
    for source in (_from_file(config_path(env)), _from_env(env), dict(flags or {})):
        merged.update({k: v for k, v in source.items() if v not in (None, "")})
    if not merged.get("model") and not merged.get("base_url"):
        if not merged.get("local_model"):
            return None
    else:
        merged.pop("local_model", None)  # a named server or model wins over the local file
    return _build(merged)


def _build(values: dict[str, Any]) -> ModelSettings:
    base_url = values.get("base_url")
    local_model = Path(str(values["local_model"])).expanduser() if values.get("local_model") else None
    is_openai = (base_url is None and local_model is None) or "api.openai.com" in str(base_url)
    mode = str(values.get("mode") or (DEFAULT_MODE_OPENAI if is_openai else DEFAULT_MODE_LOCAL)).lower()
    if mode not in MODES:
        raise InputError(f"模型模式 {mode!r} 无效；应为 {'、'.join(MODES)} 之一")
    try:
        timeout = float(values.get("timeout") or (DEFAULT_TIMEOUT_LOCAL if local_model else DEFAULT_TIMEOUT))
        retries = int(values.get("max_retries", 2))
        threads = int(values["threads"]) if values.get("threads") else None
    except (TypeError, ValueError):
        raise InputError("模型超时（timeout）、重试次数（max_retries）和线程数（threads）应为数字") from None
    if timeout <= 0 or (threads is not None and threads < 1):
        raise InputError("模型超时（timeout）和线程数（threads）应大于 0")
    return ModelSettings(
        base_url=base_url,
        model=str(values.get("model") or ("local" if local_model else "default")),
        api_key=SecretStr(str(values.get("api_key") or "not-needed")),
        mode=mode,
        timeout=timeout,
        max_retries=max(0, min(retries, 5)),
        local_model=local_model,
        threads=threads,
    )
