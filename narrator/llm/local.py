"""A real local model, offline: llama.cpp's OpenAI-compatible server, in-process.

``xllamacpp`` (a prebuilt CPU wheel on PyPI) runs llama.cpp's own HTTP server
inside this process.  ``NARRATOR_LOCAL_MODEL=/path/model.gguf`` makes ``check``
start one automatically; ``narrator model serve`` starts one for other programs.
Fetch a model with ``scripts/get-local-model``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from narrator.errors import InputError


class LocalServer:
    """Context manager: ``with LocalServer(path) as server: server.base_url``."""

    def __init__(self, model: str | Path, port: int = 0, threads: int | None = None, context: int = 4096):
        self.model = Path(model)
        self.port = port
        self.threads = threads or max(1, min(os.cpu_count() or 1, 8))
        self.context = context
        self._server: Any = None

    def __enter__(self) -> "LocalServer":
        if not self.model.is_file():
            raise InputError(f"{self.model}: 本地模型文件不存在（可用 scripts/get-local-model 获取）")
        try:
            import xllamacpp
        except ImportError:
            raise InputError("本地模型需要 xllamacpp：pip install 'narrator[local]'") from None
        params = xllamacpp.CommonParams()
        params.model.path = str(self.model)
        params.n_ctx = self.context
        params.n_parallel = 1
        params.port = self.port
        params.cpuparams.n_threads = self.threads
        params.cpuparams_batch.n_threads = self.threads
        params.sampling.temp = 0.0
        self._server = xllamacpp.Server(params)
        return self

    @property
    def base_url(self) -> str:
        return f"{self._server.listening_address}/v1"

    def __exit__(self, *exc: object) -> None:
        self._server = None  # the server stops when the object is released
