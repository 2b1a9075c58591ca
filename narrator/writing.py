"""The one home for writing what a user asked for: files given with ``-o``/``--report`` and stdout.

A file is written only to a new path or over a regular file (with ``--force``):
never over a directory, a device node, a FIFO or a socket, whatever the flags,
since replacing ``/dev/sda`` or a named pipe with a file is never what was meant.
It is written beside the target and renamed, so a failure never leaves half a
file.  Standard output is guarded: a full disk (``> /dev/full``) or a reader
that went away (``| head -1``) becomes one ``OutputError`` line, not a traceback.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

from narrator.errors import OutputError

_REASONS = {
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "超出磁盘配额",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "不允许写入",
    errno.EROFS: "文件系统只读",
    errno.EPIPE: "读取输出的程序已退出（管道已关闭），输出未写完",
}


def check_writable(out: Path, force: bool) -> None:
    """Refuse before any work is lost: not a regular file, an existing file without --force, no folder."""
    try:
        mode = os.stat(out).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(f"{out}: 无法使用此输出路径 — {reason(exc)}") from None
    if mode is not None and not stat.S_ISREG(mode):
        kind = "目录" if stat.S_ISDIR(mode) else "设备、管道或套接字等特殊文件"
        raise OutputError(f"{out}: 是{kind}，不能作为输出文件（--force 也不行）")
    if mode is not None and not force:
        raise OutputError(f"{out}: 文件已存在；如确需覆盖，请加 --force")
    if not out.parent.exists():
        raise OutputError(f"{out.parent}: 输出目录不存在")


def write_file(out: Path, data: bytes, force: bool) -> None:
    """Check ``out`` (see check_writable) and write ``data`` to it atomically."""
    check_writable(out, force)
    replace_atomically(out, data)


def write_text(out: Path, text: str, force: bool = False) -> None:
    write_file(out, text.encode("utf-8"), force)


def replace_atomically(out: Path, data: bytes) -> None:
    """Write beside the target and rename, so a failure never leaves half a file."""
    tmp: Path | None = None
    try:
        with tempfile.NamedTemporaryFile(dir=out.parent, prefix=f".{out.name}.", suffix=".narrator-tmp",
                                         delete=False) as stream:
            tmp = Path(stream.name)
            os.fchmod(stream.fileno(), _mode_for(out))  # a temporary file is private (0600); the result is not
            stream.write(data)
        tmp.replace(out)
    except OSError as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise OutputError(f"{out}: 无法写入 — {reason(exc)}") from None


def _mode_for(out: Path) -> int:
    """The permissions the file would have had: those of the file replaced, else the umask's."""
    try:
        return stat.S_IMODE(os.stat(out).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def reason(exc: OSError) -> str:
    """An OS error said in Chinese where narrator knows the words, else as the system says it."""
    return _REASONS.get(exc.errno, exc.strerror or type(exc).__name__)


class GuardedStdout:
    """``sys.stdout`` whose write errors are one OutputError; the rest passes through."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except OSError as exc:
            raise self._failed(exc) from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as exc:
            raise self._failed(exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)

    def _failed(self, exc: OSError) -> OutputError:
        # What is still buffered would fail again when Python exits and print a second
        # message: point the descriptor at /dev/null so the exit is quiet.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.stream.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass
        return OutputError(f"无法写入标准输出 — {reason(exc)}")


def guard_stdout() -> TextIO:
    """Install the guard on ``sys.stdout``; returns the stream it replaced."""
    original = sys.stdout
    if not isinstance(original, GuardedStdout):
        sys.stdout = GuardedStdout(original)  # type: ignore[assignment]
    return original
