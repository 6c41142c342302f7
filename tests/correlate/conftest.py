"""The correlation core must work offline: its public-suffix list, OpenCC tables and pinyin
dictionaries ship inside the installed packages. The normalisation tests use `offline`, which
refuses sockets, so a library that tried to fetch data would fail them instead of quietly reaching
out. (Module-scoped, not autouse: tests of the Django shell here may need a live server.)"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import NoReturn

import pytest


def _refuse(*args: object, **kwargs: object) -> NoReturn:
    raise AssertionError("the correlation core tried to use the network")


@pytest.fixture(scope="module")
def offline() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", _refuse)
        patch.setattr(socket.socket, "connect_ex", _refuse)
        patch.setattr(socket, "create_connection", _refuse)
        patch.setattr(socket, "getaddrinfo", _refuse)
        yield
