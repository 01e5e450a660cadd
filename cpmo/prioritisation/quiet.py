"""Keep solver chatter off stdout: HiGHS can print a stray line from C++ even with disp=False.

While any solve is running, file descriptor 1 points at stderr, so a CLI's JSON on stdout stays
clean and nothing is lost. Nested and concurrent solves share one redirection (reference count).
"""

import contextlib
import ctypes
import os
import sys
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_depth = 0
_saved_fd: int | None = None


def _flush_c_stdio() -> None:
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(None).fflush(None)


@contextlib.contextmanager
def solver_stdout_to_stderr() -> Iterator[None]:
    """Send everything written to file descriptor 1 to stderr for the duration of the block."""
    global _depth, _saved_fd
    with _lock:
        if _depth == 0:
            try:
                sys.stdout.flush()
                _flush_c_stdio()
                _saved_fd = os.dup(1)
                os.dup2(2, 1)
            except (OSError, ValueError, AttributeError):
                _saved_fd = None
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved_fd is not None:
                _flush_c_stdio()
                os.dup2(_saved_fd, 1)
                os.close(_saved_fd)
                _saved_fd = None
