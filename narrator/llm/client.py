"""One client factory over openai + instructor, and one way to ask a task.

``ask`` renders the task's prompt file, sends it with temperature 0 and the
response model as the schema, lets instructor validate (with the document text
as ``context``) and retry a bounded number of times, and gives up with a
``ModelUnavailable`` carrying a one-line reason.  Callers turn that into one
warning and rules-only results; a model problem never crashes a check.

The settings' ``timeout`` is one deadline for the whole call (deadline.py); a
local model (``settings.local_model``) is started by the first request that is
not answered from the cache (local.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

from narrator.llm.deadline import TIMED_OUT, DeadlineTransport
from narrator.llm.exchanges import SCOPE_HEADER, ExchangeStore, ExchangeTransport, cache_scope
from narrator.llm.prompts import prompt_source, render_prompt
from narrator.llm.settings import ModelSettings
from narrator.redact import redact

T = TypeVar("T", bound=BaseModel)
PLACEHOLDER = "http://local-model.invalid/v1"  # a local model's address is known once it has started


class ModelUnavailable(Exception):
    """The model could not give a valid answer (down, too slow, refused, invalid).

    ``unreachable`` is True when the server itself failed (no connection, a timeout): asking it
    the next task is pointless.  Invalid answers to one task say nothing about the next.
    """

    def __init__(self, reason: str, unreachable: bool = False):
        super().__init__(reason)
        self.unreachable = unreachable


@dataclass
class ModelClient:
    settings: ModelSettings
    store: ExchangeStore
    max_tokens: int = 800
    verbose: bool = False  # llama.cpp's own log lines on stderr (a local model only)
    on_start: Any = None  # called once before a local model is loaded (a progress line)
    _instructor: Any = None
    _deadline: Any = None
    _local: Any = None

    def _client(self) -> Any:
        if self._instructor is None:
            import logging

            import instructor
            import openai

            # instructor logs each failed try; narrator reports one line itself (ModelUnavailable).
            for name in ("instructor", "openai", "httpx", "httpx2"):
                logging.getLogger(name).addHandler(logging.NullHandler())
                logging.getLogger(name).propagate = False

            try:
                import httpx2 as httpx
            except ImportError:  # pragma: no cover
                import httpx  # type: ignore[no-redef]

            # The deadline transport bounds the whole call; the client's own timeout only backs it up.
            self._deadline = DeadlineTransport(self._server_transport())
            http = httpx.Client(transport=ExchangeTransport(self.store, self._deadline),
                                timeout=self.settings.timeout)
            raw = openai.OpenAI(
                base_url=self.settings.base_url or (PLACEHOLDER if self.settings.is_local else None),
                api_key=self.settings.api_key.get_secret_value(),
                http_client=http,
                timeout=self.settings.timeout,
                max_retries=0,  # instructor does the retrying, with the validation error in hand
            )
            mode = getattr(instructor.Mode, self.settings.mode.upper())
            self._instructor = instructor.from_openai(raw, mode=mode)
        return self._instructor

    def _server_transport(self) -> Any:
        try:
            import httpx2 as httpx
        except ImportError:  # pragma: no cover
            import httpx  # type: ignore[no-redef]

        if not self.settings.is_local:
            return httpx.HTTPTransport()
        from narrator.llm.local import LocalServer, LocalTransport

        server = LocalServer(self.settings.local_model, threads=self.settings.threads, verbose=self.verbose)
        self._local = LocalTransport(server, on_start=self.on_start,
                                     on_ready=lambda: self._deadline.start(self.settings.timeout))
        return self._local

    def close(self) -> None:
        """Stops a local model that was started; the client can be used again afterwards."""
        if self._local is not None:
            self._local.close()

    def ask(self, task: str, response_model: type[T], variables: dict[str, Any],
            context: dict[str, Any], max_tokens: int | None = None, max_retries: int | None = None) -> T:
        """The task's answer, validated; ``max_retries`` below the settings' for a task whose failure costs
        little (its items stay unchecked)."""
        system, user = render_prompt(task, variables)
        scope = cache_scope(task, prompt_source(task), response_model.model_json_schema())
        started = time.monotonic()
        client = self._client()
        self._deadline.start(self.settings.timeout)
        try:
            answer = client.chat.completions.create(
                model=self.settings.model,
                response_model=response_model,
                messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
                context=context,
                max_retries=min(self.settings.max_retries, max_retries if max_retries is not None
                                else self.settings.max_retries),
                temperature=0,
                max_tokens=max_tokens or self.max_tokens,  # a small model that rambles is cut off, then retried
                extra_headers={SCOPE_HEADER: scope},  # the cache key's task scope; never sent on
            )
        except Exception as exc:  # openai, instructor and pydantic all raise their own kinds
            self.store.drop()
            local_failure = self._local.failure if self._local is not None else None
            if local_failure:
                raise ModelUnavailable(local_failure, unreachable=True) from None
            reason = _reason(exc, time.monotonic() - started, self.settings.api_key.get_secret_value())
            raise ModelUnavailable(reason, _unreachable(exc)) from None
        self.store.keep()  # validated: only now may the answer be cached
        return answer


def _unreachable(exc: Exception) -> bool:
    # instructor wraps the openai error in its retry exception: look at the text too
    name, text = type(exc).__name__.lower(), str(exc).lower()
    return any(word in name for word in ("connection", "timeout")) or any(
        word in text for word in ("connection error", "timed out", "timeout"))


def _reason(exc: Exception, elapsed: float, key: str) -> str:
    """One line, no request body and no key: only the kind and a short message."""
    text = redact(" ".join(str(exc).split()), [key])  # before shortening, which could cut a key in two
    name = type(exc).__name__
    if "timeout" in name.lower() or "timed out" in text.lower() or TIMED_OUT in text:
        return f"模型超时（{elapsed:.0f} 秒）"
    if "replay" in text:
        return "回放文件中没有这个请求的回答"
    return f"{name}: {text[:160]}"
