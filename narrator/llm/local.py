"""A real local model, offline: llama.cpp's OpenAI-compatible server, in-process.

``xllamacpp`` (a prebuilt CPU wheel on PyPI) runs llama.cpp's own HTTP server
inside this process.  ``NARRATOR_LOCAL_MODEL=/path/model.gguf`` makes ``check``
use one; ``narrator model serve`` starts one for other programs.  Fetch a model
with ``scripts/get-local-model``.

Tuned for a reviewer's laptop (issue 15): the threads come from a setting (default:
the CPUs this process may use), the threads wait passively, so a competing process
slows the model instead of stalling it, and llama.cpp's log lines are silenced unless
asked for (``--verbose``).  In ``check`` the server starts only when a question
misses the answer cache (:class:`LocalTransport`), so a document with nothing to ask,
or asked before, never loads the model.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

try:  # openai >= 3 ships its HTTP client as httpx2
    import httpx2 as httpx
except ImportError:  # pragma: no cover - older openai
    import httpx  # type: ignore[no-redef]

from narrator.errors import InputError
from narrator.llm.settings import default_threads

GGUF_MAGIC = b"GGUF"

_VERBOSE, _SILENT = 3, 0  # llama.cpp's common log threshold: 3 prints everything, 0 nothing


class LocalModelError(InputError):
    """The local model cannot be started: no file, not a GGUF file, no xllamacpp."""


class LocalServer:
    """Context manager: ``with LocalServer(path) as server: server.base_url``."""

    def __init__(self, model: str | Path, port: int = 0, threads: int | None = None, context: int = 4096,
                 verbose: bool = False):
        self.model = Path(model)
        self.port = port
        self.threads = threads or default_threads()
        self.context = context
        self.verbose = verbose
        self._server: Any = None

    def __enter__(self) -> "LocalServer":
        _check_model_file(self.model)
        # Read by the OpenMP runtime when llama.cpp loads: an idle thread sleeps instead of
        # spinning, which on two shared cores is the difference between 6 and 0.4 tokens/s.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            import xllamacpp
        except ImportError:
            raise LocalModelError("本地模型需要 xllamacpp：pip install 'narrator[local]'") from None
        try:
            self._server = xllamacpp.Server(self._params(xllamacpp))
        except RuntimeError:
            raise LocalModelError(f"{self.model}: 本地模型无法加载（文件损坏或不是 llama.cpp 支持的模型）") from None
        return self

    def _params(self, xllamacpp: Any) -> Any:
        params = xllamacpp.CommonParams()
        params.model.path = str(self.model)
        params.n_ctx = self.context
        params.n_parallel = 1
        params.port = self.port
        params.verbosity = _VERBOSE if self.verbose else _SILENT
        for cpu in (params.cpuparams, params.cpuparams_batch):
            cpu.n_threads = self.threads
            cpu.poll = 0  # ggml's own thread pool: wait without polling, as OMP_WAIT_POLICY does
        params.sampling.temp = 0.0
        return params

    @property
    def base_url(self) -> str:
        return f"{self._server.listening_address}/v1"

    def __exit__(self, *exc: object) -> None:
        self._server = None  # the server stops when the object is released


def _check_model_file(path: Path) -> None:
    """A wrong path or a file that is no GGUF model is told in one line, before llama.cpp sees it."""
    if not path.is_file():
        raise LocalModelError(f"{path}: 本地模型文件不存在（可用 scripts/get-local-model 获取）")
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(GGUF_MAGIC))
    except OSError as exc:
        raise LocalModelError(f"{path}: 本地模型文件无法读取（{exc.strerror}）") from None
    if magic != GGUF_MAGIC:
        raise LocalModelError(f"{path}: 不是 GGUF 模型文件")


class LocalTransport(httpx.BaseTransport):
    """Starts the local server at the first request that reaches it and sends requests there.

    A server that cannot start is remembered in ``failure`` (one line) and every later request
    fails at once: the client reports that line instead of a connection error.
    """

    def __init__(self, server: LocalServer, inner: httpx.BaseTransport | None = None,
                 on_start: Callable[[], None] | None = None, on_ready: Callable[[], None] | None = None):
        self.server = server
        self.inner = inner or httpx.HTTPTransport()
        self.on_start = on_start  # before loading (a progress line)
        self.on_ready = on_ready  # once loaded (the call's deadline starts again: loading is no answer)
        self.failure: str | None = None
        self._started = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._start()
        address = httpx.URL(self.server.base_url)
        request.url = request.url.copy_with(scheme=address.scheme, host=address.host, port=address.port)
        request.headers["Host"] = f"{address.host}:{address.port}"
        return self.inner.handle_request(request)

    def _start(self) -> None:
        if self.failure is not None:
            raise httpx.ConnectError(self.failure)
        if self._started:
            return
        if self.on_start is not None:
            self.on_start()
        try:
            self.server.__enter__()
        except LocalModelError as exc:
            self.failure = str(exc)
            raise httpx.ConnectError(self.failure) from None
        self._started = True
        if self.on_ready is not None:
            self.on_ready()

    def close(self) -> None:
        self.inner.close()
        if self._started:
            self.server.__exit__(None, None, None)
            self._started = False
