from __future__ import annotations

import logging
import sys

from meldpunt.common.logging import ContentFreeFormatter


def test_exception_messages_never_reach_the_log_but_frames_do() -> None:
    content = "narrative: they threatened my mother"
    try:
        raise ValueError(content)
    except ValueError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error", None, sys.exc_info()
        )
    text = ContentFreeFormatter("%(levelname)s %(message)s").format(record)
    assert "threatened" not in text
    assert "ValueError (message withheld)" in text
    assert "test_logging.py" in text
