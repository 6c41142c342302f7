"""A log formatter that keeps tracebacks but drops exception messages.

Protects reporters against their words reaching a log file: an exception raised while handling a
report can carry part of its content in its message (a value that failed to parse, a file name).
Operators still see where it failed: the exception type and every frame.
"""

from __future__ import annotations

import logging
import traceback
from types import TracebackType


class ContentFreeFormatter(logging.Formatter):
    def formatException(  # the name logging.Formatter calls
        self, ei: tuple[type[BaseException], BaseException, TracebackType | None] | tuple[None, None, None]
    ) -> str:
        kind, _value, trace = ei
        frames = "".join(traceback.format_tb(trace)) if trace else ""
        name = kind.__qualname__ if kind else "unknown"
        return f"Traceback (most recent call last):\n{frames}{name} (message withheld)"
